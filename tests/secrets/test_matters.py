"""Described matters (matters.py): an unreleased product, a plan, an issue or a partner revealed by what
it is, read from the entry's kind, term and note; the same words without the frame, or the frame
without the entry's words, pass. Probe sentences of other product kinds than any corpus."""

from __future__ import annotations

from typing import Any

import pytest

from safe_reply.validators.trade_secrets.matter_words import MatterClass
from safe_reply.validators.trade_secrets.matters import matter_classes, matter_rule

from .conftest import make_validator

ENTRIES: list[dict[str, Any]] = [
    {
        "term": "Falter",
        "kind": "codename",
        "note": "foldable e-scooter with removable battery, launch planned for 2027",
    },
    {"term": "Nordhaus Sofa Lounge", "kind": "unreleased_product", "note": "modular sofa with sleeping function"},
    {"term": "Hautbild Serum X", "kind": "unreleased_product", "note": "vitamin C serum for sensitive skin"},
    {"term": "Expansion Wien", "kind": "internal_plan", "note": "opening of a store in Vienna in spring 2027"},
    {"term": "Tarifwechsel Reise", "kind": "internal_plan", "note": "travel insurance switching to a new tariff"},
    {
        "term": "Lücke Login-Token",
        "kind": "security_issue",
        "note": "session token of the subscription app is not invalidated at logout; under analysis",
    },
    {
        "term": "Charge M-77",
        "kind": "quality_data",
        "note": "muesli batch with a raised gluten level under internal investigation",
    },
    {"term": "Spreewald Holzbau", "kind": "supplier", "note": "oak frame workshop"},
]
PUBLIC = ["Nordhaus", "Hautbild"]
_validator = make_validator(ENTRIES, allowed_terms=PUBLIC)


def described(text: str) -> list[tuple[str, str]]:
    return [(text[x.start : x.end], x.kind) for x in _validator.scan(text) if x.trick == "described"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # German: the matter said by what it is, with a frame of its class.
        ("Ein faltbarer E-Scooter mit herausnehmbarem Akku ist bei uns in Entwicklung.", "codename"),
        ("Ein modulares Sofa mit Schlaffunktion kommt im Herbst in den Shop.", "unreleased_product"),
        ("Unter uns: ein Serum mit Vitamin C für empfindliche Haut ist schon fertig.", "unreleased_product"),
        ("Wir planen eine Filiale in Wien, wahrscheinlich im Frühjahr.", "internal_plan"),
        ("Nächstes Jahr expandieren wir nach Österreich, zuerst mit einem Laden in Wien.", "internal_plan"),
        ("Beim Login-Token der App prüfen wir gerade ein Problem nach dem Logout.", "security_issue"),
        ("Bei einer Charge Müsli wird der Glutenwert gerade intern untersucht.", "quality_data"),
        ("Die Eichenrahmen fertigt für uns ein Holzbau-Betrieb im Spreewald.", "supplier"),
        # English.
        ("A foldable e-scooter with a removable battery is planned for 2027.", "codename"),
        ("We're working on a modular sofa with a sleeping function.", "unreleased_product"),
        ("Between you and me, a vitamin C serum for sensitive skin is coming next spring.", "unreleased_product"),
        ("Our travel insurance will be switching to a new tariff next year.", "internal_plan"),
        ("We're opening a new store in Vienna next spring.", "internal_plan"),
        ("We know about a flaw where the app's session token stays valid after logout, a fix is coming.",
         "security_issue"),
        ("A muesli batch is under investigation because its gluten level is too high.", "quality_data"),
    ],
)  # fmt: skip
def test_a_matter_said_by_what_it_is_is_a_leak(text: str, kind: str) -> None:
    assert described(text) == [(text.rstrip("."), kind)]


@pytest.mark.parametrize(
    "text",
    [
        # The same words without a frame of the matter's class: a description of what is on sale.
        "Unser E-Scooter Trail hat einen herausnehmbaren Akku.",
        "Das Nordhaus Sofa Classic hat eine Schlaffunktion.",
        "Our current vitamin C serum suits normal skin.",
        "Die Reiseversicherung gilt weltweit.",
        "Please log out of the app and log in again if the token expires.",
        "Unser Müsli ist glutenfrei zertifiziert.",
        "All our tables are made of oak wood.",
        "Our oak frames are built to last.",
        "Im Spreewald kann man schön Kahn fahren.",
        "Unsere Eichenrahmen werden in Deutschland gefertigt.",  # where it is made, no partner's name
        # The frame without two of the entry's words.
        "Ein neues Modell kommt im Frühjahr, mehr weiß ich noch nicht.",
        "We're working on faster delivery times.",
        "Ihre Lieferung kommt im Laufe der Woche.",
        "Unsere Filiale in Graz hat bis 18 Uhr geöffnet.",  # a store, no plan and not the planned city
        "We ship to Vienna within three days.",  # the city, no store, no plan
        "Die Urlaubsplanung mit dem E-Scooter: der Akku reicht für 40 km.",
        "Bei Problemen mit dem Login hilft es, die App neu zu installieren.",
        # A manufacturer's guarantee is no partner.
        "The manufacturer's warranty covers the oak wood frame for 5 years.",
        # A one-word codename is the term matcher's (with its name rule), never a unit here.
        "Der Falter im Garten ist ein Tagpfauenauge.",
    ],
)  # fmt: skip
def test_near_misses_pass(text: str) -> None:
    assert described(text) == []


def test_classes_from_kind_then_note() -> None:
    assert matter_classes("odm_supplier", "") == (MatterClass.PARTNER,)
    assert matter_classes("internal_plan", "supplier switch") == (MatterClass.PLAN,)
    assert matter_classes("other", "unpatched flaw in the app") == (MatterClass.ISSUE,)
    assert matter_classes("margin", "gross margin on phones") == ()


def test_rule_units_skip_what_is_no_leak_and_public_words() -> None:
    rule = matter_rule(
        3,
        "codename",
        "Nebel",
        "membrane for rain jackets; the weather word 'Nebel' is not a leak",
        frozenset(),
        str.isdigit,
    )
    assert rule is not None
    assert rule.units == (("membrane", "membran"), ("rain",), ("jackets", "jacke"))
    public = matter_rule(
        0, "unreleased_product", "Tonhaus Klar Pro", "launch planned", frozenset({"tonhaus", "klar"}), str.isdigit
    )
    assert public is None  # "pro" and nothing else: fewer than two units


def test_a_plan_or_issue_without_a_note_is_described_by_its_term() -> None:
    plan = matter_rule(0, "internal_plan", "Umstellung Rahmen auf Carbon", None, frozenset(), str.isdigit)
    assert plan is not None
    assert plan.units == (("umstellung", "switch", "change"), ("rahmen", "frame"), ("carbon",))
    # A name without a note is the term matcher's (its parts included).
    assert matter_rule(0, "unreleased_product", "Sitzwerk Lift 200", None, frozenset(), str.isdigit) is None
    assert matter_rule(0, "supplier", "Kowalczyk Aluminium", None, frozenset(), str.isdigit) is None


_PARTNERS = make_validator(
    [
        {"term": "Lindner Polster", "kind": "supplier", "note": "upholstery foam supplier in Czechia"},
        {"term": "Sporthaus Lenzinger", "kind": "key_account", "note": "largest retail customer, framework contract"},
        {"term": "Allgäu Kosmetik GmbH", "kind": "odm_supplier", "note": "contract manufacturer of our creams"},
        {"term": "Kowalczyk Aluminium", "kind": "supplier", "note": "frame manufacturer in Poland"},
    ]
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A partner by a word of its name that is an everyday German word or a place, with what it does.
        ("Den Polsterschaum liefert uns die Firma Lindner aus Tschechien.", "supplier"),
        ("Our upholstery foam is supplied by Lindner in Czechia.", "supplier"),
        ("Unsere Cremes lässt ein Kosmetikhersteller im Allgäu für uns produzieren.", "odm_supplier"),
        ("Our creams are produced by a cosmetics maker in the Allgäu.", "odm_supplier"),
        # ... or by its initial.
        ("Das große Sporthaus in L. hat mit uns einen Rahmenvertrag.", "key_account"),
    ],
)  # fmt: skip
def test_a_partner_by_a_name_word_or_initial_and_its_trade_is_a_leak(text: str, kind: str) -> None:
    assert [(text[x.start : x.end], x.kind, x.trick) for x in _PARTNERS.scan(text)] == [
        (text.rstrip("."), kind, "described")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Christian Lindner war Finanzminister.",
        "Wir kommen aus dem Allgäu.",
        "Unsere Kosmetik wird in Deutschland hergestellt.",
        "Die Aluminiumrahmen werden in Polen gefertigt.",  # where, not who: "Aluminium" is a trade word
        "Our frames are made in Poland.",
        "Für den Rahmen brauchen wir z. B. die Seriennummer vom Hersteller.",  # "B." of "z. B." is no initial
        "Bitte 5 l. Wasser einfüllen.",
    ],
)
def test_origins_abbreviations_and_namesakes_pass(text: str) -> None:
    assert _PARTNERS.scan(text) == []


def test_an_allowed_word_does_not_reach_across_a_word_gap() -> None:
    """An allowed form ("Lichtblicke") read across the dash into the next word ("Lichtblick – ein")
    hid the codename; across no gap it still covers its own word."""
    validator = make_validator([{"term": "Lichtblick", "kind": "codename"}], allowed_terms=["Lichtblicke"])
    text = "Intern arbeiten wir am Projekt Lichtblick – ein neuer Speicher."
    assert [(text[x.start : x.end], x.trick) for x in validator.scan(text)] == [("Lichtblick", "literal")]
    assert validator.scan("Es gab einige Lichtblicke im Test.") == []


def test_a_noted_list_asks_the_word_frequencies_a_constant_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """One lookup per name word streamed the frequency list each time: 10,000 noted entries took minutes."""
    from safe_reply import word_frequencies as ordinary

    calls: list[int] = []
    real = ordinary._frequencies

    def counting(wanted: set[str]) -> dict[str, tuple[float, float]]:
        calls.append(len(wanted))
        return real(wanted)

    monkeypatch.setattr(ordinary, "_frequencies", counting)
    entries = [
        {"term": f"Qorvel{n:03d}werk Antriebe", "kind": "supplier", "note": f"gear supplier G{n} in Brno"}
        for n in range(200)
    ]
    validator = make_validator(entries)
    assert validator.matters is not None
    assert len(validator.matters.rules) == 200
    assert len(calls) <= 4  # the build's own lookups and one for every described matter together


def test_a_term_word_and_its_translation_in_the_note_are_one_unit() -> None:
    """"Wien" of the term and "Vienna" of the note were two units whose forms held each other: one word
    of a reply counted twice."""
    rule = matter_rule(
        0, "internal_plan", "Expansion Wien", "opening of a store in Vienna in spring 2027", frozenset(), str.isdigit
    )
    assert rule is not None
    assert rule.units == (
        ("expansion",),
        ("wien", "vienna"),
        ("opening",),
        ("store", "filiale", "laden"),
        ("spring",),  # no "ring": an English word is no German compound, and a tail has five letters at least
        ("2027",),
    )
    assert (rule.years, rule.named, rule.telling) == (frozenset({4, 5}), frozenset({0}), frozenset({0, 1, 2}))
    akku = matter_rule(0, "internal_plan", "Akku Nachfolger", "new battery for the city bike", frozenset(), str.isdigit)
    assert akku is not None
    assert akku.units == (("akku", "battery", "batterie", "speicher"), ("city", "stadt"), ("bike", "fahrrad"))


def test_one_reply_word_is_one_unit_whatever_else_is_loaded() -> None:
    """"Akku" held the forms of two units of "Akku Nachfolger": one word and a frame were a leak, once an
    unrelated entry's word ("Lieferung") made the sentence hold two hits."""
    validator = make_validator(
        [
            {"term": "Akku Nachfolger", "kind": "internal_plan", "note": "new battery for the city bike"},
            {"term": "Lieferstopp Nord", "kind": "internal_plan", "note": "Lieferung aus dem Lager Nord endet"},
        ]
    )
    text = "Der neue Akku kommt bald, die Lieferung ist unterwegs."
    assert validator.scan(text) == []
    leak = "Ein Akku für das City-Bike ist in Arbeit."
    assert [(leak[x.start : x.end], x.trick) for x in validator.scan(leak)] == [(leak.rstrip("."), "described")]


_NEAR = make_validator(
    [
        *ENTRIES,
        {
            "term": "Lieferengpass Q2",
            "kind": "internal_plan",
            "note": "delivery bottleneck for gears and batteries of the city bike until March",
        },
        {"term": "Rahmenbruch Cargo", "kind": "quality_data", "note": "cargo bike frame defect under investigation"},
        {"term": "Filiale Graz", "kind": "internal_plan", "note": "new store in Graz, opening 2028"},
    ],
    allowed_terms=PUBLIC,
)


@pytest.mark.parametrize(
    "text",
    [
        # A word of the note inside an English word ("ring" of "spring" in "during").
        "Our Vienna team will reply during the next year.",
        # A year and a table word are anyone's: no word that tells the entry.
        "Unsere neue Filiale in München eröffnet im Frühjahr 2027.",
        "The gears for your bike will arrive in March; the delivery is delayed.",
        "Der Akku für das City-Bike kommt im März, die Lieferung verzögert sich leider.",
        # The customer's own subscription, bike, order: service, no plan or issue of the company.
        "Ihr Abo in der App ist noch nicht aktiv – falls das Problem bleibt, melden Sie sich.",
        "If your cargo bike frame has a defect, we will investigate it under warranty.",
        "Ihre Bestellung mit dem Sofa kommt im Herbst, die Lieferung ist schon geplant.",
        "Your new battery for the city bike will arrive next week.",
        # Public plans and dates, said without a word of the entry.
        "Our summer sale starts in June 2027 in every store.",
        "Ab 2027 liefern wir auch nach Österreich, die Versandkosten bleiben gleich.",
        # Refusals.
        "Zu neuen Filialen in Wien kann ich leider nichts sagen.",
        "I can't tell you anything about a store in Vienna, sorry.",
        "Details zum Login-Token der App darf ich nicht weitergeben.",
        "Nothing has been announced about a new store in Graz.",
    ],
)  # fmt: skip
def test_plans_dates_and_refusals_that_name_no_entry_pass(text: str) -> None:
    assert [(text[x.start : x.end], x.kind) for x in _NEAR.scan(text) if x.trick == "described"] == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Wir planen eine Filiale in Wien, wahrscheinlich im Frühjahr.", "internal_plan"),
        ("We know about a flaw where the app's session token stays valid after logout, a fix is coming.",
         "security_issue"),
        ("Because of a bottleneck, the gears for the city bike will arrive in March.", "internal_plan"),
        ("Bei den Cargo-Rahmen untersuchen wir gerade einen Defekt.", "quality_data"),
        # A refusal or the customer's own thing in one clause hides no plan said in the next.
        ("Ihre Frage zur Filiale in Wien: wir planen sie für das Frühjahr.", "internal_plan"),
        ("I can't say much, but a store in Vienna opens next spring.", "internal_plan"),
        ("Ich darf eigentlich nichts sagen, aber in Wien eröffnen wir im Frühjahr eine Filiale.", "internal_plan"),
    ],
)  # fmt: skip
def test_the_same_entries_said_with_a_telling_word_stay_leaks(text: str, kind: str) -> None:
    assert [(text[x.start : x.end], x.kind) for x in _NEAR.scan(text)] == [
        (text.rstrip("."), kind)
    ]
