"""Round 12, review of part a: the general mechanisms behind the reviewer's false blocks and misses.

- `advice-permission` needs a regulated context (driving, building, medical fitness, an authority): a licence key, a
  permission to export data, a police report for an insurer or a doctor's note for an order is a provider's rule.
- A guarantee said NOT to apply without its condition ("gilt nicht automatisch", "ohne Registrierung gilt sie nicht",
  "can't be honoured without a receipt") states the condition; it denies nothing (`guarantee-condition-denied` and the
  older `guarantee-conditions-waived`).
- The German `service-promise-guaranteed` needs a service verb next to the deadline, like the English one.
- A declined promise covers its own clause only: a contrast ("aber wir", ", doch", "jedoch", "however", "yet") or a new
  clause with its own subject and verb (after a comma or "und"/"and") is the bot's own statement again.
- A negated universal compared with ours ("Kein E-Bike fährt weiter als …", "No heater heats up faster than …") is a
  sole-position claim, and a statement after "und"/"and" is not in the denial's reach.
- German reported speech ends at a clause in the bot's own voice ("unser H2 wäre …", "wir würden …").
A fictional line of home appliances and an e-bike whose frame guarantee needs registration and a receipt; no corpus
product."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="haus",
    facts=(
        Fact(key="models", value="E-Bike Velora C5, Heizlüfter Warmo H2, Wasserkocher Tova K2, Luftreiniger Brisa 300"),
        Fact(
            key="repairs",
            label_de="Reparaturen",
            label_en="repairs",
            value="Reparaturen in der Werkstatt 3 bis 5 Werktage, kostenpflichtig außerhalb der Garantie",
        ),
        Fact(
            key="delivery",
            label_de="Lieferung",
            label_en="delivery",
            value="Lieferung 2 bis 4 Werktage, Versand 4,90 €",
        ),
    ),
    guarantee="2 Jahre Herstellergarantie auf den Rahmen des Velora C5; Voraussetzung: Registrierung innerhalb von "
    "30 Tagen und Kaufbeleg; nicht auf Akku",
)
DE = Context(product_line="haus", language=Language.DE, turn=2)
EN = Context(product_line="haus", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def haus() -> ClaimsValidator:
    return make(LINE)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # a provider's own rule, no regulated context (reviewer G09, G10, G12, G21, G22, G05 and wordings of ours)
        ("Für die Testversion brauchen Sie keinen Lizenzschlüssel, nur Ihre E-Mail-Adresse.", DE),
        ("Für Schäden unter 500 Euro brauchen Sie keine Bescheinigung der Polizei, Fotos genügen.", DE),
        ("Für die Bestellung der Heizlüfter-Ersatzfilter brauchen Sie keine Bescheinigung Ihres Arztes.", DE),
        ("You don't need a licence key for the trial – just sign up with your e-mail address.", EN),
        ("You don't need any special permission to export your order history.", EN),
        ("No certificate is required to install the kitchen scale app on a second phone.", EN),
        ("You don't need a police report for e-bike damage under 500 euros; photos are enough.", EN),
        # the guarantee does NOT apply without its condition (reviewer E38, E39, E05, E17, E07, E08, E16)
        ("Die Garantie gilt nicht automatisch: bitte registrieren Sie das Rad innerhalb von 30 Tagen.", DE),
        (
            "Für die Rahmengarantie registrieren Sie das Rad bitte innerhalb von 30 Tagen; ohne Registrierung gilt sie "
            "nicht.",
            DE,
        ),
        ("Die Rahmengarantie gilt nicht ohne Registrierung, bitte melden Sie das Rad innerhalb von 30 Tagen an.", DE),
        ("Ohne Kaufbeleg können wir die Rahmengarantie leider nicht anerkennen.", DE),
        ("The frame guarantee does not apply automatically; please register within 30 days.", EN),
        ("Unfortunately the frame guarantee can't be honoured without a receipt.", EN),
        ("The frame guarantee won't apply without registration, so please register within 30 days.", EN),
        # a promise of the bot's own hand-off, an idiom, a mail on dispatch (reviewer F02, F12, F30)
        ("Ich verspreche Ihnen, dass ich Ihre Anfrage heute noch an die Werkstatt weitergebe.", DE),
        ("Ich verspreche Ihnen, heute Nachmittag ist es ganz einfach: Sie stecken das Gerät wieder ein.", DE),
        ("Ich verspreche Ihnen, dass Sie morgen eine E-Mail bekommen, sobald das Paket verschickt ist.", DE),
        ("I promise I'll pass your request on to our workshop today.", EN),
        # what a declined promise still covers: a conjunction inside its own clause (the verb stands last)
        ("Ich kann Ihnen nicht versprechen, dass die Reparatur schnell und kostenlos ist.", DE),
        ("Ich kann Ihnen nicht versprechen, dass die Lieferung pünktlich und die Montage kostenlos ist.", DE),
        ("I can't promise that the repair will be quick and free of charge.", EN),
        # a negated universal rejecting an absolute, the object going on after "und"/"and"
        ("Kein Luftreiniger filtert 100 % des Feinstaubs und der Pollen.", DE),
        ("No air purifier removes 100% of fine dust and pollen.", EN),
        # a third party's report in the subjunctive, corrected
        (
            "Sie schreiben, Ihr Nachbar habe gelesen, der Luftreiniger würde Asthma heilen. Das kann ich so nicht "
            "bestätigen.",
            DE,
        ),
    ],
)
def test_quiet(haus: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(haus, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        # permission advice in a regulated context: driving, a chimney sweep's inspection, building
        (
            "Mit Ihrem Visus dürfen Sie als Busfahrer weiter fahren, da brauchen Sie kein Gutachten.",
            DE,
            ["claims.de/advice-permission"],
        ),
        (
            "Sie brauchen für den Kaminofen keine Abnahme durch den Schornsteinfeger.",
            DE,
            ["claims.de/advice-permission"],
        ),
        ("Für das Gartenhaus brauchen Sie keine Baugenehmigung.", DE, ["claims.de/advice-permission"]),
        (
            "You don't need a medical certificate to keep driving the e-bike delivery van.",
            EN,
            ["claims.en/advice-permission"],
        ),
        ("No planning permission is needed for the garden shed.", EN, ["claims.en/advice-permission"]),
        # word orders of permission advice (reviewer G35, G28, G39, G36, G30, G32)
        (
            "Mit diesen Tropfen dürfen Sie direkt nach der Anwendung wieder Auto fahren.",
            DE,
            ["claims.de/advice-permission"],
        ),
        (
            "Eine Baugenehmigung brauchen Sie für das Gartenhaus nicht.",
            DE,
            ["claims.de/advice-permission"],
        ),
        (
            "Die Abnahme durch den Schornsteinfeger ist beim Kaminofen nicht erforderlich.",
            DE,
            ["claims.de/advice-permission"],
        ),
        ("You may continue to drive while using the eye drops.", EN, ["claims.en/advice-permission"]),
        ("You can keep driving with these drops in your eyes, no problem.", EN, ["claims.en/advice-permission"]),
        ("You won't need planning permission for the garden sauna.", EN, ["claims.en/advice-permission"]),
        # the condition denied: 'automatisch' after a phrase, an exclusion that is no negated validity
        ("Die 2 Jahre Rahmengarantie gelten ab Kauf automatisch.", DE, ["claims.de/guarantee-condition-denied"]),
        (
            "Die Rahmengarantie gilt automatisch, aber nicht für den Akku; eine Registrierung ist nicht nötig.",
            DE,
            ["claims.de/guarantee-condition-denied"],
        ),
        # the guarantee between the condition and its denial (reviewer E33)
        (
            "Eine Registrierung ist für die Rahmengarantie nicht nötig.",
            DE,
            ["claims.de/guarantee-condition-denied"],
        ),
        # a deadline vouched for, with a service verb
        ("Ich verspreche Ihnen, dass das E-Bike morgen repariert ist.", DE, ["claims.de/service-promise-guaranteed"]),
        (
            "Ich verspreche Ihnen, die Küchenmaschine läuft morgen wieder.",
            DE,
            ["claims.de/service-promise-guaranteed"],
        ),
        ("I promise you the kettle will be delivered by Friday.", EN, ["claims.en/service-promise-guaranteed"]),
        (
            "Your insurance claim will be paid out within 3 days, I promise you that.",
            EN,
            ["claims.en/service-promise-guaranteed"],
        ),
        # the bot's own claim after a declined promise (reviewer quick2, B19, B30, B25, B20, B29, B24, B31)
        (
            "Ich kann Ihnen nicht versprechen, dass es morgen klappt, aber wir reparieren das Rad kostenlos.",
            DE,
            ["claims.de/free-offer"],
        ),
        (
            "Ich kann Ihnen nicht versprechen, dass die Lieferung morgen kommt, doch die Montage ist gratis.",
            DE,
            ["claims.de/free-offer"],
        ),
        (
            "Ich kann Ihnen nicht versprechen, dass der Techniker morgen kommt, die Reparatur ist jedoch kostenlos.",
            DE,
            ["claims.de/free-offer"],
        ),
        (
            "Ich kann Ihnen nicht versprechen, dass der Heizlüfter nie ausfällt, er ist aber der zuverlässigste "
            "Heizlüfter auf dem Markt.",
            DE,
            ["claims.de/superlative"],
        ),
        (
            "I can't promise that it'll arrive tomorrow, however installation is free of charge.",
            EN,
            ["claims.en/free-offer"],
        ),
        (
            "I can't guarantee the exact day, the repair will be completely free of charge.",
            EN,
            ["claims.en/free-offer"],
        ),
        ("There's no guarantee that prices stay the same, and shipping is free for you.", EN, ["claims.en/price"]),
        (
            "I can't promise that the kettle will last forever, yet it is the most durable kettle on the market.",
            EN,
            ["claims.en/superlative"],
        ),
        # a negated universal compared with ours (reviewer C19, C21)
        (
            "Kein E-Bike in dieser Preisklasse fährt weiter als das Velora C5 und lässt alle Konkurrenten hinter sich.",
            DE,
            ["claims.de/superlative"],
        ),
        (
            "No heater on the market heats up faster than the Warmo H2 and it's fully up to temperature in 2 minutes.",
            EN,
            ["claims.en/superlative"],
        ),
        # the bot's own recommendation in Konjunktiv II after a report (reviewer A15)
        (
            "Sie schreiben, Ihr alter Heizlüfter sei zu laut, unser Warmo H2 wäre die leiseste Lösung auf dem Markt.",
            DE,
            ["claims.de/superlative"],
        ),
        (
            "Sie schreiben, Ihr Wasserkocher sei zu langsam, wir würden Ihnen den Tova K2 als schnellsten Wasserkocher "
            "auf dem Markt empfehlen.",
            DE,
            ["claims.de/superlative"],
        ),
    ],
)
def test_flagged(haus: ClaimsValidator, text: str, ctx: Context, expected: list[str]) -> None:
    # Each finding covers the whole sentence of the claim, nothing else.
    assert flagged(haus, text, ctx) == [(rule, text) for rule in expected]


def test_registration_denied_where_the_guarantee_needs_none() -> None:
    """The same order ("Registrierung ist für die … Garantie nicht nötig") on a guarantee that asks for a receipt only
    waives nothing and stays quiet."""
    line = ProductLine(id="haus", facts=LINE.facts, guarantee="2 Jahre Garantie auf den Rahmen, nur mit Kaufbeleg")
    receipt = make(line)
    assert flagged(receipt, "Eine Registrierung ist für die Rahmengarantie nicht nötig.", DE) == []


def test_guarantee_as_a_verb_is_no_guarantee_condition(haus: ClaimsValidator) -> None:
    """"I guarantee you don't need to register to order" vouches for the checkout, not for a guarantee's terms
    (reviewer E13; the older advice-rights rule may still read it as advice)."""
    text = "I guarantee you don't need to register to place an order – guest checkout works fine."
    assert "claims.en/guarantee-condition-denied" not in {rule for rule, _ in flagged(haus, text, EN)}
    loud = "I can confirm the frame guarantee applies automatically, no registration needed."
    assert ("claims.en/guarantee-condition-denied", loud) in flagged(haus, loud, EN)
