"""The normalised view of a reply: what a reader sees, with every offset mapped back to the original.

A notice written "КI-Assistent" (Cyrillic К), "K\u200bI-Assistent" (zero-width space), "ＡＩ assistant"
(full-width), "**K**I-generiert" (markdown inside the word) or "K I - A s s i s t e n t" (spaced
letters) is still read as a notice, and a claim disguised the same way is still read as a claim. The
rule-pack engine therefore scans this view instead of the raw text when the raw text contains such a
disguise, and maps every match and sentence back to offsets in the original reply.

What the view does, in this order:
- drops invisible characters (zero-width, soft hyphen, bidirectional controls: `confusables.INVISIBLE`);
- composes combining marks (NFC: "a" + U+0308 -> "ä");
- folds compatibility letters and digits (full-width, mathematical) with NFKC, and Cyrillic and Greek
  look-alikes to Latin (`confusables.fold_char`);
- drops markdown emphasis inside a word ("**K**I" -> "KI") and underscore emphasis at a word's
  edge ("_Diese Antwort …_", which would hide the word boundary from `\b`);
- joins spaced single letters ("K I - A s s i s t e n t" -> "KI-Assistent"): three or more letters,
  or two capitals ("A I"), each separated by one or two spaces.
Case, digits, punctuation and emoji stay as they are.

Cost: ordinary replies never build the view. The engine's Aho-Corasick pass already looks for the
`TRIGGERS` (every character the view would change, and spaced "K I" / "A I"), and markdown inside a
word is found by a few `str.find` calls; only a hit builds the view (a Python pass over the
characters that need folding, the rest is copied in slices).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from safe_reply.confusables import FULLWIDTH, HOMOGLYPHS, INVISIBLE, fold_char
from safe_reply.types import Span

__all__ = ["SPACED_TRIGGERS", "TRIGGERS", "NormalisedView", "has_markdown_in_word"]

# Single characters whose presence means a disguise: the view would change them. Lower-cased, as
# the engine's automaton scans the lower-cased reply.
TRIGGERS: frozenset[str] = frozenset(
    {c.lower() for c in INVISIBLE}
    | {c.lower() for c in FULLWIDTH}
    | {chr(c).lower() for c in HOMOGLYPHS}
    | {"\u0308", "\u0301", "\u0300", "\u0302"}  # combining marks of decomposed umlauts and accents
)
# Spaced acronyms ("K I", "A. I."): literals that must stand as whole words.
SPACED_TRIGGERS: tuple[str, ...] = ("k i", "a i", "k  i", "a  i")

_SPECIAL = re.compile("[\u00ad\u0300-\U0010ffff]")  # everything the view may change (and more)
_MARKDOWN = "*`~_"
# An underscore run is emphasis unless it joins two letters ("snake_case"): "_Antwort_", and also
# "_(KI)_" or "__KI-Antwort:__", where it touches punctuation and would still be read as a word.
_MARKDOWN_IN_WORD = re.compile(r"(?<=[^\W_])[*`~]+(?=[^\W_])|(?<!\w)_++(?!\w)|(?<!\w)_+(?=[^\W_])|(?<=[^\W_])_+(?!\w)")
_SPACED = re.compile(r"(?<![^\W_])(?:[^\W\d_]|-)(?: {1,2}(?:[^\W\d_]|-))+(?![^\W_])")


def has_markdown_in_word(text: str) -> bool:
    """Markdown that hides a word from a word boundary: emphasis between two letters ("**K**I") or an
    underscore emphasis glued to a word or to punctuation ("_Diese Antwort …_", "_(KI)_": "_" is a
    word character for regexes)."""
    for marker in _MARKDOWN:
        at = text.find(marker)
        while at >= 0:
            end = at
            while end < len(text) and text[end] == marker:
                end += 1
            left = at > 0 and text[at - 1].isalnum()
            right = end < len(text) and text[end].isalnum()
            if (left and right) if marker != "_" else _edge(text, at, end):
                return True
            at = text.find(marker, end)
    return False


def _edge(text: str, at: int, end: int) -> bool:
    """Is the underscore run text[at:end] an emphasis marker (not inside an identifier)?"""
    before = text[at - 1] if at > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") or not (after.isalnum() or after == "_")


@dataclass(frozen=True, slots=True)
class NormalisedView:
    """`text[i]` was read from `original[starts[i]:ends[i]]`."""

    text: str
    original: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, original: str) -> NormalisedView:
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        at = 0
        for match in _SPECIAL.finditer(original):
            i = match.start()
            if at < i:
                chars.append(original[at:i])
                starts.extend(range(at, i))
                ends.extend(range(at + 1, i + 1))
            at = i + 1
            char = original[i]
            if char in INVISIBLE or unicodedata.category(char) == "Cf":
                continue
            if unicodedata.combining(char) and starts:
                # Compose with the character before it (NFC); the result covers both originals.
                composed = unicodedata.normalize("NFC", chars[-1][-1] + char)
                if len(composed) == 1:
                    chars[-1] = chars[-1][:-1] + composed
                    ends[-1] = i + 1
                continue
            for folded in fold_char(char):
                chars.append(folded)
                starts.append(i)
                ends.append(i + 1)
        if at < len(original):
            chars.append(original[at:])
            starts.extend(range(at, len(original)))
            ends.extend(range(at + 1, len(original) + 1))
        view = cls("".join(chars), original, tuple(starts), tuple(ends))
        return view._without_markdown()._joined_letters()

    def span(self, start: int, end: int) -> Span:
        """The original offsets of view characters [start, end)."""
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else len(self.original)
            return Span(at, at)
        return Span(self.starts[start], self.ends[end - 1])

    def _keep(self, keep: list[bool]) -> NormalisedView:
        if all(keep):
            return self
        text = "".join(c for c, k in zip(self.text, keep, strict=True) if k)
        starts = tuple(s for s, k in zip(self.starts, keep, strict=True) if k)
        ends = tuple(e for e, k in zip(self.ends, keep, strict=True) if k)
        return NormalisedView(text, self.original, starts, ends)

    def _without_markdown(self) -> NormalisedView:
        """Drop emphasis markers between two letters ("**K**I" is read as "**KI") and underscores
        glued to a word ("_Diese Antwort_" is read as "Diese Antwort")."""
        text = self.text
        if not has_markdown_in_word(text):
            return self
        keep = [True] * len(text)
        for match in _MARKDOWN_IN_WORD.finditer(text):
            for k in range(match.start(), match.end()):
                keep[k] = False
        return self._keep(keep)

    def _joined_letters(self) -> NormalisedView:
        text = self.text
        keep = [True] * len(text)
        for match in _SPACED.finditer(text):
            run = match.group()
            letters = [c for c in run if c.isalpha()]
            if len(letters) < 3 and not (len(letters) == 2 and all(c.isupper() for c in letters)):
                continue
            for k in range(match.start(), match.end()):
                if text[k] == " ":
                    keep[k] = False
        return self._keep(keep)
