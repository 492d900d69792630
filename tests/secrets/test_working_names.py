"""A working name is internal by what it is: "unter dem Arbeitsnamen X", "under the code name X", and the name
of what the company says it is working on ("daran arbeiten wir unter dem Namen X"). A listed term that is also
an ordinary word (a plant, a bird) is a name there; an unlisted one is reported as an unlisted name. Selling or
naming something under a public name stays quiet. A fictional aquarium maker and a kettle maker."""

from __future__ import annotations

import pytest

from .conftest import make_validator

_VALIDATOR = make_validator(
    [
        {"term": "Seerose", "kind": "codename", "ordinary_word": True},
        {"term": "Wren", "kind": "codename", "ordinary_word": True},
    ],
    allowed_terms=[],
)

NAMED = [
    ("An einer App-Steuerung arbeiten wir unter dem Namen Seerose, das soll 2027 kommen.", [(52, 59, "Seerose")]),
    ("Die Steuerung entwickeln wir gerade unter dem Namen Seerose.", [(52, 59, "Seerose")]),
    ("Die Steuerung läuft unter dem Arbeitsnamen Seerose.", [(43, 50, "Seerose")]),
    ("We're working on a smart kettle under the name Wren.", [(47, 51, "Wren")]),
    ("The kettle is listed under the code name Wren.", [(41, 45, "Wren")]),
    # the name first, then what the company does with it
    ("Unter dem Namen Seerose entwickeln wir eine App-Steuerung.", [(16, 23, "Seerose")]),
    ("Wren, which we develop now, is a kettle with an app.", [(0, 4, "Wren")]),
    # the company develops it; its developers test it
    ("Die Seerose wird gerade entwickelt.", [(4, 11, "Seerose")]),
    ("Seerose entwickeln wir seit Mai.", [(0, 7, "Seerose")]),
    ("Unsere Entwickler testen Seerose schon.", [(25, 32, "Seerose")]),
    ("Our developers are testing Wren already.", [(27, 31, "Wren")]),
    ("Die Seerose entwickeln unsere Ingenieure seit Mai.", [(4, 11, "Seerose")]),
    ("Die Seerose entwickelt unser Team seit Mai.", [(4, 11, "Seerose")]),
    ("Die Seerose Entwickler sind begeistert.", [(4, 11, "Seerose")]),
]
UNLISTED = [
    ("Ein neues Filtermodell testen wir unter dem Namen Bachlauf.", [(50, 58, "Bachlauf")]),
    ("We are developing a heater under the name Tindra.", [(42, 48, "Tindra")]),
]
QUIET = [
    "Die Seerose blüht im Teich, sie mag kein kaltes Wasser.",
    "Wir verkaufen die Pflanze unter dem Namen Seerose.",
    "A wren is a small brown bird.",
    "Die Seerose blüht ab Juli, wir entwickeln gerade ein Pflegeset dafür.",
    "We sell the plant under the name water lily.",
    # the word is what develops by itself
    "Die Seerose entwickelt im Juli ihre Blüten.",
    "Eine Seerose entwickelt sich am besten in ruhigem Wasser.",
    "A wren develops its song in the first spring.",
]


@pytest.mark.parametrize(("text", "expected"), NAMED + UNLISTED)
def test_a_working_name_is_a_name(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(leak.start, leak.end, text[leak.start : leak.end]) for leak in _VALIDATOR.scan(text)] == expected


@pytest.mark.parametrize("text", [text for text, _ in UNLISTED])
def test_an_unlisted_working_name_says_so(text: str) -> None:
    assert [leak.trick for leak in _VALIDATOR.scan(text)] == ["unlisted_name"]


@pytest.mark.parametrize("text", QUIET)
def test_a_public_name_and_the_ordinary_word_stay_quiet(text: str) -> None:
    assert _VALIDATOR.scan(text) == []
