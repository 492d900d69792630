"""Round 17: what depends only on the policy is read once at load (a line's delivery and subscription figures and
the discounts its terms grant are FactBase fields); a range value is a numeric fact, one qualifier value may belong
to several models, a measuring distance is no fact, and a figure that is exactly the model's documented value is
compared with it though another attribute's clause words stand nearby. Probed with a fictional desk line."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.quantities import Dimension
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator
from safe_reply.validators.claims.fact_parts import value_of
from safe_reply.validators.claims.facts import FactBase
from safe_reply.validators.claims.service_figures import granted_discounts, schedule_figures, topic_words

from .conftest import flagged, make
from .test_round16 import HOODS

_DAY = 86_400.0


def test_schedule_figures_are_read_at_load() -> None:
    base = FactBase.from_product_line(HOODS)
    # Only the terms about a delivery or a subscription: the filter plan ("10 % Rabatt, Lieferung alle 6 Monate");
    # the shipping term's amounts are money, no quantity, and the returns term's 30 days are about no delivery.
    assert base.schedule_figures == ((Dimension.PERCENT, 10.0), (Dimension.DURATION, 180 * _DAY))
    assert base.schedule_figures == schedule_figures(base.service)


def test_granted_discounts_name_their_topic_without_product_names() -> None:
    base = FactBase.from_product_line(HOODS)
    assert base.discounts == granted_discounts(
        [*base.service, *(a.text for a in base.approved)], [p.name for p in base.products.products]
    )
    [(words, shares)] = base.discounts
    assert shares == (10.0,)
    assert {"filte", "liefe", "monat"} <= words
    assert "rabat" not in words


def test_granted_discounts_leave_out_product_names() -> None:
    [(words, shares)] = granted_discounts(["Aeris-Filterabo: 15 % Rabatt auf Ersatzfilter"], ["Aeris Pro"])
    assert shares == (15.0,)
    assert "aeris" not in words
    assert words == frozenset({"filte", "ersat"})


def test_topic_words_cut_to_five_letters_without_discount_words() -> None:
    assert topic_words("Sparen Sie 10 % Rabatt auf Filter") == frozenset({"filte"})
    assert topic_words("") == frozenset()


# ---------------------------------------------------------------- figures (a fictional desk line, not the corpus)

DESKS = ProductLine(
    id="tische",
    facts=(
        Fact(key="models", value="Steh 1 (Sitz-Steh-Tisch), Steh 2 (Sitz-Steh-Tisch), Steh 2 Eiche (Sitz-Steh-Tisch)"),
        Fact(
            key="lift_range_cm",
            label_de="Höhenverstellbereich",
            label_en="height range",
            value="70–120",
            unit="cm",
            qualifier="Steh 1 (Steh 2 und Steh 2 Eiche: 60–128 cm)",
        ),
        Fact(
            key="noise_db",
            label_de="Laufgeräusch",
            value=48,
            unit="dB(A)",
            qualifier="Steh 1 (Steh 2 und Steh 2 Eiche: 42 dB(A)); gemessen beim Verfahren ohne Last in 1 m Abstand",
        ),
        Fact(
            key="anti_collision",
            label_de="Kollisionsschutz",
            value="Steh 2 und Steh 2 Eiche: Sensor stoppt bei einem Hindernis und fährt ca. 2 cm zurück",
        ),
    ),
)
DESK_DE = Context(product_line="tische", language=Language.DE, turn=2)


@pytest.fixture(scope="module")
def desks() -> ClaimsValidator:
    return make(DESKS)


def test_a_range_value_is_a_numeric_fact() -> None:
    # The range look-ahead once made every range value text: "42–54" with its unit is compared now.
    assert value_of("42–54", "cm") == pytest.approx((0.00054, 0.00042, Dimension.LENGTH, 5e-06))
    assert value_of("10 bis 20", "kg") == pytest.approx((20.0, 10.0, Dimension.MASS, 0.5))
    assert value_of("42–54 und mehr", "cm") is None


def test_one_value_for_several_models_in_the_qualifier() -> None:
    base = FactBase.from_product_line(DESKS)
    lift = sorted((f.key, round(f.low * 1e5), round(f.value * 1e5)) for f in base.numeric if f.key.startswith("lift"))
    # In the unit registry's base (cm as 1e-5 km), rounded back to cm.
    assert lift == [
        ("lift_range_cm", 70, 120),
        ("lift_range_cm[Steh 2 Eiche]", 60, 128),
        ("lift_range_cm[Steh 2]", 60, 128),
    ]


def test_a_measuring_distance_is_no_fact_of_its_own() -> None:
    base = FactBase.from_product_line(DESKS)
    assert not [f.key for f in base.numeric if f.key.startswith("noise_db:")]


@pytest.mark.parametrize(
    "text",
    [
        # Exactly the model's documented range end, though the verb is the collision stop's ("fährt ... zurück").
        "Der Steh 2 fährt bis 128 cm hoch.",
        "Der Steh 2 hat einen Höhenverstellbereich von 60 bis 128 cm.",
        "Der Steh 1 hat einen Höhenverstellbereich bis 120 cm.",
    ],
)
def test_documented_ranges_are_backed(desks: ClaimsValidator, text: str) -> None:
    assert flagged(desks, text, DESK_DE) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Der Steh 1 hat einen Höhenverstellbereich bis 128 cm.", "claims.de/spec-figure-units"),
        ("Der Steh 2 fährt bis 135 cm hoch.", "claims.de/spec-figure-units"),
    ],
)
def test_beyond_the_models_range(desks: ClaimsValidator, text: str, rule: str) -> None:
    assert flagged(desks, text, DESK_DE) == [(rule, text)]
