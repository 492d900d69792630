"""The check of one complete bot output (invoke, batch, a stream guarded as one reply): its text and
its tool calls. Pure: recording, callbacks and raising are the caller's (safe_reply.runnable).

- A message that only calls tools is not a reply: no AI notice, no turn counted (`context(False)`).
- Its outbound and external calls are checked (safe_reply.runnable_tools); a blocked call adds the
  product line's fallback to the message's text; when the message had no text, that fallback is now
  the reply and is checked as one (so it carries the notice where one is due).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from safe_reply.lang import reply_language
from safe_reply.policy import ProductLinePolicy
from safe_reply.runnable_io import Outcome, carries_unchecked, reply_message, reply_text
from safe_reply.runnable_tools import (
    ToolCheck,
    check_structured,
    check_tool_calls,
    message_calls,
    unreadable_calls,
    with_calls,
)
from safe_reply.types import Action, Context, Decision

# Builds the reply's context; True: this is a reply, count its turn (the tracker is asked once).
Contexts = Callable[[bool], Context]


@dataclass(frozen=True, slots=True)
class Checked:
    output: Any  # what the caller gets back (the bot's output with the delivered text and calls)
    decision: Decision  # the reply's; for a message that only calls tools, the strongest of its calls'
    ctx: Context
    latency_s: float
    records: tuple[Decision, ...]  # everything for the recorder, in order: the reply, then failed calls
    delivered: str  # the text the customer gets
    structured: bool = False  # structured output: a block raises (a schema has no place for the fallback)

    @property
    def raised(self) -> Decision | None:
        stop = (Action.RAISE, Action.BLOCK) if self.structured else (Action.RAISE,)
        return next((d for d in self.records if d.action in stop), None)

    @property
    def outcome(self) -> Outcome:
        return Outcome(self.ctx, self.records, self.latency_s, self.decision, self.raised)


def check_output(
    policy: ProductLinePolicy, output: Any, output_key: str | None, contexts: Contexts, structured: bool = False
) -> Checked:
    if structured:
        return _check_structured(policy, output, contexts)
    text, rebuild = reply_text(output, output_key)
    message, put = reply_message(output, output_key)
    calls = message_calls(message)
    started = time.perf_counter()
    is_reply = bool(text.strip()) or not calls
    ctx = contexts(is_reply)
    tools = check_tool_calls(policy, ctx, calls) if calls else None
    records: list[Decision] = []
    delivered = text
    decision: Decision | None = None
    if is_reply:
        decision = policy.evaluate(text, ctx)
        delivered = decision.delivered
        records.append(decision)
        if tools is not None and decision.action in (Action.BLOCK, Action.RAISE):
            tools = tools.withdrawn()  # a blocked reply ends the turn: none of its calls runs
    if tools is not None and tools.blocked and not (decision and decision.action in (Action.BLOCK, Action.RAISE)):
        language = reply_language(text or tools.failed[0].original, ctx.language, policy.default_language)
        fallback = policy.fallback.for_language(language)
        if is_reply:
            delivered = f"{delivered} {fallback}" if delivered.strip() else fallback
        else:  # the fallback is the customer's reply now: checked as one (the notice, where due)
            ctx = contexts(True)
            decision = policy.evaluate(fallback, ctx)
            delivered = decision.delivered
            records.append(decision)
    latency_s = time.perf_counter() - started
    if tools is not None:
        records.extend(tools.failed)
    result = rebuild(delivered) if delivered != text or carries_unchecked(message) else output
    if (tools is not None and tools.changed) or unreadable_calls(message, policy.config.tools):
        new_message, put = reply_message(result, output_key)
        result = put(with_calls(new_message, tools or ToolCheck(()), policy.config.tools))
    if decision is None:
        decision = _calls_decision(policy, tools)
    return Checked(result, decision, ctx, latency_s, tuple(records), delivered)


def _calls_decision(policy: ProductLinePolicy, tools: ToolCheck | None) -> Decision:
    """What `with_decision()` reports for a message that only calls tools."""
    failed = [] if tools is None else tools.failed
    if failed:
        return max(failed, key=lambda d: d.action.rank)
    return Decision(Action.PASS, (), "", "", policy.ref, Action.PASS)


def _check_structured(policy: ProductLinePolicy, output: Any, contexts: Contexts) -> Checked:
    started = time.perf_counter()
    ctx = contexts(True)
    decision, result = check_structured(policy, ctx, output)
    latency_s = time.perf_counter() - started
    if decision is None:
        return Checked(output, Decision(Action.PASS, (), "", "", policy.ref, Action.PASS), ctx, latency_s, (), "", True)
    return Checked(result, decision, ctx, latency_s, (decision,), decision.delivered, True)
