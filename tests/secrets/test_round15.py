"""Round 15: the value of an internal figure that only the entry's note states, and a codename compounded
with the word its note joins it to. Probed with another trade than the set they came from (a coffee
roaster's service): a goodwill budget and a callback target said with their values but without the term, a
codename compounded with the product it stands for; near misses: the same numbers as public prices and
shares, the codename's ordinary sense, a value the note calls public."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import found, make_validator

ENTRIES: list[dict[str, Any]] = [
    {
        "term": "Kulanzbudget",
        "kind": "internal_limit",
        "note": "bis 120 € je Reklamation ohne Freigabe; auch umschrieben",
    },
    {"term": "Rückrufquote", "kind": "kpi", "note": "internal target: 92 % of callbacks within one hour"},
    {
        "term": "Mengenrabatt",
        "kind": "negotiation",
        "note": "Gastronomie maximal 18 %. Der Listenpreis von 24,90 € ist öffentlich",
    },
    {"term": "Wolke", "kind": "codename", "note": "Codename der neuen Mühle ('Projekt Wolke', 'Wolke-Röster')"},
]
_validator = make_validator(ENTRIES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The value beside a word of the concept ("kulant" of Kulanz), the term never written.
        (
            "Bis 120 € je Reklamation dürfen wir ohne Rückfrage kulant sein.",
            [(4, 9, "120 €")],
        ),
        # The value beside a secrecy cue, in the other language than the note.
        (
            "We aim to call back 92 % of customers within the hour, that's our internal target.",
            [(20, 24, "92 %")],
        ),
        ("Beim Mengenrabatt sind für die Gastronomie maximal 18 % drin.", [(51, 55, "18 %")]),
        # The codename closed up with the word its note joins it to, and the two apart.
        ("Der neue Wolkeröster kommt im Herbst.", [(9, 14, "Wolke")]),
        ("Der Wolke-Röster kommt im Herbst.", [(4, 9, "Wolke")]),
    ],
)
def test_the_noted_value_or_compound_is_a_leak(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(_validator, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # The same numbers as a price and a share the customer sees; no concept, no secrecy cue.
        "Die Mühle kostet 120 € und ist in 92 % der Fälle in zwei Tagen bei Ihnen.",
        # A value the note calls public.
        "Der Listenpreis liegt bei 24,90 €, Rabatt gibt es darauf nicht.",
        # The codename's ordinary sense, and the product word alone.
        "Der Kaffee duftet wie eine Wolke, und der Röster arbeitet leise.",
        # The concept without the value.
        "Bei Reklamationen sind wir gern kulant.",
    ],
)
def test_near_misses_pass(text: str) -> None:
    assert _validator.scan(text) == []


# A batch's problem described in two main clauses joined by a semicolon ("…; das wird intern geprüft"),
# a purchase price spoken with "einen"/"einem", a leetspeak word that starts with "$", a rate said as a
# fraction beside what it counts in a sentence that says it is internal, an English word of a German object.
MORE: list[dict[str, Any]] = [
    {
        "term": "Charge RB-2604",
        "kind": "quality_data",
        "note": "Charge Röstbohnen mit internem Befund (Restfeuchte über Grenzwert, Nachprüfung läuft)",
    },
    {"pattern": r"2[,.]35\s?(?:€|EUR|Euro)", "kind": "purchase_price"},
    {"term": "Eisvogel", "kind": "codename", "note": "Codename einer neuen Mühle für Kaffee ('Projekt Eisvogel')"},
    {"term": "Stornoquote 14 %", "kind": "kpi"},
    {"term": "Listungsrabatt 12 %", "kind": "negotiation"},
]
_more = make_validator(MORE, allowed_terms=["Eisvögel"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bei einigen Säcken liegt die Restfeuchte über dem Grenzwert; das wird intern nachgeprüft.",
            [(0, 88, "Bei einigen Säcken liegt die Restfeuchte über dem Grenzwert; das wird intern nachgeprüft")],
        ),
        ("Im Einkauf zahlen wir nur zwei Euro fünfunddreißig.", [(26, 50, "zwei Euro fünfunddreißig")]),
        ("Wir kaufen sie mit einem Euro fünfzig pro Stück ein.", []),  # another amount: no leak
        ("Der $chäumer heißt intern Eisv0gel.", [(26, 34, "Eisv0gel")]),
        ("Projekt $isv0gel startet im Mai.", []),  # "$" for an "s" the term does not have
        ("Die Eisvogel-Mühle kommt im Mai.", [(4, 12, "Eisvogel")]),
        ("Intern sehen wir, dass etwa jeder siebte Kunde storniert.", [(28, 40, "jeder siebte")]),
        ("For café listings we go up to a 12 % listing discount.", [(32, 36, "12 %")]),
    ],
)
def test_more_routes_are_leaks(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(_more, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # The allowed bird, and the bird's ordinary sense, though the allowed word folds to the codename.
        "Eisvögel brüten an klaren Bächen.",
        "Er taucht wie ein Eisvogel ins Wasser.",
        # A fraction beside what the rate counts, but nothing says it is internal.
        "Etwa jeder siebte Kunde storniert, wenn der Versand zu teuer ist.",
        # The two clauses without the secrecy cue or the issue.
        "Die Restfeuchte liegt unter dem Grenzwert; wir prüfen jede Charge.",
    ],
)
def test_more_near_misses_pass(text: str) -> None:
    assert _more.scan(text) == []


@pytest.mark.parametrize(
    ("text", "percent"),
    [("jeder siebte Kunde", 14), ("jede dritte Bestellung", 33), ("jeder neunte Abonnent", 11)],
)
def test_every_nth_is_read_for_every_ordinal(text: str, percent: int) -> None:
    from safe_reply.validators.trade_secrets.numbers import Unit, quantities

    [quantity] = quantities(text)
    assert (quantity.value, quantity.unit, quantity.approx) == (percent, Unit.PERCENT, True)


SPOKEN: list[dict[str, Any]] = [
    {"pattern": r"1[,.]85\s?(?:€|EUR|Euro)", "kind": "purchase_price"},
    {"term": "Seestern", "kind": "codename", "ordinary_word": False},
    {"term": "Zustellquote", "kind": "kpi", "note": "Ziel 97 %; öffentlich kommuniziert werden nur 'über 90 %'"},
    {"term": "Kulanzgrenze", "kind": "internal_limit", "note": "80 € pro Fall"},
]
_spoken = make_validator(SPOKEN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "einen"/"einem" as the one before a currency word.
        ("Im Einkauf zahlen wir nur einen Euro fünfundachtzig.", [(26, 51, "einen Euro fünfundachtzig")]),
        # A leetspeak word that starts with "$" for its "S".
        ("Projekt $eest3rn startet im Mai.", [(8, 16, "$eest3rn")]),
        # A note's value beside its concept and a secrecy cue.
        ("Mehr als 80 € Kulanz pro Fall sind intern nicht drin.", [(9, 13, "80 €")]),
    ],
)
def test_spoken_and_leading_symbol_routes(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(_spoken, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # The value the note calls public.
        "Unsere Zustellung: über 90 % der Pakete kommen am nächsten Tag an.",
        # A price and, after a semicolon, a clause that says "intern": the price is no internal limit.
        "Die Ersatzklinge kostet 80 €; ob wir bei Kulanz mehr tun können, prüfen wir intern.",
    ],
)
def test_public_values_and_separate_clauses_pass(text: str) -> None:
    assert _spoken.scan(text) == []
