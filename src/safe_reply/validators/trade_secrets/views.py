"""The view of a reply that the regex patterns and the fact scan read: the reply with its disguises
undone (NFKC, homoglyphs, entities, invisible characters) but its case, digits and punctuation kept,
and spaced single letters and digits joined ("E K 4,80 €" -> "EK 4,80 €", "9 0 €" -> "90 €"), as are letters
joined one by one with hyphens ("K-S-L-6021" -> "KSL-6021") and a number broken over two lines.

The term automaton reads the skeleton (normalise.py); patterns need punctuation, so they get this
view, built from the same windows (`normalise.pieces`): plain stretches are copied, only the windows around
suspicious characters are normalised character by character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from safe_reply.validators.trade_secrets.normalise import is_invisible, normalised_chars, pieces

__all__ = ["has_spaced_characters", "has_spaced_letters", "has_split_token", "has_token_markup", "pattern_view"]

# Single letters separated by spaces ("K u l a n z"): joined in the view.
_SPACED_SINGLE = re.compile(r"(?<![^\W_])([^\W\d_])[ \t]+(?=[^\W\d_](?![^\W_]))")
# Spaced single digits are joined the same way ("9 0 €" -> "90 €"); a digit before a group of three
# is a thousands group ("1 234 €") and stays as written.
_SPACED_DIGIT = re.compile(r"(?<![^\W_])(\d)[ \t]+(?=\d(?![^\W_]))")
# Markdown emphasis inside a token splits an identifier for a regex ("**WK**-4821", "WK-`4821`"):
# asterisks, backticks, strikethrough and doubled underscores between two non-space characters. A
# single underscore stays: it belongs to identifiers ("API_KEY").
_IN_TOKEN_MARKUP = re.compile(r"(?<=[^\s*_`~])(?:\*{1,3}|_{2,3}|`{1,3}|~~)(?=[^\s*_`~])")
# An identifier split by hyphens between its letters ("K-S-L-6021") or by a line break inside its number ("KSL-51
# ↵ 20"): the hyphens after single letters and the break between two digits are dropped in the view.
_HYPHENED_SINGLE = re.compile(r"(?<![^\W_])([^\W\d_])-(?=[^\W\d_](?![^\W_]))")
_BROKEN_NUMBER = re.compile(r"(?<=\d)([ \t]*\n[ \t]*)(?=\d)")


def has_split_token(text: str) -> bool:
    """Letters joined by hyphens one by one ("K-S-L") or a number broken over two lines: `pattern_view` joins them.

    A look at each hyphen and line break instead of a regex search: the search tried every position of the reply
    (80 µs for 2,000 characters, measured); a reply has a handful of hyphens."""
    size = len(text)
    at = text.find("-")
    while at >= 0:
        if (
            0 < at < size - 1
            and text[at - 1].isalpha()
            and text[at + 1].isalpha()
            and (at < 2 or not text[at - 2].isalnum())
            and (at + 2 >= size or not text[at + 2].isalnum())
        ):
            return True
        at = text.find("-", at + 1)
    at = text.find("\n")
    while at >= 0:
        left, right = text[max(0, at - 8) : at].rstrip(" \t"), text[at + 1 : at + 9].lstrip(" \t")
        if left[-1:].isdigit() and right[:1].isdigit():
            return True
        at = text.find("\n", at + 1)
    return False


def has_token_markup(text: str) -> bool:
    """Could the reply hold markdown emphasis inside a token (a cheap substring gate)?"""
    return ("*" in text or "`" in text or "__" in text or "~~" in text) and _IN_TOKEN_MARKUP.search(text) is not None


def has_spaced_letters(text: str) -> bool:
    """Single letters separated by spaces ("E K 4,80 €"): the regex patterns need `pattern_view`."""
    return _SPACED_SINGLE.search(text) is not None


# A cheap first test for has_spaced_characters (whitespace first: ~6x faster than the exact searches
# with their look-behinds). It holds for every spaced run at the start or after whitespace, and for
# every run of three or more; a run of two right after a sign ("(9 0 €)") is left to the other views.
_SPACED_HINT = re.compile(r"[ \t\n][^\W_][ \t]+[^\W_](?![^\W_])")


def has_spaced_characters(text: str) -> bool:
    """Single letters or single digits separated by spaces ("K u l a n z", "9 0 €"); see _SPACED_HINT."""
    if _SPACED_HINT.search(" " + text) is None:
        return False
    return _SPACED_SINGLE.search(text) is not None or _SPACED_DIGIT.search(text) is not None


def pattern_view(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The reply for the regex patterns: NFKC, homoglyphs mapped, entities decoded, invisible
    characters removed and spaced single letters and digits joined ("E K 4,80 €" -> "EK 4,80 €",
    "9 0 €" -> "90 €"); case,
    digits and punctuation are kept. Returns (view, starts, ends) with original offsets per char.
    """
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for piece_start, piece_end, plain in pieces(text):
        if plain:  # unchanged by every step below: the piece itself, one offset per character
            chars.append(text[piece_start:piece_end])
            starts.extend(range(piece_start, piece_end))
            ends.extend(range(piece_start + 1, piece_end + 1))
            continue
        for char, start, end in normalised_chars(text[piece_start:piece_end]):
            if is_invisible(char):
                continue
            chars.append(char)
            starts.append(piece_start + start)
            ends.append(piece_start + end)
    view = "".join(chars)
    if has_token_markup(view):
        view, starts, ends = _without(
            view, starts, ends, ((m.start(), m.end()) for m in _IN_TOKEN_MARKUP.finditer(view))
        )
    # Drop the spaces of spaced single letters and digits (each sorted and disjoint, and the two never
    # overlap: a letter's run ends before a digit's starts).
    spaces = sorted(
        [(m.end(1), m.end()) for m in _SPACED_SINGLE.finditer(view)]
        + [(m.end(1), m.end()) for m in _SPACED_DIGIT.finditer(view)]
        + [(m.end(1), m.end()) for m in _HYPHENED_SINGLE.finditer(view)]
        + [m.span(1) for m in _BROKEN_NUMBER.finditer(view)]
    )
    if spaces:
        view, starts, ends = _without(view, starts, ends, spaces)
    return view, tuple(starts), tuple(ends)


def _without(
    view: str, starts: list[int], ends: list[int], spans: Iterable[tuple[int, int]]
) -> tuple[str, list[int], list[int]]:
    """The view without the (sorted, disjoint) spans, with the offsets of what is kept; sliced span
    by span, so the cost is linear in the view."""
    kept_view: list[str] = []
    kept_starts: list[int] = []
    kept_ends: list[int] = []
    at = 0
    for start, end in spans:
        kept_view.append(view[at:start])
        kept_starts.extend(starts[at:start])
        kept_ends.extend(ends[at:start])
        at = end
    kept_view.append(view[at:])
    kept_starts.extend(starts[at:])
    kept_ends.extend(ends[at:])
    return "".join(kept_view), kept_starts, kept_ends
