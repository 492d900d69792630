"""Bounded cost per reply: a maximum reply size, and a time budget per validator that fails closed.

A reply longer than `limits.max_reply_chars` is blocked before any validator runs. A validator that
overruns its budget (`limits.time_budget_seconds`, per validator `time_budget_seconds`) becomes a
validator_error finding: a pure-Python loop is interrupted by the watchdog; a call into C code or a
sleep cannot be, and its overrun is judged when it returns.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from safe_reply.config_models import DEFAULT_FALLBACK, Defaults
from safe_reply.loader import load_policy
from safe_reply.policy import ProductLinePolicy
from safe_reply.types import Action, Category, Context, Decision, Finding, Message, Severity
from support.policies import SleepingValidator, WordValidator, make_line

CTX = Context(product_line="ebike", turn=2)
SECRET = WordValidator("secrets", "Zaunkönig", Category.TRADE_SECRET, "[vertraulich]")


@dataclass
class Counting:
    """Flags nothing; remembers the texts it was given."""

    name: str = "counting"
    seen: list[str] = field(default_factory=list)

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        self.seen.append(text)
        return []


def too_long(length: int, limit: int) -> Finding:
    return Finding(
        rule_id="engine.reply-too-long",
        category=Category.REPLY_TOO_LONG,
        span=None,
        message=Message(
            f"Antwort zu lang ({length} Zeichen, erlaubt sind {limit}): nicht geprüft; die Antwort wurde blockiert",
            f"reply too long ({length} characters, {limit} allowed): not checked; the reply was blocked",
        ),
        severity=Severity.HIGH,
        validator="engine",
    )


def test_a_reply_over_the_limit_is_blocked_before_any_validator_runs() -> None:
    counting = Counting()
    line = make_line(counting, SECRET, max_reply_chars=50)
    decision = line.evaluate("x" * 51, CTX)
    assert (decision.action, decision.intended) == (Action.BLOCK, Action.BLOCK)
    assert decision.findings == (too_long(51, 50),)
    assert decision.delivered == DEFAULT_FALLBACK.de
    assert "x" * 51 not in counting.seen  # no validator saw the reply
    assert line.evaluate("x" * 50, CTX).action is Action.PASS
    assert counting.seen[-1] == "x" * 50


def test_the_limit_is_100000_characters_unless_the_policy_says_otherwise(tmp_path: Path) -> None:
    assert make_line().max_reply_chars == 100_000
    assert (Defaults().limits.max_reply_chars, Defaults().limits.time_budget_seconds) == (100_000, 2.0)
    (tmp_path / "product_lines").mkdir()
    (tmp_path / "defaults.yaml").write_text(
        "limits: {max_reply_chars: 2000, time_budget_seconds: 0.5}\n", encoding="utf-8"
    )
    (tmp_path / "product_lines/ebike.yaml").write_text(
        "id: ebike\nlimits: {max_reply_chars: 300}\nvalidators:\n  disclosure: {time_budget_seconds: 2.5}\n",
        encoding="utf-8",
    )
    (tmp_path / "product_lines/kitchen.yaml").write_text("id: kitchen\n", encoding="utf-8")
    policy = load_policy(tmp_path, {"SAFE_REPLY_LOG_KEY": "k" * 32})
    ebike, kitchen = policy.select("ebike"), policy.select("kitchen")
    assert (ebike.max_reply_chars, kitchen.max_reply_chars) == (300, 2000)
    assert (ebike.budget("disclosure"), ebike.budget("claims"), kitchen.budget("disclosure")) == (2.5, 0.5, 0.5)
    assert policy.evaluate("a" * 301, Context(product_line="ebike")).findings[0].rule_id == "engine.reply-too-long"


@pytest.fixture
def stop() -> Iterator[threading.Event]:
    """Ends the endless validators after each test (pre-fix they would spin on in the background)."""
    event = threading.Event()
    yield event
    event.set()


@dataclass
class Endless:
    """A validator stuck in a pure-Python loop; with `swallow`, it also catches every Exception."""

    stop: threading.Event
    swallow: bool = False
    name: str = "endless"

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        while not self.stop.is_set():
            if self.swallow:
                try:
                    sum(range(100))
                except Exception:  # a careless third-party validator
                    continue
        return []


def overrun(name: str, budget: float) -> Message:
    return Message(
        f"Validator '{name}' hat sein Zeitbudget von {budget:g} s überschritten; die Antwort wurde blockiert "
        "(fail closed)",
        f"validator '{name}' exceeded its time budget of {budget:g} s; the reply was blocked (fail closed)",
    )


def decided_within(limit: float, line: ProductLinePolicy, text: str) -> tuple[Decision, float]:
    box: list[Decision] = []
    started = time.monotonic()
    worker = threading.Thread(target=lambda: box.append(line.evaluate(text, CTX)), daemon=True)
    worker.start()
    worker.join(limit)
    assert not worker.is_alive(), f"evaluate still running after {limit} s"
    return box[0], time.monotonic() - started


@pytest.mark.parametrize("swallow", [False, True], ids=["loop", "loop-catching-exceptions"])
def test_a_validator_that_never_returns_fails_closed_within_its_budget(stop: threading.Event, swallow: bool) -> None:
    line = make_line(Endless(stop, swallow), SECRET, time_budget_s=0.2)
    decision, took = decided_within(2.0, line, "Der Zaunkönig kommt.")
    assert took < 0.2 + 0.3
    assert decision.action is Action.BLOCK
    assert [(f.rule_id, f.category) for f in decision.findings] == [
        ("endless.validator-error", Category.VALIDATOR_ERROR),
        ("secrets.word", Category.TRADE_SECRET),  # the validators after it still ran
    ]
    assert decision.findings[0].message == overrun("endless", 0.2)


def test_a_validator_that_returns_after_its_budget_fails_closed() -> None:
    line = make_line(SleepingValidator(0.3), time_budget_s=0.1)
    decision = line.evaluate("Hallo", CTX)
    assert decision.action is Action.BLOCK
    assert decision.findings[0].message == overrun("sleepy", 0.1)
    assert make_line(SleepingValidator(0.01), time_budget_s=0.1).evaluate("Hallo", CTX).action is Action.PASS


@dataclass
class Straddling:
    """Busy for a time around its budget: the watchdog fires just before, during or after it returns."""

    durations: Iterator[float]
    name: str = "straddling"

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        until = time.monotonic() + next(self.durations)
        while time.monotonic() < until:
            pass
        return []


def test_an_interruption_never_escapes_evaluate_or_reaches_later_code() -> None:
    budget = 0.004
    durations = itertools.cycle([budget * factor for factor in (0.5, 0.9, 1.0, 1.1, 1.5, 3.0)])
    line = make_line(Straddling(durations), Counting(), time_budget_s=budget)
    outcomes = set()
    for _ in range(240):
        decision = line.evaluate("Hallo", CTX)  # an Overrun escaping would fail the test here ...
        outcomes.add(decision.action)
        spin: Callable[[], int] = lambda: sum(range(2000))  # noqa: E731 - ... or in code run right after
        for _ in range(20):
            spin()
        if decision.action is Action.BLOCK:  # under load the trivial validator can overrun 4 ms too
            assert {f.message for f in decision.findings} <= {overrun(n, budget) for n in ("straddling", "counting")}
    assert outcomes == {Action.PASS, Action.BLOCK}
