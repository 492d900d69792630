"""The windowed normalisation (plain pieces run by run, per character only around suspicious
characters) gives exactly the skeleton and pattern view of one per-character pass."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.validators.trade_secrets.normalise import (
    _HOMOGLYPHS,
    _PLAIN_LETTERS,
    _PLAIN_PUNCT,
    _char_skeleton,
    full_skeleton,
    is_invisible,
    normalised_chars,
    slow_windows,
)
from safe_reply.validators.trade_secrets.views import (
    _BROKEN_NUMBER,
    _HYPHENED_SINGLE,
    _IN_TOKEN_MARKUP,
    _SPACED_DIGIT,
    _SPACED_SINGLE,
    pattern_view,
)

# Plain words and separators mixed with every kind of trick character and their neighbours.
PIECES = [
    "Kranich", "Projekt", "Möwe", "Straße", "E-Bike", "412,50", "2.000", "T9", "Kr4n1ch", "Kr@nich",
    "K", "r", "a", "ÄÖÜ", "ÿß", " ", " ", "  ", "\n", "\t", "-", "–", "—", "…", ",", ".", "„", "“", "'", "€", "•", "«",
    "\u200b", "\u00ad", "&shy;", "&#75;", "\u0308", "а", "Κ", "Ｋ", "𝐊", "**", "_", "\u00a0",
    "-\n", "- \n", "-\n\n", "\r\n", "Ｋ-\n", "а-\n",
    "\u200e", "\ufe0f", "\U000e0041", "\u3164", "\u0303", "\u202f", "\u2009", "🙂", "é", "Ú", "ñ", "Café",
    "°", "§", "·", "|", "…" * 20,  # symbols between letters; a long slow run flips full_skeleton's strategy
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, st.booleans())
def test_windowed_skeleton_equals_the_per_character_pass(text: str, leet: bool) -> None:
    assert full_skeleton(text, leet=leet) == _char_skeleton(text, leet=leet)


def _reference_view(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """pattern_view by one per-character pass, markup inside tokens dropped and spaced single
    letters and digits, letters joined by hyphens and numbers broken over a line joined the same way."""
    kept = [(c, s, e) for c, s, e in normalised_chars(text) if not is_invisible(c)]
    view = "".join(c for c, _, _ in kept)
    markup = {i for m in _IN_TOKEN_MARKUP.finditer(view) for i in range(m.start(), m.end())}
    kept = [k for i, k in enumerate(kept) if i not in markup]
    view = "".join(c for c, _, _ in kept)
    drop = {i for m in _SPACED_SINGLE.finditer(view) for i in range(m.end(1), m.end())}
    drop |= {i for m in _SPACED_DIGIT.finditer(view) for i in range(m.end(1), m.end())}
    drop |= {i for m in _HYPHENED_SINGLE.finditer(view) for i in range(m.end(1), m.end())}
    drop |= {i for m in _BROKEN_NUMBER.finditer(view) for i in range(m.start(1), m.end(1))}
    keep = [i for i in range(len(view)) if i not in drop]
    return "".join(view[i] for i in keep), tuple(kept[i][1] for i in keep), tuple(kept[i][2] for i in keep)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_windowed_pattern_view_equals_the_per_character_pass(text: str) -> None:
    assert pattern_view(text) == _reference_view(text)


def test_plain_text_needs_no_window() -> None:
    text = "Ihr E-Bike ist am Montag eingegangen – die Reparatur kostet 412,50 € (inkl. MwSt.)."
    assert slow_windows(text) == []
    assert slow_windows("Das Projekt Kra\u200bnich startet.") == [(11, 21)]
    assert slow_windows("Zu Kr4n1ch gibt") == [(2, 11)]
    assert slow_windows("Es heißt Kra-\nnich.") == [(8, 19)]


def test_plain_characters_are_left_alone_by_every_step() -> None:
    letters = [c for c in map(chr, range(0x100)) if c.isalpha() and c in _plain_letters()]
    for char in letters + [c for c in _PLAIN_PUNCT if c != "\\"]:
        assert unicodedata.normalize("NFKC", char) == char
        assert char.translate(_HOMOGLYPHS) == char
        assert len(char.lower()) == 1
        assert unicodedata.combining(char) == 0


def _plain_letters() -> str:
    ranges = _PLAIN_LETTERS.replace("A-Z", "").replace("a-z", "")
    result = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    for k in range(0, len(ranges), 3):
        result += "".join(map(chr, range(ord(ranges[k]), ord(ranges[k + 2]) + 1)))
    return result
