"""Invisible and in-word disguises (issue 14, item 7): every format, combining, enclosing and
default-ignorable code point, every space, markup, escapes and pictographs inside a protected term
are seen through, by Unicode property rather than a list; spans point into the original reply."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from safe_reply.validators.trade_secrets.normalise import _IGNORABLE_RANGES

from .conftest import found, make_validator

TERM = "Kulanzgrenze"
_validator = make_validator([{"term": TERM, "kind": "internal_limit", "ordinary_word": False}])

CODE_POINTS = sorted(
    {c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Cf", "Mn", "Me", "Zs")}
    | {c for low, high in _IGNORABLE_RANGES for c in range(low, high + 1)}
)


def test_the_property_covers_the_characters_a_list_missed() -> None:
    for code in (0x200E, 0x200F, 0x2061, 0x2064, 0x202A, 0x202E, 0x2066, 0x2069, 0x034F, 0xFE0F, 0xE0041, 0x061C,
                 0x3164, 0x115F, 0x00A0, 0x202F):  # fmt: skip
        assert code in CODE_POINTS


@settings(max_examples=400, deadline=None)
@given(code=st.sampled_from(CODE_POINTS), position=st.integers(min_value=2, max_value=len(TERM) - 2))
def test_any_invisible_or_space_code_point_inside_the_term_is_seen_through(code: int, position: int) -> None:
    # A diaeresis on a, o or u is the German umlaut (ä, ö, ü): another letter, not a disguise.
    assume(unicodedata.normalize("NFKC", TERM[position - 1] + chr(code))[:1] not in "äöü")
    disguised = TERM[:position] + chr(code) + TERM[position:]
    text = f"Die {disguised} liegt intern fest."
    assert found(_validator, text) == [(4, 4 + len(disguised), disguised)]


@pytest.mark.parametrize(
    ("disguised", "leaked", "trick"),
    [
        ("Kulanz<b>grenze</b>", "Kulanz<b>grenze", "decoded+zero_width"),  # an HTML tag inside the word
        ("<span>K</span><span>ulanzgrenze</span>", "K</span><span>ulanzgrenze", "decoded+zero_width"),
        ("Kulanz<!-- x -->grenze", "Kulanz<!-- x -->grenze", "decoded+zero_width"),
        ("[Kulanz](u)grenze", "Kulanz](u)grenze", "decoded+zero_width"),  # a markdown link splitting the word
        ("Kulanz\\u0067renze", "Kulanz\\u0067renze", "decoded"),  # a JSON escape
        ("Kulanz🙂grenze", "Kulanz🙂grenze", "pictograph"),
        (
            "K\u0303u\u0303l\u0303a\u0303n\u0303z\u0303grenze",
            "K\u0303u\u0303l\u0303a\u0303n\u0303z\u0303grenze",
            "combining",
        ),
        ("Kulanz\u200e\u2062grenze", "Kulanz\u200e\u2062grenze", "zero_width"),
    ],
)
def test_markup_escapes_and_pictographs_inside_the_word(disguised: str, leaked: str, trick: str) -> None:
    text = f"Die {disguised} ist intern."
    start = text.index(leaked)
    assert [(x.start, x.end, x.trick) for x in _validator.scan(text)] == [(start, start + len(leaked), trick)]


def test_a_free_standing_link_keeps_its_url() -> None:
    """Only a link glued to a word is decoded: a URL may itself carry a host that is a secret."""
    text = "Siehe [hier](https://example.org/kulanzgrenze) für Details."
    assert found(_validator, text) == [(33, 45, "kulanzgrenze")]
