"""Content figures per serving and in equivalent units, and figures of another maker's product, on a
fictional supplement line (no corpus line): "jeder Tropfen" is measured against the documented three drops,
a bracket's I.E. and % NRV restate the µg figure, and "the other brand's 4,000 IU product" is not ours."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.quantities import Dimension
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator
from safe_reply.validators.claims.facts import FactBase
from safe_reply.validators.claims.servings import scale, serving_before, serving_in

from .conftest import flagged, make

LINE = ProductLine(
    id="drops",
    facts=(
        Fact(key="models", label_de="Modelle", value="Lindgrün D3 Tropfen (Tropfen), Lindgrün Zink (Tabletten)"),
        Fact(
            key="content_d3",
            label_de="Gehalt D3 Tropfen",
            value="3 Tropfen täglich = 30 µg Vitamin D3 (1.200 I.E., 600 % NRV)",
        ),
        Fact(key="content_zinc", label_de="Gehalt Zink", value="1 Tablette = 10 mg Zink (100 % NRV)"),
    ),
)
DE = Context(product_line="drops", language=Language.DE)
EN = Context(product_line="drops", language=Language.EN)


@pytest.fixture(scope="module")
def drops() -> ClaimsValidator:
    return make(LINE)


def test_a_serving_is_read_before_a_figure_else_after_it() -> None:
    assert serving_in("Jeder Tropfen enthält 400 I.E.", 22) == (1.0, "drop")
    assert serving_in("30 µg stecken in drei Tropfen", 0) == (3.0, "drop")
    assert serving_in("two capsules contain 800 mg", 21) == (2.0, "capsule")
    # A pack's count is no serving.
    assert serving_in("Die Packung mit 60 Kapseln liefert 375 mg", 35) is None
    assert serving_in("a bottle of 2 sachets: 500 mg", 23) is None
    assert serving_before("3 Tropfen täglich = 30 µg", 20) == (3.0, "drop")
    assert serving_before("= 30 µg", 2) is None


def test_a_claimed_figure_is_scaled_to_the_documented_serving() -> None:
    assert scale((1.0, "drop"), (3.0, "drop")) == 3.0
    assert scale((6.0, "drop"), (3.0, "drop")) == 0.5
    assert scale((1.0, "capsule"), (3.0, "drop")) == 1.0  # another noun: not comparable
    assert scale(None, (3.0, "drop")) == 1.0
    assert scale((1.0, "drop"), None) == 1.0


def test_a_bracket_restates_the_content_figure_in_other_units() -> None:
    facts = [f for f in FactBase.from_product_line(LINE).numeric if f.key.startswith("content_d3")]
    assert [(f.dimension, f.value, f.serving) for f in facts] == [
        (Dimension.MASS, pytest.approx(3e-08), (3.0, "drop")),
        (Dimension.IU, 1200.0, (3.0, "drop")),
        (Dimension.PERCENT, 600.0, (3.0, "drop")),
    ]


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        # Per drop, the documented three drops' content is three times too much.
        (
            "Jeder Tropfen enthält 1.200 I.E. Vitamin D3.",
            DE,
            [("claims.de/spec-figure", "Jeder Tropfen enthält 1.200 I.E. Vitamin D3.")],
        ),
        ("Jeder Tropfen enthält 400 I.E. Vitamin D3.", DE, []),
        ("Drei Tropfen enthalten 30 µg Vitamin D3 (1.200 I.E.).", DE, []),
        ("Mit sechs Tropfen kommen Sie auf 2.400 I.E. Vitamin D3.", DE, []),
        (
            "Mit sechs Tropfen kommen Sie auf 4.800 I.E. Vitamin D3.",
            DE,
            [("claims.de/spec-figure", "Mit sechs Tropfen kommen Sie auf 4.800 I.E. Vitamin D3.")],
        ),
        (
            "Each drop contains 30 µg of vitamin D3.",
            EN,
            [("claims.en/spec-figure", "Each drop contains 30 µg of vitamin D3.")],
        ),
        ("Three drops contain 30 µg of vitamin D3, that is 600 % NRV.", EN, []),
        # Another maker's product and its figure are not ours.
        ("I can't comment on the other brand's 4,000 IU product. Three drops of ours contain 1,200 IU.", EN, []),
        ("Zu einem Präparat mit 5.000 I.E. eines anderen Herstellers kann ich nichts sagen.", DE, []),
    ],
)
def test_content_figures_per_serving(
    drops: ClaimsValidator, text: str, ctx: Context, expected: list[tuple[str, str]]
) -> None:
    assert flagged(drops, text, ctx) == expected
