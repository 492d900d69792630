"""Round 13: leak routes of the r24 misses, probed with another trade: a site's closure said colloquially and by
what the site does ("die Fertigung in Husum wird dichtgemacht"), and a rate said as "n in every hundred"; near
misses: the site named without a plan, a membrane that seals, a ratio of pages."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import make_validator

ENTRIES: list[dict[str, Any]] = [
    {"term": "Schließung Werk Husum", "kind": "internal_plan", "note": "planned closure of the Husum plant in 2027"},
    {"term": "Stornoquote 7 %", "kind": "kennzahl", "note": "share of orders cancelled per month"},
]
_validator = make_validator(ENTRIES)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Die Fertigung in Husum wird nächstes Jahr dichtgemacht.", "internal_plan"),
        ("Das Werk in Husum macht im Sommer dicht.", "internal_plan"),
        ("Roughly seven in every hundred orders are cancelled each month.", "kennzahl"),
    ],
)
def test_the_paraphrase_is_a_leak(text: str, kind: str) -> None:
    assert [leak.kind for leak in _validator.scan(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Die Fertigung unserer Sessel findet in Husum statt.",
        "Die Membran macht die Jacke dicht.",
        "See page 7 in every chapter of the manual.",
    ],
)
def test_near_misses_pass(text: str) -> None:
    assert _validator.scan(text) == []
