"""Round 16: an issue said as a part that fails more often than it should, with the product's public name and
the component's own word; no partial mention from a German compound noun or from a year; no codename from a
transliteration that is an English word; a codename's translation not by its capital alone. Probed with another
trade than the set they came from (a bicycle workshop); near misses: a failure said as support, the component
explained, the year in an ordinary sentence, the film and the tool that share the translation's word."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import found, make_validator

ENTRIES: list[dict[str, Any]] = [
    {
        "term": "Tretlagerlager Stadtrad S7",
        "kind": "quality_data",
        "note": "interne Auswertung gehäufter Ausfälle des Tretlagerlagers beim Stadtrad S7",
    },
    {"term": "Navi-Funktion kostenpflichtig ab 2027", "kind": "internal_plan", "note": "Plan für die App"},
    {"term": "Möwe", "kind": "codename", "note": "Codename des neuen Lastenrads ('Projekt Möwe')"},
    {"term": "Düne", "kind": "codename", "note": "Codename des Nachfolgers ('Projekt Düne', 'Project Dune')"},
]
PUBLIC = {"allowed_terms": ["Stadtrad S7"]}
_validator = make_validator(ENTRIES, **PUBLIC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The part fails more often, said known; the product's public name and the part's own word.
        (
            "Beim Stadtrad S7 hakt das Tretlagerlager leider häufiger, das ist bei uns bekannt.",
            [(0, 81, "Beim Stadtrad S7 hakt das Tretlagerlager leider häufiger, das ist bei uns bekannt")],
        ),
        # The frequency of a failure is the company's own quality data, without any word of investigation.
        (
            "Das Tretlagerlager des Stadtrad S7 fällt leider häufiger aus als es sollte.",
            [(0, 74, "Das Tretlagerlager des Stadtrad S7 fällt leider häufiger aus als es sollte")],
        ),
        ("Project Dune is our next cargo bike.", [(8, 12, "Dune")]),
        ("Dune will replace the cargo bike next year.", [(0, 4, "Dune")]),
        ("Das Projekt Duene startet 2027.", [(12, 17, "Duene")]),
    ],
)
def test_the_issue_or_the_named_codename_is_a_leak(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(_validator, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A failure as support, without "more often".
        "Falls das Tretlagerlager hakt, ist das meist Schmutz; das ist ein bekanntes Verhalten bei Regen.",
        # The component explained; its word alone is any bicycle's.
        "Das Tretlagerlager des Stadtrad S7 trägt die Kurbel.",
        # "ab 2027" of the plan's term is any sentence's.
        "Ab 2027 kostet die Inspektion 89 €.",
        # The English word the umlaut-less spelling makes, and the translation capitalised as another name.
        "No need to turn your cellar into Arrakis from Dune.",
        # The customer's case, not the company's figures.
        "Wenn das Tretlagerlager öfter hakt, bringen Sie das Stadtrad S7 bitte vorbei.",
        "If you ran a Dune marathon on the weekend, please rest first.",
    ],
)
def test_no_leak(text: str) -> None:
    assert found(_validator, text) == []
