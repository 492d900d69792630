"""A LangGraph agent (create_react_agent, an in-memory checkpointer) on a guarded tool-calling model."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from agent_support import AGENT_TOOLS, ToolChat, agent_policy, call
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.prebuilt import create_react_agent
from runnable_support import FALLBACK_DE, ListRecorder
from stream_validators import NOTICE

from safe_reply.runnable_chat import guard
from safe_reply.types import Action

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # create_react_agent moves to langchain 1.x

LATER = {"configurable": {"thread_id": "t-4", "turn": 2}}
MODES: list[Any] = ["values", "updates", "messages", "custom", "debug", "tasks", "checkpoints",
                    ["values", "updates", "messages"], ["messages", "custom"]]  # fmt: skip


def three_turns() -> list[AIMessage]:
    return [
        AIMessage("", tool_calls=[call("lookup_order", {"order": "4711"}, "c1")]),
        AIMessage("Ihre Bestellung 4711 ist unterwegs. Intern läuft das über WAWI-Nord. Bis bald!"),
        AIMessage("Der Akku hält immer 80 km. Gute Fahrt!"),
        AIMessage("", tool_calls=[call("send_customer_email", {"subject": "Akku", "body": "Hält immer 80 km."}, "c2")]),
        AIMessage("Ich habe Ihnen die Angaben gemailt."),
    ]


def agent(script: list[AIMessage], recorder: ListRecorder | None = None) -> Any:
    model = guard(ToolChat(script=script), agent_policy(), recorder=recorder)
    return create_react_agent(model, AGENT_TOOLS, checkpointer=InMemorySaver())


def test_three_turns_of_one_thread_notice_once_and_the_state_holds_what_was_delivered() -> None:
    recorder = ListRecorder()
    graph = agent(three_turns(), recorder)
    thread = {"configurable": {"thread_id": "t-1"}}
    answers = [
        graph.invoke({"messages": [HumanMessage(question)]}, thread)["messages"][-1].content
        for question in ("Wo ist Bestellung 4711?", "Wie weit komme ich?", "Mailen Sie mir das?")
    ]
    assert answers == [
        f"{NOTICE} {FALLBACK_DE}",  # the first visible reply: blocked, with the notice
        "Der Akku hält meist 80 km. Gute Fahrt!",
        "Ich habe Ihnen die Angaben gemailt.",
    ]
    saved = graph.get_state(thread).values["messages"]
    assert "WAWI" not in repr(saved)  # the model never reads the leak again
    assert "immer" not in repr(saved)
    mail = next(m for m in saved if isinstance(m, AIMessage) and m.tool_calls and m.tool_calls[0]["id"] == "c2")
    assert mail.tool_calls[0]["args"] == {"subject": "Akku", "body": "Hält meist 80 km."}
    assert [m.content for m in saved if isinstance(m, ToolMessage)] == [
        "Bestellung 4711: unterwegs, Zustellung morgen.", "gesendet"
    ]
    turns = [(d.action, ctx.turn) for d, ctx, _ in recorder.calls]
    assert turns == [(Action.BLOCK, 1), (Action.REWRITE, 2), (Action.REWRITE, 3), (Action.PASS, 3)]


@pytest.mark.parametrize("mode", MODES, ids=str)
def test_every_stream_mode_works_and_shows_no_protected_term(mode: Any) -> None:
    thread = {"configurable": {"thread_id": "t-2"}}
    script = [
        AIMessage("", tool_calls=[call("web_search", {"query": "WAWI-Nord Preise"}, "c3")]),
        AIMessage("Gern. Der Preis steht im WAWI-Nord. Danke."),
    ]
    chunks = list(agent(list(script)).stream({"messages": [HumanMessage("Preis?")]}, thread, stream_mode=mode))

    async def collect() -> list[Any]:
        graph = agent(list(script))
        return [c async for c in graph.astream({"messages": [HumanMessage("Preis?")]}, thread, stream_mode=mode)]

    async_chunks = asyncio.run(collect())
    assert "WAWI" not in repr(chunks)
    assert "WAWI" not in repr(async_chunks)
    assert bool(chunks) is (mode != "custom")  # no node writes custom data


def test_messages_mode_streams_approved_sentences_notice_first() -> None:
    script = [
        AIMessage("", tool_calls=[call("lookup_order", {"order": "4711"}, "c1")]),
        AIMessage("Ihre Bestellung 4711 ist unterwegs. Der Akku hält immer 80 km. Gute Fahrt!"),
    ]
    streamed = [
        (meta["langgraph_node"], type(chunk).__name__, chunk.content)
        for chunk, meta in agent(script).stream(
            {"messages": [HumanMessage("Wo?")]}, {"configurable": {"thread_id": "t-3"}}, stream_mode="messages"
        )
    ]
    assert streamed == [
        ("agent", "AIMessage", ""),  # the tool call, complete and checked
        ("tools", "ToolMessage", "Bestellung 4711: unterwegs, Zustellung morgen."),
        ("agent", "AIMessageChunk", f"{NOTICE} "),
        ("agent", "AIMessageChunk", "Ihre Bestellung 4711 ist unterwegs."),
        ("agent", "AIMessageChunk", " Der Akku hält meist 80 km. Gute Fahrt!"),
    ]


def test_astream_events_through_the_guard_shows_the_inner_model_and_tool_events() -> None:
    script = [
        AIMessage("", tool_calls=[call("lookup_order", {"order": "4711"}, "c1")]),
        AIMessage("Ihre Bestellung ist unterwegs. Der Preis steht im WAWI-Nord."),
    ]
    inner = create_react_agent(ToolChat(script=script), AGENT_TOOLS)  # an agent as the guarded bot
    guarded = guard(inner, agent_policy(), output_key="messages", recorder=None)

    async def collect() -> list[dict[str, Any]]:
        return [e async for e in guarded.astream_events({"messages": [HumanMessage("Wo?")]}, LATER, version="v2")]

    events = asyncio.run(collect())
    kinds = [(e["event"], e["name"]) for e in events]
    assert ("on_chat_model_start", "ToolChat") in kinds
    assert ("on_chat_model_end", "ToolChat") in kinds
    assert ("on_tool_start", "lookup_order") in kinds
    assert ("on_tool_end", "lookup_order") in kinds
    assert ("on_chain_end", "safe_reply_guard") in kinds
    assert "WAWI" not in repr(events)
    [end] = [e for e in events if e["event"] == "on_chain_end" and e["run_id"] == events[0]["run_id"]]
    assert end["data"]["output"]["messages"][-1].content == FALLBACK_DE

