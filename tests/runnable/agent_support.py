"""A tool-calling chat model that answers from a script, tools, and a policy that names them.

`ToolChat` answers each call with the next scripted AIMessage; streamed, its text comes word by word
and each tool call's arguments in two pieces (as a hosted model streams them), an unparsable call's
in one. `bind_tools` binds the tools' schemas the way real chat models do, so `create_react_agent`
accepts it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.callbacks.manager import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import tool
from langchain_core.utils.function_calling import convert_to_openai_tool
from runnable_support import EBIKE_VALIDATORS, RAISE_FALSE_HUMAN
from stream_validators import NoticeAnywhere

from safe_reply.config_models import ProductLine, ToolKind, ToolPolicy
from safe_reply.policy import Policy
from support.policies import make_line, make_policy

TOOLS = {
    "send_customer_email": ToolPolicy(kind=ToolKind.OUTBOUND, arguments=("subject", "body")),
    "web_search": ToolPolicy(kind=ToolKind.EXTERNAL),
    "lookup_order": ToolPolicy(kind=ToolKind.INTERNAL),
}


def agent_policy(*, notice: bool = True) -> Policy:
    """ebike's test validators ("immer" -> "meist", "WAWI-Nord" blocks, "Mensch" raises), the notice
    "KI-Assistent" where due (prepended), and the three tools above."""
    validators = (NoticeAnywhere(), *EBIKE_VALIDATORS) if notice else EBIKE_VALIDATORS
    line = make_line(*validators, line_id="ebike", actions=RAISE_FALSE_HUMAN)
    return make_policy(dataclasses.replace(line, config=ProductLine(id="ebike", tools=TOOLS)), default="ebike")


def call(name: str, args: dict[str, Any], call_id: str) -> dict[str, Any]:
    return {"name": name, "args": args, "id": call_id, "type": "tool_call"}


class ToolChat(BaseChatModel):
    """Answers each call with the next message of `script` (a list the test keeps and can inspect)."""

    script: Any  # list[AIMessage]; typed Any so pydantic keeps the test's list instead of a copy

    @property
    def _llm_type(self) -> str:
        return "tool-chat"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable[Any, AIMessage]:
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], **kwargs)

    def _next(self) -> AIMessage:
        message = self.script.pop(0)
        assert isinstance(message, AIMessage)
        return message

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._next())])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        message = self._next()
        text = message.text
        for index, word in enumerate(text.split(" ")):
            yield ChatGenerationChunk(message=AIMessageChunk(content=word if index == 0 else f" {word}"))
        for index, tool_call in enumerate(message.tool_calls):
            args = json.dumps(tool_call["args"], ensure_ascii=False)
            half = len(args) // 2
            for part, piece in enumerate((args[:half], args[half:])):
                chunk = {"name": tool_call["name"] if part == 0 else None, "args": piece,
                         "id": tool_call["id"] if part == 0 else None, "index": index}  # fmt: skip
                yield ChatGenerationChunk(message=AIMessageChunk(content="", tool_call_chunks=[chunk]))
        for index, broken in enumerate(message.invalid_tool_calls, start=len(message.tool_calls)):
            chunk = {"name": broken["name"], "args": broken["args"], "id": broken["id"], "index": index}
            yield ChatGenerationChunk(message=AIMessageChunk(content="", tool_call_chunks=[chunk]))


@tool
def lookup_order(order: str) -> str:
    """Look up an order in the shop system."""
    return f"Bestellung {order}: unterwegs, Zustellung morgen."


@tool
def send_customer_email(subject: str, body: str) -> str:
    """Send the customer an e-mail."""
    return "gesendet"


@tool
def web_search(query: str) -> str:
    """Search the web."""
    return "keine Treffer"


AGENT_TOOLS = [lookup_order, send_customer_email, web_search]
