"""A code in a fact ("Charge B7") is written with a hyphen or a space where its letters meet its digits ("batch
B-7", "Charge B 7"); with the fact's concept it states the fact. The code beside another word, or another
code, does not. A fictional tracker maker's battery batch."""

from __future__ import annotations

import pytest

from .conftest import make_validator

_VALIDATOR = make_validator([{"term": "Charge K9", "kind": "quality_data"}], allowed_terms=[])

LEAKS = [
    ("Swelling complaints from batch K-9? I can't comment on that.", [(0, 34, "Swelling complaints from batch K-9")]),
    ("Die Charge K 9 wird gerade geprüft.", [(4, 14, "Charge K 9")]),
    ("Die Charge K-9 wird gerade geprüft.", [(4, 14, "Charge K-9")]),
]
QUIET = [
    "Die Charge K-8 ist unauffällig.",
    "Unser Hund K-9 liebt den Tracker.",
    "The K-9 unit of the police uses our tracker.",
]


@pytest.mark.parametrize(("text", "expected"), LEAKS)
def test_a_code_with_a_gap_states_the_fact(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(x.start, x.end, text[x.start : x.end]) for x in _VALIDATOR.scan(text)] == expected


@pytest.mark.parametrize("text", QUIET)
def test_the_code_alone_or_another_code_is_quiet(text: str) -> None:
    assert _VALIDATOR.scan(text) == []
