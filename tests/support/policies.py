"""Test-only validators and policy builders: engine tests without any real validator."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from safe_reply.config_models import DEFAULT_FALLBACK, Limits, Mode, ProductLine
from safe_reply.contracts import Validator
from safe_reply.policy import Policy, ProductLinePolicy
from safe_reply.registry import ENGINE_ACTIONS
from safe_reply.types import Action, Category, Context, Edit, Finding, Language, Message, PolicyRef, Span

# The action table a loaded policy gets from the engine and the built-in validators' specs.
DEFAULT_ACTIONS: dict[str, Action] = {
    **ENGINE_ACTIONS,
    Category.TRADE_SECRET: Action.BLOCK,
    Category.UNSUPPORTED_CLAIM: Action.REWRITE,
    Category.MISSING_DISCLOSURE: Action.REWRITE,
    Category.FALSE_HUMAN: Action.BLOCK,
    Category.EXTERNAL: Action.BLOCK,
}


@dataclass(frozen=True)
class WordValidator:
    """Flags every occurrence of `word`; proposes to replace it by `replacement` (None: no fix)."""

    name: str
    word: str
    category: Category
    replacement: str | None = "[x]"

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        return [
            Finding(
                rule_id=f"{self.name}.word",
                category=self.category,
                span=Span(m.start(), m.end()),
                message=Message(f"Wort gefunden ({self.name})", f"found a flagged word ({self.name})"),
                legal_basis="UWG §5",
                validator=self.name,
                fix=None if self.replacement is None else Edit(Span(m.start(), m.end()), self.replacement),
            )
            for m in re.finditer(re.escape(self.word), text)
        ]


@dataclass(frozen=True)
class NoticeValidator:
    """Wants 'KI:' at the start of every reply; proposes to insert it."""

    name: str = "notice"

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        if text.startswith("KI:"):
            return []
        return [
            Finding(
                rule_id="notice.missing",
                category=Category.MISSING_DISCLOSURE,
                span=None,
                message=Message("Hinweis fehlt", "notice missing"),
                validator=self.name,
                fix=Edit(Span(0, 0), "KI: "),
            )
        ]


@dataclass(frozen=True)
class SleepingValidator:
    """Waits `seconds` per reply in C code (a sleep, a socket, a model call, an `re` regex): no watchdog
    can interrupt it there; it finds nothing."""

    seconds: float
    name: str = "sleepy"

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        time.sleep(self.seconds)
        return []


@dataclass(frozen=True)
class CrashingValidator:
    name: str = "crashy"

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        raise RuntimeError(f"boom on {text}")


def make_line(
    *validators: Validator,
    line_id: str = "ebike",
    actions: dict[str, Action] | None = None,
    mode: Mode = Mode.ENFORCE,
    fail_open: frozenset[str] = frozenset(),
    max_reply_chars: int | None = None,
    time_budget_s: float | None = None,
) -> ProductLinePolicy:
    limits = Limits(
        **({} if max_reply_chars is None else {"max_reply_chars": max_reply_chars}),
        **({} if time_budget_s is None else {"time_budget_seconds": time_budget_s}),
    )
    return ProductLinePolicy(
        config=ProductLine(id=line_id),
        ref=PolicyRef(line_id, "0123456789abcdef"),
        mode=mode,
        actions={**DEFAULT_ACTIONS, **(actions or {})},
        fallback=DEFAULT_FALLBACK,
        default_language=Language.DE,
        languages=(Language.DE, Language.EN),
        validators=validators,
        fail_open=fail_open,
        limits=limits,
    )


def make_policy(*lines: ProductLinePolicy, default: str | None = None) -> Policy:
    return Policy({line.id: line for line in lines}, default)
