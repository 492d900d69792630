"""Organisation names that are frequent words (context.NameRule with `organisation`): a competitor,
supplier or customer called "Samsung", "Bosch", "Telekom" or "Apple" is in wordfreq's lists, so it gets
the name rule; for an entry whose kind names an organisation, the reply's grammar shows the name where
no cue word does: a capital at an English sentence start, a German word with no article or adjective
before it. Codenames keep the narrow rule: "bei Nebel", "wie ein Falke" stay quiet."""

from __future__ import annotations

import pytest

from safe_reply.validators.trade_secrets.config import names_organisation

from .conftest import make_validator

_validator = make_validator(
    [
        {"term": "Samsung", "kind": "competitor"},
        {"term": "Bosch", "kind": "supplier"},
        {"term": "Telekom", "kind": "competitor"},
        {"term": "Vodafone", "kind": "competitor"},
        {"term": "Vorwerk", "kind": "konkurrent"},
        {"term": "Lidl", "kind": "key_account"},
        {"term": "Apple", "kind": "competitor"},
        {"term": "Verizon", "kind": "competitor"},
        {"term": "Puma", "kind": "competitor"},
        {"term": "Chase", "kind": "competitor"},
        {"term": "Globus", "kind": "customer"},
        # Codenames that are ordinary words keep the codename rule.
        {"term": "Nebel", "kind": "codename"},
        {"term": "Falke", "kind": "codename"},
        {"term": "Lotse", "kind": "unreleased_product"},
    ]
)


def leaks(text: str) -> list[tuple[int, int, str, str | None]]:
    return [(x.start, x.end, text[x.start : x.end], x.evidence) for x in _validator.scan(text)]


def test_kinds_that_name_organisations() -> None:
    kinds = ["competitor", "supplier", "key_account", "customer", "partner", "konkurrent", "wettbewerber",
             "hersteller", "brand", "retailer", "bank", "mitbewerber", "marke"]  # fmt: skip
    assert [k for k in kinds if not names_organisation(k)] == []
    assert [k for k in ("codename", "unreleased_product", "internal_system", "other") if names_organisation(k)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bosch baut das auch.", [(0, 5, "Bosch", "organisation")]),
        ("Wer von Vodafone wechselt, spart.", [(8, 16, "Vodafone", "organisation")]),
        ("Das Gerät gibt es auch bei Lidl im Angebot.", [(27, 31, "Lidl", "organisation")]),
        ("Samsungs neues Modell kann das nicht.", [(0, 8, "Samsungs", "organisation")]),
        (
            "Unser Gerät ist leiser als Puma und Apple.",
            [(27, 31, "Puma", "organisation"), (36, 41, "Apple", "organisation")],
        ),
        ("Beim Tarif der Telekom zahlen Sie mehr.", [(15, 22, "Telekom", "organisation")]),
        ("Bosch's version lacks the timer.", [(0, 5, "Bosch", "capitalised")]),
        ("Our price beats Vorwerk by 20 euros.", [(16, 23, "Vorwerk", "foreign")]),
        ("Unlike Samsung, we repair it for free.", [(7, 14, "Samsung", "capitalised")]),
        ("My mortgage comes from Chase.", [(23, 28, "Chase", "capitalised")]),
    ],
)
def test_an_organisation_named_without_cue_is_a_leak(
    text: str, expected: list[tuple[int, int, str, str | None]]
) -> None:
    assert leaks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Der Puma im Zoo schläft.",
        "Ein Apfel am Tag ist gesund.",  # no hit at all: "Apfel" is not "Apple"
        "Bei Nebel bitte langsam fahren.",
        "Er ist schnell wie ein Falke.",
        "Der Lotse bringt das Schiff in den Hafen.",
        "Ein großer Globus steht im Büro.",
        "Der Globus dreht sich.",
        "I ate an apple.",
        "Chase the order with the courier, please.",
        "My cat chased my dog, which is funny because his name is Chase.",
        "Apples are healthy.",
        "We found a puma in the garden.",
        "Schneller als ein Puma ist kein Staubsauger.",
        "Die wilden Pumas jagen in den Anden.",
        "Nebelscheinwerfer sind beim Modell X nicht dabei.",
        "Hi, I'm Chase from the support team.",
    ],
)
def test_the_ordinary_word_and_the_person_pass(text: str) -> None:
    assert leaks(text) == []


_SHORT = make_validator(
    [
        {"term": "Google Inc", "kind": "competitor"},
        {"term": "Post AG", "kind": "supplier"},
        {"term": "Falke GmbH", "kind": "codename"},  # no organisation kind: no short form
        {"term": "Lianyu GmbH", "kind": "supplier"},
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unlike Google, we keep your photos in Germany.", [(7, 13, "Google", "capitalised")]),
        ("Google bietet das kostenlos an.", [(0, 6, "Google", "organisation")]),
        ("Die Ware kommt direkt von Post.", [(26, 30, "Post", "organisation")]),
        ("Lianyu liefert die Motoren.", [(0, 6, "Lianyu", None)]),  # no ordinary word: counts anywhere
    ],
)
def test_an_organisation_without_its_legal_form(text: str, expected: list[tuple[int, int, str, str | None]]) -> None:
    assert [(x.start, x.end, text[x.start : x.end], x.evidence) for x in _SHORT.scan(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "You can google the manual, too.",
        "Post your question in the forum, please.",
        "Ihre Post kommt morgen.",
        "Wir senden Ihnen die Unterlagen per Post.",
        "Die Falke-Socken sind warm.",
        "Wie ein Falke sieht die Kamera alles.",
    ],
)
def test_the_ordinary_word_of_a_legal_name_passes(text: str) -> None:
    assert _SHORT.scan(text) == []


def test_a_banned_word_counts_in_every_sense() -> None:
    banned = make_validator([{"term": "breach", "kind": "banned_term"}, {"term": "Nebel", "kind": "blocked_word"}])
    assert [(x.start, x.end) for x in banned.scan("Potential breach detected. Bei Nebel bitte warten.")] == [
        (10, 16),
        (31, 36),
    ]
    lenient = make_validator([{"term": "breach", "kind": "banned_term", "ordinary_word": True}])
    assert lenient.scan("Potential breach detected.") == []


def test_a_name_word_next_to_the_role_of_a_contractor() -> None:
    contractor = make_validator([{"term": "Elektro Brandl Kelheim", "kind": "subcontractor"}])
    text = "Die Arbeiten übernimmt unser Subunternehmer Elektro Brandl aus Kelheim."
    # The whole name with its town after "aus" (a firm's name with its town, test_round10).
    assert [(x.start, x.end, x.evidence) for x in contractor.scan(text)] == [(44, 70, None)]
    text = "Die Arbeiten übernimmt unser Subunternehmer Brandl."
    assert [(x.start, x.end, x.evidence) for x in contractor.scan(text)] == [(44, 50, "context")]
    assert contractor.scan("Herr Brandl, der Subunternehmer meldet sich morgen.") == []  # the customer
    assert contractor.scan("Brandl ist ein häufiger Name in Bayern.") == []  # no role, no firm


def test_cue_words_of_its_own_decide_for_an_organisation() -> None:
    own = make_validator([{"term": "Netto", "kind": "competitor", "context": ["Discounter"]}])
    assert own.scan("Netto kostet das Gerät 84 Euro.") == []  # the price without VAT, not the discounter
    text = "Beim Discounter Netto gibt es das auch."
    assert [(x.start, x.end, x.evidence) for x in own.scan(text)] == [(16, 21, "context")]


_GERMAN = make_validator(
    [{"term": word, "kind": "competitor"} for word in ("Klar", "Sonne", "Bahn", "Kette", "Direkt", "Edeka")]
)


@pytest.mark.parametrize(
    "text",
    [
        "Klar, das Gerät ist auch nach der Garantie reparierbar.",
        "Bei Sonne lädt das Panel in vier Stunden.",
        "Mit Bus und Bahn ist der klappbare Roller praktisch.",
        "Direkt am Gerät sehen Sie den Ladestand.",
        "Kette und Ritzel sind Verschleißteile.",
    ],
)
def test_a_word_of_german_used_bare_is_no_firm(text: str) -> None:
    assert _GERMAN.scan(text) == []


def test_a_word_of_german_names_a_firm_in_a_sentence_about_the_market() -> None:
    # Only as the owner of an offer or where one switches from it: a comparison alone ("Bei Edeka ist das Set
    # günstiger", "Mit der Bahn reisen Sie günstiger an") names no firm (round 10's second review).
    text = "Beim Tarif der Bahn zahlen Sie mehr."
    assert [(x.start, x.end, x.evidence) for x in _GERMAN.scan(text)] == [(15, 19, "organisation")]
    assert _GERMAN.scan("Bei Edeka ist das Set günstiger.") == []
    assert _GERMAN.scan("Mit der Bahn reisen Sie günstiger an als mit dem Auto.") == []
