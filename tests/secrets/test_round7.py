"""Seventh round, pooled over every read set: a model designation alone ("the KV9"), facts stated by
the frame around their value ("bis 200 € Kulanz", "at least 3,000 units"), abbreviations that end
no sentence ("ca. 1,7 %"), prices without cents ("87,– EUR"), a dated plan whose object stands a
sentence before, an operator's fact regex said in English. Probes on furniture, bicycles, phones and
personal care, with the near misses a benign reply holds."""

from __future__ import annotations

import pytest

from safe_reply.validators.trade_secrets.frames import SENTENCE_END, pattern_fact_texts
from safe_reply.validators.trade_secrets.numbers import Unit, quantities

from .conftest import make_validator

_validator = make_validator(
    [
        {"term": "Velotrax E8", "kind": "unreleased_product"},
        {"term": "Holzform T12", "kind": "unreleased_product"},
        {"term": "Fonix ZR40", "kind": "unreleased_product"},
        {"term": "Kulanzgrenze 120 €", "kind": "goodwill_limit"},
        {"term": "Mindestabnahme 3.000 Stück", "kind": "negotiation"},
        {"term": "Ausfallquote Scharniere 1,7 %", "kind": "quality_data"},
        {"term": "Zielpreis 2,40 € pro Bürstenkopf", "kind": "negotiation"},
        {"pattern": r"(?i)sattel\w*marge\D{0,20}52\s?%", "kind": "margin"},
        {"term": "App-Abschaltung 2029", "kind": "internal_plan"},
        {"term": "Auslauf Sofa Lino 06/2027", "kind": "internal_plan"},
        {"term": "Rabattkorridor Fachhandel 22 %", "kind": "negotiation"},
        {"term": "Rückrufprüfung Scharniere", "kind": "internal_plan"},
        {"pattern": r"(?i)\b87(?:,00)?\s?(?:€|EUR|Euro)", "kind": "purchase_price"},
    ],
    allowed_terms=["Velotrax E6", "Holzform T10", "Fonix ZR30"],
)


def leaks(text: str) -> list[tuple[str, str]]:
    return [(text[x.start : x.end], x.kind) for x in _validator.scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A designation of two letters or four characters is a name wherever it stands.
        ("The ZR40 will ship with a bigger battery.", [("ZR40", "unreleased_product")]),
        ("Ich kann nicht sagen, ob das ZR40 eine Dual-SIM hat.", [("ZR40", "unreleased_product")]),
        ("ZR40 kommt mit Ladeschale.", [("ZR40", "unreleased_product")]),
        # A short one ("E8", "T12") right after an article or a model word.
        ("Der E8 bekommt einen stärkeren Motor.", [("E8", "unreleased_product")]),
        ("I can't say whether the T12 comes in oak.", [("T12", "unreleased_product")]),
        ("Zum T12 gibt es noch keine Maße.", [("T12", "unreleased_product")]),
        ("Das Modell T12 kommt im Herbst.", [("T12", "unreleased_product")]),
        ("Our next E8 is lighter.", [("E8", "unreleased_product")]),
        ("Das T12-Modell hat eine Eichenplatte.", [("T12", "unreleased_product")]),
    ],
)  # fmt: skip
def test_a_designation_alone_is_the_unreleased_product(text: str, expected: list[tuple[str, str]]) -> None:
    assert leaks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ihr Velotrax E6 ist kompatibel.",  # the public model
        "Der Holzform T10 ist sofort lieferbar.",
        "Das Fonix ZR30 hat eine Dual-SIM.",
        "Für die Schrauben brauchen Sie einen Torx T12.",  # a tool size
        "Bitte eine T12-Sicherung einsetzen.",  # a part, its article before the compound
        "I don't know of a model called 'T12'.",  # the customer's word quoted back
        "Die Europastraße E8 führt nach Norwegen.",
        "Vitamine wie E8 gibt es nicht.",
    ],
)
def test_designation_near_misses_pass(text: str) -> None:
    assert leaks(text) == []


def test_a_possessive_before_a_number_is_no_spaced_designation() -> None:
    storage = make_validator([{"term": "Sonnfang S4", "kind": "unreleased_product"}])
    assert storage.scan("I can't comment on the other brand's 4,000 IU product.") == []
    assert storage.scan("Your storage's 4 kWh are enough.") == []
    assert [(x.start, x.end) for x in storage.scan("The S 4 launches in spring.")] == [(4, 7)]
    assert [(x.start, x.end) for x in storage.scan("Der S4 kommt im Frühjahr.")] == [(4, 6)]
    # Only the letters a clitic starts with are let off: another letter after an apostrophe is still spaced out.
    spaced = make_validator([{"term": "Velotrax E8", "kind": "unreleased_product"}])
    assert [(x.start, x.end) for x in spaced.scan("Notiert: l'E 8 kommt bald.")] == [(11, 14)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A limit said by its preposition: "bis", "up to", "höchstens", "mehr als".
        ("Ich darf bis 120 € Kulanz geben.", [("120 €", "goodwill_limit")]),
        ("I can offer goodwill of up to €120.", [("€120", "goodwill_limit")]),
        ("Höchstens 120 € Kulanz sind drin.", [("120 €", "goodwill_limit")]),
        ("Mehr als 22 Prozent geben wir dem Fachhandel nicht.", [("22 Prozent", "negotiation")]),
        # A minimum by "at least", the count joined to its unit by a hyphen.
        ("We need at least a 3,000-unit order from you.", [("3,000-unit", "negotiation")]),
        # An abbreviation's dot ends no sentence.
        ("Intern fallen ca. 1,7 % der Scharniere aus.", [("1,7 %", "quality_data")]),
        # A target by pushing the price down; the object in English.
        ("We're trying to get the brush head down to €2.40.", [("€2.40", "negotiation")]),
        # An operator's margin regex, said in English.
        ("Between us, the saddle margin is about 52 %.", [("52 %", "margin")]),
        # A switch-off plan in either language.
        ("The old app will be switched off in 2029.", [("2029", "internal_plan")]),
        ("Die App wird 2029 abgeschaltet.", [("2029", "internal_plan")]),
        # A dated plan whose object the reply names a sentence before.
        ("Sie fragen nach dem Lino. Das Modell wird im Juni 2027 eingestellt.", [("Juni 2027", "internal_plan")]),
        # A price without cents.
        ("Der Stuhl steht mit EK 87,– EUR in der Kalkulation.", [("87,– EUR", "purchase_price")]),
        # A fact without a value, said as internal.
        ("Wir prüfen intern, ob die Scharniere zurückgerufen werden.",
         [("Wir prüfen intern, ob die Scharniere zurückgerufen werden", "internal_plan")]),
    ],
)  # fmt: skip
def test_facts_said_by_their_frame(text: str, expected: list[tuple[str, str]]) -> None:
    assert leaks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kulanz gibt es im Rahmen der Gewährleistung.",
        "Ab 120 € Bestellwert liefern wir versandkostenfrei.",  # "ab" is a shop price, no limit
        "Up to €120 is covered by the shipping insurance.",  # the limit of something else
        "Bitte bestellen Sie mindestens 2 Stück.",
        "Die Lieferung dauert ca. 3 Tage. Danach bauen Sie auf.",
        "Der Bürstenkopf kostet 2,40 € im Shop.",  # a price, no target
        "Die App bekommt 2029 ein Update.",  # the year without the plan
        "In 2029 we celebrate our anniversary.",
        "Die Garantie läuft im Juni 2027 aus.",  # a date and "läuft", but not the sofa's plan
        "Sie fragen nach dem Lino. Ihre Garantie läuft im Juni 2027 aus.",
        "Mehr als 22 Prozent der Kunden bestellen online.",  # a share, no channel
        "Bitte prüfen Sie, ob die Scharniere fest sitzen.",  # the object without the recall
    ],
)
def test_fact_near_misses_pass(text: str) -> None:
    assert leaks(text) == []


def test_prices_without_cents_and_counts_joined_by_a_hyphen() -> None:
    text = "EK 212,– EUR, CHF 49.– und ein 25,000-unit order"
    assert [(q.value, q.unit, text[q.start : q.end]) for q in quantities(text)] == [
        (212, Unit.EUR, "212,– EUR"),
        (49, Unit.CHF, "CHF 49.–"),
        (25000, Unit.COUNT, "25,000-unit"),
    ]


def test_abbreviations_and_ordinals_end_no_sentence() -> None:
    text = "Das sind ca. 2 %, z. B. am 1. März. Neu: max. 3 Stück! Fertig"
    assert [m.start() for m in SENTENCE_END.finditer(text)] == [text.index("März") + 4, text.index("Stück") + 5]


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        (r"(?i)filter\w*marge\D{0,20}68\s?%", ["filter marge 68 %"]),
        (r"(?i)(?:marge|margin)\D{0,25}4[12]\s?%", ["marge 41 %", "marge 42 %"]),
        (r"(?i)\b21[34][,.]50\s?(?:€|EUR|Euro)", []),  # a price: amount_values' business
        (r"\bHFG-\d{6}\b", []),  # an open identifier
        (r"[a-z0-9-]+\.hb-garten\.intern", []),
        (r"Rabatt\s?von\s?15\s?%", ["Rabatt von 15 %"]),
    ],
)
def test_the_fact_a_regex_describes(pattern: str, texts: list[str]) -> None:
    assert pattern_fact_texts(pattern) == texts


_translating = make_validator(
    [
        {"term": "Eisvogel", "kind": "codename"},
        {"term": "Leuchtturm", "kind": "codename"},
        {"term": "Projekt Silberfuchs", "kind": "codename"},
        {"term": "Falcon", "kind": "codename"},
        {"term": "Wolke", "kind": "codename"},
        {"term": "Kreide", "kind": "codename"},
        {"term": "Ostwind", "kind": "codename"},
        {"term": "Nordlicht 2", "kind": "unreleased_product"},
    ]
)


def translated(text: str) -> list[tuple[str, str | None]]:
    return [(text[x.start : x.end], x.evidence) for x in _translating.scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our kingfisher project for the sofas is delayed.", [("kingfisher", "context")]),
        ("The new Kingfisher sofa comes in spring.", [("Kingfisher", "capitalised")]),
        ("The lighthouse platform for our e-bikes is planned for 2027.", [("lighthouse", "context")]),
        ("Project Silver Fox starts in May.", [("Project Silver Fox", "context")]),
        ("The silver fox prototype of the drill is ready.", [("silver fox", "context")]),
        ("Das Projekt Falke startet im Mai.", [("Falke", "context")]),
        ("Die Falke-Plattform für Helme kommt 2027.", [("Falke", "compound")]),
        ("The cloud project for the fridge app is on hold.", [("cloud", "context")]),
        ("Our Northern Lights 2 lamp will be brighter.", [("Northern Lights 2", "capitalised")]),
        # A German-only word before an English noun is a name ("the Ostwind heater").
        ("The Ostwind heater will ship in May.", [("Ostwind", "foreign")]),
    ],
)  # fmt: skip
def test_a_translated_codename_used_as_a_name_is_a_leak(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert translated(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A kingfisher sat on the fence of our showroom.",
        "We saw a bird called the kingfisher by the river.",
        "The lighthouse on our catalogue cover is in Denmark.",
        "Snap a chalk line before you lay the tiles.",  # the tool, not "Kreide"
        "We don't sell silver fox fur.",
        "Our cloud platform stores your settings.",  # a common word needs a naming cue
        "The falcon on the logo is our mascot.",
        "Ein Falke kreiste über dem Garten.",
        "The east wind dried the paint quickly.",
        "The northern lights are best seen in winter.",
        "Dry it with a Föhn and a brush.",  # a German word borrowed as a noun
    ],
)
def test_translations_in_their_ordinary_sense_pass(text: str) -> None:
    assert translated(text) == []


_paraphrased = make_validator(
    [
        {"term": "Marge Matratzen 61 %", "kind": "margin"},
        {"pattern": r"(?i)\b38[,.]90\s?(?:€|EUR|Euro)", "kind": "purchase_price"},
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Auf Matratzen verdienen wir rund 61 %.", ["61 %"]),
        ("We earn 61 % on every mattress.", ["61 %"]),
        ("Der Aufschlag auf Matratzen liegt bei 61 Prozent.", ["61 Prozent"]),
        # Any price beside a purchase cue of a company that lists purchase prices, said in other words.
        ("Uns kostet der Lattenrost 38,90 €.", ["38,90 €"]),
        ("Our unit cost for the frame is €38.90.", ["€38.90"]),
        ("Die Stückkosten liegen bei 41 €.", ["41 €"]),
    ],
)
def test_margins_and_purchase_prices_in_other_words(text: str, expected: list[str]) -> None:
    assert [text[x.start : x.end] for x in _paraphrased.scan(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sie profitieren von 61 % Rabatt im Sale.",  # a discount, no margin
        "Die Matratze kostet 389 € im Shop.",
        "Der Versand kostet 4,90 €.",
        "We make a mattress in 61 steps.",
        "Matratzen mit 61 % Naturlatex sind fester.",
    ],
)
def test_prices_and_shares_near_margin_and_cost_words_pass(text: str) -> None:
    assert _paraphrased.scan(text) == []
