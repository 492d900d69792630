"""The fact model: units from a real registry, products and per-product values derived from the facts,
conditions, ranges, directions from the vocabulary, and the config errors for broken facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from safe_reply.config_models import Fact, FactDirection, Product, ProductLine, Service
from safe_reply.contracts import BuildContext
from safe_reply.errors import ConfigErrors
from safe_reply.eval.corpus import load_fact_base, policy_from_corpus
from safe_reply.loader import load_policy
from safe_reply.quantities import Dimension, Unit
from safe_reply.types import Context, Language
from safe_reply.units import UnknownUnit, fact_unit
from safe_reply.validators.claims import ClaimsValidator, Settings, build
from safe_reply.validators.claims.facts import Direction, FactBase

# A fictional line in the corpus format's flat shape: a models fact, per-model values in qualifiers.
PUMPS = ProductLine(
    id="pumps",
    name="Brunnwerk Gartenpumpen",
    facts=(
        Fact(
            key="models",
            label_de="Modelle",
            label_en="models",
            value="Brunnwerk G4 (Gartenpumpe), Brunnwerk T9 (Tauchpumpe)",
        ),
        Fact(
            key="flow",
            label_de="Fördermenge",
            label_en="flow rate",
            value=3500,
            unit="l/h",
            qualifier="Brunnwerk G4, bei 1 m Förderhöhe (Brunnwerk T9: 9.000 l/h)",
        ),
        Fact(
            key="noise",
            label_de="Schalldruckpegel",
            label_en="sound pressure level",
            value=62,
            unit="dB(A)",
            qualifier="Brunnwerk G4, in 3 m Abstand (Brunnwerk T9: 48 dB(A))",
        ),
        Fact(key="gain", label_de="Verstärkung des Signals", label_en="signal gain", value=30, unit="dB"),
        Fact(key="weight_g4", label_de="Gewicht Brunnwerk G4", label_en="weight Brunnwerk G4", value=6.5, unit="kg"),
        Fact(key="weight_t9", label_de="Gewicht Brunnwerk T9", label_en="weight Brunnwerk T9", value=9.8, unit="kg"),
        Fact(
            key="hose",
            label_de="Schlauchanschluss",
            label_en="hose connection",
            value="geeignet für Schläuche von 3,5 bis 15 kg Zuglast",
        ),
    ),
)


def _validator(line: ProductLine = PUMPS) -> ClaimsValidator:
    ctx = BuildContext(product_line=line, config_dir=Path("."), file=Path("pumps.yaml"), key="validators.claims")
    validator = build(Settings(), ctx)
    assert isinstance(validator, ClaimsValidator)
    return validator


def _flagged(text: str, line: ProductLine = PUMPS) -> list[tuple[str, str]]:
    findings = _validator(line).detect(text, Context(product_line=line.id, language=Language.DE))
    return [(f.rule_id, text[f.span.start : f.span.end]) for f in findings]


@pytest.mark.parametrize(
    ("written", "dimension", "factor"),
    [
        ("dB(A)", Dimension.SOUND, 1.0),
        ("dB SPL", Dimension.SOUND, 1.0),
        ("km/h", Dimension.SPEED, 1.0),
        ("°C", Dimension.TEMPERATURE, 1.0),
        ("U/min", Dimension.ROTATION, 1.0),
        ("min⁻¹", Dimension.ROTATION, 1.0),
        ("furlong/fortnight", Dimension.SPEED, 0.0005987154831452519),
        ("kWp", Dimension.POWER, 1000.0),
        ("Monat", Dimension.DURATION, 2592000.0),
        # Flows compare across their spellings: litres per day, cubic metres and cubic feet per hour/minute.
        ("l/24 h", Dimension.FLOW, 1 / 24000),
        ("m³/h", Dimension.FLOW, 1.0),
        ("CFM", Dimension.FLOW, 1.69901),
        ("l/min", Dimension.FLOW, 0.06),
        ("ft³/min", Dimension.FLOW, 1.6990108),
        # Units that cancel are a share per reference amount, as food labels write it: 12 g/100 g is 12 %.
        ("g/100 g", Dimension.PERCENT, 1.0),
        ("mg/g", Dimension.PERCENT, 0.1),
        ("ml/100 ml", Dimension.PERCENT, 1.0),
        # Counted periods and pulses, as mattress trials and fitness sensors give them.
        ("Nächte", Dimension.DURATION, 86400.0),
        ("nights", Dimension.DURATION, 86400.0),
        ("bpm", Dimension.ROTATION, 1.0),
        ("Schläge pro Minute", Dimension.ROTATION, 1.0),
        # Alcohol by volume, and a footprint whose gas is named after the mass unit.
        ("% vol", Dimension.PERCENT, 1.0),
        ("Vol.-%", Dimension.PERCENT, 1.0),
        ("g CO2e", Dimension.MASS, 0.001),
        ("kg CO₂-Äq./km", Dimension.OTHER, 1.0),
    ],
)
def test_units_the_registry_knows_load_in_any_spelling(written: str, dimension: Dimension, factor: float) -> None:
    unit = fact_unit(written)
    assert unit.dimension is dimension
    assert unit.factor == pytest.approx(factor)


@pytest.mark.parametrize(
    "written",
    [
        "m²·Pa/W",
        "lm/W",
        "€",
        "EUR",
        "Euro",
        "€/Monat",
        "EUR pro kWh",
        "USD",
        "CHF/Jahr",
        "€/Nutzer/Monat",
        "$ per user per month",
        "deg",
        "rad",
        "count",
    ],
)
def test_real_units_without_a_reply_parser_load_and_are_never_compared(written: str) -> None:
    # Money too: a fee or a price is a fact; the claims check compares amounts with every documented amount.
    assert fact_unit(written).dimension is Dimension.OTHER


@pytest.mark.parametrize(
    "written",
    [
        "furlongs_per_fortnight", "2", "Stück pro Kiste pro Woche", "abc", "€€", "EUR 5", "Euro-Paletten",
        "Eurasia", "Europa", "€ajax", "dollarsandcents", "€/Monat 12",
    ],
)  # fmt: skip
def test_unknown_units_are_rejected(written: str) -> None:
    with pytest.raises(UnknownUnit):
        fact_unit(written)


@pytest.mark.parametrize("written", ["Stufen", "Waschgänge", "Programme", "levels", "settings", "cuin"])
def test_a_count_of_named_things_loads_and_is_never_compared(written: str) -> None:
    # "16 Stufen", "2 Waschgänge", "12 levels", fill power "750 cuin": how spec sheets write counts;
    # no unit of measurement, so no reply figure is compared with them (as with a text value).
    assert fact_unit(written) == Unit(Dimension.OTHER, 1.0)


@pytest.mark.parametrize("written", ["Europa", "Meterr", "kmhs", "Zorvaks", "Waschgang", "waschgänge"])
def test_no_count_without_a_plural_noun_of_either_language(written: str) -> None:
    with pytest.raises(UnknownUnit):
        fact_unit(written)


def test_cubic_inches_are_a_volume() -> None:
    assert fact_unit("cu in") == Unit(Dimension.VOLUME, pytest.approx(0.016387064))


def _config(tmp_path: Path, facts: str) -> Path:
    (tmp_path / "product_lines").mkdir()
    (tmp_path / "defaults.yaml").write_text("version: 1\n", encoding="utf-8")
    (tmp_path / "product_lines" / "pumps.yaml").write_text(f"id: pumps\nfacts:\n{facts}", encoding="utf-8")
    return tmp_path


def test_unknown_unit_is_a_config_error_with_file_key_and_fix(tmp_path: Path) -> None:
    folder = _config(tmp_path, "  - {key: speed, value: 3, unit: furlongs_per_fortnight}\n")
    with pytest.raises(ConfigErrors) as caught:
        load_policy(folder)
    [error] = caught.value.errors
    assert Path(error.file) == folder / "product_lines" / "pumps.yaml"
    assert error.key == "facts[0].unit"
    assert error.problem == (
        "unknown unit 'furlongs_per_fortnight': neither safe_reply nor the unit registry (pint) knows it"
    )
    assert error.fix.startswith("write the unit as the registry spells it (km, km/h, dB(A), °C, m²·Pa/W")


def test_a_fee_in_euro_loads_and_becomes_a_documented_price(tmp_path: Path) -> None:
    load_policy(_config(tmp_path, "  - {key: callout_fee, label_de: Anfahrtspauschale, value: 89, unit: €}\n"))
    fee = Fact(key="callout_fee", label_de="Anfahrtspauschale", value="89,50", unit="€/Einsatz")
    base = FactBase.from_product_line(PUMPS.model_copy(update={"facts": (*PUMPS.facts, fee)}))
    assert 89.5 in base.prices
    assert all(f.key != "callout_fee" or f.dimension is Dimension.OTHER for f in base.numeric)


def test_duplicate_fact_key_is_a_config_error(tmp_path: Path) -> None:
    folder = _config(tmp_path, "  - {key: noise, value: 30, unit: dB(A)}\n  - {key: noise, value: 31, unit: dB(A)}\n")
    with pytest.raises(ConfigErrors) as caught:
        load_policy(folder)
    [error] = caught.value.errors
    assert error.key == "facts"
    assert error.problem == (
        "fact key 'noise' is used twice (facts[0] and facts[1]); the later one would silently replace the earlier"
    )
    assert error.fix == "give every fact its own key (a value per product goes into `per_product:`)"


def test_corpus_format_reports_the_corpus_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "product_lines.yaml").write_text(
        "product_lines:\n  - id: pumps\n    facts:\n      - {key: flow, value: 3, unit: l/h}\n"
        "      - {key: speed, value: 3, unit: furlongs_per_fortnight}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigErrors) as caught:
        policy_from_corpus(load_fact_base(tmp_path), validators=["claims"])
    [error] = caught.value.errors
    assert Path(error.file) == tmp_path / "product_lines.yaml"
    assert error.key == "product_lines[0].facts[1].unit"


def test_products_and_per_product_values_come_from_the_facts() -> None:
    base = FactBase.from_product_line(PUMPS)
    assert [(p.name, p.aliases) for p in base.products.products] == [
        ("Brunnwerk G4", ("brunnwerk g4", "g4")),
        ("Brunnwerk T9", ("brunnwerk t9", "t9")),
    ]
    noise = {(f.key, f.product): f.value for f in base.numeric if f.dimension is Dimension.SOUND and "noise" in f.key}
    assert noise == {("noise", 0): 62.0, ("noise[Brunnwerk T9]", 1): 48.0}


def test_a_second_models_value_is_compared_with_that_model() -> None:
    assert _flagged("Die T9 arbeitet mit 48 dB(A) in 3 m Abstand.") == []
    assert _flagged("Die T9 arbeitet mit 40 dB(A) in 3 m Abstand.") == [
        ("claims.de/spec-figure", "Die T9 arbeitet mit 40 dB(A) in 3 m Abstand.")
    ]


def test_a_contradicted_condition_is_not_backed() -> None:
    assert _flagged("Die G4 hat 62 dB(A), direkt neben dem Gerät gemessen.") == [
        ("claims.de/spec-figure", "Die G4 hat 62 dB(A), direkt neben dem Gerät gemessen.")
    ]


def test_the_attribute_decides_the_direction_not_the_unit() -> None:
    base = FactBase.from_product_line(PUMPS)
    directions = {f.key: f.direction for f in base.numeric}
    assert directions["gain"] is Direction.AT_MOST  # "Verstärkung": more is better, a claim may not exceed it
    assert directions["noise"] is Direction.AT_LEAST
    assert _flagged("Die Verstärkung des Signals beträgt 50 dB.") == [
        ("claims.de/spec-figure", "Die Verstärkung des Signals beträgt 50 dB.")
    ]


def test_explicit_direction_overrides_the_vocabulary() -> None:
    line = PUMPS.model_copy(
        update={
            "facts": (
                Fact(key="gain", label_de="Verstärkung", value=30, unit="dB", direction=FactDirection.LOWER_IS_BETTER),
            )
        }
    )
    assert FactBase.from_product_line(line).numeric[0].direction is Direction.AT_LEAST


def test_the_weight_of_the_named_model_is_compared() -> None:
    assert _flagged("Die Brunnwerk G4 wiegt 6,5 kg.") == []
    # Lighter than the spec is the stronger claim for a weight; heavier would be conservative.
    assert _flagged("Die Brunnwerk T9 wiegt 6,5 kg.") == [("claims.de/spec-figure", "Die Brunnwerk T9 wiegt 6,5 kg.")]


def test_a_range_in_a_text_fact_backs_what_lies_inside_it() -> None:
    base = FactBase.from_product_line(PUMPS)
    [hose] = [f for f in base.numeric if f.key.startswith("hose")]
    assert (hose.low, hose.value, hose.dimension) == (3.5, 15.0, Dimension.MASS)


def test_a_sentence_about_an_unreleased_model_is_no_claim() -> None:
    assert _flagged("Der Prototyp der nächsten Generation wird unter 4 kg wiegen.") == []
    assert _flagged("Die Brunnwerk G9 kommt mit 20.000 l/h und ist absolut sicher.") == []


def test_explicit_products_and_service_terms() -> None:
    line = PUMPS.model_copy(
        update={
            "products": (Product(name="Brunnwerk G4", short_names=("G4",), nouns=("Gartenpumpe",)),),
            "service": Service(returns="30 Tage Rückgabe ab Lieferung, kostenlose Rücksendung"),
        }
    )
    assert _flagged("Sie können die Pumpe 30 Tage lang kostenlos zurückgeben.", line) == []
    assert _flagged("Wir schicken Ihnen kostenlos ein neues Gerät zu.", line) == [
        ("claims.de/service-commitment", "Wir schicken Ihnen kostenlos ein neues Gerät zu.")
    ]
