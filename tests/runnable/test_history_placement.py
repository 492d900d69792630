"""Where the guard goes with chat history: inside RunnableWithMessageHistory, so the history keeps what
the customer was shown (outside, the unchecked reply is stored and read again next turn)."""

from __future__ import annotations

from typing import Any

import pytest
from agent_support import agent_policy
from langchain_core.chat_history import InMemoryChatMessageHistory
from langchain_core.messages import AIMessage
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_core.runnables.history import RunnableWithMessageHistory
from runnable_support import FALLBACK_DE
from stream_validators import NOTICE

from safe_reply.runnable_chat import guard

# Deprecated in langchain-core 1.x in favour of LangGraph's persistence (agents.md), still widely used.
pytestmark = pytest.mark.filterwarnings("ignore::langchain_core._api.deprecation.LangChainDeprecationWarning")
PROMPT = ChatPromptTemplate.from_messages([MessagesPlaceholder("history"), ("human", "{question}")])
REPLIES = ["Hallo! Der Preis steht im WAWI-Nord.", "Der Akku hält immer 80 km.", "Gern."]


def with_history(runnable: Any, store: dict[str, InMemoryChatMessageHistory]) -> Any:
    return RunnableWithMessageHistory(
        runnable, lambda session_id: store.setdefault(session_id, InMemoryChatMessageHistory()),
        input_messages_key="question", history_messages_key="history",
    )  # fmt: skip


def ask(chain: Any) -> list[str]:
    session = {"configurable": {"session_id": "kunde-1"}}
    return [chain.invoke({"question": q}, session).content for q in ("Preis?", "Reichweite?", "Danke")]


def test_inside_the_history_keeps_what_was_delivered_and_the_notice_comes_once() -> None:
    store: dict[str, InMemoryChatMessageHistory] = {}
    chain = with_history(guard(PROMPT | _model(), agent_policy(), recorder=None), store)
    assert ask(chain) == [f"{NOTICE} {FALLBACK_DE}", "Der Akku hält meist 80 km.", "Gern."]
    stored = [m.content for m in store["kunde-1"].messages if isinstance(m, AIMessage)]
    assert stored == [f"{NOTICE} {FALLBACK_DE}", "Der Akku hält meist 80 km.", "Gern."]


def test_outside_the_history_stores_the_unchecked_replies() -> None:
    store: dict[str, InMemoryChatMessageHistory] = {}
    chain = guard(with_history(PROMPT | _model(), store), agent_policy(), recorder=None)
    assert ask(chain) == [f"{NOTICE} {FALLBACK_DE}", "Der Akku hält meist 80 km.", "Gern."]
    stored = [m.content for m in store["kunde-1"].messages if isinstance(m, AIMessage)]
    assert stored == REPLIES  # the leak and the claim stay in the history: the reason for the placement


def _model() -> Any:
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel

    return GenericFakeChatModel(messages=iter(AIMessage(r) for r in REPLIES))
