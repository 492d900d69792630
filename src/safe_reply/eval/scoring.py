"""Score Decisions against a labelled corpus: precision, recall and F1 per check, language and tag.

A check is *flagged* when the Decision has a finding of its category and *expected* when the labels
say so (a disclosure violation follows from `disclosure_present`, the turn and the product line's
rule). A check whose validator is not enabled for a case's product line is left out of every count
for that case, so a missing validator shows as "not enabled" instead of a recall of 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from safe_reply.eval.corpus import Case, Corpus, Requirement
from safe_reply.policy import Policy
from safe_reply.types import Action, Category, Context, Decision, Finding, Span


class Check(StrEnum):
    LEAK = "leak"
    CLAIM = "claim"
    DISCLOSURE = "disclosure"
    FALSE_HUMAN = "false_human"


CHECK_CATEGORY: Mapping[Check, Category] = {
    Check.LEAK: Category.TRADE_SECRET,
    Check.CLAIM: Category.UNSUPPORTED_CLAIM,
    Check.DISCLOSURE: Category.MISSING_DISCLOSURE,
    Check.FALSE_HUMAN: Category.FALSE_HUMAN,
}
# The validator that produces each check's findings; the disclosure validator also finds false-human claims.
CHECK_VALIDATOR: Mapping[Check, str] = {
    Check.LEAK: "trade_secrets",
    Check.CLAIM: "claims",
    Check.DISCLOSURE: "disclosure",
    Check.FALSE_HUMAN: "disclosure",
}
_BLOCKING = (Action.BLOCK, Action.RAISE)


def expected_flags(case: Case, requirement: Requirement) -> dict[Check, bool]:
    """What the labels say each check must flag for this case."""
    return {
        Check.LEAK: bool(case.expect.leaks),
        Check.CLAIM: bool(case.expect.unsupported_claims),
        Check.DISCLOSURE: requirement.violated(case.expect.disclosure_present, case.turn),
        Check.FALSE_HUMAN: case.expect.false_human,
    }


def decision_flags(decision: Decision) -> dict[Check, bool]:
    """What safe_reply flagged: a check is flagged when any finding has its category."""
    categories = {finding.category for finding in decision.findings}
    return {check: category in categories for check, category in CHECK_CATEGORY.items()}


def enabled_checks(policy: Policy, product_line: str) -> frozenset[Check]:
    names = {validator.name for validator in policy.select(product_line).validators}
    return frozenset(check for check, validator in CHECK_VALIDATOR.items() if validator in names)


def case_context(case: Case) -> Context:
    return Context(
        product_line=case.product_line, conversation_id=case.id, turn=case.turn, language=case.lang
    )


@dataclass(frozen=True)
class CaseResult:
    """One evaluated case: its labels, what was flagged, and which checks could run at all."""

    case: Case
    decision: Decision
    expected: Mapping[Check, bool]
    flagged: Mapping[Check, bool]
    enabled: frozenset[Check]

    @property
    def benign(self) -> bool:
        return not any(self.expected.values())

    def findings_of(self, check: Check) -> list[Finding]:
        return [f for f in self.decision.findings if f.category is CHECK_CATEGORY[check]]


def evaluate_corpus(corpus: Corpus, policy: Policy) -> list[CaseResult]:
    """Run the policy on every case (pure per case; the order of the corpus is kept)."""
    enabled: dict[str, frozenset[Check]] = {}
    results = []
    for case in corpus.cases:
        if case.product_line not in enabled:
            enabled[case.product_line] = enabled_checks(policy, case.product_line)
        decision = policy.evaluate(case.text, case_context(case))
        results.append(
            CaseResult(
                case,
                decision,
                expected_flags(case, corpus.requirement(case.product_line)),
                decision_flags(decision),
                enabled[case.product_line],
            )
        )
    return results


@dataclass(frozen=True)
class Counts:
    """A confusion matrix. Rates are None when undefined (nothing flagged / nothing expected)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    def add(self, expected: bool, flagged: bool) -> Counts:
        return Counts(
            self.tp + (expected and flagged),
            self.fp + (flagged and not expected),
            self.fn + (expected and not flagged),
            self.tn + (not expected and not flagged),
        )


def count(results: Iterable[CaseResult], check: Check) -> Counts | None:
    """The confusion matrix of one check over the results where it is enabled; None if it never is."""
    counts: Counts | None = None
    for result in results:
        if check in result.enabled:
            counts = (counts or Counts()).add(result.expected[check], result.flagged[check])
    return counts


def by_check(results: Sequence[CaseResult]) -> dict[Check, Counts | None]:
    return {check: count(results, check) for check in Check}


@dataclass(frozen=True)
class ClaimCategoryRecall:
    """Labelled claim spans of one category, and how many a claim finding's span overlaps."""

    labelled: int = 0
    found: int = 0
    same_category: int = 0  # found, and the finding's details["claim_category"] names this category

    @property
    def recall(self) -> float | None:
        return self.found / self.labelled if self.labelled else None


def claim_categories(results: Iterable[CaseResult]) -> dict[str, ClaimCategoryRecall]:
    """Per claim category: is each labelled claim span overlapped by an unsupported-claim finding?"""
    tally: dict[str, Counter[str]] = {}
    for result in results:
        if Check.CLAIM not in result.enabled:
            continue
        findings = [f for f in result.findings_of(Check.CLAIM) if f.span is not None]
        for label in result.case.expect.unsupported_claims:
            start = result.case.text.index(label.text)
            span = Span(start, start + len(label.text))
            hits = [f for f in findings if f.span is not None and f.span.overlaps(span)]
            counter = tally.setdefault(label.category, Counter())
            counter["labelled"] += 1
            counter["found"] += bool(hits)
            counter["same"] += any(f.details.get("claim_category") == label.category for f in hits)
    return {
        category: ClaimCategoryRecall(c["labelled"], c["found"], c["same"])
        for category, c in sorted(tally.items())
    }


@dataclass(frozen=True)
class Benign:
    """What happened to replies without any expected violation."""

    total: int = 0
    blocked: int = 0  # intended block or raise: the customer would not get the reply at all
    rewritten: int = 0
    blocked_ids: tuple[str, ...] = ()


def benign_outcomes(results: Iterable[CaseResult]) -> Benign:
    benign = [r for r in results if r.benign]
    blocked = tuple(r.case.id for r in benign if r.decision.intended in _BLOCKING)
    rewritten = sum(r.decision.intended is Action.REWRITE for r in benign)
    return Benign(len(benign), len(blocked), rewritten, blocked)


@dataclass(frozen=True)
class Error:
    """A miss (expected, not flagged) or a false alarm (flagged, not expected) of one check."""

    result: CaseResult
    check: Check
    missed: bool


def errors(results: Iterable[CaseResult]) -> list[Error]:
    """Every miss and false alarm, in corpus order, checks in their fixed order."""
    found = []
    for result in results:
        for check in Check:
            if check in result.enabled and result.expected[check] != result.flagged[check]:
                found.append(Error(result, check, missed=result.expected[check]))
    return found


@dataclass(frozen=True)
class Report:
    cases: int
    checks: Mapping[Check, Counts | None]
    languages: Mapping[str, Mapping[Check, Counts | None]]
    tags: Mapping[str, Mapping[Check, Counts | None]]
    benign: Benign
    claim_categories: Mapping[str, ClaimCategoryRecall]
    validator_errors: Mapping[str, int] = field(default_factory=dict)  # rule id -> count


def report(results: Sequence[CaseResult]) -> Report:
    languages: dict[str, list[CaseResult]] = {}
    tags: dict[str, list[CaseResult]] = {}
    crashes: Counter[str] = Counter()
    for result in results:
        languages.setdefault(result.case.lang.value, []).append(result)
        for tag in result.case.tags:
            tags.setdefault(tag, []).append(result)
        crashes.update(
            f.rule_id for f in result.decision.findings if f.category in (Category.VALIDATOR_ERROR,)
        )
    return Report(
        cases=len(results),
        checks=by_check(results),
        languages={lang: by_check(group) for lang, group in sorted(languages.items())},
        tags={tag: by_check(group) for tag, group in sorted(tags.items())},
        benign=benign_outcomes(results),
        claim_categories=claim_categories(results),
        validator_errors=dict(sorted(crashes.items())),
    )
