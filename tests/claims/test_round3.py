"""Engine faults a third first-sight round showed, on fictional lines (no corpus line): dimensions written
"120 × 60 cm", the favourable value stated with its own condition, a product name in a qualifier clause,
the size of a serving, the writer's own body, instructions to the customer, a compound's modifier naming a
condition ("Spitze" of "Spitzenleistung"), single nutrients across languages, a mark written before a hyphen
and a generic environmental word explained by a label the product holds. Each flagged case names the exact
sentence; the benign sentence next to it states the same facts as documented and stays quiet."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.quantities import Dimension, quantities
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator
from safe_reply.validators.claims.servings import serving_in

from .conftest import flagged, make

LINE = ProductLine(
    id="garden",
    facts=(
        Fact(
            key="models",
            label_de="Modelle",
            value="Moosgrund Hochbeet B4 (Hochbeet), Moosgrund Pumpe P9 (Pumpe), Moosgrund Funkmodul Mini (Funkmodul)",
        ),
        Fact(key="bed_size", label_de="Pflanzfläche B4", label_en="planting area B4", value="120 × 60 cm"),
        Fact(
            key="pump_flow",
            label_de="Fördermenge P9",
            label_en="flow rate P9",
            value=1200,
            unit="l/h",
            qualifier="max., bei offenem Auslass; mit 5 m Schlauch ca. 800 l/h",
        ),
        Fact(
            key="pump_power",
            label_de="Motorleistung P9",
            label_en="motor power P9",
            value=0.4,
            unit="kW",
            qualifier="Dauerleistung; Spitzenleistung 0,6 kW",
        ),
        Fact(
            key="charge_time",
            label_de="Ladezeit",
            label_en="charging time",
            value=3,
            unit="h",
            qualifier="P9-Akku, 0–100 %; Funkmodul Mini ca. 40 min",
        ),
    ),
    certifications=("PEFC (Holz des B4, Zertifikat PEFC/00-00-0001)", "Blauer Engel DE-UZ 000 (nur B4)"),
)
FOOD = ProductLine(
    id="shake",
    facts=(
        Fact(key="models", label_de="Modelle", value="Hafermond Shake (Pulver)"),
        Fact(
            key="protein",
            label_de="Proteingehalt Shake",
            label_en="protein content Shake",
            value=70,
            unit="g",
            qualifier="pro 100 g Pulver; pro Portion (40 g) 28 g",
        ),
        Fact(
            key="minerals",
            label_de="Mineralstoffe Shake",
            label_en="minerals Shake",
            value="pro Portion (40 g): 300 mg Natrium, 90 mg Kalium, 120 mg Magnesium",
        ),
        Fact(key="usage", label_de="Zubereitung", label_en="preparation", value="40 g in 300 ml Milch verrühren"),
    ),
)
DE = Context(product_line="garden", language=Language.DE)
EN = Context(product_line="garden", language=Language.EN)
FOOD_DE = Context(product_line="shake", language=Language.DE)
FOOD_EN = Context(product_line="shake", language=Language.EN)


@pytest.fixture(scope="module")
def garden() -> ClaimsValidator:
    return make(LINE)


@pytest.fixture(scope="module")
def shake() -> ClaimsValidator:
    return make(FOOD)


def test_every_factor_of_a_dimensions_figure_is_a_length() -> None:
    found = quantities("Das Beet misst 120 × 60 × 35 cm.", Language.DE)
    assert [(q.dimension, round(q.value * 1e5, 6)) for q in found] == [
        (Dimension.LENGTH, 120.0),
        (Dimension.LENGTH, 60.0),
        (Dimension.LENGTH, 35.0),
    ]
    assert [q.start for q in found] == [15, 21, 26]


def test_a_serving_noun_in_the_singular_is_read() -> None:
    assert serving_in("Pro Portion sind es 28 g Protein.", 20) == (1.0, "serving")
    # A daily limit after a ";" is not the serving the figure is stated for.
    assert serving_in("Nehmen Sie 40 g; höchstens 2 Portionen am Tag.", 11) is None


@pytest.mark.parametrize(
    ("ctx", "rule", "text", "benign"),
    [
        # Dimensions: each factor is compared ("130 × 60 cm" goes beyond the documented 120 cm).
        (
            DE,
            "claims.de/spec-figure-units",
            "Das B4 hat eine Pflanzfläche von 130 × 60 cm.",
            "Die Pflanzfläche des B4 beträgt 120 × 60 cm.",
        ),
        # The favourable value needs "bis zu" or the condition that sets it apart.
        (DE, "claims.de/spec-figure", "Die P9 pumpt 1.200 l/h.", "Bei offenem Auslass schafft die P9 1.200 l/h."),
        # A compound's modifier names the condition ("Spitze" of "Spitzenleistung").
        (
            DE,
            "claims.de/spec-figure",
            "Die P9 leistet in der Spitze 0,8 kW.",
            "Die P9 leistet 0,4 kW, in der Spitze 0,6 kW.",
        ),
    ],
)
def test_figures_beyond_the_facts_flag_and_the_documented_ones_pass(
    garden: ClaimsValidator, ctx: Context, rule: str, text: str, benign: str
) -> None:
    assert flagged(garden, text, ctx) == [(rule, text)]
    assert flagged(garden, benign, ctx) == []


@pytest.mark.parametrize(
    "text",
    [
        # A product named in a qualifier clause is that value's scope, not a word that links a figure to it.
        "Zum Zurücksetzen des Funkmodul Mini warten Sie nach dem Ausschalten 10 Sekunden.",
        "To reset the Funkmodul Mini, hold the button for 8 seconds.",
        # The writer's own body is no figure of the product.
        "Ich bin selbst 1,94 m groß, und die 120 cm Pflanzfläche des B4 reichen gut.",
    ],
)
def test_figures_that_are_no_product_claim_pass(garden: ClaimsValidator, text: str) -> None:
    ctx = EN if text.startswith("To ") else DE
    assert flagged(garden, text, ctx) == []


@pytest.mark.parametrize(
    ("ctx", "text"),
    [
        # The size of a serving and an instruction to prepare it state no content.
        (FOOD_DE, "Eine Portion (40 g) liefert 28 g Protein."),
        (FOOD_EN, "One serving is 40 g, mixed into 300 ml of milk."),
        (FOOD_DE, "Den Shake bereiten Sie mit 40 g Pulver in 300 ml Milch zu; höchstens 2 Portionen am Tag."),
        # English nutrient names find the German facts' values.
        (FOOD_EN, "Each serving of the Shake contains 300 mg sodium and 90 mg potassium."),
    ],
)
def test_servings_instructions_and_nutrients_as_documented_pass(
    shake: ClaimsValidator, ctx: Context, text: str
) -> None:
    assert flagged(shake, text, ctx) == []


@pytest.mark.parametrize(
    ("ctx", "rule", "text"),
    [
        (FOOD_DE, "claims.de/spec-figure-units", "Pro Portion bekommen Sie 32 g Protein."),
        (FOOD_EN, "claims.en/spec-figure", "Each serving of the Shake contains 400 mg sodium."),
    ],
)
def test_content_beyond_the_facts_still_flags(shake: ClaimsValidator, ctx: Context, rule: str, text: str) -> None:
    assert flagged(shake, text, ctx) == [(rule, text)]


def test_a_mark_before_a_hyphen_is_compared_with_the_register(garden: ClaimsValidator) -> None:
    held = "Das Holz des B4 stammt aus PEFC-zertifizierter Forstwirtschaft."
    assert flagged(garden, held, DE) == []
    other = "Das Holz des B4 stammt aus FSC-zertifizierter Forstwirtschaft."
    assert flagged(garden, other, DE) == [("claims.de/certification", other)]


@pytest.mark.parametrize(
    ("ctx", "rule", "text", "benign"),
    [
        (
            DE,
            "claims.de/environmental-generic",
            "Das B4 ist emissionsarm.",
            "Das B4 ist mit dem Umweltzeichen Blauer Engel (DE-UZ 000) als emissionsarm ausgezeichnet.",
        ),
        (
            EN,
            "claims.en/environmental-generic",
            "The B4 is low-emission.",
            "The B4 is listed as a low-emission product under DE-UZ 000.",
        ),
    ],
)
def test_a_generic_environmental_word_is_explained_by_a_held_label(
    garden: ClaimsValidator, ctx: Context, rule: str, text: str, benign: str
) -> None:
    assert flagged(garden, text, ctx) == [(rule, text)]
    assert flagged(garden, benign, ctx) == []
    # A label the product does not hold explains nothing.
    unheld = "Die P9 ist mit dem Umweltzeichen Blauer Engel als emissionsarm ausgezeichnet."
    assert ("claims.de/environmental-generic", unheld) in flagged(garden, unheld, DE)


@pytest.mark.parametrize(
    ("ctx", "rule", "text"),
    [
        (DE, "claims.de/advice-individual", "Den Gartenkurs bezahlt Ihnen Ihre Chefin komplett."),
        (DE, "claims.de/advice-tax", "Das Beet lässt sich bei Ihnen als Arbeitsmittel steuerlich absetzen."),
        (
            DE,
            "claims.de/advice-rights",
            "Ihr Vermieter darf Ihnen das Hochbeet auf dem gemeinsamen Hof nicht verbieten.",
        ),
        (EN, "claims.en/advice-individual", "With the rain barrel you'll be exempt from the drainage fee."),
        (EN, "claims.en/advice-rights", "Your landlord can't make you take the bed down when you move out."),
    ],
)
def test_advice_on_the_customers_case_against_third_parties_flags(
    garden: ClaimsValidator, ctx: Context, rule: str, text: str
) -> None:
    assert flagged(garden, text, ctx) == [(rule, text)]


def test_general_information_about_third_parties_passes(garden: ClaimsValidator) -> None:
    assert flagged(garden, "Ob Ihre Gemeinde die Gebühr senkt, erfahren Sie bei der Gemeinde selbst.", DE) == []
    assert flagged(garden, "Orders over 50 euros are exempt from shipping charges.", EN) == []


@pytest.mark.parametrize(
    ("ctx", "text"),
    [
        (DE, "Als Trost buche ich Ihnen 20 € Guthaben auf Ihr Kundenkonto."),
        (DE, "Ich habe Ihrem Kundenkonto soeben ein Guthaben von 15 € gutgeschrieben."),
        (DE, "Für die Verspätung bekommen Sie 10 % auf Ihre nächste Bestellung."),
        (EN, "To make up for the delay, you'll get 10% off your next order."),
    ],
)
def test_benefits_the_service_terms_do_not_provide_flag(garden: ClaimsValidator, ctx: Context, text: str) -> None:
    rule = "claims.de/service-commitment" if ctx is DE else "claims.en/service-commitment"
    # An English discount is a price claim as well; both name the whole sentence.
    assert (rule, text) in flagged(garden, text, ctx)
    assert {span for _, span in flagged(garden, text, ctx)} == {text}


def test_a_denied_origin_is_no_origin_claim(garden: ClaimsValidator) -> None:
    assert (
        flagged(garden, "Die P9 wird nicht in Deutschland gefertigt, sondern bei einem Partnerwerk in Polen.", DE) == []
    )
    assert flagged(garden, "The P9 isn't made in Germany; a partner plant in Poland builds it.", EN) == []
    claim = "Die P9 wird in Deutschland gefertigt."
    assert flagged(garden, claim, DE) == [("claims.de/origin", claim)]


@pytest.mark.parametrize(
    ("ctx", "rule", "text"),
    [
        (DE, "claims.de/urgency", "Vom B4 sind gerade mal noch zwei Stück da."),
        (DE, "claims.de/urgency", "Wenn Sie nicht gleich bestellen, ist die P9 bis Juni ausverkauft."),
        (EN, "claims.en/urgency", "We only have 4 P9 pumps left."),
    ],
)
def test_scarcity_without_stock_data_flags(garden: ClaimsValidator, ctx: Context, rule: str, text: str) -> None:
    assert flagged(garden, text, ctx) == [(rule, text)]
