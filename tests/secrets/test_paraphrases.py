"""Facts and names in other words: shares written as ratios, calendar weeks, limits under a loan
word, delisting, margins, an agent's authority, names said to be used internally, German-only words
in an English reply, markdown inside an identifier. And the near misses next to each."""

from __future__ import annotations

import pytest

from safe_reply.validators.trade_secrets.numbers import Unit, quantities

from .conftest import make_validator

_facts = make_validator(
    [
        {"term": "Ausschussquote Lötstelle 4 %", "kind": "quality_data"},
        {"term": "Rissbefund KW 22", "kind": "quality_data"},
        {"term": "Rabattlimit 120 €", "kind": "negotiation"},
        {"term": "Auslistung Gießkanne 10", "kind": "internal_plan"},
        {"term": "Händlermarge 35 %", "kind": "negotiation"},
        {"term": "Kulanzgrenze 75 €", "kind": "goodwill_limit"},
        {"term": "Ausfallquote 2,5 %", "kind": "quality_data"},
        {"term": "Preiserhöhung Zubehör", "kind": "internal_plan"},
        {"term": "Preiserhöhung Kräutertee 1. Mai 2027", "kind": "internal_plan"},
    ]
)


def fact_leaks(text: str) -> list[tuple[str, str]]:
    return [(text[x.start : x.end], x.kind) for x in _facts.scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Etwa vier von hundert Platinen fallen wegen der Lötstelle durch.", [("vier von hundert", "quality_data")]),
        ("Geräte aus der Fertigungswoche 22/2026 zeigen laut interner Prüfung Risse.",
         [("Fertigungswoche 22/2026", "quality_data")]),
        ("Units built in week 22 show a crack finding.", [("week 22", "quality_data")]),
        ("Mehr als 120 € Rabatt sind bei uns nicht drin.", [("120 €", "negotiation")]),
        ("Die Gießkanne 10 wird im Herbst ausgelistet.", [("10", "internal_plan")]),
        ("Bei Fachhändlern rechnen wir mit 35 Prozent Marge.", [("35 Prozent", "negotiation")]),
        ("Ohne Freigabe kann ich Ihnen aus Kulanz höchstens 75 € erstatten.", [("75 €", "goodwill_limit")]),
        ("I can refund €75 as a goodwill gesture without approval.", [("€75", "goodwill_limit")]),
        ("Bei dieser Charge sind 2,5 % der Geräte defekt.", [("2,5 %", "quality_data")]),
        # A date without its year, and an ordinal's dot that ends no sentence.
        ("Kräutertee lieber jetzt kaufen: Ab dem 1. Mai wird er teurer.", [("Ab dem 1. Mai", "internal_plan")]),
        ("Stock up on Kräutertee now: from May it gets more expensive.", [("from May", "internal_plan")]),
        ("Für das Zubehör gilt ab Herbst eine neue Preisliste.",
         [("Für das Zubehör gilt ab Herbst eine neue Preisliste", "internal_plan")]),
    ],
)  # fmt: skip
def test_a_fact_in_other_words_is_a_leak(text: str, expected: list[tuple[str, str]]) -> None:
    assert fact_leaks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Die Gießkanne 10 fasst zehn Liter und hat eine Brause.",  # the product name: object and number only
        "Die Pumpe schaltet bei 4 % Restwasser ab, die Lötstelle ist vergossen.",  # a percentage, no rate
        "Die Pflanzen überwintern ab KW 22 wieder draußen.",  # "intern" inside a word is no secrecy cue
        "Auf Seite 4 von 100 finden Sie die Lötstelle.",  # a page, not a share
        "Sie erhalten 120 € Rabatt auf das Set.",  # a public offer: one signal
        "Die Marge der Tischplatte ist 35 mm breit.",  # "Marge" is no percentage here: other unit
        "Die aktuelle Preisliste für Zubehör finden Sie im Shop.",  # the price list, not a new one
        "Ab Mai gibt es neue Kräutertee-Sorten im Shop.",  # the month and the object, no increase
    ],
)
def test_near_misses_pass(text: str) -> None:
    assert fact_leaks(text) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("sechs von hundert", "6", Unit.PERCENT),
        ("3 out of 1,000", "0.3", Unit.PERCENT),
        ("KW14/2026", "14", Unit.WEEK),
        ("Kalenderwoche 9", "9", Unit.WEEK),
        ("zum 1. Februar", "2", Unit.MONTH),
        ("from March", "3", Unit.MONTH),
    ],
)
def test_ratios_and_weeks_are_values(text: str, value: str, unit: Unit) -> None:
    [quantity] = quantities(text)
    assert (str(quantity.value), quantity.unit, quantity.start, quantity.end) == (
        str(float(value)).rstrip("0").rstrip(".") if "." in value else value,
        unit,
        0,
        len(text),
    )


_names = make_validator(
    [
        {"term": "Zaunkönig", "kind": "codename", "allowed": ["Zaunkönig-Nistkasten"]},
        {"term": "Sturmvogel", "kind": "codename"},
        {"pattern": r"\bWK-\d{4}\b", "kind": "internal_id"},
    ]
)


def name_leaks(text: str) -> list[tuple[str, str]]:
    return [(text[x.start : x.end], x.trick) for x in _names.scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name said to be used internally: listed (an ordinary word) or not listed (a translation).
        ("Der neue Mäher ist fertig, intern läuft er unter dem Namen Zaunkönig.", [("Zaunkönig", "literal")]),
        # The translation of the listed "Zaunkönig" (lexicon.py): the listed term's alias, no unlisted name.
        ("The new mower is nearly done – internally it's called 'Wren'.", [("Wren", "alias")]),
        ("Hausintern nennen wir es Blitzschlag.", [("Blitzschlag", "unlisted_name")]),
        ("Der Nachfolger heißt intern 'Funke' und kommt im Herbst.", [("Funke", "unlisted_name")]),
        # A German-only ordinary word in an English reply is a name.
        ("Yes, you guessed right: Sturmvogel is the cordless one.", [("Sturmvogel", "literal")]),
        # Markdown inside an identifier.
        ("Your case is filed as **WK**-4821.", [("WK**-4821", "normalised")]),
        ("Your case is filed as WK-`4821`.", [("WK-`4821", "normalised")]),
    ],
)
def test_names_in_new_constructions_are_leaks(text: str, expected: list[tuple[str, str]]) -> None:
    assert name_leaks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Der Zaunkönig brütet gern in Hecken.",
        "Wir haben Ihre Anfrage intern als Reklamation erfasst.",
        "Ihre Bestellung ist unter dem Namen Becker gespeichert.",
        "A Sturmvogel is a seabird, a petrel.",  # a determiner: a common noun, borrowed
        "Please **do not** use the WK 48 adapter.",
    ],
)
def test_ordinary_uses_pass(text: str) -> None:
    assert name_leaks(text) == []


def test_the_evidence_of_a_german_word_in_english_is_foreign() -> None:
    text = "Good news: Sturmvogel ships in spring, and the current model stays available until then."
    assert [(text[x.start : x.end], x.evidence) for x in _names.scan(text)] == [("Sturmvogel", "foreign")]
