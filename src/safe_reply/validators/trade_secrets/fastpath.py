"""The fast path of a clean reply: decide and reduce it with byte operations only.

Nearly every reply a bot sends is plain German or English text: Latin-1 letters, digits, ASCII
punctuation and a few typographic marks („ “ – € …). For such a reply `fast_view` returns, in a few
C-level byte operations, what the validator needs: the skeleton (lower-cased, accent-folded letters
and digits) and a class string for the cheap gates. Python's `str.lower()` alone costs about 10 µs
per 2,000 characters and a regex search over the whole reply several more; one `bytes.translate`
costs about 1 µs. Anything else (another script, an invisible or combining character, an HTML
entity, leetspeak, markdown inside a word, base64 padding) returns None: the reply needs the full
normalisation (normalise.full_skeleton). `fast_view(text) is None` equals `is_suspicious(text)`,
and the skeleton equals `fast_skeleton_text(text)` (a hypothesis property in tests/secrets).

When the automaton finds a candidate in the fast skeleton, the boundary rules need offsets and gaps.
`hit_windows` builds them only for the words around the candidates, not for the whole reply: the
full skeleton of a 2,000-character reply costs about 300 µs, the windows around one hit a few µs,
and that made a reply with a leak cost more than twice a clean one (issue 13's budget).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from safe_reply.validators.trade_secrets.normalise import _FAST_ACCENTS, _FAST_DELETE, Skeleton, full_skeleton

__all__ = ["FastView", "fast_view", "hit_windows", "text_windows"]

# The typographic marks beyond Latin-1 that a reply contains without any trick (normalise._SAFE).
_WIDE_SAFE = "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u20ac"
# Latin-1 characters that need no normalisation (normalise._SAFE restricted to Latin-1).
_SAFE_LATIN1 = bytes(
    b
    for b in range(256)
    if b in (9, 10, 13)
    or 0x20 <= b <= 0x7E
    or b in (0xA0, 0xA7, 0xAB, 0xB0, 0xB7, 0xBB)
    or (b >= 0xC0 and b not in (0xD7, 0xF7))
)
_LETTERS = frozenset(b for b in range(256) if chr(b).isalpha() and bytes([b]) in _SAFE_LATIN1)
_DIGITS = frozenset(range(0x30, 0x3A))
# Per byte: "a" letter, "0" digit, " " space or tab, "." anything else.
_CLASSES = bytes(
    ord("a") if b in _LETTERS else ord("0") if b in _DIGITS else ord(" ") if b in (9, 32) else ord(".")
    for b in range(256)
)
# str.lower() then the accent folding of the fast skeleton, as one byte table (Latin-1 only: for these
# characters lower() maps one character to one character).
_LOWER = bytes(ord(chr(b).lower()) for b in range(256))  # str.lower() of each Latin-1 character
_SKELETON = bytes(_FAST_ACCENTS[_LOWER[b]] for b in range(256))
# Bytes the skeleton drops: everything that is not a letter or digit once lower-cased (translate deletes
# by the input byte, the old pipeline by the lower-cased one).
_DROP = bytes(b for b in range(256) if _LOWER[b] in _FAST_DELETE)
# Per byte: 1 when the skeleton keeps it (then it is one skeleton character), else 0.
_KEPT = bytes(0 if b in _DROP else 1 for b in range(256))
_L = rb"A-Za-z\xc0-\xd6\xd8-\xf6\xf8-\xff"
_ENTITY = re.compile(rb"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});")
# As normalise._LEET_SYMBOL_IN_WORD: an e-mail address is no disguise.
_LEET_SYMBOL_IN_WORD = re.compile(rb"[" + _L + rb"](?:@(?![" + _L + rb"0-9_-]*\.[A-Za-z]{2,})|\$)[" + _L + rb"]")
_MARKDOWN_IN_WORD = re.compile(rb"[0-9" + _L + rb"][*_~`]+[0-9" + _L + rb"]")
_BASE64_PADDING = re.compile(rb"[A-Za-z0-9+/]{4,}=")
# On the case class string ("A" capital, "a" small letter): a digit run in a word of >= 2 letters (two
# letters before it, not both capitals: "SOMMER37" is a code; a letter on each side; or two letters
# after it). Every branch starts at a digit, so the search jumps from digit to digit (a byte search for
# "aa0" would stop at every letter: three times slower). As normalise._leet_digits.
# The last branch (tried only where no leet branch matched) marks two capitals right before a digit
# ("SOMMER37", "ZORVAK4821"): a code word to the fast view, maybe a term with digits in capitals. Found in
# the same search, it costs a clean reply nothing (a search of its own cost ~1-3 us, 5-12 % of a clean
# reply, once a list holds more than 20,000 digit terms).
_LEET_DIGITS = re.compile(rb"0(?:(?<=a[aA]0)|(?<=[aA]a0)|(?<=[aA]0)0*[aA]|0*[aA][aA]|(?<=AA0)(?P<capital>))")
_CASE_CLASSES = bytes(
    ord("A")
    if b in _LETTERS and chr(b).isupper()
    else ord("a")
    if b in _LETTERS
    else ord("0")
    if b in _DIGITS
    else ord(".")
    for b in range(256)
)
# On the padded class string: a one-letter word, spaces, a one-letter word. Two searches with a
# literal start each are faster than one with a character class in front.
_SPACED_AFTER_SPACE = re.compile(rb" a +a[ .]")
_SPACED_AFTER_OTHER = re.compile(rb"\.a +a[ .]")


@dataclass(frozen=True, slots=True)
class FastView:
    """A reply that needs no normalisation: its skeleton, and per character its class."""

    skeleton: bytes  # Latin-1: lower-cased, accent-folded letters and digits
    classes: bytes  # per character: "a" letter, "0" digit, " " space or tab, "." other
    raw: bytes  # per character its Latin-1 byte ("?" for the typographic marks beyond Latin-1)
    capital_digits: bool = False  # two capitals right before a digit somewhere ("SOMMER37", "ZORVAK4821")

    def offset_finder(self) -> Callable[[int], int]:
        """skeleton index -> offset of the reply character it came from (one each).

        The list of all offsets of a 2,000-character reply costs about 40 µs; a reply with a hit needs
        two of them. A skeleton character lies at least its index past the last known (index, offset)
        checkpoint: count the kept characters from there, then step forward by the shortfall (a C-level
        count per step) until it is made up. The shortfall shrinks with every step, so a query needs a
        few steps. Every answer becomes a checkpoint, so a reply full of hits counts each stretch once:
        counting from the reply's start per hit made a 1 MB reply with a term every 8 characters take
        minutes instead of seconds (quadratic).
        """
        kept = self.raw.translate(_KEPT)
        total = kept.count(1)
        known_index = [0]  # checkpoints: known_index[k] kept characters lie before offset known_at[k]
        known_at = [0]

        def offset(index: int) -> int:
            if not 0 <= index < total:
                raise IndexError(f"skeleton index {index} of a skeleton of {total} characters")
            k = bisect.bisect_right(known_index, index) - 1
            base_at, base_seen = known_at[k], known_index[k]
            at = base_at + (index - base_seen)
            seen = base_seen + kept.count(1, base_at, at)  # kept characters before `at`
            while seen <= index:
                # Exactly `step` kept characters in [at, at + step) are all of them kept: the last one
                # is the one looked for; fewer leave a shortfall for the next step.
                step = index + 1 - seen
                found = kept.count(1, at, at + step)
                if not found:  # a run of dropped characters ("----"): jump to the next kept one
                    at = kept.find(1, at + step)
                    continue
                seen += found
                at += step
            if index + 1 > known_index[-1]:  # hits come in reply order: the checkpoints stay sorted
                known_index.append(index + 1)
                known_at.append(at)
            return at - 1

        return offset

    def lowered(self) -> bytes:
        """`text.lower()` as Latin-1 bytes, one byte per character (the safe marks stay "?")."""
        return self.raw.translate(_LOWER)

    def has_spaced_letters(self) -> bool:
        """Single letters separated by spaces ("E K 4,80 €"), as normalise.has_spaced_letters."""
        padded = b"." + self.classes + b"."
        return _SPACED_AFTER_SPACE.search(padded) is not None or _SPACED_AFTER_OTHER.search(padded) is not None


def fast_view(text: str) -> FastView | None:
    """The fast view of a reply, or None when it needs the full normalisation (see the docstring)."""
    try:
        raw = text.encode("latin-1")  # a copy of the string's own bytes when it is Latin-1
    except UnicodeEncodeError:
        raw = text.encode("latin-1", "replace")
        # Every character beyond Latin-1 became "?": all of them must be safe typographic marks.
        if raw.count(b"?") - text.count("?") != sum(map(text.count, _WIDE_SAFE)):
            return None
    if raw.translate(None, _SAFE_LATIN1):  # a control character, a Latin-1 symbol, ×, ÷, a soft hyphen
        return None
    if b"&" in raw and _ENTITY.search(raw):
        return None
    if (b"@" in raw or b"$" in raw) and _LEET_SYMBOL_IN_WORD.search(raw):
        return None
    if b"=" in raw and _BASE64_PADDING.search(raw):
        return None
    if (b"*" in raw or b"_" in raw or b"~" in raw or b"`" in raw) and _MARKDOWN_IN_WORD.search(raw):
        return None
    # Digits in a word of >= 2 letters are leetspeak ("Kr4n1ch"); "T10" and "E7" are model names.
    capital = False
    for match in _LEET_DIGITS.finditer(raw.translate(_CASE_CLASSES)):
        if match.group("capital") is None:
            return None
        capital = True
    return FastView(raw.translate(_SKELETON, _DROP), raw.translate(_CLASSES), raw, capital)


# A window around a candidate starts and ends at ASCII whitespace that follows anything but whitespace
# or a hyphen. The whole reply's gap there holds that plain space and does not start with a hyphen
# ("Zaun-\nkönig" is one word), so it is HARD (normalise.classify_gap), as a window's own edges are:
# inside the window the skeleton, its offsets and its gaps equal the whole reply's (a hypothesis
# property in tests/secrets). One regex finds the breaks: a search per candidate space would read the
# rest of the reply again for each one.
_BREAK = re.compile(r"(?<=[^\s\-\u2010\u2011])[ \t\n\r]")
_LOOK_BACK = 64  # characters searched before a hit for its left break, doubled until one is found


def _left_break(text: str, at: int) -> int:
    """The largest window start <= at (0: the reply's start)."""
    reach = _LOOK_BACK
    while True:
        low = max(0, at - reach)
        breaks = list(_BREAK.finditer(text, low, at))
        if breaks:
            return breaks[-1].start()
        if low == 0:
            return 0
        reach *= 2


def _right_break(text: str, at: int) -> int:
    """The smallest window end >= at (len(text): the reply's end)."""
    found = _BREAK.search(text, at)
    return found.start() if found is not None else len(text)


def _window(text: str, start: int, end: int, *, leet: bool = False) -> Skeleton:
    """The full skeleton of text[start:end] with offsets into the whole reply."""
    local = full_skeleton(text[start:end], leet=leet)
    return Skeleton(
        local.text,
        text,
        tuple(start + i for i in local.starts),
        tuple(start + i for i in local.ends),
        local.gaps,
    )


def hit_windows(text: str, fast: FastView, spans: Iterable[tuple[int, int]]) -> list[Skeleton]:
    """Full skeletons (leet off, as on the fast path) of the words around the skeleton spans
    [start, end) of `fast`, one per group of overlapping or touching windows, in reply order."""
    offset = fast.offset_finder()
    return text_windows(text, ((offset(s), offset(e - 1) + 1) for s, e in spans))


def text_windows(text: str, spans: Iterable[tuple[int, int]], *, leet: bool = False) -> list[Skeleton]:
    """Full skeletons of the words around the reply spans [start, end) of a fast-path reply (see
    hit_windows), one per group of overlapping or touching windows, in reply order."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first < merged[-1][1]:  # inside the last window: at most its end moves on
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], _right_break(text, last))
            continue
        start, end = _left_break(text, first), _right_break(text, last)
        if merged and start <= merged[-1][1]:  # touching the last window: one window
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [_window(text, start, end, leet=leet) for start, end in merged]
