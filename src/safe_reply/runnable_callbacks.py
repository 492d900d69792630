"""The caller's callback handlers see the bot's run, but only text the guard has approved.

LangChain hands every token a model inside the bot streams to every callback handler of the call
(`on_llm_new_token`, and the v3 protocol's `on_stream_event`). A handler that forwards tokens to a
chat UI (the usual way to stream through callbacks) would show the customer text that the guard
then blocks. So, for the bot's part of a guarded call, each of the caller's handlers sits behind a
`_Gate`:

- token events (`on_llm_new_token`, `on_stream_event`) of the bot's models are swallowed;
- the end (or error) of a model run that wrote text is held back until the guard has decided;
- while streaming, the guard releases what it approved as `on_llm_new_token` events of the model
  run that streamed (sentence by sentence); a handler that got no tokens before gets none now;
- the held ends then pass, the last text-writing run's text replaced by the delivered reply and
  earlier ones' text by "" (the text of a run before the reply, e.g. a draft, is not for the
  customer either); tool calls and metadata stay;
- every other event (chain, tool, retriever, custom events; a model run's start) passes unchanged.

Tracers (LangSmith, the console tracer, run collectors) are not gated: they record what the bot
really did, for the people who debug it, and never reach the customer. LangChain's own
client-streaming handlers (astream_events, astream_log) are taken out of the bot's config by the
wrapper instead: the guard's output stream is what they show.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from langchain_core.callbacks import AsyncCallbackHandler, BaseCallbackHandler
from langchain_core.callbacks.base import BaseCallbackManager
from langchain_core.callbacks.manager import ahandle_event, handle_event
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, Generation, GenerationChunk, LLMResult
from langchain_core.tracers.base import AsyncBaseTracer, BaseTracer

# The events a gate passes on unchanged (a model run's end and error are held when it streamed text).
_PASSED = (
    "on_llm_start", "on_chat_model_start", "on_chain_start", "on_chain_end", "on_chain_error", "on_tool_start",
    "on_tool_end", "on_tool_error", "on_text", "on_retry", "on_agent_action", "on_agent_finish",
    "on_retriever_start", "on_retriever_end", "on_retriever_error", "on_custom_event",
)  # fmt: skip
_IGNORES = ("ignore_llm", "ignore_retry", "ignore_chain", "ignore_agent", "ignore_retriever", "ignore_chat_model",
            "ignore_custom_event")  # fmt: skip


class _Run:
    """A model run of the bot that streamed text to the gate."""

    __slots__ = ("chat", "kwargs", "run_id")

    def __init__(self, run_id: UUID, kwargs: dict[str, Any], chat: bool) -> None:
        self.run_id = run_id
        self.kwargs = kwargs  # parent_run_id and tags, as the model sent them
        self.chat = chat


class _GateState:
    """What a gate (sync or async) knows: the text-streaming model runs and the held events."""

    def __init__(self, inner: BaseCallbackHandler) -> None:
        self.inner = inner
        self.streamed: dict[UUID, _Run] = {}
        self.current: _Run | None = None
        self.held: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def swallow(self, token: Any, kwargs: dict[str, Any]) -> None:
        run_id = kwargs.get("run_id")
        if not isinstance(run_id, UUID) or not _has_text(token, kwargs.get("chunk")):
            return  # a tool-call chunk or an empty token: nothing to release in its place
        run = self.streamed.get(run_id)
        if run is None:
            extra: dict[str, Any] = {k: kwargs[k] for k in ("parent_run_id", "tags") if k in kwargs}
            run = self.streamed[run_id] = _Run(run_id, extra, isinstance(kwargs.get("chunk"), ChatGenerationChunk))
        self.current = run

    def hold(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        """Hold the end or error of a run that streamed or wrote text."""
        wrote = name == "on_llm_end" and isinstance(args[0], LLMResult) and _result_has_text(args[0])
        if wrote or kwargs.get("run_id") in self.streamed:
            self.held.append((name, args, kwargs))
            return True
        return False

    def token_event(self, text: str) -> dict[str, Any] | None:
        run = self.current
        if run is None:
            return None  # no model streamed text to this handler: it expects no tokens
        chunk: GenerationChunk | ChatGenerationChunk = (
            ChatGenerationChunk(message=AIMessageChunk(content=text)) if run.chat else GenerationChunk(text=text)
        )
        return {"token": text, "chunk": chunk, "run_id": run.run_id, **run.kwargs}

    def release_held(self, delivered: str) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
        held, self.held = self.held, []
        ends = [i for i, (name, _, _) in enumerate(held) if name == "on_llm_end"]
        out = []
        for index, (name, args, kwargs) in enumerate(held):
            if name == "on_llm_end":
                text = delivered if index == ends[-1] else ""
                out.append((name, (_with_text(args[0], text), *args[1:]), kwargs))
            else:
                out.append((name, args, kwargs))
        self.streamed.clear()
        self.current = None
        return out


class _Gate(BaseCallbackHandler):
    """A synchronous handler of the caller, behind the gate."""

    def __init__(self, inner: BaseCallbackHandler) -> None:
        self.state = _GateState(inner)
        self.raise_error = inner.raise_error
        self.run_inline = inner.run_inline

    def on_llm_new_token(self, token: Any, **kwargs: Any) -> None:
        self.state.swallow(token, kwargs)

    def on_stream_event(self, event: Any, **kwargs: Any) -> None:
        return None

    def on_llm_end(self, response: LLMResult, **kwargs: Any) -> Any:
        if not self.state.hold("on_llm_end", (response,), kwargs):
            return self.state.inner.on_llm_end(response, **kwargs)
        return None

    def on_llm_error(self, error: BaseException, **kwargs: Any) -> Any:
        if not self.state.hold("on_llm_error", (error,), kwargs):
            return self.state.inner.on_llm_error(error, **kwargs)
        return None


class _AsyncGate(AsyncCallbackHandler):
    """An async handler of the caller, behind the gate."""

    def __init__(self, inner: BaseCallbackHandler) -> None:
        self.state = _GateState(inner)
        self.raise_error = inner.raise_error
        self.run_inline = inner.run_inline

    async def on_llm_new_token(self, token: Any, **kwargs: Any) -> None:
        self.state.swallow(token, kwargs)

    async def on_stream_event(self, event: Any, **kwargs: Any) -> None:
        return None

    async def on_llm_end(self, response: LLMResult, **kwargs: Any) -> None:
        if not self.state.hold("on_llm_end", (response,), kwargs):
            await self.state.inner.on_llm_end(response, **kwargs)

    async def on_llm_error(self, error: BaseException, **kwargs: Any) -> None:
        if not self.state.hold("on_llm_error", (error,), kwargs):
            await self.state.inner.on_llm_error(error, **kwargs)


def _forward(name: str) -> Any:
    def forward(self: _Gate, *args: Any, **kwargs: Any) -> Any:
        return getattr(self.state.inner, name)(*args, **kwargs)

    return forward


def _aforward(name: str) -> Any:
    async def forward(self: _AsyncGate, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.state.inner, name)(*args, **kwargs)
        return await result if asyncio.iscoroutine(result) else result

    return forward


def _ignore(name: str) -> property:
    return property(lambda self: getattr(self.state.inner, name))


for _name in _PASSED:
    setattr(_Gate, _name, _forward(_name))
    setattr(_AsyncGate, _name, _aforward(_name))
for _name in _IGNORES:
    setattr(_Gate, _name, _ignore(_name))
    setattr(_AsyncGate, _name, _ignore(_name))


class TokenGates:
    """The gates of one guarded call (one reply)."""

    def __init__(self) -> None:
        self.gates: list[_Gate | _AsyncGate] = []
        self.released: list[str] = []

    def install(self, manager: BaseCallbackManager, remove: Sequence[type]) -> None:
        """Put the caller's handlers in `manager` (the bot's) behind gates; drop those of `remove`."""
        made: dict[int, BaseCallbackHandler] = {}

        def gated(handler: BaseCallbackHandler) -> BaseCallbackHandler:
            if isinstance(handler, BaseTracer | AsyncBaseTracer | _Gate | _AsyncGate):
                return handler
            if id(handler) not in made:
                gate = _AsyncGate(handler) if isinstance(handler, AsyncCallbackHandler) else _Gate(handler)
                self.gates.append(gate)
                made[id(handler)] = gate
            return made[id(handler)]

        keep = [h for h in manager.handlers if not isinstance(h, tuple(remove))]
        inheritable = [h for h in manager.inheritable_handlers if not isinstance(h, tuple(remove))]
        manager.handlers = [gated(h) for h in keep]
        manager.inheritable_handlers = [gated(h) for h in inheritable]

    def release(self, text: str) -> None:
        """Approved text, as a token of the model run that streamed to each handler."""
        self.released.append(text)
        for gate in self.gates:
            event = gate.state.token_event(text) if text else None
            if event is not None:
                handle_event([gate.state.inner], "on_llm_new_token", "ignore_llm", **event)

    async def arelease(self, text: str) -> None:
        self.released.append(text)
        for gate in self.gates:
            event = gate.state.token_event(text) if text else None
            if event is not None:
                await ahandle_event([gate.state.inner], "on_llm_new_token", "ignore_llm", **event)

    def close(self) -> None:
        """Let the held model-run ends through (with the released text as the reply's run's output)."""
        delivered = "".join(self.released)
        for gate in self.gates:
            for name, args, kwargs in gate.state.release_held(delivered):
                handle_event([gate.state.inner], name, "ignore_llm", *args, **kwargs)

    async def aclose(self) -> None:
        delivered = "".join(self.released)
        for gate in self.gates:
            for name, args, kwargs in gate.state.release_held(delivered):
                await ahandle_event([gate.state.inner], name, "ignore_llm", *args, **kwargs)


def _has_text(token: Any, chunk: Any) -> bool:
    if isinstance(token, str) and token:
        return True
    message = getattr(chunk, "message", None)
    if isinstance(message, BaseMessage):
        return bool(message.text)
    return bool(getattr(chunk, "text", ""))


def _result_has_text(result: LLMResult) -> bool:
    return any(generation.text for batch in result.generations for generation in batch)


def _with_text(result: LLMResult, text: str) -> LLMResult:
    """The model's result as the gate's handler may see it: its text replaced by the released text."""
    generations: list[list[Generation]] = []
    for batch in result.generations:
        replaced: list[Generation] = []
        for generation in batch:
            if isinstance(generation, ChatGeneration):
                message = generation.message.model_copy(update={"content": text})
                replaced.append(ChatGeneration(message=message, generation_info=generation.generation_info))
            else:
                replaced.append(Generation(text=text, generation_info=generation.generation_info))
        generations.append(replaced)
    return LLMResult(generations=generations, llm_output=result.llm_output, run=result.run)
