"""Words of German and English that mean the same, for comparing a reply with facts in the other language.

A company writes its facts, service terms and approved claims once, usually in German; its bot answers
English customers too. "Membership is free" is backed by "Mitgliedschaft kostenlos", "it only protects the
skin it covers" by "schützt nur die bedeckten Hautpartien" - but no word of one is a word of the other.
The glossary (validators/claims/glossary.yaml, a `glossary:` list in any claims vocabulary file, so a
company can add its own words) maps both sides onto shared meanings. Words are compared by their Snowball
stem (the standard stemming algorithms for German and English, from the maintained `snowballstemmer`
package), so "protects", "protected" and "protection" meet "schützt", "geschützt" and "Schutz" without an
inflection table of our own; a German compound the glossary does not hold is read by its longest tail it
does hold ("Kinderkleidung" -> "Kleidung").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import snowballstemmer  # type: ignore[import-untyped]

from safe_reply.types import Language

__all__ = ["FUNCTION_WORDS", "Glossary", "meaning_keys", "word_meanings"]

_MIN_TAIL = 4  # the shortest compound tail read on its own ("Haut" of "Sonnenhaut")
_MIN_HEAD = 3  # ... and what must stand before it: "Schatten" is no "S" + "chatten"


@functools.cache
def _stemmers() -> tuple[object, object]:
    return snowballstemmer.stemmer("german"), snowballstemmer.stemmer("english")


class Glossary:
    """Shared meanings of German and English words: `meaning(word, language)` gives a word's meanings (cached per
    word); `meaning_keys` turns a statement into keys comparable across the languages."""

    def __init__(self, entries: Sequence[tuple[Sequence[str], Sequence[str]]]) -> None:
        german, english = _stemmers()
        self._de: dict[str, set[int]] = {}
        self._en: dict[str, set[int]] = {}
        for index, (de_words, en_words) in enumerate(entries):
            for word in de_words:
                self._de.setdefault(german.stemWord(word.lower()), set()).add(index)  # type: ignore[attr-defined]
            for word in en_words:
                self._en.setdefault(english.stemWord(word.lower()), set()).add(index)  # type: ignore[attr-defined]
        self._size = len(entries)
        # Per word: a glossary is read at load and shared by every reply of the line (bounded: words repeat).
        self.meaning = functools.lru_cache(maxsize=65_536)(self._meaning)

    def __len__(self) -> int:
        return self._size

    def own_meaning(self, word: str, language: Language) -> frozenset[int]:
        """The meanings of the word itself in `language`, without reading a German compound by its parts
        ("Badezimmer" is no "immer"): for comparing topic words, where a part is no topic."""
        german, english = _stemmers()
        low = word.lower()
        if language is Language.EN:
            return frozenset(self._en.get(english.stemWord(low), set()))  # type: ignore[attr-defined]
        for form in _german_forms(low):
            found = self._de.get(german.stemWord(form))  # type: ignore[attr-defined]
            if found:
                return frozenset(found)
        return frozenset()

    def _meaning(self, word: str, language: Language | None = None) -> frozenset[int]:
        """The meanings a word has in its language (in both when it is not known: "Gift" is poison in
        German, a present in English). Empty when the glossary does not know the word."""
        low = word.lower()
        german, english = _stemmers()
        found: set[int] = set()
        if language is not Language.DE:
            found |= self._en.get(english.stemWord(low), set())  # type: ignore[attr-defined]
        if language is Language.EN:
            return frozenset(found)
        for form in _german_forms(low):
            found |= self._de.get(german.stemWord(form), set())  # type: ignore[attr-defined]
            if found:
                break
        if found or len(low) < 2 * _MIN_TAIL:
            return frozenset(found)
        if "-" in low:  # "Bio-Baumwolle": its last part
            last = low.rsplit("-", 1)[1]
            return self.meaning(last, Language.DE) if last else frozenset()
        # The longest tail the glossary knows (what the compound is) and the longest head (what it is of):
        # "Hautpartien" is about skin, "Kinderkleidung" is clothing.
        for cut in range(_MIN_HEAD, len(low) - _MIN_TAIL + 1):
            tail = self._de.get(german.stemWord(low[cut:]))  # type: ignore[attr-defined]
            if tail:
                found |= tail
                break
        for cut in range(len(low) - _MIN_HEAD, _MIN_TAIL - 1, -1):
            head = self._de.get(german.stemWord(low[:cut]))  # type: ignore[attr-defined]
            if head:
                found |= head
                break
        return frozenset(found)


# Snowball's German stemmer leaves verb endings and participles alone ("schützt", "abgedeckt"); the
# glossary lists infinitives and nouns.
_SEPARABLE = re.compile(r"^(ab|an|auf|aus|ein|mit|nach|vor|zu|zurück|um|weg|über|unter|durch)?ge(?=\w{3})")
_VERB_ENDING = re.compile(r"(?:est|et|st|te|t)$")


def _german_forms(word: str) -> tuple[str, ...]:
    """The word, then without a participle's "ge" and a verb ending: "abgedeckt" -> "abdeck"."""
    plain = _SEPARABLE.sub(lambda m: m.group(1) or "", word) if len(word) > 6 else word
    bare = _VERB_ENDING.sub("", plain) if len(plain) > 5 else plain
    return tuple(dict.fromkeys((word, plain, bare, f"{bare}en")))


# The closed classes of both languages (articles, pronouns, prepositions, conjunctions, auxiliaries and modal
# verbs, particles): no meaning of their own to compare. Every other word the glossary does not know - a name,
# a code, a superlative ("quietest") - is compared as written.
FUNCTION_WORDS = frozenset(
    """
    a an the this that these those it its it's they them their there here he she his her we us our you your
    i me my mine yours ours who whom whose which what when where why how if whether as than then so such
    and or but nor not no yes also too very just even still yet already only own same other another each
    every all any some both either neither few many much more most less least
    of in on at to for from by with about into onto over under above below between through during before
    after since until till up down out off per via within without against among around along across
    is are was were be been being am have has had having do does did done can could will would shall
    should may might must let lets get gets got
    der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner
    ich du er sie es wir ihr mich dich sich uns euch ihm ihn ihnen mein meine dein deine sein seine ihre
    unser unsere euer dieser diese dieses diesem diesen jener jene man wer was wann wo warum wie ob
    und oder aber sondern denn doch nicht auch noch schon nur sehr so dass als wenn weil damit
    von vom zu zum zur mit nach bei beim aus in im an am auf für über unter vor hinter neben zwischen durch
    gegen ohne um bis seit während wegen trotz pro je
    ist sind war waren bin bist sein gewesen hat habe haben hatte hatten wird werden wurde wurden worden
    kann können konnte muss müssen darf dürfen soll sollen will wollen mag möchte möchten
    ja nein bitte danke gern gerne etwa rund ca bzw usw
    """.split()
)


def meaning_keys(words: Iterable[str], glossary: Glossary, language: Language | None = None) -> frozenset[str]:
    """What a statement says, comparable across the languages: the meanings of the words the glossary knows,
    every other word but the function words as written (names, codes, figures: "lq", "50+", "13758-1")."""
    found: set[str] = set()
    for word in words:
        meanings = glossary.meaning(word, language)
        if meanings:
            found.update(f"#{m}" for m in meanings)
        elif word.lower() not in FUNCTION_WORDS:
            found.add(word.lower())
    return frozenset(found)


def word_meanings(
    words: Iterable[str], glossary: Glossary, language: Language | None = None
) -> tuple[frozenset[str], ...]:
    """`meaning_keys` word by word: a word with two meanings ("geprüft": tested, checked) is said when either is."""
    return tuple(keys for word in words if (keys := meaning_keys((word,), glossary, language)))
