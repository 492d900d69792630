"""Bots that stream exactly the chunks a test gives, and every streaming path of a Runnable.

`ScriptedChat` is a chat model whose stream is the given text pieces (so a test decides where chunk
boundaries fall: inside a codename, right after a full stop); `events` records when the bot produced
each chunk, interleaved with what the consumer received, so a test can see that a sentence left the
guard before the bot went on.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from langchain_core.callbacks import AsyncCallbackHandler, BaseCallbackHandler
from langchain_core.callbacks.manager import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult, LLMResult
from langchain_core.runnables import Runnable, RunnableConfig

STREAM_PATHS = ("stream", "astream", "transform", "atransform", "astream_events")


class ScriptedChat(BaseChatModel):
    """Answers with `pieces` joined; streams them one chunk each."""

    pieces: list[str]
    events: Any = None  # a list[str] the test keeps (typed Any: pydantic would validate a copy into the model)

    @property
    def _llm_type(self) -> str:
        return "scripted-chat"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content="".join(self.pieces)))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        for piece in self.pieces:  # BaseChatModel.stream reports each chunk as a token to the callbacks
            if self.events is not None:
                self.events.append(f"bot:{piece}")
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))

    async def _astream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                       run_manager: AsyncCallbackManagerForLLMRun | None = None,
                       **kwargs: Any) -> AsyncIterator[ChatGenerationChunk]:
        for piece in self.pieces:
            await asyncio.sleep(0)
            if self.events is not None:
                self.events.append(f"bot:{piece}")
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))


def scripted(pieces: Sequence[str], *, parse: bool = False, events: list[str] | None = None) -> Runnable[Any, Any]:
    """A chat model streaming `pieces` (message chunks), or with parse=True followed by StrOutputParser (str)."""
    model = ScriptedChat(pieces=list(pieces), events=events)
    return model | StrOutputParser() if parse else model


def stream_chunks(
    path: str, runnable: Runnable[Any, Any], input_: Any, config: RunnableConfig | None = None
) -> list[Any]:
    """The output chunks of one streaming call, in order (for astream_events: the root's stream events)."""
    if path == "stream":
        return list(runnable.stream(input_, config))
    if path == "transform":
        return list(runnable.transform(iter([input_]), config))

    async def collect() -> list[Any]:
        if path == "astream":
            return [c async for c in runnable.astream(input_, config)]
        if path == "atransform":

            async def single() -> AsyncIterator[Any]:
                yield input_

            return [c async for c in runnable.atransform(single(), config)]
        assert path == "astream_events", path
        events = [e async for e in runnable.astream_events(input_, config, version="v2")]
        root = events[0]["run_id"]
        return [e["data"]["chunk"] for e in events if e["event"] == "on_chain_stream" and e["run_id"] == root]

    return asyncio.run(collect())


def texts(chunks: list[Any]) -> list[str]:
    return [c if isinstance(c, str) else c.content for c in chunks]


class TokenLog(BaseCallbackHandler):
    """A handler that forwards tokens to a chat UI (here: a list) and notes model-run ends."""

    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.ends: list[str] = []

    def on_llm_new_token(self, token: Any, **kwargs: Any) -> None:
        self.tokens.append(token)

    def on_llm_end(self, response: LLMResult, **kwargs: Any) -> None:
        self.ends.append(response.generations[0][0].text)


class AsyncTokenLog(AsyncCallbackHandler):
    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.ends: list[str] = []

    async def on_llm_new_token(self, token: Any, **kwargs: Any) -> None:
        self.tokens.append(token)

    async def on_llm_end(self, response: LLMResult, **kwargs: Any) -> None:
        self.ends.append(response.generations[0][0].text)
