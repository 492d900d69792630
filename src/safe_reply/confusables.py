"""Characters that disguise text without changing what a reader sees: one table for every check.

A customer reads "КI-Assistent" (Cyrillic К), "K\u200bI" (a zero-width space) or "ＡＩ" (full-width
letters) as "KI-Assistent", "KI", "AI". Checks that look for words must see them the same way, so the
trade-secret skeleton and the rule-pack engine's normalised view both fold them with these tables.
This module has no imports from the rest of safe_reply: it is on the ground floor.
"""

from __future__ import annotations

import unicodedata

__all__ = ["FULLWIDTH", "HOMOGLYPHS", "INVISIBLE", "fold_char", "is_invisible"]

# Look-alikes (Unicode TR39 confusables restricted to what renders like Latin in common fonts).
HOMOGLYPHS = str.maketrans(
    "АВЕЅІЈКМНОРСТХУаеѕіјкмнорсхуԁԛԝһӏёΑΒΕΖΗΙΚΜΝΟΡΤΥΧαεικνορτυχ",
    "ABESIJKMHOPCTXYaesijkmhopcxydqwhleABEZHIKMNOPTYXaeikvoptux",
)

# Invisible characters a bot (or an attacker) puts inside words: zero-width space, non-joiner and
# joiner, word joiner, invisible operators, byte-order mark, soft hyphen, Mongolian vowel separator,
# and the bidirectional controls. All have Unicode category Cf ("format").
INVISIBLE = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# Full-width Latin letters and digits (U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A): NFKC folds them to ASCII.
FULLWIDTH = frozenset(
    chr(c) for start, end in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for c in range(start, end)
)


def is_invisible(char: str) -> bool:
    """A character that renders as nothing: the table above, or any other format character."""
    return char in INVISIBLE or unicodedata.category(char) == "Cf"


def fold_char(char: str) -> str:
    """What a reader sees in `char`: NFKC for compatibility letters and digits (full-width,
    mathematical alphanumerics, ligatures), then the homoglyph table. Punctuation and symbols stay."""
    if ord(char) > 0xFF and unicodedata.category(char)[0] in "LN":
        char = unicodedata.normalize("NFKC", char)
    return char.translate(HOMOGLYPHS)
