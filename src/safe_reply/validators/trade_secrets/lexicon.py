"""Translated codenames: "Igel" said as "the hedgehog project", "Leuchtturm" as "our lighthouse
platform", "Projekt Eisvogel" as "Project Kingfisher", and an English codename ("Falcon") said in
German ("Projekt Falke"). A bot that answers in the other language translates the codename without
thinking; the operator should not have to list every translation as an alias.

At policy load each term is looked up in a German-English lexicon of codename vocabulary
(lexicon_data.py): a word of its own ("Eisvogel" -> "kingfisher"), a compound of two lexicon words
with or without a linking letter ("Silberfuchs" -> "silver fox", "Sternenlicht" -> "star light"), a
term of several lexicon words and digits ("Nordlicht 2", "Projekt Eisvogel"), in either direction.
A translation is matched like an alias, always with the name rule (context.py): it is an ordinary
word of the other language, a leak only where the reply uses it as a name ("the hedgehog project",
"Our Kingfisher", „Kingfisher“), never the animal in the garden. A translation that is a common
English word ("cloud", "storm", "pearl": wordfreq Zipf >= COMMON_TRANSLATION_ZIPF) needs a naming cue
("project", "codename") or a capital: "our cloud platform" is anyone's cloud. A rarer one counts with
fewer cues than a listed codename: "a chalk line" is the tool ("line" names a product line only for
the codename itself).

Cost: a term whose first letters start no lexicon word (most of a long list) is dismissed by one set
lookup; nothing of this runs per reply.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from safe_reply.validators.trade_secrets.lexicon_data import ENTRIES

__all__ = [
    "COMMON_TRANSLATION_ZIPF",
    "STRONG_NAME_CUES",
    "TRANSLATION_CUES",
    "Lexicon",
    "Translation",
    "naming_core",
    "translation_table",
]

COMMON_TRANSLATION_ZIPF = 4.0  # about one in 100,000 words: "cloud", "storm", "eagle", "pearl"
# The cues that name a project whatever the word ("the cloud project", "codenamed Storm"), for
# translations common enough to be said every day. "called" and "named" are absent: "a bird called
# the kingfisher" is the bird.
STRONG_NAME_CUES: tuple[str, ...] = (
    "project", "projekt", "codename", "codenamed", "deckname", "arbeitstitel", "dubbed", "namens",
    "internally", "intern",
)  # fmt: skip
# The cues of a rarer translation ("our lighthouse platform", "the hedgehog prototype"): the name cues
# without the product-range words that make ordinary compounds of ordinary words ("a chalk line", "a
# storm series") and without "developed" ("the hedgehog detection was developed ...").
TRANSLATION_CUES: tuple[str, ...] = (
    *STRONG_NAME_CUES, "platform", "plattform", "generation", "successor", "nachfolger", "nachfolgemodell",
    "prototype", "prototyp", "launch", "release", "marktstart", "markteinführung", "roadmap", "unreleased",
    "unveröffentlicht", "upcoming", "internal", "replace", "replaces", "replacing", "ersetzt", "ersetzen", "ablösen",
    "ablöst",
)  # fmt: skip
# Words that make a term a project name around its codename ("Projekt Eisvogel", "Operation Falke").
NAMING_WORDS = frozenset({"projekt", "project", "codename", "operation", "mission", "vorhaben"})
_LINKS = ("", "s", "n", "en", "e", "es", "er")
_MIN_PART = 3
_PREFIX = 3
_MAX_TRANSLATIONS = 4
_MIN_NAME_WORDS = 2  # a name of this many words keeps its untranslatable words (its brand)
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Translation:
    text: str  # lower-case, words separated by spaces
    english: bool  # into English (else into German)


@dataclass(frozen=True, slots=True)
class Lexicon:
    de_en: dict[str, tuple[str, ...]]  # never mutated after load
    en_de: dict[str, tuple[str, ...]]
    prefixes: frozenset[str]  # the first letters of every word on either side: a cheap first test

    @staticmethod
    def load() -> Lexicon:
        """The lexicon, read once per process."""
        return _load()

    def translations(self, term: str) -> list[Translation]:
        """The translations of a term (one word, a compound, or lexicon words and digits), or []."""
        low = term.casefold()
        tokens = _TOKEN.findall(low)
        if not tokens or not tokens[0].isalpha() or not any(t[:_PREFIX] in self.prefixes for t in tokens):
            return []
        found: list[Translation] = []
        for english, table in ((True, self.de_en), (False, self.en_de)):
            per_token = [[t] if t.isdigit() else self._word(t, table, compounds=english) for t in tokens]
            known = any(w and not t.isdigit() for t, w in zip(tokens, per_token, strict=True))
            if len(tokens) >= _MIN_NAME_WORDS and known:
                # A product name's brand stays as it is where its other word is translated ("Federleicht
                # Arctic" of "Federleicht Arktis"): a bot translates the word it knows, never the brand.
                per_token = [w or [t] for t, w in zip(tokens, per_token, strict=True)]
            if all(per_token) and any(not t.isdigit() for t in tokens):
                for combo in itertools.islice(itertools.product(*per_token), _MAX_TRANSLATIONS):
                    text = " ".join(combo)
                    if text != " ".join(tokens):
                        found.append(Translation(text, english))
        return list(dict.fromkeys(found))

    def _word(self, word: str, table: dict[str, tuple[str, ...]], *, compounds: bool) -> list[str]:
        """A word's translations; a German compound of two lexicon words ("silberfuchs") read by parts."""
        if word in table:
            return list(table[word][:2])
        if not compounds:
            return []
        for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
            head, tail = word[:cut], word[cut:]
            if tail not in table:
                continue
            for link in _LINKS:
                if not head.endswith(link):
                    continue
                stem = head[: len(head) - len(link)]
                if len(stem) >= _MIN_PART and stem in table:
                    first, second = table[stem][0], table[tail][0]
                    return [f"{first} {second}", f"{first}{second}"]
        return []


@functools.cache
def _load() -> Lexicon:
    de_en: dict[str, tuple[str, ...]] = {}
    en_de: dict[str, list[str]] = {}
    for entry in ENTRIES.replace("\n", ";").split(";"):
        if not entry.strip():
            continue
        german, _, english = entry.partition(":")
        words = tuple(w.strip() for w in english.split(","))
        de_en[german.strip()] = words
        for word in words:
            en_de.setdefault(word, []).append(german.strip())
    prefixes = frozenset(w[:_PREFIX] for w in itertools.chain(de_en, en_de))
    return Lexicon(de_en, {k: tuple(v) for k, v in en_de.items()}, prefixes)


def naming_core(term: str) -> str | None:
    """The codename of a project name ("Eisvogel" of "Projekt Eisvogel"), or None: the one word that
    is no naming word, where every other word is one."""
    tokens = _TOKEN.findall(term)
    if len(tokens) != 2:
        return None
    rest = [t for t in tokens if t.casefold() not in NAMING_WORDS]
    return rest[0] if len(rest) == 1 and rest[0].isalpha() else None


def translation_table(single_words: Iterable[str], multi_words: Iterable[str]) -> dict[str, list[Translation]]:
    """The translations of the terms that have any, and of the codenames of project names (one pass at
    load, before word frequencies are looked up: their English words are looked up with the rest)."""
    lexicon = Lexicon.load()
    table: dict[str, list[Translation]] = {}
    cores = (core for term in multi_words if " " in term and (core := naming_core(term)) is not None)
    prefixes = lexicon.prefixes
    # The first letters dismiss most of a long list with one set lookup ("Zorvakqel" starts no word).
    # A name of several words is looked at when any of its words may be translated ("Federleicht Arktis").
    wanted = itertools.chain(
        (t for t in single_words if t[:_PREFIX].lower() in prefixes),
        (t for t in itertools.chain(multi_words, cores) if any(w[:_PREFIX] in prefixes for w in t.lower().split())),
    )
    for term in wanted:
        found = lexicon.translations(term)
        if found:
            table[term] = found
    return table
