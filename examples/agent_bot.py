"""A LangGraph agent as people build support bots today, guarded by safe_reply: a tool-calling chat
model in `create_react_agent`, an in-memory checkpointer, one thread per customer.

    make demo-agent                  # or: python examples/agent_bot.py

The chat model is scripted (offline, reproducible) and makes the mistakes real models make: it names a
supplier, promises a range in an e-mail it sends, and searches the web for an unreleased product. The
guard sits on the model, inside the graph, so every message is checked before it enters the thread's
state: the customer sees the AI notice once per thread, the e-mail goes out with the approved claim,
the web search never leaves, and the saved state holds only what the customer was shown.

The policy is the example config (config/) with the tools of this bot added to the e-bike product line:
"""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from langchain_core.callbacks.manager import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import tool
from langchain_core.utils.function_calling import convert_to_openai_tool

import safe_reply
from safe_reply.resources import example_config_dir
from safe_reply.types import Context, Decision

# What the e-bike product line says about this bot's tools (product_lines/ebike.yaml).
TOOLS_YAML = """
tools:
  send_customer_email: {kind: outbound, arguments: [subject, body]}   # reaches the customer: every check
  web_search: {kind: external}                                        # goes to a third party: trade secrets
  lookup_order: {kind: internal}                                      # stays in the shop system: not checked
"""
THREAD = "kunde-42"


@tool
def lookup_order(order: str) -> str:
    """Look up an order in the shop system."""
    return f"Bestellung {order}: versandt am Montag, Zustellung morgen."


@tool
def send_customer_email(subject: str, body: str) -> str:
    """Send the customer an e-mail."""
    return "E-Mail versandt."


@tool
def web_search(query: str) -> str:
    """Search the web."""
    return "Keine Treffer."


TOOLS = [lookup_order, send_customer_email, web_search]


def tool_call(name: str, args: dict[str, Any], call_id: str) -> dict[str, Any]:
    return {"name": name, "args": args, "id": call_id, "type": "tool_call"}


# What the scripted model answers, call by call (three customer turns; a tool call is a call of its own).
SCRIPT = [
    AIMessage("", tool_calls=[tool_call("lookup_order", {"order": "4711"}, "call-1")]),
    AIMessage("Ihre Bestellung 4711 ist unterwegs und kommt morgen. Die Akkuzellen kommen übrigens von Tianjin "
              "Powercell, daher die Verzögerung."),
    AIMessage("", tool_calls=[tool_call("send_customer_email", {
        "subject": "Reichweite Ihres Tour 7", "body": "Mit einer Akkuladung schaffen Sie locker 200 km."}, "call-2")]),
    AIMessage("Ich habe Ihnen die Angaben per E-Mail geschickt. Gibt es noch etwas?"),
    AIMessage("", tool_calls=[tool_call("web_search", {"query": "Lindwurm Tour 8 Akku Test"}, "call-3")]),
]  # fmt: skip
QUESTIONS = [
    "Wo ist meine Bestellung 4711?",
    "Können Sie mir die Reichweite per Mail schicken?",
    "Gibt es schon Tests zum neuen Akku?",
]


class ScriptedToolModel(BaseChatModel):
    """A tool-calling chat model that answers from a script; streamed, word by word."""

    script: Any  # list[AIMessage]

    @property
    def _llm_type(self) -> str:
        return "scripted-tool-model"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable[Any, AIMessage]:
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], **kwargs)

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self.script.pop(0))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        message = self.script.pop(0)
        for index, word in enumerate(message.text.split(" ")):
            yield ChatGenerationChunk(message=AIMessageChunk(content=word if index == 0 else f" {word}"))
        for index, call in enumerate(message.tool_calls):
            piece = {"name": call["name"], "args": json.dumps(call["args"], ensure_ascii=False), "id": call["id"],
                     "index": index}  # fmt: skip
            yield ChatGenerationChunk(message=AIMessageChunk(content="", tool_call_chunks=[piece]))


class PrintedDecisions:
    """A recorder that shows what the guard decided (the default, "policy", writes the log instead)."""

    def on_decision(self, decision: Decision, ctx: Context, latency_s: float) -> None:
        tool = next((f.details["tool"] for f in decision.findings if "tool" in f.details), None)
        what = f"tool call {tool}" if tool else f"reply (turn {ctx.turn})"
        rules = ", ".join(f.rule_id for f in decision.findings) or "-"
        print(f"    guard: {what}: {decision.action.value.upper()}  [{rules}]")


def policy_with_tools(folder: Path) -> safe_reply.Policy:
    """The example config with TOOLS_YAML added to the e-bike product line (a copy in `folder`)."""
    config = folder / "config"
    shutil.copytree(example_config_dir(), config)
    ebike = config / "product_lines" / "ebike.yaml"
    ebike.write_text(ebike.read_text(encoding="utf-8") + TOOLS_YAML, encoding="utf-8")
    return safe_reply.load_policy(config)


def main() -> int:
    from langgraph.checkpoint.memory import InMemorySaver
    from langgraph.prebuilt import create_react_agent

    warnings.filterwarnings("ignore", message=".*create_react_agent has been moved.*")
    with tempfile.TemporaryDirectory() as folder:
        policy = policy_with_tools(Path(folder))
    print("product_lines/ebike.yaml, for this bot:" + TOOLS_YAML)
    model = safe_reply.guard(ScriptedToolModel(script=list(SCRIPT)), policy, "ebike", recorder=PrintedDecisions())
    agent = create_react_agent(model, TOOLS, checkpointer=InMemorySaver())
    thread = {"configurable": {"thread_id": THREAD}}
    for number, question in enumerate(QUESTIONS, start=1):
        print(f"Turn {number}, customer: {question}")
        if number == 2:  # streamed as a chat UI would: each approved sentence as it is released
            print("    (streamed, stream_mode='messages')")
            for chunk, meta in agent.stream({"messages": [HumanMessage(question)]}, thread, stream_mode="messages"):
                if meta["langgraph_node"] == "agent" and isinstance(chunk, AIMessageChunk) and chunk.content:
                    print(f"    chunk: {chunk.content!r}")
        else:
            agent.invoke({"messages": [HumanMessage(question)]}, thread)
        messages = agent.get_state(thread).values["messages"]
        sent = [m for m in messages[-4:] if isinstance(m, AIMessage) and m.tool_calls]
        for message in sent:
            for call in message.tool_calls:
                print(f"    tool call sent: {call['name']}({json.dumps(call['args'], ensure_ascii=False)})")
        print(f"  Bot: {messages[-1].content}\n")
    saved = repr(agent.get_state(thread).values["messages"])
    leaks = [term for term in ("Tianjin", "200 km", "Tour 8") if term in saved]
    print(f"Saved thread '{THREAD}': {len(agent.get_state(thread).values['messages'])} messages, "
          f"unchecked text in it: {', '.join(leaks) or 'none'}")  # fmt: skip
    return 1 if leaks else 0


if __name__ == "__main__":
    raise SystemExit(main())
