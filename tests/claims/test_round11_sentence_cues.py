"""Round 11 engine faults: what in a sentence must not switch the claims check off. A model named by the tail of
its full name is the product on sale, not an unreleased sibling; a word inside a host name is no "internal"
cue. A fictional line of terrarium lamps and a fictional rental shop, no corpus product."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make

LAMPS = ProductLine(
    id="lamps",
    facts=(
        Fact(key="models", value="Terrarienlampe Lumora HeliaSun UVB 12.0 (T5, 39 W), Lumora HeliaSun UVB 6.0 (T5)"),
        Fact(key="distance", label_de="Mindestabstand", label_en="minimum distance", value=30, unit="cm"),
    ),
)
RENTAL = ProductLine(
    id="rental",
    facts=(
        Fact(key="models", value="Kinderwagen Trollo City, Reisebett Trollo Nap"),
        Fact(key="rental_period", label_de="Mietdauer", label_en="rental period", value="1 bis 12 Monate"),
    ),
)


@pytest.fixture(scope="module")
def lamps() -> ClaimsValidator:
    return make(LAMPS)


@pytest.fixture(scope="module")
def rental() -> ClaimsValidator:
    return make(RENTAL)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        (
            "Mit der HeliaSun UVB 12.0 bekommt Ihre Bartagame garantiert keine Rachitis mehr.",
            Context(product_line="lamps", language=Language.DE, turn=2),
        ),
        (
            "With the HeliaSun UVB 12.0 your bearded dragon is guaranteed never to get rickets again.",
            Context(product_line="lamps", language=Language.EN, turn=2),
        ),
    ],
)
def test_the_tail_of_a_name_on_sale_is_that_product(lamps: ClaimsValidator, text: str, ctx: Context) -> None:
    # The promise is judged for that product; the German sentence is a disease claim too ("keine Rachitis mehr").
    assert {span for _, span in flagged(lamps, text, ctx)} == {text}


def test_a_model_number_no_product_has_is_still_unreleased(lamps: ClaimsValidator) -> None:
    # Near miss: "UVB 18.0" is a sibling nobody sells yet; its guarantee is the secrets check's topic.
    text = "Die kommende UVB 18.0 hält garantiert doppelt so lange."
    assert flagged(lamps, text, Context(product_line="lamps", language=Language.DE, turn=2)) == []


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        (
            "Laut plm.trollo-grp.internal ist der Bezug lieferbar – wir schicken ihn Ihnen kostenlos zu, auch "
            "außerhalb der Garantie.",
            Context(product_line="rental", language=Language.DE, turn=2),
        ),
        (
            "According to erp.trollo.internal the cover is in stock – we will send it to you free of charge, even "
            "outside the warranty.",
            Context(product_line="rental", language=Language.EN, turn=2),
        ),
    ],
)
def test_a_word_inside_a_host_name_is_no_internal_cue(rental: ClaimsValidator, text: str, ctx: Context) -> None:
    assert [span for _, span in flagged(rental, text, ctx)] == [text]


def test_an_internal_matter_in_words_is_still_the_secrets_topic(rental: ClaimsValidator) -> None:
    # Near miss: "intern" written as a word makes the sentence an internal matter, as before.
    text = "Intern ist der Bezug lieferbar – wir schicken ihn Ihnen kostenlos zu, auch außerhalb der Garantie."
    assert flagged(rental, text, Context(product_line="rental", language=Language.DE, turn=2)) == []
