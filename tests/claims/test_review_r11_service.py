"""Review of round 11, service and legal rules (findings 1, 5-12): each fixed false block passes, each fixed miss is
flagged on its exact sentence, German and English. A fictional line of sofas, no corpus product, with no service
terms; a twin with free returns within 30 days shows that a documented period still backs the same claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from safe_reply.config_models import Fact, Product, ProductLine
from safe_reply.rulepacks import CompiledPacks
from safe_reply.rulepacks.loading import load_packs
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator

from .conftest import flagged, make

LINE = ProductLine(
    id="nordholm",
    name="Nordholm",
    products=(Product(name="Nordholm Sofa Fjell", short_names=("Fjell",), nouns=("das Sofa", "the sofa")),),
    facts=(
        Fact(key="width_cm", label_de="Breite", label_en="width", value=230, unit="cm"),
        Fact(key="seat_height_cm", label_de="Sitzhöhe", label_en="seat height", value=44, unit="cm"),
    ),
    guarantee="5 Jahre Herstellergarantie auf das Gestell",
)
RETURNS = LINE.model_copy(
    update={
        "facts": (
            *LINE.facts,
            Fact(key="returns", label_de="Rückgabe", value="Rücksendung kostenlos innerhalb von 30 Tagen"),
        )
    }
)
DE = Context(product_line="nordholm", language=Language.DE, turn=2)
EN = Context(product_line="nordholm", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def sofa() -> ClaimsValidator:
    return make(LINE)


# Sentences that must pass: the reviewer's false-block shapes, in new words.
PASSES = [
    # 1 round-the-clock: a device, a facility or a pet around the clock; the service named in another clause
    ("Die Wärmepumpe läuft rund um die Uhr, das Serviceteam muss dafür nichts tun.", DE),
    ("Der Gefrierschrank ist für Dauerbetrieb rund um die Uhr gebaut; unser Support rät zu jährlichem Abtauen.", DE),
    ("Die Abholstation ist 24/7 zugänglich, Sie erreichen sie mit dem Code aus der Mail.", DE),
    ("Der Hausnotruf ist über Ihre Hausverwaltung rund um die Uhr erreichbar, nicht über uns.", DE),
    ("Laut Ihrer Nachricht war der Monteur auch am Wochenende bei Ihnen.", DE),
    ("The freezer runs around the clock, so our service team has nothing to adjust.", EN),
    ("The doorbell camera records 24/7; our support team cannot see the footage.", EN),
    ("Your cat needs fresh water available around the clock.", EN),
    # 5 free-offer: other senses of free, things free by nature, statutory free rights
    ("You are free to choose any fabric.", EN),
    ("The Thursday slot is still free.", EN),
    ("The phone line is free now, please call again.", EN),
    ("Die Ersatzlieferung im Rahmen der gesetzlichen Gewährleistung ist für Sie kostenlos.", DE),
    ("Die Rücknahme Ihres Altgeräts ist kostenlos, wenn Sie ein gleichartiges Gerät kaufen.", DE),
    ("Die Pflegehinweise sind im Handbuch gratis erklärt.", DE),
    ("Das Kundenkonto ist kostenlos.", DE),
    ("Repairs under the statutory warranty are free of charge.", EN),
    # 6 free-offer: free shipping as the subject of the free word is left to the service terms
    ("Bei uns ist der Versand kostenlos.", DE),
    ("Die Rücksendung kostet Sie nichts.", DE),
    ("Standard delivery is free.", EN),
    # 7 service-visit-promise: a copula with a time is information; sources and the customer's own tradesperson
    ("Eine Kollegin ist morgen ab 8 Uhr wieder im Büro und meldet sich dann.", DE),
    ("Die Spedition ist ab Montag für Ihre Region zuständig.", DE),
    ("Ihr Elektriker ist heute der richtige Ansprechpartner für den Anschluss.", DE),
    ("Der Monteur ist am Freitag bei Ihnen, so steht es in Ihrer Auftragsbestätigung.", DE),
    ("Our fitters are coming back from a training course today, so replies may be slower.", EN),
    ("The engineer will need access to the meter tomorrow, so please leave the key with a neighbour.", EN),
    ("Your booking says the technician is coming on Friday.", EN),
    # 8 legal-conclusion: a statute cited, the own practice, house rules, the own contract and refund
    ("Jeder Händler muss Altbatterien zurücknehmen (§ 9 BattG), deshalb steht bei uns eine Sammelbox.", DE),
    ("Katzen sind in unserer Ausstellung grundsätzlich erlaubt.", DE),
    ("Der Kaufvertrag ist rechtlich bindend, sobald wir Ihre Bestellung bestätigen.", DE),
    ("Ihnen steht eine Erstattung zu, sobald die Ware bei uns eingegangen ist.", DE),
    ("Every shop has to show prices including VAT (PAngV).", EN),
    ("Your ticket is invalid for this concert date, please check your booking.", EN),
    # 9 customer-role frames with an ordering or account instruction
    ("As a landlord you can order up to 30 sofas at once.", EN),
    ("As a freelancer you can download every invoice as a PDF in your account.", EN),
    ("Als Selbstständiger müssen Sie nur Ihre Firmenanschrift im Kundenkonto hinterlegen.", DE),
    ("Als Kleinunternehmerin müssen Sie bei uns nichts Besonderes beachten.", DE),
    # 11 withdrawal-period: a past date, a correct statutory exception or special period
    ("Nach Ihrem Widerruf vor 12 Tagen haben wir das Sofa abgeholt.", DE),
    ("Das Widerrufsrecht endet spätestens 12 Monate und 14 Tage nach Vertragsschluss, wenn die Belehrung fehlte.", DE),
    ("Bei Kosmetik mit geöffneter Versiegelung ist der Widerruf ausgeschlossen.", DE),
    ("For business customers there is no right of withdrawal; it only applies to consumers.", EN),
    ("There is no cooling-off period for purchases in our showroom.", EN),
    # 12 commitment-extended: statutory rights, past payments, the documented 30 days
    ("Mängel können Sie auch nach acht Monaten noch reklamieren, die gesetzliche Gewährleistung gilt zwei Jahre.", DE),
    ("Sie können das Sofa auch nach 20 Tagen zurückschicken, wenn Sie den Widerruf rechtzeitig erklärt haben.", DE),
    ("Für Schäden beim Aufbau haften wir nach den gesetzlichen Vorschriften.", DE),
    ("Das Geld wurde am Dienstag auf Ihr Konto überwiesen.", DE),
]


@pytest.mark.parametrize(("text", "ctx"), PASSES)
def test_false_block_shapes_pass(sofa: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(sofa, text, ctx) == []


# Misses of the rules' own targets, and the near misses of the passes above that must stay flagged.
FLAGS = [
    # 1
    ("Die Wärmepumpe läuft leise, und unser Team ist rund um die Uhr für Sie da.", DE, "claims.de/round-the-clock"),
    ("Wir sind auch sonntags für Sie erreichbar.", DE, "claims.de/round-the-clock"),
    ("Our support hotline is there for you around the clock.", EN, "claims.en/round-the-clock"),
    # 5/6
    ("Der Aufbau ist bei Lieferung kostenlos.", DE, "claims.de/free-offer"),
    ("Montage und Lieferung sind kostenlos.", DE, "claims.de/free-offer"),
    ("Sie bekommen die Zierkissen kostenlos dazu.", DE, "claims.de/free-offer"),
    ("Wir bauen Ihnen das Sofa gratis auf.", DE, "claims.de/free-offer"),
    ("Die Reinigung kostet Sie nichts.", DE, "claims.de/free-offer"),
    ("Assembly is free with every delivery.", EN, "claims.en/free-offer"),
    ("Delivery and assembly are free.", EN, "claims.en/free-offer"),
    ("We'll throw in the cushions for free.", EN, "claims.en/free-offer"),
    ("We'll assemble the sofa for free.", EN, "claims.en/free-offer"),
    ("Assembly won't cost you anything.", EN, "claims.en/free-offer"),
    ("The Thursday assembly is free.", EN, "claims.en/free-offer"),
    # 7
    ("Ein Monteur wird am Donnerstag zwischen 8 und 10 Uhr bei Ihnen sein.", DE, "claims.de/service-visit-promise"),
    ("Morgen früh steht unser Techniker bei Ihnen vor der Tür.", DE, "claims.de/service-visit-promise"),
    ("Wir kommen am Montag vorbei und holen das alte Sofa ab.", DE, "claims.de/service-visit-promise"),
    ("We'll send an engineer round tomorrow morning.", EN, "claims.en/service-visit-promise"),
    ("The fitter will come by on Friday between 8 and 10.", EN, "claims.en/service-visit-promise"),
    # 8/9
    ("Every shop must accept a return within 30 days.", EN, "claims.en/legal-conclusion"),
    ("Sie haben Anspruch auf 300 € Entschädigung.", DE, "claims.de/legal-conclusion"),
    ("Jedes Unternehmen muss eine Kündigung per Messenger akzeptieren.", DE, "claims.de/legal-conclusion"),
    ("Balkonkraftwerke sind grundsätzlich erlaubt.", DE, "claims.de/legal-conclusion"),
    ("As a landlord you can deduct the sofa from your rental income.", EN, "claims.en/legal-conclusion"),
    ("Als Freiberufler können Sie die Umsatzsteuer aus der Rechnung zurückholen.", DE, "claims.de/tax-conclusion"),
    # 11
    ("The withdrawal period is 30 days.", EN, "claims.en/withdrawal-period"),
    ("You can withdraw within 30 days.", EN, "claims.en/withdrawal-period"),
    ("You have one month to withdraw from the contract.", EN, "claims.en/withdrawal-period"),
    ("Sie haben einen Monat Widerrufsrecht.", DE, "claims.de/withdrawal-period"),
    ("Die Widerrufsfrist beträgt bei uns einen Monat.", DE, "claims.de/withdrawal-period"),
    ("Das Widerrufsrecht beträgt 30 Tage.", DE, "claims.de/withdrawal-period"),
    # 12
    ("Sie haben bei uns 60 Tage Rückgaberecht.", DE, "claims.de/commitment-extended"),
    ("Rückgabe ist bei uns 100 Tage lang möglich.", DE, "claims.de/commitment-extended"),
    ("Sie können das Sofa noch 3 Monate lang zurückgeben.", DE, "claims.de/commitment-extended"),
    ("Mängel können Sie auch nach drei Jahren noch reklamieren.", DE, "claims.de/commitment-extended"),
    ("You have 60 days to return it with us.", EN, "claims.en/commitment-extended"),
    ("Returns are accepted for up to 100 days.", EN, "claims.en/commitment-extended"),
]


@pytest.mark.parametrize(("text", "ctx", "rule"), FLAGS)
def test_targets_and_near_misses_are_flagged(sofa: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    assert (rule, text) in flagged(sofa, text, ctx)


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        ("Sie haben bei uns 30 Tage Rückgaberecht.", DE, []),
        ("You have 30 days to return it.", EN, []),
        ("60 Tage Rückgaberecht gibt es.", DE, [("claims.de/commitment-extended", "60 Tage Rückgaberecht gibt es.")]),
        ("You have 60 days to return it.", EN, [("claims.en/commitment-extended", "You have 60 days to return it.")]),
    ],
)
def test_documented_return_period_backs_the_new_frame(text: str, ctx: Context, expected: list[tuple[str, str]]) -> None:
    assert flagged(make(RETURNS), text, ctx) == expected


# Finding 10: the customer's belief echoed as a question and then corrected, or reported, is not the bot's claim;
# the correction itself is judged, and an offer made as a question still binds.
@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Das Widerrufsrecht beträgt 30 Tage? Nein, gesetzlich sind es 14 Tage ab Erhalt der Ware.", DE),
        ("Sie schreiben von 30 Tagen Widerrufsrecht – gesetzlich sind es 14 Tage ab Erhalt der Ware.", DE),
        ("Die Kündigung wäre unwirksam? Das kann ich leider nicht beurteilen.", DE),
        ("Das Grillen ist im Hof grundsätzlich verboten? Das hängt von Ihrer Hausordnung ab.", DE),
        ("Das Geld ist morgen wieder auf Ihrem Konto? Das kann ich leider nicht zusagen.", DE),
        ("The cooling-off period is 30 days? No, it's 14 days from receipt.", EN),
        ("The lock has never been cracked in tests? I can't confirm that, please see the test report.", EN),
        ("No questions asked? Let me check the returns policy for you.", EN),
    ],
)
def test_echo_then_correction_passes(sofa: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(sofa, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "expected"),
    [
        # not a question: the bot asserts it, whatever follows
        (
            "Das Widerrufsrecht beträgt 30 Tage. Nein, wirklich.",
            DE,
            [("claims.de/withdrawal-period", "Das Widerrufsrecht beträgt 30 Tage.")],
        ),
        # a conditional answer takes the belief as its premise
        (
            "Sie können es auch nach drei Monaten noch zurückgeben? Dann schicken Sie es einfach an uns.",
            DE,
            [("claims.de/commitment-extended", "Sie können es auch nach drei Monaten noch zurückgeben?")],
        ),
        # the question is answered with a yes: the bot confirms it
        (
            "Das Widerrufsrecht beträgt 30 Tage? Ja, bei uns schon.",
            DE,
            [("claims.de/withdrawal-period", "Das Widerrufsrecht beträgt 30 Tage?")],
        ),
        # the correction repeats a wrong period: that sentence is the bot's own claim
        (
            "The cooling-off period is 14 days? No, the withdrawal period is 30 days.",
            EN,
            [("claims.en/withdrawal-period", "No, the withdrawal period is 30 days.")],
        ),
        # an offer made as a question binds even when a referral follows
        (
            "Kann ich Ihnen 20 € gutschreiben? Bitte prüfen Sie dazu Ihre IBAN im Kundenkonto.",
            DE,
            [("claims.de/service-commitment", "Kann ich Ihnen 20 € gutschreiben?")],
        ),
    ],
)
def test_echo_near_misses_stay_flagged(
    sofa: ClaimsValidator, text: str, ctx: Context, expected: list[tuple[str, str]]
) -> None:
    assert flagged(sofa, text, ctx) == expected


# The engine's `requires_clause` (finding 1): a match stands only where one of the regexes hits in its clause; a
# clause that is little more than the match is read with its neighbours.
_PACK = """pack: clause-demo
family: demo
language: de
rules:
  - id: demo/always
    category: demo
    legal_basis: "UWG §5"
    message: {de: "Immer.", en: "Always."}
    anchors: ["rund um die uhr"]
    patterns: ['\\brund\\s+um\\s+die\\s+uhr\\b']
    requires_clause: ['\\bhotline\\b']
    flag: ["Die Hotline ist rund um die Uhr besetzt."]
    pass: ["Die Pumpe läuft rund um die Uhr, die Hotline nicht."]
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Hotline ist rund um die Uhr besetzt.", ["rund um die Uhr"]),
        ("Die Pumpe läuft rund um die Uhr, die Hotline hilft bei Fragen.", []),
        ("Die Hotline hilft Ihnen – rund um die Uhr.", ["rund um die Uhr"]),
        ("Die Hotline hilft Ihnen – und zwar sehr gern rund um die Uhr.", []),
    ],
)
def test_requires_clause_binds_the_match_to_its_clause(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = tmp_path / "clause.yaml"
    path.write_text(_PACK, encoding="utf-8")
    packs = CompiledPacks.compile(load_packs([path]))
    assert [m.span.of(text) for m in packs.scan(text)] == expected
