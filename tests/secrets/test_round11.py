"""Round 11: leak classes of the r14-r17 misses, probed with wordings of other product kinds than the corpora's
(garden tools, e-scooters, coffee machines, pet food, bicycles), and their benign near misses.

- the price-rise clause check reads a reply's clause marks once: a reply of 100,000 characters of rise
  wordings is decided in linear time, and exactly as the clause-by-clause search decided.
"""

from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.validators.trade_secrets import clauses
from safe_reply.validators.trade_secrets.clauses import Clauses

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
