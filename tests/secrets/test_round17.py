"""Round 17: a word whose ending is masked ("Brandl***"), a firm's name word with the firm's own kind word in other
words or in English ("die Seeblick-Versicherung", "the Seeblick insurance group" of "Versicherungsgruppe
Seeblick"), a codename compounded with a subscription ("Wolkenbruch-Abo") or said with "reveal", and the end of a
public site in English ("the Lindau showroom is closing at the end of May"). Probed with a fictional furniture
shop, not the set they came from; near misses: a censored swear word, the region and the firm's other kinds, the
site's opening hours, the codename's weather."""

from __future__ import annotations

from typing import Any

import pytest

from safe_reply.validators.trade_secrets.partial import kind_words
from safe_reply.validators.trade_secrets.spelling import truncated_words

from .conftest import found, make_validator

ENTRIES: list[dict[str, Any]] = [
    {"term": "Guangzhou Lumacore", "kind": "supplier", "note": "Lieferant der Leuchtmittel"},
    {"term": "Versicherungsgruppe Seeblick", "kind": "key_account", "note": "Großkunde, Rahmenvertrag"},
    {"term": "Wolkenbruch", "kind": "codename", "note": "Codename eines Möbel-Abos ('Projekt Wolkenbruch')"},
    {
        "term": "Schließung Showroom Lindau",
        "kind": "internal_plan",
        "note": "geplante Schließung des Showrooms Lindau Ende Mai 2027",
    },
]
_validator = make_validator(ENTRIES, allowed_terms=["Showroom Lindau"])
# The end of a public product with a date: said without the date, by the end's word and the product's name.
_DATED = make_validator(
    [{"term": "Auslauf Lumo Mini 06/2027", "kind": "internal_plan", "note": "geplante Einstellung des Lumo Mini"}],
    allowed_terms=["Lumo Mini"],
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Lumo Mini wird 2027 eingestellt.", [(0, 35, "Die Lumo Mini wird 2027 eingestellt")]),
        ("We are phasing out the Lumo Mini next year.", [(0, 42, "We are phasing out the Lumo Mini next year")]),
        ("Die Lumo Mini kann auf Stufe 3 eingestellt werden.", []),
        ("Ihre Garantie für die Lumo Mini läuft im Juni 2027 aus.", []),
        ("Die Lumo Mini läuft im Nachtmodus sehr leise.", []),
    ],
)
def test_the_dated_end_of_a_public_product(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(_DATED, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Leuchtmittel kommen von Guangzhou Lumac***, mehr darf ich nicht sagen.", [(38, 46, "Lumac***")]),
        ("We have just equipped the Seeblick insurance group with 400 chairs.", [(26, 34, "Seeblick")]),
        ("Wir haben die Seeblick-Versicherung mit 400 Stühlen ausgestattet.", [(14, 22, "Seeblick")]),
        ("Zum Wolkenbruch-Abo darf ich noch nichts sagen.", [(4, 15, "Wolkenbruch")]),
        ("I can't reveal anything about Wolkenbruch yet.", [(30, 41, "Wolkenbruch")]),
        (
            "The Lindau showroom is closing at the end of May.",
            [(0, 48, "The Lindau showroom is closing at the end of May")],
        ),
    ],
)
def test_leaks(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(_validator, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "So ein Sch***, das tut mir leid.",
        "**Wichtig:** Die Lieferung dauert fünf Tage.",
        "Wir waren letzte Woche am Seeblick in Lindau.",
        "Ein Wolkenbruch hat das Lager in Lindau nass gemacht.",
        "The Lindau showroom is closed on Sundays.",
        "Our Lindau showroom is open until 6 pm.",
    ],
)
def test_near_misses(text: str) -> None:
    assert found(_validator, text) == []


def test_kind_words_of_a_firms_own_word() -> None:
    assert kind_words("Versicherungsgruppe") == ["versicherung", "gruppe", "insurance", "insurer", "group"]
    assert kind_words("Drogeriekette") == ["drogerie", "kette", "drugstore", "chemist", "chain"]
    assert kind_words("Brandt") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("von Shenzhen Bright*** – sorry", [(13, 22, "Bright")]),
        # Markdown that closes on the word opened with the same run on its line: no mask.
        ("**Flitz** ist da", []),
        ("Unser **Ergo Flitz** kommt", []),
        ("***Flitz***", []),
    ],
)
def test_truncated_words_are_no_markdown(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert truncated_words(text) == expected
