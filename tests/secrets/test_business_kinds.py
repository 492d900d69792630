"""Of an organisation's name, a word that says what kind of business it is ("Zoofachmarkt", "Praxiskette",
"Elektrohandel") is no distinctive part: "in jedem Zoofachmarkt" names no customer. The full name still leaks,
and so does a distinctive word of it. A fictional pet-food maker's key accounts."""

from __future__ import annotations

import pytest

from .conftest import make_validator

_VALIDATOR = make_validator(
    [
        {"term": "Zoofachmarkt Kettenberg", "kind": "key_account"},
        {"term": "Praxiskette Vetorix", "kind": "key_account"},
        {"term": "Elektrohandel Quandor", "kind": "supplier"},
    ],
    allowed_terms=[],
)

LEAKS = [
    ("Der Zoofachmarkt Kettenberg bekommt es günstiger.", [(4, 27, "Zoofachmarkt Kettenberg")]),
    ("Die Praxiskette Vetorix hat es exklusiv gelistet.", [(4, 23, "Praxiskette Vetorix")]),
    ("Vetorix lists it exclusively.", [(0, 7, "Vetorix")]),
    ("Wir beziehen die Platinen von Quandor.", [(30, 37, "Quandor")]),
]
QUIET = [
    "Das Futter gibt es in jedem Zoofachmarkt.",
    "You can buy it at any Zoofachmarkt in Germany.",
    "Fragen Sie in der Praxiskette Ihres Vertrauens.",
    "Im Elektrohandel kostet das Kabel etwa 5 €.",
]


@pytest.mark.parametrize(("text", "expected"), LEAKS)
def test_the_name_and_its_distinctive_word_leak(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(x.start, x.end, text[x.start : x.end]) for x in _VALIDATOR.scan(text)] == expected


@pytest.mark.parametrize("text", QUIET)
def test_the_kind_of_business_alone_is_no_leak(text: str) -> None:
    assert _VALIDATOR.scan(text) == []
