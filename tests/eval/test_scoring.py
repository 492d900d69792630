"""Scoring on a hand-made corpus whose figures are known exactly (stand-in validators)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.eval.corpus import Requirement, load_corpus, policy_from_corpus
from safe_reply.eval.scoring import (
    Benign,
    Check,
    ClaimCategoryRecall,
    Counts,
    claim_categories,
    errors,
    evaluate_corpus,
    report,
)


def test_counts_rates() -> None:
    counts = Counts(tp=1, fp=1, fn=0, tn=5)
    assert (counts.precision, counts.recall, counts.total) == (0.5, 1.0, 7)
    assert counts.f1 == pytest.approx(2 / 3)
    assert (Counts().precision, Counts().recall, Counts().f1) == (None, None, None)
    assert Counts(tp=0, fp=2, fn=3).f1 == 0.0


@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=40))
@settings(max_examples=60)
def test_counts_add_partitions_every_case(pairs: list[tuple[bool, bool]]) -> None:
    counts = Counts()
    for expected, flagged in pairs:
        counts = counts.add(expected, flagged)
    assert counts.total == len(pairs)
    assert counts.tp + counts.fn == sum(e for e, _ in pairs)
    assert counts.tp + counts.fp == sum(f for _, f in pairs)


@pytest.mark.parametrize(
    ("requirement", "present", "turn", "violated"),
    [
        (Requirement.FIRST_REPLY, False, 1, True),
        (Requirement.FIRST_REPLY, False, 2, False),
        (Requirement.FIRST_REPLY, False, None, False),
        (Requirement.FIRST_REPLY, True, 1, False),
        (Requirement.EVERY_REPLY, False, 7, True),
        (Requirement.EVERY_REPLY, True, 7, False),
        (Requirement.NEVER, False, 1, False),
    ],
)
def test_disclosure_violation(requirement: Requirement, present: bool, turn: int | None, violated: bool) -> None:
    assert requirement.violated(present, turn) is violated


def test_full_report_exact_figures(corpus_dir: Path, use_fakes: Callable[..., None]) -> None:
    use_fakes()
    corpus = load_corpus(corpus_dir)
    results = evaluate_corpus(corpus, policy_from_corpus(corpus))
    summary = report(results)
    assert summary.cases == 7
    assert summary.checks == {
        Check.LEAK: Counts(tp=1, fp=1, fn=1, tn=4),
        Check.CLAIM: Counts(tp=1, fp=1, fn=0, tn=5),
        Check.DISCLOSURE: Counts(tp=2, fp=0, fn=0, tn=5),
        Check.FALSE_HUMAN: Counts(tp=1, fp=0, fn=0, tn=6),
    }
    assert summary.languages["de"][Check.LEAK] == Counts(tp=1, fp=0, fn=1, tn=2)
    assert summary.languages["en"][Check.LEAK] == Counts(tp=0, fp=1, fn=0, tn=2)
    assert summary.tags["obfuscated"][Check.LEAK] == Counts(fn=1)
    assert summary.tags["supported_claim"][Check.CLAIM] == Counts(fp=1)
    assert sorted(summary.tags) == ["multi_violation", "near_miss", "obfuscated", "supported_claim"]
    # b-3 is benign; its claim finding has no fix, so the rewrite fails and the reply is blocked.
    assert summary.benign == Benign(total=2, blocked=1, rewritten=0, blocked_ids=("b-3",))
    assert summary.claim_categories == {"guarantee": ClaimCategoryRecall(labelled=1, found=1, same_category=1)}
    assert summary.validator_errors == {}
    assert [(e.result.case.id, e.check, e.missed) for e in errors(results)] == [
        ("b-3", Check.CLAIM, False),
        ("b-4", Check.LEAK, False),
        ("c-2", Check.LEAK, True),
    ]


def test_missing_validators_are_not_enabled_not_zero(corpus_dir: Path, use_fakes: Callable[..., None]) -> None:
    use_fakes("trade_secrets")
    corpus = load_corpus(corpus_dir)
    results = evaluate_corpus(corpus, policy_from_corpus(corpus))
    summary = report(results)
    assert summary.checks == {
        Check.LEAK: Counts(tp=1, fp=1, fn=1, tn=4),
        Check.CLAIM: None,
        Check.DISCLOSURE: None,
        Check.FALSE_HUMAN: None,
    }
    assert summary.claim_categories == {}
    assert [e.check for e in errors(results)] == [Check.LEAK, Check.LEAK]


def test_claim_category_needs_overlap(kit: Any, use_fakes: Callable[..., None], tmp_path: Path) -> None:
    use_fakes("claims")
    text = "Der Rahmen ist garantiert stabil und klimaneutral."
    cases = [kit.case("x-1", "bike", "de", 2, text, claims=[{"text": "klimaneutral", "category": "environmental"}])]
    corpus = load_corpus(kit.write(tmp_path / "c2", cases))
    results = evaluate_corpus(corpus, policy_from_corpus(corpus))
    # The case is flagged (a claim was found), but not on the labelled span.
    assert results[0].flagged[Check.CLAIM] is True
    assert claim_categories(results) == {"environmental": ClaimCategoryRecall(labelled=1, found=0, same_category=0)}
