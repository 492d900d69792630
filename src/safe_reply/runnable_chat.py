"""A guarded chat model that stays a chat model for its users, so it goes where one goes:
`create_react_agent(guard(model), tools)`, a LangGraph node, any agent constructor.

`bind_tools`, `bind` and `with_config` return guarded models again (the binding is applied to the
model inside the guard, or around the guard with the same methods), and `with_structured_output`
returns a guard around the model's structured output: every text field of it is checked like an
outbound tool's arguments (safe_reply.runnable_tools); a rewrite changes the fields, a block raises
`ReplyBlocked` (a schema has no place for the fallback).

`guard` lives here, above both kinds of guard: it picks the chat-model guard for a chat model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableBinding, RunnableConfig

from safe_reply.conversation import ConversationTracker, TurnTracker, parse_language
from safe_reply.loader import load_policy
from safe_reply.policy import Policy
from safe_reply.recording import DecisionRecorder
from safe_reply.runnable import DEFAULT_RUN_NAME, GuardedRunnable
from safe_reply.runnable_setup import checked, policy_recorder
from safe_reply.types import Language


def is_chat_model(bot: Runnable[Any, Any]) -> bool:
    """A chat model, or one with tools or a config bound (a RunnableBinding around it)."""
    while isinstance(bot, RunnableBinding):
        bot = bot.bound
    return isinstance(bot, BaseChatModel)


class GuardedChatModel(GuardedRunnable):
    """`safe_reply.guard(chat_model, ...)`: a GuardedRunnable with a chat model's binding methods."""

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> GuardedChatModel:
        """The model with `tools` bound, still guarded (its tool calls are checked: docs/agents.md)."""
        return self.model_copy(update={"bot": self.bot.bind_tools(tools, **kwargs)})  # type: ignore[attr-defined]

    def with_structured_output(self, schema: Any, **kwargs: Any) -> GuardedRunnable:
        structured = self.bot.with_structured_output(schema, **kwargs)  # type: ignore[attr-defined]
        fields = {name: getattr(self, name) for name in GuardedRunnable.model_fields}
        return GuardedRunnable(**{**fields, "bot": structured, "structured": True})

    def bind(self, **kwargs: Any) -> GuardedModelBinding:
        return GuardedModelBinding(bound=self, kwargs=kwargs, config={})

    def with_config(self, config: RunnableConfig | None = None, **kwargs: Any) -> GuardedModelBinding:
        return GuardedModelBinding(bound=self, kwargs={}, config={**(config or {}), **kwargs})


class GuardedModelBinding(RunnableBinding[Any, Any]):  # type: ignore[no-redef]  # (pydantic plugin vs. its fields)
    """A guarded chat model with a config or call arguments bound: binding tools or a schema keeps them."""

    def bind_tools(self, tools: Sequence[Any], **options: Any) -> GuardedModelBinding:
        return self._around(lambda guarded: guarded.bind_tools(tools, **options))

    def with_structured_output(self, schema: Any, **options: Any) -> GuardedModelBinding:
        return self._around(lambda guarded: guarded.with_structured_output(schema, **options))

    def _around(self, make: Callable[[Any], Runnable[Any, Any]]) -> GuardedModelBinding:
        return self.__class__(
            bound=make(self.bound),
            kwargs=self.kwargs,
            config=self.config,
            config_factories=self.config_factories,
            custom_input_type=self.custom_input_type,
            custom_output_type=self.custom_output_type,
        )

def guard(
    bot: Runnable[Any, Any],
    policy: Policy | str | Path = "config",
    product_line: str | None = None,
    *,
    output_key: str | None = None,
    recorder: DecisionRecorder | Literal["policy"] | None = "policy",
    tracker: TurnTracker | None = None,
    language: Language | str | None = None,
    channel: str | None = None,
    run_name: str = DEFAULT_RUN_NAME,
) -> GuardedRunnable:
    """Wrap `bot` so every reply is checked by `policy` (a config folder or a loaded Policy).

    `product_line` fixes the product line (a call's `configurable["product_line"]` overrides it;
    without either, the policy's default is used). `recorder` receives every decision before the
    reply is released; the default, "policy", opens the log configured in the policy's `log`
    section (a Policy built in code has none), None records nothing. `tracker` counts turns per
    conversation (default: the log's recorder when the log is on: counted in memory, written behind
    to the store and read back on first sight, so a restart or another replica continues the count;
    else an in-memory LRU of 100,000 conversations).
    """
    loaded = policy if isinstance(policy, Policy) else load_policy(policy)
    if recorder == "policy":
        recorder = policy_recorder(loaded)
        if tracker is None and isinstance(recorder, TurnTracker):
            tracker = recorder
    if product_line is not None:
        loaded.select(product_line)  # fail at construction, not on the first customer message
    checked(recorder, tracker)
    kind = GuardedChatModel if is_chat_model(bot) else GuardedRunnable
    return kind(
        bot=bot,
        policy=loaded,
        product_line=product_line,
        language=parse_language(language),
        channel=channel,
        output_key=output_key,
        recorder=recorder,
        tracker=tracker if tracker is not None else ConversationTracker(),
        run_name=run_name,
    )
