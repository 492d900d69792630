"""The guard's own run in callbacks and astream_events, composition, with_decision, async paths."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from typing import Any
from uuid import UUID

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import AIMessageChunk
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import RunnableConfig, RunnableLambda
from runnable_paths import PATHS, chat_bot, run_path, str_bot
from runnable_support import FALLBACK_DE, ListRecorder, make_policy

from safe_reply.errors import ReplyBlocked
from safe_reply.runnable import GuardedReply
from safe_reply.runnable_chat import guard
from safe_reply.types import Action, Decision
from support.policies import SleepingValidator, make_line
from support.policies import make_policy as policy_of

REPLY = "Der Akku hält immer 80 km."
FIXED = "Der Akku hält meist 80 km."
SECRET = "Der Preis steht im WAWI-Nord, bitte nicht weitersagen."


class RunLog(BaseCallbackHandler):
    def __init__(self) -> None:
        self.names: dict[UUID, str] = {}
        self.parents: dict[UUID, UUID | None] = {}
        self.ends: dict[str, Any] = {}
        self.errors: dict[str, BaseException] = {}

    def on_chain_start(self, serialized: Any, inputs: Any, *, run_id: UUID, parent_run_id: UUID | None = None,
                       **kwargs: Any) -> None:
        self.names[run_id] = kwargs["name"]
        self.parents[run_id] = parent_run_id

    def on_chain_end(self, outputs: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self.ends[self.names[run_id]] = outputs

    def on_chain_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self.errors[self.names[run_id]] = error

    def parent_name(self, name: str) -> str | None:
        run_id = next(r for r, n in self.names.items() if n == name)
        parent = self.parents[run_id]
        return None if parent is None else self.names[parent]


@pytest.mark.parametrize("path", PATHS)
def test_guard_run_reports_action_and_findings_to_callbacks(path: str) -> None:
    log = RunLog()
    guarded = guard(RunnableLambda(lambda _: REPLY, name="bot"), make_policy())

    run_path(path, guarded, "q", {"callbacks": [log]})

    assert log.ends["safe_reply_guard"] == {
        "action": "rewrite", "intended": "rewrite", "rule_ids": ["claim.word"], "delivered": FIXED,
        "changed": True, "product_line": "ebike", "policy_hash": "0123456789abcdef",
    }
    assert log.parent_name("safe_reply_guard") == "Guardedbot"
    assert log.parent_name("bot") == "Guardedbot"


def test_raise_reaches_callbacks_as_an_error() -> None:
    log = RunLog()
    guarded = guard(RunnableLambda(lambda _: "Ich bin ein Mensch."), make_policy(), run_name="compliance")
    with pytest.raises(ReplyBlocked):
        guarded.invoke("q", {"callbacks": [log]})
    assert isinstance(log.errors["compliance"], ReplyBlocked)
    assert log.errors["compliance"] is log.errors[guarded.get_name()]


def test_astream_events_shows_the_guard_run_and_never_the_unchecked_reply() -> None:
    chain = ChatPromptTemplate.from_messages([("human", "{q}")]) | guard(chat_bot(SECRET), make_policy())

    async def collect() -> list[dict[str, Any]]:
        return [e async for e in chain.astream_events({"q": "Preis?"}, version="v2")]

    events = asyncio.run(collect())

    [end] = [e for e in events if e["event"] == "on_chain_end" and e["name"] == "safe_reply_guard"]
    assert (end["data"]["output"]["action"], end["data"]["output"]["rule_ids"]) == ("block", ["secret.word"])
    streamed = [e["data"]["chunk"] for e in events if e["event"].endswith("_stream")]
    assert streamed
    assert all(c.content == FALLBACK_DE for c in streamed)
    assert "WAWI" not in repr(events)  # not in a token, not in the model's end event, nowhere


@pytest.mark.parametrize("path", PATHS)
def test_composition_guards_inside_a_chain(path: str) -> None:
    prompt = ChatPromptTemplate.from_messages([("human", "{q}")])
    chain = prompt | guard(chat_bot(REPLY), make_policy()) | StrOutputParser()
    assert run_path(path, chain, {"q": "Wie weit?"}) == FIXED
    outer = guard(prompt | chat_bot(REPLY), make_policy()) | RunnableLambda(lambda m: m.content.upper())
    assert run_path(path, outer, {"q": "Wie weit?"}) == FIXED.upper()


@pytest.mark.parametrize("path", PATHS)
def test_with_decision_returns_output_and_decision(path: str) -> None:
    guarded = guard(str_bot(REPLY), make_policy()).with_decision()

    out = run_path(path, guarded, "q")

    assert isinstance(out, GuardedReply)
    output, decision = out
    assert output == FIXED
    assert isinstance(decision, Decision)
    assert (decision.action, decision.original, decision.delivered) == (Action.REWRITE, REPLY, FIXED)


def test_stream_holds_every_chunk_until_the_decision_is_recorded() -> None:
    events: list[str] = []
    bot = chat_bot("Der Akku hält immer 80 km und mehr.")
    guarded = guard(bot, make_policy(), recorder=ListRecorder(events))
    assert len(list(bot.stream("q"))) > 5  # the bot itself streams word by word

    for chunk in guarded.stream("q"):
        assert isinstance(chunk, AIMessageChunk)
        events.append(chunk.content)

    assert events == ["recorded", "Der Akku hält meist 80 km und mehr."]


class FailingRecorder:
    def on_decision(self, decision: Decision, ctx: Any, latency_s: float) -> None:
        raise OSError("disk full")


@pytest.mark.parametrize("path", PATHS)
def test_a_failing_recorder_keeps_the_reply_in(path: str) -> None:
    guarded = guard(str_bot(REPLY), make_policy(), recorder=FailingRecorder())
    with pytest.raises(OSError, match="disk full"):
        run_path(path, guarded, "q")


def test_ainvoke_is_truly_async_and_records_off_the_event_loop() -> None:
    def sync_path(_: Any) -> str:
        raise AssertionError("the sync bot path was used")

    async def async_path(_: Any) -> str:
        await asyncio.sleep(0)
        return REPLY

    recorder_threads: list[int] = []

    class ThreadRecorder(ListRecorder):
        def on_decision(self, decision: Decision, ctx: Any, latency_s: float) -> None:
            recorder_threads.append(threading.get_ident())
            super().on_decision(decision, ctx, latency_s)

    guarded = guard(RunnableLambda(sync_path, afunc=async_path), make_policy(), recorder=ThreadRecorder())

    async def main() -> tuple[str, int]:
        return await guarded.ainvoke("q"), threading.get_ident()

    out, loop_thread = asyncio.run(main())
    assert out == FIXED
    assert recorder_threads
    assert recorder_threads[0] != loop_thread


class SlowStore(ListRecorder):
    """A shared store that answers slowly: the turn count and the durable write each take `seconds`."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def next_turn(self, conversation_id: str) -> int:
        time.sleep(self.seconds)
        return 1

    def on_decision(self, decision: Decision, ctx: Any, latency_s: float) -> None:
        time.sleep(self.seconds)
        super().on_decision(decision, ctx, latency_s)


@pytest.mark.parametrize("path", ["ainvoke", "abatch", "astream"])
def test_a_slow_store_or_a_slow_evaluation_never_stalls_the_event_loop(path: str) -> None:
    # The turn count and `evaluate` used to run on the event-loop thread: every other conversation of the
    # bot waited for them. Now the loop keeps ticking while one reply takes 3 x 0.2 s.
    store = SlowStore(0.2)
    slow = policy_of(make_line(SleepingValidator(0.2), line_id="ebike", time_budget_s=5.0))
    guarded = guard(str_bot(REPLY), slow, recorder=store, tracker=store)
    config: RunnableConfig = {"configurable": {"session_id": "s"}}

    async def reply() -> Any:
        if path == "ainvoke":
            return await guarded.ainvoke("q", config)
        if path == "abatch":
            [out] = await guarded.abatch(["q"], config)
            return out
        return "".join([chunk async for chunk in guarded.astream("q", config)])

    async def main() -> tuple[Any, float]:
        ticks: list[float] = []

        async def tick() -> None:
            while True:
                ticks.append(time.perf_counter())
                await asyncio.sleep(0.01)

        ticker = asyncio.create_task(tick())
        out = await reply()
        ticker.cancel()
        return out, max(b - a for a, b in itertools.pairwise(ticks))

    out, longest_gap = asyncio.run(main())
    assert out == REPLY
    assert len(store.calls) == 1
    assert longest_gap < 0.1  # each of the three waits alone would be 0.2 s


def test_recorder_gets_a_latency_and_the_context() -> None:
    recorder = ListRecorder()
    guard(str_bot(REPLY), make_policy(), recorder=recorder).invoke("q", {"configurable": {"session_id": "s"}})
    [(decision, ctx, latency_s)] = recorder.calls
    assert decision.action is Action.REWRITE
    assert (ctx.product_line, ctx.conversation_id, ctx.turn) == ("ebike", "s", 1)
    assert 0 <= latency_s < 1


def test_schemas_and_name_are_delegated() -> None:
    bot = ChatPromptTemplate.from_messages([("human", "{q}")]) | chat_bot(REPLY)
    guarded = guard(bot, make_policy())
    assert guarded.get_input_schema().model_json_schema() == bot.get_input_schema().model_json_schema()
    assert guarded.OutputType is bot.OutputType
    assert guarded.get_name() == f"Guarded{bot.get_name()}"
    assert guard(bot, make_policy()).with_decision().OutputType is GuardedReply


def test_wrong_recorder_or_tracker_is_rejected() -> None:
    with pytest.raises(TypeError) as info:
        guard(str_bot(REPLY), make_policy(), recorder=object())  # type: ignore[arg-type]
    assert str(info.value) == (
        "recorder must have on_decision(decision, ctx, latency_s), got object. "
        "Fix: pass a safe_reply.recording.DecisionRecorder or None"
    )
