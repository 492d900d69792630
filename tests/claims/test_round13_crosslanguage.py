"""Round 13: an English reply compared with German facts by meaning (claims.glossary), products named as German
shops name them ("Gattungswort + Name"), and the general mechanisms the r24 first-sight set showed missing.
A fictional garden-furniture line, not the corpus."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator
from safe_reply.validators.claims.glossary import Glossary, meaning_keys
from safe_reply.validators.claims.lexicon import shipped_lexicon
from safe_reply.validators.claims.products import products_of
from safe_reply.word_frequencies import german_nouns

from .conftest import flagged, make

LINE = ProductLine(
    id="garten",
    facts=(
        Fact(
            key="models",
            value="Gartenbank Lindholm (3-Sitzer), Liegestuhl Kranich, Sonnenschirm Halo 300 (300 cm), "
            "Hängematte Nordwind",
        ),
        Fact(
            key="bench_load",
            label_de="Belastbarkeit Gartenbank",
            label_en="bench load",
            value=300,
            unit="kg",
            qualifier="Lindholm, gleichmäßig verteilt",
        ),
        Fact(
            key="umbrella",
            label_de="Sonnenschirm",
            label_en="parasol",
            value="Halo 300: Höhe 240–280 cm, stufenlos per Kurbel; Schirm 0–30° neigbar; UPF 50+, schützt nur die "
            "Haut im Schatten",
        ),
        Fact(
            key="origin",
            label_de="Herkunft",
            value="Entwicklung in Kiel; Gartenbank Lindholm gefertigt in Polen; Hängematte Nordwind genäht in Indien",
        ),
        Fact(
            key="club",
            label_de="Gartenclub",
            label_en="garden club",
            value="Mitgliedschaft kostenlos; Polstertausch bis zu 2-mal pro Jahr kostenlos",
        ),
    ),
    certifications=("GS-Zeichen (TÜV Süd, nur Gartenbank Lindholm)", "EN 581-1 (alle Gartenmöbel)"),
    guarantee="5 Jahre Herstellergarantie nur auf das Gestell der Gartenbank Lindholm (nicht auf Tischplatte, Polster);"
    " Bedingungen: Registrierung innerhalb von 30 Tagen nach Lieferung",
    approved_claims=(
        "Der Sonnenschirm Halo 300 bietet UV-Schutz UPF 50+ für die Haut im Schatten.",
        "Die Gartenbank Lindholm trägt das GS-Zeichen (TÜV Süd).",
    ),
)
DE = Context(product_line="garten", language=Language.DE, turn=2)
EN = Context(product_line="garten", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def garten() -> ClaimsValidator:
    return make(LINE)


def test_a_generic_noun_before_a_name_leaves_the_name_as_the_short_name() -> None:
    index = products_of(LINE, shipped_lexicon().words("product_noun"))
    refs = {p.name: p for p in index.products}
    assert refs["Liegestuhl Kranich"].aliases[:2] == ("liegestuhl kranich", "kranich")
    assert refs["Gartenbank Lindholm"].nouns[0] == "gartenbank"
    assert index.named("Der Kranich ist leicht.") == {1}
    assert index.named("Der Halo 300 ist groß.") == {2}


def test_german_nouns_are_told_from_coined_names() -> None:
    assert german_nouns(["Gartenbank", "Liegestuhl", "Holzeisenbahn", "Thermowell", "Darjeeling"]) == frozenset(
        {"Gartenbank", "Liegestuhl", "Holzeisenbahn"}
    )


def test_the_glossary_meets_across_languages_by_stem() -> None:
    glossary = Glossary([(("kostenlos", "gratis"), ("free",)), (("schützen", "schutz"), ("protect", "protection"))])
    assert glossary.meaning("protects", Language.EN) == glossary.meaning("schützt", Language.DE) == frozenset({1})
    assert glossary.meaning("geschützt", Language.DE) == frozenset({1})
    assert glossary.meaning("Sonnenschutz", Language.DE) == frozenset({1})  # the compound's tail
    assert meaning_keys(["The", "bench", "is", "free"], glossary, Language.EN) == frozenset({"bench", "#0"})


@pytest.mark.parametrize(
    "text",
    [
        "The Halo 300 parasol has UPF 50+, but it only protects the skin in its shade.",
        "Membership of the garden club is free.",
        "You can swap the cushions up to 2 times a year at no extra cost.",
        "The Halo 300 height adjusts continuously from 240 to 280 cm with the crank, and the canopy tilts up to 30°.",
    ],
)
def test_an_english_reply_backed_by_german_facts_passes(garten: ClaimsValidator, text: str) -> None:
    assert flagged(garten, text, EN) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("The Halo 300 parasol has UPF 80+ and protects the skin in its shade.", "claims.en/health-body"),
        ("You can swap the cushions up to 6 times a year at no extra cost.", "claims.en/plan-terms"),
        ("Assembly is free.", "claims.en/free-offer"),
    ],
)
def test_an_english_reply_beyond_the_german_facts_is_flagged(garten: ClaimsValidator, text: str, rule: str) -> None:
    assert flagged(garten, text, EN) == [(rule, text)]


def test_a_standard_numbered_with_two_digits_is_compared(garten: ClaimsValidator) -> None:
    assert flagged(garten, "The Kranich deck chair meets EN 581.", EN) == []
    text = "The Kranich deck chair meets EN 582."
    assert flagged(garten, text, EN) == [("claims.en/certification-standard", text)]


def test_an_origin_step_that_names_no_product_holds_for_every_product(garten: ClaimsValidator) -> None:
    assert flagged(garten, "Die Hängematte Nordwind wurde in Kiel entwickelt und in Indien genäht.", DE) == []


def test_a_guarantee_stated_with_its_registration_deadline_passes(garten: ClaimsValidator) -> None:
    text = (
        "Auf das Gestell der Gartenbank Lindholm gibt es 5 Jahre Herstellergarantie, wenn Sie die Bank innerhalb von"
        " 30 Tagen registrieren."
    )
    assert flagged(garten, text, DE) == []
    stretched = "Auf die Tischplatte der Gartenbank Lindholm gibt es 5 Jahre Herstellergarantie."
    assert flagged(garten, stretched, DE) == [("claims.de/guarantee-offer", stretched)]


def test_a_defect_after_some_months_is_no_spec(garten: ClaimsValidator) -> None:
    assert flagged(garten, "Es tut mir leid, dass die Kurbel am Halo 300 schon nach acht Monaten klemmt.", DE) == []


def test_a_guarantee_said_to_hold_without_its_condition_is_flagged(garten: ClaimsValidator) -> None:
    text = "Die Garantie gilt auch, wenn Sie die Bank nicht registriert haben."
    assert flagged(garten, text, DE) == [("claims.de/guarantee-condition-denied", text)]
    assert flagged(garten, "Die Garantie gilt nur, wenn Sie die Bank registriert haben.", DE) == []


def test_what_the_customers_insurer_will_pay_is_individual_advice(garten: ClaimsValidator) -> None:
    text = "Bricht die Bank, zahlt Ihre Hausratversicherung den Schaden in jedem Fall."
    # The plan-terms rule reads an insurer's payment as a plan term too; both findings cover the sentence.
    assert flagged(garten, text, DE) == [("claims.de/advice-individual", text), ("claims.de/plan-terms", text)]
    assert flagged(garten, "Ob Ihre Hausratversicherung zahlt, klären Sie bitte mit ihr.", DE) == []


def test_a_courtesy_no_is_no_denial_and_with_is_not_without() -> None:
    """The cross-language comparison drops function words: "ohne" in an approved claim and "with" in the reply
    must not meet, and "No problem" opens a sentence without denying anything."""
    line = ProductLine(
        id="pfanne",
        facts=(
            Fact(key="models", value="Bratpfanne Glut 28 (28 cm)"),
            Fact(
                key="oven",
                label_de="Backofenfest",
                label_en="oven-safe",
                value=220,
                unit="°C",
                qualifier="ohne Silikongriff; mit Silikongriff bis 180 °C",
            ),
        ),
        approved_claims=("Ohne Silikongriff ist die Bratpfanne Glut 28 bis 220 °C backofenfest.",),
    )
    pan = make(line)
    ctx = Context(product_line="pfanne", language=Language.EN, turn=2)
    text = "No problem – the Glut 28 is oven-safe up to 220 °C even with the silicone handle on."
    assert [rule for rule, _ in flagged(pan, text, ctx)] == ["claims.en/spec-figure"]
    index = products_of(line, shipped_lexicon().words("product_noun"))
    assert index.products[0].aliases[:2] == ("bratpfanne glut 28", "glut 28")
