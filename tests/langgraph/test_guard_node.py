"""safe_reply.langgraph.guard_node in a StateGraph of one's own, and a guard around a whole graph."""

from __future__ import annotations

from typing import Any

import pytest
from agent_support import AGENT_TOOLS, ToolChat, agent_policy, call
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode, create_react_agent, tools_condition
from runnable_support import FALLBACK_DE, ListRecorder
from stream_validators import NOTICE

from safe_reply.langgraph import guard_node
from safe_reply.runnable_chat import guard

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def graph_with(node: Any, *, checker: Any = None) -> Any:
    """agent -> (tools -> agent)* as LangGraph users write it; optionally a check node after the agent."""
    builder = StateGraph(MessagesState)
    builder.add_node("agent", node)
    builder.add_node("tools", ToolNode(AGENT_TOOLS))
    builder.add_edge(START, "agent")
    if checker is None:
        builder.add_conditional_edges("agent", tools_condition)
    else:
        builder.add_node("check", checker)
        builder.add_edge("agent", "check")
        builder.add_conditional_edges("check", tools_condition)
    builder.add_edge("tools", "agent")
    return builder.compile(checkpointer=InMemorySaver())


def script() -> list[AIMessage]:
    mail = call("send_customer_email", {"subject": "Preis", "body": "Steht im WAWI-Nord."}, "c1")
    return [
        AIMessage("", tool_calls=[mail]),
        AIMessage("Hallo! Der Akku hält immer 80 km."),
        AIMessage("Gern geschehen."),
    ]


@pytest.mark.parametrize("shape", ["model", "check"])
def test_guard_node_keeps_the_thread_state_to_what_was_delivered(shape: str) -> None:
    recorder = ListRecorder()
    model = ToolChat(script=script()).bind_tools(AGENT_TOOLS)
    if shape == "model":
        graph = graph_with(guard_node(model, policy=agent_policy(), recorder=recorder))
    else:
        graph = graph_with(lambda state: {"messages": [model.invoke(state["messages"])]},
                           checker=guard_node(policy=agent_policy(), recorder=recorder))  # fmt: skip
    thread = {"configurable": {"thread_id": f"n-{shape}"}}
    first = graph.invoke({"messages": [HumanMessage("Preis per Mail?")]}, thread)["messages"][-1]
    assert (first.content, first.tool_calls) == (f"{NOTICE} {FALLBACK_DE}", [])  # the mail is blocked
    second = graph.invoke({"messages": [HumanMessage("Und die Reichweite?")]}, thread)["messages"][-1]
    assert second.content == "Hallo! Der Akku hält meist 80 km."  # no second notice in the thread
    saved = repr(graph.get_state(thread).values["messages"])
    assert "WAWI" not in saved
    assert "immer" not in saved
    # the fallback as the reply (the notice added), the blocked mail, the rewritten claim
    assert [d.action.value for d in recorder.decisions] == ["rewrite", "block", "rewrite"]


def test_guard_node_rejects_a_state_without_messages() -> None:
    node = guard_node(policy=agent_policy(), recorder=None)
    with pytest.raises(TypeError, match="messages_key= naming the state key"):
        node.invoke({"chat": []})


def test_a_guard_around_a_whole_graph_counts_the_thread_for_the_notice() -> None:
    inner = create_react_agent(
        ToolChat(script=[AIMessage("Hallo!"), AIMessage("Gern."), AIMessage("Tschüss.")]), AGENT_TOOLS,
        checkpointer=InMemorySaver(),
    )  # fmt: skip
    guarded = guard(inner, agent_policy(), output_key="messages", recorder=None)
    thread = {"configurable": {"thread_id": "outside"}}
    replies = [
        guarded.invoke({"messages": [HumanMessage(q)]}, thread)["messages"][-1].content for q in ("Hi", "Danke", "Ciao")
    ]
    assert replies == [f"{NOTICE} Hallo!", "Gern.", "Tschüss."]  # the input holds only the new message
