"""Round 10's review: the false positives of a planned rise, a rate and a codename beside its product kind.

- a rise verb states a planned price increase only where its clause names a price as what rises (not an
  attribute: "das Datenvolumen Ihres Tarifs"; not a price waived: "ohne Aufpreis"), no negation stands
  within three words of it and no habit is told ("traditionell", "usually"); new prices "seit Juli" are
  in force, not planned;
- a percentage of money ("des Gesamtbetrags", "of the booking total", "der Anzahlung") is a charge and a
  percentage of the counted events ("aller Stornierungen") a breakdown: neither is a rate;
- a codename is a product's name beside the note's product kind only when capitalised and hyphenated to
  it or standing right before it inside a sentence; a closed compound ("Turmuhr", "Fahrradkette"), a
  lower-case word ("a trail camera") and a capital that only opens a sentence are ordinary words.
"""

from __future__ import annotations

import pytest

from .conftest import make_validator

_VALIDATOR = make_validator(
    [
        {"term": "Preiserhöhung Juli", "kind": "internal_plan"},
        {"term": "Beitragserhöhung 2028", "kind": "internal_plan"},
        {"term": "Reklamationsquote 3,4 %", "kind": "quality_data"},
        {"term": "Stornoquote 10 %", "kind": "churn_rate"},
        {"term": "Falke", "kind": "codename", "note": "next-generation camera platform"},
        {"term": "Trail", "kind": "codename", "note": "outdoor camera platform"},
        {"term": "Kette", "kind": "codename", "note": "e-bike drive platform"},
        {"term": "Turm", "kind": "codename", "note": "fitness watch platform"},
        {"term": "Kiesel", "kind": "codename", "note": "planned cat litter"},
    ]
)

# The reviewer's benign sentences of these three classes.
REVIEWED = [
    "Im Juli steigen die Temperaturen, bitte lagern Sie die Creme kühl.",
    "Im Juli steigt die Nachfrage, bestellen Sie frühzeitig.",
    "Die Preise steigen im Juli nicht, wir garantieren sie bis Jahresende.",
    "Seit Juli gelten die neuen Preise, die wir Ihnen im Mai angekündigt hatten.",
    "Ab Juli erhöhen wir das Datenvolumen Ihres Tarifs kostenlos um 5 GB.",
    "Im Juli wird Ihr Kreditrahmen auf Wunsch angehoben.",
    "Im Juli steigen die Preise für Flüge traditionell, buchen Sie früh.",
    "Ihr Beitrag bleibt bis 2028 garantiert stabil.",
    "Die Beitragsgarantie gilt bis 2028.",
    "Prices for flights usually go up in July, so book early.",
    "Your premium is guaranteed until 2028 and will not be raised.",
    "The speed limit will be raised in July on this road.",
    "Bei einer Stornierung bis 30 Tage vor Abreise berechnen wir 10 % des Gesamtbetrags.",
    "Bei Stornierung erstatten wir 90 %, 10 % der Anzahlung behalten wir ein.",
    "If you cancel, 10 % of the booking total is retained as a fee.",
    "Bei Reklamationen erstatten wir 3,4 % des Bestellwerts als Gutschrift.",
    "Unsere Kunden, die storniert haben, erhalten 10 % der Summe zurück.",
    "10 % aller Stornierungen erfolgen per App, 90 % telefonisch.",
    "Die Kamera erkennt einen Falke im Garten automatisch.",
    "A trail camera needs a clear view of the path.",
    "Our trail cameras come with night vision.",
    "Bitte ölen Sie die Fahrradkette alle 500 km.",
    "Die Kette Ihres E-Bikes sollte alle 3000 km gewechselt werden.",
    "Eine Turmuhr schlägt jede Stunde, Ihre Uhr vibriert nur.",
    "Die Uhrzeit stellen Sie in der App ein.",
    "Streuen Sie Kiesel auf den Weg, die Katzenstreu bleibt trocken.",
    "Kiesel Katzenstreu? Nein, wir verkaufen nur Holzstreu.",
]
# Sentences of the same kinds written for this fix.
OWN = [
    "Im Juli steigt die Luftfeuchtigkeit, lüften Sie regelmäßig.",
    "Ab Juli erhöhen wir die Reichweite Ihres Tarifs ohne Aufpreis.",
    "Your data allowance will be increased in July at no extra cost.",
    "Im Juli wird Ihr Beitrag nicht erhöht.",
    "Die neuen Preise gelten bereits seit Juli.",
    "Im Juli steigen die Preise für Hotels erfahrungsgemäß, buchen Sie früh.",
    "Bei Stornierung fallen 10 % der gesamten Buchungssumme an.",
    "If you cancel late, we keep 10 % of the total booking amount.",
    "Bei Reklamationen schreiben wir Ihnen 3,4 % des Kaufpreises gut.",
    "10 % aller Stornierungen gehen über unser Kontaktformular ein.",
    "Ihre Fahrrad-Kette ist verschlissen, wir tauschen sie beim Service.",
    "Trail cameras work best at knee height.",
    "Your premium won't be raised in 2028.",
    "The fees aren't going up in 2028, we promise.",
]

LEAKS = [
    ("Im Juli steigen die Preise um 5 %, aber das ist noch intern.",
     ["Im Juli steigen die Preise um 5 %, aber das ist noch intern"]),
    ("Die Preise steigen im Juli, sagen Sie es nicht weiter.",
     ["Die Preise steigen im Juli, sagen Sie es nicht weiter"]),
    ("Ab Juli erhöhen wir die Preise für alle Tarife.", ["Ab Juli erhöhen wir die Preise für alle Tarife"]),
    ("Nur 10 % der Buchungen werden storniert.", ["10 %"]),
    ("Gerade mal 3,4 % der Kunden reklamieren das Gerät.", ["3,4 %"]),
    ("The new Trail camera films in colour at night.", ["Trail"]),
    ("Die Kiesel-Katzenstreu klumpt sofort.", ["Kiesel"]),
]  # fmt: skip


@pytest.mark.parametrize("text", REVIEWED + OWN)
def test_the_benign_sentence_stays_quiet(text: str) -> None:
    assert _VALIDATOR.scan(text) == []


@pytest.mark.parametrize(("text", "expected"), LEAKS)
def test_the_leak_is_still_found_with_its_exact_span(text: str, expected: list[str]) -> None:
    assert [text[x.start : x.end] for x in _VALIDATOR.scan(text)] == expected
