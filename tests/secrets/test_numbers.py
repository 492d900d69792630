"""Numbers as values with units (numbers.py): every format and number words on both sides, and the
fixed amount read out of a price pattern (frames.amount_values)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from safe_reply.validators.trade_secrets.frames import amount_values
from safe_reply.validators.trade_secrets.numbers import Unit, quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("liegt bei vierhundertzwölf Euro, dazu", [("412", Unit.EUR, "vierhundertzwölf Euro")]),
        (
            "we pay one hundred eighty-six euros forty per frame",
            [("186.4", Unit.EUR, "one hundred eighty-six euros forty")],
        ),
        ("im Einkauf EUR 186.40 – Sie", [("186.4", Unit.EUR, "EUR 186.40")]),
        ("around USD 41.8 per jacket", [("41.8", Unit.USD, "USD 41.8")]),
        # A price with its basis is also the price per base unit (below).
        ("the K7 costs us $21.75 per unit", [("21.75", Unit.USD, "$21.75"), ("21.75", Unit.USD, "$21.75 per unit")]),
        ("pro Pack 17,2 €", [("17.2", Unit.EUR, "17,2 €")]),
        ("order total 1.143,90 €", [("1143.9", Unit.EUR, "1.143,90 €")]),
        ("0,4k €", [("400", Unit.EUR, "0,4k €")]),
        ("maximal achtzehn Prozent Nachlass", [("18", Unit.PERCENT, "achtzehn Prozent")]),
        ("eine Quote von 4 ‰", [("0.4", Unit.PERCENT, "4 ‰")]),
        ("rund 25 Promille", [("2.5", Unit.PERCENT, "25 Promille")]),
        ("drei Komma acht Prozent", [("3.8", Unit.PERCENT, "drei Komma acht Prozent")]),
        ("Mindestabnahme 800 Stück", [("800", Unit.COUNT, "800 Stück")]),
        ("ab 25 Kilo", [("25", Unit.KG, "25 Kilo")]),
        ("up to three years after purchase", [("36", Unit.MONTHS, "three years")]),
        ("läuft im Februar 2027 aus", [("202702", Unit.DATE, "Februar 2027")]),
        ("Auslauf 02/2027", [("202702", Unit.DATE, "02/2027")]),
        ("Charge 26-07", [("2607", Unit.CODE, "26-07")]),
        ("Seriennummer M3-2519-0042, FW 2.14.3, TW-1234", []),  # identifiers, not values
        ("Achtung, eine Frage zu einem Gerät", []),
    ],
)
def test_values_units_and_spans(text: str, expected: list[tuple[str, Unit, str]]) -> None:
    assert [(q.value, q.unit, text[q.start : q.end]) for q in quantities(text)] == [
        (Decimal(value), unit, spelled) for value, unit, spelled in expected
    ]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?i)\b412(?:,00)?\s?(?:€|EUR|Euro)", (Decimal(412), Unit.EUR)),
        (r"186[,.]40\s?(?:€|EUR|Euro)", (Decimal("186.4"), Unit.EUR)),
        (r"41[.,]80\s?(?:USD|US-Dollar|\$)", (Decimal("41.8"), Unit.USD)),
    ],
)
def test_a_price_pattern_with_a_fixed_value_becomes_that_amount(pattern: str, expected: tuple[Decimal, Unit]) -> None:
    (value,) = amount_values(pattern)
    assert (value.value, value.unit) == expected


@pytest.mark.parametrize(
    "pattern", [r"EK[ -]?\d{1,3}(?:\.\d{3})*,\d{2} ?€", r"NHD-\d{4,6}", r"[a-z0-9-]+\.abh\.intern"]
)
def test_an_open_pattern_stays_a_regex(pattern: str) -> None:
    assert amount_values(pattern) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # German first: per tonne, per kilo in cents, per 100 g, per 1.000 Stück, per litre in cents.
        ("Pellets für 239 €/t", ("0.239", "kg", "239 €/t")),
        ("Holzbriketts zu 31,5 Cent pro Kilo", ("0.315", "kg", "31,5 Cent pro Kilo")),
        ("Tee: 4,20 € je 100 g", ("42", "kg", "4,20 € je 100 g")),
        ("Schrauben für 12 € pro 1.000 Stück", ("0.012", "count", "12 € pro 1.000 Stück")),
        ("Öl für 89 ct/l", ("0.89", "l", "89 ct/l")),
        # English.
        ("oak boards at €18.40 per metre", ("18.4", "m", "€18.40 per metre")),
        ("dog food at 3.1 cents a gram", ("31", "kg", "3.1 cents a gram")),
        ("tiles for EUR 24 per square metre", ("24", "m2", "EUR 24 per square metre")),
        # Energy and power: a tariff per MWh is one per kWh, a module price per Wp one per kWp.
        ("Strom für 280 €/MWh", ("0.28", "kwh", "280 €/MWh")),
        ("heat at 9.5 ct per kilowatt hour", ("0.095", "kwh", "9.5 ct per kilowatt hour")),
        ("Module zu 0,21 €/Wp", ("210", "kw", "0,21 €/Wp")),
    ],
)
def test_a_price_per_quantity_is_also_its_price_per_base_unit(text: str, expected: tuple[str, str, str]) -> None:
    per = [(q.value, q.per, text[q.start : q.end]) for q in quantities(text) if q.per]
    value, basis, spelled = expected
    assert per == [(Decimal(value), basis, spelled)]


def test_cents_are_euros_unless_a_share() -> None:
    assert [(q.value, q.unit) for q in quantities("die Dichtung: 80 Cent") if q.unit is Unit.EUR] == [
        (Decimal("0.8"), Unit.EUR)
    ]
    assert [(q.value, q.unit) for q in quantities("31 Cent von jedem Euro")] == [(Decimal(31), Unit.PERCENT)]
    assert [(q.value, q.per) for q in quantities("12 Prozent")] == [(Decimal(12), "")]


def test_a_price_pattern_with_a_basis_keeps_both_values() -> None:
    values = amount_values(r"412\s?€\s?/\s?t")
    assert [(v.value, v.unit, v.per) for v in values] == [
        (Decimal(412), Unit.EUR, ""),
        (Decimal("0.412"), Unit.EUR, "kg"),
    ]
