"""Ordinary words decided for the operator (safe_reply/word_frequencies.py): a single-word term that is a common German
or English word gets the name rule without `ordinary_word` set by hand; an invented codename does not;
the operator overrides either way."""

from __future__ import annotations

import pytest

from safe_reply.word_frequencies import is_compound_of_ordinary, ordinary_words

from .conftest import make_validator

_validator = make_validator(
    [
        {"term": "Wiesel", "kind": "codename"},
        {"term": "Nebel", "kind": "codename"},
        {"term": "Ember", "kind": "codename"},
        {"term": "Blitz", "kind": "codename"},
        {"term": "Lotse", "kind": "codename"},
        {"term": "Zorvakel", "kind": "codename"},
    ]
)


def leaks(text: str) -> list[tuple[str, str | None]]:
    return [(text[x.start : x.end], x.evidence) for x in _validator.scan(text)]


def test_frequencies_decide() -> None:
    words = ["Wiesel", "Nebel", "Ember", "Blitz", "Lotse", "Gämse", "Kranich", "Zorvakel", "Pixtronic", "Lianyu"]
    assert ordinary_words(words) == {"wiesel", "nebel", "ember", "blitz", "lotse", "gämse", "kranich"}
    assert ordinary_words(["Ember", "Nebel"], english=True) == {"ember"}
    assert is_compound_of_ordinary("Hotelgruppe")
    assert not is_compound_of_ordinary("Lianyu")


@pytest.mark.parametrize(
    "text",
    [
        "Damit sind Sie flink wie ein Wiesel unterwegs.",
        "Bei Nebel ist die Orientierung schwierig.",
        "The embers were still glowing.",
        "Das ging blitzschnell, und im November kommt die Rechnung.",
        "Kein Problem, ich lotse Sie Schritt für Schritt durch die Kopplung.",
        "Der Name dieser Wetterlage ist Nebel.",  # "Name" is no cue: it names people and weather too
    ],
)
def test_the_ordinary_sense_passes(text: str) -> None:
    assert leaks(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das Projekt Wiesel startet im Frühjahr.", [("Wiesel", "context")]),
        ("Die ultraleichte Nebel-Linie kommt 2027.", [("Nebel", "compound")]),
        ("The next headset, Ember, is not announced yet.", [("Ember", "context")]),
        ("Our next headset, Ember, gets a USB-C mode.", [("Ember", "capitalised")]),
        ("Der Z0rvakel kommt bald.", [("Z0rvakel", None)]),  # not an ordinary word: every hit counts
        ("Zorvakel ist ein Name.", [("Zorvakel", None)]),
        ("Der N3bel ist noch geheim.", [("N3bel", "disguise")]),
    ],
)
def test_the_name_is_a_leak(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert leaks(text) == expected


def test_the_operator_overrides() -> None:
    strict = make_validator([{"term": "Nebel", "kind": "codename", "ordinary_word": False}])
    assert [(x.start, x.end) for x in strict.scan("Bei Nebel ist es kalt.")] == [(4, 9)]
    lenient = make_validator([{"term": "Zorvakel", "kind": "codename", "ordinary_word": True}])
    assert lenient.scan("Zorvakel ist ein Name.") == []
