"""Round 12: whether a customer needs an official document is general product information where the product's
facts say the same, with the same negation, for the product named ("S2: keine Fahrerlaubnis" backs "you don't need a
driving licence" for the S2, not for the M45, whose facts name a licence class). A fictional scooter line."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="roller",
    facts=(
        Fact(key="models", value="Tretwerk S2 (E-Scooter), Tretwerk M45 (E-Moped)"),
        Fact(
            key="legal",
            label_de="Zulassung und Fahrerlaubnis",
            label_en="registration and licence",
            value="S2: Allgemeine Betriebserlaubnis, Versicherungsplakette nötig, keine Fahrerlaubnis, "
            "keine Helmpflicht; M45: Versicherungskennzeichen, Fahrerlaubnis Klasse AM, Helmpflicht",
        ),
    ),
)
DE = Context(product_line="roller", language=Language.DE, turn=2)
EN = Context(product_line="roller", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def roller() -> ClaimsValidator:
    return make(LINE)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("For the S2 you don't need a driving licence and there's no helmet requirement.", EN),
        ("Für den S2 brauchen Sie keine Fahrerlaubnis.", DE),
    ],
)
def test_a_permission_the_facts_state_for_the_product_passes(roller: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(roller, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "span"),
    [
        ("For the M45 you don't need a driving licence.", EN, "For the M45 you don't need a driving licence."),
        ("Für den M45 brauchen Sie keine Fahrerlaubnis.", DE, "Für den M45 brauchen Sie keine Fahrerlaubnis."),
    ],
)
def test_a_permission_the_facts_deny_for_the_product_is_flagged(
    roller: ClaimsValidator, text: str, ctx: Context, span: str
) -> None:
    rule = "claims.en/advice-permission" if ctx is EN else "claims.de/advice-permission"
    assert flagged(roller, text, ctx) == [(rule, span)]
