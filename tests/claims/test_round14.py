"""Round 14: the general mechanisms the r26 and r28 sets showed missing. A fictional bathroom shop, not the corpus:
a shop's service terms written once in its service line, "both" after two named products, a figure that is both a
measuring condition and another product's value, seals named as the register writes them, magazine names that are
ordinary words, negations after the claim word."""

from __future__ import annotations

from pathlib import Path

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator, Settings, build

from .conftest import flagged

BATH = ProductLine(
    id="bad",
    facts=(
        Fact(key="models", value="Duschset Welle S3, Spar-Duschkopf Tropfen Eco, Küchenarmatur Bogen K2"),
        Fact(key="welle_flow", label_de="Durchfluss (Welle S3)", value=12, unit="l/min", qualifier="bei 3 bar"),
        Fact(key="bogen_flow", label_de="Durchfluss (Bogen K2)", value=9, unit="l/min", qualifier="bei 3 bar"),
        Fact(
            key="eco_saving",
            label_de="Wasserersparnis (Tropfen Eco)",
            value=50,
            unit="%",
            qualifier="bis zu, im Vergleich zu einer Standardbrause mit 12 l/min bei 3 bar",
        ),
        Fact(
            key="origin",
            label_de="Herkunft",
            value="Welle S3 und Bogen K2 gefertigt in Portugal; Tropfen Eco gefertigt in China",
        ),
    ),
    certifications=("Blauer Wasserhahn Gütesiegel (Welle S3 und Bogen K2)",),
)
SERVICE = ProductLine(
    id="service",
    facts=(
        Fact(
            key="installers",
            label_de="Montagepartner",
            label_en="installation partners",
            value="Vermittlung an 300 Partnerbetriebe; Vermittlung kostenlos; Vertrag direkt mit dem Betrieb",
        ),
        Fact(
            key="showroom",
            label_de="Planungstermin Ausstellung",
            label_en="planning appointment showroom",
            value="kostenlos, ca. 60 Minuten, Ausstellung Iserlohn",
        ),
    ),
)
DE = Context(product_line="bad", language=Language.DE, turn=2)
EN = Context(product_line="bad", language=Language.EN, turn=2)


def _build(line: ProductLine, company: tuple[ProductLine, ...]) -> ClaimsValidator:
    folder = Path(".")
    ctx = BuildContext(
        product_line=line,
        config_dir=folder,
        file=folder / "line.yaml",
        key="validators.claims",
        company_lines=company,
    )
    validator = build(Settings(), ctx)
    assert isinstance(validator, ClaimsValidator)
    return validator


@pytest.fixture(scope="module")
def bath() -> ClaimsValidator:
    return _build(BATH, (SERVICE,))


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Die Vermittlung eines Montagebetriebs ist kostenlos.", DE),
        ("Der Planungstermin in der Ausstellung ist kostenlos.", DE),
        ("A planning appointment in our showroom is free and takes about an hour.", EN),
    ],
)
def test_a_line_without_service_terms_takes_the_company_s(bath: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(bath, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        # The terms make the brokering free, not the partners' work.
        ("Die Montage durch unsere Partner ist kostenlos.", DE, "claims.de/free-offer"),
        # Free, but not two hours.
        ("Ein Planungstermin ist kostenlos und dauert zwei Stunden.", DE, "claims.de/free-offer"),
    ],
)
def test_what_the_company_terms_do_not_make_free_stays_flagged(
    bath: ClaimsValidator, text: str, ctx: Context, rule: str
) -> None:
    assert flagged(bath, text, ctx) == [(rule, text)]


def test_without_the_company_lines_nothing_backs_a_free_service() -> None:
    alone = _build(BATH, ())
    text = "Der Planungstermin in der Ausstellung ist kostenlos."
    assert flagged(alone, text, DE) == [("claims.de/free-offer", text)]


def test_both_after_two_named_products_is_their_origin(bath: ClaimsValidator) -> None:
    text = "Beide werden in Portugal gefertigt."
    assert flagged(bath, text, DE) == []
    everything = "Alle unsere Armaturen werden in Portugal gefertigt."
    assert flagged(bath, everything, DE) == [("claims.de/origin", everything)]


def test_another_product_s_value_is_no_measuring_condition(bath: ClaimsValidator) -> None:
    wrong = "Die Küchenarmatur Bogen K2 liefert 12 Liter pro Minute."
    assert flagged(bath, wrong, DE) == [("claims.de/spec-figure", wrong)]
    wrong_en = "The Bogen K2 delivers 12 l/min."
    assert flagged(bath, wrong_en, EN) == [("claims.en/spec-figure", wrong_en)]
    # The product whose value it is, and the baseline a saving is measured against, stay backed.
    assert flagged(bath, "Das Duschset Welle S3 liefert 12 Liter pro Minute bei 3 bar.", DE) == []


def test_a_seal_named_as_the_register_writes_it_is_held(bath: ClaimsValidator) -> None:
    assert flagged(bath, "Die Welle S3 trägt das Blauer-Wasserhahn-Gütesiegel.", DE) == []
    other = "Die Welle S3 trägt das Goldener-Wasserhahn-Gütesiegel."
    assert flagged(bath, other, DE) == [("claims.de/certification-seal", other)]


def test_a_magazine_whose_name_is_a_word_is_not_inflected(bath: ClaimsValidator) -> None:
    assert flagged(bath, "For apple chips, 60 °C for about 8 hours is a good starting point.", EN) == []
    rated = "CHIP rated the Welle S3 very good."
    assert flagged(bath, rated, EN) == [("claims.en/test-seal", rated)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Klimaneutral ist der Tropfen Eco nicht, und recycelte Keramik verwenden wir auch nicht.", DE),
        ("The Bogen K2 is fine for a kitchen, but it isn't waterproof, so please dry the base.", EN),
        ("Die Temperatursperre ersetzt keine Aufsicht.", DE),
        ("Leider sind Verbrühungen mit keinem Thermostat völlig ausgeschlossen.", DE),
    ],
)
def test_a_claim_word_the_sentence_denies_is_no_claim(bath: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(bath, text, ctx) == []


def test_a_hazard_ruled_out_a_few_words_later_is_absolute(bath: ClaimsValidator) -> None:
    text = "Dank der Sperre sind Verbrühungen mit dem Welle S3 vollkommen ausgeschlossen."
    assert flagged(bath, text, DE) == [("claims.de/absolute-safety-outcome", text)]


FILTERS = ProductLine(
    id="filter",
    facts=(
        Fact(key="models", value="Klarwerk Kanne 2,4 l, Klarwerk Osmo 600, Klarwerk Duschfilter DF1"),
        Fact(
            key="df1_chlorine",
            label_de="Chlorreduktion DF1",
            value="bis zu 80 % (Herstellerangabe, nicht extern geprüft)",
        ),
    ),
    certifications=("Hydrolab Institut Bremen, Prüfbericht HL-2025-311 (Osmo 600: Rückhalteraten)",),
)
FILTER_DE = Context(product_line="filter", language=Language.DE, turn=2)


@pytest.fixture(scope="module")
def filters() -> ClaimsValidator:
    return _build(FILTERS, (SERVICE,))


def test_a_decimal_comma_does_not_split_a_product_name(filters: ClaimsValidator) -> None:
    names = [p.name for p in filters.base.products.products]
    assert names[:3] == ["Klarwerk Kanne 2,4 l", "Klarwerk Osmo 600", "Klarwerk Duschfilter DF1"]


def test_a_named_institute_backs_only_the_product_it_tested(filters: ClaimsValidator) -> None:
    assert flagged(filters, "Die Osmo 600 wurde vom Hydrolab Institut geprüft.", FILTER_DE) == []
    text = "Der Duschfilter DF1 wurde vom Hydrolab Institut getestet."
    assert flagged(filters, text, FILTER_DE) == [("claims.de/certification-body", text)]


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        ("Mit der Kartusche wird Ihr Wasser entgiftet.", FILTER_DE, "claims.de/health-property"),
        ("Unsere Partner bauen Ihnen den Filter zum garantierten Festpreis von 199 € ein.", FILTER_DE,
         "claims.de/binding-offer"),
        ("Order today and we'll deliver your filter tomorrow.", EN, "claims.en/delivery-date"),
        ("Next-day delivery is standard for all items.", EN, "claims.en/delivery-date"),
    ],
)
def test_claims_in_new_wordings_are_found(filters: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    assert flagged(filters, text, Context(product_line="filter", language=ctx.language, turn=2)) == [(rule, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Der Filter entgiftet Ihr Wasser nicht, er reduziert Kalk.",
        "Einen garantierten Festpreis kann ich Ihnen nicht nennen.",
    ],
)
def test_their_denials_are_not(filters: ClaimsValidator, text: str) -> None:
    assert flagged(filters, text, FILTER_DE) == []
