"""Streamed output of the guard: the bot's chunks in, approved pieces out as chunks of the same kind.

`ChunkKind.of(first_chunk)` says whether a stream can be released sentence by sentence: str chunks
(a chain ending in StrOutputParser) and message chunks (a chat model) can; anything else (an agent's
dict chunks, LangGraph state) is guarded as one reply, as before. Message chunks keep everything
but their text: id, response and usage metadata, tool-call chunks, `chunk_position` come in one last
chunk without text, merged from the bot's chunks, so the sum of the guard's chunks is the message the
bot streamed with its text replaced by the delivered text.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import operator
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

from langchain_core.callbacks.manager import (
    AsyncCallbackManager,
    AsyncCallbackManagerForChainRun,
    CallbackManager,
    CallbackManagerForChainRun,
)
from langchain_core.messages import AIMessageChunk, BaseMessage, BaseMessageChunk
from langchain_core.messages.utils import message_chunk_to_message

from safe_reply.lang import reply_language
from safe_reply.policy import ProductLinePolicy
from safe_reply.recording import DecisionRecorder
from safe_reply.runnable_callbacks import TokenGates
from safe_reply.runnable_io import Outcome, UnsupportedReplyError, areport, message_text, report
from safe_reply.runnable_reply import Contexts
from safe_reply.runnable_stream import SentenceStream
from safe_reply.runnable_tools import ToolCheck, check_tool_calls, message_calls, unreadable_calls, with_calls
from safe_reply.types import Action, Context, Decision


class ChunkKind:
    """How to read text from the bot's chunks and build the guard's chunks around approved pieces."""

    def text(self, chunk: Any) -> str:
        raise NotImplementedError

    def wrap(self, piece: str) -> Any:
        raise NotImplementedError

    def trailer(self) -> Any | None:
        """What is not text (message metadata) as a chunk without text, or None."""
        return None

    def last(self, pieces: list[str], trailer: Any | None) -> list[Any]:
        """The chunks for the last pieces, the trailer merged into the last one (or alone)."""
        chunks = [self.wrap(piece) for piece in pieces]
        if trailer is not None:
            chunks = [*chunks[:-1], chunks[-1] + trailer] if chunks else [trailer]
        return chunks

    @staticmethod
    def of(chunk: Any) -> ChunkKind | None:
        if isinstance(chunk, str):
            return _StrKind()
        if isinstance(chunk, BaseMessageChunk):
            return _MessageKind(chunk)
        return None


class _StrKind(ChunkKind):
    def text(self, chunk: Any) -> str:
        if not isinstance(chunk, str):
            raise _mixed(chunk)
        return chunk

    def wrap(self, piece: str) -> str:
        return piece


class _MessageKind(ChunkKind):
    def __init__(self, first: BaseMessageChunk) -> None:
        self.first = first
        self.meta: BaseMessageChunk | None = None

    def text(self, chunk: Any) -> str:
        if not isinstance(chunk, BaseMessageChunk):
            raise _mixed(chunk)
        if self.meta is None or _carries(chunk):  # most chunks carry text only: no merge for them
            stripped = chunk.model_copy(update={"content": ""})
            self.meta = stripped if self.meta is None else self.meta + stripped
        return message_text(chunk)

    def wrap(self, piece: str) -> BaseMessageChunk:
        if isinstance(self.first, AIMessageChunk):
            return AIMessageChunk(content=piece, id=self.first.id)
        return self.first.model_copy(update={"content": piece})

    def trailer(self) -> BaseMessageChunk | None:
        meta = self.meta
        if meta is None or (isinstance(meta, AIMessageChunk) and not _carries(meta)):
            return None
        return meta


def _carries(chunk: BaseMessageChunk) -> bool:
    """The chunk holds something besides text (metadata, tool-call pieces, the end-of-message mark)."""
    if not isinstance(chunk, AIMessageChunk):
        return True
    return bool(
        chunk.response_metadata or chunk.usage_metadata or chunk.tool_call_chunks or chunk.additional_kwargs
        or chunk.chunk_position
    )  # fmt: skip


def _mixed(chunk: Any) -> UnsupportedReplyError:
    return UnsupportedReplyError(
        f"safe_reply cannot join the bot's streamed chunks: a {type(chunk).__name__} followed chunks of another "
        "kind. Fix: stream str or message chunks (e.g. end the bot with StrOutputParser())"
    )


@dataclass(frozen=True, slots=True)
class Settled:
    """The end of a streamed reply: what is left to send, and what to record."""

    pieces: list[str]
    trailer: Any | None  # the last chunk's non-text part, tool calls as checked
    decision: Decision  # the reply's (a StreamedDecision), or its calls' when the message only calls tools
    ctx: Context
    records: tuple[Decision, ...]
    latency_s: float

    @property
    def outcome(self) -> Outcome:
        raised = next((d for d in self.records if d.action is Action.RAISE), None)
        return Outcome(self.ctx, self.records, self.latency_s, self.decision, raised)


class StreamRun:
    """One streamed reply: its SentenceStream (made when the first text arrives, so a message that only
    calls tools counts no turn), the tool calls at its end, the guard's run in callbacks, the recorder.

    Everything is recorded (and the guard's run ended) before the last pieces leave; an error, the
    bot's or the recorder's, ends the guard's run with that error.
    """

    def __init__(
        self,
        policy: ProductLinePolicy,
        contexts: Contexts,
        recorder: DecisionRecorder | None,
        run_manager: CallbackManagerForChainRun | AsyncCallbackManagerForChainRun,
        run_name: str,
    ) -> None:
        self.policy = policy
        self.contexts = contexts
        self.recorder = recorder
        self.run_manager = run_manager
        self.run_name = run_name
        self.stream: SentenceStream | None = None
        self._lead = ""  # whitespace before the first text: not yet a reply

    def feed(self, text: str) -> list[str]:
        if self.stream is None:
            self._lead += text
            if not self._lead.strip():
                return []
            self.stream = SentenceStream(self.policy, self.contexts(True))
            text, self._lead = self._lead, ""
        return self.stream.feed(text)

    @property
    def finished(self) -> bool:
        return self.stream is not None and self.stream.finished

    def settle(self, trailer: Any | None) -> Settled:
        """Decide the rest, and the tool calls the trailer carries (see safe_reply.runnable_reply)."""
        policy = self.policy
        calls = message_calls(trailer)
        started = time.perf_counter()
        if self.stream is None and calls:
            return self._calls_only(trailer, calls, started)
        if self.stream is None:
            self.stream = SentenceStream(policy, self.contexts(True))
            self.stream.feed(self._lead)
        pieces, decision = self.stream.finish()
        ctx, latency_s = self.stream.ctx, self.stream.latency_s
        tools = check_tool_calls(policy, ctx, calls) if calls else None
        if tools is not None and decision.action in (Action.BLOCK, Action.RAISE):
            tools = tools.withdrawn()  # a blocked reply ends the turn: none of its calls runs
        elif tools is not None and tools.blocked:
            language = reply_language(self.stream.text, ctx.language, policy.default_language)
            pieces = [*pieces, f" {policy.fallback.for_language(language)}"]
        records = (decision, *(tools.failed if tools else ()))
        if (tools is not None and tools.changed) or unreadable_calls(trailer, policy.config.tools):
            trailer = with_calls(trailer, tools or ToolCheck(()), policy.config.tools)
        return Settled(pieces, trailer, decision, ctx, records, latency_s + time.perf_counter() - started)

    def _calls_only(self, trailer: Any, calls: list[dict[str, Any]], started: float) -> Settled:
        """A message that only calls tools: no reply, unless a blocked call leaves the fallback to say."""
        policy = self.policy
        ctx = self.contexts(False)
        tools = check_tool_calls(policy, ctx, calls)
        records: list[Decision] = []
        pieces: list[str] = []
        decision = max(tools.failed, key=lambda d: d.action.rank, default=None)
        if tools.blocked:
            language = reply_language(tools.failed[0].original, ctx.language, policy.default_language)
            ctx = self.contexts(True)
            decision = policy.evaluate(policy.fallback.for_language(language), ctx)
            pieces, records = [decision.delivered], [decision]
        records.extend(tools.failed)
        if tools.changed:
            trailer = with_calls(trailer, tools, policy.config.tools)
        if decision is None:
            decision = Decision(Action.PASS, (), "", "", policy.ref, Action.PASS)
        return Settled(pieces, trailer, decision, ctx, tuple(records), time.perf_counter() - started)

    def close(self, trailer: Any | None) -> Settled:
        """Settle the reply, record it and end the guard's run (raising where the policy says so)."""
        settled = self.settle(trailer)
        manager = self.run_manager.get_child()
        assert isinstance(manager, CallbackManager)  # a sync run's child
        report(manager, self.run_name, self.recorder, settled.outcome)
        return settled

    async def aclose(self, trailer: Any | None) -> Settled:
        settled = await asyncio.to_thread(self.settle, trailer)  # the last check, off the event loop
        manager = self.run_manager.get_child()
        assert isinstance(manager, AsyncCallbackManager)  # an async run's child
        await areport(manager, self.run_name, self.recorder, settled.outcome)
        return settled


def release(run: StreamRun, kind: ChunkKind, first: Any, chunks: Iterator[Any], gates: TokenGates) -> Iterator[Any]:
    """The guard's chunks for the bot's `first` and further `chunks`: approved pieces as they come."""
    sent: list[Any] = []
    for chunk in itertools.chain((first,), chunks):
        for piece in run.feed(kind.text(chunk)):
            gates.release(piece)
            sent.append(kind.wrap(piece))
            yield sent[-1]
        if run.finished:
            break  # blocked: the bot is not read further (the caller closes its stream)
    settled = run.close(kind.trailer())
    for piece in settled.pieces:
        gates.release(piece)
    last = kind.last(settled.pieces, settled.trailer)
    gates.message = joined_message([*sent, *last])
    yield from last


async def arelease(
    run: StreamRun, kind: ChunkKind, first: Any, chunks: AsyncIterator[Any], gates: TokenGates
) -> AsyncIterator[Any]:
    """Async `release`."""

    async def everything() -> AsyncIterator[Any]:
        yield first
        async for chunk in chunks:
            yield chunk

    sent: list[Any] = []
    async for chunk in everything():
        # `feed` checks every completed sentence (and counts the turn on the first): off the event loop,
        # so the bot's other conversations are served meanwhile (one hop to a worker per chunk).
        for piece in await asyncio.to_thread(run.feed, kind.text(chunk)):
            await gates.arelease(piece)
            sent.append(kind.wrap(piece))
            yield sent[-1]
        if run.finished:
            break
    settled = await run.aclose(kind.trailer())
    for piece in settled.pieces:
        await gates.arelease(piece)
    last = kind.last(settled.pieces, settled.trailer)
    gates.message = joined_message([*sent, *last])
    for chunk in last:
        yield chunk


def joined_message(chunks: list[Any]) -> BaseMessage | None:
    """The message the guard's chunks add up to (None for str chunks)."""
    if not chunks or not isinstance(chunks[0], BaseMessageChunk):
        return None
    return message_chunk_to_message(functools.reduce(operator.add, chunks))
