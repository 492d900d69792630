"""Sentence-by-sentence release through the LangChain wrapper, on every streaming path."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import pytest
from langchain_core.messages import AIMessageChunk
from runnable_support import EBIKE_VALIDATORS, FALLBACK_DE, RAISE_FALSE_HUMAN, ListRecorder, make_policy
from stream_support import STREAM_PATHS, AsyncTokenLog, TokenLog, scripted, stream_chunks, texts
from stream_validators import NOTICE, NoticeAnywhere, RegexTerm

from safe_reply.config_models import ProductLine, Streaming
from safe_reply.errors import ReplyBlocked
from safe_reply.policy import Policy
from safe_reply.runnable import GuardedReply
from safe_reply.runnable_chat import guard
from safe_reply.runnable_stream import SentenceAction, StreamedDecision
from safe_reply.types import Action
from support.policies import make_line
from support.policies import make_policy as policy_of

LATER = {"configurable": {"turn": 2}}
CODENAME = ["Hallo Frau", " Keller. Ihr", " Rad ist fertig", ". Der Preis steht im WAWI", "-Nord. Bis", " bald."]
CLAIM = ["Hallo. Der", " Akku hält imm", "er 80 km. Laden", " dauert 4 Stunden. Gute", " Fahrt."]


def notice_policy() -> Policy:
    return policy_of(make_line(NoticeAnywhere(), *EBIKE_VALIDATORS, line_id="ebike", actions=RAISE_FALSE_HUMAN))


@pytest.mark.parametrize("parse", [False, True], ids=["message", "str"])
@pytest.mark.parametrize("path", STREAM_PATHS)
def test_a_codename_in_sentence_three_streams_sentences_one_and_two_then_the_fallback(path: str, parse: bool) -> None:
    recorder = ListRecorder()
    log = TokenLog()
    guarded = guard(scripted(CODENAME, parse=parse), make_policy(), recorder=recorder)

    chunks = stream_chunks(path, guarded, "Ist mein Rad fertig?", {"callbacks": [log]})

    assert texts(chunks) == ["Hallo Frau Keller.", " Ihr Rad ist fertig.", f" {FALLBACK_DE}"]
    assert all(isinstance(c, str if parse else AIMessageChunk) for c in chunks)
    assert "WAWI" not in repr(chunks)
    assert not any("WAWI" in token or "Nord" in token for token in log.tokens)
    [decision] = recorder.decisions
    assert isinstance(decision, StreamedDecision)
    assert (decision.action, decision.delivered) == (Action.BLOCK, "".join(texts(chunks)))
    assert [o.action for o in decision.sentences] == [
        SentenceAction.RELEASED, SentenceAction.RELEASED, SentenceAction.WITHHELD
    ]
    assert [(f.rule_id, f.details["stream_action"]) for f in decision.findings] == [("secret.word", "withheld")]


@pytest.mark.parametrize("parse", [False, True], ids=["message", "str"])
@pytest.mark.parametrize("path", STREAM_PATHS)
def test_a_claim_in_sentence_two_is_streamed_rewritten(path: str, parse: bool) -> None:
    recorder = ListRecorder()
    guarded = guard(scripted(CLAIM, parse=parse), make_policy(), recorder=recorder)

    chunks = stream_chunks(path, guarded, "Wie weit?")

    assert texts(chunks) == ["Hallo.", " Der Akku hält meist 80 km. Laden dauert 4 Stunden.", " Gute Fahrt."]
    [decision] = recorder.decisions
    assert (decision.action, decision.original) == (Action.REWRITE, "".join(CLAIM))
    assert decision.delivered == "Hallo. Der Akku hält meist 80 km. Laden dauert 4 Stunden. Gute Fahrt."


@pytest.mark.parametrize("path", STREAM_PATHS)
def test_the_notice_is_the_first_chunk_where_required(path: str) -> None:
    guarded = guard(scripted(["Guten", " Tag! Ihr", " Rad ist fertig."]), notice_policy())
    first_reply = stream_chunks(path, guarded, "Hallo", {"configurable": {"turn": 1}})
    assert texts(first_reply) == [f"{NOTICE} ", "Guten Tag!", " Ihr Rad ist fertig."]
    later = stream_chunks(path, guarded, "Hallo", LATER)
    assert texts(later) == ["Guten Tag!", " Ihr Rad ist fertig."]


@pytest.mark.parametrize("path", STREAM_PATHS)
@pytest.mark.parametrize(
    "pieces",
    [
        ["Hallo. Der Preis steht im WA", "WI-N", "ord. Danke."],  # over two chunks
        ["Hallo. Der Preis steht im WAWI-", "\nNord. Danke."],  # over a sentence boundary (a line break)
        ["Hallo. Der Preis steht im WAWI-\n", "No", "rd. Danke."],
    ],
)
def test_a_term_split_over_chunks_or_a_sentence_boundary_is_caught(path: str, pieces: list[str]) -> None:
    policy = policy_of(make_line(RegexTerm(r"WAWI-\s*Nord"), line_id="ebike"))
    chunks = stream_chunks(path, guard(scripted(pieces), policy), "Preis?")
    assert texts(chunks) == ["Hallo.", f" {FALLBACK_DE}"]


def test_a_sentence_leaves_before_the_bot_writes_the_next_one() -> None:
    events: list[str] = []
    guarded = guard(scripted(["Hallo Frau", " Keller. Ihr", " Rad ist", " fertig. Bis", " bald."], events=events),
                    make_policy())  # fmt: skip
    for chunk in guarded.stream("q", LATER):
        events.append(f"out:{chunk.content}")
    # A sentence is complete once the first word of the next one is ("Ihr" needs the space after it).
    assert events == [
        "bot:Hallo Frau", "bot: Keller. Ihr", "bot: Rad ist", "out:Hallo Frau Keller.", "bot: fertig. Bis",
        "bot: bald.", "out: Ihr Rad ist fertig.", "out: Bis bald.",
    ]  # fmt: skip


def test_a_blocked_stream_stops_reading_the_bot() -> None:
    events: list[str] = []
    pieces = ["Hallo. Der Preis steht im WAWI-Nord. Und ", "dann", " noch", " viel", " mehr."]
    list(guard(scripted(pieces, events=events), make_policy()).stream("q"))
    assert events == ["bot:Hallo. Der Preis steht im WAWI-Nord. Und "]


@pytest.mark.parametrize("path", ["stream", "astream"])
def test_raise_ends_the_stream_with_reply_blocked_after_the_approved_sentences(path: str) -> None:
    received: list[Any] = []
    guarded = guard(scripted(["Hallo. Ich bin", " ein Mensch. Tschüss", "."]), make_policy())

    async def consume_async() -> None:
        async for chunk in guarded.astream("q"):
            received.append(chunk.content)

    def consume() -> None:
        if path == "astream":
            asyncio.run(consume_async())
        else:
            received.extend(chunk.content for chunk in guarded.stream("q"))

    with pytest.raises(ReplyBlocked) as info:
        consume()
    assert received == ["Hallo."]
    assert info.value.decision.action is Action.RAISE


@pytest.mark.parametrize("path", ["stream", "astream"])
def test_callback_handlers_get_only_approved_tokens_and_the_delivered_reply(path: str) -> None:
    sync_log, async_log = TokenLog(), AsyncTokenLog()
    guarded = guard(scripted(CLAIM), make_policy())
    stream_chunks(path, guarded, "q", {"callbacks": [sync_log, async_log]})
    expected = ["Hallo.", " Der Akku hält meist 80 km. Laden dauert 4 Stunden.", " Gute Fahrt."]
    assert sync_log.tokens == async_log.tokens == expected
    assert sync_log.ends == async_log.ends == ["".join(expected)]


def test_invoke_shows_callbacks_no_unchecked_model_output() -> None:
    log = TokenLog()
    out = guard(scripted(CLAIM), make_policy()).invoke("q", {"callbacks": [log]})
    assert out.content == "Hallo. Der Akku hält meist 80 km. Laden dauert 4 Stunden. Gute Fahrt."
    assert (log.tokens, log.ends) == ([], [out.content])


@pytest.mark.parametrize("path", STREAM_PATHS)
def test_a_product_line_with_streaming_reply_gets_one_chunk_after_one_decision(path: str) -> None:
    base = make_line(*EBIKE_VALIDATORS, line_id="ebike", actions=RAISE_FALSE_HUMAN)
    whole = ProductLine(id="ebike", streaming=Streaming.REPLY)
    policy = policy_of(dataclasses.replace(base, config=whole))
    chunks = stream_chunks(path, guard(scripted(CLAIM), policy), "q")
    assert texts(chunks) == ["Hallo. Der Akku hält meist 80 km. Laden dauert 4 Stunden. Gute Fahrt."]


def test_with_decision_streams_one_guarded_reply() -> None:
    [out] = list(guard(scripted(CLAIM), make_policy()).with_decision().stream("q"))
    assert isinstance(out, GuardedReply)
    assert out.output.content == out.decision.delivered
    assert out.decision.action is Action.REWRITE


def test_the_streamed_message_keeps_id_and_metadata() -> None:
    chunks = list(guard(scripted(CLAIM), make_policy()).stream("q"))
    assert len({c.id for c in chunks}) == 1
    assert chunks[-1].chunk_position == "last"
    whole = chunks[0]
    for chunk in chunks[1:]:
        whole = whole + chunk
    assert whole.content == "Hallo. Der Akku hält meist 80 km. Laden dauert 4 Stunden. Gute Fahrt."


def test_allowed_reaches_the_context() -> None:
    recorder = ListRecorder()
    guarded = guard(scripted(["Hallo."]), make_policy(), recorder=recorder)
    list(guarded.stream("q", {"configurable": {"allowed": ["kunde@example.org"]}}))
    guarded.invoke("q", {"configurable": {"allowed": "DE89370400440532013000"}})
    assert [ctx.allowed for _, ctx, _ in recorder.calls] == [("kunde@example.org",), ("DE89370400440532013000",)]
    with pytest.raises(ValueError, match=r"allowed'\] must be a list of strings") as info:
        guarded.invoke("q", {"configurable": {"allowed": [42]}})
    assert "Fix: pass e.g. ['kunde@example.org']" in str(info.value)
