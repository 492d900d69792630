"""A retention offer ("Halteangebot 3 Monate gratis") is said as what a customer gets for staying, in German and
English: its value with the staying and what is given, or with a secret told. One of those alone is a public
offer or an ordinary sentence. A fictional streaming subscription."""

from __future__ import annotations

import pytest

from .conftest import make_validator

_VALIDATOR = make_validator([{"term": "Halteangebot 3 Monate gratis", "kind": "retention_offer"}], allowed_terms=[])

LEAKS = [
    ("Wenn Sie bleiben, gibt es 3 Monate gratis.", [(26, 34, "3 Monate")]),
    ("We give 3 months free to customers who stay.", [(8, 16, "3 months")]),
    ("Let me tell you a secret: 3 months free is possible.", [(26, 34, "3 months")]),
    # the term itself inside a compound (its value is not reported again as a fact of it)
    ("Unser Rückhalte-Angebot: 3 Monate gratis.", [(10, 40, "halte-Angebot: 3 Monate gratis")]),
]
QUIET = [
    "Die ersten 3 Monate sind gratis, danach 9,99 € im Monat.",
    "The first 3 months are free, then €9.99 a month.",
    "You can pause for 3 months if you stay on the annual plan.",
    "Wenn Sie bleiben, behalten Sie Ihre Playlists.",
]


@pytest.mark.parametrize(("text", "expected"), LEAKS)
def test_a_retention_offer_said_as_staying_leaks(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(x.start, x.end, text[x.start : x.end]) for x in _VALIDATOR.scan(text)] == expected


@pytest.mark.parametrize("text", QUIET)
def test_a_public_trial_and_staying_alone_are_quiet(text: str) -> None:
    assert _VALIDATOR.scan(text) == []
