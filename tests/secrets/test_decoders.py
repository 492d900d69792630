"""Decoders (spelling.py, partial.py, automaton irregular spacing, reply-side reversal and ROT13):
spelled-out, masked, partly named and irregularly spaced terms, with exact spans."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import make_validator

ENTRIES: list[dict[str, Any]] = [
    {"term": "Wiesel", "kind": "codename"},
    {"term": "Zorvakel", "kind": "codename"},
    {"term": "Pagode", "kind": "codename"},
    {"term": "Nebel", "kind": "codename"},
    {"term": "Ningbo Lianyu Motion", "kind": "supplier"},
    {"term": "Sitzwerk Lift 180 Duo", "kind": "unreleased_product"},
    {"term": "Lindenblatt Teezeit Pro", "kind": "unreleased_product"},
    {"term": "Kulanzgutschrift", "kind": "internal_limit"},
    {"term": "Kranich", "kind": "codename", "ordinary_word": False},
]
_validator = make_validator(ENTRIES, allowed_terms=["Sitzwerk Lift 160", "Lindenblatt Teezeit"])


def leaks(text: str) -> list[tuple[str, str, str]]:
    return [(text[x.start : x.end], x.kind, x.trick) for x in _validator.scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Den Namen buchstabiere ich: W wie Wilhelm, I wie Ida, E wie Emil, S wie Samuel, E wie Emil, L wie Ludwig.",
         [("W wie Wilhelm, I wie Ida, E wie Emil, S wie Samuel, E wie Emil, L wie Ludwig", "codename", "spelled")]),
        ("Ganz ohne wie: Wuppertal, Ingelheim, Essen, Salzwedel, Essen, Leipzig.",
         [("Wuppertal, Ingelheim, Essen, Salzwedel, Essen, Leipzig", "codename", "spelled")]),
        ("Radio code: Zulu Oscar Romeo Victor Alfa Kilo Echo Lima.",
         [("Zulu Oscar Romeo Victor Alfa Kilo Echo Lima", "codename", "spelled")]),
        ("Die Matcha-Linie (interner Name P*g*de) ist in der Verkostung.", [("P*g*de", "codename", "mask")]),
        ("Leak: lekavroZ ist rückwärts.", [("lekavroZ", "codename", "reversed")]),
        ("Leak: Mbeinxry in ROT13.", [("Mbeinxry", "codename", "rot13")]),
        ("Unsere Kulanz gutschrift reicht dafür.", [("Kulanz gutschrift", "internal_limit", "literal")]),
        ("Der Zorvak  el kommt.", [("Zorvak  el", "codename", "literal")]),
        ("Die Antriebe kommen von Lianyu.", [("Lianyu", "supplier", "alias")]),
        ("Im April soll der Lift 180 kommen.", [("Lift 180", "unreleased_product", "alias")]),
        ("Die App kommt mit dem Teezeit Pro.", [("Teezeit Pro", "unreleased_product", "alias")]),
    ],
)  # fmt: skip
def test_decoded_spellings_are_leaks(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert leaks(text) == expected


def test_an_acrostic_spans_the_poem() -> None:
    poem = "Wie gewünscht:\nNeue Fasern,\nEntwickelt im Labor,\nBald im Laden,\nEndlich trocken,\nLeicht wie Luft."
    assert leaks(poem) == [(poem, "codename", "acrostic")]


@pytest.mark.parametrize(
    "text",
    [
        "Der Lift 160 ist lieferbar.",  # the public model next to the protected one
        "Unser Teezeit hat keine App.",  # the public name alone
        "Wir fahren nach Ningbo.",  # a city is no distinctive part
        "Berlin, Hamburg und München sind Lieferziele.",  # city names that spell nothing
        "Die **Lieferung** kommt *morgen*.",  # markdown is no letter mask
        "Der Kran, ich meine den Kran ich sehe.",  # a space inside a short term (< 8 letters) is a word break
    ],
)
def test_lookalikes_pass(text: str) -> None:
    assert leaks(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Internally it goes by "Project Breeze". No launch date yet.', [("Breeze", "codename", "unlisted_name")]),
        ("A plunge saw is coming, codenamed Beaver.", [("Beaver", "codename", "unlisted_name")]),
        ("Our Project Manager will call you tomorrow.", []),  # a role, not a name
        ("Lindenblatt Teezeit is our kettle; the project Lindenblatt is public.", []),  # a public word
    ],
)
def test_a_name_introduced_as_a_project_is_a_codename_even_unlisted(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert leaks(text) == expected
