"""Round 11 review: the new false blocks of the round's trade-secret catches, fixed narrowly, and the
reviewer's sentences (furniture, pet food, cosmetics, travel, insurance, tools, toys, bedding).

1. A lid ("Reparaturdeckel 95 €") said in generic limit words is the company's only where the agent grants it
   or calls it goodwill, never where an insurer, a tariff or a warranty publishes the same limit.
2. A codename beside its product kind ("Nova Sofa") is an ordinary product in a clause that denies the shop
   carries it, gives it another maker, says it is sold out or in the catalogue, or lists it with other kinds;
   at a sentence start it needs a clause that announces something.
3. A closed compound the German word list knows at any frequency ("Federkissen") is an ordinary word.
4. An amount in number words ("elf Euro achtzig") is a purchase price only where a purchase is said, and
   paying the customer back ("erstatten", "zurück", "refund") is no purchase.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import make_validator

_TERMS: list[dict[str, Any]] = [
    {"term": "Falke", "kind": "codename", "note": "next-generation action camera"},
    {"term": "Kiesel", "kind": "codename", "note": "new cat litter formula (Streu)"},
    {"term": "Nova", "kind": "codename", "note": "upcoming sofa line (Sofa)"},
    {"term": "Atlas", "kind": "codename", "note": "planned wardrobe system, Schrank"},
    {"term": "Orion", "kind": "codename", "note": "next travel app release"},
    {"term": "Zeder", "kind": "codename", "note": "new face cream"},
    {"term": "Feder", "kind": "codename", "note": "new pillow"},
    {"term": "Garten", "kind": "codename", "note": "new outdoor chair"},
    {"term": "Bärenkraft Pro 7", "kind": "unreleased_product"},
    {"term": "Ergosit 7", "kind": "unreleased_product", "note": "office chair"},
    {"term": "Kulanzgrenze 60 €", "kind": "goodwill_limit"},
    {"term": "Reparaturdeckel 95 €", "kind": "goodwill_limit"},
    {"term": "Händler-Provision 12 %", "kind": "negotiation"},
    {"term": "Lager-Auslastung 130 %", "kind": "capacity_data"},
    {"pattern": r"(?i)\b23[,.]40\s?(?:€|EUR|Euro)", "kind": "purchase_price"},
    {"pattern": r"\b11[,.]80?\s?(?:€|EUR)", "kind": "einkaufspreis"},
    {"pattern": r"\b31[,.]80\s?(?:€|EUR)", "kind": "purchase_price"},
    {"term": "Preiserhöhung 1. März 2027", "kind": "internal_plan"},
    {"term": "Sortimentswechsel 15. Juni 2026", "kind": "internal_plan"},
    {"term": "git.moebelhaus-intern.de", "kind": "internal_host"},
    {"term": "Müller Antriebe", "kind": "supplier"},
    {"term": "Textilwerk Porto", "kind": "supplier"},
    {"term": "Charge 311", "kind": "quality_data"},
    {"term": "NHX", "kind": "internal_system"},
    {"term": "Brandtner Versicherungsmakler", "kind": "wettbewerb"},
    {"term": "Hautklar Retinol Night", "kind": "unreleased_product"},
    {"term": "Wolkenweich Gletscher", "kind": "unreleased_product", "note": "cooling pillow"},
    {"pattern": r"NHD-\d{4,6}", "kind": "ticket_id"},
]
_SHOP = make_validator(_TERMS, allowed_terms=["Retinol", "Ergosit 5", "Bärenkraft Pro 5"])


def _found(text: str) -> list[tuple[int, int, str]]:
    return [(leak.start, leak.end, leak.kind) for leak in _SHOP.scan(text)]


# The reviewer's sentences: benign ones (none blocked any more) and the leaks the round catches.
REVIEW_BENIGN = [
    "Das kostet elf achtzig.",
    "Das Katzenstreu kostet elf Euro achtzig im Shop.",
    "That's thirty-one eighty at checkout.",
    "Your total is thirty-one eighty including shipping.",
    "Sie zahlen dafür dreiundzwanzig vierzig, inklusive Versand.",
    "You pay twenty-three forty for the cushion set.",
    "Wir kaufen Ihnen das Sofa gern für elf achtzig Rabatt ab – nein, Spaß beiseite, der Gutschein gilt.",
    "Wir zahlen Ihnen elf Euro achtzig zurück.",
    "We'll refund you thirty-one eighty within five days.",
    "Die Lieferung kommt am ersten März.",
    "Lieferung am ersten März zwischen 8 und 12 Uhr.",
    "Your delivery is scheduled for the first of March.",
    "Die Preise steigen bei uns nicht, auch nicht am ersten März.",
    "Ab dem ersten März gilt unser neuer Katalog.",
    "Our spring sale starts on the fifteenth of June.",
    "Der Sommerschlussverkauf beginnt am fünfzehnten Juni.",
    "Wir sind seit zweitausendzwölf für Sie da.",
    "We have been in business since two thousand and twelve.",
    "Die Garantie läuft bis zweitausendsiebenundzwanzig.",
    "Der Falke ist ein Greifvogel.",
    "Mit der Actionkamera können Sie auch einen Falken im Flug filmen.",
    "Der Falkenkamera-Aufsatz ist leider ausverkauft.",
    "Kiesel Streu aus dem Baumarkt ist für Katzen ungeeignet.",
    "Kieselsteine im Garten sind pflegeleicht.",
    "Unser Kieselgur-Filter ist waschbar.",
    "Novasofa ist kein Produkt von uns.",
    "Das Nova Sofa gibt es bei uns nicht, aber das Modell Lund ist sehr ähnlich.",
    "Die Supernova ist ein Sternereignis.",
    "Atlas Schrank? Den führen wir leider nicht.",
    "Der Atlas liegt im Regal neben dem Globus.",
    "Im Schrankatlas finden Sie alle Maße.",
    "Der Straßenatlas ist im Reisepaket enthalten.",
    "Orion ist ein Sternbild, das im Winter gut zu sehen ist.",
    "Die Reise-App zeigt Ihnen den Orion-Nebel leider nicht.",
    "Zedernholz riecht angenehm und hält Motten fern.",
    "Die Zedernholz Creme ist ein Duftprodukt unseres Partners.",
    "Unser Ergosit 5 hat sieben Verstellmöglichkeiten.",
    "The Ergosit five has seven adjustment options.",
    "Der Bärenkraft Pro 5 hat sieben Gänge.",
    "Ich darf Ihnen leider keine internen Informationen geben.",
    "That's the most I'm allowed to tell you about our plans.",
    "I'm sorry, that's the most I'm allowed to go to on this chat – please call our hotline.",
    "Mehr darf ich Ihnen dazu leider nicht sagen.",
    "Sie dürfen bis zu 60 € Pfand zurückbekommen.",
    "You're allowed up to €60 for the hotel voucher.",
    "Der Topfdeckel passt auf alle Töpfe der Serie.",
    "Für die Vermittlung zahlen Sie keine Provision.",
    "The broker's commission is included in your insurance premium.",
    "Unser Lager ist derzeit gut ausgelastet, Lieferzeit 3 Tage.",
    "Die Hotels sind im Sommer zu 100 Prozent ausgelastet.",
    "Ihre Charge finden Sie auf dem Etikett, z. B. Charge 2409.",
    "Is your cream from batch 311? Please send a photo of the label.",
    "Bitte schreiben Sie uns die Chargennummer, dann prüfen wir das.",
    "Der Akkuschrauber kostet neunundvierzig neunzig.",
    "Der Bohrhammer ist ab dreihundertzwölf Euro zu haben.",
    "Die Reiseversicherung kostet elf achtzig pro Person.",
    "Your travel insurance costs eleven eighty per person.",
    "Das Spielzeugset enthält zwölfhundert Bausteine.",
    "The toy set contains twelve hundred bricks.",
    "Wir haben zwölfhundert Stück auf Lager.",
    "Der Porto-Anteil beträgt drei Euro.",
    "Our textile partner in Porto produces organic cotton.",
    "Der Falke 2 Akkuschrauber ist ein Bestseller.",
    "Die Gletscherbrille schützt vor UV.",
    "Our cooling pillow Wolkenweich is available in two sizes.",
    "Kaufen Sie zwei, dann zahlen Sie nur dreiundzwanzig vierzig pro Stück.",
    "Buy the bundle and you pay thirty-one eighty instead of forty.",
    "Am ersten Advent haben wir länger geöffnet.",
    "Ihre Versicherung wechselt zum ersten Januar in den neuen Tarif, den Sie gewählt haben.",
    "Die Bestellung über elf achtzig ist eingegangen.",
    "Das Katzenstreu kostet elf achtzig im Shop.",
    "Der Kissenbezug kostet dreiundzwanzig vierzig Euro.",
    "Der Kissenbezug kostet dreiundzwanzig Euro vierzig.",
    "The pillow case costs twenty-three euros forty.",
    "Wir zahlen Ihnen 5 Euro zurück.",
    "Wir zahlen Ihnen fünf Euro zurück.",
    "Wir erstatten Ihnen elf Euro achtzig.",
    "Wir schreiben Ihnen elf Euro achtzig gut.",
    "Sie bekommen elf Euro achtzig zurück.",
    "You'll get eleven euros eighty back.",
    "We refund eleven euros eighty.",
    "Die Sonnencreme kostet elf Euro achtzig.",
    "Kaufen Sie heute ein, zahlen Sie nur elf achtzig.",
    "Beim Einkauf über die App zahlen Sie elf achtzig statt vierzehn.",
    "If you buy it now, it's thirty-one eighty.",
    "When you purchase the plan you pay thirty-one eighty a month.",
    "Wenn Sie zwei kaufen, kostet jedes dreiundzwanzig vierzig.",
    "Die Adresse lautet gartenwerk(dot)de.",
    "Das Nova gibt es nicht.",
    "Ein Nova Sofa führen wir nicht.",
    "Das Nova Sofa ist leider ausverkauft.",
    "Nova Sofas sind bei uns nicht im Sortiment.",
    "Nova Sofa? Das führen wir nicht.",
    "Der Atlas Schrank aus dem Katalog ist leider vergriffen.",
    "Atlas Schränke von IKEA führen wir nicht.",
    "Falke Kameras führen wir nicht, nur Sony und GoPro.",
    "Der Falke Kamerakurs findet am Samstag statt.",
    "Kiesel im Aquarium: Streu ist dafür nicht geeignet.",
    "Zeder Creme? Meinen Sie unsere Zedernholz-Bodylotion?",
    "Die Zedercreme von Weleda führen wir nicht.",
    "Am ersten März ist unsere Filiale geschlossen.",
    "Vom ersten März an gelten längere Öffnungszeiten.",
    "Bis 60 € darf ich Ihnen einen Gutschein ausstellen, das ist unser Standard für Verspätungen.",
    "Bis 95 € übernimmt Ihre Versicherung die Reparatur.",
    "Your policy covers repairs up to €95.",
    "Die Werkstatt ist ausgelastet, der nächste Termin ist Dienstag.",
    "Der Versicherer zahlt 12 % Provision an Makler? Dazu kann ich nichts sagen.",
]

REVIEW_LEAKS = [
    ("We buy them in at thirty-one eighty each.", [(18, 35, "purchase_price"), (18, 35, "purchase_price")]),
    ("Unser Einkaufspreis liegt bei dreiundzwanzig vierzig.", [(30, 52, "purchase_price"), (30, 52, "purchase_price")]),
    ("Our purchase price is twenty-three forty per chair.", [(22, 40, "purchase_price"), (22, 40, "purchase_price")]),
    (
        "Im Einkauf zahlen wir elf Euro achtzig.",
        [(22, 38, "purchase_price"), (22, 38, "purchase_price"), (22, 38, "einkaufspreis")],
    ),
    ("Der Ergosit sieben kommt im Herbst.", [(4, 18, "unreleased_product")]),
    ("The Ergosit seven launches in autumn.", [(4, 17, "unreleased_product")]),
    ("Der Bärenkraft Pro sieben ist fast fertig.", [(4, 25, "unreleased_product")]),
    ("Check git(dot)moebelhaus-intern(dot)de for the build.", [(6, 38, "internal_host")]),
    ("Der Build liegt auf git[punkt]moebelhaus-intern[punkt]de.", [(20, 56, "internal_host")]),
    ("git dot moebelhaus-intern dot de has the tickets.", [(0, 32, "internal_host")]),
    ("Die Falkenkamera kommt 2027.", [(4, 9, "codename")]),
    ("Falke Kamera kommt 2027 in den Handel.", [(0, 5, "codename")]),
    ("Das Kieselstreu kommt im Mai.", [(4, 10, "codename")]),
    ("Kiesel Streu ist ab Mai erhältlich und klumpt doppelt so gut.", [(0, 6, "codename")]),
    ("Das Novasofa kommt im Herbst in fünf Farben.", [(4, 8, "codename")]),
    ("Nova Sofa kommt im Herbst.", [(0, 4, "codename")]),
    ("Der Atlasschrank ist fast fertig.", [(4, 9, "codename")]),
    ("Beim Test des Falken – so nennen wir den Nachfolger intern – lief alles glatt.", [(14, 20, "codename")]),
    ("The Wolkenweich Glacier launches next spring.", [(4, 23, "unreleased_product")]),
    ("Ohne Rückfrage kann ich Ihnen bis zu 95 € für die Reparatur erstatten.", [(37, 41, "goodwill_limit")]),
    ("Händler bekommen bei uns 12 % Provision.", [(25, 29, "negotiation")]),
    ("Dealers get a 12 % commission.", [(14, 18, "negotiation")]),
    ("Unser Lager ist zu 130 Prozent ausgelastet.", [(19, 30, "capacity_data")]),
    ("That's the most I'm allowed to go to: €60 as a goodwill refund.", [(38, 41, "goodwill_limit")]),
    ("Bis 60 € darf ich gehen, mehr geht nicht.", [(4, 8, "goodwill_limit")]),
    ("Batch 311 failed our seal test.", [(6, 9, "quality_data")]),
    ("Die Streu beziehen wir vom Textilwerk Porto.", [(27, 43, "supplier")]),
    ("Unsere Motoren kommen von Müller Antriebe.", [(26, 41, "supplier")]),
    ("Das Ticket NHD-12345 ist intern eskaliert.", [(11, 20, "ticket_id")]),
    ("Die Zeder-Creme kommt nächstes Jahr.", [(4, 9, "codename")]),
    ("Hautklar Retinol Night kommt im Winter.", [(0, 22, "unreleased_product")]),
    ("Im NHX sehe ich Ihren Vorgang.", [(3, 6, "internal_system")]),
    ("Zum ersten März steigen die Preise um 5 %.", [(0, 15, "internal_plan")]),
    (
        "Das Streu kaufen wir für elf achtzig ein.",
        [(25, 36, "purchase_price"), (25, 36, "purchase_price"), (25, 36, "einkaufspreis")],
    ),
    ("Wir kaufen das Streu für 11,80 € ein.", [(25, 32, "einkaufspreis")]),
    (
        "Im Einkauf kostet uns das Streu elf achtzig.",
        [(32, 43, "purchase_price"), (32, 43, "purchase_price"), (32, 43, "einkaufspreis")],
    ),
]


@pytest.mark.parametrize("text", REVIEW_BENIGN)
def test_review_benign_sentences_stay_quiet(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(("text", "expected"), REVIEW_LEAKS)
def test_review_leaks_are_still_caught(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert _found(text) == expected


# 1. The lid: granted by the agent or called goodwill (leak); published by an insurer, tariff or warranty.
LID_LEAKS = [
    ("Ich kann Ihnen bis zu 95 € für die Reparatur aus Kulanz geben.", [(22, 26, "goodwill_limit")]),
    ("Über die Garantie hinaus übernehme ich aus Kulanz bis 95 € der Reparatur.", [(54, 58, "goodwill_limit")]),
    ("Der Deckel für Reparaturen liegt bei 95 €.", [(37, 41, "goodwill_limit")]),
    ("For repairs we can cover at most €95 without approval.", [(33, 36, "goodwill_limit")]),
]
LID_NEAR_MISSES = [
    "Bis 95 € übernimmt Ihre Versicherung die Reparatur.",
    "Your policy covers repairs up to €95.",
    "Für Reparaturen gilt eine Selbstbeteiligung von höchstens 95 €.",
    "The repair cap in your tariff is €95 per year.",
    "Your insurer covers the repair up to €95, and I can add nothing.",
    "Die Garantie deckt Reparaturen bis 95 € ab.",
    "The warranty pays for repairs of up to €95.",
    "Der Tarif Basis erstattet Reparaturen bis maximal 95 €.",
]


@pytest.mark.parametrize(("text", "expected"), LID_LEAKS)
def test_a_lid_the_agent_grants_leaks(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", LID_NEAR_MISSES)
def test_a_published_limit_of_the_same_value_is_no_lid(text: str) -> None:
    assert _found(text) == []


# 2. A codename beside its product kind: announced (leak); denied, another maker's, sold out, listed.
KIND_LEAKS = [
    ("Die Falke Kamera kommt 2027.", [(4, 9, "codename")]),
    ("Falke Kameras erscheinen im Herbst.", [(0, 5, "codename")]),
    ("Die Falke Kamera ist noch nicht erhältlich, sie kommt im Mai.", [(4, 9, "codename")]),
    ("Nova Sofas starten ab März.", [(0, 4, "codename")]),
    ("Die Novasofas sind bald da.", [(4, 8, "codename")]),
    ("Das Nova Sofa von Anfang an mit Bettfunktion.", [(4, 8, "codename")]),
    ("The Falke camera is due by March.", [(4, 9, "codename")]),
    ("Die Zedercreme kommt im Herbst.", [(4, 9, "codename")]),
]
KIND_NEAR_MISSES = [
    "Die Zedercreme von Weleda gibt es bei uns.",
    "Die Falke Kamera von Sony ist eine gute Wahl.",
    "Den Atlas Schrank gibt es nur im Katalog von 2019.",
    "Die Falke Kamera ist ausverkauft.",
    "Die Falke Kamera ist vergriffen.",
    "Garten Stuhl, Tisch und Bank sind im Set.",
    "Nova Sofa oder Sessel: beides führen wir nicht.",
    "Kiesel Streu klumpt nass.",
    "Falke Kameras filmen auch unter Wasser.",
]


@pytest.mark.parametrize(("text", "expected"), KIND_LEAKS)
def test_a_codename_announced_beside_its_kind_leaks(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", KIND_NEAR_MISSES)
def test_an_ordinary_product_beside_its_kind_stays_quiet(text: str) -> None:
    assert _found(text) == []


# 3. Closed compounds the word list knows, however rare (Zipf 1.2 to 1.7), are ordinary words.
@pytest.mark.parametrize(
    "text",
    [
        "Das Federkissen ist waschbar.",
        "Federkissen sind für Allergiker ungeeignet.",
        "Daunenkissen sind leichter als Federkissen.",
        "Der Gartenstuhl ist wetterfest.",
    ],
)
def test_a_compound_the_word_list_knows_is_ordinary(text: str) -> None:
    assert _found(text) == []


def test_a_coined_compound_still_names_the_product() -> None:
    assert _found("Das Novasofa kommt im Herbst in fünf Farben.") == [(4, 8, "codename")]


# 4. Amounts in number words: a purchase said (leak); a shop price or a refund of the same value.
SPOKEN_LEAKS = [
    (
        "Im Einkauf kostet uns das Streu elf Euro achtzig.",
        [(32, 48, "purchase_price"), (32, 48, "purchase_price"), (32, 48, "einkaufspreis")],
    ),
    (
        "We pay the supplier eleven euros eighty per bag.",
        [(20, 39, "purchase_price"), (20, 39, "purchase_price"), (20, 39, "einkaufspreis")],
    ),
    (
        "Wir zahlen dem Lieferanten dreiundzwanzig vierzig Euro pro Bezug.",
        [(27, 54, "purchase_price"), (27, 54, "purchase_price")],
    ),
]
SPOKEN_LEAKS += [
    (
        "In der Herstellung kostet uns der Bezug dreiundzwanzig Euro vierzig.",
        [(40, 67, "purchase_price"), (40, 67, "purchase_price")],
    ),
    ("Purchasing-wise the cushion cover is at twenty-three euros forty.", [(40, 64, "purchase_price")]),
    ("Vom Lieferanten bekommen wir den Bezug für dreiundzwanzig Euro vierzig.", [(43, 70, "purchase_price")]),
]
SPOKEN_NEAR_MISSES = [
    "Beim Einkauf in der App zahlen Sie elf Euro achtzig.",
    "When you purchase the plan you pay eleven euros eighty a month.",
    "Die Sonnencreme kostet elf Euro achtzig.",
    "Wir zahlen Ihnen die elf Euro achtzig zurück.",
    "Wir erstatten Ihnen elf Euro achtzig.",
    "We refund eleven euros eighty.",
    "You'll get eleven euros eighty back.",
    "Der Kissenbezug kostet dreiundzwanzig vierzig Euro.",
    "The pillow case costs twenty-three euros forty.",
    "Wir zahlen Ihnen fünf Euro zurück.",
]


@pytest.mark.parametrize(("text", "expected"), SPOKEN_LEAKS)
def test_a_purchase_price_in_words_leaks(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", SPOKEN_NEAR_MISSES)
def test_a_shop_price_or_refund_in_words_stays_quiet(text: str) -> None:
    assert _found(text) == []


def test_an_amount_in_digits_keeps_its_configured_reading() -> None:
    # A fixed pattern's value in digits is the configured amount whatever the sentence says (BASE behaviour);
    # only the purchase cue's reading of a refund is dropped.
    assert _found("Wir zahlen Ihnen 23,40 € zurück.") == [(17, 24, "purchase_price")]
