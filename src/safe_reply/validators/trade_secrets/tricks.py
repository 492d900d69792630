"""Name the disguise of a leak ("homoglyph+spaced") for the finding's details.

Reviewers and the precision statistics want to know *how* a term got out; the label is derived from
the original characters of the span and the match shape, and never contains the term itself.
"""

from __future__ import annotations

import functools
import unicodedata

from safe_reply.validators.trade_secrets.automaton import Hit, MatchShape
from safe_reply.validators.trade_secrets.normalise import (
    MARKDOWN,
    GapKind,
    Skeleton,
    has_homoglyph,
    is_invisible,
    is_odd_space,
    is_pictograph,
)
from safe_reply.validators.trade_secrets.variants import VariantTrick

__all__ = ["describe_tricks"]

_UMLAUT_MARK = "\u0308"  # the canonical decomposition of ä, ö, ü (NFD): an encoding, not a disguise
_LEET_CHARS = frozenset("013457@$")


def describe_tricks(
    skeleton: Skeleton, hit: Hit, key: str, *, upper_term: bool, term_hyphen: bool, alias: bool
) -> str:
    """'+'-joined sorted trick names, or 'literal'."""
    original = skeleton.original[hit.start : hit.end]
    tricks: set[str] = set()
    if alias:
        tricks.add("alias")
    if hit.trick is not VariantTrick.PLAIN:
        tricks.add(hit.trick.value)
    if hit.shape is not MatchShape.WORD:
        tricks.add(hit.shape.value)
    tricks.update(_character_tricks(original))
    if _LEET_CHARS & set(original) - set(key):
        tricks.add("leetspeak")
    letters = [c for c in original if c.isalpha()]
    if not upper_term and len(letters) > 1 and all(c.isupper() for c in letters):
        tricks.add("case")
    gaps = skeleton.gaps[hit.skeleton_start + 1 : hit.skeleton_end]
    if GapKind.HARD in gaps and skeleton.is_single(hit.skeleton_start):
        tricks.add("spaced")
    if GapKind.HYPHEN in gaps and not term_hyphen:
        tricks.add("hyphenated")
    return "+".join(sorted(tricks)) or "literal"


def _character_tricks(original: str) -> set[str]:
    tricks: set[str] = set()
    if not (original.isascii() and original.isalnum()):  # plain ASCII letters and digits: nothing to name
        tricks.update(trick for trick in map(_char_trick, original) if trick is not None)
    if "&" in original and ";" in original:
        tricks.add("html_entity")
    if has_homoglyph(original):
        tricks.add("homoglyph")
    return tricks


@functools.lru_cache(maxsize=4096)
def _char_trick(char: str) -> str | None:
    """The disguise one character stands for (cached: a reply full of hits repeats its characters)."""
    if char == "\u00ad":
        return "soft_hyphen"
    if unicodedata.combining(char):
        return "nfd" if char == _UMLAUT_MARK else "combining"
    if is_invisible(char):
        return "zero_width"
    if is_pictograph(char):
        return "pictograph"
    if is_odd_space(char):
        return "spacing"
    if char in MARKDOWN:
        return "markdown"
    if char == "\n":
        return "linebreak"
    if char != "&" and unicodedata.normalize("NFKC", char) != char:
        return "unicode_compat"
    return None
