"""Tool calls of a guarded chat model: outbound, external and internal tools; messages that only call tools."""

from __future__ import annotations

import asyncio
import functools
import operator
from typing import Any

import pytest
from agent_support import AGENT_TOOLS, ToolChat, agent_policy, call
from langchain_core.messages import AIMessage, AIMessageChunk
from pydantic import BaseModel
from runnable_support import FALLBACK_DE, ListRecorder
from stream_support import TokenLog
from stream_validators import NOTICE

from safe_reply.conversation import ConversationTracker
from safe_reply.errors import ReplyBlocked
from safe_reply.runnable import GuardedRunnable
from safe_reply.runnable_chat import GuardedChatModel, GuardedModelBinding, guard
from safe_reply.types import Action, Span

LATER = {"configurable": {"session_id": "s-1", "turn": 2}}
PATHS = ("invoke", "ainvoke", "stream", "astream")
LEAK_MAIL = call("send_customer_email", {"subject": "Ihr Rad", "body": "Das läuft über WAWI-Nord."}, "c1")
CLAIM_MAIL = call(
    "send_customer_email", {"to": "kunde@example.org", "subject": "Ihr Akku", "body": "Der Akku hält immer."}, "c2"
)


def run(path: str, model: Any, config: dict[str, Any] | None = None) -> AIMessage:
    """The message the caller gets, streamed or not (streams joined and completed)."""
    if path == "invoke":
        return model.invoke("Hallo", config)
    if path == "ainvoke":
        return asyncio.run(model.ainvoke("Hallo", config))
    if path == "stream":
        chunks = list(model.stream("Hallo", config))
    else:

        async def collect() -> list[Any]:
            return [c async for c in model.astream("Hallo", config)]

        chunks = asyncio.run(collect())
    joined = functools.reduce(operator.add, chunks)
    return AIMessage(content=joined.content, tool_calls=joined.tool_calls, id=joined.id)


def guarded(*script: AIMessage, recorder: ListRecorder | None = None, tracker: Any = None) -> Any:
    return guard(ToolChat(script=list(script)), agent_policy(), recorder=recorder, tracker=tracker)


@pytest.mark.parametrize("path", PATHS)
def test_an_outbound_call_with_a_codename_is_blocked_and_recorded(path: str) -> None:
    recorder = ListRecorder()
    out = run(path, guarded(AIMessage("", tool_calls=[LEAK_MAIL]), recorder=recorder), LATER)
    assert (out.content, out.tool_calls) == (FALLBACK_DE, [])  # the fallback is the reply now
    reply, mail = recorder.decisions
    assert (reply.action, reply.original, reply.delivered) == (Action.PASS, FALLBACK_DE, FALLBACK_DE)
    assert (mail.action, mail.original, mail.delivered) == (Action.BLOCK, "Ihr Rad\n\nDas läuft über WAWI-Nord.",
                                                            FALLBACK_DE)  # fmt: skip
    [finding] = mail.findings
    assert (finding.rule_id, finding.span) == ("secret.word", Span(24, 33))
    assert dict(finding.details) == {"tool": "send_customer_email", "argument": "body"}


@pytest.mark.parametrize("path", PATHS)
def test_an_outbound_call_with_a_claim_is_rewritten_and_recorded(path: str) -> None:
    recorder = ListRecorder()
    out = run(path, guarded(AIMessage("", tool_calls=[CLAIM_MAIL]), recorder=recorder), LATER)
    assert out.content == ""
    assert out.tool_calls == [call(
        "send_customer_email", {"to": "kunde@example.org", "subject": "Ihr Akku", "body": "Der Akku hält meist."}, "c2"
    )]  # fmt: skip
    [mail] = recorder.decisions  # a message that only calls tools is no reply: only the call is recorded
    assert (mail.action, mail.original, mail.delivered) == (
        Action.REWRITE, "Ihr Akku\n\nDer Akku hält immer.", "Ihr Akku\n\nDer Akku hält meist."
    )
    assert [(f.span, f.fix.text if f.fix else None) for f in mail.findings] == [(Span(24, 29), "meist")]


@pytest.mark.parametrize("path", PATHS)
def test_an_external_call_with_a_codename_is_blocked_an_internal_one_passes(path: str) -> None:
    recorder = ListRecorder()
    search = call("web_search", {"query": "Preise WAWI-Nord"}, "c3")
    lookup = call("lookup_order", {"order": "WAWI-Nord 4711"}, "c4")
    out = run(path, guarded(AIMessage("Ich sehe nach.", tool_calls=[search, lookup]), recorder=recorder), LATER)
    assert out.content == f"Ich sehe nach. {FALLBACK_DE}"
    assert out.tool_calls == [lookup]  # internal: its arguments stay inside the company
    reply, external = recorder.decisions
    assert reply.action is Action.PASS
    assert (external.action, external.original) == (Action.BLOCK, "Preise WAWI-Nord")
    assert [(f.rule_id, f.span, f.details["tool"]) for f in external.findings] == [
        ("secret.word", Span(7, 16), "web_search")
    ]


@pytest.mark.parametrize("path", PATHS)
def test_a_message_that_only_calls_tools_gets_no_notice_and_counts_no_turn(path: str) -> None:
    tracker = ConversationTracker()
    lookup = call("lookup_order", {"order": "4711"}, "c5")
    model = guarded(AIMessage("", tool_calls=[lookup]), AIMessage("Ihr Rad ist fertig."), tracker=tracker)
    config = {"configurable": {"session_id": "s-2"}}
    first = run(path, model, config)
    assert (first.content, first.tool_calls, tracker.peek("s-2")) == ("", [lookup], 0)
    reply = run(path, model, config)
    assert (reply.content, tracker.peek("s-2")) == (f"{NOTICE} Ihr Rad ist fertig.", 1)


def test_streamed_tool_call_chunks_are_held_until_the_call_is_complete_and_checked() -> None:
    chunks = list(guarded(AIMessage("Gern.", tool_calls=[CLAIM_MAIL])).stream("Hallo", LATER))
    assert [c.tool_call_chunks for c in chunks[:-1]] == [[]] * (len(chunks) - 1)
    [last_call] = chunks[-1].tool_call_chunks
    assert (last_call["name"], last_call["id"]) == ("send_customer_email", "c2")
    assert '"body": "Der Akku hält meist."' in str(last_call["args"])
    assert "immer" not in repr(chunks)


def test_provider_copies_of_a_changed_call_are_dropped() -> None:
    raw = {"tool_calls": [{"id": "c2", "function": {"name": "send_customer_email", "arguments": "immer"}}]}
    out = guarded(AIMessage("", tool_calls=[CLAIM_MAIL], additional_kwargs=raw)).invoke("Hallo", LATER)
    assert out.additional_kwargs == {}
    assert "immer" not in repr(out)


def test_a_blocked_reply_runs_none_of_its_calls() -> None:
    lookup = call("lookup_order", {"order": "4711"}, "c6")
    out = guarded(AIMessage("Der Preis steht im WAWI-Nord.", tool_calls=[lookup])).invoke("Hallo", LATER)
    assert (out.content, out.tool_calls) == (FALLBACK_DE, [])


def test_callback_handlers_see_the_checked_calls_only() -> None:
    log = TokenLog()
    ends: list[Any] = []

    class Ends(TokenLog):
        def on_llm_end(self, response: Any, **kwargs: Any) -> None:
            ends.append(response.generations[0][0].message.tool_calls)

    for path in ("invoke", "stream"):
        run(path, guarded(AIMessage("", tool_calls=[CLAIM_MAIL])), {**LATER, "callbacks": [log, Ends()]})
    assert [c[0]["args"]["body"] for c in ends] == ["Der Akku hält meist."] * 2
    assert "immer" not in repr(log.tokens)


def test_bind_tools_with_config_and_bind_stay_guarded() -> None:
    model = guarded(AIMessage("Der Akku hält immer."), AIMessage("Der Akku hält immer."), AIMessage("immer."))
    assert isinstance(model, GuardedChatModel)
    bound = model.bind_tools(AGENT_TOOLS)
    assert isinstance(bound, GuardedChatModel)
    assert [t["function"]["name"] for t in bound.bot.kwargs["tools"]] == [  # type: ignore[attr-defined]
        "lookup_order", "send_customer_email", "web_search"
    ]  # fmt: skip
    configured = model.with_config(configurable={"turn": 2}).bind_tools(AGENT_TOOLS)
    assert isinstance(configured, GuardedModelBinding)
    assert configured.invoke("Hallo").content == "Der Akku hält meist."  # the bound turn 2: no notice
    assert bound.invoke("Hallo", LATER).content == "Der Akku hält meist."
    assert model.bind(stop=["x"]).invoke("Hallo", LATER).content == "meist."


class Answer(BaseModel):
    answer: str
    sources: list[str]


def structured_chat(answer: str) -> Any:
    class StructuredChat(ToolChat):
        def with_structured_output(self, schema: Any, **kwargs: Any) -> Any:
            from langchain_core.runnables import RunnableLambda

            return RunnableLambda(lambda _: schema(answer=answer, sources=["Handbuch S. 3"]))

    return guard(StructuredChat(script=[]), agent_policy(), recorder=None)


def test_structured_output_fields_are_checked_and_a_block_raises() -> None:
    rewritten = structured_chat("Der Akku hält immer.").with_structured_output(Answer).invoke("q", LATER)
    assert rewritten == Answer(answer="Der Akku hält meist.", sources=["Handbuch S. 3"])
    guarded_structure = structured_chat("Das steht im WAWI-Nord.").with_structured_output(Answer)
    assert isinstance(guarded_structure, GuardedRunnable)
    with pytest.raises(ReplyBlocked) as info:
        guarded_structure.invoke("q", LATER)
    assert info.value.decision.action is Action.BLOCK


def test_a_guard_around_a_graph_explains_why_it_cannot_stream_updates() -> None:
    bot = guarded(AIMessage("Hallo."))
    with pytest.raises(TypeError, match=r"stream_mode='updates'.*Fix: guard the chat model inside"):
        list(bot.stream("Hallo", LATER, stream_mode="updates"))


def test_tool_call_chunks_of_a_message_chunk_round_trip() -> None:
    chunks = list(guarded(AIMessage("", tool_calls=[CLAIM_MAIL])).stream("Hallo", LATER))
    whole = functools.reduce(operator.add, chunks)
    assert isinstance(whole, AIMessageChunk)
    assert whole.tool_calls[0]["args"]["body"] == "Der Akku hält meist."


@pytest.mark.parametrize("path", ["invoke", "stream"])
def test_an_unparsable_call_to_a_checked_tool_is_dropped_one_to_an_internal_tool_stays(path: str) -> None:
    broken = [
        {"name": "send_customer_email", "args": '{"body": "WAWI-Nord', "id": "c7", "error": "bad json",
         "type": "invalid_tool_call"},
        {"name": "lookup_order", "args": '{"order": ', "id": "c8", "error": "bad json", "type": "invalid_tool_call"},
    ]  # fmt: skip
    model = guarded(AIMessage("Moment.", invalid_tool_calls=broken))
    if path == "invoke":
        out = model.invoke("Hallo", LATER)
    else:
        out = functools.reduce(operator.add, list(model.stream("Hallo", LATER)))
    assert "WAWI" not in repr(out)
    # Streamed, LangChain completes the cut-off JSON: the e-mail is then a readable call, and blocked.
    assert [c["name"] for c in [*out.tool_calls, *out.invalid_tool_calls]] == ["lookup_order"]
