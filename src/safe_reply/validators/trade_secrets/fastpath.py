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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from safe_reply.validators.trade_secrets.normalise import _FAST_ACCENTS, _FAST_DELETE

__all__ = ["FastView", "fast_view"]

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
_LEET_DIGITS = re.compile(rb"0(?:(?<=a[aA]0)|(?<=[aA]a0)|(?<=[aA]0)0*[aA]|0*[aA][aA])")
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
    if _LEET_DIGITS.search(raw.translate(_CASE_CLASSES)):
        return None
    return FastView(raw.translate(_SKELETON, _DROP), raw.translate(_CLASSES), raw)
