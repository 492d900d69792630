from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.quantities import Dimension, parse_number, quantities
from safe_reply.types import Language


@pytest.mark.parametrize(
    ("text", "language", "value", "dimension"),
    [
        ("120 km", Language.DE, 120.0, Dimension.LENGTH),
        ("120km", Language.DE, 120.0, Dimension.LENGTH),
        ("1.200 W", Language.DE, 1200.0, Dimension.POWER),
        ("1,2 kW", Language.DE, 1200.0, Dimension.POWER),
        ("1,200 W", Language.EN, 1200.0, Dimension.POWER),
        ("1.2 kW", Language.EN, 1200.0, Dimension.POWER),
        ("32 km/h", Language.DE, 32.0, Dimension.SPEED),
        ("28.000 Umdrehungen pro Minute", Language.DE, 28000.0, Dimension.ROTATION),
        ("5,5 Liter", Language.DE, 5.5, Dimension.VOLUME),
        ("LSF 30", Language.DE, 30.0, Dimension.SPF),
        ("IP67", Language.DE, 67.0, Dimension.IP),
        ("90 min", Language.DE, 5400.0, Dimension.DURATION),
        ("zehn Jahre", Language.DE, 10 * 365 * 86400.0, Dimension.DURATION),
        ("einen Tag", Language.DE, 86400.0, Dimension.DURATION),
        ("ein ganzer Tag", Language.DE, 86400.0, Dimension.DURATION),
        # Durations without a figure, at their least.
        ("den ganzen Tag", Language.DE, 8 * 3600.0, Dimension.DURATION),
        ("die ganze Nacht", Language.DE, 8 * 3600.0, Dimension.DURATION),
        ("stundenlang", Language.DE, 2 * 3600.0, Dimension.DURATION),
        ("all day long", Language.EN, 8 * 3600.0, Dimension.DURATION),
        ("for weeks", Language.EN, 14 * 86400.0, Dimension.DURATION),
    ],
)
def test_formats_and_units(text: str, language: Language, value: float, dimension: Dimension) -> None:
    [found] = quantities(text, language)
    assert (found.value, found.dimension, found.start, found.end) == (value, dimension, 0, len(text))


def test_numbers_without_unit_and_codes_are_not_quantities() -> None:
    assert quantities("Bestellnummer 4711, Fehlercode E7, Espresso E5, 4-A-Ladegerät", Language.DE) == []


@settings(max_examples=60)
@given(st.integers(min_value=0, max_value=9_999_999))
def test_german_and_english_thousands_round_trip(n: int) -> None:
    german = f"{n:,}".replace(",", ".")
    assert parse_number(german, Language.DE) == n
    assert parse_number(f"{n:,}", Language.EN) == n
