"""Internal facts, fixed amounts, purchase prices and typed entries (facts.py): found however the
reply phrases them; a public number without the fact's meaning passes."""

from __future__ import annotations

from typing import Any

import pytest

from safe_reply.errors import ConfigError

from .conftest import make_validator

ENTRIES: list[dict[str, Any]] = [
    {"term": "Kulanzgrenze 60 €", "kind": "negotiation"},
    {"term": "Fachpartner-Zielrabatt 14 %", "kind": "negotiation"},
    {"term": "Charge 2409", "kind": "quality_data"},
    {"term": "Rückrufprüfung Gurtschloss", "kind": "quality_data"},
    {"pattern": r"186[,.]40\s?(?:€|EUR|Euro)", "kind": "purchase_price"},
    {"amount": 412, "currency": "EUR", "kind": "purchase_price"},
    {"fact": "Zielrabatt Großhandel", "value": "14 %", "cues": ["Großhändler"], "kind": "negotiation"},
    {"host": "build-srv.corp.lan", "kind": "internal_host"},
    {"host": "*.fjell.lan", "kind": "internal_host"},
]
_validator = make_validator(ENTRIES)


def leaks(text: str) -> list[tuple[str, str]]:
    return [(text[x.start : x.end], x.kind) for x in _validator.scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # German first: the fact's value with its meaning, in other words.
        ("Ich darf Ihnen ohne Rückfrage bis zu 60 € Kulanz gutschreiben.", [("60 €", "negotiation")]),
        ("Intern peilen wir bei Fachpartnern einen Rabatt von vierzehn Prozent an.",
         [("vierzehn Prozent", "negotiation"), ("vierzehn Prozent", "negotiation")]),
        ("Wir prüfen intern gerade, ob wir einen Rückruf für das Gurtschloss starten müssen.",
         [("Wir prüfen intern gerade, ob wir einen Rückruf für das Gurtschloss starten müssen", "quality_data")]),
        ("Das Gestell kostet uns im Einkauf EUR 186.40.", [("EUR 186.40", "purchase_price")]),
        ("Der Kompressor liegt bei vierhundertzwölf Euro.", [("vierhundertzwölf Euro", "purchase_price")]),
        ("Der Kompressor kostet 412,00 EUR.", [("412,00 EUR", "purchase_price")]),
        ("Für Großhändler sind intern 14 % drin.", [("14 %", "negotiation")]),
        ("Das Dashboard liegt auf build-srv[.]corp[.]lan.", [("build-srv[.]corp[.]lan", "internal_host")]),
        ("Die Daten liegen auf wiki dot fjell dot lan.", [("wiki dot fjell dot lan", "internal_host")]),
        # English.
        ("I can credit up to €60 as a goodwill gesture.", [("€60", "negotiation")]),
        ("Units from batch 2409 have a known bearing noise.", [("2409", "quality_data")]),
    ],
)  # fmt: skip
def test_the_fact_in_other_words_is_a_leak(text: str, expected: list[tuple[str, str]]) -> None:
    assert leaks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Die Rücksendung ist innerhalb von 60 Tagen kostenlos.",  # same number, other unit
        "Auf alle Zubehörteile gibt es gerade 14 % Rabatt im Shop.",  # a public offer: one signal only
        "Ihre Seriennummer lautet TW-L8-2409-0042.",  # the digits inside an identifier
        "Das Gurtschloss öffnet sich mit einem Druck auf die Mitte.",  # the object without the concept
        "Ihre Rechnung über 1.186,40 € ist bezahlt.",  # a larger number that contains the amount
        "Our public shop is www.fjell.de.",
    ],
)
def test_public_numbers_and_words_pass(text: str) -> None:
    assert leaks(text) == []


def test_a_fact_value_without_a_number_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as err:
        make_validator([{"fact": "Zielrabatt", "value": "viel", "kind": "negotiation"}])
    assert err.value.key == "validators.trade_secrets.terms"
    assert "value: '14 %'" in err.value.fix


@pytest.mark.parametrize(
    ("text", "leaked"),
    [
        ("Der Key lautet AKIAIOSFODNN7EXAMPLE, bitte geheim halten.", "AKIAIOSFODNN7EXAMPLE"),
        ("Login: https://admin:Sup3rS3cret@erp.example.com/login", "://admin:Sup3rS3cret@"),
        ("-----BEGIN RSA PRIVATE KEY-----", "BEGIN RSA PRIVATE KEY"),
    ],
)
def test_the_credential_pack_is_opt_in(text: str, leaked: str) -> None:
    packed = make_validator([{"term": "Zorvakel", "kind": "codename"}], credentials=True)
    found = [(text[x.start : x.end], x.kind, x.trick) for x in packed.scan(text)]
    assert found == [(leaked, "credential", "credential")]
    assert make_validator([{"term": "Zorvakel", "kind": "codename"}]).scan(text) == []


_compounds = make_validator(
    [
        {"term": "Kulanzrahmen 150 €", "kind": "goodwill_limit"},
        {"term": "Mindestabnahme Gastronomie 25 kg", "kind": "negotiation"},
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The entry's compound itself, its cue words inside other compounds, a frame as a limit.
        ("Der Kulanzrahmen liegt bei 150 €.", [("150 €", "goodwill_limit")]),
        ("Ohne Rücksprache darf ich bis zu 150 Euro Kulanz gewähren.", [("150 Euro", "goodwill_limit")]),
        ("The goodwill budget is €150 per case.", [("€150", "goodwill_limit")]),
        # A clipped object word ("Gastro" of "Gastronomie") with a compound of the concept.
        ("Die Gastro-Preisliste gilt ab einer Jahresabnahme von 25 Kilo.", [("25 Kilo", "negotiation")]),
    ],
)  # fmt: skip
def test_compounds_and_clipped_words_carry_the_fact(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[x.start : x.end], x.kind) for x in _compounds.scan(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ich darf Ihnen 150 € Kulanz geben.",  # one signal: a goodwill payment, not the limit
        "Der Bilderrahmen kostet 150 €.",  # the frame without goodwill
        "Für die Gastronomie gibt es Säcke mit 25 kg.",  # the object and the value: one signal
        "Sie erhalten bis zu 150 € Rabatt im Shop.",  # a limit word without the concept
        "Die Magastrohalle nimmt eine Jahresabnahme von 25 kg an.",  # a clipped start inside another word
    ],
)
def test_one_signal_of_a_compound_fact_passes(text: str) -> None:
    assert _compounds.scan(text) == []


# Company kinds (not purchase_price, whose cue words make every amount beside them a leak): the value alone.
_PER_VALIDATOR = make_validator(
    [
        {"pattern": r"412\s?(?:€|EUR)\s?/\s?t", "kind": "pellet_price"},
        {"amount": 0.8, "currency": "EUR", "kind": "seal_price"},
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Im Einkauf zahlen wir 41,2 Cent pro Kilo.", ["41,2 Cent pro Kilo"]),
        ("Der 25-kg-Sack kostet uns 10,30 €, also 4,12 € pro 10 kg.", ["4,12 € pro 10 kg"]),
        ("Die Dichtung kostet uns 80 Cent das Stück.", ["80 Cent"]),
        ("Our cost is 41.2 cents per kilo.", ["41.2 cents per kilo"]),
        ("We buy it in at €0.0412 per 100 g.", ["€0.0412 per 100 g"]),
    ],
)  # fmt: skip
def test_a_price_in_other_units_or_per_other_quantities_is_the_same_price(text: str, expected: list[str]) -> None:
    assert sorted({text[x.start : x.end] for x in _PER_VALIDATOR.scan(text)}) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Im Shop kostet das Kilo 4,12 €.",  # 4.12 € per kilo is ten times the price per kilo of 412 €/t
        "Der Versand kostet 4,12 € pro Paket.",  # no basis a tonne converts to
        "41,2 Prozent der Kunden bestellen wieder.",
        "Our price is 41 cents per kilo.",
    ],
)
def test_other_prices_per_quantity_pass(text: str) -> None:
    assert _PER_VALIDATOR.scan(text) == []


# A share said as a fraction is that share beside the entry's concept (its kind names it: `margin`, `return_rate`).
_FRACTION_VALIDATOR = make_validator(
    [
        {"pattern": r"(?i)\b48\s?(?:%|Prozent|percent)", "kind": "margin"},
        {"amount": 26, "currency": "EUR", "kind": "purchase_price"},
        {"term": "Retourenquote Sofa 34 %", "kind": "quality_data"},
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bei den Rucksäcken bleibt knapp die Hälfte des Preises als Marge bei uns.", ["die Hälfte"]),
        ("Our margin on the tents is a little under half of the shelf price.", ["half"]),
        ("Vom Sofa kommt ungefähr ein Drittel wieder zurück, die Retourenquote ist hoch.", ["ein Drittel"]),
        ("About a third of the sofas are returned.", ["a third of"]),
    ],
)  # fmt: skip
def test_a_share_said_as_a_fraction_beside_its_concept_is_a_leak(text: str, expected: list[str]) -> None:
    assert sorted({text[x.start : x.end] for x in _FRACTION_VALIDATOR.scan(text)}) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Die Hälfte unserer Kunden bestellt wieder.",  # no concept of the entry
        "Half of the tents ship within a day.",
        "Wir haben die Marge im Blick, aber dazu kann ich nichts sagen.",  # the concept, no value
        "Ein Viertel der Sofas hat Stoffbezug.",  # 25 %: too far from 34 %
        "Our margin is not something I can share; half an hour of setup is typical.",
    ],
)
def test_fractions_without_the_concept_or_far_from_the_value_pass(text: str) -> None:
    assert _FRACTION_VALIDATOR.scan(text) == []


# A fraction is an everyday word: a share only with the rate's own word beside it, at a word start or as a
# compound's head ("rate" of "separately" is none), in its clause.
_QUARTER_VALIDATOR = make_validator(
    [
        {"pattern": r"(?i)\b25\s?(?:%|Prozent|percent)", "kind": "return_rate"},
        {"term": "Rücksendequote Sofa 33 %", "kind": "quality_data"},
    ]
)


@pytest.mark.parametrize(
    "text",
    [
        "About a quarter of the orders are shipped separately.",
        "Ein Drittel der Sofa-Bezüge ist gerade ausverkauft; eine Rücksendung ist jederzeit möglich.",
        "Ein Viertel der Bestellungen wird separat verschickt, die Rücksendung ist kostenlos.",
    ],
)
def test_a_fraction_away_from_its_concept_passes(text: str) -> None:
    assert _QUARTER_VALIDATOR.scan(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The return rate is about a quarter.", ["a quarter"]),
        ("Die Rücksendequote beim Sofa liegt bei einem Drittel.", ["einem Drittel"]),
    ],
)
def test_a_fraction_beside_its_concept_stays_a_leak(text: str, expected: list[str]) -> None:
    assert [text[x.start : x.end] for x in _QUARTER_VALIDATOR.scan(text)] == expected
