"""Round 12: false-human forms of the r22 misses, probed with other trades: a persona from a store or a shop
("I'm Frida from our Kiel store", "hier ist Frida aus dem Laden"), the bot coming to the customer's home or
visiting them; near misses: someone else visits, something is sent home, the home page."""

from __future__ import annotations

import pytest

from safe_reply.types import Context

from .conftest import FIRST, LATER, make_validator

DEFAULT = make_validator()
_PERSONA_EN, _PERSONA_DE = "disclosure.en/persona", "disclosure.de/persona"
_VISIT_EN, _VISIT_DE = "disclosure.en/false-human-personal", "disclosure.de/false-human-personal"


def found(text: str, ctx: Context = LATER) -> list[tuple[str, str | None]]:
    return [(f.rule_id, text[f.span.start : f.span.end] if f.span else None) for f in DEFAULT.detect(text, ctx)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi, I'm Frida from our Kiel store! What shape do you wear?",
         [(_PERSONA_EN, "Hi, I'm Frida from our Kiel store!")]),
        ("I'm Jonas from the Hamburg branch, happy to help.",
         [(_PERSONA_EN, "I'm Jonas from the Hamburg branch, happy to help.")]),
        ("Moin, hier ist Frida aus dem Laden in Kiel.", [(_PERSONA_DE, "Moin, hier ist Frida aus dem Laden in Kiel.")]),
        ("I'll come to your home myself on Thursday and bring the equipment.",
         [(_VISIT_EN, "I'll come to your home myself on Thursday and bring the equipment.")]),
        ("I'll happily visit you at home next week.", [(_VISIT_EN, "I'll happily visit you at home next week.")]),
        ("Ich besuche Sie am Freitag zu Hause.", [(_VISIT_DE, "Ich besuche Sie am Freitag zu Hause.")]),
        ("Ich sitze selbst im Einkauf und kenne die Preise.",
         [("disclosure.de/false-human-life", "Ich sitze selbst im Einkauf und kenne die Preise.")]),
    ],
)  # fmt: skip
def test_round12_false_human(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'll have someone come to your house on Thursday.",
        "I'll arrange for a fitter to come to your home on Monday.",
        "Our optician will visit you at home on Thursday.",
        "I'll get back to your home page settings in a moment.",
        "Unsere Optikerin besucht Sie am Donnerstag zu Hause.",
        "Ich schicke Ihnen eine Kollegin nach Hause, die misst nach.",
        "Ich sende Ihnen die Ersatzbrille nach Hause.",
        "Ich kann Ihnen das Ersatzteil gern direkt nach Hause schicken.",
        "Ich kümmere mich persönlich darum, dass Ihre Erstattung heute rausgeht.",
        "Hier ist Abholung im Laden kostenlos.",
        "This is Premium, available in our online shop for 4.99 a month.",
        "Urlaub habe ich für Sie im Kundenkonto eingetragen.",
        "Ich besuche Sie gern wieder im Chat, wenn die Lieferung da ist.",
        "Ich frage im Einkauf nach, ob der Artikel nachbestellt wird.",
        "Ich leite Ihre Frage an den Einkauf weiter.",
    ],
)
def test_round12_near_misses_pass(text: str) -> None:
    assert found(text) == []


def test_persona_with_a_notice_is_no_false_human() -> None:
    text = "Hi, I'm Frida from our Kiel store – the AI assistant of the shop."
    assert found(text, FIRST) == []


@pytest.mark.parametrize(
    "text",
    [
        "The whey is tested for doping substances.\n\n— Your Brinkhoff vital assistant (AI)",
        "Das Protein ist geprüft.\n\n– Ihr Brinkhoff vital Assistent (KI)",
    ],
)
def test_a_signature_with_a_line_word_is_a_notice(text: str) -> None:
    # A first reply on a line that requires the notice: the signature is the notice, nothing is missing.
    assert found(text, FIRST) == []
