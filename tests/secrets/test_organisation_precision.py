"""The organisation rule after round 10's review (context._named_firm): a firm's name that is also a word
("Orange", "Netto", "Post", "Otto", "Apple", "Klar") counts only where grammar shows the firm: a comparison
or switching word, a preposition of the market ("bei Lidl"), a firm's verb ("Bosch liefert"). Colours, the
price without VAT, the mail, a colleague called Otto and an English sentence opener pass; a codename that
follows "the internal code name is" is no person's name."""

from __future__ import annotations

import pytest

from safe_reply.validators.trade_secrets.config import names_organisation

from .conftest import make_validator

_ENTRIES: list[dict[str, object]] = [
    {"term": word, "kind": "competitor"}
    for word in ("Otto", "Real", "Netto", "Post", "Orange", "Puma", "Apple", "Klar", "Sonne", "Bahn", "Global", "Kette")
]
_validator = make_validator(
    [
        *_ENTRIES,
        {"term": "Bosch", "kind": "supplier"},
        {"term": "Chase", "kind": "bank_partner"},
        {"term": "Falke", "kind": "codename", "note": "next-generation camera platform"},
        {"term": "Kiesel", "kind": "codename", "note": "planned cat litter"},
    ]
)


def leaks(text: str) -> list[tuple[int, int, str, str | None]]:
    return [(x.start, x.end, text[x.start : x.end], x.evidence) for x in _validator.scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        # The review's sentences (all blocked after round 10).
        "Orange ist gerade ausverkauft, Blau kostet 49 €.",
        "Orange is sold out at the moment, but blue is in stock.",
        "Die Farbe Orange ist leider vergriffen, das Angebot gilt für Grau.",
        "Real leather is used for the seats of this sofa.",
        "Real wood veneer costs a bit more than the laminate version.",
        "Apple cider vinegar gives the dressing its fresh taste.",
        "Apple and cinnamon is our most popular tea flavour this winter.",
        "Global shipping is available for all orders above 50 euros.",
        "Global warranty applies to all our bikes.",
        "Netto kostet das Gerät 84 Euro, brutto 99,96 Euro.",
        "Der Netto-Preis beträgt 84 Euro zuzüglich Mehrwertsteuer.",
        "Netto sind das 84 Euro, die Mehrwertsteuer kommt dazu.",
        "Klar, das Angebot gilt noch bis Sonntag.",
        "Klar, der Preis bleibt gleich, wenn Sie den Tarif wechseln.",
        "Sonne, Strand und Meer – das Angebot gilt bis Ende Mai.",
        "Die Anreise mit der Bahn ist im Preis inbegriffen.",
        "Mit Bus und Bahn erreichen Sie das Hotel bequem, der Preis pro Nacht liegt bei 89 €.",
        "Wir schicken Ihnen die Rechnung per Post, der Preis bleibt unverändert.",
        "Post und Pakete nehmen wir an der Rezeption für Sie an, das kostet nichts.",
        "Mein Kollege Otto meldet sich morgen wegen Ihres Vertrags.",
        "Ihr Ansprechpartner Otto Meier ruft Sie an.",
        "Otto, our driver, will deliver your sofa on Monday.",
        "Ihr Rasenmäher hat einen Otto-Motor, der Preis für die Wartung liegt bei 59 €.",
        "Puma-Print ist diese Saison beliebt, der Preis liegt bei 29 €.",
        "Der Puma im Logo unseres Shirts ist gestickt.",
        "Sonne means sun in German, which is where our lamp got its name.",
        "Post your question in the community forum and we will answer within a day.",
        "Chase the delivery with the tracking link in your email.",
        "Hi, I'm Otto from customer service, how can I help?",
        # Of the same kinds, new.
        "Orange und Grün sind die Farben dieser Saison.",
        "Real wood floors are easy to clean.",
        "Apple pie is on the menu every Sunday.",
        "Global delivery takes five to seven days.",
        "Netto zahlen Sie 120 Euro, brutto 142,80 Euro.",
        "Ihre Unterlagen kommen per Post, das Angebot bleibt bestehen.",
        "Unser Techniker Otto Krause kommt am Dienstag vorbei.",
        "Otto, unser Monteur, baut die Küche am Freitag auf.",
        "Klar, der Wechsel in den günstigeren Tarif ist jederzeit möglich.",
        "Sonne und Wind liefern den Strom für unser Hotel.",
        "Die Kette muss alle 3000 km gewechselt werden, das kostet 40 Euro.",
        "Orange is more popular than blue this season.",
        "Post a photo of the damage and we will replace it.",
        "Your contact person Otto will call you tomorrow.",
        "Die Farbe Orange ist günstiger als Schwarz.",
    ],
)
def test_the_word_the_colour_and_the_person_pass(text: str) -> None:
    assert leaks(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Lost in round 10 by the person guard ("name is"), found again.
        ("Der interne Name ist Falke, die Kamera kommt 2027.", [(21, 26, "Falke", "context")]),
        ("The internal code name is Falke, it launches next year.", [(26, 31, "Falke", "context")]),
        ("Its code name is Kiesel and it is not public yet.", [(17, 23, "Kiesel", "foreign")]),
        # The firm, by grammar.
        ("Bosch liefert unsere Motoren.", [(0, 5, "Bosch", "organisation")]),
        ("Bei Otto ist das Sofa günstiger.", [(4, 8, "Otto", "organisation")]),
        ("Frau Sonne vom Einkauf sagt, Bosch liefert die Akkus.", [(29, 34, "Bosch", "organisation")]),
        ("Bei Post ist das Porto günstiger.", [(4, 8, "Post", "organisation")]),
        ("Wer von Orange zu uns wechselt, spart 10 Euro.", [(8, 14, "Orange", "organisation")]),
        ("Beim Tarif der Bahn zahlen Sie mehr.", [(15, 19, "Bahn", "organisation")]),
    ],
)
def test_the_firm_is_found(text: str, expected: list[tuple[int, int, str, str | None]]) -> None:
    assert leaks(text) == expected


_ORGANISATION_KINDS = ["competitor", "bank_partner", "retail_chain", "grosskunde", "hauptlieferant", "competitor_names",
                       "subcontractor", "key_accounts", "mitbewerber", "endkunden_liste"]  # fmt: skip
_OTHER_KINDS = ["bank_details", "supply_chain_risk", "kundendaten", "storage_limit", "decision_maker", "customer_data",
                "codename", "store_opening_plan", "partner_program_terms", "brand_guidelines"]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "expected"), [(k, True) for k in _ORGANISATION_KINDS] + [(k, False) for k in _OTHER_KINDS]
)
def test_the_head_noun_of_a_kind_decides_whether_it_names_an_organisation(kind: str, expected: bool) -> None:
    assert names_organisation(kind) is expected
