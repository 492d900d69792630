"""General gaps found with the held-out corpus, tested on a product line of their own.

The product line here (a robot vacuum and a heating fan) is neither the dev corpus nor the held-out
corpus: each test shows that a fix is a rule for a kind of claim, not for one sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.config_models import Fact, ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.quantities import Dimension, quantities
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator, Settings, build
from safe_reply.validators.claims.backing import guarantee_verdict, origin_verdict
from safe_reply.validators.claims.facts import Direction, FactBase

LINE = ProductLine(
    id="home",
    facts=(
        Fact(key="area_m2", label_de="Flächenleistung (Robo R5)", label_en="area (Robo R5)", value=150, unit="m²",
             qualifier="bis zu, pro Akkuladung"),
        Fact(key="runtime_min", label_de="Laufzeit (Robo R5)", label_en="run time (Robo R5)", value=120, unit="min",
             qualifier="bis zu, Eco-Stufe"),
        Fact(key="voltage_v", label_de="Akkuspannung (Robo R5)", label_en="battery voltage (Robo R5)", value=14.4,
             unit="V"),
        Fact(key="fan_power_w", label_de="Heizleistung (Therm 20)", label_en="heating power (Therm 20)", value=2000,
             unit="W"),
        Fact(key="screen_in", label_de="Bildschirmdiagonale (Therm 20)", label_en="screen size (Therm 20)", value=2.8,
             unit="Zoll"),
        Fact(key="origin", label_de="Herkunft", value="entwickelt in Lyon (Frankreich); hergestellt in Vietnam"),
    ),
    certifications=("CE",),
    guarantee="2 Jahre Herstellergarantie auf den Motor (nicht auf Akkus, Bürsten und Filter)",
)


@pytest.fixture(scope="module")
def validator() -> ClaimsValidator:
    folder = Path(".")
    ctx = BuildContext(product_line=LINE, config_dir=folder, file=folder / "home.yaml", key="validators.claims")
    built = build(Settings(), ctx)
    assert isinstance(built, ClaimsValidator)
    return built


def _flagged(validator: ClaimsValidator, text: str, language: Language) -> list[tuple[str, str]]:
    findings = validator.detect(text, Context(product_line="home", language=language))
    return [(f.rule_id, text[f.span.start : f.span.end]) for f in findings]


@pytest.mark.parametrize(
    ("text", "value", "dimension"),
    [
        ("250 m²", 250.0, Dimension.AREA),
        ("40 qm", 40.0, Dimension.AREA),
        ("46 cm", 0.00046, Dimension.LENGTH),
        ("300 Meter", 0.3, Dimension.LENGTH),
        ("18 V", 18.0, Dimension.VOLTAGE),
        ("2.600 mAh", 2.6, Dimension.CHARGE),
        ("5 Ah", 5.0, Dimension.CHARGE),
        ("10,1 Zoll", 10.1, Dimension.INCH),
    ],
)
def test_new_units_convert_to_their_dimension(text: str, value: float, dimension: Dimension) -> None:
    [quantity] = quantities(text, Language.DE)
    assert quantity.dimension is dimension
    assert quantity.value == pytest.approx(value)
    assert (quantity.start, quantity.end) == (0, len(text))


def test_run_time_is_more_is_better_but_charging_time_is_not() -> None:
    base = FactBase.from_product_line(LINE)
    directions = {fact.key: fact.direction for fact in base.numeric}
    assert directions["runtime_min"] is Direction.AT_MOST


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Der Robo R5 reinigt 200 m² mit einer Ladung.", Language.DE, "claims.de/spec-figure-units"),
        ("The Robo R5 runs for 3 hours on one charge.", Language.EN, "claims.en/spec-figure"),
        ("Der Robo R5 arbeitet mit 18 V.", Language.DE, "claims.de/spec-figure-units"),
        ("Das Therm 20 hat einen 5-Zoll-Bildschirm.", Language.DE, "claims.de/spec-figure-units"),
        ("Der Heizlüfter leistet 2,5 kW.", Language.DE, "claims.de/spec-figure"),
    ],
)
def test_figures_above_the_spec_are_flagged(
    validator: ClaimsValidator, text: str, language: Language, expected: str
) -> None:
    assert _flagged(validator, text, language) == [(expected, text)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der Robo R5 reinigt bis zu 150 m² pro Akkuladung.", Language.DE),
        ("Der Heizlüfter leistet 2 kW.", Language.DE),
        ("In der Eco-Stufe läuft der Robo R5 bis zu 120 Minuten.", Language.DE),
        ("Hold the reset button for 10 seconds.", Language.EN),
        ("Stellen Sie das Gerät 1,5 m von der Wand entfernt auf.", Language.DE),
    ],
)
def test_backed_figures_and_instructions_pass(validator: ClaimsValidator, text: str, language: Language) -> None:
    assert _flagged(validator, text, language) == []


def test_dropped_up_to_on_an_area_is_flagged(validator: ClaimsValidator) -> None:
    text = "Der Robo R5 reinigt 150 m² mit einer Akkuladung."
    assert _flagged(validator, text, Language.DE) == [("claims.de/spec-figure-units", text)]


@pytest.mark.parametrize(
    ("sentence", "backed"),
    [
        ("Der Heizlüfter wird in Frankreich hergestellt.", False),
        ("Unsere Geräte werden in Lyon produziert.", False),
        ("Entwickelt und hergestellt in Frankreich.", False),
        ("Das Gerät wird in Frankreich entwickelt.", True),
        ("Developed in France and manufactured in Vietnam.", True),
        ("Made in Vietnam.", True),
    ],
)
def test_a_development_or_test_site_does_not_back_made_in(sentence: str, backed: bool) -> None:
    assert origin_verdict(sentence, FactBase.from_product_line(LINE)).backed is backed


@pytest.mark.parametrize(
    ("sentence", "backed"),
    [
        ("The 2-year guarantee also covers the batteries.", False),
        ("Die Garantie gilt auch für die Bürsten.", False),
        ("The motor has a 2-year guarantee; batteries are not covered.", True),
    ],
)
def test_guarantee_scope_compares_plural_and_english_part_names(sentence: str, backed: bool) -> None:
    base = FactBase.from_product_line(LINE)
    language = Language.EN if sentence.startswith("The") else Language.DE
    assert guarantee_verdict(sentence, language, base).backed is backed


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=151, max_value=5000))
def test_any_area_above_the_spec_is_flagged(validator: ClaimsValidator, area: int) -> None:
    text = f"Mit einer Akkuladung schafft der Robo R5 bis zu {area} m²."
    assert _flagged(validator, text, Language.DE) == [("claims.de/spec-figure-units", text)]
