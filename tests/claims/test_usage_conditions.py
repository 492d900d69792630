"""A usage pattern in a fact's qualifier ("bei 20 Aufnahmen à 20 s pro Tag") is a condition of the value,
not another value: a reply restating the documented value with it is backed, a higher value is not."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.quantities import Dimension
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator
from safe_reply.validators.claims.facts import FactBase

from .conftest import flagged, make

LINE = ProductLine(
    id="cams",
    facts=(
        Fact(key="models", label_de="Modelle", value="Falkner Cam F3 (Akku-Kamera)"),
        Fact(
            key="camera_battery",
            label_de="Akkulaufzeit Cam F3",
            label_en="battery life Cam F3",
            value=4,
            unit="Monate",
            qualifier="bis zu; bei 15 Aufnahmen à 30 s pro Tag, Standardeinstellungen",
        ),
        Fact(
            key="consumption",
            label_de="Energieverbrauch",
            value=12,
            unit="kWh",
            qualifier="pro Jahr; im Sparmodus 8 kWh pro Jahr",
        ),
    ),
)
DE = Context(product_line="cams", language=Language.DE)


@pytest.fixture(scope="module")
def cams() -> ClaimsValidator:
    return make(LINE)


def test_a_usage_pattern_is_no_alternative_value_but_a_rate_is() -> None:
    facts = FactBase.from_product_line(LINE).numeric
    battery = [(f.dimension, f.value) for f in facts if f.key.startswith("camera_battery")]
    assert battery == [(Dimension.DURATION, 4 * 30 * 24 * 3600.0)]
    energy = sorted(f.value for f in facts if f.key.startswith("consumption"))
    assert energy == [8000.0, 12000.0]  # "im Sparmodus 8 kWh pro Jahr" stays an alternative


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- Akku der Cam F3: bis zu 4 Monate bei 15 Aufnahmen à 30 s pro Tag", []),
        (
            "Der Akku der Cam F3 hält bis zu 6 Monate bei 15 Aufnahmen à 30 s pro Tag.",
            [("claims.de/spec-figure", "Der Akku der Cam F3 hält bis zu 6 Monate bei 15 Aufnahmen à 30 s pro Tag.")],
        ),
    ],
)
def test_a_reply_with_the_usage_pattern(cams: ClaimsValidator, text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(cams, text, DE) == expected
