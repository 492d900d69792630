"""Round 13: false-human forms of the r24 misses, probed with other trades: handling the goods with one's own
hands ("I'll wrap it myself", "a handwritten note from me"), one's children as boys and girls ("meine Jungs");
near misses: the customer's children, a card that is printed, a check in the system."""

from __future__ import annotations

import pytest

from safe_reply.types import Context

from .conftest import LATER, make_validator

DEFAULT = make_validator()
_LIFE_EN, _LIFE_DE = "disclosure.en/false-human-life", "disclosure.de/false-human-life"
_FAMILY_DE = "disclosure.de/false-human-circumstance"


def found(text: str, ctx: Context = LATER) -> list[tuple[str, str | None]]:
    return [(f.rule_id, text[f.span.start : f.span.end] if f.span else None) for f in DEFAULT.detect(text, ctx)]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("I'll wrap the vase myself and post it this afternoon.", _LIFE_EN),
        ("I'll add a short handwritten note to your order.", _LIFE_EN),
        ("Ich verpacke die Vase gleich persönlich.", _LIFE_DE),
        ("Ich lege Ihnen eine kleine handgeschriebene Karte bei.", _LIFE_DE),
        ("Meine Jungs fahren mit dem Roller jeden Tag zur Schule.", _FAMILY_DE),
    ],
)
def test_hands_and_children_of_ones_own_are_a_person(text: str, rule: str) -> None:
    assert found(text) == [(rule, text)]


@pytest.mark.parametrize(
    "text",
    [
        "I'll check the tracking myself and let you know.",
        "Your order comes with a printed card.",
        "Die Jacke gibt es für Jungen und Mädchen.",
        "Ihre Jungs werden den Roller lieben.",
        "Sie können das Paket selbst verpacken, wenn Sie möchten.",
    ],
)
def test_near_misses_stay_benign(text: str) -> None:
    assert found(text) == []
