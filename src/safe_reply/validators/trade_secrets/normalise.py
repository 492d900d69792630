"""Normalise a reply into a *skeleton*: its letters and digits only, lower-cased, de-disguised,
each skeleton character mapped back to the original offsets it came from.

The skeleton is what the term automaton scans. Everything between two skeleton characters (spaces,
hyphens, zero-width characters, markdown, entities) is kept as a *gap* and classified, because the
word-boundary rules (inflection, compounds, short terms, spaced letters) are decided on gaps.

Two ways to build it, with identical results on the replies the fast one accepts:
- fast: `text.lower()` minus every non-alphanumeric character, one C-level regex substitution; only
  for replies without suspicious characters (`is_suspicious`). Offsets are computed lazily, only when
  the automaton reports a candidate.
- slow: per character: HTML entities decoded, NFKC (full-width, mathematical letters, NFD umlauts),
  homoglyphs mapped to Latin, lower-cased, leetspeak digits mapped inside words.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import IntEnum

from safe_reply.confusables import HOMOGLYPHS

__all__ = [
    "ACCENTS",
    "LEET",
    "GapKind",
    "Skeleton",
    "fast_skeleton_text",
    "full_skeleton",
    "has_homoglyph",
    "has_leet_digits",
    "is_invisible",
    "is_odd_space",
    "is_pictograph",
    "is_suspicious",
    "normalised_chars",
    "pieces",
]


class GapKind(IntEnum):
    """What separates two skeleton characters in the original reply."""

    NONE = 0  # nothing: same word
    JOIN = 1  # invisible or in-word only: zero-width, soft hyphen, markdown emphasis, "-\n" hyphenation
    HYPHEN = 2  # a visible hyphen: compound or split word ("Kranich-Projekt", "Kra-nich")
    HARD = 3  # whitespace or punctuation: a word boundary


ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
MARKDOWN = frozenset("*_~`")
# Default-ignorable code points that are not of category Cf/Mn/Me (Unicode DerivedCoreProperties):
# Hangul fillers, Khmer inherent vowels, unassigned ignorables and the whole tag-character plane.
_IGNORABLE_RANGES = (
    (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x2065, 0x2065), (0x3164, 0x3164),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me"})
# Pictographs between two letters hide a word as well as a zero-width character does ("Kulanz🙂grenze").
_PICTOGRAPH_CATEGORIES = frozenset({"So", "Sk"})
HYPHENS = frozenset("-\u2010\u2011\u2012\u2013")

# Characters that a German or English reply contains without any trick. A reply made only of these
# (and without the cheap patterns below) takes the fast path.
_SAFE = (
    "\t\n\r\x20-\x7e\u00a0\u00a7\u00ab\u00b0\u00b7\u00bb\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"
    "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u20ac"
)
_UNSAFE = re.compile(f"[^{_SAFE}]")  # non-Latin letters, zero-width, combining, full-width, math
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});")
_DIGITS = re.compile(r"[0-9]+")
# "@" or "$" between letters ("Kr@nich", "Bri$e"); an e-mail address ("service@lindwurm.de") is no
# disguise: its letters reach the skeleton as they are.
_LEET_SYMBOL_IN_WORD = re.compile(r"[^\W\d_](?:@(?![\w-]*\.[A-Za-z]{2,})|\$)[^\W\d_]")
_MARKDOWN_IN_WORD = re.compile(r"[^\W_][*_~`]+[^\W_]")
_BASE64_PADDING = re.compile(r"[A-Za-z0-9+/]{4,}=")
# Everything outside the Latin-1 letters and digits becomes a byte the fast skeleton deletes.
_FAST_DELETE = bytes(b for b in range(256) if not (48 <= b <= 57 or 97 <= b <= 122 or b >= 0xC0) or b in (0xD7, 0xF7))
_LINEBREAK_HYPHEN = re.compile(r"^[\-\u2010\u2011][ \t]*\r?\n[ \t]*$")

# Look-alikes: the table shared with the rule-pack engine's normalised view (safe_reply.confusables).
_HOMOGLYPHS = HOMOGLYPHS
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"}
_LEET_SYMBOLS = {"@": "a", "$": "s"}


@functools.lru_cache(maxsize=4096)  # per character: a reply repeats its characters
def is_invisible(char: str) -> bool:
    """Is `char` a format, combining or other default-ignorable code point (by Unicode property)?"""
    if unicodedata.category(char) in _INVISIBLE_CATEGORIES:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _IGNORABLE_RANGES)


@functools.lru_cache(maxsize=4096)  # per character: a reply repeats its characters
def is_pictograph(char: str) -> bool:
    return unicodedata.category(char) in _PICTOGRAPH_CATEGORIES


@functools.lru_cache(maxsize=4096)  # per character: a reply repeats its characters
def is_odd_space(char: str) -> bool:
    """A space other than the plain one (no-break, thin, ideographic...): inside a word it is a disguise."""
    return char != " " and unicodedata.category(char) == "Zs"


# Accented Latin letters fold to their base letter (ä, ö, ü keep theirs: umlaut spellings are variants of
# their own). Built from the Unicode decompositions of the Latin blocks, so "Metalúrgica", "Cafe" and a
# combining accent on every letter all meet the same key.
def _accent_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        if char in "äöüÄÖÜ":
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if base != char and len(base) == 1 and base.isascii():
            table[code] = base
    return table


ACCENTS = _accent_table()
_FAST_ACCENTS = bytes(ord(ACCENTS.get(b, chr(b))) if b >= 0xC0 else b for b in range(256))


def has_homoglyph(text: str) -> bool:
    """Does `text` contain a Cyrillic or Greek look-alike of a Latin letter?"""
    return text.translate(_HOMOGLYPHS) != text


def is_suspicious(text: str) -> bool:
    """True if the reply needs the slow, full normalisation.

    A few C-level searches, each guarded by a substring test, so that a clean 2,000-character reply
    costs well under 100 µs. Spaced letters, hyphens, markdown and "-\\n" need no slow path: the fast
    skeleton drops separators too and the gap rules read them from the original text.
    """
    if _UNSAFE.search(text):
        return True
    if "&" in text and _ENTITY.search(text):
        return True
    if ("@" in text or "$" in text) and _LEET_SYMBOL_IN_WORD.search(text):
        return True
    if "=" in text and _BASE64_PADDING.search(text):
        return True
    if any(m in text for m in MARKDOWN) and _MARKDOWN_IN_WORD.search(text):
        return True
    return any(_leet_digits(text, m.start(), m.end()) for m in _DIGITS.finditer(text))


def has_leet_digits(text: str) -> bool:
    """Would a reply's normalisation read a digit of `text` as a letter? ("Zorvak4821" yes; "ZR40",
    "KV9", "SOMMER37" no: digits after capitals are a code, kept as digits.)"""
    return any(_leet_digits(text, m.start(), m.end()) for m in _DIGITS.finditer(text))


def _leet_digits(text: str, start: int, end: int) -> bool:
    """Do the digits text[start:end] sit in a word with >= 2 letters ("Kr4n1ch", "H3atwav3")?

    Digits after capitals ("SOMMER37", "DANKE41": voucher and order codes) are no disguise: a word
    written with digits for letters keeps its lower case ("Bris3").
    """
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    left = before[-1:].isalpha()
    right = after[:1].isalpha()
    trailing = len(before) == 2 and before.isalpha() and not before.isupper()
    return (left and right) or trailing or (len(after) == 2 and after.isalpha())


def fast_skeleton_text(text: str) -> str:
    """The skeleton of a reply for which `is_suspicious` is False (no offsets: cheap).

    Such a reply has only Latin-1 letters and digits; other characters (including the few safe
    ones beyond Latin-1: dashes, quotes, €) become "?" and are deleted like all punctuation.
    """
    return text.lower().encode("latin-1", "replace").translate(_FAST_ACCENTS, _FAST_DELETE).decode("latin-1")


def classify_gap(gap: str) -> GapKind:
    """Classify the (normalised) characters removed between two skeleton characters."""
    if not gap:
        return GapKind.NONE
    visible = "".join(c for c in gap if not is_invisible(c))
    if not visible or all(c in MARKDOWN or is_pictograph(c) for c in visible):
        return GapKind.JOIN
    if len(visible) == 1 and visible in HYPHENS:
        return GapKind.HYPHEN
    if all(is_odd_space(c) for c in visible):
        return GapKind.HYPHEN  # a no-break or thin space: a word break, but also a disguise inside a term
    if _LINEBREAK_HYPHEN.match(visible):
        return GapKind.JOIN
    return GapKind.HARD


@dataclass(frozen=True, slots=True)
class Skeleton:
    """The skeleton of one text: `text[i]` came from `original[starts[i]:ends[i]]`.

    `gaps[i]` classifies what lies between skeleton characters i-1 and i; `gaps[0]` and
    `gaps[len(text)]` are HARD (the reply's edges are word boundaries).
    """

    text: str
    original: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    gaps: tuple[GapKind, ...]
    # token_end per index, filled by the walks of token_end (-1: not known yet).
    _token_ends: list[int] = field(default_factory=list, compare=False, repr=False)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets covering skeleton characters [start, end)."""
        return self.starts[start], self.ends[end - 1]

    def token_end(self, index: int) -> int:
        """First skeleton index >= index at which a new word or compound part begins.

        Each walk remembers its answer for every index it passed, so a word full of hits is walked
        once (linear), while a reply with one hit walks one word only."""
        known = self._token_ends
        n = len(self.text)
        if not known:
            known.extend([-1] * (n + 1))
        at = index
        while at < n and known[at] < 0 and self.gaps[at] <= GapKind.JOIN:
            at += 1
        end = known[at] if at < n and known[at] >= 0 else at
        known[index:at] = [end] * (at - index)
        return end

    def is_single(self, index: int) -> bool:
        """Is skeleton character `index` a one-letter word ("K r a n i c h")?"""
        return self.gaps[index] >= GapKind.HYPHEN and self.gaps[index + 1] >= GapKind.HYPHEN


def _units(text: str) -> Iterator[tuple[str, int, int]]:
    """(decoded text, start, end) per base character with its combining marks, or per HTML entity."""
    entities = {m.start(): m for m in _ENTITY.finditer(text)} if "&" in text else {}
    i, n = 0, len(text)
    while i < n:
        entity = entities.get(i)
        if entity is not None:
            decoded = html.unescape(entity.group())
            if decoded != entity.group():
                yield decoded, i, entity.end()
                i = entity.end()
                continue
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        yield text[i:j], i, j
        i = j


def normalised_chars(text: str) -> Iterator[tuple[str, int, int]]:
    """Single normalised characters (NFKC, homoglyphs mapped, case kept) with their original span."""
    for unit, start, end in _units(text):
        if len(unit) == 1 and is_odd_space(unit):  # NFKC would make it a plain space and hide the disguise
            yield unit, start, end
            continue
        for char in unicodedata.normalize("NFKC", unit).translate(_HOMOGLYPHS):
            yield char, start, end


# Plain text: Latin-1 letters, digits, ASCII whitespace and punctuation that NFKC, the homoglyph
# table, lower() and the leet rules all leave alone (checked in tests/secrets). Only the windows
# around anything else need the per-character normalisation below.
_PLAIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"
# Not "°": it is a symbol (So), which classify_gap joins inside a word like a pictograph
# ("Kulanz°grenze"), while a plain piece breaks the word at it; a hit's verdict then depended on how much
# of the text around it took which path.
_PLAIN_PUNCT = (
    ".,;:!?()\\[\\]\"'\u201e\u201c\u201d\u201a\u2018\u2019\u00ab\u00bb"
    "/%+#<>=\u2013\u2014\\-\u20ac\u00a7\u00b7\u2022|"
)
_WHITESPACE = " \t\n\r"
# Not plain: any other character, a letter next to a digit (leetspeak decides there), and a hyphen
# before a line break (the gap "-\n" joins the two tokens).
_NOT_PLAIN = re.compile(
    f"[^{_WHITESPACE}{_PLAIN_LETTERS}0-9{_PLAIN_PUNCT}]"
    f"|[{_PLAIN_LETTERS}][0-9]|[0-9][{_PLAIN_LETTERS}]"
    "|-[ \t]*\r?\n[ \t\r\n\u00ad\u034f\u0300-\u036f\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\ufeff]*"
)
_RUN = re.compile(r"[^\W_]+")
_TOKEN_END = re.compile(f"[^{_WHITESPACE}]*[{_WHITESPACE}]*")
_SLOW_SHARE = 0.5  # above this share of slow windows, one pass over the whole text is cheaper


def slow_windows(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint (start, end) windows that need the per-character normalisation.

    A window is every whitespace-delimited token with something not plain in it, plus the
    whitespace on both sides, so that a window always begins and ends at a word boundary (a HARD
    gap), and combining marks and "-\n" never straddle a window's edge.
    """
    windows: list[tuple[int, int]] = []
    for match in _NOT_PLAIN.finditer(text):
        start = match.start()
        if windows and match.end() < windows[-1][1]:
            continue  # inside the current window (a long token full of tricks stays linear)
        if windows and start < windows[-1][1]:
            start = windows[-1][0]  # e.g. a "-\n" at the window's end: extend over the next token
        else:
            while start > 0 and text[start - 1] not in _WHITESPACE:
                start -= 1
            while start > 0 and text[start - 1] in _WHITESPACE:
                start -= 1
        tail = _TOKEN_END.match(text, match.end())
        end = tail.end() if tail else match.end()
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def pieces(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, plain) pieces covering the text, in order."""
    windows = slow_windows(text)
    if sum(end - start for start, end in windows) > _SLOW_SHARE * len(text):
        return [(0, len(text), False)]
    pieces: list[tuple[int, int, bool]] = []
    at = 0
    for start, end in windows:
        if at < start:
            pieces.append((at, start, True))
        pieces.append((start, end, False))
        at = end
    if at < len(text):
        pieces.append((at, len(text), True))
    return pieces


def full_skeleton(text: str, *, leet: bool = True) -> Skeleton:
    """The complete skeleton with offsets and gaps (the slow path; also used after a fast-path hit).

    Plain pieces are reduced run by run (C-level `lower` and regex); only the windows around
    suspicious characters go through the per-character normalisation. Both give the same result
    as one per-character pass over the whole text (a hypothesis property in tests/secrets).
    """
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    gaps: list[GapKind] = []
    for start, end, plain in pieces(text):
        if plain:
            _plain_skeleton(text, start, end, chars, starts, ends, gaps)
            continue
        piece = _char_skeleton(text[start:end], leet=leet)
        chars.extend(piece.text)
        starts.extend(start + i for i in piece.starts)
        ends.extend(start + i for i in piece.ends)
        gaps.extend(piece.gaps[:-1])
    gaps.append(GapKind.HARD)
    return Skeleton("".join(chars), text, tuple(starts), tuple(ends), tuple(gaps))


# Byte classes of a plain piece (lower-cased, en dash made "-", encoded as Latin-1; the other plain
# characters beyond Latin-1 become "?"): "a" letter or digit, "-" hyphen, " " anything else. Then
# per character a gap code by a few C-level replaces: "0" NONE, "2" HYPHEN, "3" HARD.
_CLASS = bytes(ord("a") if chr(b).isalnum() else ord("-") if chr(b) == "-" else ord(" ") for b in range(0x100))
_MASK = bytes(1 if chr(b).isalnum() else 0 for b in range(0x100))
_GAP_BY_CODE = {ord("0"): GapKind.NONE, ord("2"): GapKind.HYPHEN, ord("3"): GapKind.HARD}


def _gap_codes(classes: bytes) -> bytes:
    """Per character: "0" after a letter, "2" after exactly one hyphen after a letter, "3" otherwise."""
    codes = (b" " + classes).replace(b"a", b"0").replace(b" 0", b" 3").replace(b"-0", b"-2")
    return codes.replace(b"--2", b"--3").replace(b" -2", b" -3")[1:]


def _plain_skeleton(
    text: str, start: int, end: int, chars: list[str], starts: list[int], ends: list[int], gaps: list[GapKind]
) -> None:
    """Append the skeleton of a plain piece, with no Python loop over its characters.

    A plain piece has no invisible characters, markdown or "-\n", so a gap is a single hyphen or a
    word boundary; the first gap is HARD because every piece starts at a word boundary.
    """
    encoded = text[start:end].lower().replace("\u2013", "-").encode("latin-1", "replace")
    mask = encoded.translate(_MASK)
    chars.append(encoded.translate(_FAST_ACCENTS, _FAST_DELETE).decode("latin-1"))
    starts.extend(itertools.compress(range(start, end), mask))
    ends.extend(itertools.compress(range(start + 1, end + 1), mask))
    gaps.extend(map(_GAP_BY_CODE.__getitem__, itertools.compress(_gap_codes(encoded.translate(_CLASS)), mask)))


def _char_skeleton(text: str, *, leet: bool = True) -> Skeleton:
    """The skeleton by one per-character pass (the reference; used for the windows)."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    gaps: list[GapKind] = []
    gap: list[str] = []
    for char, start, end in normalised_chars(text):
        for low in char.lower().translate(ACCENTS):
            if is_invisible(low):
                gap.append(low)
            elif low.isalnum() or (
                leet
                and low in _LEET_SYMBOLS
                and (_between_letters(chars, gap, text, end) or _leading_at(low, chars, gap, text, end))
            ):
                gaps.append(GapKind.HARD if not chars else classify_gap("".join(gap)))
                gap.clear()
                chars.append(low)
                starts.append(start)
                ends.append(end)
            else:
                gap.append(low)
    gaps.append(GapKind.HARD)
    if leet:
        _map_leet(chars, gaps)
    return Skeleton("".join(chars), text, tuple(starts), tuple(ends), tuple(gaps))


def _between_letters(chars: list[str], gap: list[str], text: str, end: int) -> bool:
    return bool(chars) and not gap and chars[-1].isalpha() and text[end : end + 1].isalpha()


# The rest of a word that starts with "@": letters and digits, with a leet digit among them ("@tl4s").
_LEET_WORD_REST = re.compile(r"[^\W_]*\d[^\W_]*")


def _leading_at(low: str, chars: list[str], gap: list[str], text: str, end: int) -> bool:
    """An "@" or "$" that starts a leetspeak word ("@tl4s" for "Atlas", "$turmv0gel"): at a word start,
    before a letter, and the word has a leet digit too (a handle such as "@support" keeps its "@" as a
    mark, a ticker such as "$AAPL" its "$")."""
    if low not in _LEET_SYMBOLS or (chars and not gap) or not text[end : end + 1].isalpha():
        return False
    rest = _LEET_WORD_REST.match(text, end)
    return rest is not None and sum(c.isalpha() for c in rest.group()) >= 2


def _map_leet(chars: list[str], gaps: list[GapKind]) -> None:
    """Map leet digits and symbols inside words of at least two letters ("Kr4n1ch", "H3atwav3").

    Words with one letter keep their digits: "T10", "E7" and "R17" are model names, not leetspeak.
    The same function runs over the terms at build time, so both sides agree.
    """
    n = len(chars)
    start = 0
    while start < n:
        end = start + 1
        while end < n and gaps[end] <= GapKind.JOIN:
            end += 1
        word = chars[start:end]
        if sum(c.isalpha() for c in word) >= 2:
            for k in range(start, end):
                chars[k] = LEET.get(chars[k], _LEET_SYMBOLS.get(chars[k], chars[k]))
        start = end
