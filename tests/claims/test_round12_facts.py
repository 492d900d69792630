"""Round 12 (first-sight set r22): claims the facts contradict by a condition, a place, a product's scope or a
plan's exclusions, on a fictional line of household goods, helmets and a device protection plan (no corpus
product). Each class is flagged on its exact sentence, German and English, and has a near miss that stays quiet:

- a figure widened to every value of its measuring condition ("bei jeder Temperatur", "in every environment"),
  also for a value the spec sheet keeps as text ("160 lm/W, gemessen bei 25 °C");
- a figure, or the product itself, claimed under a condition the fact excludes ("nicht im Freien" -> "outdoors");
- a town as the place of manufacture that the origin fact gives only for the design;
- a standard claimed for a product of the line that holds it for another one (sub-brand names "KX Mini");
- an illness whose course a product is said to slow ("verlangsamt Arthrose", "slows down arthritis");
- a plan promise for a case its terms exclude or without the excess they state.
"""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="werkhaus",
    facts=(
        Fact(
            key="models",
            value="Wasserkocher Kocher K2 (Edelstahl); Radhelm KX Sprint (Erwachsene); Kinderhelm KX Mini (Kinder); "
            "Akkuleuchte Lumo (LED); Stühle Bo und Ida (Eiche)",
        ),
        Fact(
            key="heat_up",
            label_de="Aufheizzeit Kocher K2",
            label_en="heat-up time Kettle K2",
            value=4,
            unit="min",
            qualifier="etwa, 1 Liter Wasser bei 20 °C Ausgangstemperatur",
        ),
        Fact(
            key="lamp_runtime",
            label_de="Leuchtdauer Lumo",
            label_en="run time Lumo",
            value=12,
            unit="h",
            qualifier="bis zu, nur im Innenbereich, nicht im Freien",
        ),
        Fact(
            key="luminous_efficacy",
            label_de="Lichtausbeute Lumo",
            label_en="luminous efficacy Lumo",
            value="160 lm/W",
            qualifier="gemessen bei 25 °C Umgebungstemperatur, Herstellerangabe",
        ),
        Fact(key="origin", label_de="Herkunft", value="Design in Bremen; Stühle Bo und Ida gefertigt in Polen"),
        Fact(
            key="insurance",
            label_de="Geräteschutz",
            label_en="device protection",
            value="4 € pro Monat; deckt Sturz- und Wasserschäden; Selbstbeteiligung 50 € pro Schadensfall; "
            "nicht versichert: Diebstahl, Verlust, Verschleiß",
        ),
    ),
    certifications=("CE", "GS (nur Kocher K2)", "EN 1078 (Radhelm KX Sprint)"),
)
DE = Context(product_line="werkhaus", language=Language.DE, turn=2)
EN = Context(product_line="werkhaus", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def werkhaus() -> ClaimsValidator:
    return make(LINE)


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        # a measuring condition widened to all its values
        ("Die Aufheizzeit des Kocher K2 beträgt bei jeder Temperatur etwa 4 Minuten.", DE, "claims.de/spec-figure"),
        ("The Kettle K2 boils a litre of water in about 4 minutes at any temperature.", EN, "claims.en/spec-figure"),
        # ... for a value written as text
        ("Die Lumo erreicht 160 lm/W, und zwar unter allen Bedingungen.", DE, "claims.de/universal-condition"),
        ("The Lumo reaches 160 lm/W in every environment.", EN, "claims.en/universal-condition"),
        # a condition the fact excludes ("nicht im Freien"), also across languages
        ("Die Lumo hält im Freien bis zu 12 Stunden durch.", DE, "claims.de/spec-figure"),
        ("The Lumo lamp runs for up to 12 hours outdoors.", EN, "claims.en/spec-figure"),
        # ... and the product said to work under it, without a figure
        ("Die Lumo funktioniert auch im Freien.", DE, "claims.de/excluded-condition"),
        ("The Lumo also works outdoors.", EN, "claims.en/excluded-condition"),
        # a town the origin fact names for the design only
        ("Die Stühle Bo und Ida werden in Bremen gefertigt.", DE, "claims.de/origin-town"),
        ("The chairs Bo and Ida are manufactured in Bremen.", EN, "claims.en/origin-town"),
        # a standard held by another product of the line
        ("Der KX Mini ist nach EN 1078 zertifiziert.", DE, "claims.de/certification-standard"),
        ("The KX Mini is certified to EN 1078.", EN, "claims.en/certification-standard"),
        # an illness's course slowed
        ("Der Kocher verlangsamt das Fortschreiten von Arthrose.", DE, "claims.de/health-progression"),
        ("The kettle slows down the progression of arthritis.", EN, "claims.en/health-progression"),
        # a case the plan excludes, an excess it states waived
        ("Die Geräteversicherung zahlt auch bei Diebstahl.", DE, "claims.de/plan-terms"),
        ("Der Geräteschutz deckt auch Verlust ab, ganz ohne Selbstbeteiligung.", DE, "claims.de/plan-coverage"),
        ("The device protection covers theft and loss, with no excess.", EN, "claims.en/plan-terms"),
    ],
)
def test_flagged_on_its_sentence(werkhaus: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    assert flagged(werkhaus, text, ctx) == [(rule, text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # the figure with its own condition
        ("Die Aufheizzeit des Kocher K2 beträgt etwa 4 Minuten bei 20 °C Ausgangstemperatur.", DE),
        ("The Kettle K2 boils a litre of water in about 4 minutes when it starts at 20 °C.", EN),
        ("Die Lumo erreicht 160 lm/W (gemessen bei 25 °C Umgebungstemperatur).", DE),
        # what the range comes in is no measured value
        ("The Lumo is available in every size.", EN),
        # the exclusion repeated
        ("Die Leuchtdauer der Lumo beträgt bis zu 12 Stunden im Innenbereich; im Freien bitte nicht verwenden.", DE),
        ("The Lumo lamp runs for up to 12 hours indoors; please do not use it outdoors.", EN),
        ("Die Lumo bitte nicht im Freien verwenden.", DE),
        ("The Lumo works in any room of your home.", EN),
        # design and manufacture as documented; a material is no place
        ("Die Stühle Bo und Ida werden in Bremen entworfen und in Polen gefertigt.", DE),
        ("The Bo and Ida chairs are designed in Bremen and manufactured in Poland.", EN),
        ("Die Stühle werden in Eiche gefertigt.", DE),
        # the standard for the product that holds it, or denied
        ("Der Radhelm KX Sprint ist nach EN 1078 zertifiziert.", DE),
        ("The KX Sprint is certified to EN 1078.", EN),
        ("Der Kinderhelm KX Mini ist nicht nach EN 1078 zertifiziert.", DE),
        # no illness; brakes slow the rider
        ("Der Radhelm schützt beim Radfahren den Kopf.", DE),
        ("The bike brakes slow you down safely.", EN),
        # the plan's cover with its exclusions and excess
        ("Der Geräteschutz deckt Sturz- und Wasserschäden ab; Diebstahl und Verlust sind nicht versichert.", DE),
        ("The device protection covers water damage, with a 50 € excess per claim.", EN),
    ],
)
def test_near_miss_stays_quiet(werkhaus: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(werkhaus, text, ctx) == []


def test_sub_brand_letters_make_products(werkhaus: ClaimsValidator) -> None:
    """'Radhelm KX Sprint' names a product (its nouns before the sub-brand), not a phrase for every model."""
    names = {p.name for p in werkhaus.base.products.products}
    assert {"KX Sprint", "KX Mini"} <= names
