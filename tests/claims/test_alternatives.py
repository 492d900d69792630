"""A fact's alternatives and the figures of a reply compared with the right one.

The product line is fictional (an air purifier, a dehumidifier and a balcony kit, not a corpus line);
each test shows one mechanism: the claim's written precision, flows, conditioned alternatives and range
ends, lower limits, documented conditions, guarantee terms, relative and customer figures."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.quantities import Dimension
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator
from safe_reply.validators.claims.facts import Direction, FactBase

from .conftest import make

LINE = ProductLine(
    id="air",
    facts=(
        Fact(key="models", label_de="Modelle", value="Windhaus A40 (Luftreiniger), Windhaus D10 (Luftentfeuchter)"),
        Fact(
            key="cadr",
            label_de="Partikel-CADR",
            label_en="particle CADR",
            value=400,
            unit="m³/h",
            qualifier="Windhaus A40 auf Stufe Turbo, gemessen nach AHAM AC-1; A40 auf Stufe 2 (Standard): 210 m³/h",
        ),
        Fact(
            key="filter",
            label_de="Filter",
            label_en="filter",
            value="H13-Filter nach EN 1822-1, Abscheidegrad mindestens 99,95 % im MPPS-Bereich",
        ),
        Fact(
            key="noise",
            label_de="Schalldruckpegel A40",
            label_en="sound pressure level A40",
            value="A40: 24 dB(A) im Nachtmodus, 51 dB(A) auf Stufe Turbo",
            qualifier="in 1 m Abstand gemessen",
        ),
        Fact(
            key="power",
            label_de="Leistungsaufnahme A40",
            label_en="power consumption A40",
            value="A40: 3 W (Nachtmodus) bis 42 W (Turbo)",
        ),
        Fact(
            key="dehumidify",
            label_de="Entfeuchtungsleistung D10",
            label_en="dehumidifying capacity D10",
            value=20,
            unit="l/24 h",
            qualifier="bis zu, bei 30 °C und 80 % relativer Luftfeuchte; nach EN 810 (27 °C, 60 % r. F.): 10 l/24 h",
        ),
        Fact(
            key="age",
            label_de="Einsatz Kindersicherung",
            label_en="child lock use",
            value="Kindersicherung ab 3 Jahren empfohlen",
            qualifier="Bedienung durch Kinder frühestens ab 8 Jahren",
        ),
        Fact(
            key="yield",
            label_de="Jahresertrag Balkonmodul (Simulation)",
            label_en="annual yield balcony module",
            value="ca. 350–420 kWh pro Jahr",
            qualifier="Simulation, Südausrichtung, 30° Neigung; senkrecht am Geländer ca. 250–300 kWh",
        ),
    ),
    certifications=("CE",),
    guarantee=(
        "3 Jahre Herstellergarantie auf Motor und Elektronik des A40; Filter sind Verschleißteile und ausgenommen."
    ),
)
DE = Context(product_line="air", language=Language.DE)
EN = Context(product_line="air", language=Language.EN)


@pytest.fixture(scope="module")
def air() -> ClaimsValidator:
    return make(LINE)


def _flagged(claims: ClaimsValidator, text: str, ctx: Context = DE) -> list[tuple[str, str]]:
    return [(f.rule_id, text[f.span.start : f.span.end]) for f in claims.detect(text, ctx)]


def test_the_alternatives_of_a_fact_carry_product_condition_and_whether_they_need_it() -> None:
    base = FactBase.from_product_line(LINE)
    cadr = {
        f.key: (f.value, f.product, sorted(f.conditions), f.needs_condition) for f in base.numeric if f.family == "cadr"
    }
    assert cadr == {
        "cadr": (400.0, 0, ["ac-1", "aham", "stufe", "turbo"], True),
        "cadr:A40 auf Stufe 2 (Standard): 210 m³/h": (210.0, 0, ["standard", "stufe"], False),
    }
    noise = {f.key: (f.value, f.mode, f.needs_condition) for f in base.numeric if f.family == "noise"}
    assert noise == {
        "noise:A40: 24 dB(A) im Nachtmodus": (24.0, "nacht", True),
        "noise:51 dB(A) auf Stufe Turbo": (51.0, "turbo", False),
    }
    [power] = [f for f in base.numeric if f.family == "power"]
    assert (power.low, power.value, power.direction) == (3.0, 42.0, Direction.AT_LEAST)
    assert power.end_conditions == (frozenset({"nachtmodus"}), frozenset({"turbo"}))


def test_figures_compare_with_the_precision_they_are_written_in(air: ClaimsValidator) -> None:
    # "mindestens 99,95 %": 99,97 % is more than the documented minimum; rounding to 99,95 is not.
    assert _flagged(air, "Der H13-Filter hat einen Abscheidegrad von 99,97 %.") == [
        ("claims.de/spec-figure", "Der H13-Filter hat einen Abscheidegrad von 99,97 %.")
    ]
    assert _flagged(air, "Der H13-Filter hat einen Abscheidegrad von 99,95 %.") == []


def test_flows_compare_across_units(air: ClaimsValidator) -> None:
    assert _flagged(air, "Auf Stufe Turbo entsprechen die 400 m³/h rund 235 CFM.") == []
    assert _flagged(air, "In US terms the A40 moves well over 300 CFM on Turbo.", EN) == [
        ("claims.en/spec-figure", "In US terms the A40 moves well over 300 CFM on Turbo.")
    ]


def test_the_favourable_alternative_keeps_its_condition(air: ClaimsValidator) -> None:
    assert _flagged(air, "Der A40 arbeitet mit 24 dB(A) in 1 m Abstand.") == [
        ("claims.de/spec-figure", "Der A40 arbeitet mit 24 dB(A) in 1 m Abstand.")
    ]
    assert _flagged(air, "Im Nachtmodus arbeitet der A40 mit 24 dB(A) in 1 m Abstand.") == []
    assert _flagged(air, "In night mode the A40 runs at 24 dB(A) at 1 m.", EN) == []
    # The condition may stand in the next sentence.
    assert _flagged(air, "Der A40 schafft 400 m³/h. Gemessen wird auf Stufe Turbo nach AHAM AC-1.") == []


def test_the_favourable_end_of_a_range_keeps_its_condition(air: ClaimsValidator) -> None:
    assert _flagged(air, "Der A40 braucht nur 3 Watt.") == [("claims.de/spec-figure", "Der A40 braucht nur 3 Watt.")]
    assert _flagged(air, "Im Nachtmodus braucht der A40 nur 3 Watt.") == []
    assert _flagged(air, "Der A40 braucht bis zu 42 Watt.") == []


def test_an_up_to_figure_is_qualified_by_its_lab_conditions(air: ClaimsValidator) -> None:
    assert _flagged(air, "Der D10 entzieht 20 Liter pro Tag.") == [
        ("claims.de/spec-figure", "Der D10 entzieht 20 Liter pro Tag.")
    ]
    assert _flagged(air, "Die 20 Liter pro Tag erreicht der D10 nur bei 30 °C und 80 % Luftfeuchte.") == []
    # The conditions of another alternative are documented conditions, not claims of their own.
    assert _flagged(air, "Nach EN 810 (27 °C, 60 % r. F.) sind es 10 l/24 h.") == []


def test_a_qualifier_clause_is_chosen_by_its_condition_words(air: ClaimsValidator) -> None:
    assert _flagged(air, "Auch senkrecht am Geländer erzeugt das Modul etwa 350 bis 420 kWh pro Jahr.") == [
        ("claims.de/spec-figure", "Auch senkrecht am Geländer erzeugt das Modul etwa 350 bis 420 kWh pro Jahr.")
    ]
    assert _flagged(air, "Senkrecht am Geländer erzeugt das Modul eher 250–300 kWh pro Jahr.") == []


def test_a_duration_without_a_figure_is_compared_at_its_least() -> None:
    line = LINE.model_copy(
        update={"facts": (*LINE.facts, Fact(key="keep_warm", label_de="Warmhaltezeit", value=60, unit="min"))}
    )
    claims = make(line)
    assert _flagged(claims, "Die Milch bleibt darin den ganzen Tag warm.") == [
        ("claims.de/spec-figure", "Die Milch bleibt darin den ganzen Tag warm.")
    ]
    assert _flagged(claims, "Die Milch bleibt darin eine Stunde warm.") == []
    assert _flagged(claims, "Unser Team ist den ganzen Tag für Sie da.") == []


def test_a_lower_limit_may_not_be_undercut(air: ClaimsValidator) -> None:
    base = FactBase.from_product_line(LINE)
    [limit] = [f for f in base.numeric if f.family == "age" and f.alternative]
    assert (limit.value, limit.dimension, limit.direction) == (
        8 * 365 * 86400.0,
        Dimension.DURATION,
        Direction.AT_LEAST,
    )
    assert _flagged(air, "Die Bedienung durch Kinder ist schon ab 5 Jahren möglich.") == [
        ("claims.de/spec-figure", "Die Bedienung durch Kinder ist schon ab 5 Jahren möglich.")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Die Garantie: 3 Jahre auf Motor und Elektronik des A40 (Filter ausgenommen).",  # a guarantee term
        "Wenn Ihr Wohnzimmer 25 m² hat, reicht der A40 auf Stufe Turbo gut aus.",  # the customer's room
        "Ost- oder Westausrichtung bringt jeweils etwa 30 % weniger.",  # a relative figure
        "Ob Ihr Kind mit 4 Jahren die Kindersicherung bedienen kann, prüfen Sie bitte selbst.",  # a question
    ],
)
def test_figures_that_are_no_spec_claim(air: ClaimsValidator, text: str) -> None:
    assert _flagged(air, text) == []
