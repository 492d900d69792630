"""Round 15: the general mechanisms the r30 set showed missing, probed with a fictional tea and kitchen shop, not the
corpus: a service line that sells no product of its own speaks of the company's products, a mark licensed in two
register entries for different products, a person's certificate the service facts document, English product names
whose first word is an ordinary word, a device said to detect a disease, a running time in days."""

from __future__ import annotations

from pathlib import Path

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator, Settings, build
from safe_reply.validators.claims.products import products_of, sells_products

from .conftest import flagged

KITCHEN = ProductLine(
    id="kueche",
    facts=(
        Fact(key="models", value="Teekanne Lotus 1,2 l, Wasserkocher Dampf K5, Standmixer Wirbel M3"),
        Fact(key="k5_power", label_de="Leistung (Dampf K5)", value=2200, unit="W"),
        Fact(key="m3_power", label_de="Leistung (Wirbel M3)", value=1000, unit="W"),
        Fact(
            key="m3_battery", label_de="Akkulaufzeit (Wirbel M3)", value=8, unit="Tage", qualifier="bis zu, im Standby"
        ),
        Fact(
            key="lotus_care",
            label_de="Pflege (Lotus)",
            value="Handwäsche; nicht in die Spülmaschine oder die Mikrowelle",
        ),
    ),
    certifications=(
        "Blauer Engel (nur Lotus 1,2 l, RAL-UZ 101)",
        "Blauer Engel (nur Dampf K5, RAL-UZ 102)",
        "GS-Zeichen (TÜV Süd, nur Dampf K5)",
    ),
)
SHOP = ProductLine(
    id="service",
    name="Teehaus Online-Shop und Service",
    facts=(
        Fact(
            key="tasting",
            label_de="Teeberatung",
            value="Video-Termin mit einer zertifizierten Tee-Sommelière (Teeakademie-zertifiziert); 30 Minuten; 19 €",
        ),
        Fact(key="shipping", label_de="Versand", value="2–3 Werktage innerhalb Deutschlands"),
        Fact(key="hours", label_de="Erreichbarkeit", value="Service per Chat und Telefon, Mo–Fr 9–17 Uhr"),
    ),
)
DE = Context(product_line="service", language=Language.DE, turn=2)
KITCHEN_DE = Context(product_line="kueche", language=Language.DE, turn=2)
KITCHEN_EN = Context(product_line="kueche", language=Language.EN, turn=2)


def _build(line: ProductLine, company: tuple[ProductLine, ...]) -> ClaimsValidator:
    folder = Path(".")
    ctx = BuildContext(
        product_line=line, config_dir=folder, file=folder / "line.yaml", key="validators.claims", company_lines=company
    )
    validator = build(Settings(), ctx)
    assert isinstance(validator, ClaimsValidator)
    return validator


@pytest.fixture(scope="module")
def shop() -> ClaimsValidator:
    return _build(SHOP, (KITCHEN, SHOP))


@pytest.fixture(scope="module")
def kitchen() -> ClaimsValidator:
    return _build(KITCHEN, (KITCHEN, SHOP))


def test_a_line_named_only_by_its_services_sells_nothing() -> None:
    assert not sells_products(SHOP, ["Service"])
    assert sells_products(KITCHEN)
    # A line whose name lists nothing at all keeps its own (unknown) products.
    assert sells_products(ProductLine(id="x"), ["Service"])


def test_the_service_line_reads_the_company_s_products(shop: ClaimsValidator) -> None:
    names = [p.name for p in shop.base.products.products]
    assert names == ["Teekanne Lotus 1,2 l", "Wasserkocher Dampf K5", "Standmixer Wirbel M3"]
    assert "Blauer Engel (nur Dampf K5, RAL-UZ 102)" in shop.base.certifications


@pytest.mark.parametrize(
    "text",
    [
        # The mark of two register entries, each for one of the products named.
        "Die Lotus und der Dampf K5 tragen beide den Blauen Engel.",
        # A mark of another line's product, said in the service line.
        "Der Dampf K5 trägt das GS-Zeichen.",
        # A person's certificate the service facts document.
        "Eine zertifizierte Tee-Sommelière berät Sie im Video-Termin.",
    ],
)
def test_what_the_company_documents_backs_the_service_line(shop: ClaimsValidator, text: str) -> None:
    assert flagged(shop, text, DE) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Der Wirbel M3 trägt den Blauen Engel.", "claims.de/certification"),
        ("Die Lotus trägt das GS-Zeichen.", "claims.de/certification"),
        ("Der Wirbel M3 hat 1500 W Leistung.", "claims.de/spec-figure"),
        # The person's certificate is no mark of a product.
        ("Der Wirbel M3 ist Teeakademie-zertifiziert.", "claims.de/certification-seal"),
    ],
)
def test_what_no_line_documents_stays_flagged_in_the_service_line(shop: ClaimsValidator, text: str, rule: str) -> None:
    assert flagged(shop, text, DE) == [(rule, text)]


def test_a_mark_in_two_entries_covers_only_their_products(kitchen: ClaimsValidator) -> None:
    assert flagged(kitchen, "Die Lotus und der Dampf K5 tragen den Blauen Engel.", KITCHEN_DE) == []
    text = "Die Lotus und der Wirbel M3 tragen den Blauen Engel."
    assert flagged(kitchen, text, KITCHEN_DE) == [("claims.de/certification", text)]


def test_an_english_name_s_first_word_is_no_noun_of_the_product() -> None:
    def fact(key: str, label: str, value: int) -> Fact:
        return Fact(
            key=key, label_de=f"Eiweiß ({label})", label_en=f"protein per serving ({label})", value=value, unit="g"
        )

    line = ProductLine(
        id="sport",
        facts=(
            fact("whey", "Whey Isolate", 27),
            fact("vegan", "Vegan Protein", 21),
            fact("drink", "Iso Drink", 0),
            Fact(
                key="bar",
                label_de="Eiweiß pro Riegel (Protein Bar)",
                label_en="protein per bar (Protein Bar)",
                value=20,
                unit="g",
            ),
        ),
    )
    products = products_of(line)
    named = {p.name: (p.aliases, p.nouns) for p in products.products}
    assert named["Protein Bar"] == (("protein bar",), ())
    assert named["Vegan Protein"] == (("vegan protein", "vegan"), ())
    assert products.mentioned("It gives you 21 g of protein per serving.") == set()


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        (
            "Der Wasserkocher schlägt Alarm bei einem unregelmäßigen Herzschlag.",
            KITCHEN_DE,
            "claims.de/health-diagnosis",
        ),
        (
            "The kettle alerts you to an irregular heartbeat, so you know when to see a doctor.",
            KITCHEN_EN,
            "claims.en/health-diagnosis",
        ),
        ("Der Akku des Wirbel M3 hält 10 Tage.", KITCHEN_DE, "claims.de/spec-figure"),
        ("Der Akku des Wirbel M3 hält 8 Tage.", KITCHEN_DE, "claims.de/spec-figure"),  # "bis zu" dropped
    ],
)
def test_new_claim_wordings_are_found(kitchen: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    assert flagged(kitchen, text, ctx) == [(rule, text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Eine Rücksendung ist innerhalb von 30 Tagen möglich.", KITCHEN_DE),
        ("Einen Termin bekommen Sie in der Regel innerhalb von 3 Wochen.", KITCHEN_DE),
        ("If you notice an irregular heartbeat, please see a doctor.", KITCHEN_EN),
        ("The leaflet warns about using the kettle if you have high blood pressure.", KITCHEN_EN),
        ("Der Beipackzettel warnt vor der Anwendung bei Bluthochdruck.", KITCHEN_DE),
        ("Die Widerrufsfrist läuft 14 Tage ab Lieferung.", KITCHEN_DE),
        ("Hoffentlich ist Ihre Erkältung bald vorbei!", KITCHEN_DE),
        ("Your doctor can test that and recommend a suitable product.", KITCHEN_EN),
    ],
)
def test_near_misses_pass(kitchen: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(kitchen, text, ctx) == []


def test_an_english_assurance_names_a_german_restriction_by_meaning(kitchen: ClaimsValidator) -> None:
    text = "You can put the Lotus in the dishwasher and the microwave – no problem at all."
    assert flagged(kitchen, text, KITCHEN_EN) == [("claims.en/restriction-assurance", text)]
    assert flagged(kitchen, "You can keep the Lotus on the table – no problem at all.", KITCHEN_EN) == []
    # One word of a restriction by meaning is not enough: the damp cloth is what the facts advise.
    assert flagged(kitchen, "You can clean the Dampf K5 with a damp cloth and water – no problem.", KITCHEN_EN) == []
