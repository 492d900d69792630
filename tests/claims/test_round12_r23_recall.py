"""Round 12 (r23 recall): classes of claims the checker missed, each on its own mechanism, German first:

- health effects the vocabulary's verbs did not reach (bringing about sleep, slimming, metabolism, performance);
- individual medical advice that keeps the customer from a doctor, dosing to a target, an overdose ruled out;
- comparisons with a named brand, top positions in a town or among all one can buy, availability for a week only;
- service terms stated beyond the terms: "always free" against a threshold told in the fact's label ("versandkostenfrei
  ab"), a return period, points that never expire or are worth more, a capability announced for a future date.

A fictional line of kitchen appliances and sports food, no corpus product; each flagged wording has a near miss that
the facts back or that says something else, and stays quiet."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="kueche",
    facts=(
        Fact(
            key="models",
            value="Kraftwerk Shake (Eiweißpulver, 500 g), Mixo B2 (Standmixer, 1.200 W), "
            "Ruhepol Kräutertee (20 Beutel)",
        ),
        Fact(
            key="free_shipping",
            label_de="versandkostenfrei ab",
            label_en="free shipping from",
            value=30,
            unit="€",
            qualifier="Bestellwert; darunter 4,95 € Versand; Abo-Lieferungen immer versandkostenfrei",
        ),
        Fact(
            key="loyalty",
            label_de="Treuekarte",
            label_en="loyalty card",
            value="1 Punkt pro 2 € Einkaufswert; 200 Punkte = 2 € Gutschrift; Punkte verfallen nach 24 Monaten",
        ),
        Fact(
            key="returns",
            label_de="Rückgabe",
            label_en="returns",
            value="Rückgabe 45 Tage ab Erhalt für unbenutzte Artikel; kostenlose Rücksendung",
        ),
    ),
    approved_claims=("Protein trägt zur Erhaltung von Muskelmasse bei (Kraftwerk Shake, 25 g Eiweiß pro Portion).",),
)
DE = Context(product_line="kueche", language=Language.DE, turn=2)
EN = Context(product_line="kueche", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def kitchen() -> ClaimsValidator:
    return make(LINE)


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        # health effects beyond the approved claim
        ("Der Kräutertee sorgt für einen tiefen, erholsamen Schlaf.", DE, "claims.de/health-effect-open"),
        ("Der Kraftwerk Shake hilft Ihnen beim Abnehmen.", DE, "claims.de/health-effect-open"),
        ("Das Pulver kurbelt den Fettstoffwechsel an.", DE, "claims.de/health-effect-open"),
        ("The herbal tea gives you a deep, restful sleep.", EN, "claims.en/health-effect-open"),
        ("The Kraftwerk Shake boosts your performance by up to 20 %.", EN, "claims.en/health-effect-open"),
        ("The powder kick-starts your metabolism.", EN, "claims.en/health-effect-open"),
        # medical advice that keeps the customer from a doctor; an overdose ruled out
        ("Bei 38,5 °C müssen Sie mit Ihrem Kind nicht zum Arzt.", DE, "claims.de/advice-no-doctor"),
        ("Einen Arzttermin brauchen Sie dafür nicht.", DE, "claims.de/advice-no-doctor"),
        ("Eine Überdosierung ist bei Magnesium so gut wie ausgeschlossen.", DE, "claims.de/absolute-safety-dose"),
        ("At 38.5 °C you don't need to take your child to the doctor.", EN, "claims.en/advice-no-doctor"),
        ("You can't overdose on magnesium.", EN, "claims.en/advice-no-doctor"),
        # a named brand, a top position in a town or among all one can buy, a week's availability
        ("Unser Mixo B2 ist leiser als Thermomix.", DE, "claims.de/comparative-brand"),
        ("Der Shake schmeckt besser als die Rossmann-Eigenmarke.", DE, "claims.de/comparative-brand"),
        ("Der Mixo B2 ist mit 89 € der günstigste Standmixer in ganz Hamburg.", DE, "claims.de/superlative-reach"),
        ("Das ist der beste Mixer, den Sie im Fachhandel bekommen.", DE, "claims.de/superlative-reach"),
        ("Der Mixo B2 ist nur diese Woche erhältlich.", DE, "claims.de/urgency-available"),
        ("Our Mixo B2 is quieter than Thermomix.", EN, "claims.en/comparative-brand"),
        ("Our blender is smoother than Vitamix.", EN, "claims.en/comparative-brand"),
        ("You won't find blenders cheaper anywhere.", EN, "claims.en/superlative-reach"),
        ("The Mixo B2 is only available this week.", EN, "claims.en/urgency-available"),
        # service terms beyond the documented ones
        ("Ihre Treuepunkte verfallen nie.", DE, "claims.de/service-terms-stated"),
        ("200 Punkte sind 10 € wert.", DE, "claims.de/service-terms-stated"),
        ("Auch benutzte Artikel nehmen wir innerhalb von 90 Tagen zurück.", DE, "claims.de/service-terms-stated"),
        ("Ab nächstem Monat kann die App Ihren Eiweißbedarf genau berechnen.", DE, "claims.de/future-capability"),
        ("Your loyalty points never expire.", EN, "claims.en/service-terms-stated"),
        ("200 points are worth €10.", EN, "claims.en/service-terms-stated"),
        ("We take used items back within 90 days.", EN, "claims.en/service-terms-stated"),
        ("From next month the app will be able to tell you what you lack.", EN, "claims.en/future-capability"),
    ],
)
def test_flagged_on_its_sentence(kitchen: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    assert flagged(kitchen, text, ctx) == [(rule, text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # "always free" is flagged against the label's threshold; what the term itself holds always stays quiet
        ("Der Versand ist bei uns immer kostenlos, es gibt keinen Mindestbestellwert.", DE),
        ("Shipping is always free with us, no minimum order value.", EN),
    ],
)
def test_always_free_against_a_threshold_in_the_label(kitchen: ClaimsValidator, text: str, ctx: Context) -> None:
    found = flagged(kitchen, text, ctx)
    assert [span for _, span in found] == [text]
    assert found[0][0] in {"claims.de/price", "claims.de/free-offer", "claims.en/price", "claims.en/free-offer"}


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Der Akku des Mixo B2 sorgt für eine lange Laufzeit.", DE),
        ("Der Shake ersetzt keine Mahlzeit und hilft nicht beim Abnehmen.", DE),
        ("Den Deckel können Sie zum Reinigen abnehmen.", DE),
        ("Wenn das Fieber über 39 °C steigt, gehen Sie bitte zum Kinderarzt.", DE),
        ("Eine Überdosierung ist nicht ausgeschlossen; halten Sie sich an die Verzehrempfehlung.", DE),
        ("Der Rahmen ist leichter als Stahl.", DE),
        ("Ist der Mixo B2 leiser als Thermomix?", DE),
        ("Die nächste Filiale in ganz Hamburg finden Sie am Jungfernstieg.", DE),
        ("Das ist die günstigste Variante, die Sie bei uns bekommen.", DE),
        ("Unsere Hotline ist heute nur bis 14 Uhr erreichbar.", DE),
        ("Abo-Lieferungen sind immer versandkostenfrei.", DE),
        ("Ab 30 € Bestellwert ist der Versand kostenlos.", DE),
        ("200 Punkte sind 2 € wert.", DE),
        ("Unbenutzte Artikel nehmen wir innerhalb von 45 Tagen zurück.", DE),
        ("Ab März können Sie den Mixo B2 auch in Blau bestellen.", DE),
        ("The update improves your router's performance.", EN),
        ("If the fever rises above 39 °C, please see a doctor.", EN),
        ("Please order no later than Friday.", EN),
        ("Rather than Monday, we can deliver on Tuesday.", EN),
        ("Our nearest store in town is on Main Street.", EN),
        ("Subscription deliveries always ship free.", EN),
        ("200 points are worth €2.", EN),
        ("We take unused items back within 45 days.", EN),
        ("From March you can also order the Mixo B2 in blue.", EN),
    ],
)
def test_near_misses_stay_quiet(kitchen: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(kitchen, text, ctx) == []
