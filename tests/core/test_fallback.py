"""The fallback of a blocked reply is fixed once per (language, turn, channel), at load for the usual keys."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply import load_policy
from safe_reply.config_models import DEFAULT_FALLBACK
from safe_reply.resources import example_config_dir
from safe_reply.types import Action, Category, Context, Finding, Language
from support.policies import NoticeValidator, WordValidator, make_line

SECRET = WordValidator("trade_secrets", "Zaunkönig", Category.TRADE_SECRET, replacement=None)
LEAK_DE = "Projekt Zaunkönig ist geheim und das bleibt so."


@dataclass
class TurnNotice:
    """Wants "KI: " in front of a first (or unknown) reply, and of every reply on the voice channel.

    Records every text it checks, so a test can see whether the fallback was checked again.
    """

    name: str = "notice"
    seen: list[str] = field(default_factory=list)

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        self.seen.append(text)
        due = ctx.turn is None or ctx.turn <= 1 or ctx.channel == "voice"
        return NoticeValidator(self.name).detect(text, ctx) if due else []


def expected(language: Language, turn: int | None, channel: str | None) -> str:
    text = DEFAULT_FALLBACK.for_language(language)
    return "KI: " + text if turn is None or turn <= 1 or channel == "voice" else text


def test_the_fallback_is_checked_at_load_and_never_again_for_the_usual_turns() -> None:
    notice = TurnNotice()
    line = make_line(SECRET, notice)
    at_load = list(notice.seen)
    assert sorted(set(at_load)) == sorted({DEFAULT_FALLBACK.de, DEFAULT_FALLBACK.en})
    notice.seen.clear()
    delivered = [line.evaluate(LEAK_DE, Context("ebike", "c1", turn)).delivered for turn in (1, 2, None, 1, 2)]
    noticed = "KI: " + DEFAULT_FALLBACK.de
    assert delivered == [noticed, DEFAULT_FALLBACK.de, noticed, noticed, DEFAULT_FALLBACK.de]
    assert notice.seen == [LEAK_DE] * 5  # only the replies themselves


def test_another_turn_or_channel_is_checked_once_then_kept() -> None:
    notice = TurnNotice()
    line = make_line(SECRET, notice)
    notice.seen.clear()
    voice = Context("ebike", "c1", 7, Language.EN, channel="voice")
    assert line.evaluate(LEAK_DE, voice).delivered == "KI: " + DEFAULT_FALLBACK.en
    assert line.evaluate(LEAK_DE, voice).delivered == "KI: " + DEFAULT_FALLBACK.en
    assert line.evaluate(LEAK_DE, Context("ebike", "c1", 7, Language.EN)).delivered == DEFAULT_FALLBACK.en
    assert notice.seen == [LEAK_DE, DEFAULT_FALLBACK.en, LEAK_DE, LEAK_DE, DEFAULT_FALLBACK.en]


def test_a_copied_policy_fixes_its_own_fallback() -> None:
    line = make_line(SECRET)
    assert line.evaluate(LEAK_DE, Context("ebike", turn=1)).delivered == DEFAULT_FALLBACK.de
    with_notice = dataclasses.replace(line, validators=(SECRET, TurnNotice()))
    assert with_notice.evaluate(LEAK_DE, Context("ebike", turn=1)).delivered == "KI: " + DEFAULT_FALLBACK.de


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(Language)),
            st.one_of(st.none(), st.integers(1, 12)),
            st.sampled_from([None, "voice", "web"]),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_kept_fallbacks_match_a_fresh_check_in_any_order(calls: list[tuple[Language, int | None, str | None]]) -> None:
    line = make_line(SECRET, TurnNotice())
    for language, turn, channel in calls:
        decision = line.evaluate(LEAK_DE, Context("ebike", "c", turn, language, channel))
        assert decision.delivered == expected(language, turn, channel)


def test_example_policy_blocked_first_reply_carries_the_notice_a_later_one_not() -> None:
    line = load_policy(example_config_dir()).select("ebike")
    leak = "Intern läuft das Nachfolgemodell übrigens unter dem Namen Projekt Zaunkönig."
    first = line.evaluate(leak, Context("ebike", "c1", 1))
    later = line.evaluate(leak, Context("ebike", "c1", 3))
    assert (first.action, later.action) == (Action.BLOCK, Action.BLOCK)
    assert first.delivered == f"Hinweis: Sie chatten mit einem KI-Assistenten. {line.fallback.de}"
    assert later.delivered == line.fallback.de
