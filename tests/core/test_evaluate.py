"""Policy.evaluate: one pure step from text to Decision, for every action."""

from __future__ import annotations

import pytest

from safe_reply.config_models import DEFAULT_FALLBACK, Mode
from safe_reply.errors import UnknownProductLine
from safe_reply.types import Action, Category, Context, Language, Message, Span
from support.policies import CrashingValidator, NoticeValidator, WordValidator, make_line, make_policy

CTX = Context(product_line="ebike")
SECRET = WordValidator("secrets", "Zaunkönig", Category.TRADE_SECRET, "[vertraulich]")
CLAIM = WordValidator("claims", "garantiert", Category.UNSUPPORTED_CLAIM, "voraussichtlich")


def test_pass_is_byte_identical() -> None:
    text = "Gern helfe ich Ihnen weiter.\u200b  "
    decision = make_line(SECRET).evaluate(text, CTX)
    assert decision.action is Action.PASS
    assert decision.delivered is text
    assert decision.findings == ()
    assert decision.intended is Action.PASS


def test_no_validators_passes() -> None:
    decision = make_line().evaluate("Hallo", CTX)
    assert (decision.action, decision.delivered) == (Action.PASS, "Hallo")


def test_rewrite_applies_fix_and_keeps_original() -> None:
    text = "Der Akku hält garantiert lange."
    decision = make_line(CLAIM).evaluate(text, CTX)
    assert decision.action is Action.REWRITE
    assert decision.delivered == "Der Akku hält voraussichtlich lange."
    assert decision.original == text
    assert [f.span for f in decision.findings] == [Span(14, 24)]


def test_rewrite_several_validators_right_to_left() -> None:
    line = make_line(CLAIM, NoticeValidator(), actions={Category.TRADE_SECRET: Action.REWRITE})
    decision = line.evaluate("garantiert gut, garantiert schnell", CTX)
    assert decision.action is Action.REWRITE
    assert decision.delivered == "KI: voraussichtlich gut, voraussichtlich schnell"


def test_rewrite_that_still_fails_blocks() -> None:
    # The fix re-introduces the flagged word: the re-evaluation must catch it and block.
    looping = WordValidator("claims", "beste", Category.UNSUPPORTED_CLAIM, "allerbeste")
    decision = make_line(looping).evaluate("Das beste Rad.", CTX)
    assert decision.action is Action.BLOCK
    assert decision.delivered == DEFAULT_FALLBACK.de
    assert decision.findings[-1].rule_id == "engine.rewrite-failed"
    assert decision.findings[-1].message == Message(
        "Umschreiben unmöglich: die umgeschriebene Antwort verstößt weiter gegen claims.word; die Antwort wurde "
        "blockiert",
        "rewrite impossible: the rewritten reply still fails claims.word; the reply was blocked",
    )


def test_rewrite_without_fix_blocks() -> None:
    nofix = WordValidator("claims", "beste", Category.UNSUPPORTED_CLAIM, None)
    decision = make_line(nofix).evaluate("Das beste Rad.", CTX)
    assert decision.action is Action.BLOCK
    assert decision.findings[-1].message == Message(
        "Umschreiben unmöglich: für claims.word ist keine Umschreibung möglich; die Antwort wurde blockiert",
        "rewrite impossible: no rewrite is possible for claims.word; the reply was blocked",
    )


def test_rewrite_that_leaves_nothing_blocks() -> None:
    drop_all = WordValidator("claims", "Bestes Rad!", Category.UNSUPPORTED_CLAIM, " ")
    decision = make_line(drop_all).evaluate("Bestes Rad!", CTX)
    assert decision.action is Action.BLOCK
    assert decision.findings[-1].message == Message(
        "Umschreiben unmöglich: nach dem Umschreiben bliebe nichts zu senden; die Antwort wurde blockiert",
        "rewrite impossible: the rewrite left nothing to send; the reply was blocked",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unser Projekt Zaunkönig startet bald, und das ist nicht öffentlich.", DEFAULT_FALLBACK.de),
        ("Our project Zaunkönig launches soon and it is not public yet.", DEFAULT_FALLBACK.en),
    ],
)
def test_block_uses_fallback_in_reply_language(text: str, expected: str) -> None:
    decision = make_line(SECRET).evaluate(text, CTX)
    assert decision.action is Action.BLOCK
    assert decision.delivered == expected
    assert decision.language in (Language.DE, Language.EN)


def test_block_fallback_gets_required_fixes() -> None:
    # A blocked first reply still needs the AI notice: the fallback is fixed like any reply.
    decision = make_line(SECRET, NoticeValidator()).evaluate("Projekt Zaunkönig ist geheim und das bleibt so.", CTX)
    assert decision.action is Action.BLOCK
    assert decision.delivered == "KI: " + DEFAULT_FALLBACK.de


def test_language_hint_wins() -> None:
    ctx = Context(product_line="ebike", language=Language.EN)
    decision = make_line(SECRET).evaluate("Projekt Zaunkönig ist geheim.", ctx)
    assert decision.delivered == DEFAULT_FALLBACK.en


def test_raise_action_is_decided_not_raised() -> None:
    # evaluate stays pure: RAISE is a decision; the wrapper turns it into ReplyBlocked.
    line = make_line(SECRET, actions={Category.TRADE_SECRET: Action.RAISE})
    decision = line.evaluate("Zaunkönig", CTX)
    assert decision.action is Action.RAISE
    assert decision.delivered == DEFAULT_FALLBACK.de


def test_strongest_action_wins() -> None:
    line = make_line(CLAIM, SECRET)
    decision = line.evaluate("garantiert Zaunkönig", CTX)
    assert decision.action is Action.BLOCK
    assert [f.category for f in decision.findings] == [Category.UNSUPPORTED_CLAIM, Category.TRADE_SECRET]


def test_monitor_mode_delivers_unchanged_and_records_intent() -> None:
    text = "Zaunkönig kommt 2027."
    decision = make_line(SECRET, mode=Mode.MONITOR).evaluate(text, CTX)
    assert decision.action is Action.MONITOR
    assert decision.intended is Action.BLOCK
    assert decision.delivered is text
    assert len(decision.findings) == 1


def test_monitor_per_category() -> None:
    line = make_line(CLAIM, actions={Category.UNSUPPORTED_CLAIM: Action.MONITOR})
    decision = line.evaluate("garantiert", CTX)
    assert (decision.action, decision.intended, decision.delivered) == (Action.MONITOR, Action.MONITOR, "garantiert")


def test_pass_action_in_table_ignores_category() -> None:
    line = make_line(CLAIM, actions={Category.UNSUPPORTED_CLAIM: Action.PASS})
    decision = line.evaluate("garantiert", CTX)
    assert decision.action is Action.PASS
    assert len(decision.findings) == 1  # still reported, for eval and review


def test_validator_crash_fails_closed_without_leaking_text() -> None:
    decision = make_line(CrashingValidator(), SECRET).evaluate("geheim: Zaunkönig", CTX)
    assert decision.action is Action.BLOCK
    error = decision.findings[0]
    assert error.category is Category.VALIDATOR_ERROR
    assert error.rule_id == "crashy.validator-error"
    assert error.span is None
    assert error.message == Message(
        "Validator 'crashy' hat RuntimeError ausgelöst; die Antwort wurde blockiert (fail closed)",
        "validator 'crashy' raised RuntimeError; the reply was blocked (fail closed)",
    )
    assert "geheim" not in str(error.message)


def test_validator_crash_fail_open_only_records() -> None:
    line = make_line(CrashingValidator(), fail_open=frozenset({"crashy"}))
    decision = line.evaluate("Hallo", CTX)
    assert decision.action is Action.MONITOR
    assert decision.delivered == "Hallo"
    assert decision.findings[0].message == Message(
        "Validator 'crashy' hat RuntimeError ausgelöst; nur protokolliert (fail-open)",
        "validator 'crashy' raised RuntimeError; recorded only (fail-open)",
    )


def test_span_outside_reply_is_a_validator_error() -> None:
    class Liar:
        name = "liar"

        def detect(self, text: str, ctx: Context) -> list:
            from safe_reply.types import Finding

            outside = Span(0, len(text) + 5)
            return [Finding("liar.x", Category.TRADE_SECRET, outside, Message("x", "x"), validator="liar")]

    decision = make_line(Liar()).evaluate("kurz", CTX)
    assert decision.action is Action.BLOCK
    assert decision.findings[0].message.en == (
        "validator 'liar' returned a span outside the reply; the reply was blocked (fail closed)"
    )
    assert decision.findings[0].message.de == (
        "Validator 'liar' lieferte eine Stelle außerhalb der Antwort; die Antwort wurde blockiert (fail closed)"
    )


def test_policy_selects_product_line() -> None:
    policy = make_policy(make_line(SECRET, line_id="ebike"), make_line(line_id="kitchen"), default="ebike")
    assert policy.evaluate("Zaunkönig", Context(product_line="kitchen")).action is Action.PASS
    assert policy.evaluate("Zaunkönig", Context()).action is Action.BLOCK
    assert policy.evaluate("Zaunkönig", Context()).policy_ref.product_line == "ebike"


def test_unknown_product_line_is_an_error() -> None:
    policy = make_policy(make_line(line_id="ebike"), make_line(line_id="kitchen"))
    with pytest.raises(UnknownProductLine) as info:
        policy.evaluate("Hallo", Context(product_line="ebikes"))
    assert str(info.value) == (
        "unknown product line 'ebikes' (did you mean 'ebike'?); known product lines: ebike, kitchen. "
        "Fix: pass one of them as product_line, or add config/product_lines/ebikes.yaml"
    )
    with pytest.raises(UnknownProductLine):
        policy.evaluate("Hallo", Context())
