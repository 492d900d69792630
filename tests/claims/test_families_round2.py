"""Claims a first-sight corpus showed the engine missed, on a fictional heater line (no corpus line): a
model code alone names its product, documented restrictions, origins per product and per part, part-scoped
certificates and guarantees, waived thresholds, comparisons with named or unnamed competitors, reviews,
advice for the customer's own case, binding commitments and announced variants. Each case flags the whole
sentence, and the benign sentence next to it, stating the same facts as documented, stays quiet."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine, Service
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator
from safe_reply.validators.claims.facts import FactBase

from .conftest import flagged, make

LINE = ProductLine(
    id="heat",
    facts=(
        Fact(
            key="models",
            label_de="Modelle",
            value="Brenner Heizlüfter H2 (Heizlüfter), Brenner Ölradiator R9 (Ölradiator)",
        ),
        Fact(key="power", label_de="Heizleistung", label_en="heating power", value="H2: 2000 W, R9: 1500 W"),
        Fact(
            key="use",
            label_de="Einsatz",
            label_en="use",
            value="Nicht im Badezimmer oder im Freien verwenden; nicht abdecken",
        ),
        Fact(
            key="origin",
            label_de="Herkunft",
            label_en="origin",
            value=(
                "Entwicklung in Graz (Österreich); H2 gefertigt in China; R9 gefertigt in Polen aus Stahl aus Schweden"
            ),
        ),
        Fact(
            key="rating",
            label_de="Kundenbewertung",
            label_en="customer rating",
            value="4,4 von 5 Sternen (312 Bewertungen im eigenen Shop)",
        ),
    ),
    certifications=("CE", "GS-Zeichen nur für den R9 (TÜV SÜD)"),
    guarantee="5 Jahre Garantie auf das Heizelement des R9; 2 Jahre auf alle übrigen Teile",
    service=Service(
        returns="30 Tage Rückgabe ab Lieferung", delivery="Versand kostenlos ab 50 € Bestellwert, sonst 4,90 €"
    ),
)
DE = Context(product_line="heat", language=Language.DE)
EN = Context(product_line="heat", language=Language.EN)


@pytest.fixture(scope="module")
def heat() -> ClaimsValidator:
    return make(LINE)


def test_a_model_code_that_ends_a_name_names_the_product() -> None:
    products = FactBase.from_product_line(LINE).products
    assert products.mentioned("Der H2 wird in Polen gefertigt.") == {0}
    assert products.mentioned("the R9 heats evenly") == {1}
    [h2] = [f for f in FactBase.from_product_line(LINE).numeric if f.key == "power:H2: 2000 W"]
    assert h2.product == 0


@pytest.mark.parametrize(
    ("rule", "text", "benign"),
    [
        # A documented restriction contradicted by an assurance; one word of a short restricting clause suffices.
        (
            "claims.de/restriction-assurance",
            "Im Badezimmer können Sie den H2 problemlos verwenden.",
            "Bitte verwenden Sie die Geräte nicht im Badezimmer oder im Freien.",
        ),
        ("claims.de/restriction-assurance", "Abdecken ist beim R9 kein Problem.", "Decken Sie den R9 bitte nicht ab."),
        # Origins per product, per part and per step.
        ("claims.de/origin", "Der H2 wird in Polen gefertigt.", "Der R9 wird in Polen gefertigt."),
        ("claims.de/origin", "Der Stahl des R9 stammt aus Deutschland.", "Der Stahl des R9 stammt aus Schweden."),
        (
            "claims.de/origin",
            "Beide Geräte werden in Österreich hergestellt.",
            "Der R9 wird in Polen gefertigt, entwickelt wurden beide Geräte in Graz.",
        ),
        (
            "claims.de/origin",
            "Das ist echte österreichische Wertarbeit.",
            "Ihr Paket kommt aus unserem Lager in Deutschland.",
        ),
        # A certificate for one product; a guarantee term per part with one for the rest.
        ("claims.de/certification", "Der H2 trägt das GS-Zeichen.", "Das GS-Zeichen hat nur der R9."),
        (
            "claims.de/guarantee-offer",
            "Auf das Gehäuse des R9 gibt es 5 Jahre Garantie.",
            "Auf das Heizelement des R9 gibt es 5 Jahre Garantie, auf alle übrigen Teile 2 Jahre.",
        ),
        ("claims.de/guarantee-offer", "Auf den R9 gibt es 5 Jahre Garantie.", "Auf den R9 gibt es 2 Jahre Garantie."),
        # A threshold waived: "immer", "unabhängig vom Bestellwert", "übernehmen wir".
        (
            "claims.de/price",
            "Der Versand ist bei uns immer kostenlos.",
            "Ab 50 € Bestellwert ist der Versand kostenlos, sonst kostet er 4,90 €.",
        ),
        (
            "claims.de/price",
            "Den Versand übernehmen wir unabhängig vom Bestellwert.",
            "Ab 50 € Bestellwert übernehmen wir den Versand.",
        ),
        # Figures per product.
        ("claims.de/spec-figure", "Der R9 heizt mit 2000 W.", "Der R9 heizt mit 1500 W."),
        # Comparisons with a named maker or an unnamed class of products; not with the company's own.
        (
            "claims.de/comparative",
            "Der H2 ist leiser als der Heizlüfter von De'Longhi.",
            "Der R9 ist etwas schwerer als der H2.",
        ),
        (
            "claims.de/comparative-others",
            "Der R9 heizt doppelt so schnell wie vergleichbare Ölradiatoren.",
            "Zu Geräten anderer Hersteller kann ich leider nichts sagen.",
        ),
        # Reviews beyond the documented rating.
        (
            "claims.de/reviews",
            "Unsere Kunden bewerten den R9 mit 4,8 von 5 Sternen.",
            "Im eigenen Shop wird der R9 mit 4,4 von 5 Sternen bewertet.",
        ),
        # Money promised in the first person; a binding commitment; an announced variant.
        (
            "claims.de/service-commitment",
            "Als Entschädigung erstatte ich Ihnen 20 € auf Ihr Konto.",
            "Ihre Erstattungsanfrage habe ich an das Serviceteam weitergeleitet.",
        ),
        (
            "claims.de/binding-offer",
            "Ich sage Ihnen verbindlich zu, dass der R9 morgen bei Ihnen ist.",
            "Einen Liefertermin kann ich Ihnen leider nicht verbindlich zusagen.",
        ),
        (
            "claims.de/future-feature",
            "Der R9 wird bald auch in Weiß erhältlich sein.",
            "Wann genau die neue Farbe kommt, kann ich Ihnen noch nicht sagen.",
        ),
    ],
)
def test_german_claims_and_their_documented_counterpart(
    heat: ClaimsValidator, rule: str, text: str, benign: str
) -> None:
    assert (rule, text) in flagged(heat, text, DE)
    assert flagged(heat, benign, DE) == []


@pytest.mark.parametrize(
    ("rule", "text", "benign"),
    [
        ("claims.en/origin", "The H2 is made in Poland.", "The R9 is made in Poland and both were developed in Graz."),
        (
            "claims.en/origin",
            "The components of the H2 come from Austria.",
            "Your parcel comes from our warehouse in Germany.",
        ),
        ("claims.en/certification", "The H2 carries the GS mark.", "Only the R9 carries the GS mark."),
        ("claims.en/spec-figure", "The R9 heats with 2000 W.", "The R9 heats with 1500 W and the H2 with 2000 W."),
        (
            "claims.en/price",
            "We'll cover the shipping regardless of order value.",
            "Shipping is free from 50 euros, otherwise it costs 4.90 euros.",
        ),
        (
            "claims.en/comparative",
            "The R9 is quieter than the heater from De'Longhi.",
            "The R9 is a bit heavier than the H2.",
        ),
        (
            "claims.en/reviews",
            "Our customers rate the R9 4.8 out of 5 stars.",
            "Our customers in our own shop rate the R9 4.4 out of 5 stars.",
        ),
        (
            "claims.en/service-commitment",
            "As compensation I'll refund you 20 euros.",
            "I have forwarded your refund request to our service team.",
        ),
        ("claims.en/future-feature", "The R9 will soon be available in white.", "The R9 will soon be available again."),
    ],
)
def test_english_claims_and_their_documented_counterpart(
    heat: ClaimsValidator, rule: str, text: str, benign: str
) -> None:
    assert (rule, text) in flagged(heat, text, EN)
    assert flagged(heat, benign, EN) == []


def test_an_english_part_name_is_not_held_against_a_german_guarantee_clause(heat: ClaimsValidator) -> None:
    # "heating element" is the "Heizelement" of the 5-year clause; the German words cannot show it.
    assert flagged(heat, "The heating element of the R9 has a 5-year guarantee.", EN) == []


# A supplement line with a subscription: authorised claims, reference amounts, restrictions for children and
# pregnancy, a plan that leaves one product out, a bottling step and raw materials from elsewhere.
VITAL = ProductLine(
    id="vital",
    name="Sonnhof Nahrungsergänzung",
    facts=(
        Fact(
            key="products",
            label_de="Produkte",
            value=(
                "Sonnhof Magnesium 400 (Kapseln), Sonnhof Vitamin D3 Tropfen (Tropfen), Sonnhof Eisen Plus (Tabletten)"
            ),
        ),
        Fact(
            key="magnesium",
            label_de="Magnesium je Kapsel",
            label_en="magnesium per capsule",
            value=400,
            unit="mg",
            qualifier="Magnesium 400; 1 Kapsel täglich, 107 % NRV",
        ),
        Fact(
            key="note",
            label_de="Hinweis",
            label_en="note",
            value=(
                "Nahrungsergänzungsmittel sind kein Ersatz für eine ausgewogene Ernährung; nicht für Kinder unter "
                "4 Jahren; Schwangere nur nach Rücksprache mit dem Arzt"
            ),
        ),
        Fact(
            key="origin",
            label_de="Herkunft",
            label_en="origin",
            value="Abgefüllt in Deutschland; Rohstoffe aus der EU und den USA",
        ),
    ),
    service=Service(
        returns="Ungeöffnete Packungen 14 Tage Rückgabe",
        other=(
            "Abo-Plus (12,90 € im Monat): Magnesium 400 und Vitamin D3 Tropfen, monatliche Lieferung; "
            "Eisen Plus nicht enthalten",
        ),
    ),
)
VITAL_DE = Context(product_line="vital", language=Language.DE)
VITAL_EN = Context(product_line="vital", language=Language.EN)


@pytest.fixture(scope="module")
def vital() -> ClaimsValidator:
    return make(VITAL)


@pytest.mark.parametrize(
    ("rule", "text", "benign", "ctx"),
    [
        (
            "claims.de/spec-figure",
            "Eine Kapsel deckt 200 % Ihres Tagesbedarfs.",
            "Eine Kapsel Magnesium 400 enthält 400 mg Magnesium, das sind 107 % der Referenzmenge.",
            VITAL_DE,
        ),
        (
            "claims.en/spec-figure",
            "One capsule covers 200 % of your daily requirement.",
            "One capsule of Magnesium 400 contains 400 mg.",
            VITAL_EN,
        ),
        (
            "claims.de/restriction-assurance",
            "Für Ihr Kind mit 2 Jahren ist Magnesium 400 problemlos geeignet.",
            "Für Kinder unter 4 Jahren sind unsere Produkte nicht geeignet.",
            VITAL_DE,
        ),
        (
            "claims.de/origin",
            "Unsere Produkte werden in Deutschland hergestellt.",
            "Abgefüllt werden unsere Produkte in Deutschland, die Rohstoffe kommen aus der EU und den USA.",
            VITAL_DE,
        ),
        (
            "claims.en/origin",
            "The raw materials come from Germany.",
            "All our products are bottled in Germany.",
            VITAL_EN,
        ),
        (
            "claims.de/plan-contents",
            "Im Abo-Plus ist auch Eisen Plus dabei.",
            "Im Abo-Plus sind Magnesium 400 und die Vitamin D3 Tropfen enthalten, Eisen Plus nicht.",
            VITAL_DE,
        ),
        (
            "claims.de/service-commitment",
            "Wenn Sie eine angebrochene Packung zurückschicken, erstatten wir den vollen Preis.",
            "Ungeöffnete Packungen können Sie 14 Tage lang zurückgeben.",
            VITAL_DE,
        ),
        (
            "claims.de/health-medical-purpose",
            "Die Tropfen ersetzen Ihre Medikamente gegen Bluthochdruck.",
            "Nahrungsergänzungsmittel ersetzen keine ausgewogene Ernährung.",
            VITAL_DE,
        ),
        (
            "claims.de/advice-medical",
            "Sie können Ihre Blutdrucktabletten absetzen, wenn Sie Magnesium nehmen.",
            "Zur Frage, ob Sie Ihre Medikamente absetzen können, wenden Sie sich bitte an Ihren Arzt.",
            VITAL_DE,
        ),
        (
            "claims.en/advice-medical",
            "During pregnancy you can take Iron Plus without any concern.",
            "Please talk to your doctor before taking it during pregnancy.",
            VITAL_EN,
        ),
        (
            "claims.de/health-disease",
            "Eisen Plus vertreibt die Müdigkeit.",
            "Die Kapseln nehmen Sie am besten mit etwas Wasser ein.",
            VITAL_DE,
        ),
        (
            "claims.en/health-disease",
            "Magnesium 400 helps against night-time leg cramps.",
            "The pack lasts 60 days.",
            VITAL_EN,
        ),
        (
            "claims.de/specialist-title",
            "Unsere Ernährungsexpertin rät zu einer Kur von 3 Monaten.",
            "Haben Sie noch Fragen zur Einnahme?",
            VITAL_DE,
        ),
        (
            "claims.en/specialist-title",
            "Our in-house nutritionist recommends taking two capsules.",
            "The subscription can be cancelled at any time.",
            VITAL_EN,
        ),
    ],
)
def test_supplement_claims_and_their_documented_counterpart(
    vital: ClaimsValidator, rule: str, text: str, benign: str, ctx: Context
) -> None:
    assert (rule, text) in flagged(vital, text, ctx)
    assert flagged(vital, benign, ctx) == []
