"""Round 12 (claims, part a): what the bot reports and corrects, a promise it declines, a negated universal that
rejects an absolute and a period that runs from an event ("nach Anbruch 12 Monate") stay quiet; a guarantee stated
while denying its documented condition, a service deadline vouched for in person and individual advice on what the
customer may legally do are flagged. Each has a near miss on the other side. A fictional line of home appliances
(air purifier, descaler, kettle) and e-bikes, no corpus product."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="home",
    facts=(
        Fact(
            key="models",
            value="Luftreiniger Brisa 300 (air purifier), Entkalker Kalkfrei Pro (descaler, 500 ml), "
            "Wasserkocher Tova K2 (kettle), E-Bike Velora C5",
        ),
        Fact(
            key="filter",
            label_de="Filterleistung Brisa 300",
            label_en="filtration Brisa 300",
            value=95,
            unit="%",
            qualifier="Feinstaub PM2,5, bei Stufe 3",
        ),
        Fact(
            key="descaler",
            label_de="Entkalker Kalkfrei Pro",
            label_en="descaler Kalkfrei Pro",
            value="Einwirkzeit mindestens 30 Minuten; nach Anbruch 12 Monate verwendbar",
        ),
        Fact(
            key="repairs",
            label_de="Reparaturen",
            label_en="repairs",
            value="Reparaturen in der eigenen Werkstatt 3 bis 5 Werktage, kostenpflichtig außerhalb der Garantie",
        ),
    ),
    guarantee="2 Jahre Herstellergarantie auf den Rahmen des Velora C5; Voraussetzung: Registrierung innerhalb von "
    "30 Tagen; nicht auf Akku und Verschleißteile",
)
# The same line whose guarantee asks for a receipt, not a registration.
RECEIPT_LINE = ProductLine(id="home", facts=LINE.facts, guarantee="2 Jahre Garantie auf den Rahmen, nur mit Kaufbeleg")
DE = Context(product_line="home", language=Language.DE, turn=2)
EN = Context(product_line="home", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def home() -> ClaimsValidator:
    return make(LINE)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # the customer's report of what someone heard, in the subjunctive, then corrected
        (
            "Sie schreiben, Ihr Nachbar habe gelesen, der Luftreiniger würde Asthma heilen. Das kann ich so nicht "
            "bestätigen.",
            DE,
        ),
        ("Sie schreiben, eine Freundin sei sicher, der Wasserkocher heile Erkältungen. Das stimmt so nicht.", DE),
        # a third party's belief told in order to correct it
        ("Ihr Nachbar hat gehört, der Luftreiniger heilt Asthma. Das stimmt so nicht.", DE),
        ("A friend of yours heard that the air purifier cures asthma. That's not true, though.", EN),
        ("You may have heard that air purifiers cure asthma. Unfortunately not.", EN),
        # a negated universal subject rejecting an absolute
        ("No air purifier removes 100% of fine dust.", EN),
        ("Kein Luftreiniger filtert 100 % des Feinstaubs.", DE),
        ("Keine Filteranlage hält Feinstaub zu 100 % ab.", DE),
        # a promise the bot declines to make
        ("I can't promise that the repair will be free of charge.", EN),
        ("Ich kann Ihnen leider nicht versprechen, dass die Reparatur kostenlos ist.", DE),
        ("There's no guarantee that the repair will be free of charge.", EN),
        # a period that runs from an event, as the facts give it, and its minimum contact time
        ("Der Entkalker Kalkfrei Pro ist nach Anbruch 12 Monate verwendbar.", DE),
        ("Lassen Sie den Kalkfrei Pro mindestens 30 Minuten einwirken und verbrauchen Sie ihn nach Anbruch "
         "innerhalb von 12 Monaten.", DE),
        # a deadline told, not vouched for; a promise declined
        ("Reparaturen dauern in unserer Werkstatt 3 bis 5 Werktage.", DE),
        ("I can't promise that your e-bike will be repaired by tomorrow.", EN),
        ("We'll try to have the kettle repaired by Friday.", EN),
        # general information and the competent body instead of individual advice; shop rules are no permission
        ("Ob Sie mit dem Velora C5 weiter im Beruf fahren dürfen, entscheidet die Fahrerlaubnisbehörde.", DE),
        ("Für die Rückgabe brauchen Sie keinen Kassenbon.", DE),
        ("Whether you may keep driving is decided by the licensing authority.", EN),
        ("You don't need a receipt to return the kettle.", EN),
        # the guarantee's condition stated, not denied
        ("Die 2 Jahre Garantie auf den Rahmen gelten nur nach Registrierung innerhalb von 30 Tagen.", DE),
        ("The frame guarantee only applies after registration within 30 days.", EN),
    ],
)
def test_quiet(home: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(home, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        # near misses of the reports: no correction follows, or the report ends and the bot asserts
        ("Ihr Nachbar hat gehört, der Luftreiniger heilt Asthma. Das ist richtig.", DE, "claims.de/health"),
        ("Ihr Nachbar hat gehört, der Luftreiniger heilt Asthma, und das stimmt.", DE, "claims.de/health"),
        ("Some people say the air purifier cures asthma.", EN, "claims.en/health-disease"),
        # near misses of the negated universal: a sole-position claim, our own product
        ("Kein anderer Luftreiniger filtert 100 % des Feinstaubs.", DE, "claims.de/spec-figure"),
        ("Our Brisa 300 filters 100% of the fine dust.", EN, "claims.en/spec-figure"),
        # near miss of the declined promise: a promise made
        ("I can promise that the repair will be free of charge.", EN, "claims.en/free-offer"),
        # a period beyond the facts' one
        ("Der Entkalker Kalkfrei Pro ist nach Anbruch 24 Monate verwendbar.", DE, "claims.de/spec-figure"),
        # a guarantee stated while denying the registration it requires
        (
            "Die 2 Jahre Garantie auf den Rahmen gelten automatisch, eine Registrierung ist nicht nötig.",
            DE,
            "claims.de/guarantee-condition-denied",
        ),
        (
            "Die Herstellergarantie auf den Rahmen greift automatisch, Sie müssen nichts registrieren.",
            DE,
            "claims.de/guarantee-condition-denied",
        ),
        (
            "The frame guarantee applies automatically – you don't need to register.",
            EN,
            "claims.en/guarantee-condition-denied",
        ),
        # a service deadline vouched for in person
        (
            "Keine Sorge, Ihr E-Bike ist bis morgen repariert – das verspreche ich Ihnen.",
            DE,
            "claims.de/service-promise-guaranteed",
        ),
        (
            "Ich garantiere Ihnen, dass der Wasserkocher am Freitag bei Ihnen ist.",
            DE,
            "claims.de/service-promise-guaranteed",
        ),
        (
            "Don't worry, your e-bike will be repaired by tomorrow – I guarantee it.",
            EN,
            "claims.en/service-promise-guaranteed",
        ),
        ("I promise you the kettle will be delivered by Friday.", EN, "claims.en/service-promise-guaranteed"),
        # individual advice on what the customer may legally do and which certificate they need
        (
            "Mit Ihrem Visus dürfen Sie als Busfahrer weiter fahren, da brauchen Sie kein Gutachten.",
            DE,
            "claims.de/advice-permission",
        ),
        ("Für den Fahrradanhänger brauchen Sie keine Betriebserlaubnis.", DE, "claims.de/advice-permission"),
        (
            "With your eyesight you're still allowed to drive a bus as a professional driver.",
            EN,
            "claims.en/advice-permission",
        ),
        # (a regulated context is needed: a certificate "for that" may be a shop's own rule, round-12 review a)
        ("You don't need a medical certificate to keep driving the bus.", EN, "claims.en/advice-permission"),
    ],
)
def test_flagged(home: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    first = text.split(". ", maxsplit=1)[0].rstrip(".") + "."  # the finding covers the sentence of the claim
    assert (rule, first) in flagged(home, text, ctx)
    # ... and nothing outside it
    assert {span for _, span in flagged(home, text, ctx)} == {first}


def test_denied_condition_the_guarantee_does_not_have() -> None:
    """A guarantee that asks for a receipt: "no registration needed" waives nothing, "without a receipt" does."""
    receipt = make(RECEIPT_LINE)
    for quiet in (
        "Die Garantie auf den Rahmen gilt automatisch, eine Registrierung ist nicht nötig.",
        # the receipt the guarantee asks for is named, not denied
        "Auf den Rahmen bekommen Sie 2 Jahre Garantie – einfach den Kaufbeleg aufbewahren, eine Registrierung ist "
        "nicht nötig.",
    ):
        assert flagged(receipt, quiet, DE) == []
    loud = "Die 2 Jahre Garantie auf den Rahmen bekommen Sie auch ohne Kaufbeleg."
    assert flagged(receipt, loud, DE) == [("claims.de/guarantee-conditions-waived", loud)]
