"""Which words are ordinary words of German or English, decided from word frequencies (wordfreq).

Two users: the trade-secret check (is a protected single word also an everyday word?) and the claims
check's product references (is "Laufrad" in "Laufrad Flitzer 12" a generic noun or part of the name?).

An operator should not have to know that "Nebel", "Blitz" or "Ember" are everyday words: at policy
load each single-word term is looked up in the German and English frequency lists of wordfreq
(a maintained package that ships its data, no network). A term whose Zipf frequency (log10 of
occurrences per billion words) reaches ORDINARY_ZIPF in either language, in its own or a plural
form, gets the name rule (context.py): a leak only where the reply uses it as a name. The operator
overrides with `ordinary_word: true|false`.

wordfreq's own lookup loads the whole list into a dict (about 1 s and 100 MB for German and English).
Here the words a policy needs are collected first (`Frequencies`), then each list is streamed once, bin
by bin, only down to the threshold, and intersected with them in C: the cost does not depend on the
number of terms, and nothing of the list stays in memory. Answers are cached per process.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "COMMON_ZIPF",
    "GERMAN_EXCESS",
    "ORDINARY_ZIPF",
    "Frequencies",
    "german_nouns",
    "is_compound_of_ordinary",
    "ordinary_words",
    "word_forms",
]

# Zipf 1.8 is about one occurrence in 16 million words: "Gämse" and "Hekla" are in, invented
# codenames ("Zorvak", "Pixtronic") and most surnames of suppliers are not.
ORDINARY_ZIPF = 1.8
COMMON_ZIPF = 3.0  # one in a million words: the parts of an ordinary compound ("Hotel" + "Gruppe")
# A firm's name is written as often in English as in German, give or take (Samsung 4.1/4.1, Bosch 4.0/3.3,
# Telekom 4.4/2.7, Lidl 3.8/2.6); German words are far rarer in English (klar 5.6/1.8, Sonne 4.8/2.3,
# Bahn 5.0/2.7, Kette 4.3/1.4), and so are brands only Germans talk about (Edeka 3.8/1.3, Tchibo 3.1/0).
GERMAN_EXCESS = 2.0
LANGUAGES = ("de", "en")
_PLURALS = ("n",)  # "Gämse" is rarer than "Gämsen"; "Lotse", "Lotsen"
_MIN_PART = 4
_CACHE_LIMIT = 20_000  # words; a longer list is looked up when it loads rather than kept in memory
_lock = threading.Lock()
_zipf: dict[str, tuple[float, float]] = {}  # casefolded word -> (Zipf in German, Zipf in English), hits only
_seen: set[str] = set()  # every word looked up (absent from _zipf: below ORDINARY_ZIPF everywhere)


def word_forms(word: str) -> tuple[str, ...]:
    """The forms looked up for one term: itself and its regular plurals, case-folded as wordfreq stores them."""
    low = word.casefold()
    return (low, *(low + suffix for suffix in _PLURALS))


class Frequencies:
    """The Zipf frequencies of the words one policy build asks about, looked up in one pass."""

    def __init__(self, words: Iterable[str], compounds: Iterable[str] = ()) -> None:
        # Set operations rather than word_forms per word: a list of 100,000 terms pays C-level set work.
        lows = {word.casefold() for word in words}
        later = {form for word in compounds for form in word_forms(word)}  # asked for after the build started
        wanted = lows.union(later, *({low + suffix for low in lows} for suffix in _PLURALS))
        self._table = _frequencies(wanted)
        # Only the forms asked for later are remembered (the single words are decided at once, in
        # ordinary_words): 100,000 terms would keep 200,000 strings for nothing.
        self._wanted = later
        self._common: frozenset[str] | None = None
        self._known: set[str] | None = None  # forms of `_wanted` in the German list at any frequency

    def _zipf(self, form: str) -> tuple[float, float]:
        if form not in self._wanted:  # not asked for in advance: one more (cached) lookup
            self._table.update(_frequencies({form}))
            self._wanted.add(form)
        return self._table.get(form, (0.0, 0.0))

    def ordinary(self, word: str, *, english: bool = False) -> bool:
        """At or above ORDINARY_ZIPF in German or English (with `english`: in English), plurals included."""
        return any(
            (z[1] if english else max(z)) >= ORDINARY_ZIPF for z in (self._zipf(f) for f in word_forms(word))
        )

    def known(self, word: str) -> bool:
        """Is `word` (or a plural) in the German list at all, however rare? A closed compound the list
        knows is an ordinary word ("Federkissen" 1.5, "Fußcreme" 1.2, below ORDINARY_ZIPF); a coined one
        ("Kieselstreu", "Novasofa") is in no list. The compounds passed to the constructor are looked up
        together, on the first call."""
        forms = word_forms(word)
        if self._known is None:
            self._known = set(_known_words(frozenset(self._wanted)))
        missing = frozenset(f for f in forms if f not in self._wanted)
        if missing:  # not asked for in advance: one more (cached) pass
            self._known.update(_known_words(missing))
        return self.ordinary(word) or not self._known.isdisjoint(forms)

    def german_word(self, word: str) -> bool:
        """Is `word` far more frequent in German than in English (by GERMAN_EXCESS)? Then it is a word of
        German ("Sonne", "klar", "Kette"), not a name that German uses as English does ("Samsung",
        "Telekom", "Lidl"). Only for words passed to the constructor (no lookup)."""
        german, english = self._table.get(word.casefold(), (0.0, 0.0))
        return german - english >= GERMAN_EXCESS

    def english_zipf(self, word: str) -> float:
        """The Zipf frequency of a word in English (0 if it is rarer than ORDINARY_ZIPF or unknown)."""
        return self._zipf(word.casefold())[1]

    def ordinary_words(self, words: Iterable[str], *, english: bool = False) -> frozenset[str]:
        """`ordinary` of many words at once, as their lower-cased forms: a set lookup per word (the
        words must have been passed to the constructor)."""
        found = {form for form, zipf in self._table.items() if (zipf[1] if english else max(zipf)) >= ORDINARY_ZIPF}
        if not found:
            return frozenset()
        # A word is ordinary when itself or one of its plurals was found: the found forms' stems.
        stems = found.union(*({f[: -len(s)] for f in found if f.endswith(s)} for s in _PLURALS))
        return frozenset(word.lower() for word in words if word.casefold() in stems)

    def common(self, word: str) -> bool:
        """At or above COMMON_ZIPF in German or English, plurals included."""
        if self._common is None:
            # The common words are few (the top of each list): read them once rather than looking up
            # every way to split every word of a long list (millions of strings for 100,000 terms).
            self._common = _common_words()
        return any(form in self._common for form in word_forms(word))

    def german_headed(self, word: str) -> bool:
        """Does `word` end in a common word of German only, after at least three letters ("Kondensat|pumpe",
        "Schwimmer|schalter", "Gries|bach")? Then it is a German compound: a kind of that thing or a place,
        whatever its first part, not a coined name ("Thermo|well", "Clear|flow" end in English words)."""
        low = word.casefold()
        german = _common_german_words()
        return any(low[cut:] in german for cut in range(3, len(low) - _MIN_PART + 1))

    def compound_of_common(self, word: str) -> bool:
        """Is `word` two common words joined ("Hotelgruppe", "Kühlwerk"), with or without a linking s?"""
        low = word.casefold()
        for cut in range(_MIN_PART, len(low) - _MIN_PART + 1):
            head, tail = low[:cut], low[cut:]
            heads = (head, head[:-1]) if head.endswith("s") and len(head) > _MIN_PART else (head,)
            if any(self.common(h) for h in heads) and self.common(tail):
                return True
        return False


def _frequencies(wanted: set[str]) -> dict[str, tuple[float, float]]:
    """(German, English) Zipf of the wanted words that are in a list at all (absent words are rare).
    Answers for small requests are cached per process; a long term list is looked up when it loads."""
    with _lock:
        missing = wanted - _seen
        if missing:
            found = {language: _stream(missing, language) for language in LANGUAGES}
            hits = {w: (found["de"].get(w, 0.0), found["en"].get(w, 0.0)) for w in {*found["de"], *found["en"]}}
            if len(wanted) > _CACHE_LIMIT:
                return {**{w: _zipf[w] for w in wanted & _zipf.keys()}, **hits}
            if len(_seen) + len(missing) > _CACHE_LIMIT:
                _zipf.clear()
                _seen.clear()
            _zipf.update(hits)
            _seen.update(missing)
        return {w: _zipf[w] for w in wanted & _zipf.keys()}


def ordinary_words(words: Iterable[str], *, english: bool = False) -> frozenset[str]:
    """The words (of `words`, lower-cased) that are ordinary words in German or English (or, with
    `english`, in English: there a capital marks a name, see context.py)."""
    listed = list(words)
    table = Frequencies(listed)
    return frozenset(word.lower() for word in listed if table.ordinary(word, english=english))


# A generic German noun: in the German list and clearly more German than English ("Laufrad" 2.8/0, "Tisch"
# 4.8/2.3), unlike names the two languages share ("Darjeeling" 2.5/2.6, "Body" 3.8/5.4).
_NOUN_ZIPF = 1.8
_NOUN_EXCESS = 1.0
_TAIL_ZIPF = COMMON_ZIPF  # the head of a compound the list does not hold ("Lern|tisch", "Holzeisen|bahn")
_MIN_TAIL = 4  # "Bahn" of "Holzeisenbahn"; three letters ("ler", "ell") end too many names


def german_nouns(words: Iterable[str]) -> frozenset[str]:
    """The capitalised words of `words` that are German nouns: listed themselves ("Laufrad", "Regenjacke"), or
    compounds whose last part is a common German word ("Holzeisenbahn", "Lerntisch", "Holz-Stapelturm"). A
    coined name ("Thermowell", "Wärmling") is none. One pass over the lists for all the words."""
    capitalised = [w for w in words if w[:1].isupper() and w.replace("-", "").isalpha()]
    if not capitalised:
        return frozenset()
    parts = {part for w in capitalised for part in w.split("-") if part}
    tails = {w: [w[i:] for i in range(1, len(w) - _MIN_TAIL + 1)] for w in parts}
    table = Frequencies([*parts, *(t for found in tails.values() for t in found)])

    def german(word: str, floor: float) -> bool:
        de, en = table._zipf(word.casefold())
        return de >= floor and de - en >= _NOUN_EXCESS

    def noun(word: str) -> bool:
        return german(word, _NOUN_ZIPF) or any(german(tail, _TAIL_ZIPF) for tail in tails[word])

    # A hyphenated compound is a noun when one of its parts is ("Bausteine-Set", "Holz-Stapelturm").
    return frozenset(w for w in capitalised if any(noun(part) for part in w.split("-") if part))


def is_compound_of_ordinary(word: str) -> bool:
    """Is `word` two common words joined ("Hotelgruppe")? (One-off lookups; a build uses Frequencies.)"""
    return Frequencies((), (word,)).compound_of_common(word)


@functools.lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Every word at or above COMMON_ZIPF in German or English (casefolded as wordfreq stores them);
    read once per process (about 60,000 words), as every product line's build asks."""
    words: set[str] = set()
    for language in LANGUAGES:
        for _, bin_words in _bins(language, COMMON_ZIPF):
            words.update(bin_words)
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def _common_german_words() -> frozenset[str]:
    """The common words of German (COMMON_ZIPF) that are clearly rarer in English (_NOUN_EXCESS): "pumpe",
    "schalter", "bach", not "flow", "master", "well". Read once per process, on first use."""
    german: dict[str, float] = {}
    for centibels, bin_words in _bins("de", COMMON_ZIPF):
        for word in bin_words:
            german.setdefault(word, 9 - centibels / 100)
    for centibels, bin_words in _bins("en", COMMON_ZIPF - _NOUN_EXCESS):
        for word in german.keys() & set(bin_words):
            if german[word] - (9 - centibels / 100) < _NOUN_EXCESS:
                german[word] = -1.0  # as common in English: no German head
    return frozenset(word for word, zipf in german.items() if zipf >= COMMON_ZIPF)


def _bins(language: str, down_to: float) -> Iterator[tuple[int, list[str]]]:
    """(centibels, words) of the language's list, bin by bin, down to Zipf `down_to`."""
    path = _data_file(language)
    if path is None:
        return
    import msgpack  # type: ignore[import-untyped]

    with gzip.open(path) as handle:  # streamed: the decompressed list is never in memory at once
        unpacker: Any = msgpack.Unpacker(handle, raw=False)
        count = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB":
            return
        # Bin b (after the header) holds the words of frequency 10 ** (-b / 100), so Zipf = 9 - b / 100.
        for centibels in range(min(count - 1, round((9 - down_to) * 100) + 1)):
            yield centibels, unpacker.unpack()


def _stream(wanted: set[str], language: str) -> dict[str, float]:
    """Zipf of the wanted words in the language's list, reading only bins down to ORDINARY_ZIPF."""
    found: dict[str, float] = {}
    for centibels, bin_words in _bins(language, ORDINARY_ZIPF):
        for word in wanted.intersection(bin_words):
            found.setdefault(word, 9 - centibels / 100)
    return found


@functools.lru_cache(maxsize=64)
def _known_words(wanted: frozenset[str]) -> frozenset[str]:
    """The wanted words that the German list holds at any frequency: the whole list is streamed (about
    0.5 s, at policy load and only for codenames whose note names a product kind), cached per request."""
    found: set[str] = set()
    for _, bin_words in _bins("de", 0.0):
        found.update(wanted.intersection(bin_words))
    return frozenset(found)


def _data_file(language: str) -> Path | None:
    # wordfreq's data folder (its DATA_PATH), found without importing the package: its import pulls in
    # tokenisers and codecs and costs a third of a second of every policy load.
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - wordfreq is a dependency
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    for name in (f"large_{language}.msgpack.gz", f"small_{language}.msgpack.gz"):
        if (folder / name).exists():
            return folder / name
    return None
