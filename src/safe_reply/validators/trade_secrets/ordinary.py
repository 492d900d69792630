"""Which protected single words are also ordinary words, decided from word frequencies (wordfreq).

An operator should not have to know that "Nebel", "Blitz" or "Ember" are everyday words: at policy
load each single-word term is looked up in the German and English frequency lists of wordfreq
(a maintained package that ships its data, no network). A term whose Zipf frequency (log10 of
occurrences per billion words) reaches ORDINARY_ZIPF in either language, in its own or a plural
form, gets the name rule (context.py): a leak only where the reply uses it as a name. The operator
overrides with `ordinary_word: true|false`.

wordfreq's own lookup loads the whole list into a dict (about 1 s and 100 MB for German and English);
here each list is streamed once per process, bin by bin, only down to the threshold, and kept as a
set of word hashes (350,000 words of both languages, about 20 MB; never the words themselves).
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Collection, Iterable
from pathlib import Path

__all__ = ["ORDINARY_ZIPF", "ordinary_words", "word_forms"]

# Zipf 1.8 is about one occurrence in 16 million words: "Gämse" and "Hekla" are in, invented
# codenames ("Zorvak", "Pixtronic") and most surnames of suppliers are not.
ORDINARY_ZIPF = 1.8
LANGUAGES = ("de", "en")
_PLURALS = ("n", "s")  # "Gämse" is rarer than "Gämsen"; "-e", "-en" plurals add nothing measurable
_lock = threading.Lock()
_tables: dict[str, tuple[frozenset[int], frozenset[int]]] = {}
COMMON_ZIPF = 3.0  # one in a million words: the parts of an ordinary compound ("Hotel" + "Gruppe")


def word_forms(word: str) -> tuple[str, ...]:
    """The forms looked up for one term: itself and its regular plurals, case-folded as wordfreq stores them."""
    low = word.casefold()
    return (low, *(low + suffix for suffix in _PLURALS))


def ordinary_words(words: Iterable[str], languages: Collection[str] = LANGUAGES) -> frozenset[str]:
    """The words (of `words`, lower-cased) that are ordinary words in one of the languages."""
    tables = [_table(language)[0] for language in languages]
    result = set()
    for word in words:
        hashes = [hash(form) for form in word_forms(word)]
        if any(h in table for table in tables for h in hashes):
            result.add(word.lower())
    return frozenset(result)


def _table(language: str) -> tuple[frozenset[int], frozenset[int]]:
    """Hashes of the words at or above ORDINARY_ZIPF, and of those at or above COMMON_ZIPF."""
    with _lock:
        table = _tables.get(language)
        if table is None:
            table = _tables[language] = _read(language)
        return table


def _read(language: str) -> tuple[frozenset[int], frozenset[int]]:
    """Stream the language's cBpack list bin by bin, only down to the threshold."""
    table: set[int] = set()
    common: frozenset[int] = frozenset()
    path = _data_file(language)
    if path is None:
        return frozenset(), frozenset()
    import msgpack

    unpacker = msgpack.Unpacker(raw=False, max_buffer_size=0)
    with gzip.open(path) as handle:
        unpacker.feed(handle.read())
    count = unpacker.read_array_header()
    header = unpacker.unpack()
    if not isinstance(header, dict) or header.get("format") != "cB":
        return frozenset(), frozenset()
    # Bin b (after the header) holds the words of frequency 10 ** (-b / 100), so Zipf = 9 - b / 100.
    last_bin = min(count - 2, round((9 - ORDINARY_ZIPF) * 100))
    common_bin = round((9 - COMMON_ZIPF) * 100)
    for centibels in range(last_bin + 1):
        table.update(map(hash, unpacker.unpack()))
        if centibels == common_bin:
            common = frozenset(table)
    return table, common  # type: ignore[return-value]  # never mutated after this point


def _data_file(language: str) -> Path | None:
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - wordfreq is a dependency; without it no term is ordinary
        return None
    folder = Path(wordfreq.DATA_PATH)
    for name in (f"large_{language}.msgpack.gz", f"small_{language}.msgpack.gz"):
        if (folder / name).exists():
            return folder / name
    return None


def is_ordinary(word: str, languages: Collection[str] = LANGUAGES) -> bool:
    """One word (any case) at or above ORDINARY_ZIPF in one of the languages, plurals included."""
    return bool(ordinary_words((word,), languages))


def is_compound_of_ordinary(word: str, min_part: int = 4) -> bool:
    """Is `word` two common words joined ("Hotelgruppe", "Kühlwerk"), with or without a linking s?"""
    low = word.lower()
    for cut in range(min_part, len(low) - min_part + 1):
        head, tail = low[:cut], low[cut:]
        heads = (head, head[:-1]) if head.endswith("s") and len(head) > min_part else (head,)
        if any(_is_common(h) for h in heads) and _is_common(tail):
            return True
    return False


def _is_common(word: str) -> bool:
    hashes = [hash(form) for form in word_forms(word)]
    return any(h in _table(language)[1] for language in LANGUAGES for h in hashes)
