"""Round 12 review of part B (conditions, certification standards, disease progression, plan coverage): the false
blocks the review found on a fictional line of e-bikes, kitchen appliances, a pharmacy and two insurance plans, and
the flags that must survive the fixes.

- a plan's name is often only in its fact's label ("Fahrradversicherung Sicherwerk Rad"): the excess of another
  plan of the line ("Selbstbeteiligung 50 €" of the phone plan) does not make "ohne Selbstbeteiligung" of this one
  a waived term;
- a verb that slows something else ("die Lieferung verzögert sich", "slow the bike down") or an illness named in
  another clause or a subordinate clause ("auch wenn Sie mit einer Erkältung ...") is no disease progression;
- a condition a fact excludes for one use ("Laden ... nicht bei Frost") is not excluded for another in a German
  reply ("fährt auch bei Kälte");
- advice on which standard another item should meet ("prüfen Sie, ob Ihre Steckdose nach EN 60884 geprüft ist")
  claims nothing for our product.
"""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="radhaus",
    facts=(
        Fact(
            key="models",
            value="E-Bikes Velora C5 (City) und Velora Kids 20 (Kinder); Fahrradversicherung Sicherwerk Rad; "
            "Handyversicherung Sicherwerk Mobil",
        ),
        Fact(
            key="battery",
            label_de="Akku",
            label_en="battery",
            value="625 Wh; Laden nur bei 0 bis 40 °C, nicht bei Frost",
        ),
        Fact(
            key="bike_insurance",
            label_de="Fahrradversicherung Sicherwerk Rad",
            label_en="bike insurance Sicherwerk Rad",
            value="9,90 € im Monat; deckt Diebstahl, Vandalismus, Unfallschäden und Akkuschäden; keine "
            "Selbstbeteiligung; nicht versichert: Verschleiß, Verlust",
        ),
        Fact(
            key="phone_insurance",
            label_de="Handyversicherung Sicherwerk Mobil",
            label_en="phone insurance Sicherwerk Mobil",
            value="6,90 € im Monat, Mindestlaufzeit 12 Monate; deckt Displaybruch, Wasserschäden und Diebstahl; "
            "Selbstbeteiligung 50 € pro Schadensfall; nicht versichert: Verlust, Kratzer, Akku",
        ),
    ),
    certifications=("CE", "EN 15194 (Velora C5)"),
)
DE = Context(product_line="radhaus", language=Language.DE, turn=2)
EN = Context(product_line="radhaus", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def radhaus() -> ClaimsValidator:
    return make(LINE)


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        # the phone plan's excess waived, by its kind or its name
        ("Die Handyversicherung Sicherwerk Mobil gibt es ganz ohne Selbstbeteiligung.", DE, "claims.de/plan-coverage"),
        ("The phone insurance covers theft with no excess.", EN, "claims.en/plan-terms"),
        # a case the bike plan excludes
        (
            "Die Fahrradversicherung Sicherwerk Rad zahlt auch bei Verlust, ohne Selbstbeteiligung.",
            DE,
            "claims.de/plan-terms",
        ),
        # an illness's course slowed, also with a condition after it
        (
            "Die Wärmeauflage verlangsamt Arthrose, auch wenn Sie sie nur abends nutzen.",
            DE,
            "claims.de/health-progression",
        ),
        ("Mit den Tropfen lässt sich Augentrockenheit verlangsamen.", DE, "claims.de/health-progression"),
        ("These drops slow down myopia progression in children.", EN, "claims.en/health-progression"),
        # charging in frost, which the battery fact excludes
        ("Bei Frost funktioniert das Laden des Akkus genauso wie im Sommer.", DE, "claims.de/excluded-condition"),
        ("Auch bei Frost können Sie den Akku laden und nutzen.", DE, "claims.de/excluded-condition"),
        ("The battery also works fine in frost, you can charge it outside.", EN, "claims.en/excluded-condition"),
        # a standard for the product that does not hold it, also in a recommendation of our own product
        ("Der Velora Kids 20 ist nach EN 15194 zertifiziert.", DE, "claims.de/certification-standard"),
        ("We recommend the Velora Kids 20; it is certified to EN 15194.", EN, "claims.en/certification-standard"),
    ],
)
def test_flagged_on_its_sentence(radhaus: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    assert flagged(radhaus, text, ctx) == [(rule, text)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # each plan's own terms, stated correctly: the other plan's excess is not this one's
        ("Die Fahrradversicherung Sicherwerk Rad deckt Diebstahl und Vandalismus ab, ohne Selbstbeteiligung.", DE),
        ("Sicherwerk Rad covers theft, vandalism and accident damage, with no excess.", EN),
        ("The bike insurance covers theft and vandalism, and there is no excess.", EN),
        ("Sicherwerk Rad ist ohne Selbstbeteiligung, und auch Akkuschäden sind abgedeckt.", DE),
        (
            "Die Handyversicherung deckt Displaybruch und Wasserschäden; pro Schadensfall zahlen Sie 50 € "
            "Selbstbeteiligung.",
            DE,
        ),
        # a verb that slows something else; the illness in another clause
        ("The brakes slow the bike down smoothly even when you have back problems and ride upright.", EN),
        ("Die Reise verzögert sich wegen Bauarbeiten; Reisende mit Rückenschmerzen bekommen einen Gangplatz.", DE),
        ("Die Heizung stabilisiert die Raumtemperatur, auch wenn Sie mit einer Erkältung zu Hause sind.", DE),
        (
            "Wegen des Feiertags kann sich die Lieferung Ihrer Tabletten gegen Rückenschmerzen um einen Tag "
            "verzögern.",
            DE,
        ),
        ("Delivery of your eye drops for dry eyes is delayed by one day because of the holiday.", EN),
        ("Der Motor bremst sanft ab, wenn Sie bei Kniebeschwerden langsamer treten.", DE),
        # frost is excluded for charging, not for riding
        ("Das Velora C5 hält bei Kälte die Unterstützung stabil.", DE),
        ("Das Velora C5 funktioniert auch bei Frost zuverlässig.", DE),
        ("Das C5 fahren Sie auch bei Frost; laden Sie den Akku aber bitte drinnen.", DE),
        # advice on another item's standard
        ("Für den Helm empfehlen wir ein Modell, das nach EN 1078 geprüft ist – achten Sie auf das Etikett.", DE),
        ("Please check that your socket is tested to EN 60884 before connecting the charger.", EN),
        ("We recommend a helmet certified to EN 1078; look for the label when you buy one.", EN),
        # the standard for the product that holds it
        ("Das Velora C5 ist nach EN 15194 zertifiziert.", DE),
    ],
)
def test_near_miss_stays_quiet(radhaus: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(radhaus, text, ctx) == []
