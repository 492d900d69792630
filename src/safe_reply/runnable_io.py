"""What the guard reads from a bot's input and output, and how it puts the checked text back.

Kept apart from the Runnable itself: these are plain functions over LangChain values (str, chat
messages, dicts, streamed chunks) that the wrapper calls once per reply.

Conventions (documented in the README):
- A chat message whose content is a list of blocks is checked on the joined text of its text
  blocks; when the guard changes the reply, the content becomes a single string (the other blocks
  are dropped, because nothing the guard has not checked may reach the customer). All other
  message fields (id, tool_calls, usage_metadata, response_metadata, ...) are kept.
- In message history, a bot reply is an AI message that carries text. An AI message written by a
  human agent after a handover (name="human_agent" or additional_kwargs {"author": "human"}) and
  an AI message that only calls tools are not bot replies and do not count as turns.
"""

from __future__ import annotations

import asyncio
import copy
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from langchain_core.callbacks.manager import (
    AsyncCallbackManager,
    AsyncCallbackManagerForChainRun,
    CallbackManager,
    CallbackManagerForChainRun,
)
from langchain_core.messages import AIMessage, BaseMessage, BaseMessageChunk
from langchain_core.prompt_values import PromptValue
from langchain_core.runnables.utils import AddableDict

from safe_reply.errors import ReplyBlocked, SafeReplyError
from safe_reply.recording import DecisionRecorder
from safe_reply.types import Context, Decision

HISTORY_KEYS = ("messages", "history", "chat_history")
HUMAN_AGENT_NAME = "human_agent"
HUMAN_AUTHOR = "human"
_AI_ROLES = frozenset({"ai", "assistant"})

Rebuild = Callable[[str], Any]


class UnsupportedReplyError(SafeReplyError, TypeError):
    """The bot returned something the guard cannot read a reply text from."""


class MissingOutputKeyError(SafeReplyError, ValueError):
    """A dict output without the key that holds the reply."""


def reply_text(output: Any, output_key: str | None) -> tuple[str, Rebuild]:
    """The text to check in `output`, and a function that builds the same kind of output around
    the delivered text. Only call the function when the delivered text differs."""
    if isinstance(output, str):
        return output, _identity
    if isinstance(output, BaseMessage):
        return message_text(output), lambda delivered: _message_with(output, delivered)
    if isinstance(output, Mapping):
        key = _output_key(output, output_key)
        text, rebuild_value = _value_text(output[key], key)

        def rebuild(delivered: str) -> Any:
            new = copy.copy(output)  # keeps the dict's type (e.g. AddableDict) and its other keys
            new[key] = rebuild_value(delivered)  # type: ignore[index]
            return new

        return text, rebuild
    raise UnsupportedReplyError(
        f"safe_reply cannot guard a bot output of type {type(output).__name__}: it guards a str, a chat "
        "message (e.g. AIMessage) or a dict holding one under output_key. Fix: end the bot with "
        "StrOutputParser(), return a chat message, or pass output_key= for a dict output"
    )


def _identity(delivered: str) -> str:
    return delivered


def reply_message(output: Any, output_key: str | None) -> tuple[BaseMessage | None, Callable[[BaseMessage], Any]]:
    """The chat message that holds the reply in `output` (None for a str), and a function that puts a
    new message in its place. Call only after reply_text accepted `output`."""
    if isinstance(output, BaseMessage):
        return output, lambda message: message
    if isinstance(output, Mapping):
        key = _output_key(output, output_key)
        value = output[key]

        def put(new_value: Any) -> Any:
            new = copy.copy(output)
            new[key] = new_value  # type: ignore[index]
            return new

        if isinstance(value, BaseMessage):
            return value, put
        if isinstance(value, Sequence) and value and isinstance(value[-1], BaseMessage):
            return value[-1], lambda message: put([*value[:-1], message])
    return None, lambda message: output


# Where chat models put the model's reasoning beside the content (DeepSeek, OpenAI-compatible servers):
# unchecked text a chat front end may show, so it never leaves the guard.
_REASONING_KWARGS = ("reasoning_content", "reasoning")
# Content blocks the guard checks itself: text, and tool calls (checked as calls, runnable_tools).
_CHECKED_BLOCKS = ("text", "tool_use", "tool_call")


def _message_with(message: BaseMessage, delivered: str) -> BaseMessage:
    kwargs = {k: v for k, v in message.additional_kwargs.items() if k not in _REASONING_KWARGS}
    return message.model_copy(update={"content": delivered, "additional_kwargs": kwargs})


def carries_unchecked(message: BaseMessage | None) -> bool:
    """Whether the reply message holds more than what the guard checks: content blocks such as
    reasoning or images, or reasoning beside the content. Such a reply is rebuilt around its checked
    text even when it passes (nothing the guard has not checked reaches the customer)."""
    if message is None:
        return False
    if any(k in message.additional_kwargs for k in _REASONING_KWARGS):
        return True
    content = message.content
    return not isinstance(content, str) and any(
        not (isinstance(block, str) or (isinstance(block, Mapping) and block.get("type") in _CHECKED_BLOCKS))
        for block in content
    )


def message_text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    parts: list[str] = []
    for block in content:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, Mapping) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "".join(parts)


def _output_key(output: Mapping[Any, Any], output_key: str | None) -> str:
    key = output_key or "output"
    if key in output:
        return key
    keys = ", ".join(sorted(repr(k) for k in output)) or "(none)"
    hint = f"output_key='{output_key}' is not among them" if output_key else "there is no 'output' key"
    raise MissingOutputKeyError(
        f"the bot returned a dict with keys {keys}; {hint}. Fix: pass output_key=<the key that holds "
        "the reply> to safe_reply.guard(...)"
    )


def _value_text(value: Any, key: str) -> tuple[str, Rebuild]:
    if isinstance(value, str | BaseMessage):
        return reply_text(value, None)
    if isinstance(value, Sequence) and value and isinstance(value[-1], BaseMessage):
        # e.g. an agent's {"messages": [...]}: the reply is the last message.
        last_text, rebuild_last = reply_text(value[-1], None)
        return last_text, lambda delivered: [*value[:-1], rebuild_last(delivered)]
    raise UnsupportedReplyError(
        f"safe_reply cannot guard the dict output's '{key}' value of type {type(value).__name__}: it "
        "must be a str, a chat message or a list of messages ending with the reply. Fix: pass "
        "output_key= naming the key that holds the reply text"
    )


def merge_chunks(chunks: Sequence[Any]) -> Any:
    """Join streamed chunks into the whole reply (str, message chunk or dict)."""
    first = chunks[0]
    if len(chunks) == 1:
        return first
    if all(isinstance(c, str) for c in chunks):
        return "".join(chunks)
    if isinstance(first, BaseMessageChunk):
        return reduce(operator.add, chunks)
    if all(isinstance(c, Mapping) for c in chunks):
        return reduce(operator.add, (AddableDict(c) for c in chunks))
    kinds = ", ".join(sorted({type(c).__name__ for c in chunks}))
    raise UnsupportedReplyError(
        f"safe_reply cannot join the bot's streamed chunks of type {kinds}. Fix: stream str or "
        "message chunks (e.g. end the bot with StrOutputParser())"
    )


def merge_inputs(inputs: Sequence[Any]) -> Any:
    """The whole input of a streamed call (usually exactly one value)."""
    if not inputs:
        return None
    try:
        return reduce(operator.add, inputs)
    except TypeError:
        return inputs[-1]


def turn_from_history(input_: Any) -> int | None:
    """1 + the number of earlier bot replies in the input's message history; None without one."""
    history = _history(input_)
    if history is None:
        return None
    return 1 + sum(1 for message in history if _is_bot_reply(message))


def _history(input_: Any) -> Sequence[Any] | None:
    if isinstance(input_, PromptValue):
        return input_.to_messages()
    if isinstance(input_, Mapping):
        for key in HISTORY_KEYS:
            value = input_.get(key)
            if isinstance(value, list | tuple):
                return value
        return None
    if isinstance(input_, list | tuple) and all(_is_message_like(m) for m in input_):
        return input_
    return None


def _is_message_like(value: Any) -> bool:
    return isinstance(value, BaseMessage | Mapping) or (
        isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str)
    )


def _is_bot_reply(message: Any) -> bool:
    if isinstance(message, AIMessage):
        if message.name == HUMAN_AGENT_NAME or message.additional_kwargs.get("author") == HUMAN_AUTHOR:
            return False
        return bool(message_text(message).strip()) or not message.tool_calls
    if isinstance(message, tuple):
        return message[0] in _AI_ROLES
    if isinstance(message, Mapping):
        if message.get("role") not in _AI_ROLES:
            return False
        if message.get("name") == HUMAN_AGENT_NAME or message.get("author") == HUMAN_AUTHOR:
            return False
        return bool(str(message.get("content") or "").strip()) or not message.get("tool_calls")
    return False


# ---- the guard's own run in callbacks and traces ----------------------------------------------


def decision_summary(decision: Decision) -> dict[str, Any]:
    """What the guard's run reports to callbacks and traces (never the original reply)."""
    return {
        "action": decision.action.value,
        "intended": decision.intended.value,
        "rule_ids": [f.rule_id for f in decision.findings],
        "delivered": decision.delivered,
        "changed": decision.changed,
        "product_line": decision.policy_ref.product_line,
        "policy_hash": decision.policy_ref.policy_hash,
    }


def _run_inputs(ctx: Context) -> dict[str, Any]:
    return {
        "product_line": ctx.product_line,
        "conversation_id": ctx.conversation_id,
        "turn": ctx.turn,
        "language": ctx.language.value if ctx.language else None,
    }


def start_guard_run(manager: CallbackManager, name: str, ctx: Context) -> CallbackManagerForChainRun | None:
    """Open the guard's run under `manager`; None when no handler listens (it would only cost time)."""
    return manager.on_chain_start(None, _run_inputs(ctx), name=name) if manager.handlers else None


async def astart_guard_run(
    manager: AsyncCallbackManager, name: str, ctx: Context
) -> AsyncCallbackManagerForChainRun | None:
    """Async start_guard_run."""
    return await manager.on_chain_start(None, _run_inputs(ctx), name=name) if manager.handlers else None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the guard reports once a reply is decided (safe_reply.runnable_reply, runnable_streaming)."""

    ctx: Context
    records: tuple[Decision, ...]  # every decision to record, in order
    latency_s: float
    summary: Decision  # the one the guard's run reports
    raised: Decision | None  # the one to raise ReplyBlocked for, if any


def report(manager: CallbackManager, name: str, recorder: DecisionRecorder | None, outcome: Outcome) -> None:
    """Record the outcome and raise if asked, inside the guard's own run (which ends with the error)."""
    run = start_guard_run(manager, name, outcome.ctx)
    try:
        if recorder is not None:
            for decision in outcome.records:
                recorder.on_decision(decision, outcome.ctx, outcome.latency_s)
        if outcome.raised is not None:
            raise ReplyBlocked(outcome.raised)
    except BaseException as exc:
        if run is not None:
            run.on_chain_error(exc)
        raise
    if run is not None:
        run.on_chain_end(decision_summary(outcome.summary))


async def areport(
    manager: AsyncCallbackManager, name: str, recorder: DecisionRecorder | None, outcome: Outcome
) -> None:
    """Async report."""
    run = await astart_guard_run(manager, name, outcome.ctx)
    try:
        if recorder is not None:
            for decision in outcome.records:
                # A recorder may write to disk or a database: keep the event loop free meanwhile.
                await asyncio.to_thread(recorder.on_decision, decision, outcome.ctx, outcome.latency_s)
        if outcome.raised is not None:
            raise ReplyBlocked(outcome.raised)
    except BaseException as exc:
        if run is not None:
            await run.on_chain_error(exc)
        raise
    if run is not None:
        await run.on_chain_end(decision_summary(outcome.summary))
