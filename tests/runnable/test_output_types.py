"""The guard hands back the type it got: str, chat message (all fields kept), dict."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.runnables import RunnableLambda
from runnable_support import make_policy

from safe_reply.runnable_chat import guard
from safe_reply.runnable_io import MissingOutputKeyError, UnsupportedReplyError

REPLY = "Der Akku hält immer 80 km."
FIXED = "Der Akku hält meist 80 km."


def returning(value: Any) -> RunnableLambda[Any, Any]:
    return RunnableLambda(lambda _: value)


def full_message(content: Any) -> AIMessage:
    return AIMessage(
        content=content,
        id="msg-1",
        name="lina",
        response_metadata={"model_name": "fake", "finish_reason": "stop"},
        additional_kwargs={"trace": "t1"},
        tool_calls=[{"name": "lookup", "args": {"sku": "E-42"}, "id": "call-1", "type": "tool_call"}],
        usage_metadata={"input_tokens": 10, "output_tokens": 8, "total_tokens": 18},
    )


def test_rewritten_ai_message_keeps_every_other_field() -> None:
    message = full_message(REPLY)

    out = guard(returning(message), make_policy()).invoke("q")

    assert type(out) is AIMessage
    assert out.content == FIXED
    assert out.model_dump(exclude={"content"}) == message.model_dump(exclude={"content"})


def test_passed_reply_is_the_very_same_object() -> None:
    message = full_message("Der Akku hält rund 80 km.")
    assert guard(returning(message), make_policy()).invoke("q") is message


def test_content_blocks_are_checked_on_their_joined_text_and_become_one_string_when_changed() -> None:
    blocks = [
        {"type": "text", "text": "Der Akku hält "},
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
        {"type": "text", "text": "immer 80 km."},
    ]
    out = guard(returning(full_message(blocks)), make_policy()).invoke("q")
    assert out.content == FIXED

    passing = full_message([{"type": "text", "text": "Der Akku hält "}, "rund 80 km."])
    assert guard(returning(passing), make_policy()).invoke("q").content == passing.content


@pytest.mark.parametrize(
    "reasoning",
    [
        {"content": [{"type": "reasoning", "reasoning": "Intern: WAWI-Nord."}, {"type": "text", "text": "Hallo!"}]},
        {"content": [{"type": "thinking", "thinking": "WAWI-Nord"}, {"type": "text", "text": "Hallo!"}]},
        {"content": "Hallo!", "additional_kwargs": {"reasoning_content": "WAWI-Nord", "trace": "t1"}},
    ],
    ids=["reasoning-block", "thinking-block", "reasoning-kwarg"],
)
def test_a_passing_message_keeps_nothing_the_guard_did_not_check(reasoning: dict[str, Any]) -> None:
    # A passing AIMessage used to be delivered as it came, with its unchecked reasoning (a secret in it).
    message = AIMessage(id="msg-1", **reasoning)
    for output, out_of in [(message, lambda o: o), ({"output": message}, lambda o: o["output"])]:
        out = out_of(guard(returning(output), make_policy()).invoke("q"))
        assert (out.content, out.id) == ("Hallo!", "msg-1")
        assert "WAWI-Nord" not in repr(out)
    assert message.content == reasoning["content"]  # the bot's own message is not changed


def test_dict_output_is_guarded_at_output_key_and_keeps_other_keys() -> None:
    agent_output = {"input": "q", "output": REPLY, "intermediate_steps": [("tool", "obs")]}

    out = guard(returning(agent_output), make_policy()).invoke("q")

    assert out == {"input": "q", "output": FIXED, "intermediate_steps": [("tool", "obs")]}
    assert agent_output["output"] == REPLY  # the bot's own dict is not mutated


def test_dict_output_at_a_configured_key_holding_a_message_list() -> None:
    history = [HumanMessage("Wie weit?"), AIMessage(REPLY, id="m2")]

    out = guard(returning({"messages": history}), make_policy(), output_key="messages").invoke("q")

    assert out["messages"][0] is history[0]
    assert (out["messages"][1].content, out["messages"][1].id) == (FIXED, "m2")


def test_dict_without_the_key_names_the_keys() -> None:
    with pytest.raises(MissingOutputKeyError) as info:
        guard(returning({"answer": REPLY, "sources": []}), make_policy()).invoke("q")
    assert str(info.value) == (
        "the bot returned a dict with keys 'answer', 'sources'; there is no 'output' key. "
        "Fix: pass output_key=<the key that holds the reply> to safe_reply.guard(...)"
    )
    assert guard(returning({"answer": REPLY}), make_policy(), output_key="answer").invoke("q") == {"answer": FIXED}


def test_other_output_types_are_a_clear_type_error() -> None:
    with pytest.raises(TypeError) as info:
        guard(returning(42), make_policy()).invoke("q")
    assert isinstance(info.value, UnsupportedReplyError)
    assert str(info.value) == (
        "safe_reply cannot guard a bot output of type int: it guards a str, a chat message "
        "(e.g. AIMessage) or a dict holding one under output_key. Fix: end the bot with "
        "StrOutputParser(), return a chat message, or pass output_key= for a dict output"
    )


# Replies without the flagged words ("immer", "WAWI-Nord", "Mensch") must pass byte for byte.
clean_text = st.text(max_size=300).filter(lambda t: not any(w in t for w in ("immer", "WAWI-Nord", "Mensch")))


@settings(max_examples=60, deadline=None)
@given(text=clean_text)
def test_passing_replies_are_byte_identical(text: str) -> None:
    guarded = guard(RunnableLambda(lambda m: m), make_policy())
    assert guarded.invoke(text) == text
    message = AIMessage(text, id="x")
    assert guard(returning(message), make_policy()).invoke("q") is message
