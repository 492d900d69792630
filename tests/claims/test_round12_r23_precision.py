"""Round 12 precision (first-sight set r23): ordinary replies of the shapes r23 falsely flagged stay quiet, and a
near miss of each shape that makes the claim is still flagged on its exact sentence. A fictional line of kitchen
appliances and a shop service, no corpus product.

- origin: a product the origin fact names in words the product index does not know ("All-in-1 Maschine"), and
  "all" inside a hyphenated name ("All-in-1", "all-purpose") is no claim about all products;
- a spec list whose items after the first give only their number ("Stufe 1: 800 W, 2: 1.200 W") is one list;
- two documented service terms joined in one sentence (subscription discount and loyalty points);
- a declined benefit with an adjective before it ("keinen zusätzlichen Rabatt");
- a green claim the company says it does not make ("als klimaneutral bezeichnen wir ... nicht", "nicht
  CO2-neutral", "isn't carbon-neutral");
- biodegradability told as the legal requirement it is for every detergent;
- the customer's own items named by their production method ("für handbemalte Gläser empfehlen wir");
- a barrier against an outside agent with the body part named at length ("protects the skin in the nappy area
  from moisture").
"""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="kitchen",
    facts=(
        Fact(
            key="models",
            value="Nordwerk All-in-1 Küchenmaschine (Rührschüssel 5 l), Nordwerk Tischgrill T2 (Elektrogrill)",
        ),
        Fact(
            key="origin",
            label_de="Herkunft",
            value="All-in-1 Maschine gefertigt in Tschechien (Lohnfertigung); Tischgrill und Zubehör hergestellt in "
            "Deutschland",
        ),
        Fact(key="grill_levels", label_de="Heizstufen Tischgrill", value="Stufe 1: 800 W, 2: 1.200 W, 3: 2.000 W"),
        Fact(
            key="abo_discount",
            label_de="Spar-Abo-Rabatt",
            label_en="subscription discount",
            value=10,
            unit="%",
            qualifier="auf jede Abo-Lieferung von Grillzubehör; jederzeit kündbar",
        ),
        Fact(
            key="biodegradability",
            label_de="Abbaubarkeit",
            value="Tenside im Grillreiniger biologisch abbaubar gemäß Verordnung (EG) Nr. 648/2004 (gesetzliche "
            "Anforderung für alle Reiniger)",
        ),
        Fact(
            key="points",
            label_de="Kundenkarte",
            label_en="customer card",
            value="1 Punkt pro 1 € Einkaufswert; 100 Punkte = 1 € Gutschrift",
        ),
    ),
    guarantee="2 Jahre Herstellergarantie auf den Tischgrill, mit Kaufbeleg",
)
DE = Context(product_line="kitchen", language=Language.DE, turn=2)
EN = Context(product_line="kitchen", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def kitchen() -> ClaimsValidator:
    return make(LINE)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # each product at the place the origin fact gives it, by words of the fact's own
        ("Die All-in-1 Maschine wird in Tschechien gefertigt, Tischgrill und Zubehör dagegen in Deutschland.", DE),
        ("The All-in-1 machine is made in the Czech Republic; our table grill is made in Germany.", EN),
        ("Den Tischgrill und das Zubehör stellen wir in Deutschland her.", DE),
        # every item of a list that names its kind only once
        ("Auf Stufe 3 hat der Tischgrill 2.000 W.", DE),
        ("Stufe 2 heizt mit 1.200 W.", DE),
        # two documented terms in one sentence
        (
            "Sure – you get 10 % off every subscription delivery and still collect 1 point per euro spent "
            "(100 points = 1 € credit).",
            EN,
        ),
        # a benefit declined, with an adjective before it
        ("Ich kann Ihnen leider keinen zusätzlichen Rabatt auf den Tischgrill geben.", DE),
        ("Wir können Ihnen leider keine weitere Gutschrift anbieten.", DE),
        # a green claim the company says it does not make
        ("Nein, als klimaneutral bezeichnen wir unsere Küchengeräte nicht, und der Versand ist nicht CO2-neutral.", DE),
        ("We don't call our grills climate neutral, and shipping isn't carbon-neutral either.", EN),
        ("Shipping is not CO2-neutral.", EN),
        # biodegradable as the legal requirement it is
        (
            "Die Tenside im Grillreiniger sind gemäß Verordnung (EG) Nr. 648/2004 biologisch abbaubar, das ist für "
            "alle Reiniger gesetzlich vorgeschrieben.",
            DE,
        ),
        (
            "The surfactants of the grill cleaner are biodegradable in line with Regulation (EC) No 648/2004 – "
            "that's a legal requirement for all detergents, not a special feature of ours.",
            EN,
        ),
        # the customer's own items, named by how they were made
        ("Für Kristallglas und handbemalte Teller empfehlen wir das Schonprogramm Ihrer Spülmaschine.", DE),
        ("For hand-painted plates we recommend the gentle programme of your dishwasher.", EN),
        # a barrier against an outside agent
        ("The grill gloves protect the skin of both your hands from moisture.", EN),
        ("Die Grillhandschuhe schützen die Haut an beiden Händen zuverlässig vor Nässe.", DE),
    ],
)
def test_r23_shapes_stay_quiet(kitchen: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(kitchen, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        # the product at the other product's place, and a claim about all products
        ("Die All-in-1 Maschine wird in Deutschland hergestellt.", DE, "claims.de/origin"),
        ("The Nordwerk All-in-1 machine is made in Germany.", EN, "claims.en/origin"),
        ("All our products are made in Germany.", EN, "claims.en/origin"),
        # one of the two joined terms is not documented
        (
            "You get 15 % off every subscription delivery and still collect 1 point per euro spent "
            "(100 points = 1 € credit).",
            EN,
            "claims.en/price",
        ),
        # a benefit granted, not declined
        (
            "Ich kann Ihnen einen zusätzlichen Rabatt von 15 % auf den Tischgrill geben.",
            DE,
            "claims.de/service-commitment",
        ),
        # the green claim made
        ("Als klimaneutral bezeichnen wir unsere Küchengeräte gern.", DE, "claims.de/environmental"),
        ("Der Versand ist CO2-neutral.", DE, "claims.de/environmental"),
        ("Shipping is CO2-neutral.", EN, "claims.en/environmental"),
        # biodegradable as a merit of the product
        (
            "Die Tenside sind biologisch abbaubar, das unterscheidet unseren Reiniger von anderen.",
            DE,
            "claims.de/environmental",
        ),
        ("The surfactants are biodegradable, which sets our cleaner apart.", EN, "claims.en/environmental"),
        # our own items made by hand
        ("Für unsere handbemalten Teller empfehlen wir das Schonprogramm.", DE, "claims.de/production-method"),
        ("For our hand-painted plates we recommend the gentle programme.", EN, "claims.en/production-method"),
    ],
)
def test_r23_near_misses_still_flagged(kitchen: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    assert (rule, text) in flagged(kitchen, text, ctx)
