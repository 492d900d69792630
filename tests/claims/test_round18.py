"""Round 18: counted attributes. A spec sheet counts named things ("16 Stufen", "480 Aufnahmen", "bis zu 8
Nutzerprofile"); a reply's count of the same noun, in digits or words, German or English, compound or not, is
compared with it. Probed with a fictional fitness line, not a corpus."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safe_reply.config_models import Fact, ProductLine
from safe_reply.quantities import quantities
from safe_reply.types import Context, Language
from safe_reply.units import counts_things
from safe_reply.validators.claims import ClaimsValidator
from safe_reply.validators.claims.counted import stem
from safe_reply.validators.claims.facts import FactBase
from safe_reply.validators.claims.products import products_of
from safe_reply.validators.claims.tuples import part_words, split_tuples

from .conftest import flagged, make

FITNESS = ProductLine(
    id="fitness",
    facts=(
        Fact(key="models", value="Row 500 (Rudergerät), Row 300 (Rudergerät), Scale S2 (Körperwaage)"),
        Fact(
            key="row_levels",
            label_de="Widerstandsstufen (Row 500)",
            label_en="resistance levels (Row 500)",
            value=16,
            unit="Stufen",
            qualifier="magnetisch, per App einstellbar",
        ),
        Fact(
            key="row300_levels",
            label_de="Widerstandsstufen (Row 300)",
            label_en="resistance levels (Row 300)",
            value=8,
            unit="Stufen",
        ),
        Fact(
            key="scale_app",
            label_de="App (Scale S2)",
            label_en="app (Scale S2)",
            value="Bluetooth und WLAN; bis zu 8 Nutzerprofile",
        ),
        Fact(key="warranty_years", label_de="Garantie", value="3 Jahre auf den Rahmen"),
    ),
)
DE = Context(product_line="fitness", language=Language.DE, turn=2)
EN = Context(product_line="fitness", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def fitness() -> ClaimsValidator:
    return make(FITNESS)


def test_counted_facts_are_read_at_load() -> None:
    base = FactBase.from_product_line(FITNESS)
    found = sorted((f.key, f.value, sorted(f.stems)) for f in base.counted)
    # The unit and the label's plural nouns; the text value's count with its own noun. "3 Jahre" is a duration (a
    # unit the figure checks know), no count.
    assert found == [
        ("row300_levels", 8.0, ["level", "stuf", "widerstandsstuf"]),
        ("row_levels", 16.0, ["level", "stuf", "widerstandsstuf"]),
        ("scale_app", 8.0, ["nutzerprofil"]),
    ]
    assert base.count_pattern is not None


def test_counts_things_is_no_unit_and_no_currency() -> None:
    assert [counts_things(w) for w in ("Stufen", "Nutzerprofile", "levels")] == [True, True, True]
    assert [counts_things(w) for w in ("Jahre", "Tage", "Werktage", "Euro", "magnetische", "km")] == [False] * 6


@pytest.mark.parametrize(
    ("text", "ctx", "claim"),
    [
        ("Das Row 500 bietet 20 Widerstandsstufen.", DE, "Das Row 500 bietet 20 Widerstandsstufen."),
        ("Das Row 500 bietet zwanzig Stufen.", DE, "Das Row 500 bietet zwanzig Stufen."),
        ("The Row 500 offers 20 resistance levels.", EN, "The Row 500 offers 20 resistance levels."),
        # Another model's count: the Row 300 has 8.
        ("Auch das Row 300 hat 16 Stufen.", DE, "Auch das Row 300 hat 16 Stufen."),
        ("Die Scale S2 unterstützt bis zu 10 Nutzerprofile.", DE, "Die Scale S2 unterstützt bis zu 10 Nutzerprofile."),
    ],
)
def test_a_count_above_the_spec_is_flagged(fitness: ClaimsValidator, text: str, ctx: Context, claim: str) -> None:
    rule = "claims.de/spec-figure" if ctx.language is Language.DE else "claims.en/spec-figure"
    assert flagged(fitness, text, ctx) == [(rule, claim)]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Das Row 500 hat 16 Widerstandsstufen.", DE),
        ("The Row 500 offers 16 resistance levels.", EN),
        ("Das Row 300 bietet 8 Stufen.", DE),
        # The capacity itself, without "bis zu": no performance figure whose qualifier must stay.
        ("Die Scale S2 unterstützt 8 Nutzerprofile.", DE),
        # A question, and the customer's figure corrected.
        ("Hat das Row 500 wirklich 20 Stufen?", DE),
        ("Laut Datenblatt hat das Row 500 nicht 20, sondern 16 Stufen.", DE),
        # Fewer than documented is no claim beyond the spec.
        ("Für Einsteiger reichen die ersten 4 Stufen völlig.", DE),
        # A count of something the facts do not count.
        ("Das Row 500 hat 2 Transportrollen.", DE),
    ],
)
def test_a_count_within_the_spec_passes(fitness: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(fitness, text, ctx) == []


def test_a_line_without_counted_facts_has_no_count_pattern() -> None:
    line = ProductLine(id="x", facts=(Fact(key="range_km", label_de="Reichweite", value=120, unit="km"),))
    base = FactBase.from_product_line(line)
    assert base.counted == ()
    assert base.count_pattern is None


@given(st.sampled_from(["stufe", "stufen", "Stufen", "STUFEN"]), st.sampled_from(["", "widerstands", "Magnet"]))
def test_a_compound_and_an_inflection_share_the_stem(ending: str, head: str) -> None:
    assert stem(head + ending).endswith("stuf")


# ---------------------------------------------------------------- slash tuples, denied properties, model lists

BAGS = ProductLine(
    id="schlafsaecke",
    facts=(
        Fact(
            key="models",
            value="Daunen-Serie Firn: Firn 400, Firn 800; Kunstfaser-Serie Kar: Kar 10; je in Regular und Long",
        ),
        Fact(
            key="temperatures",
            label_de="Temperaturbereich (Komfort / Limit / Extrem)",
            label_en="temperature rating (comfort / limit / extreme)",
            value="Firn 400: +2 / −3 / −18 °C; Firn 800: −6 / −12 / −30 °C; Kar 10: +10 / +6 / −6 °C",
        ),
        Fact(key="fill_kar", label_de="Füllung (Kar 10)", value="Polyester-Hohlfaser; nicht vegan zertifiziert"),
        Fact(key="care", label_de="Pflege (Firn 400)", value="Daune; nicht waschmaschinenfest, nur Handwäsche"),
        Fact(key="lid", label_de="Packsack", value="Deckel nicht wasserdicht; Sack wasserdicht"),
    ),
)
BAGS_DE = Context(product_line="schlafsaecke", language=Language.DE, turn=2)
BAGS_EN = Context(product_line="schlafsaecke", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def bags() -> ClaimsValidator:
    return make(BAGS)


def test_a_slash_tuple_is_one_fact_per_part() -> None:
    parts = split_tuples(BAGS.facts[1])
    assert [(p.key, p.label_de, p.value) for p in parts] == [
        (
            "temperatures.temperaturbereich_komfort",
            "Temperaturbereich Komfort",
            "Firn 400: +2 °C; Firn 800: −6 °C; Kar 10: +10 °C",
        ),
        (
            "temperatures.temperaturbereich_limit",
            "Temperaturbereich Limit",
            "Firn 400: −3 °C; Firn 800: −12 °C; Kar 10: +6 °C",
        ),
        (
            "temperatures.temperaturbereich_extrem",
            "Temperaturbereich Extrem",
            "Firn 400: −18 °C; Firn 800: −30 °C; Kar 10: −6 °C",
        ),
    ]
    assert [p.label_en for p in parts] == [
        "temperature rating comfort",
        "temperature rating limit",
        "temperature rating extreme",
    ]
    # A unit of each number, and a numeric value with the unit key.
    [floor, fly] = split_tuples(
        Fact(key="ws", label_de="Wassersäule (Boden / Außenzelt)", value="10.000 / 3.000", unit="mm")
    )
    assert (floor.value, fly.value) == (10000.0, 3000.0)
    [weekend, week] = split_tuples(Fact(key="rent", label_de="Miete (Wochenende / Woche)", value="Zelt: 29 € / 59 €"))
    assert (weekend.value, week.value) == ("Zelt: 29 €", "Zelt: 59 €")
    # No tuple: the fact as written.
    plain = Fact(key="price", label_de="Preis", value="29 € / 59 €")
    assert split_tuples(plain) == [plain]


def test_a_series_head_and_a_sizes_phrase_name_no_product() -> None:
    assert sorted(p.name for p in products_of(BAGS).products) == ["Firn 400", "Firn 800", "Kar 10", "Long"]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Der Firn 400 hat eine Komforttemperatur von +2 °C und ein Limit von −3 °C.", BAGS_DE),
        ("The Firn 800 has a comfort rating of −6 °C and a limit of −12 °C.", BAGS_EN),
        ("Der Kar 10 ist ein Sommerschlafsack: Komfort +10 °C.", BAGS_DE),
        ("Den Firn 400 bitte nicht in die Waschmaschine, er ist leider nicht waschmaschinenfest.", BAGS_DE),
    ],
)
def test_documented_values_pass(bags: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(bags, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        # A comfort rating of the extreme value: lower is better for a temperature rating.
        (
            "Der Firn 400 hat eine Komforttemperatur von −10 °C.",
            BAGS_DE,
            [("claims.de/spec-figure", "Der Firn 400 hat eine Komforttemperatur von −10 °C.")],
        ),
        (
            "Den Firn 400 können Sie einfach waschen, er ist waschmaschinenfest.",
            BAGS_DE,
            [("claims.negated-fact", "Den Firn 400 können Sie einfach waschen, er ist waschmaschinenfest.")],
        ),
    ],
)
def test_values_beyond_the_facts_are_flagged(
    bags: ClaimsValidator, text: str, ctx: Context, expected: list[tuple[str, str]]
) -> None:
    assert flagged(bags, text, ctx) == expected


def test_denied_properties_are_read_at_load() -> None:
    base = FactBase.from_product_line(BAGS)
    # "nicht vegan zertifiziert" is a longer phrase (not read); the lid's "nicht wasserdicht" is about a part.
    assert [(p.word, sorted(base.products.name(i) for i in p.products)) for p in base.negated] == [
        ("waschmaschinenfest", ["Firn 400"])
    ]


TENTS = ProductLine(
    id="zelte",
    facts=(
        Fact(key="models", value="Zelt Firstwind 2 (Kuppelzelt), Zelt Firstwind 3 (Tunnelzelt)"),
        Fact(
            key="weight",
            label_de="Gewicht (Mindestgewicht / Packgewicht)",
            label_en="weight (minimum weight / packed weight)",
            value="Firstwind 2: 2,1 kg / 2,6 kg; Firstwind 3: 3,2 kg / 3,8 kg",
            qualifier="Mindestgewicht = ohne Heringe und Packsack; Packgewicht = Lieferumfang komplett",
        ),
        Fact(
            key="fire_retardant",
            label_de="Flammhemmung",
            value=(
                "nur Firstwind 3: Zeltstoff flammhemmend ausgerüstet; alle anderen Modelle sind nicht flammhemmend "
                "ausgerüstet"
            ),
            qualifier="flammhemmend heißt nicht unbrennbar",
        ),
    ),
)
TENTS_DE = Context(product_line="zelte", language=Language.DE, turn=2)
TENTS_EN = Context(product_line="zelte", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def tents() -> ClaimsValidator:
    return make(TENTS)


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        # The favourable part of the tuple without its name: the minimum weight sold as the weight.
        (
            "Das Firstwind 2 wiegt nur 2,1 kg.",
            TENTS_DE,
            [("claims.de/spec-figure", "Das Firstwind 2 wiegt nur 2,1 kg.")],
        ),
        (
            "The Firstwind 2 weighs just 2.1 kg.",
            TENTS_EN,
            [("claims.en/spec-figure", "The Firstwind 2 weighs just 2.1 kg.")],
        ),
        ("Das Mindestgewicht des Firstwind 2 liegt bei 2,1 kg.", TENTS_DE, []),
        ("The Firstwind 2 has a minimum weight of 2.1 kg.", TENTS_EN, []),
        ("Das Firstwind 2 wiegt komplett gepackt 2,6 kg.", TENTS_DE, []),
        # "alle anderen Modelle sind nicht flammhemmend": every product but the one the fact names.
        (
            "Keine Sorge, auch das Firstwind 2 ist flammhemmend.",
            TENTS_DE,
            [("claims.negated-fact", "Keine Sorge, auch das Firstwind 2 ist flammhemmend.")],
        ),
        ("Das Firstwind 3 ist flammhemmend ausgerüstet.", TENTS_DE, []),
        ("Das Firstwind 2 ist nicht flammhemmend ausgerüstet.", TENTS_DE, []),
    ],
)
def test_a_tuple_part_keeps_its_name(
    tents: ClaimsValidator, text: str, ctx: Context, expected: list[tuple[str, str]]
) -> None:
    assert flagged(tents, text, ctx) == expected


def test_tuple_parts_are_named_by_their_own_words() -> None:
    whole = TENTS.facts[1]
    assert [sorted(part_words(p, whole)) for p in split_tuples(whole)] == [
        ["mindestgewicht", "minimum"],
        ["packed", "packgewicht"],
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ca. 3 min 40 s", [(220.0, "3 min 40 s")]),
        ("2 Stunden und 15 Minuten", [(8100.0, "2 Stunden und 15 Minuten")]),
        ("10 minutes, 30 seconds", [(630.0, "10 minutes, 30 seconds")]),
        # Two attributes, each with its own word; and a larger unit second is no part of the first.
        ("Laufzeit 8 h, Ladezeit 2 h", [(28800.0, "8 h"), (7200.0, "2 h")]),
        ("40 s bis 3 min", [(40.0, "40 s"), (180.0, "3 min")]),
    ],
)
def test_a_duration_in_two_units_is_one_figure(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(q.value, text[q.start : q.end]) for q in quantities(text, Language.DE)] == expected


SHOP = ProductLine(
    id="service",
    facts=(
        Fact(
            key="shipping",
            label_de="Versand und Lieferzeit",
            label_en="shipping and delivery time",
            value="Standardversand 2–4 Werktage; versandkostenfrei ab 75 € Bestellwert, sonst 5,90 €",
        ),
        Fact(
            key="rental_deposit",
            label_de="Kaution",
            label_en="deposit",
            value="Die Kaution zahlen wir nach Prüfung der Mietsachen in der Regel innerhalb von 5 Werktagen zurück.",
        ),
    ),
)
SHOP_DE = Context(product_line="service", language=Language.DE, turn=2)
SHOP_EN = Context(product_line="service", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def shop() -> ClaimsValidator:
    return make(SHOP)


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        # "zahlen wir ... zurück" is the deposit's refund, no cost the company bears: it backs no free shipping.
        ("Der Versand ist immer kostenlos.", SHOP_DE, [("claims.de/price", "Der Versand ist immer kostenlos.")]),
        (
            "Shipping is free on every order, no minimum order value.",
            SHOP_EN,
            [("claims.en/price", "Shipping is free on every order, no minimum order value.")],
        ),
        (
            "Der Versand ist bei jeder Bestellung kostenlos, ohne Mindestbestellwert.",
            SHOP_DE,
            [("claims.de/price", "Der Versand ist bei jeder Bestellung kostenlos, ohne Mindestbestellwert.")],
        ),
        ("Ab 75 € Bestellwert ist der Versand kostenlos.", SHOP_DE, []),
    ],
)
def test_a_refund_backs_no_freebie(
    shop: ClaimsValidator, text: str, ctx: Context, expected: list[tuple[str, str]]
) -> None:
    assert flagged(shop, text, ctx) == expected
