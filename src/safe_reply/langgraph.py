"""LangGraph: the guard inside the graph, so the thread's saved state holds what the customer saw.

A guard around a whole compiled graph sees only what the graph returns: the graph has already
saved the unchecked reply in its checkpoint (the model reads the leaked codename again next turn),
run its tool calls, and streamed its tokens. So the guard goes inside, in one of two shapes:

- the chat model, guarded: `create_react_agent(safe_reply.guard(model, policy=...), tools)`, or
  `guard_node(model, policy=...)` as the agent node of your own StateGraph. Every message the model
  writes is checked before it enters the state: its text (streamed sentence by sentence in
  `stream_mode="messages"`), its tool calls (docs/agents.md); a message that only calls tools is
  not a reply (no AI notice, no turn).
- `guard_node(policy=...)` without a model, after a node you do not control (a subgraph, a remote
  agent): it checks the last AI message and replaces it in the state (same message id). The node
  before it has already streamed that message: use this shape with `stream_mode` "values" or
  "updates", or for invoke, not for "messages".

The conversation is the thread (`configurable["thread_id"]`); the turn is counted from the thread's
guarded replies and its saved messages, so the AI notice comes once per thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from langchain_core.messages import AIMessage
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda

from safe_reply.conversation import TurnTracker
from safe_reply.policy import Policy
from safe_reply.recording import DecisionRecorder
from safe_reply.runnable import DEFAULT_RUN_NAME, GuardedRunnable
from safe_reply.runnable_chat import guard
from safe_reply.runnable_io import HUMAN_AGENT_NAME
from safe_reply.types import Language

__all__ = ["guard_node"]


def guard_node(
    model: Runnable[Any, Any] | None = None,
    *,
    policy: Policy | str | Path = "config",
    product_line: str | None = None,
    messages_key: str = "messages",
    recorder: DecisionRecorder | Literal["policy"] | None = "policy",
    tracker: TurnTracker | None = None,
    language: Language | str | None = None,
    channel: str | None = None,
    name: str = "agent",
    run_name: str = DEFAULT_RUN_NAME,
) -> Runnable[Any, dict[str, Any]]:
    """A LangGraph node over a state with a message list under `messages_key`.

    With a `model` (a chat model, with tools bound or not, or `prompt | model`): calls it on the
    state's messages and returns its checked message. Without: checks the state's last AI message and
    returns it rewritten or replaced by the fallback (same id, so `add_messages` replaces it), or
    nothing when it passes. The other arguments are those of `safe_reply.guard`.
    """
    if model is not None:
        guarded = guard(
            model, policy, product_line, recorder=recorder, tracker=tracker, language=language, channel=channel,
            run_name=run_name,
        )  # fmt: skip

        def call_model(state: Any, config: RunnableConfig) -> dict[str, Any]:
            return {messages_key: [guarded.invoke(_messages(state, messages_key), config)]}

        async def acall_model(state: Any, config: RunnableConfig) -> dict[str, Any]:
            return {messages_key: [await guarded.ainvoke(_messages(state, messages_key), config)]}

        return RunnableLambda(call_model, afunc=acall_model, name=name)

    template = guard(
        RunnableLambda(_unset), policy, product_line, recorder=recorder, tracker=tracker, language=language,
        channel=channel, run_name=run_name,
    )  # fmt: skip

    def checker(state: Any) -> tuple[GuardedRunnable, list[Any], AIMessage] | None:
        messages = _messages(state, messages_key)
        last = messages[-1] if messages else None
        if not isinstance(last, AIMessage) or last.name == HUMAN_AGENT_NAME:
            return None
        return template.model_copy(update={"bot": RunnableLambda(lambda _: last)}), messages[:-1], last

    def check(state: Any, config: RunnableConfig) -> dict[str, Any]:
        found = checker(state)
        if found is None:
            return {}
        guarded, history, last = found
        checked = guarded.invoke(history, config)
        return {} if checked is last else {messages_key: [checked]}

    async def acheck(state: Any, config: RunnableConfig) -> dict[str, Any]:
        found = checker(state)
        if found is None:
            return {}
        guarded, history, last = found
        checked = await guarded.ainvoke(history, config)
        return {} if checked is last else {messages_key: [checked]}

    return RunnableLambda(check, afunc=acheck, name="safe_reply_check" if name == "agent" else name)


def _messages(state: Any, key: str) -> list[Any]:
    value = state.get(key) if isinstance(state, Mapping) else getattr(state, key, None)
    if not isinstance(value, list):
        raise TypeError(
            f"guard_node expects the graph state to hold a list of messages under '{key}', got "
            f"{type(value).__name__}. Fix: pass messages_key= naming the state key of the message list"
        )
    return value


def _unset(_: Any) -> Any:
    raise RuntimeError("guard_node's template guard is never called itself")
