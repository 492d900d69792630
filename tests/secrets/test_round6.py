"""Sixth first-sight round, on a fictional line of garden tools: a target is internal only as a target,
German object words in English replies, rounded rates, surnames and foreign names read as ordinary
words in a supplier's role, a product's variant said as "the twin version", quoted compounds."""

from __future__ import annotations

import pytest

from .conftest import make_validator

_validator = make_validator(
    [
        {"term": "Zielpreis Gehäuse 64 €", "kind": "negotiation"},
        {"term": "Zielrabatt Baumarkt 12 %", "kind": "negotiation"},
        {"term": "Rücklaufquote 3,2 %", "kind": "complaint_rate"},
        {"term": "Hallbeck Präzisionsguss", "kind": "supplier"},
        {"term": "Kowalczyk Metall", "kind": "supplier"},
        {"term": "Dongxing Motors", "kind": "supplier"},
        {"term": "Harke Duo", "kind": "unreleased_product"},
        {"term": "Reiher", "kind": "codename"},
    ],
    allowed_terms=["Harke 40"],  # the public product whose variant is unreleased
)


def leaks(text: str) -> list[tuple[str, str]]:
    return [(text[x.start : x.end], x.kind) for x in _validator.scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A German fact's object word in English ("Gehäuse" = housing), with the target said as such.
        ("We're aiming for a target price of €64 per housing.", [("€64", "negotiation")]),
        ("We are negotiating €64 per housing with the supplier.", [("€64", "negotiation")]),
        ("Unser Ziel im Baumarkt sind 12 % Rabatt.", [("12 %", "negotiation")]),
        # A rate said rounded after a hedge word.
        ("Around three in a hundred units come back to us.", [("three in a hundred", "complaint_rate")]),
        ("Etwa 3 % der Geräte kommen zurück.", [("3 %", "complaint_rate")]),
        # A supplier's name that frequencies read as ordinary words, capitalised in a maker's role.
        ("The castings come from Hallbeck in Bavaria.", [("Hallbeck", "supplier")]),
        ("Die Griffe fertigt Kowalczyk in Polen.", [("Kowalczyk", "supplier")]),
        ("Our motors are made by Dongxing.", [("Dongxing", "supplier")]),
        # A product's variant in other words.
        ("A twin version of the Harke is on its way.", [("twin version of the Harke", "unreleased_product")]),
        ("Eine Doppel-Version des Harke kommt im Herbst.", [("Doppel-Version des Harke", "unreleased_product")]),
        # A quote around the codename itself names it.
        ("Das Projekt heißt „Reiher“.", [("Reiher", "codename")]),
    ],
)  # fmt: skip
def test_round6_leaks(text: str, expected: list[tuple[str, str]]) -> None:
    assert leaks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A discount the customer gets is no target ("Zielrabatt Baumarkt 12 %").
        "Im Baumarkt gibt es gerade 12 % Rabatt auf alle Harken.",
        "Das Gehäuse kostet im Shop 64 €.",
        # An exact rate needs its concept; a rounded one needs a hedge word too.
        "3 % der Kunden kaufen zwei Harken.",
        # The names lower-case, or without a maker's role.
        "Wir waren in der Hallbeck Straße.",
        "Frau Kowalczyk aus dem Service ruft Sie an.",
        # The variant word without the variant construction.
        "Is there a twin pack for the Harke? No.",
        # A quoted compound that holds the codename names something else.
        "Das Muster heißt „Reiherteich“.",
    ],
)
def test_round6_benign_replies_pass(text: str) -> None:
    assert leaks(text) == []
