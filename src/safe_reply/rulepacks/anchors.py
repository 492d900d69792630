"""Anchors and the words of a sentence: what decides, cheaply, whether a rule runs on a sentence at all.

An anchor is a literal the one Aho-Corasick automaton finds (with whether letters may stand before or
after it); an anchor written "{{class}}" stands for every form of the class's words. A rule's
`requires` words must also be in the sentence; `SentenceWords` reads each sentence's words once and
answers for every rule, and tells the sentence's language by its function words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ahocorasick_rs

from safe_reply.errors import ConfigError
from safe_reply.lang import only_language_of
from safe_reply.rulepacks.sentences import SentenceIndex
from safe_reply.rulepacks.vocabulary import REFERENCE, Expander, ExpansionError
from safe_reply.types import Language

FRAGMENT_FIX = "define the name under `fragments:` of the pack or in a vocabulary file of the family, or fix the typo"


@dataclass(frozen=True, slots=True)
class Anchor:
    """A literal the automaton finds, and whether letters may stand before / after it."""

    literal: str
    open_left: bool
    open_right: bool

    @classmethod
    def of(cls, written: str) -> Anchor:
        """An anchor as written in a rule: 'ki', 'künstlich*', '*bot'."""
        return cls(written.strip("*").strip().lower(), written.startswith("*"), written.endswith("*"))


def anchors_of(
    words: Sequence[str], expander: Expander, file: Path, key: str, errors: list[ConfigError]
) -> tuple[Anchor, ...]:
    """Anchors as written; an anchor written "{{class}}" stands for every form of the class's words."""
    anchors: list[Anchor] = []
    for index, written in enumerate(words):
        reference = REFERENCE.fullmatch(written.strip())
        if reference is None:
            anchors.append(Anchor.of(written))
            continue
        try:
            forms = expander.anchor_forms(reference.group(1))
        except ExpansionError as exc:
            errors.append(ConfigError(file, f"{key}[{index}]", str(exc), FRAGMENT_FIX))
            continue
        for form in forms:
            if not form.literal:
                continue
            endings = None if form.open_right else _endings(form.suffix)
            if endings is None:  # an open end ("\\w*") or an ending too rich to list: any letters may follow
                anchors.append(Anchor(form.literal, form.open_left, True))
            else:  # every inflected form as its own closed anchor: "run" is no anchor for "rund"
                anchors.extend(Anchor(form.literal + ending, form.open_left, False) for ending in endings)
    return tuple(dict.fromkeys(anchors))


_GROUP = re.compile(r"\(\?:([^()]*)\)(\??)")


def _endings(suffix: str, limit: int = 64) -> list[str] | None:
    """The literal endings a class form's suffix regex stands for ("(?:es|s)?" -> ["es", "s", ""]), or
    None when it is not a row of plain alternatives or has more than `limit` combinations."""
    endings = [""]
    at = 0
    while at < len(suffix):
        group = _GROUP.match(suffix, at)
        if group is None:
            return None
        choices = group.group(1).split("|") + ([""] if group.group(2) else [])
        if any(not all(c.isalnum() or c in "'’" for c in choice) for choice in choices):
            return None
        endings = [head + tail for head in endings for tail in choices]
        if len(endings) > limit:
            return None
        at = group.end()
    return list(dict.fromkeys(endings))


class SentenceWords:
    """Finds a rule's `requires` words in a sentence: the sentence's words are read once (one C-level
    regex over the lower-cased sentence) and shared by every rule; then a set intersection, one
    `startswith`/`endswith` pass with a tuple, and a substring test for phrases ("bei mir"). Far
    cheaper than a regex per rule or more anchors, and run only where an anchor of the rule hit."""

    __slots__ = ("_joined", "_languages", "_read", "lowered", "sentences")

    def __init__(self, lowered: str, sentences: SentenceIndex) -> None:
        self.lowered = lowered
        self.sentences = sentences
        self._read: dict[int, tuple[frozenset[str], str]] = {}
        self._joined: dict[int, str] = {}
        self._languages: dict[int, object] = {}

    def _words_of(self, sentence: int) -> tuple[frozenset[str], str]:
        read = self._read.get(sentence)
        if read is None:
            begin, end = self.sentences.bounds(sentence)
            part = self.lowered[begin:end].replace("’", "'")
            read = self._read[sentence] = (frozenset(_WORD.findall(part)), part)
        return read

    def _joined_words(self, sentence: int) -> str:
        """The sentence's words, each between line breaks ("\nich\nhabe\n"): see Needles.parts."""
        joined = self._joined.get(sentence)
        if joined is None:
            joined = self._joined[sentence] = "\n" + "\n".join(self._words_of(sentence)[0]) + "\n"
        return joined

    def language(self, sentence: int) -> Language | None:
        """The one language the sentence is written in, None when mixed or it does not tell."""
        known = self._languages.get(sentence, _UNKNOWN)
        if known is _UNKNOWN:
            known = self._languages[sentence] = only_language_of(self._words_of(sentence)[0])
        return known  # type: ignore[return-value]

    def within(self, needles: Needles, sentence: int) -> bool:
        words, part = self._words_of(sentence)
        if not needles.words.isdisjoint(words):
            return True
        if needles.parts is not None and needles.parts.search(self._joined_words(sentence)):
            return True
        if needles.prefixes and any(word.startswith(needles.prefixes) for word in words):
            return True
        if needles.suffixes and any(word.endswith(needles.suffixes) for word in words):
            return True
        if needles.infixes and any(infix in word for infix in needles.infixes for word in words):
            return True
        return needles.phrase_finder is not None and bool(needles.phrase_finder.find_matches_as_indexes(part))


_WORD = re.compile(r"[\w']+")
_UNKNOWN = object()


@dataclass(frozen=True, slots=True)
class Needles:
    """A rule's `requires` words sorted by how they are found ("’" read as "'").

    Word starts, word ends and parts of words made only of word characters are found by one regex
    (`parts`), in C, instead of a Python loop over every word of the sentence per needle; the same
    answer, since such a needle can only lie inside one word. The regex runs over the sentence's
    words joined by line breaks, so a word start is a literal "\n" in front of the needle: `re`
    jumps from line break to line break instead of testing a lookbehind at every character (2.6 ->
    0.3 µs for a sentence that holds none, measured). `prefixes`, `suffixes` and `infixes` keep the
    rare needles with other characters ("z.b"), read word by word.
    """

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    infixes: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    parts: re.Pattern[str] | None = None
    # The phrases in one Aho-Corasick automaton: a class of dates or periods expands to hundreds of
    # phrases ("next week", "end of this month", …); a Python `in` per phrase cost ~45 µs a sentence,
    # `re` with the phrases as one alternation more (it tries them one by one), the automaton 0.6 µs.
    phrase_finder: ahocorasick_rs.AhoCorasick | None = None

    def __bool__(self) -> bool:
        return bool(self.words or self.prefixes or self.suffixes or self.infixes or self.phrases or self.parts)


def needles_of(anchors: Sequence[Anchor]) -> Needles:
    """`requires` words for SentenceWords."""
    words: set[str] = set()
    prefixes: list[str] = []
    suffixes: list[str] = []
    infixes: list[str] = []
    phrases: list[str] = []
    parts: dict[tuple[bool, bool], list[str]] = {}  # (open left, open right) -> escaped literals
    for anchor in anchors:
        literal = anchor.literal.replace("’", "'")
        if " " in literal:
            phrases.append(literal)
        elif not (anchor.open_left or anchor.open_right):
            words.add(literal)
        elif _WORD.fullmatch(literal):  # inside one word: found by the one regex
            parts.setdefault((anchor.open_left, anchor.open_right), []).append(re.escape(literal))
        elif anchor.open_left and anchor.open_right:
            infixes.append(literal)
        elif anchor.open_right:
            prefixes.append(literal)
        else:
            suffixes.append(literal)
    pattern = re.compile("|".join(_part_group(*key, literals) for key, literals in parts.items())) if parts else None
    ordered = tuple(dict.fromkeys(phrases))
    # Any match is enough: the automaton reports one whenever some phrase occurs (`phrase in part`).
    finder = ahocorasick_rs.AhoCorasick(list(ordered)) if ordered else None
    return Needles(frozenset(words), tuple(prefixes), tuple(suffixes), tuple(infixes), ordered, pattern, finder)


def _part_group(open_left: bool, open_right: bool, literals: list[str]) -> str:
    """The literals that share their word-boundary conditions as ONE group, searched over the words
    joined by line breaks (SentenceWords._joined_words): a closed side is a "\n" next to the literal.
    One group per kind lets `re` test the alternatives only where a word starts, not every literal
    at every position (a class of 60 forms: 305 -> 9 µs per sentence, measured)."""
    left = "" if open_left else "\n"
    right = "" if open_right else "\n"
    return f"{left}(?:{'|'.join(dict.fromkeys(literals))}){right}"
