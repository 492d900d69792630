"""Round 11: leak classes of the r14-r17 misses, probed with wordings of other product kinds than the corpora's
(garden tools, e-scooters, coffee machines, pet food, bicycles), and their benign near misses.

- the price-rise clause check reads a reply's clause marks once: a reply of 100,000 characters of rise
  wordings is decided in linear time, and exactly as the clause-by-clause search decided.
"""

from __future__ import annotations

import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.validators.trade_secrets import Settings, build, clauses
from safe_reply.validators.trade_secrets.clauses import Clauses
from safe_reply.validators.trade_secrets.config import names_organisation
from safe_reply.validators.trade_secrets.numbers import Unit, quantities

from .conftest import make_validator

# The clause-by-clause search that Clauses replaced (round 10), as the reference of what it decides.
_PRICE_WORD = re.compile(
    r"\b(?:\w{0,30}-)?\w{0,30}?(?:preis|price|kosten|cost|beitr[aä]g|gebühr|fee|tarif|abo|premium|prämie|miete|rent)"
    r"(?:e|es|en|n|s|er)?\b(?<!mieter)",
    re.IGNORECASE,
)


def _reference_clause(text: str, start: int, end: int) -> tuple[int, int]:
    low = max(0, start - clauses._REACH)
    before = [m.end() for m in clauses._CLAUSE_END.finditer(text, low, start)]
    after = clauses._CLAUSE_END.search(text, end, min(len(text), end + clauses._REACH))
    return (before[-1] if before else low, after.start() if after else min(len(text), end + clauses._REACH))


def _reference_negated(text: str, start: int, end: int, clause: tuple[int, int]) -> bool:
    words_before = clauses._WORD.findall(text, clause[0], start)[-3:]
    words_after = clauses._WORD.findall(text, end, clause[1])[:3]
    return any(clauses._NEGATION.fullmatch(w) for w in (*words_before, *words_after))


def _reference_rise(text: str, start: int, end: int) -> bool:
    clause = _reference_clause(text, start, end)
    if _reference_negated(text, start, end, clause) or clauses._HABITUAL.search(text, *clause):
        return False
    return any(
        not clauses._NOT_RISING_BEFORE.search(text, max(clause[0], m.start() - 30), m.start())
        for m in _PRICE_WORD.finditer(text, *clause)
    )


_TOKENS = ["erhöhen", "erhöh", "die", "Preise", "Abo-Preise", "Mieter", "des", "Tarifs", "nicht", "not", "prices",
           "usually", "we", "raise", "the", "fee", ",", ".", " – ", "Datenvolumen", "ohne", "Aufpreis", "seit", "Juli",
           "Monatsbeitrag", "current", "keine"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=30))
def test_the_clause_reader_decides_as_the_clause_search_did(tokens: list[str]) -> None:
    text = " ".join(tokens)
    reader = Clauses(text)
    for match in re.finditer("erhöh", text):
        assert reader.rise_stated(match.start(), match.end()) is _reference_rise(text, match.start(), match.end())


def test_a_reply_of_rise_wordings_is_decided_in_linear_time() -> None:
    validator = make_validator([{"term": "Preiserhöhung April 2027", "kind": "internal_plan"}])

    def cost(text: str) -> float:
        # CPU time of this thread, the fastest of two runs: waiting for a CPU on a loaded machine is not work.
        taken = []
        for _ in range(2):
            started = time.thread_time()
            validator.scan(text)
            taken.append(time.thread_time() - started)
        return min(taken)

    for unit in ("erhöh ", "Preise erhöh ", "nicht erhöh "):
        small, large = cost(unit * (10_000 // len(unit))), cost(unit * (100_000 // len(unit)))
        assert large < max(small, 0.005) * 20  # ten times the text, linear with slack
        assert large < 1.0  # the budget of a reply is 2 s; it took 1.6 s on a quiet machine


# Number words (L2) and defanged hosts (L5), on garden tools, coffee capsules and e-scooters.
_NUMBERS = make_validator(
    [
        {"pattern": r"(?i)\b23[,.]40\s?(?:€|EUR|Euro)", "kind": "purchase_price"},
        {"pattern": r"\b6[,.]90?\s?(?:€|EUR)", "kind": "einkaufspreis"},
        {"term": "Preiserhöhung 1. März 2027", "kind": "internal_plan"},
        {"term": "Stadtflitzer 9", "kind": "unreleased_product"},
        {"term": "git.gartenwerk-intern.de", "kind": "internal_host"},
    ],
    allowed_terms=["Stadtflitzer 5"],
)

NUMBER_LEAKS = [
    # A price spoken without its currency after a purchase cue: euros, then the cents.
    ("Die Astschere kaufen wir für dreiundzwanzig vierzig ein.", [(29, 51, "purchase_price")]),
    ("We get them for twenty-three forty apiece.", [(16, 34, "purchase_price")]),
    # ... and a fixed amount of another kind ("11[,.]80?" reads as 11,80 €, its last zero optional).
    ("Uns kostet die Kapselpackung sechs Euro neunzig.", [(29, 47, "purchase_price"), (29, 47, "einkaufspreis")]),
    ("Our unit cost is six ninety a pack.", [(17, 27, "purchase_price"), (17, 27, "einkaufspreis")]),
    ("Einkaufspreis? Ein Euro zwölf mehr als letztes Jahr, also sechs Euro neunzig.", [(58, 76, "einkaufspreis")]),
    # A day said as an ordinal word pins the month of a dated plan.
    ("Zum ersten März steigen die Preise um rund 5 %.", [(0, 15, "internal_plan")]),
    ("Prices go up on the first of March, by about 5 %.", [(13, 34, "internal_plan")]),
    # A model number in words.
    ("Der Stadtflitzer neun kommt im Herbst.", [(4, 21, "unreleased_product")]),
    ("The Stadtflitzer nine launches in autumn.", [(4, 21, "unreleased_product")]),
    # A dot spelled out in brackets.
    ("Check git(dot)gartenwerk-intern(dot)de for the build.", [(6, 38, "internal_host")]),
    ("Der Build liegt auf git[punkt]gartenwerk-intern[punkt]de.", [(20, 56, "internal_host")]),
    ("git<dot>gartenwerk-intern<dot>de", [(0, 32, "internal_host")]),
]

NUMBER_NEAR_MISSES = [
    "Die Astschere kostet neunundzwanzig neunzig im Shop.",
    "We pay attention to quality since twenty twenty-one.",  # a year in two halves is no price
    "You ordered twenty-three forty-litre bags.",  # no purchase cue
    "Wir zahlen die Rücksendung, Sie sparen also sechs neunzig.",  # another clause pays nothing
    "Der Stadtflitzer 5 hat neun Gänge.",
    "The first of March is a Sunday.",
    "Die Preise bleiben am ersten März stabil.",
    "Zum ersten Mal gibt es den Stadtflitzer 5 in Blau.",
    "Die Adresse lautet gartenwerk(dot)de",  # a public host
    "You may first check the battery.",  # "may first" is no date
]


@pytest.mark.parametrize(("text", "expected"), NUMBER_LEAKS)
def test_number_words_and_defanged_hosts_leak(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(leak.start, leak.end, leak.kind) for leak in _NUMBERS.scan(text)] == expected


@pytest.mark.parametrize("text", NUMBER_NEAR_MISSES)
def test_number_word_near_misses_stay_quiet(text: str) -> None:
    assert _NUMBERS.scan(text) == []


def test_spoken_prices_and_ordinal_days_as_values() -> None:
    spoken = quantities("We buy them in at around thirty-one eighty each.")
    assert [(q.value, q.unit, q.spoken, q.start, q.end) for q in spoken] == [(Decimal("31.8"), Unit.NONE, True, 25, 42)]
    assert [(q.value, q.unit) for q in quantities("elf Euro achtzig")] == [(Decimal("11.8"), Unit.EUR)]
    assert [(q.value, q.unit) for q in quantities("one euro twelve")] == [(Decimal("1.12"), Unit.EUR)]
    assert [(q.value, q.unit) for q in quantities("zwölfhundert Stück")] == [(Decimal(1200), Unit.COUNT)]
    assert [(q.value, q.unit) for q in quantities("am einunddreißigsten Mai")] == [(Decimal(5), Unit.MONTH)]
    assert [q.spoken for q in quantities("twenty twenty-seven")] == []


def test_kind_names_decide_organisations_by_their_meaning() -> None:
    organisations = ["wettbewerb", "konkurrenz", "competitors_de", "competition", "kunden_dach", "key_account",
                     "client", "accounts", "grosskunde"]  # fmt: skip
    things = ["bank_account", "api_client", "user_account", "mail_client", "service_accounts", "iban_konto",
              "supply_chain_risk", "kundendaten", "ticket_intern"]  # fmt: skip
    assert [k for k in organisations if not names_organisation(k)] == []
    assert [k for k in things if names_organisation(k)] == []


def _line(facts: list[dict[str, str]]) -> ProductLine:
    return ProductLine.model_validate({"id": "books", "facts": facts})


# A part of a term that the line's own fact base says in public is no distinctive part: the VAT return's
# short name ("UStVA") of an internal rounding bug, a sensor's public protocol of an open security finding.
_PUBLISHED = build(
    Settings.model_validate(
        {
            "terms": [
                {"term": "UStVA-Rundungsfehler", "kind": "quality_data"},
                {"term": "Zigbee-Lücke Helix", "kind": "security_issue"},
                {"term": "Brandtner Oberflächentechnik", "kind": "supplier"},
            ]
        }
    ),
    BuildContext(
        _line(
            [
                {"key": "plans", "value": "Plus (UStVA per ELSTER), Pro (Bilanz-Export)"},
                {"key": "radio", "label_de": "Funk", "value": "Zigbee 3.0", "qualifier": "Helix-Hub"},
            ]
        ),
        Path("."),
        Path("books.yaml"),
        "validators.trade_secrets",
    ),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die UStVA übermitteln Sie im Tarif Plus direkt per ELSTER.", []),
        ("You can file your VAT return (UStVA) via ELSTER.", []),
        ("Der Helix-Hub funkt per Zigbee 3.0.", []),
        ("Der UStVA-Rundungsfehler ist noch offen.", [(4, 24, "quality_data")]),
        # A part the facts do not publish stays distinctive.
        ("Die Teile beschichtet Brandtner für uns.", [(22, 31, "supplier")]),
    ],
)
def test_a_part_the_fact_base_publishes_is_not_distinctive(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(leak.start, leak.end, leak.kind) for leak in _PUBLISHED.scan(text)] == expected


# Codenames inflected, compounded or translated (L3), on robot mowers, coffee grinders and pillows.
_NAMES = make_validator(
    [
        {"term": "Wiesel", "kind": "codename", "note": "planned robot mower platform; the animal is not a leak"},
        {"term": "Anker", "kind": "codename", "note": "next-generation coffee grinder"},
        {"term": "Wolkenweich Gletscher", "kind": "unreleased_product", "note": "cooling pillow, launch 2027"},
    ]
)

NAME_LEAKS = [
    # The note's product kind closed to the codename, where that compound is no ordinary word.
    ("Der Wieselmäher kommt im Frühjahr.", [(4, 10, "compound")]),
    ("Die Ankermühle mahlt feiner als alle bisherigen Modelle.", [(4, 9, "compound")]),
    # ... or beside it at a sentence start, in a clause that goes on.
    ("Wiesel Mäher mähen bald auch Hanglagen.", [(0, 6, "compound")]),
    ("Anker Mühle kommt 2027 in den Handel.", [(0, 5, "compound")]),
    # A gloss after the name says it is the successor's internal name.
    ("Beim Test des Ankers – so nennen wir den Nachfolger intern – lief alles glatt.", [(14, 20, "context")]),
    ("Der Wiesel, wie wir den Nachfolger intern nennen, mäht auch nachts.", [(4, 10, "context")]),
    ("Anker (unser Arbeitstitel) mahlt doppelt so schnell.", [(0, 5, "context")]),
    # A product name with its German word in English, the brand kept.
    ("The Wolkenweich Glacier launches next spring.", [(4, 23, "context")]),
]

NAME_NEAR_MISSES = [
    "Das Wiesel lebt im Garten.",
    "Werfen Sie den Anker am Ankerplatz.",
    "Wiesel Mäher? Nein, so ein Modell haben wir nicht.",  # a fragment echoing the customer
    "Der Anker – so heißt das Symbol auf der Verpackung.",  # a gloss without a naming cue
    "Ein Wiesel, das über den Rasen läuft, stört den Mäher nicht.",
    "Der Anker, der über dem Projektgelände hängt, ist verrostet.",
    "Glacier water is cold.",
    "Die Ankerkette ist verzinkt.",
]


@pytest.mark.parametrize(("text", "expected"), NAME_LEAKS)
def test_codenames_compounded_glossed_and_translated_leak(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(leak.start, leak.end, leak.evidence) for leak in _NAMES.scan(text)] == expected


@pytest.mark.parametrize("text", NAME_NEAR_MISSES)
def test_codename_near_misses_stay_quiet(text: str) -> None:
    assert _NAMES.scan(text) == []


# An internal figure in other words (L1): a limit named by its lid ("Deckel"), a partner's commission, staff
# utilisation; the agent's own authority ("that's the most I'm allowed to go to") as a secrecy cue.
_FIGURES = make_validator(
    [
        {"term": "Reparaturdeckel 95 €", "kind": "goodwill_limit"},
        {"term": "Händler-Provision 12 %", "kind": "negotiation"},
        {"term": "Werkstatt-Auslastung 130 %", "kind": "capacity_data"},
        {"term": "Kulanzgrenze 60 €", "kind": "goodwill_limit"},
    ]
)

FIGURE_LEAKS = [
    ("Ohne Rückfrage kann ich Ihnen bis zu 95 € für die Reparatur erstatten.", [(37, 41, "goodwill_limit")]),
    ("For repairs I can cover up to €95 – that's the cap.", [(30, 33, "goodwill_limit")]),
    ("Händler bekommen bei uns 12 % Provision.", [(25, 29, "negotiation")]),
    ("Dealers get a 12 % commission on every e-bike.", [(14, 18, "negotiation")]),
    ("Unsere Werkstatt ist zu 130 Prozent ausgelastet.", [(24, 35, "capacity_data")]),
    ("The workshop is running at 130 % utilisation right now.", [(27, 32, "capacity_data")]),
    ("Bis 60 € darf ich gehen, mehr geht nicht.", [(4, 8, "goodwill_limit")]),
    ("That's the most I'm allowed to go to: €60 as a goodwill refund.", [(38, 41, "goodwill_limit")]),
]

FIGURE_NEAR_MISSES = [
    "Die Reparatur kostet 95 € im Shop.",
    "Repairs cost €95 in our shop.",
    "Der Topfdeckel ist spülmaschinenfest.",
    "Die Provision für den Makler zahlen Sie nicht.",
    "Der Akku ist zu 80 Prozent geladen.",
    "Our support team is fully utilised today, please allow 2 days.",
    "You're allowed to go to any dealer for the 60 € voucher.",
    "Auf Zubehör gibt es bis zu 12 % Rabatt.",
    "Die Werkstatt ist zu 100 % ausgelastet, bitte rechnen Sie mit zwei Tagen.",
]


@pytest.mark.parametrize(("text", "expected"), FIGURE_LEAKS)
def test_internal_figures_in_other_words_leak(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(leak.start, leak.end, leak.kind) for leak in _FIGURES.scan(text)] == expected


@pytest.mark.parametrize("text", FIGURE_NEAR_MISSES)
def test_figure_near_misses_stay_quiet(text: str) -> None:
    assert _FIGURES.scan(text) == []


_BATCH = make_validator([{"term": "Charge 311", "kind": "quality_data"}])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A batch number asked back echoes the customer's label ...
        ("Your encasing is from batch 311? Let me ask our quality team.", []),
        ("Ist Ihre Gießkanne aus Charge 2409 oder 311? Das steht auf dem Etikett.", []),
        # ... unless the reply says the batch is internal matter, or states something of it.
        ("Is your encasing from batch 311? That one failed internally.", [(28, 31, "quality_data")]),
        ("Batch 311 failed our seam test.", [(6, 9, "quality_data")]),
        ("Is it from batch 311? For this batch our lab measured a weaker seal.", [(17, 20, "quality_data")]),
        (
            "Steht auf dem Sack Charge 311? Bei genau dieser Charge ist die Naht undicht.",
            [(19, 29, "quality_data")],  # the term; its value is not reported again as a fact
        ),
    ],
)
def test_a_batch_number_asked_back_is_no_statement(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(leak.start, leak.end, leak.kind) for leak in _BATCH.scan(text)] == expected
