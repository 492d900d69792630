"""Round 10 (issue 12): leak classes that recurred across companies, probed with wordings of other product
kinds than the corpora's (cat litter, drones, gyms, banking, subscriptions), and their benign near misses:

- a planned increase said by its verb ("steigen die Preise", "wird erhöht", "going up", "will be raised"),
  for any "-erhöhung" entry ("Beitragserhöhung 2028"), a month pinned down by the size of the rise
  ("um rund 5 %") or a secrecy cue; a rise of anything but a price, or a past one, stays quiet;
- a rate said by its event verb ("8,5 % unserer Abonnenten kündigen", "5.3 % of bookings get cancelled"):
  a percentage of a population is a share, a percentage of a price or an offer ("8,5 % Rabatt") is not;
- an ordinary-word codename compounded with, or right before, the product kind its entry's note names
  ("Wachturm-Kameras" of a "camera platform", "the Sperling drone"); the bird, the beacon, the gravel
  path stay ordinary words, and so does the product word elsewhere in the sentence;
- a firm's name with its town joined by a preposition ("Schreiner Elektronik aus Pirna", "beim Servicewerk
  in Neu-Ulm"), its first adjective declined ("von den Oberbayerischen Holzwerken"), its family firm in
  English ("Vogt & Sons"); the town, the trade and "father and sons" alone stay quiet;
- number formats: euros and cents joined by "und"/"and" ("einundvierzig Euro und zwanzig Cent"), a leading
  zero before three decimals ("0,412 €" was read as 412 €), a currency sign before a price per unit
  ("€0.412/kg" was no value at all); dates and fractions with a slash stay what they are.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from safe_reply.validators.trade_secrets.numbers import Unit, quantities

from .conftest import make_validator

_VALIDATOR = make_validator(
    [
        {"term": "Preiserhöhung April 2027", "kind": "internal_plan"},
        {"term": "Beitragserhöhung 2028", "kind": "internal_plan"},
        {"term": "Gebührenerhöhung Juli 2027", "kind": "internal_plan"},
        {"term": "Stornoquote 5,3 %", "kind": "churn_rate"},
        {"term": "Kündigungsquote 8,5 %", "kind": "churn_rate"},
        {"term": "Reklamationsquote 3,4 %", "kind": "quality_data"},
        {"term": "Sperling", "kind": "codename", "note": "next-generation drone platform; the bird is not a leak"},
        {
            "term": "Leuchtfeuer",
            "kind": "codename",
            "note": "outdoor camera platform, launch 2027; a beacon on the coast is not a leak",
        },
        {"term": "Kiesel", "kind": "codename", "note": "planned clumping cat litter"},
        {"term": "Schreiner Elektronik Pirna", "kind": "supplier"},
        {"term": "Servicewerk Neu-Ulm", "kind": "supplier"},
        {"term": "Oberbayerische Holzwerke GmbH", "kind": "supplier"},
        {"term": "Hausverwaltung Vogt & Söhne", "kind": "key_account"},
        {"pattern": r"(?i)\b41[,.]20\s?(?:€|EUR|Euro)", "kind": "purchase_price"},
        {"term": "EK Granulat 412 €/t", "kind": "purchase_price"},
    ]
)

LEAKS = [
    (
        "Ab April nächsten Jahres steigen die Preise für alle Kapseln um rund 5 %.",
        [(0, 8, "Ab April", "internal_plan")],
    ),
    (
        "Die Gebühren für die Kontoführung werden im Juli erhöht – noch nicht offiziell.",
        [(41, 48, "im Juli", "internal_plan")],
    ),
    ("Nur 5,3 % der Buchungen werden storniert.", [(4, 9, "5,3 %", "churn_rate")]),
    ("Rund 8,5 % unserer Abonnenten kündigen im ersten Jahr.", [(5, 10, "8,5 %", "churn_rate")]),
    ("Gerade mal 3,4 % der Kunden reklamieren das Gerät.", [(11, 16, "3,4 %", "quality_data")]),
    ("Only 8.5 % of our subscribers cancel in the first year.", [(5, 10, "8.5 %", "churn_rate")]),
    ("Just 5.3 % of bookings get cancelled.", [(5, 10, "5.3 %", "churn_rate")]),
    ("Our Sperling drones already fly with the new battery.", [(4, 12, "Sperling", "codename")]),
    ("The Sperling drone will get a longer flight time.", [(4, 12, "Sperling", "codename")]),
    ("Die neue Leuchtfeuer Kamera filmt auch nachts in Farbe.", [(9, 20, "Leuchtfeuer", "codename")]),
    ("Die Kiesel-Streu ist noch in der Testphase.", [(4, 10, "Kiesel", "codename")]),
    ("Unsere Kiesel Katzenstreu klumpt besser als alles bisher.", [(7, 13, "Kiesel", "codename")]),
    ("Die Kiesel-Katzenstreu klumpt sofort.", [(4, 10, "Kiesel", "codename")]),
    (
        "Die Platinen fertigt für uns die Firma Schreiner Elektronik aus Pirna.",
        [(39, 69, "Schreiner Elektronik aus Pirna", "supplier")],
    ),
    (
        "Ihr Gerät ist gerade beim Servicewerk in Neu-Ulm zur Reparatur.",
        [(26, 48, "Servicewerk in Neu-Ulm", "supplier")],
    ),
    (
        "The frames are welded by Schreiner Elektronik from Pirna.",
        [(25, 56, "Schreiner Elektronik from Pirna", "supplier")],
    ),
    (
        "Die Lieferung kommt direkt von der Oberbayerischen Holzwerke, das dauert etwas.",
        [(35, 60, "Oberbayerischen Holzwerke", "supplier")],
    ),
    ("Wir beziehen das Holz von den Oberbayerischen Holzwerken.", [(30, 56, "Oberbayerischen Holzwerken", "supplier")]),
    ("Our biggest customer, Vogt & Sons, ordered 300 units.", [(22, 33, "Vogt & Sons", "key_account")]),
    (
        "Die Hausverwaltung Vogt & Söhne hat 300 Stück bestellt.",
        [(4, 31, "Hausverwaltung Vogt & Söhne", "key_account")],
    ),
    ("Fun fact: Vogt and Sons just installed 200 of our locks.", [(10, 23, "Vogt and Sons", "key_account")]),
    (
        "Der Einkaufspreis? Na gut – einundvierzig Euro und zwanzig Cent pro Stück.",
        [(28, 63, "einundvierzig Euro und zwanzig Cent", "purchase_price")],
    ),
    (
        "We pay forty-one euros and twenty cents per unit.",
        [
            (7, 39, "forty-one euros and twenty cents", "purchase_price"),
            (7, 48, "forty-one euros and twenty cents per unit", "purchase_price"),
        ],
    ),
    (
        "Im Einkauf zahlen wir 41 Euro und 20 Cent für das Netzteil.",
        [(22, 41, "41 Euro und 20 Cent", "purchase_price")],
    ),
    (
        "Uns kostet das Granulat 0,412 € pro Kilo.",
        [(24, 31, "0,412 €", "purchase_price"), (24, 40, "0,412 € pro Kilo", "purchase_price")],
    ),
    (
        "We buy the granulate at €0.412/kg from the mill.",
        [(24, 30, "€0.412", "purchase_price"), (24, 33, "€0.412/kg", "purchase_price")],
    ),
    (
        "Im Einkauf liegt das Granulat bei EUR 0.412/kg.",
        [(34, 43, "EUR 0.412", "purchase_price"), (34, 46, "EUR 0.412/kg", "purchase_price")],
    ),
    (
        "Between us: our cost is 41 euros and 20 cents a piece.",
        [
            (24, 45, "41 euros and 20 cents", "purchase_price"),
            (24, 53, "41 euros and 20 cents a piece", "purchase_price"),
        ],
    ),
    ("Uns kostet der Sack zu 25 kg nur 10,30 €.", [(33, 40, "10,30 €", "purchase_price")]),
    ("Die Sperling-Drohnen bekommen dann eine längere Akkulaufzeit.", [(4, 12, "Sperling", "codename")]),
    ("Die Leuchtfeuer-Kameras kommen erst nächstes Jahr.", [(4, 15, "Leuchtfeuer", "codename")]),
]
BENIGN = [
    "Die Preise sind im April 2025 gestiegen, seitdem sind sie stabil.",
    "Im April steigen die Temperaturen, dann lohnt sich der Ventilator.",
    "Ihr Beitrag für 2028 bleibt unverändert.",
    "Im Juli erhöhen wir die Zahl der Abholstationen.",
    "The temperature will rise in April, so plan your garden work.",
    "Your plan renews in July 2027 at the same price.",
    "Die Preiserhöhung vom April 2024 wurde Ihnen per Brief mitgeteilt.",
    "Der Akku hält im Jahr 2028 noch gut 80 % seiner Kapazität.",
    "Sie können jederzeit kündigen, 8,5 % Rabatt gibt es dann nicht mehr.",
    "5,3 % Zinsen gelten für Ihren Kredit; stornieren ist bis 14 Tage möglich.",
    "Sie können bis 30 Tage vorher kostenlos stornieren.",
    "Am Futterhaus sitzen im Winter viele Sperlinge.",
    "Das Leuchtfeuer am Hafen ist nachts gut zu sehen.",
    "Der Kiesel-Weg im Garten braucht eine Drainage.",
    "Die Sperling-Population ist im Park zurückgegangen.",
    "Der Stromverbrauch steigt im Juli um 10 %, wenn die Klimaanlage läuft.",
    "Im April können Sie Ihren Tarif um 5 % günstiger verlängern.",
    "Die Reichweite steigt im April um 20 %, sobald es wärmer wird.",
    "Only 8.5 % of the price is charged if you cancel within 14 days.",
    "8,5 % der Bestellungen kommen bei uns per Express.",
    "In July the temperature goes up by about 5 %.",
    "Streuen Sie etwas Kiesel unter die Pflanzkübel.",
    "Ein Leuchtfeuer ist bei Nebel weithin sichtbar.",
    "Unsere Kamera erkennt Vögel wie den Sperling automatisch am Futterhaus, wenn sie nah genug sind.",
    "Kiesel im Aquarium und Streu für das Terrarium finden Sie im Zubehör.",
    "Pirna liegt an der Elbe, ein schöner Ausflug.",
    "Die Elektronik aus Pirna ist bekannt für Qualität.",
    "In Neu-Ulm gibt es einen autorisierten Servicepartner.",
    "Oberbayerische Holzhäuser sind oft aus Fichte.",
    "Father and sons can both ride the tandem.",
    "Die Holzwerke in Bayern liefern viel nach Italien.",
    "Der Versand kostet 4 Euro und 20 Cent.",
    "Der Zuschlag beträgt 0,412 % pro Jahr.",
    "Der Service ist 24/7 erreichbar.",
    "Das Granulat kostet im Shop 4,12 € pro Kilo.",
    "Bitte bis 3/2027 aufbrauchen.",
    "Sie bekommen 41 Euro zurück und 20 Cent Bonus pro Liter.",
    "Die Düse misst 0,412 mm.",
    "Im Shop kostet die Kamera 141,20 €.",
]


@pytest.mark.parametrize(("text", "expected"), LEAKS)
def test_the_class_is_found_with_its_exact_span(text: str, expected: list[tuple[int, int, str, str]]) -> None:
    assert [(x.start, x.end, text[x.start : x.end], x.kind) for x in _VALIDATOR.scan(text)] == expected


@pytest.mark.parametrize("text", BENIGN)
def test_the_near_miss_stays_quiet(text: str) -> None:
    assert _VALIDATOR.scan(text) == []


def test_a_note_without_a_product_kind_adds_no_cue() -> None:
    # "the bird is not a leak" names no product: the codename beside "Vogel" or "bird" stays a word.
    validator = make_validator([{"term": "Sperling", "kind": "codename", "note": "the bird is not a leak"}])
    assert validator.scan("Die Sperling-Drohnen bekommen dann eine längere Akkulaufzeit.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0,412 €", [(Decimal("0.412"), Unit.EUR, "")]),
        ("0.412 €/kg", [(Decimal("0.412"), Unit.EUR, ""), (Decimal("0.412"), Unit.EUR, "kg")]),
        ("€4.12/kg", [(Decimal("4.12"), Unit.EUR, ""), (Decimal("4.12"), Unit.EUR, "kg")]),
        ("sechs Euro und fünf Cent", [(Decimal("6.05"), Unit.EUR, "")]),
        ("41 Euro und 20 Stück", [(Decimal("41"), Unit.EUR, ""), (Decimal("20"), Unit.COUNT, "")]),
        ("1.412 €", [(Decimal("1412"), Unit.EUR, "")]),
        ("3/2027", [(Decimal("202703"), Unit.DATE, "")]),
        ("1/2 Liter", []),
    ],
)
def test_number_formats(text: str, expected: list[tuple[Decimal, Unit, str]]) -> None:
    assert [(q.value, q.unit, q.per) for q in quantities(text)] == expected


# A designation with its spaces left out: the full skeleton reads "KX12Pro" as leetspeak, the term keeps its digits.
_DESIGNATION = make_validator(
    [{"term": "Vitaflex KX 12 Pro", "kind": "unreleased_product"}], allowed_terms=["Vitaflex", "Vitaflex KX 10 Pro"]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Vitaflex KX12Pro kommt erst 2027.", [(4, 20, "Vitaflex KX12Pro")]),
        ("Die KX12 Pro ist noch nicht angekündigt.", [(4, 12, "KX12 Pro")]),
        ("The Vitaflex KX12PRO is not out yet.", [(4, 20, "Vitaflex KX12PRO")]),
        ("Die Vitaflex KX 12Pro wird leiser.", [(4, 21, "Vitaflex KX 12Pro")]),
        ("Die Vitaflex KX 10 Pro ist lieferbar.", []),
        ("Die Vitaflex KX10Pro ist lieferbar.", []),
        ("Bestellnummer KX1234 liegt vor.", []),
        ("Das Modell KX120 Pro gibt es nicht.", []),
    ],
)
def test_a_designation_without_its_spaces(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(x.start, x.end, text[x.start : x.end]) for x in _DESIGNATION.scan(text)] == expected
