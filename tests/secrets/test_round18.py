"""Round 18: an identifier split by hyphens between its letters ("K-S-L-6021") or by a line break inside its number,
a multi-word name masked in one or more of its words ("Minh L*ng T*nt"), an internal system whose name is an
ordinary German word used as a system ("In Zwirn ist Ihr Auftrag … markiert", "laut Zwirn"), and the end of a public
product said as taking it out of the range ("nächsten Sommer nehmen wir ihn aus dem Programm"). Probed with a
fictional garden shop, not the set they came from; near misses: the ordinary word, a spelled-out abbreviation, a
product from the range, a public case number."""

from __future__ import annotations

from typing import Any

import pytest

from safe_reply.validators.trade_secrets.config import names_system
from safe_reply.validators.trade_secrets.spelling import masked_words
from safe_reply.validators.trade_secrets.views import has_split_token, pattern_view

from .conftest import found, make_validator

ENTRIES: list[dict[str, Any]] = [
    {"term": "Hoang Phat Garden", "kind": "supplier", "note": "Auftragsfertiger der Pflanzkübel"},
    {"term": "Spaten", "kind": "internal_system", "note": "interne Auftragsverwaltung; der Gartenspaten ist kein Leak"},
    {"pattern": r"\bGRT-\d{4,5}\b", "kind": "ticket_id", "note": "interne Tickets"},
    {"term": "Auslauf Kübel Terra 06/2027", "kind": "internal_plan", "note": "geplante Einstellung des Kübel Terra"},
]
_validator = make_validator(ENTRIES, allowed_terms=["Kübel Terra"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das ist intern unter G-R-T-6021 bekannt.", [(21, 31, "G-R-T-6021")]),
        ("Der Fehler ist als GRT-51\n20 erfasst.", [(19, 28, "GRT-51\n20")]),
        # The whole masked name, and its distinctive first word where it stands alone.
        (
            "Gefertigt bei Hoang Ph*t G*rden, mehr darf ich nicht sagen.",
            [(14, 19, "Hoang"), (14, 31, "Hoang Ph*t G*rden")],
        ),
        ("Gefertigt bei H*ang Phat Garden.", [(14, 19, "H*ang"), (14, 31, "H*ang Phat Garden")]),
        ("In Spaten ist Ihr Auftrag jetzt als erledigt markiert.", [(3, 9, "Spaten")]),
        ("Laut Spaten ist die Lieferung unterwegs.", [(5, 11, "Spaten")]),
        (
            "Warten Sie nicht zu lange: Nächsten Sommer nehmen wir den Kübel Terra aus dem Programm.",
            [(0, 86, "Warten Sie nicht zu lange: Nächsten Sommer nehmen wir den Kübel Terra aus dem Programm")],
        ),
    ],
)
def test_leaks(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(_validator, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mit einem Spaten lockern Sie die Erde vor dem Pflanzen.",
        "Der Kübel Terra ist ein frostfester Pflanzkübel aus unserem Programm.",
        "Ihr Vorgang GR-2026-0044 ist angelegt, die E-Mail folgt.",
        "Den Kübel Terra gibt es im Sommer wieder im Programm.",
        "Bitte füllen Sie das Feld*Name aus.",
    ],
)
def test_near_misses(text: str) -> None:
    assert found(_validator, text) == []


def test_the_pattern_view_joins_split_identifiers() -> None:
    view, starts, ends = pattern_view("siehe K-S-L-6021 und KSL-51\n20.")
    assert view == "siehe KSL-6021 und KSL-5120."
    # Offsets still point into the reply: "KSL-6021" spans the hyphenated letters.
    assert (starts[6], ends[13]) == (6, 16)
    assert has_split_token("K-S-L-6021")
    assert has_split_token("Nr. 51\n20")
    assert not has_split_token("E-Mail und A-Klasse")


def test_masked_words_take_their_neighbours() -> None:
    words = {word for _, _, word in masked_words("bei Minh L*ng T*nt gefertigt")}
    assert {"L*ng", "MinhL*ng", "MinhL*ngT*nt", "L*ngT*nt"} <= words
    assert masked_words("ohne Maske") == []


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("internal_system", True), ("erp_tool", True), ("crm", True), ("supplier", False), ("system_names", True)],
)
def test_names_system(kind: str, expected: bool) -> None:
    assert names_system(kind) is expected
