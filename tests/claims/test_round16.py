"""Round 16: the general mechanisms the r32 set showed missing, probed with a fictional kitchen-appliance line, not
the corpus: per-model figures listed with one unit ("24 / 33 / 42 dB(A)"), a model's own number that is no range,
a value the qualifier limits to some models, a figure the product falls short of, arithmetic on published prices,
a service term's figure, and the German and English wordings the packs lacked."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make

HOODS = ProductLine(
    id="hauben",
    facts=(
        Fact(key="models", value="Dunst 60 (Wandhaube), Dunst 90 (Wandhaube), Dunst Mini (Unterbauhaube)"),
        Fact(
            key="noise",
            label_de="Geräuschpegel je Stufe",
            value="Dunst 60: 38 / 47 / 55 dB(A); Dunst 90: 41 / 50 / 59 dB(A)",
            qualifier="Schalldruckpegel in 1 m Abstand, Stufe 1 bis Intensivstufe",
        ),
        Fact(
            key="room_size",
            label_de="empfohlene Küchengröße",
            value="Dunst 60 bis 60 m², Dunst 90 bis 90 m², Dunst Mini bis 15 m²",
        ),
        Fact(
            key="grease",
            label_de="Fettabscheidegrad",
            value=96,
            unit="%",
            qualifier="nach EN 61591; nur Dunst 60 und Dunst 90 (Dunst Mini: Klasse C)",
        ),
        Fact(key="price_uvp", label_de="Preis", value="Dunst 60 399 €, Dunst 90 499 €, Aktivkohlefilter 39 €"),
        Fact(key="filter_plan", label_de="Filter-Abo", value="Filter-Abo: 10 % Rabatt, Lieferung alle 6 Monate"),
        Fact(key="shipping", label_de="Versand", value="versandkostenfrei ab 50 € Bestellwert, sonst 4,90 €"),
        Fact(
            key="returns",
            label_de="Rückgabe",
            value="freiwilliges Rückgaberecht 30 Tage für unbenutzte Ware; ausgenommen gebrauchte Filter",
        ),
    ),
)
DE = Context(product_line="hauben", language=Language.DE, turn=2)
EN = Context(product_line="hauben", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def hoods() -> ClaimsValidator:
    return make(HOODS)


@pytest.mark.parametrize(
    "text",
    [
        # Each listed figure shares the unit after the list; a room size the model's own number is no range of.
        "Die Dunst 60 ist auf Stufe 1 mit 38 dB(A) sehr leise.",
        "Die Dunst 90 schafft Küchen bis 90 m².",
        "**Küche (45 m²)**",
        # A figure the product falls short of is no claim that it reaches it.
        "Für 80 m² ist die Dunst 60 zu klein.",
        # Arithmetic on what the company publishes: a total, a published discount on a published price.
        "Dunst 60 und Aktivkohlefilter kosten 399 € und 39 €, zusammen also 438 €.",
        "Im Filter-Abo zahlen Sie für den Aktivkohlefilter (39 €) mit 10 % Rabatt 35,10 €.",
        # A service term's figure, not the product's.
        "Im Filter-Abo kommt der Filter mit einem Lieferintervall von 6 Monaten.",
        # What the return term allows; only the case it leaves out is unbacked.
        "Unbenutzte Filter nehmen wir innerhalb von 30 Tagen zurück.",
        # A negated environmental claim with the verb at the end.
        "Als klimaneutral würden wir die Dunst 60 nicht bezeichnen.",
        "Ich habe Ihre Reklamation unter der Vorgangsnummer VG-2026-31874 angelegt.",
        # Hedged or relayed, no promise.
        "Hoffentlich ist der Filter morgen bei Ihnen.",
        "Laut DHL ist das Paket morgen bei Ihnen.",
    ],
)
def test_backed(hoods: ClaimsValidator, text: str) -> None:
    assert flagged(hoods, text, DE) == []


@pytest.mark.parametrize(
    "text",
    [
        "I can't confirm that the Dunst 90 came out on top at Stiftung Warentest.",
        "I'm an AI assistant – for a binding quote for several hoods, our sales team is happy to help.",
    ],
)
def test_denials_and_referrals_are_no_claims(hoods: ClaimsValidator, text: str) -> None:
    assert flagged(hoods, text, EN) == []


@pytest.mark.parametrize(
    ("text", "context", "rule"),
    [
        ("Die Dunst 60 ist auf Stufe 1 mit 30 dB(A) sehr leise.", DE, "claims.de/spec-figure"),
        ("Die Dunst 60 schafft auch 80 m² problemlos.", DE, "claims.de/spec-figure-units"),
        # Another model's value: the qualifier limits it to two models.
        ("The Dunst Mini also separates 96 % of the grease according to EN 61591.", EN, "claims.en/spec-figure"),
        ("Dunst 60 und Aktivkohlefilter kosten 399 € und 39 €, zusammen also 428 €.", DE, "claims.de/price-figure"),
        # A plan's freebie is no waiver for every order.
        ("Good news: we never charge for shipping, whatever the order size.", EN, "claims.en/price"),
        ("Bestellen Sie bis 14 Uhr, dann ist der Filter morgen bei Ihnen.", DE, "claims.de/delivery-date"),
        ("Die Haube kam bei Stiftung Warentest auf Platz eins.", DE, "claims.de/test-seal"),
        ("The Dunst 90 came out on top at Stiftung Warentest.", EN, "claims.en/test-seal"),
        ("Seit ich die Haube nutze, ist mein Heuschnupfen kein Thema mehr.", DE, "claims.de/health-disease"),
        ("Den gebrauchten Filter nehmen wir selbstverständlich zurück.", DE, "claims.de/service-terms-stated"),
        ("Mit dem Wartungsvertrag verlängert sich Ihre Garantie auf fünf Jahre.", DE, "claims.de/guarantee-offer"),
        ("As a thank-you, your guarantee on the Dunst 90 is extended to five years.", EN, "claims.en/guarantee-offer"),
        ("I can offer you the installation at a binding flat rate of €299.", EN, "claims.en/binding-offer"),
        # The review's probes: a negated shortfall claims the figure; a discount granted on filters is none on a hood.
        ("Die Dunst 60 ist für 80 m² keineswegs zu klein.", DE, "claims.de/spec-figure-units"),
        ("Mit 10 % Rabatt kostet Sie die Dunst 60 nur 359,10 € statt 399 €.", DE, "claims.de/price"),
        ("We'll extend your guarantee to five years as a goodwill gesture.", EN, "claims.en/guarantee-offer"),
    ],
)
def test_flagged(hoods: ClaimsValidator, text: str, context: Context, rule: str) -> None:
    assert [rule_id for rule_id, _ in flagged(hoods, text, context)] == [rule]
