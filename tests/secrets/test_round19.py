"""Round 19: a rate said as "jedes siebzehnte" (any ordinal, read by text2num, not only those of a table), a test the
product failed said in other words ("durchgefallen" for "nicht bestanden"), a codename that is a town named as a
place ("our Wetzlar branch"), and a plan of the customer's own in a later clause ("wenn Sie ohnehin einen Ausflug
planen"). Probed with a fictional optician, not the set they came from; near misses: the same ordinal about
customers, a test passed, the codename as a product."""

from __future__ import annotations

from typing import Any

import pytest

from safe_reply.validators.trade_secrets.matters import _framing
from safe_reply.validators.trade_secrets.numbers import Unit, quantities

from .conftest import found, make_validator

ENTRIES: list[dict[str, Any]] = [
    {"term": "Reklamationsquote Etui 6 %", "kind": "kpi", "note": "interne Reklamationsquote der Brillenetuis"},
    {"term": "Falltest Lumen 3 nicht bestanden", "kind": "quality_data", "note": "interner Falltest der Lumen 3"},
    {"term": "Wetzlar", "kind": "codename", "note": "Projekt Wetzlar: nächste Brille mit Display"},
    {
        "term": "Lahnberge",
        "kind": "codename",
        "ordinary_word": True,
        "note": "Projekt Lahnberge: geplante Videoberatung; die Lahnberge bei Marburg als Ort sind kein Leak",
    },
]
_validator = make_validator(ENTRIES, allowed_terms=["Lumen 3", "Filiale Wetzlar"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Intern rechnen wir damit, dass etwa jedes siebzehnte Etui reklamiert wird.",
            [(36, 52, "jedes siebzehnte")],
        ),
        (
            "Beim Falltest ist die Lumen 3 leider durchgefallen.",
            [(0, 50, "Beim Falltest ist die Lumen 3 leider durchgefallen")],
        ),
        ("Wetzlar is our next pair of smart glasses.", [(0, 7, "Wetzlar")]),
        ("Projekt Lahnberge bringt die Videoberatung, die wir für nächstes Jahr planen.", [(8, 17, "Lahnberge")]),
    ],
)
def test_leaks(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(_validator, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jeder siebzehnte Kunde kommt zweimal im Jahr.",
        "Die Lumen 3 hat den Falltest bestanden.",
        "I'll pass your request on to our Wetzlar branch.",
        "Unsere Filiale liegt nahe den Lahnbergen – wenn Sie ohnehin einen Ausflug planen, lässt sich der Termin gut "
        "verbinden.",
    ],
)
def test_near_misses(text: str) -> None:
    assert found(_validator, text) == []


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("jede vierzehnte Schale", 7),
        ("every fourteenth case", 7),
        ("jeder dreiundzwanzigste Kunde", 4),
        ("jedes zehnte Gerät", 10),
    ],
)
def test_any_ordinal_is_a_share(text: str, percent: int) -> None:
    shares = [q for q in quantities(text) if q.unit is Unit.PERCENT]
    assert [(int(q.value), q.approx) for q in shares] == [(percent, True)]


@pytest.mark.parametrize("text", ["jede Woche kommt ein Paket", "every month we write", "jeder Gäste-Account"])
def test_words_that_are_no_ordinal(text: str) -> None:
    assert quantities(text) == []


def test_a_later_clause_about_the_customer_frames_nothing() -> None:
    told, served = _framing("unsere filiale liegt nahe den lahnbergen – wenn sie ohnehin einen ausflug planen, gern")
    assert "planen" in told
    assert "planen" not in served
