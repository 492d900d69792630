"""A guarded chat model that stays a chat model for its users, so it goes where one goes:
`create_react_agent(guard(model), tools)`, a LangGraph node, any agent constructor.

`bind_tools`, `bind` and `with_config` return guarded models again (the binding is applied to the
model inside the guard, or around the guard with the same methods), and `with_structured_output`
returns a guard around the model's structured output: every text field of it is checked like an
outbound tool's arguments (safe_reply.runnable_tools); a rewrite changes the fields, a block raises
`ReplyBlocked` (a schema has no place for the fallback).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableBinding, RunnableConfig

from safe_reply.runnable import GuardedRunnable


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
