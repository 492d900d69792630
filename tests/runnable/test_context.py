"""Per-call context: product line, conversation, language and the turn the AI-notice check reads."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_core.runnables import RunnableLambda
from runnable_paths import PATHS, chat_bot, run_path
from runnable_support import ListRecorder, make_policy

from safe_reply.conversation import ConversationTracker
from safe_reply.errors import UnknownProductLine
from safe_reply.runnable_chat import guard
from safe_reply.types import Language

REPLY = "Der Akku hält immer 80 km."
UNKNOWN = (
    "unknown product line 'ebkie' (did you mean 'ebike'?); known product lines: crashy, ebike, kitchen, "
    "shadow. Fix: pass one of them as product_line, or add config/product_lines/ebkie.yaml"
)


def echo_turns(recorder: ListRecorder) -> list[int | None]:
    return [ctx.turn for _, ctx, _ in recorder.calls]


@pytest.mark.parametrize("path", PATHS)
def test_product_line_per_call_overrides_the_guard_default(path: str) -> None:
    guarded = guard(RunnableLambda(lambda _: REPLY), make_policy(), "ebike")
    assert run_path(path, guarded, "q", {"configurable": {"product_line": "kitchen"}}) == REPLY
    assert run_path(path, guarded, "q") == "Der Akku hält meist 80 km."


@pytest.mark.parametrize("path", PATHS)
def test_unknown_product_line_fails_before_the_bot_is_called(path: str) -> None:
    called: list[Any] = []
    guarded = guard(RunnableLambda(lambda x: called.append(x) or REPLY), make_policy())

    with pytest.raises(UnknownProductLine) as info:
        run_path(path, guarded, "q", {"configurable": {"product_line": "ebkie"}})

    assert str(info.value) == UNKNOWN
    assert called == []


def test_unknown_product_line_fails_at_construction() -> None:
    with pytest.raises(UnknownProductLine) as info:
        guard(RunnableLambda(lambda _: REPLY), make_policy(), "ebkie")
    assert str(info.value) == UNKNOWN


def test_no_product_line_and_no_default_is_an_error() -> None:
    guarded = guard(RunnableLambda(lambda _: REPLY), make_policy(default=None))
    with pytest.raises(UnknownProductLine) as info:
        guarded.invoke("q")
    assert str(info.value).startswith("unknown product line '(none given)'; known product lines: crashy, ebike")


def test_context_from_config_and_construction() -> None:
    recorder = ListRecorder()
    guarded = guard(RunnableLambda(lambda _: "Gut."), make_policy(), recorder=recorder, language="en", channel="web")

    guarded.invoke("q", {"configurable": {"thread_id": "t-7", "turn": 4, "language": "DE", "channel": "mail"}})
    guarded.invoke("q")

    (_, first, _), (_, second, _) = recorder.calls
    assert (first.product_line, first.conversation_id, first.turn, first.language, first.channel) == (
        "ebike", "t-7", 4, Language.DE, "mail",
    )
    assert (second.conversation_id, second.turn, second.language, second.channel) == (None, None, Language.EN, "web")


@pytest.mark.parametrize(
    ("configurable", "message"),
    [
        ({"turn": 0}, "config['configurable']['turn'] must be an int >= 1 (1 = the first bot reply), got 0. "
         "Fix: pass the bot reply's number in the conversation, or leave 'turn' out"),
        ({"turn": "2"}, "config['configurable']['turn'] must be an int >= 1 (1 = the first bot reply), got '2'. "
         "Fix: pass the bot reply's number in the conversation, or leave 'turn' out"),
        ({"language": "fr"}, "language must be one of de, en, got 'fr'. Fix: pass 'de' or 'en', or leave it out"),
    ],
)
def test_invalid_context_values_are_named(configurable: dict[str, Any], message: str) -> None:
    guarded = guard(RunnableLambda(lambda _: "Gut."), make_policy())
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        guarded.invoke("q", {"configurable": configurable})
    assert str(info.value) == message


HISTORY = [
    HumanMessage("Hallo"),
    AIMessage("Hallo! Ich bin der KI-Assistent."),
    HumanMessage("Wie weit?"),
    AIMessage("", tool_calls=[{"name": "range", "args": {}, "id": "c1", "type": "tool_call"}]),  # not a reply
    ToolMessage("80 km", tool_call_id="c1"),
    AIMessage("Rund 80 km."),
    AIMessage("Hier ist Frau Berg vom Service.", name="human_agent"),  # human handover
    AIMessage("Ich übernehme.", additional_kwargs={"author": "human"}),  # human handover
    HumanMessage("Und bergauf?"),
]


def test_turn_precedence_config_then_history_then_tracker() -> None:
    recorder = ListRecorder()
    guarded = guard(RunnableLambda(lambda _: "Gut."), make_policy(), recorder=recorder)
    session = {"configurable": {"session_id": "s1"}}

    guarded.invoke(HISTORY, {"configurable": {"session_id": "s1", "turn": 9}})  # explicit wins
    guarded.invoke(HISTORY, session)  # 2 earlier bot replies in the history
    guarded.invoke({"question": "q", "chat_history": HISTORY[:2]}, session)  # dict input history
    guarded.invoke("Und bergauf?", session)  # no history: the tracker's 4th reply in s1
    guarded.invoke("Hallo", {"configurable": {"session_id": "s2"}})
    guarded.invoke("Hallo")  # nothing known

    assert echo_turns(recorder) == [9, 3, 2, 4, 1, None]


def test_turn_from_a_prompt_value_and_from_tuples_and_dicts() -> None:
    recorder = ListRecorder()
    prompt = ChatPromptTemplate.from_messages([("system", "Du bist ein Assistent."), MessagesPlaceholder("history")])
    chain = prompt | guard(chat_bot("Gut."), make_policy(), recorder=recorder)
    chain.invoke({"history": [("human", "Hallo"), ("ai", "Hallo!"), ("human", "Und?")]})
    guarded = guard(RunnableLambda(lambda _: "Gut."), make_policy(), recorder=recorder)
    guarded.invoke(
        {"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"},
                      {"role": "assistant", "content": "c", "name": "human_agent"}]}
    )
    assert echo_turns(recorder) == [2, 2]


@pytest.mark.parametrize("path", PATHS)
def test_tracker_counts_every_path(path: str) -> None:
    tracker = ConversationTracker()
    recorder = ListRecorder()
    guarded = guard(RunnableLambda(lambda _: "Gut."), make_policy(), recorder=recorder, tracker=tracker)
    for _ in range(3):
        run_path(path, guarded, "q", {"configurable": {"session_id": "s"}})
    assert echo_turns(recorder) == [1, 2, 3]
    assert tracker.peek("s") == 3


def test_tracker_forgets_the_least_recently_used_conversation() -> None:
    tracker = ConversationTracker(max_conversations=2)
    assert [tracker.next_turn(c) for c in ("a", "b", "a", "c")] == [1, 1, 2, 1]  # "b" is now dropped
    assert (len(tracker), tracker.peek("a"), tracker.peek("b"), tracker.peek("c")) == (2, 2, 0, 1)
    assert tracker.next_turn("b") == 1  # forgotten: counts as a first reply again (notice shown again)


def test_tracker_bound_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_conversations") as info:
        ConversationTracker(0)
    assert str(info.value) == "max_conversations must be at least 1, got 0. Fix: pass a positive bound such as 100_000"


def test_tracker_is_thread_safe() -> None:
    tracker = ConversationTracker()
    seen: list[list[int]] = [[] for _ in range(8)]

    def work(out: list[int]) -> None:
        for _ in range(300):
            out.append(tracker.next_turn("shared"))

    threads = [threading.Thread(target=work, args=(out,)) for out in seen]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(t for out in seen for t in out) == list(range(1, 2401))


@settings(max_examples=80, deadline=None)
@given(ids=st.lists(st.sampled_from("abcdef"), max_size=40), bound=st.integers(1, 4))
def test_tracker_matches_a_reference_lru(ids: list[str], bound: int) -> None:
    tracker = ConversationTracker(bound)
    model: OrderedDict[str, int] = OrderedDict()
    for conversation in ids:
        expected = model.pop(conversation, 0) + 1
        model[conversation] = expected
        if len(model) > bound:
            model.popitem(last=False)
        assert tracker.next_turn(conversation) == expected
    assert len(tracker) == len(model)
