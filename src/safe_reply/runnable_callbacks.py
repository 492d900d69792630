"""The caller's callback handlers see the bot's run, but only text the guard has approved.

LangChain hands every token a model inside the bot streams to every callback handler of the call
(`on_llm_new_token`, and the v3 protocol's `on_stream_event`), and every model run's output at its
end. A handler that forwards them to a chat UI (the usual way to stream through callbacks) would
show the customer text that the guard then blocks. So, for the bot's part of a guarded call, each
of the caller's handlers sits behind a gate:

- token events of the bot's models are swallowed;
- the end (or error) of a model run that wrote text or called tools is held until the guard has
  decided, then passes with the delivered message in place of the last such run's output (earlier
  runs' text becomes "": a draft before the reply is not for the customer either);
- the guard releases what it approved as `on_llm_new_token` events of the model run that streamed
  (sentence by sentence when streaming, the whole reply otherwise); a handler that got no tokens
  before gets none now;
- every other event passes: a model run's start; tool, retriever and custom events.

Client-streaming handlers (astream_events, astream_log, LangGraph's `stream_mode="messages"`) get a
gate that is itself a streaming handler, so the models inside the bot stream and their approved
sentences reach the client as they are released; the bot's inner chain runs are not shown to them
(their inputs are the customer's, but their outputs are the bot's unchecked text), only its model,
tool and retriever runs. The v3 event protocol (`_V2StreamingCallbackHandler`) is taken out of the
bot's config instead: it shows the guard's output.

Tracers (LangSmith, the console tracer, run collectors) are not gated: they record what the bot
really did, for the people who debug it, and never reach the customer.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any, TypeVar
from uuid import UUID

from langchain_core.callbacks import AsyncCallbackHandler, BaseCallbackHandler
from langchain_core.callbacks.base import BaseCallbackManager
from langchain_core.callbacks.manager import ahandle_event, handle_event
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, Generation, GenerationChunk, LLMResult
from langchain_core.tracers._streaming import _StreamingCallbackHandler
from langchain_core.tracers.base import AsyncBaseTracer, BaseTracer

T = TypeVar("T")
_Held = tuple[str, tuple[Any, ...], dict[str, Any]]
# The events a gate passes on unchanged (for a client gate, not the chain events: see the docstring).
_PASSED = (
    "on_llm_start", "on_chat_model_start", "on_tool_start", "on_tool_end", "on_tool_error", "on_text", "on_retry",
    "on_agent_action", "on_agent_finish", "on_retriever_start", "on_retriever_end", "on_retriever_error",
    "on_custom_event",
)  # fmt: skip
_CHAIN = ("on_chain_start", "on_chain_end", "on_chain_error")
_IGNORES = ("ignore_llm", "ignore_retry", "ignore_chain", "ignore_agent", "ignore_retriever", "ignore_chat_model",
            "ignore_custom_event")  # fmt: skip


class _Run:
    """A model run of the bot that streamed text to the gate."""

    __slots__ = ("chat", "kwargs", "message_id", "run_id")

    def __init__(self, run_id: UUID, kwargs: dict[str, Any], chat: bool, message_id: str | None) -> None:
        self.run_id = run_id
        self.kwargs = kwargs  # parent_run_id and tags, as the model sent them
        self.chat = chat
        self.message_id = message_id  # the streamed message's id: released tokens carry it too


class _GateState:
    """What a gate (sync or async) knows: the text-streaming model runs and the held events."""

    def __init__(self, inner: BaseCallbackHandler, client: bool) -> None:
        self.inner = inner
        self.client = client
        self.streamed: dict[UUID, _Run] = {}
        self.current: _Run | None = None
        self.held: list[_Held] = []

    def swallow(self, token: Any, kwargs: dict[str, Any]) -> None:
        run_id = kwargs.get("run_id")
        chunk = kwargs.get("chunk")
        if not isinstance(run_id, UUID) or not _has_text(token, chunk):
            return  # a tool-call chunk or an empty token: nothing to release in its place
        run = self.streamed.get(run_id)
        if run is None:
            extra: dict[str, Any] = {k: kwargs[k] for k in ("parent_run_id", "tags") if k in kwargs}
            message = getattr(chunk, "message", None)
            message_id = message.id if isinstance(message, BaseMessage) else None
            run = self.streamed[run_id] = _Run(run_id, extra, isinstance(chunk, ChatGenerationChunk), message_id)
        self.current = run

    def hold(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        """Hold the end or error of a model run that streamed, wrote text or called tools."""
        wrote = name == "on_llm_end" and isinstance(args[0], LLMResult) and _has_output(args[0])
        if wrote or kwargs.get("run_id") in self.streamed:
            self.held.append((name, args, kwargs))
            return True
        return False

    def token_event(self, text: str) -> dict[str, Any] | None:
        run = self.current
        if run is None:
            return None  # no model streamed text to this handler: it expects no tokens
        chunk: GenerationChunk | ChatGenerationChunk = (
            ChatGenerationChunk(message=AIMessageChunk(content=text, id=run.message_id))
            if run.chat
            else GenerationChunk(text=text)
        )
        return {"token": text, "chunk": chunk, "run_id": run.run_id, **run.kwargs}

    def release_held(self, delivered: str, message: BaseMessage | None) -> list[_Held]:
        held, self.held = self.held, []
        ends = [i for i, (name, _, _) in enumerate(held) if name == "on_llm_end"]
        out = []
        for index, (name, args, kwargs) in enumerate(held):
            if name == "on_llm_end":
                last = index == ends[-1]
                out.append((name, (_delivered(args[0], delivered if last else "", message if last else None),), kwargs))
            else:
                out.append((name, args, kwargs))
        self.streamed.clear()
        self.current = None
        return out

    def passes(self, name: str) -> bool:
        return not (self.client and name in _CHAIN)


class _Gate(BaseCallbackHandler):
    """A synchronous handler of the caller, behind the gate."""

    def __init__(self, inner: BaseCallbackHandler, client: bool = False) -> None:
        self.state = _GateState(inner, client)
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

    def __init__(self, inner: BaseCallbackHandler, client: bool = False) -> None:
        self.state = _GateState(inner, client)
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


class _Tap:
    """What makes a gate a client-streaming handler (LangChain checks for these two methods): models
    inside the bot then stream. The bot's inner chain outputs are not tapped: they are unchecked."""

    def tap_output_iter(self, run_id: UUID, output: Iterator[T]) -> Iterator[T]:
        return output

    def tap_output_aiter(self, run_id: UUID, output: AsyncIterator[T]) -> AsyncIterator[T]:
        return output


class _ClientGate(_Tap, _Gate):
    pass


class _AsyncClientGate(_Tap, _AsyncGate):
    pass


def _forward(name: str) -> Any:
    def forward(self: _Gate, *args: Any, **kwargs: Any) -> Any:
        if self.state.passes(name):
            return getattr(self.state.inner, name)(*args, **kwargs)
        return None

    return forward


def _aforward(name: str) -> Any:
    async def forward(self: _AsyncGate, *args: Any, **kwargs: Any) -> Any:
        if not self.state.passes(name):
            return None
        result = getattr(self.state.inner, name)(*args, **kwargs)
        return await result if asyncio.iscoroutine(result) else result

    return forward


def _ignore(name: str) -> property:
    return property(lambda self: getattr(self.state.inner, name))


for _name in (*_PASSED, *_CHAIN):
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
        self.message: BaseMessage | None = None  # the delivered message, when the bot answers with one

    @property
    def client(self) -> bool:
        """A client-streaming handler listens: the reply should be produced by streaming."""
        return any(gate.state.client for gate in self.gates)

    def install(self, manager: BaseCallbackManager, remove: Sequence[type]) -> None:
        """Put the caller's handlers in `manager` (the bot's) behind gates; drop those of `remove`."""
        made: dict[int, BaseCallbackHandler] = {}

        def gated(handler: BaseCallbackHandler) -> BaseCallbackHandler:
            client = isinstance(handler, _StreamingCallbackHandler)
            if isinstance(handler, _Gate | _AsyncGate) or (
                not client and isinstance(handler, BaseTracer | AsyncBaseTracer)
            ):
                return handler
            if id(handler) not in made:
                asynchronous = isinstance(handler, AsyncCallbackHandler)
                kind = (_AsyncClientGate if asynchronous else _ClientGate) if client else (
                    _AsyncGate if asynchronous else _Gate
                )  # fmt: skip
                gate = kind(handler, client)
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
        """Let the held model-run ends through (the delivered message as the reply's run's output)."""
        delivered = "".join(self.released)
        for gate in self.gates:
            for name, args, kwargs in gate.state.release_held(delivered, self.message):
                handle_event([gate.state.inner], name, "ignore_llm", *args, **kwargs)

    async def aclose(self) -> None:
        delivered = "".join(self.released)
        for gate in self.gates:
            for name, args, kwargs in gate.state.release_held(delivered, self.message):
                await ahandle_event([gate.state.inner], name, "ignore_llm", *args, **kwargs)


def _has_text(token: Any, chunk: Any) -> bool:
    if isinstance(token, str) and token:
        return True
    message = getattr(chunk, "message", None)
    if isinstance(message, BaseMessage):
        return bool(message.text)
    return bool(getattr(chunk, "text", ""))


def _has_output(result: LLMResult) -> bool:
    """The model wrote text or called tools (an empty result has nothing to hide)."""
    for batch in result.generations:
        for generation in batch:
            message = getattr(generation, "message", None)
            calls = isinstance(message, AIMessage) and (message.tool_calls or message.invalid_tool_calls)
            if generation.text or calls:
                return True
    return False


def _delivered(result: LLMResult, text: str, message: BaseMessage | None) -> LLMResult:
    """The model's result as the gate's handler may see it: the delivered message (or text) instead."""
    generations: list[list[Generation]] = []
    for batch in result.generations:
        replaced: list[Generation] = []
        for generation in batch:
            if isinstance(generation, ChatGeneration):
                new: BaseMessage
                if message is not None and isinstance(generation.message, AIMessage):
                    new = _as_message(message, generation.message)
                else:
                    new = generation.message.model_copy(update={"content": text})
                replaced.append(ChatGeneration(message=new, generation_info=generation.generation_info))
            else:
                replaced.append(Generation(text=text, generation_info=generation.generation_info))
        generations.append(replaced)
    return LLMResult(generations=generations, llm_output=result.llm_output, run=result.run)


def _as_message(delivered: BaseMessage, original: AIMessage) -> AIMessage:
    """The delivered content and tool calls in the model's own message (its id and metadata stay)."""
    calls = delivered.tool_calls if isinstance(delivered, AIMessage) else []
    return AIMessage(
        content=delivered.content, id=original.id, name=original.name, tool_calls=calls,
        response_metadata=original.response_metadata, usage_metadata=original.usage_metadata,
    )  # fmt: skip
