"""Second review of round 11, claims rules (findings 3, 4, 6-14 of REVIEW-2): each fixed miss is flagged with its
rule and exact span, each fixed false block and each near miss passes, German and English, on the fictional Nordholm
sofa line of `test_review_r11_service` (no service terms, so no fact backs a free offer, a visit or a period)."""

from __future__ import annotations

import pytest

from safe_reply.types import Context
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make
from .test_review_r11_service import DE, EN, LINE


@pytest.fixture(scope="module")
def sofa() -> ClaimsValidator:
    return make(LINE)


# (text, context, rule id, exact span); every span here is the whole sentence, a rule reports the sentence it read.
FLAGS = [
    # service-visit-promise: 'da (sein)', visiting and appearing, the assigned 'Ihr Servicetechniker', 'at yours'
    ("Der Techniker ist morgen um 9 Uhr da.", DE, "claims.de/service-visit-promise"),
    ("Morgen zwischen 8 und 10 Uhr ist der Monteur da.", DE, "claims.de/service-visit-promise"),
    ("Der Monteur wird morgen zwischen 8 und 10 Uhr da sein.", DE, "claims.de/service-visit-promise"),
    ("Ein Techniker besucht Sie morgen zwischen 8 und 12 Uhr.", DE, "claims.de/service-visit-promise"),
    ("Der Monteur erscheint am Freitag um 8 Uhr bei Ihnen.", DE, "claims.de/service-visit-promise"),
    ("Ihr Servicetechniker kommt morgen um 9 Uhr.", DE, "claims.de/service-visit-promise"),
    ("Your technician will come tomorrow at 9 am.", EN, "claims.en/service-visit-promise"),
    ("The technician arrives tomorrow between 8 and 10.", EN, "claims.en/service-visit-promise"),
    ("The fitter will be at yours tomorrow at 10.", EN, "claims.en/service-visit-promise"),
    ("Our engineer visits you tomorrow morning.", EN, "claims.en/service-visit-promise"),
    # free-offer: a statutory item beside a service, a § in another clause, 'kostet nichts' for a service
    ("Die Entsorgung Ihres Altgeräts und die Montage sind kostenlos.", DE, "claims.de/free-offer"),
    (
        "Die Montage ist kostenlos, Ihr Widerrufsrecht nach § 355 BGB bleibt davon unberührt.",
        DE,
        "claims.de/free-offer",
    ),
    ("Das Kundenkonto kostet nichts, und der Aufbau auch nicht.", DE, "claims.de/free-offer"),
    ("Bei uns kostet Sie der Aufbau nichts.", DE, "claims.de/free-offer"),
    ("Assembly won't cost you anything.", EN, "claims.en/free-offer"),
    ("The installation costs you nothing.", EN, "claims.en/free-offer"),
    # security-idiom: money, hackable devices, locks
    ("Ihr Geld ist bei uns bombensicher.", DE, "claims.de/security-idiom"),
    ("Unser Babyphone wurde noch nie gehackt.", DE, "claims.de/security-idiom"),
    ("Unsere Türschlösser sind unknackbar.", DE, "claims.de/security-idiom"),
    ("Our baby monitor has never been hacked.", EN, "claims.en/security-idiom"),
    ("Your savings are bombproof with us.", EN, "claims.en/security-idiom"),
    # unsafe-instruction: a guard removed for performance; switching off protection in any order of steps
    ("Entfernen Sie das Schutzgitter, dann zieht der Ventilator stärker.", DE, "claims.de/unsafe-instruction"),
    (
        "Das Schutzgitter können Sie ruhig abschrauben, dann ist der Luftstrom stärker.",
        DE,
        "claims.de/unsafe-instruction",
    ),
    (
        "Schalten Sie den Überhitzungsschutz einfach aus, nachdem Sie den Heizlüfter eingeschaltet haben.",
        DE,
        "claims.de/unsafe-instruction",
    ),
    ("Just take off the blade guard, then the saw cuts faster.", EN, "claims.en/unsafe-instruction"),
    ("Remove the fan guard for better airflow.", EN, "claims.en/unsafe-instruction"),
    # withdrawal-period: the duration of the right or period, and 'N Tage lang / nach Erhalt widerrufen'
    ("Die Widerrufsfrist endet bei uns erst nach 30 Tagen.", DE, "claims.de/withdrawal-period"),
    ("Das Widerrufsrecht gilt nach Erhalt der Ware 30 Tage lang.", DE, "claims.de/withdrawal-period"),
    ("Ihre Bestellung können Sie bis zu 30 Tage nach Erhalt widerrufen.", DE, "claims.de/withdrawal-period"),
    ("The cancellation period is one month with us.", EN, "claims.en/withdrawal-period"),
    # legal-conclusion: 'steht Ihnen ... zu' in both orders, a statute applied to the customer's own contract
    ("Wegen des Baulärms im Hotel steht Ihnen eine Minderung von 30 % zu.", DE, "claims.de/legal-conclusion"),
    (
        "The clause in your tenancy agreement is void (section 307 BGB), so you don't have to pay.",
        EN,
        "claims.en/legal-conclusion",
    ),
    # release-announced: 'ist/steht ... verfügbar/bereit', time first, use from a date
    ("Das Update ist ab nächster Woche verfügbar.", DE, "claims.de/release-announced"),
    ("Nächste Woche kommt die neue App.", DE, "claims.de/release-announced"),
    ("Die Android-App steht ab Montag im Play Store bereit.", DE, "claims.de/release-announced"),
    ("Ab nächster Woche können Sie den Offline-Modus nutzen.", DE, "claims.de/release-announced"),
    # round-the-clock: a phone number is the service; help, answers and calls by the company
    ("Unter 0800 123 456 erreichen Sie jemanden rund um die Uhr.", DE, "claims.de/round-the-clock"),
    ("Wir helfen Ihnen rund um die Uhr.", DE, "claims.de/round-the-clock"),
    ("Sie können uns rund um die Uhr anrufen.", DE, "claims.de/round-the-clock"),
    ("You can call us 24/7.", EN, "claims.en/round-the-clock"),
    ("We answer calls around the clock.", EN, "claims.en/round-the-clock"),
]


@pytest.mark.parametrize(("text", "ctx", "rule"), FLAGS)
def test_review2_misses_are_flagged(sofa: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    assert (rule, text) in flagged(sofa, text, ctx)


PASSES = [
    # service-visit-promise: the customer's own tradesperson, a past visit, back in the office, availability, a source
    ("Ihr Installateur kommt morgen um 9 Uhr.", DE),
    ("Ihr eigener Techniker ist morgen da, dann kann er die Leitung prüfen.", DE),
    ("Der Monteur war gestern um 9 Uhr da.", DE),
    ("Eine Kollegin ist morgen wieder da.", DE),
    ("Ein Kollege ist morgen ab 9 Uhr da und ruft Sie an.", DE),
    ("Unser Serviceteam ist morgen ab 8 Uhr wieder für Sie da.", DE),
    ("Your electrician will come tomorrow at 9 to connect the cooker.", EN),
    ("The technician arrived yesterday at 9.", EN),
    ("Der Kurier kommt morgen zwischen 8 und 12 Uhr, so zeigt es die Sendungsverfolgung.", DE),
    ("DHL says the courier will come tomorrow between 8 and 12.", EN),
    # free-offer: figurative costs, things free by nature, statutory rights with their own citation
    ("Der Eco-Modus kostet Sie nichts an Komfort.", DE),
    ("Ein Blick in die Anleitung kostet nichts und spart oft den Anruf.", DE),
    ("Die Registrierung kostet nichts.", DE),
    ("Die Rücknahme Ihres Altgeräts ist kostenlos (§ 17 ElektroG).", DE),
    ("Checking the filter yourself costs nothing.", EN),
    ("Switching to eco mode costs you nothing in comfort.", EN),
    ("It won't cost you anything to wait until Monday, the reservation holds until Friday.", EN),
    ("With the wall bracket you'll have both hands free.", EN),
    ("You can get free advice from your local consumer advice centre.", EN),
    ("You'll get a free confirmation email as soon as the order ships.", EN),
    ("We'll add you to our free newsletter if you like.", EN),
    # security-idiom: the kitchen idiom stays quiet even with a device word
    ("Mit diesem Gerät gelingt Mayonnaise bombensicher.", DE),
    ("With this blender the recipe turns out bombproof every time.", EN),
    # unsafe-instruction: the guard removed to clean it with the plug pulled
    ("Entfernen Sie das Schutzgitter zum Reinigen, nachdem Sie den Stecker gezogen haben.", DE),
    ("Remove the fan guard to clean it after unplugging the fan, then it runs better again.", EN),
    # withdrawal-period: processing times of a withdrawal, a subscription's notice period
    ("Ihr Widerruf wird in drei Tagen bearbeitet.", DE),
    ("Ihr Widerruf kam leider drei Tage nach Fristende bei uns an.", DE),
    ("The cancellation period for your subscription is one month to the end of the month.", EN),
    # legal-conclusion: the statutory remedy under its statutory condition, the company's own credit
    ("Sie haben Anspruch auf eine Minderung des Kaufpreises, wenn die Nacherfüllung fehlschlägt.", DE),
    ("Für die verspätete Lieferung steht Ihnen ein Ausgleich von 5 € zu, den wir Ihnen gutschreiben.", DE),
    # release-announced: the customer's own timer
    ("Der Urlaubsmodus startet nächsten Monat automatisch, so wie Sie ihn eingestellt haben.", DE),
    # round-the-clock: a device around the clock, the number in another clause
    ("Der Kühlschrank läuft rund um die Uhr; Fragen beantworten wir werktags unter 0800 123 456.", DE),
    ("The freezer runs around the clock, so our service team has nothing to adjust.", EN),
    ("Please call us if the fridge runs around the clock without stopping.", EN),
    ("Rufen Sie uns an wenn der Kühlschrank rund um die Uhr läuft.", DE),
]


@pytest.mark.parametrize(("text", "ctx"), PASSES)
def test_review2_false_blocks_and_near_misses_pass(sofa: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(sofa, text, ctx) == []
