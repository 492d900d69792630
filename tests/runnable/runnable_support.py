"""Test policies for the wrapper tests, built from the shared test-only validators (tests/support).

Product lines:
- ebike:   "immer" is an unsupported claim, fixed to "meist" (rewrite); "WAWI-Nord" is a trade
           secret without a fix (block); "Mensch" is a false-human claim set to raise.
- kitchen: no validators (everything passes).
- shadow:  ebike's validators in monitor mode.
- crashy:  a validator that raises (fail closed).
"""

from __future__ import annotations

from safe_reply.config_models import DEFAULT_FALLBACK, Mode
from safe_reply.contracts import Validator
from safe_reply.policy import Policy
from safe_reply.types import Action, Category, Context, Decision
from support.policies import CrashingValidator, WordValidator, make_line
from support.policies import make_policy as policy_of

FALLBACK_DE = DEFAULT_FALLBACK.de
FALLBACK_EN = DEFAULT_FALLBACK.en

EBIKE_VALIDATORS: tuple[Validator, ...] = (
    WordValidator("claim", "immer", Category.UNSUPPORTED_CLAIM, "meist"),
    WordValidator("secret", "WAWI-Nord", Category.TRADE_SECRET, None),
    WordValidator("human", "Mensch", Category.FALSE_HUMAN, None),
)
RAISE_FALSE_HUMAN = {Category.FALSE_HUMAN: Action.RAISE}


def make_policy(default: str | None = "ebike") -> Policy:
    return policy_of(
        make_line(*EBIKE_VALIDATORS, line_id="ebike", actions=RAISE_FALSE_HUMAN),
        make_line(line_id="kitchen"),
        make_line(*EBIKE_VALIDATORS, line_id="shadow", actions=RAISE_FALSE_HUMAN, mode=Mode.MONITOR),
        make_line(CrashingValidator(), line_id="crashy"),
        default=default,
    )


class ListRecorder:
    """A DecisionRecorder that keeps what it got, and notes in `events` when it was called."""

    def __init__(self, events: list[str] | None = None) -> None:
        self.calls: list[tuple[Decision, Context, float]] = []
        self.events = events if events is not None else []

    def on_decision(self, decision: Decision, ctx: Context, latency_s: float) -> None:
        self.calls.append((decision, ctx, latency_s))
        self.events.append("recorded")

    @property
    def decisions(self) -> list[Decision]:
        return [d for d, _, _ in self.calls]
