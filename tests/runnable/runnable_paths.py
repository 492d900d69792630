"""Call every public path of a Runnable the same way, so one test covers them all."""

from __future__ import annotations

import asyncio
import functools
import itertools
import operator
from typing import Any

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda

PATHS = ("invoke", "ainvoke", "batch", "abatch", "stream", "astream")


def run_path(path: str, runnable: Runnable[Any, Any], input_: Any, config: RunnableConfig | None = None) -> Any:
    """The output of one call; a stream's chunks joined (str or message chunks add up)."""
    if path == "invoke":
        return runnable.invoke(input_, config)
    if path == "ainvoke":
        return asyncio.run(runnable.ainvoke(input_, config))
    if path == "batch":
        [out] = runnable.batch([input_], config)
        return out
    if path == "abatch":
        [out] = asyncio.run(runnable.abatch([input_], config))
        return out
    if path == "stream":
        return joined(list(runnable.stream(input_, config)))
    if path == "astream":

        async def collect() -> list[Any]:
            return [c async for c in runnable.astream(input_, config)]

        return joined(asyncio.run(collect()))
    raise AssertionError(path)


def joined(chunks: list[Any]) -> Any:
    """What a streaming client assembles: the chunks added up (at least one)."""
    assert chunks, "the stream delivered nothing"
    return functools.reduce(operator.add, chunks)


def chat_bot(reply: str) -> GenericFakeChatModel:
    """A chat model that answers `reply` every time and streams it word by word."""
    return GenericFakeChatModel(messages=itertools.cycle([reply]))


def str_bot(reply: str) -> Runnable[Any, str]:
    """A chat model followed by StrOutputParser: streams str chunks."""
    return chat_bot(reply) | StrOutputParser()


def lambda_bot(reply: str) -> Runnable[Any, str]:
    return RunnableLambda(lambda _: reply)


BOTS = {"chat": chat_bot, "str": str_bot, "lambda": lambda_bot}


def text_of(output: Any) -> str:
    return output if isinstance(output, str) else output.content
