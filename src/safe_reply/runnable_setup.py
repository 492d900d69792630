"""What the guard wrapper settles before the bot runs: the call's context, the bot's callbacks, the log.

Kept apart from the Runnable so that module stays about the call paths: these are plain functions
over a call's config and the guard's construction arguments.
"""

from __future__ import annotations

import inspect
import os
import threading
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, TypeVar

from langchain_core.callbacks.manager import AsyncCallbackManagerForChainRun, CallbackManagerForChainRun
from langchain_core.messages import BaseMessageChunk
from langchain_core.messages.utils import message_chunk_to_message
from langchain_core.runnables import RunnableConfig
from langchain_core.runnables.config import patch_config, var_child_runnable_config
from langchain_core.tracers._streaming import _StreamingCallbackHandler, _V2StreamingCallbackHandler

from safe_reply.config_models import LogSettings
from safe_reply.conversation import TurnTracker, conversation_id, parse_allowed, parse_language, parse_turn
from safe_reply.policy import Policy, ProductLinePolicy
from safe_reply.recording import DecisionRecorder
from safe_reply.runnable_callbacks import TokenGates
from safe_reply.runnable_io import UnsupportedReplyError, merge_chunks, turn_from_history
from safe_reply.runnable_reply import Contexts
from safe_reply.types import Context, Language

# Handlers of the v3 event protocol stream the bot's run to the client as protocol events, which the guard
# does not rebuild from approved text: the bot runs without them, and they see the guard's output. (Other
# client-streaming handlers run behind a gate: safe_reply.runnable_callbacks.)
WITHOUT = (_V2StreamingCallbackHandler,)

T = TypeVar("T")
_SIGNATURES: dict[object, inspect.Signature] = {}


def declared(method: Callable[..., T]) -> Callable[..., T]:
    """`method` (a bound method of the guard) behind a plain function that carries its signature.

    On every call LangChain asks the function it runs whether it takes `config` and `run_manager`, through
    `inspect.signature`: ~45 µs a question for a bound method, ~3 µs for a function that declares
    `__signature__`. Asked twice per invoke, that was more than half of what the guard adds to a call.
    The signature is read once per method of the class; the function is made per call (it holds `self`).
    """
    function = getattr(method, "__func__", method)
    signature = _SIGNATURES.get(function)
    if signature is None:
        signature = _SIGNATURES[function] = inspect.signature(method)

    def call(*args: Any, **kwargs: Any) -> T:
        return method(*args, **kwargs)

    call.__signature__ = signature  # type: ignore[attr-defined]
    return call


@dataclass(frozen=True, slots=True)
class Call:
    """What is known about one call before the bot runs (from the config and the guard)."""

    policy: ProductLinePolicy
    conversation_id: str | None
    turn: int | None
    language: Language | None
    channel: str | None
    allowed: tuple[str, ...]
    # The conversation is a LangGraph thread: its input holds only the new messages (the rest is in the
    # checkpointer), so the count of the thread's guarded replies decides the turn when it is higher.
    thread: bool = False


def prepare_call(
    config: RunnableConfig,
    policy: Policy,
    product_line: str | None,
    language: Language | None,
    channel: str | None,
) -> Call:
    """The call's context; an unknown product line or a malformed value fails here, before the bot runs."""
    configurable: Mapping[str, Any] = config.get("configurable") or {}
    line = configurable.get("product_line") or product_line
    return Call(
        policy=policy.select(None if line is None else str(line)),
        conversation_id=conversation_id(configurable),
        turn=parse_turn(configurable.get("turn")),
        language=parse_language(configurable.get("language")) or language,
        channel=configurable.get("channel") or channel,
        allowed=parse_allowed(configurable.get("allowed")),
        thread=bool(configurable.get("thread_id")) and not configurable.get("session_id"),
    )


def reply_contexts(call: Call, input_: Any, tracker: TurnTracker | None) -> Contexts:
    """The reply's context, built when it is known to be a reply (its turn is counted then).

    The turn: an explicit one; else the message history in the input (1 + its bot replies); else the
    tracker's count of the conversation's guarded replies. For a LangGraph thread the input holds only
    the new messages, so the tracker's count wins when it is higher.
    """

    def context(count: bool) -> Context:
        tracked = None
        if count and tracker is not None and call.conversation_id is not None:
            tracked = tracker.next_turn(call.conversation_id)  # every guarded reply is counted
        history = turn_from_history(input_)
        if call.thread and history is not None and tracked is not None:
            history = max(history, tracked)
        turn = call.turn or history or tracked
        return Context(call.policy.id, call.conversation_id, turn, call.language, call.channel, allowed=call.allowed)

    return context


def graph_stream(bot: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """A LangGraph graph streamed through a guard around it: only its states ("values") are replies;
    a compiled StateGraph streams "updates" unless told otherwise."""
    mode = kwargs.get("stream_mode")
    if mode is None and getattr(bot, "stream_mode", None) not in (None, "values") and hasattr(bot, "get_state"):
        return {**kwargs, "stream_mode": "values"}
    if mode is not None and mode != "values":
        raise UnsupportedReplyError(
            f"a guard around a whole LangGraph graph cannot check stream_mode={mode!r}: it sees the graph's "
            "output only after the graph has saved, streamed and acted on it. Fix: guard the chat model inside "
            "(create_react_agent(safe_reply.guard(model, ...), tools) or safe_reply.langgraph.guard_node(model, "
            "policy=...)) and stream the graph in any mode; see docs/agents.md"
        )
    return kwargs


def bot_config(
    config: RunnableConfig,
    run_manager: CallbackManagerForChainRun | AsyncCallbackManagerForChainRun,
    gates: TokenGates,
) -> RunnableConfig:
    """The bot's config: a child of the guard's run, the caller's handlers behind token gates."""
    child = run_manager.get_child()
    gates.install(child, WITHOUT)
    return patch_config(config, callbacks=child)


def streams_to_client(run_manager: CallbackManagerForChainRun | AsyncCallbackManagerForChainRun) -> bool:
    """A handler streams this run to the client (LangGraph's "messages" mode, astream_events around an
    invoke): the guard then produces the reply by streaming, so approved sentences reach it as they come."""
    return any(
        isinstance(h, _StreamingCallbackHandler) and not isinstance(h, _V2StreamingCallbackHandler)
        for h in run_manager.handlers
    )


def whole(chunks: list[Any]) -> Any:
    """What invoke returns for a reply produced by streaming: its chunks joined, a message chunk as a message."""
    if not chunks:
        raise UnsupportedReplyError(
            "the bot produced no output to guard. Fix: make the bot return a str or a chat message"
        )
    merged = merge_chunks(chunks)
    return message_chunk_to_message(merged) if isinstance(merged, BaseMessageChunk) else merged


@contextmanager
def alone() -> Iterator[None]:
    """Run the bot on the config it is given and nothing else.

    Every LangChain call falls back to an ambient config (a context variable set for the guard's own
    run), and a RunnableBinding (a model with tools bound) merges it into the config it gets: the
    caller's handlers would reach the model past their gates. Inside, that ambient config is unset.
    """
    token = var_child_runnable_config.set(None)
    try:
        yield
    finally:
        with suppress(ValueError):  # a stream closed from another context: nothing of ours to restore
            var_child_runnable_config.reset(token)


def close_iter(chunks: Iterator[Any]) -> None:
    """Stop the bot's stream (a generator: closing it ends the model call and its run)."""
    close = getattr(chunks, "close", None)
    if close is not None:
        close()


async def aclose_iter(chunks: AsyncIterator[Any]) -> None:
    close = getattr(chunks, "aclose", None)
    if close is not None:
        await close()


def checked(recorder: Any, tracker: Any) -> None:
    if recorder is not None and not isinstance(recorder, DecisionRecorder):
        raise TypeError(
            f"recorder must have on_decision(decision, ctx, latency_s), got {type(recorder).__name__}. "
            "Fix: pass a safe_reply.recording.DecisionRecorder or None"
        )
    if tracker is not None and not isinstance(tracker, TurnTracker):
        raise TypeError(
            f"tracker must have next_turn(conversation_id) -> int, got {type(tracker).__name__}. "
            "Fix: pass a safe_reply.conversation.ConversationTracker or None"
        )


# One recorder per log target and working directory for the whole process: guards built on the same
# policy share its store connection and its pass counters instead of opening one each.
_RECORDERS: dict[tuple[LogSettings, str], DecisionRecorder] = {}
_RECORDERS_LOCK = threading.Lock()


def policy_recorder(policy: Policy) -> DecisionRecorder | None:
    if not policy.log.enabled:
        return None
    from safe_reply.log import open_recorder  # the log (and SQLite/psycopg) only when configured

    key = (policy.log, os.getcwd())
    with _RECORDERS_LOCK:
        if key not in _RECORDERS:
            _RECORDERS[key] = open_recorder(policy.log)
        return _RECORDERS[key]
