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
import itertools
from collections.abc import AsyncIterator, Iterator
from typing import Any

from langchain_core.callbacks.manager import AsyncCallbackManagerForChainRun, CallbackManagerForChainRun
from langchain_core.messages import AIMessageChunk, BaseMessageChunk

from safe_reply.errors import ReplyBlocked
from safe_reply.policy import ProductLinePolicy
from safe_reply.recording import DecisionRecorder
from safe_reply.runnable_callbacks import TokenGates
from safe_reply.runnable_io import UnsupportedReplyError, decision_summary, message_text
from safe_reply.runnable_stream import SentenceStream, StreamedDecision
from safe_reply.types import Action, Context


class ChunkKind:
    """How to read text from the bot's chunks and build the guard's chunks around approved pieces."""

    def text(self, chunk: Any) -> str:
        raise NotImplementedError

    def wrap(self, piece: str) -> Any:
        raise NotImplementedError

    def trailer(self) -> Any | None:
        """What is not text (message metadata) as a chunk without text, or None."""
        return None

    def last(self, pieces: list[str]) -> list[Any]:
        """The chunks for the last pieces, the trailer merged into the last one (or alone)."""
        chunks = [self.wrap(piece) for piece in pieces]
        trailer = self.trailer()
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


class StreamRun:
    """One streamed reply: its SentenceStream, the guard's run in callbacks, the recorder.

    The decision is recorded (and the guard's run ended) before the last pieces leave; an error,
    the bot's or the recorder's, ends the guard's run with that error.
    """

    def __init__(
        self,
        policy: ProductLinePolicy,
        ctx: Context,
        recorder: DecisionRecorder | None,
        guard_run: CallbackManagerForChainRun | AsyncCallbackManagerForChainRun | None,
    ) -> None:
        self.stream = SentenceStream(policy, ctx)
        self.recorder = recorder
        self.guard_run = guard_run

    def feed(self, text: str) -> list[str]:
        return self.stream.feed(text)

    @property
    def finished(self) -> bool:
        return self.stream.finished

    def close(self) -> tuple[list[str], StreamedDecision]:
        pieces, decision = self.stream.finish()
        if self.recorder is not None:
            self.recorder.on_decision(decision, self.stream.ctx, self.stream.latency_s)
        if isinstance(self.guard_run, CallbackManagerForChainRun):
            if decision.action is Action.RAISE:
                self.guard_run.on_chain_error(ReplyBlocked(decision))
            else:
                self.guard_run.on_chain_end(decision_summary(decision))
        if decision.action is Action.RAISE:
            raise ReplyBlocked(decision)
        return pieces, decision

    async def aclose(self) -> tuple[list[str], StreamedDecision]:
        pieces, decision = self.stream.finish()
        if self.recorder is not None:
            # A recorder may write to disk or a database: keep the event loop free meanwhile.
            await asyncio.to_thread(self.recorder.on_decision, decision, self.stream.ctx, self.stream.latency_s)
        if isinstance(self.guard_run, AsyncCallbackManagerForChainRun):
            if decision.action is Action.RAISE:
                await self.guard_run.on_chain_error(ReplyBlocked(decision))
            else:
                await self.guard_run.on_chain_end(decision_summary(decision))
        if decision.action is Action.RAISE:
            raise ReplyBlocked(decision)
        return pieces, decision

    def fail(self, error: BaseException) -> None:
        if isinstance(self.guard_run, CallbackManagerForChainRun):
            self.guard_run.on_chain_error(error)

    async def afail(self, error: BaseException) -> None:
        if isinstance(self.guard_run, AsyncCallbackManagerForChainRun):
            await self.guard_run.on_chain_error(error)


def release(run: StreamRun, kind: ChunkKind, first: Any, chunks: Iterator[Any], gates: TokenGates) -> Iterator[Any]:
    """The guard's chunks for the bot's `first` and further `chunks`: approved pieces as they come."""
    try:
        for chunk in itertools.chain((first,), chunks):
            for piece in run.feed(kind.text(chunk)):
                gates.release(piece)
                yield kind.wrap(piece)
            if run.finished:
                break  # blocked: the bot is not read further (the caller closes its stream)
        pieces, _ = run.close()
    except BaseException as exc:
        run.fail(exc)
        raise
    for piece in pieces:
        gates.release(piece)
    yield from kind.last(pieces)


async def arelease(
    run: StreamRun, kind: ChunkKind, first: Any, chunks: AsyncIterator[Any], gates: TokenGates
) -> AsyncIterator[Any]:
    """Async `release`."""

    async def everything() -> AsyncIterator[Any]:
        yield first
        async for chunk in chunks:
            yield chunk

    try:
        async for chunk in everything():
            for piece in run.feed(kind.text(chunk)):
                await gates.arelease(piece)
                yield kind.wrap(piece)
            if run.finished:
                break
        pieces, _ = await run.aclose()
    except BaseException as exc:
        await run.afail(exc)
        raise
    for piece in pieces:
        await gates.arelease(piece)
    for chunk in kind.last(pieces):
        yield chunk
