"""Production-method claims ("in Handarbeit", "handmade", "kaltgepresst") are backed only by a fact that
names the same kind of method, in any of its words and languages (fictional lines, no corpus line)."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make

MADE_BY_HAND = ProductLine(
    id="beds",
    facts=(
        Fact(key="models", label_de="Modelle", value="Birkenhof Matratze M1 (Matratze)"),
        Fact(key="production", label_de="Fertigung", value="handgefertigt in Kassel; Bezug maschinell genäht"),
    ),
)
MACHINE_MADE = ProductLine(
    id="beds",
    facts=(
        Fact(key="models", label_de="Modelle", value="Birkenhof Matratze M1 (Matratze)"),
        Fact(key="production", label_de="Fertigung", value="Zuschnitt, Verklebung und Montage im Werk Kassel"),
    ),
)
DE = Context(product_line="beds", language=Language.DE)
EN = Context(product_line="beds", language=Language.EN)


@pytest.fixture(scope="module")
def by_hand() -> ClaimsValidator:
    return make(MADE_BY_HAND)


@pytest.fixture(scope="module")
def machine() -> ClaimsValidator:
    return make(MACHINE_MADE)


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        ("Bei uns zählt Handarbeit in Kassel.", DE, "claims.de/production-method"),
        ("The M1 is handmade in Kassel.", EN, "claims.en/production-method"),
        ("Die M1 ist handgefertigt und kaltgepresst.", DE, "claims.de/production-method"),
    ],
)
def test_a_production_method_the_facts_do_not_name(
    machine: ClaimsValidator, by_hand: ClaimsValidator, text: str, ctx: Context, rule: str
) -> None:
    assert flagged(machine, text, ctx) == [(rule, text)]
    if "kaltgepresst" in text:  # handmade is documented, cold-pressed is not
        assert [f.rule_id for f in by_hand.detect(text, ctx)] == [rule]
    else:
        assert by_hand.detect(text, ctx) == ()


def test_a_negated_method_is_no_claim(machine: ClaimsValidator) -> None:
    assert machine.detect("Die Matratzen werden nicht in Handarbeit gefertigt.", DE) == ()
