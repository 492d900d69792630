"""Streaming through the guard: when the customer sees the first words, and what the stream costs in all.

    python benchmarks/bench_stream.py           # full run, about three minutes
    python benchmarks/bench_stream.py --quick   # CI smoke test, a few seconds (timings not meaningful)

The bot is a chat model that streams a fresh 2,000-character reply (benchmarks/pool.py: clean German
and English customer-service replies, which the example policy in config/ passes at a later turn) as
200 chunks, 20 ms apart, like a hosted model writing about 500 characters a second. Each method
(`stream`, `astream`) runs the bot alone and `safe_reply.guard(bot)` (the example policy, product
line ebike, turn 2, no log) in turn, every run on a reply no run has seen. Per run:

- first chunk: from the call to the first chunk that carries text;
- first sentence complete: when the bot's stream first shows that its first sentence has ended, i.e.
  the sentence and the first word of the next one have arrived (before that word no splitter can
  tell "am 3." from the end of a sentence); next to it, when the sentence's last character came;
- total: from the call to the end of the stream.

Goals (issue 16): the guarded first chunk within 5 ms of the first sentence being complete, and the
guarded total within 5 % of the unguarded one. Medians over the runs.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import math
import statistics
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any

from langchain_core.callbacks.manager import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable, RunnableConfig

from pool import ReplyPool, replies
from safe_reply import load_policy
from safe_reply.config_models import Streaming
from safe_reply.resources import example_config_dir
from safe_reply.rulepacks.sentences import sentence_spans
from safe_reply.runnable_chat import guard
from safe_reply.runnable_stream import complete_end

CONFIG: RunnableConfig = {"configurable": {"product_line": "ebike", "turn": 2}}


class PacedChat(BaseChatModel):
    """Streams the next reply of `source` in `chunks` pieces, `interval_s` apart; notes when each left."""

    source: Any  # Callable[[], str]: draws the next fresh reply
    chunks: int
    interval_s: float
    log: Any  # list[tuple[float, str]] of this call: (time the chunk was yielded, its text)

    @property
    def _llm_type(self) -> str:
        return "paced-chat"

    def _pieces(self) -> list[str]:
        text = self.source()
        size = math.ceil(len(text) / self.chunks)
        self.log.clear()
        return [text[i : i + size] for i in range(0, len(text), size)]

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content="".join(self._pieces())))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        for piece in self._pieces():
            time.sleep(self.interval_s)
            self.log.append((time.perf_counter(), piece))
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))

    async def _astream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                       run_manager: AsyncCallbackManagerForLLMRun | None = None,
                       **kwargs: Any) -> AsyncIterator[ChatGenerationChunk]:
        for piece in self._pieces():
            await asyncio.sleep(self.interval_s)
            self.log.append((time.perf_counter(), piece))
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))


@dataclass(frozen=True)
class Run:
    first_chunk: float  # seconds from the call
    total: float
    sentence_complete: float  # the bot's stream shows the first sentence has ended
    sentence_last_char: float  # the first sentence's last character arrived


def bot_times(log: list[tuple[float, str]], started: float) -> tuple[float, float]:
    """(first sentence complete, its last character arrived), in seconds from the call."""
    text = "".join(piece for _, piece in log)
    first_end = sentence_spans(text)[0].end
    complete = last_char = math.inf
    seen = ""
    for stamp, piece in log:
        seen += piece
        if last_char == math.inf and len(seen) >= first_end:
            last_char = stamp - started
        if complete_end(seen, sentence_spans(seen)) > 0:
            complete = stamp - started
            break
    return complete, last_char


def run_sync(runnable: Runnable[Any, Any], log: list[tuple[float, str]]) -> Run:
    started = time.perf_counter()
    first = math.inf
    for chunk in runnable.stream("Wo ist mein Paket?", CONFIG):
        if first == math.inf and chunk.content:
            first = time.perf_counter() - started
    total = time.perf_counter() - started
    return Run(first, total, *bot_times(log, started))


def run_async(runnable: Runnable[Any, Any], log: list[tuple[float, str]]) -> Run:
    async def consume() -> Run:
        started = time.perf_counter()
        first = math.inf
        async for chunk in runnable.astream("Wo ist mein Paket?", CONFIG):
            if first == math.inf and chunk.content:
                first = time.perf_counter() - started
        total = time.perf_counter() - started
        return Run(first, total, *bot_times(log, started))

    return asyncio.run(consume())


def fresh_replies(count: int) -> list[str]:
    """Clean replies whose first sentences all differ: the guard checks the reply so far at every
    sentence, so a repeated opening sentence would be a text checked twice."""
    out: list[str] = []
    openings: set[str] = set()
    for text in replies(count * 3, seed=1616):
        opening = sentence_spans(text)[0].of(text)
        if opening not in openings:
            openings.add(opening)
            out.append(text)
        if len(out) == count:
            return out
    raise RuntimeError(f"only {len(out)} replies with distinct first sentences; ask pool.replies for more")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="two runs per cell, 1 ms apart: a CI smoke test")
    parser.add_argument("--runs", type=int, default=10, help="runs per cell (default 10)")
    parser.add_argument(
        "--whole", action="store_true", help="product line with `streaming: reply` (the behaviour before issue 16)"
    )
    args = parser.parse_args(argv)
    runs, interval = (2, 0.001) if args.quick else (args.runs, 0.020)
    policy = load_policy(example_config_dir())
    if args.whole:
        line = policy.select("ebike")
        whole = dataclasses.replace(line, config=line.config.model_copy(update={"streaming": Streaming.REPLY}))
        policy = dataclasses.replace(policy, product_lines={**policy.product_lines, "ebike": whole})
    methods: dict[str, Callable[[Runnable[Any, Any], list[tuple[float, str]]], Run]] = {
        "stream": run_sync, "astream": run_async,
    }  # fmt: skip
    texts = fresh_replies(len(methods) * 2 * (runs + 1))
    mode = "streaming: reply" if args.whole else "sentence by sentence"
    print(f"bench_stream: {runs} runs per cell, 2,000-char replies as 200 chunks {interval * 1000:.0f} ms apart,", mode)
    print()
    print("| method | first chunk, unguarded | bot's first sentence complete (its last character) | first chunk, "
          "guarded | guarded − sentence complete (goal ≤ 5 ms) | total, unguarded | total, guarded | "
          "guarded ÷ unguarded (goal ≤ 1.05) |")
    print("|---|---|---|---|---|---|---|---|")
    for index, (method, run) in enumerate(methods.items()):
        share = texts[index * 2 * (runs + 1) : (index + 1) * 2 * (runs + 1)]
        plain_pool = ReplyPool(f"{method}-unguarded", share[: runs + 1])
        guarded_pool = ReplyPool(f"{method}-guarded", share[runs + 1 :])
        log: list[tuple[float, str]] = []
        plain = PacedChat(source=plain_pool.draw, chunks=200, interval_s=interval, log=log)
        guarded = guard(PacedChat(source=guarded_pool.draw, chunks=200, interval_s=interval, log=log), policy,
                        recorder=None)  # fmt: skip
        run(plain, log)  # warm-up: lazy imports and first compilations, on fresh texts
        run(guarded, log)
        bare: list[Run] = []
        checked: list[Run] = []
        for _ in range(runs):  # alternating, so drift of the machine hits both alike
            bare.append(run(plain, log))
            checked.append(run(guarded, log))

        def median(values: list[float]) -> float:
            return statistics.median(values)

        gap = median([r.first_chunk - r.sentence_complete for r in checked])
        ratio = median([r.total for r in checked]) / median([r.total for r in bare])
        print(
            f"| `{method}` | {ms(median([r.first_chunk for r in bare]))} ms "
            f"| {ms(median([r.sentence_complete for r in checked]))} ms "
            f"({ms(median([r.sentence_last_char for r in checked]))} ms) "
            f"| {ms(median([r.first_chunk for r in checked]))} ms | {gap * 1000:+.1f} ms "
            f"| {ms(median([r.total for r in bare]))} ms | {ms(median([r.total for r in checked]))} ms "
            f"| {ratio:.3f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
