"""Every call path delivers the same text and records the same decision, for every action."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from langchain_core.messages import AIMessage, AIMessageChunk
from langchain_core.runnables import RunnableLambda
from runnable_paths import BOTS, PATHS, run_path, text_of
from runnable_support import FALLBACK_DE, FALLBACK_EN, ListRecorder, make_policy

from safe_reply.errors import ReplyBlocked
from safe_reply.runnable_chat import guard
from safe_reply.types import Action, Category

SCENARIOS = {
    # name: (reply, delivered, action, rule ids)
    "pass": ("Der Akku hält rund 80 km.", "Der Akku hält rund 80 km.", Action.PASS, []),
    "rewrite": ("Der Akku hält immer 80 km.", "Der Akku hält meist 80 km.", Action.REWRITE, ["claim.word"]),
    "block-de": ("Der Preis steht im WAWI-Nord, bitte nicht weitersagen.", FALLBACK_DE, Action.BLOCK, ["secret.word"]),
    "block-en": ("The price is in WAWI-Nord, please keep it to yourself.", FALLBACK_EN, Action.BLOCK, ["secret.word"]),
}


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("bot_kind", BOTS)
@pytest.mark.parametrize("path", PATHS)
def test_every_path_delivers_the_same_guarded_reply(path: str, bot_kind: str, scenario: str) -> None:
    reply, delivered, action, rule_ids = SCENARIOS[scenario]
    recorder = ListRecorder()
    guarded = guard(BOTS[bot_kind](reply), make_policy(), recorder=recorder)

    out = run_path(path, guarded, "Wie weit komme ich?")

    assert text_of(out) == delivered
    expected_type = {"chat": AIMessageChunk if "stream" in path else AIMessage, "str": str, "lambda": str}
    assert isinstance(out, expected_type[bot_kind])
    if bot_kind == "chat":
        assert type(out) is expected_type[bot_kind]  # a chunk only when streamed
    [decision] = recorder.decisions
    assert decision.action is action
    assert decision.intended is action
    assert [f.rule_id for f in decision.findings] == rule_ids
    assert decision.original == reply
    assert decision.delivered == delivered


@pytest.mark.parametrize("path", PATHS)
def test_raise_action_raises_reply_blocked_on_every_path(path: str) -> None:
    recorder = ListRecorder()
    guarded = guard(BOTS["chat"]("Ich bin ein Mensch aus Fleisch und Blut."), make_policy(), recorder=recorder)

    with pytest.raises(ReplyBlocked) as info:
        run_path(path, guarded, "Sind Sie ein Bot?")

    assert str(info.value) == "reply blocked by safe_reply (ebike): human.word"
    assert info.value.decision.action is Action.RAISE
    assert info.value.decision.delivered == FALLBACK_DE
    assert recorder.decisions == [info.value.decision]  # recorded before it was raised


@pytest.mark.parametrize("path", PATHS)
def test_monitor_mode_delivers_unchanged_and_records_the_intended_action(path: str) -> None:
    recorder = ListRecorder()
    reply = "Der Akku hält immer 80 km."
    guarded = guard(BOTS["str"](reply), make_policy(), "shadow", recorder=recorder)

    out = run_path(path, guarded, "Wie weit?")

    assert out == reply
    [decision] = recorder.decisions
    assert (decision.action, decision.intended) == (Action.MONITOR, Action.REWRITE)
    assert [f.rule_id for f in decision.findings] == ["claim.word"]


@pytest.mark.parametrize("path", PATHS)
def test_a_crashing_validator_fails_closed(path: str) -> None:
    recorder = ListRecorder()
    guarded = guard(BOTS["lambda"]("Gern helfe ich Ihnen weiter."), make_policy(), "crashy", recorder=recorder)

    out = run_path(path, guarded, "Hallo")

    assert out == FALLBACK_DE
    [decision] = recorder.decisions
    assert decision.action is Action.BLOCK
    [finding] = decision.findings
    assert (finding.rule_id, finding.category) == ("crashy.validator-error", Category.VALIDATOR_ERROR)
    assert finding.message.en == "validator 'crashy' raised RuntimeError; the reply was blocked (fail closed)"


def test_batch_keeps_return_exceptions_semantics() -> None:
    replies = iter(["Der Akku hält immer 80 km.", "Ich bin ein Mensch.", "Alles gut."])
    guarded = guard(RunnableLambda(lambda _: next(replies)), make_policy())

    outs: list[Any] = guarded.batch(["a", "b", "c"], {"max_concurrency": 1}, return_exceptions=True)

    assert outs[0] == "Der Akku hält meist 80 km."
    assert isinstance(outs[1], ReplyBlocked)
    assert outs[2] == "Alles gut."


def test_batch_without_return_exceptions_raises_the_first_error() -> None:
    guarded = guard(BOTS["lambda"]("Ich bin ein Mensch."), make_policy())
    with pytest.raises(ReplyBlocked):
        guarded.batch(["a", "b"])


def test_abatch_guards_each_reply_with_its_own_product_line() -> None:
    guarded = guard(BOTS["lambda"]("Der Akku hält immer 80 km."), make_policy())
    configs: list[Any] = [{"configurable": {"product_line": "ebike"}}, {"configurable": {"product_line": "kitchen"}}]

    outs = asyncio.run(guarded.abatch(["a", "b"], configs))

    assert outs == ["Der Akku hält meist 80 km.", "Der Akku hält immer 80 km."]
