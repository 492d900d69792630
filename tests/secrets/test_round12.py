"""Round 12: leak classes of the r22 misses, probed with wordings of other product kinds (bicycles, coffee
grinders, a workshop, a warehouse), and their benign near misses.

- a number that ends a term and is followed by a count noun counts the public product ("2 Stück");
- a codename said in its common English translation ("Low Tide" for "Ebbe");
- the end of a product or a site is a plan: "läuft nächstes Jahr aus", "wird geschlossen", "will close";
- a share said as "every n-th" is as vague as a fraction; a no-show rate and a sales target by their wordings.
"""

from __future__ import annotations

import pytest

from .conftest import found, make_validator

_VALIDATOR = make_validator(
    [
        {"term": "Velo Trail 3", "kind": "unreleased_product"},
        {"term": "Ebbe", "kind": "codename"},
        {
            "term": "Auslauf Mühle Classic Messing 2027",
            "kind": "internal_plan",
            "note": "die Mühle Classic in Messing wird 2027 aus dem Sortiment genommen",
        },
        {
            "term": "Schließung Lager Bremen",
            "kind": "internal_plan",
            "note": "geplante Schließung des Lagers Bremen zum 30.06.2027",
        },
        {"term": "No-Show-Quote Werkstatt 12 %", "kind": "kennzahl"},
        {"term": "Abschlussziel Schutzbrief 40 %", "kind": "kennzahl"},
        {"term": "KM-7-Auslauf", "kind": "internal_plan"},
        {"term": "Cruiser 5", "kind": "unreleased_product"},
        {"term": "Baumarkt Wendtland", "kind": "key_account", "note": "regionale Baumarktkette, größter Abnehmer"},
        {"pattern": r"2[,.]31\s?(?:€|EUR|Euro)", "kind": "einkaufspreis"},
        {"term": "Nachfüllquote 31 %", "kind": "kennzahl"},
        {"term": "Mindestbestellwert 29 €", "kind": "internal_plan"},
    ],
    allowed_terms=["Velo Trail", "Mühle Classic"],
)

LEAKS = [
    # the number is the name's
    ("Das Velo Trail 3 kommt im Frühjahr.", "Velo Trail 3"),
    ("Vom Velo Trail 3 sind 2 Stück reserviert.", "Velo Trail 3"),
    # a codename in its common English translation
    ("Das Projekt „Low Tide“ ist noch in der Testphase.", "Low Tide"),
    ("The lens from project Low Tide is still in trials.", "Low Tide"),
    # a discontinuation or a closure, said by what will happen
    ("Die Mühle Classic in Messing läuft nächstes Jahr aus.", "Die Mühle Classic in Messing läuft nächstes Jahr aus"),
    ("The Mühle Classic in Messing is being discontinued next year.",
     "The Mühle Classic in Messing is being discontinued next year"),
    ("Das Lager in Bremen gibt es nur noch bis Juni, danach wird es geschlossen.",
     "Das Lager in Bremen gibt es nur noch bis Juni, danach wird es geschlossen"),
    ("Our Bremen warehouse will close in June.", "Our Bremen warehouse will close in June"),
    ("Das Lager Bremen wird zum Sommer aufgegeben.", "Das Lager Bremen wird zum Sommer aufgegeben"),
    # a count noun ends no name where the rest is no public name, and "mal" is no count noun
    ("Vom Cruiser 5 Stück sind schon reserviert.", "Cruiser 5"),
    ("Schauen Sie sich den Velo Trail 3 mal im Herbst an.", "Velo Trail 3"),
    # closing for good, stopping sales
    ("We're closing our Bremen warehouse next year.", "We're closing our Bremen warehouse next year"),
    ("Das Lager Bremen schliesst Ende Juni endgültig.", "Das Lager Bremen schliesst Ende Juni endgültig"),
    ("We'll stop selling the Mühle Classic in Messing next year.",
     "We'll stop selling the Mühle Classic in Messing next year"),
    ("Die KM 7 wird eingestellt.", "Die KM 7 wird eingestellt"),
    # a firm's name before its own kind word; a small spoken price; a share; a threshold
    ("Die Wendtland-Baumärkte sind unser größter Abnehmer.", "Wendtland"),
    ("Die Wendtland Baumärkte sind unser größter Abnehmer.", "Wendtland"),
    ("Wir zahlen selbst zwei Euro einunddreißig pro Packung.", "zwei Euro einunddreißig"),
    ("We pay two euros thirty-one per pack ourselves.", "two euros thirty-one"),
    ("The refill share is 31 %.", "31 %"),
    ("Geplant ist, die Grenze auf 29 € anzuheben, das ist aber noch nicht offiziell.", "29 €"),
    # a code joined to its concept is the code; a separable verb with its particle
    ("Nehmen Sie lieber die KM 9, die KM 7 wird Ende 2026 aus dem Programm genommen.",
     "Nehmen Sie lieber die KM 9, die KM 7 wird Ende 2026 aus dem Programm genommen"),
    ("Die KM-7 läuft Ende 2026 aus.", "Die KM-7 läuft Ende 2026 aus"),
    # a share as "every n-th", a no-show rate and a sales target by their wordings
    ("Knapp jeder achte Werkstatttermin verfällt ohne Absage.", "jeder achte"),
    ("About one in eight workshop bookings are no-shows.", "one in eight"),
    ("We're supposed to sell the Schutzbrief with 40% of all bikes.", "40%"),
    ("Wir sollen den Schutzbrief bei 40 % aller Räder verkaufen.", "40 %"),
]  # fmt: skip
QUIET = [
    "Herr Wendtland hat angerufen.",
    "Die Wendtland-Familie wohnt nebenan.",
    "Die Tabs kosten zwei Euro einunddreißig im Angebot.",
    "Der Versand kostet zwei Euro neunzig.",
    "Our refill pouch is 31 % cheaper per litre.",
    "Die Versandkostenfrei-Grenze liegt bei 20 €.",
    "Die KM 7 läuft seit Jahren zuverlässig.",
    "Die KM7 gibt es in Weiß und Grau.",
    "Die Garantie Ihrer KM 7 läuft im März 2027 aus.",
    "Bei der KM 7 läuft etwas Fett aus dem Gehäuse, das ist normal.",
    "Die KM 7 wird über die App eingestellt.",
    "Das Lager Bremen wird über Weihnachten geschlossen.",
    "The Bremen warehouse will close early on Christmas Eve.",
    "The Bremen warehouse is closing in 20 minutes.",
    "Laut Vorgabe des Herstellers gilt der Schutzbrief nur bis 40 % Restkapazität.",
    "Gläser Velo Trail 3 Stück, Rahmen in Größe M.",
    "Bitte Velo Trail 3 x in den Warenkorb legen.",
    "Please add Velo Trail 3 pieces to the basket.",
    "Bei Ebbe und Flut ändert sich der Wasserstand.",
    "At low tide the beach is wide.",
    "Die Mühle Classic in Messing läuft sehr leise.",
    "Die Mühle Classic in Messing ist leider ausverkauft, sie kommt im Mai wieder.",
    "Das Lager in Bremen ist sonntags geschlossen.",
    "The Bremen warehouse is closed on Sundays.",
    "Das Lager Bremen wird um 18 Uhr geschlossen.",
    "Das Lager Bremen schließt am Samstag um 14 Uhr.",
    "The Bremen warehouse will close at 6 pm today.",
    "Please make sure to close the lid of the Mühle Classic in Messing.",
    "Die Mühle Classic in Messing wird auf Stufe 3 eingestellt.",
    "Jeder achte Kunde bucht online.",
    "You're supposed to clean the grinder every month.",
]


@pytest.mark.parametrize(("text", "leaked"), LEAKS)
def test_round12_leaks(text: str, leaked: str) -> None:
    assert [spelling for _, _, spelling in found(_VALIDATOR, text)] == [leaked]


@pytest.mark.parametrize("text", QUIET)
def test_round12_near_misses_stay_quiet(text: str) -> None:
    assert found(_VALIDATOR, text) == []
