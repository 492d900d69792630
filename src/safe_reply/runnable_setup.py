"""What the guard wrapper settles before the bot runs: the call's context, the bot's callbacks, the log.

Kept apart from the Runnable so that module stays about the call paths: these are plain functions
over a call's config and the guard's construction arguments.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from langchain_core.callbacks.manager import AsyncCallbackManagerForChainRun, CallbackManagerForChainRun
from langchain_core.runnables import RunnableConfig
from langchain_core.runnables.config import patch_config
from langchain_core.tracers._streaming import _StreamingCallbackHandler, _V2StreamingCallbackHandler

from safe_reply.config_models import LogSettings
from safe_reply.conversation import TurnTracker, conversation_id, parse_allowed, parse_language, parse_turn
from safe_reply.policy import Policy, ProductLinePolicy
from safe_reply.recording import DecisionRecorder
from safe_reply.runnable_callbacks import TokenGates
from safe_reply.types import Language

# Handlers that stream the run to the client (astream_events, astream_log, LangGraph's "messages" mode):
# the bot runs without them, and they see the guard's output instead.
CLIENT_STREAMING = (_StreamingCallbackHandler, _V2StreamingCallbackHandler)


@dataclass(frozen=True, slots=True)
class Call:
    """What is known about one call before the bot runs (from the config and the guard)."""

    policy: ProductLinePolicy
    conversation_id: str | None
    turn: int | None
    language: Language | None
    channel: str | None
    allowed: tuple[str, ...]


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
    )


def bot_config(
    config: RunnableConfig,
    run_manager: CallbackManagerForChainRun | AsyncCallbackManagerForChainRun,
    gates: TokenGates,
) -> RunnableConfig:
    """The bot's config: a child of the guard's run, without the handlers that stream to the client,
    and the caller's other handlers behind token gates."""
    child = run_manager.get_child()
    gates.install(child, CLIENT_STREAMING)
    return patch_config(config, callbacks=child)


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
