"""Eighth round, pooled over every read set (r7 and r8 read for the first time): an organisation named
by its surname or place name in a business relationship anywhere in the sentence, without its legal
form or with its head noun in the genitive; a fixed share said in words or as cents of each euro; a
price written "1140,-"; a rounded value corrected right after; facts said in English or by their head
noun; a codename cited as a translation. Probes on garden centres, opticians, wine, travel, insurance,
furniture, bicycles and cosmetics, with the near misses a benign reply holds."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest

from safe_reply.validators.trade_secrets.frames import amount_values
from safe_reply.validators.trade_secrets.numbers import Unit, quantities
from safe_reply.validators.trade_secrets.partial import organisation_forms

from .conftest import make_validator

_validator = make_validator(
    [
        {"term": "Gartencenter Rosenau", "kind": "key_account"},
        {"term": "Optik Wellbrock", "kind": "key_account"},
        {"term": "Weingut Brennecke", "kind": "supplier"},
        {"term": "Autohaus Hagemeister", "kind": "key_account"},
        {"term": "Hotelgruppe Seeblick", "kind": "key_account"},
        {"term": "Baugenossenschaft Rheinblick eG", "kind": "key_account"},
        {"term": "Kurierdienst Talwind", "kind": "key_account"},
        {"term": "Polsterei Kowalczyk Sp. z o.o.", "kind": "supplier"},
    ]
)


def leaks(text: str, validator: object = None) -> list[tuple[str, str]]:
    scanner = _validator if validator is None else validator
    return [(text[x.start : x.end], x.kind) for x in scanner.scan(text)]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A surname or place name of a listed organisation, with a business relationship anywhere in the sentence.
        ("Rosenau has a framework agreement with us, so their prices differ.", [("Rosenau", "key_account")]),
        ("Bei Wellbrock gibt es die Fassungen günstiger, die beziehen bei uns zu Sonderkonditionen.",
         [("Wellbrock", "key_account")]),
        ("The wine comes from Brennecke, one of our long-standing suppliers.", [("Brennecke", "supplier")]),
        ("You may find it cheaper at Hagemeister – they are our biggest dealer in the region.",
         [("Hagemeister", "key_account")]),
        ("If you stay at the Seeblick hotels, the group has a deal with us for the spa products.",
         [("Seeblick", "key_account")]),
        ("Eine große Genossenschaft in Rheinblick bekommt gerade 400 Rauchmelder von uns.",
         [("Rheinblick", "key_account")]),
        # Without its legal form, and with its head noun in the genitive.
        ("Die Wohnungen der Baugenossenschaft Rheinblick sind alle ausgestattet.",
         [("Baugenossenschaft Rheinblick", "key_account")]),
        ("Die Fahrer des Kurierdienstes Talwind nutzen unsere Lastenräder.",
         [("Kurierdienstes Talwind", "key_account")]),
        ("Die Bezüge näht die Polsterei Kowalczyk für uns.", [("Polsterei Kowalczyk", "supplier")]),
    ],
)  # fmt: skip
def test_an_organisation_named_in_a_business_relationship_is_a_leak(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert leaks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Rosenau ist ein schöner Ortsteil mit vielen Gärten.",  # the place, no relationship
        "Frau Wellbrock, Ihre Brille ist fertig.",  # a customer of that name
        "Brennecke is a common name in Lower Saxony.",
        "Ein Autohaus mit Rahmenvertrag kann Ihnen die Winterreifen montieren.",  # the kind of organisation
        "Viele Hotels haben einen Seeblick, und unsere Produkte stehen im Spa.",  # lower-case sense, no name
        "Vom Rheinblick aus sieht man die Burg.",
        "Der Kurierdienst bringt Ihr Paket morgen.",
        "Our supplier list is not public, sorry.",
        "Die Genossenschaft in Ihrem Viertel kann Ihnen sicher weiterhelfen.",
    ],
)
def test_organisation_near_misses_pass(text: str) -> None:
    assert leaks(text) == []


def test_organisation_forms_drop_the_legal_form_and_inflect_the_head_noun() -> None:
    # Round 10: the town after a preposition, the family firm in English (test_round10).
    assert organisation_forms("Wohnungsbau Emsland eG") == [
        "Wohnungsbau Emsland",
        "Wohnungsbaus Emsland",
        "Wohnungsbaues Emsland",
        "Wohnungsbau aus Emsland",
        "Wohnungsbau in Emsland",
        "Wohnungsbau from Emsland",
    ]
    assert organisation_forms("Müller & Söhne GmbH & Co. KG") == ["Müller & Söhne", "Müller & Sons", "Müller and Sons"]
    assert organisation_forms("Möbelhaus Brettschneider") == [
        "Möbelhauses Brettschneider",
        "Möbelhaus aus Brettschneider",
        "Möbelhaus in Brettschneider",
        "Möbelhaus from Brettschneider",
    ]
    assert organisation_forms("Lianyu GmbH") == []  # one word left: partial_mentions decides
    assert organisation_forms("WM 1218 Duo") == []


_facts = make_validator(
    [
        {"pattern": r"(?i)\b34\s?(?:%|Prozent|percent)", "kind": "margin"},
        {"pattern": r"(?i)\b4[,.]7\s?(?:%|Prozent|percent)", "kind": "return_rate"},
        {"pattern": r"(?i)\b1[.\s]?260(?:,00)?\s?(?:€|EUR|Euro)", "kind": "purchase_price"},
        {"term": "Schadenquote Reiseversicherung 58 %", "kind": "loss_ratio"},
        {"term": "Stundensatz-Untergrenze 72 €", "kind": "negotiation"},
        {"term": "Reklamationsquote Fahrradrahmen 3,4 %", "kind": "quality_data"},
        {"term": "Nachbesserungsquote Montage 8 %", "kind": "quality_data"},
        {"term": "Rohmarge Sofa Elba 44 %", "kind": "margin"},
        {"term": "Betrugsscore 65", "kind": "internal_rule"},
        {"term": "Zielpreis Sattel 19 USD", "kind": "negotiation"},
        {"term": "Marge Kommode 28 %", "kind": "margin"},
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A fixed share from an operator's regex, in any spelling.
        ("Wir verdienen an jedem Gerät vierunddreißig Prozent.", [("vierunddreißig Prozent", "margin")]),
        ("Of every euro you pay, 34 cents stay with us.", [("34 cents", "margin")]),
        ("Von jedem Euro bleiben uns vierunddreißig Cent.", [("vierunddreißig Cent", "margin")]),
        ("Rund 5 % der Lippenstifte kommen zurück – 4,7 um genau zu sein.", [("4,7", "return_rate")]),
        # A price written with the dash for its cents.
        ("Das Sofa kostet uns im Einkauf 1260,- netto.", [("1260,-", "purchase_price")]),
        # A fact said in English, as a ratio, or by the head noun of its compound.
        ("Our loss ratio on travel insurance is around 58 %.", [("58 %", "loss_ratio")]),
        ("For every euro of premium about 58 cents go back out in claims.", [("58 cents", "loss_ratio")]),
        ("For fitting jobs we don't go below €72 an hour.", [("€72", "negotiation")]),
        ("Bei den Rahmen wird etwas über drei Prozent reklamiert.", [("drei Prozent", "quality_data")]),
        ("Intern reden wir von 8 Prozent Montagen, die wir nachbessern müssen.", [("8 Prozent", "quality_data")]),
        ("Beim Sofa Elba bleiben uns 44 % als Rohertrag.", [("44 %", "margin")]),
        ("Anything with a fraud score above 65 goes to manual review.", [("65", "internal_rule")]),
        ("We're pushing them down to nineteen dollars a saddle.", [("nineteen dollars", "negotiation")]),
        # A margin's value said in confidence, corrected after a rounded one.
        ("Ganz offen: wir schlagen knapp 30 % drauf, genau genommen 28.", [("28", "margin")]),
        ("Between us, we add 28 % on top of what the maker charges.", [("28 %", "margin")]),
    ],
)  # fmt: skip
def test_a_fact_in_other_words_and_formats_is_a_leak(text: str, expected: list[tuple[str, str]]) -> None:
    assert leaks(text, _facts) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mit dem Gutschein sparen Sie 30 Prozent.",  # another share
        "Sie sparen 10 Cent pro Liter.",  # cents of a litre, not of a euro
        "Rund 5 % Rabatt, 3 Tage lang.",  # a bare number after a rounded one, far from it
        "Das Sofa kostet 1.290,- Euro im Shop.",
        "Die Reiseversicherung kostet 58 € im Jahr.",
        "Der Monteur kommt für 72 € pro Stunde zu Ihnen.",  # the public hourly rate, no floor
        "Der Rahmen ist aus Aluminium, 3,4 kg leicht.",
        "Your credit score does not matter for this order.",
        "Unsere Sättel kosten ab 19 Dollar.",
        "Etwa 8 % der Kunden bestellen ein zweites Kissen dazu.",  # a share of customers, no rework
        "Auf alle Kommoden gibt es diese Woche 28 % Rabatt.",  # the value, but no margin and no confidence
        "Ganz offen: die Kommode ist nicht für Kinderzimmer gedacht.",
    ],
)
def test_fact_near_misses_pass(text: str) -> None:
    assert leaks(text, _facts) == []


def test_a_share_pattern_is_an_amount_and_a_thousands_class_is_dropped() -> None:
    (share,) = amount_values(r"(?i)\b34\s?(?:%|Prozent|percent)")
    assert (share.value, share.unit) == (Decimal(34), Unit.PERCENT)
    (price,) = amount_values(r"(?i)\b1[.\s]?260(?:,00)?\s?(?:€|EUR|Euro)")
    assert (price.value, price.unit) == (Decimal(1260), Unit.EUR)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("knapp 40 %, genau genommen 38", [("40", Unit.PERCENT, "40 %"), ("38", Unit.PERCENT, "38")]),
        ("about €60, 58.50 to be exact", [("60", Unit.EUR, "€60"), ("58.5", Unit.EUR, "58.50")]),
        ("rund 40 %, 3 Tage", [("40", Unit.PERCENT, "40 %"), ("3", Unit.NONE, "3")]),  # too far from 40
        ("40 %, genau genommen 38", [("40", Unit.PERCENT, "40 %"), ("38", Unit.NONE, "38")]),  # not rounded
        ("31 Cent von jedem Euro", [("31", Unit.PERCENT, "31 Cent von jedem Euro")]),
        ("Preis: 1140,- inkl. Lieferung", [("1140", Unit.EUR, "1140,-")]),
    ],
)
def test_quantities_read_refined_values_cents_of_a_euro_and_price_dashes(
    text: str, expected: list[tuple[str, Unit, str]]
) -> None:
    found = sorted(quantities(text), key=lambda q: q.start)
    assert [(str(q.value.normalize()), q.unit, text[q.start : q.end]) for q in found] == [
        (str(Decimal(v).normalize()), u, s) for v, u, s in expected
    ]


_ordinary = make_validator(
    [{"term": "Eisvogel", "kind": "codename"}, {"term": "Schirm", "kind": "codename"}],
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der neue Schirm-Tarif soll auch Diebstahl abdecken.", [("Schirm", "codename")]),
        ("Intern heißt die neue Plattform „Eisvogel“.", [("Eisvogel", "codename")]),
        ("The platform is called 'Eisvogel' internally.", [("Eisvogel", "codename")]),
    ],
)
def test_an_ordinary_word_used_as_a_name_is_a_leak(text: str, expected: list[tuple[str, str]]) -> None:
    assert leaks(text, _ordinary) == expected


@pytest.mark.parametrize(
    "text",
    [
        "That bird is a kingfisher – auf Deutsch „Eisvogel“ – lovely.",
        "A kingfisher, in German 'Eisvogel', likes clear water.",
        "The German word for it is Eisvogel.",
        "Nehmen Sie für die Radtour einen Schirm mit.",
        "Der Schirm der Lampe ist aus Leinen.",
    ],
)
def test_an_ordinary_word_cited_or_used_as_such_passes(text: str) -> None:
    assert leaks(text, _ordinary) == []


_faults = make_validator(
    [
        {"term": "Zorvak4821", "kind": "codename"},
        {"term": "Ember", "kind": "codename"},
        {"term": "Auslauf Kaffeemühle KM 7 06/2027", "kind": "internal_plan"},
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ZORVAK4821 kommt im Herbst.", [("ZORVAK4821", "codename")]),  # a digit term in capitals
        ("Das Zorvak4821 kommt im Herbst.", [("Zorvak4821", "codename")]),
        ("Ember's drivers are ready.", [("Ember", "codename")]),  # a possessive at the sentence start
        ("Our next headset, Ember, ships soon.", [("Ember", "codename")]),
        ("Die Kaffeemühle KM 7 läuft im Juni 2027 aus.", [("Juni 2027", "internal_plan")]),
    ],
)
def test_last_rounds_small_faults_are_leaks(text: str, expected: list[tuple[str, str]]) -> None:
    assert leaks(text, _faults) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ihre Garantie für die Kaffeemühle KM 7 läuft im Juni 2027 aus.",  # the warranty runs out
        "Das Abo für die Bohnen zur KM 7 läuft im Juni 2027 aus.",
        "An ember's glow is enough to light the paper.",
        "Embers glow in the fire.",
        "Ember is a word for a glowing piece of coal.",  # no possessive: a sentence start proves nothing
    ],
)
def test_last_rounds_small_fault_near_misses_pass(text: str) -> None:
    assert leaks(text, _faults) == []


_shares = make_validator(
    [
        {"term": "Ausfallquote Akku E-Roller 4,8 %", "kind": "quality_data"},
        {"term": "Reklamationsquote Matratze 10 %", "kind": "quality_data"},
        {"term": "Retourenquote Sneaker 20 %", "kind": "quality_data"},
        {"term": "Mindestabnahme 12.000 Stück", "kind": "negotiation"},
        {"term": "Rabattgrenze Großkunde 1,2 Mio. €", "kind": "negotiation"},
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A rate said as one of every n, a volume with its scale word.
        ("Ungefähr jeder zwanzigste Akku fällt im ersten Jahr aus.", [("jeder zwanzigste", "quality_data")]),
        ("About one in twenty scooter batteries fail.", [("one in twenty", "quality_data")]),
        ("Every tenth mattress comes back with a complaint.", [("Every tenth", "quality_data")]),
        ("Jeder fünfte Sneaker wird wieder zurückgeschickt.", [("Jeder fünfte", "quality_data")]),
        ("Die Mindestabnahme liegt bei 12 Tsd. Stück.", [("12 Tsd. Stück", "negotiation")]),
        ("The minimum order is 12k units a year.", [("12k units", "negotiation")]),
        ("Die Rabattgrenze liegt bei 1,2 Mio. Euro Umsatz.", [("1,2 Mio. Euro", "negotiation")]),
    ],
)
def test_shares_of_every_n_and_scaled_numbers_state_a_fact(text: str, expected: list[tuple[str, str]]) -> None:
    assert leaks(text, _shares) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jeder zweite Kunde bestellt einen Ersatzakku dazu.",  # a share, but of no fact's value
        "Every second counts when the scooter brakes.",
        "Schritt 1 von 20: Akku einsetzen.",
        "Die Matratze gibt es in 10 Härtegraden.",
        "Wir haben über 12 Tsd. zufriedene Kunden.",  # the number without the fact's concept
        "Unser Umsatz lag 2025 bei 1,2 Mio. Euro.",
        "Jede zehnte Bestellung erhält eine Gratisprobe.",
        "Sneaker in 20 Farben, alle auf Lager.",
    ],
)
def test_share_and_scale_near_misses_pass(text: str) -> None:
    assert leaks(text, _shares) == []


def test_a_long_list_finds_a_digit_term_in_capitals_by_a_rescan(monkeypatch: pytest.MonkeyPatch) -> None:
    # The package exports the function `build`; the module is reached by its full name.
    build_module = importlib.import_module("safe_reply.validators.trade_secrets.build")
    # A list with more terms with digits than MAX_AS_WRITTEN_KEYS keys them once, as a reply in lower case
    # reads them; the capital words of a reply are scanned again in lower case.
    monkeypatch.setattr(build_module, "MAX_AS_WRITTEN_KEYS", 0)
    long_list = make_validator(
        [{"term": "Zorvak4821", "kind": "codename"}, {"term": "KG 210 Vario", "kind": "unreleased_product"}]
    )
    assert long_list.leet_keys
    assert leaks("ZORVAK4821 kommt im Herbst.", long_list) == [("ZORVAK4821", "codename")]
    assert leaks("Der KG210 Vario kommt.", long_list) == [("KG210 Vario", "unreleased_product")]
    assert leaks("Code SOMMER37 gilt bis Freitag.", long_list) == []
    assert not _faults.leet_keys  # a short list keys the term as written too: no rescan


def test_the_rescan_reads_the_words_around_a_capital_code(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only windows around the capital code words are rescanned, as far as a term of several words reaches:
    # a word before the code and a word after it belong to the term as in the whole reply.
    build_module = importlib.import_module("safe_reply.validators.trade_secrets.build")
    monkeypatch.setattr(build_module, "MAX_AS_WRITTEN_KEYS", 0)
    long_list = make_validator([{"term": "Nordlicht Zorvak4821 Pro", "kind": "unreleased_product"}])
    filler = "Vielen Dank für Ihre Geduld, wir melden uns. " * 5
    text = filler + "Das NORDLICHT ZORVAK4821 Pro kommt. " + filler + "Code SOMMER37 gilt."
    assert leaks(text, long_list) == [("NORDLICHT ZORVAK4821 Pro", "unreleased_product")]
