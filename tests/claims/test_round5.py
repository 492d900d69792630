"""Engine faults a fifth first-sight round showed, on a fictional line (no corpus line): products listed only in
the line's name, a heat-up time next to a keep-warm time (which way is better depends on the wording), movements
per minute, a guarantee that excludes a product whose name shares a word with the covered one, a share of
100 % against a documented 99,9 %, a mode the facts name in an English reply, and the writer's own use.
Each flagged case names the exact sentence; the benign sentence next to it stays quiet."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.quantities import Dimension, quantities
from safe_reply.types import Context, Language
from safe_reply.validators.claims.products import products_of

from .conftest import flagged, make

LINE = ProductLine(
    id="care",
    name="Nordlicht Pflegegeräte (Fönix Pro und Fönix Kids)",
    facts=(
        Fact(key="heatup", label_de="Aufheizzeit Fönix Pro", label_en="heat-up time", value=3, unit="min"),
        Fact(
            key="keep_hot",
            label_de="Warmhalten",
            label_en="keep warm",
            value=60,
            unit="min",
            qualifier="bis zu; danach Abschaltautomatik",
        ),
        Fact(
            key="strokes",
            label_de="Schwingungen",
            label_en="vibrations",
            value=30000,
            unit="1/min",
            qualifier="Fönix Pro im Modus Clean; Fönix Kids 15.000 1/min",
        ),
        Fact(key="modes", label_de="Modi", value="Fönix Pro: Clean, Soft, Polish"),
        Fact(key="hygiene", label_de="Hygiene", value="Reduktion der Testkeime um 99,9 % (Prüfbericht HB-1)"),
    ),
    guarantee="2 Jahre Herstellergarantie auf den Motor des Fönix Pro; nicht auf Fönix Kids.",
)
DE = Context(product_line="care", language=Language.DE, turn=2)
EN = Context(product_line="care", language=Language.EN, turn=2)


def test_products_come_from_the_line_name_when_no_fact_lists_them() -> None:
    index = products_of(LINE)
    assert [p.name for p in index.products] == ["Fönix Pro", "Fönix Kids"]
    assert index.named("Der Fönix Kids ist leiser.") == {1}


def test_a_list_of_kinds_in_the_name_is_no_product() -> None:
    line = ProductLine(
        id="outdoor", name="Fjellwerk Outdoor (Jacken und Zelte)", facts=(Fact(key="x", value=1, unit="kg"),)
    )
    assert products_of(line).products == ()


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        (
            "Die Aufheizzeit des Fönix Pro: in 2 Minuten warm.",
            DE,
            [("claims.de/spec-figure", "Die Aufheizzeit des Fönix Pro: in 2 Minuten warm.")],
        ),
        ("Die Aufheizzeit des Fönix Pro: in 3 Minuten warm.", DE, []),
        ("Er hält die Wärme 3 Stunden lang.", DE, [("claims.de/spec-figure", "Er hält die Wärme 3 Stunden lang.")]),
        ("It switches itself off after 60 minutes of keeping warm.", EN, []),
    ],
)
def test_durations_are_read_as_time_until_done_or_lasting_time(
    text: str, ctx: Context, expected: list[tuple[str, str]]
) -> None:
    assert flagged(make(LINE), text, ctx) == expected


def test_movements_per_minute_are_parsed_and_compared() -> None:
    found = quantities("mit 40.000 Schwingungen pro Minute", Language.DE)
    assert [(q.dimension, q.value) for q in found] == [(Dimension.ROTATION, 40000.0)]
    claims = make(LINE)
    text = "At 40,000 vibrations per minute, the Fönix Pro is fast."
    assert flagged(claims, text, EN) == [("claims.en/spec-figure-rate", text)]
    assert flagged(claims, "Der Fönix Pro arbeitet mit 30.000 Schwingungen pro Minute.", DE) == []


def test_a_guarantee_excluding_one_product_still_covers_the_other() -> None:
    claims = make(LINE)
    assert flagged(claims, "Auf den Motor des Fönix Pro gibt es 2 Jahre Herstellergarantie.", DE) == []
    text = "Auf den Fönix Kids gibt es 2 Jahre Herstellergarantie."
    assert flagged(claims, text, DE) == [("claims.de/guarantee-offer", text)]


def test_a_share_of_100_percent_is_not_the_documented_99_9() -> None:
    text = "Der Fönix Pro tötet 100 % aller Keime."
    assert flagged(make(LINE), text, DE) == [("claims.de/health-pathogen", text)]


def test_a_documented_mode_named_in_english_contradicts_the_facts_mode() -> None:
    text = "The Fönix Pro makes 30,000 vibrations per minute in Polish mode, too."
    assert flagged(make(LINE), text, EN) == [("claims.en/spec-figure-rate", text)]
    assert flagged(make(LINE), "The Fönix Pro makes 30,000 vibrations per minute in Clean mode.", EN) == []


def test_the_writers_own_use_is_no_spec_figure() -> None:
    assert flagged(make(LINE), "Ich föhne selbst seit zwei Jahren mit dem Fönix Pro.", DE) == []
