"""SentenceStream: what leaves when, for every way a reply can be cut into chunks (no LangChain here)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from runnable_support import EBIKE_VALIDATORS, FALLBACK_DE, RAISE_FALSE_HUMAN
from stream_validators import NOTICE, ConditionOfPrevious, NoticeAnywhere, QualifiedRange, RegexTerm

from safe_reply.config_models import Mode
from safe_reply.contracts import Validator
from safe_reply.policy import ProductLinePolicy
from safe_reply.rulepacks.sentences import sentence_spans
from safe_reply.runnable_stream import (
    CONFLICT_RULE_ID,
    SentenceAction,
    SentenceStream,
    StreamedDecision,
    complete_end,
    spans_after,
)
from safe_reply.types import Action, Context, Span
from support.policies import make_line

LATER = Context("ebike", "c-1", 2)  # a later turn: no notice due
FIRST = Context("ebike", "c-1", 1)


def line(*validators: Validator, mode: Mode = Mode.ENFORCE) -> ProductLinePolicy:
    return make_line(*validators, line_id="ebike", actions=RAISE_FALSE_HUMAN, mode=mode)


EBIKE = line(*EBIKE_VALIDATORS)


def stream(
    pieces: Sequence[str], policy: ProductLinePolicy = EBIKE, ctx: Context = LATER
) -> tuple[list[list[str]], StreamedDecision]:
    """What each fed piece released (one list per piece, then the list finish() released)."""
    released: list[list[str]] = []
    guard = SentenceStream(policy, ctx)
    for piece in pieces:
        released.append(guard.feed(piece))
        if guard.finished:
            break
    last, decision = guard.finish()
    released.append(last)
    return released, decision


def cut(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def test_a_sentence_leaves_as_soon_as_the_next_one_has_begun() -> None:
    pieces = ["Hallo Frau Keller", ". Ihr Rad", " ist fertig", ". Sie können", " es abholen."]
    released, decision = stream(pieces)
    assert released == [[], ["Hallo Frau Keller."], [], [" Ihr Rad ist fertig."], [], [" Sie können es abholen."]]
    assert (decision.action, decision.delivered) == (Action.PASS, "".join(pieces))
    assert decision.findings == ()
    assert [o.action for o in decision.sentences] == [SentenceAction.RELEASED] * 3


@pytest.mark.parametrize(
    ("pieces", "first"),
    [
        # The first word after a full stop decides ("Mai"), so a sentence waits for it to be complete.
        (["Termin am 3. ", "Mai um 9 Uhr. Bis", " dann."], [[], [], ["Termin am 3. Mai um 9 Uhr."]]),
        (["Termin am 3. M", "ai um 9 Uhr. Bis ", "dann."], [[], ["Termin am 3. Mai um 9 Uhr."], []]),
        (["Das gilt z. ", "B. für Akkus. Gut ", "so."], [[], ["Das gilt z. B. für Akkus."], []]),
        (["Das kostet ca. ", "5 Euro. Gut ", "so."], [[], ["Das kostet ca. 5 Euro."], []]),
    ],
)
def test_day_numbers_and_abbreviations_do_not_end_a_sentence_early(
    pieces: list[str], first: list[list[str]]
) -> None:
    released, _ = stream(pieces)
    assert released[:3] == first


def test_a_codename_in_the_third_sentence_ends_the_stream_with_the_fallback() -> None:
    reply = "Hallo Frau Keller. Ihr Rad ist fertig. Der Preis steht im WAWI-Nord. Bis bald und einen schönen Tag."
    released, decision = stream(cut(reply, 6))
    out = [p for step in released for p in step]
    assert out == ["Hallo Frau Keller.", " Ihr Rad ist fertig.", f" {FALLBACK_DE}"]
    assert (decision.action, decision.delivered) == (Action.BLOCK, "".join(out))
    assert decision.original == reply[: len(decision.original)]  # the bot was not read to the end
    assert len(decision.original) < len(reply)
    [finding] = decision.findings
    assert (finding.rule_id, finding.span) == ("secret.word", Span(58, 67))
    assert dict(finding.details) == {"stream_sentence": "3", "stream_action": "withheld"}
    assert [(o.span, o.action) for o in decision.sentences] == [
        (Span(0, 18), SentenceAction.RELEASED),
        (Span(19, 38), SentenceAction.RELEASED),
        (Span(39, 68), SentenceAction.WITHHELD),
    ]


def test_a_claim_is_released_rewritten_with_the_sentence_after_it() -> None:
    reply = "Hallo. Der Akku hält immer 80 km. Laden dauert 4 Stunden. Gute Fahrt."
    released, decision = stream(cut(reply, 5))
    out = [p for step in released for p in step]
    # Held one sentence (its qualifier may follow), then rewritten; the next sentence is not held.
    assert out == ["Hallo.", " Der Akku hält meist 80 km. Laden dauert 4 Stunden.", " Gute Fahrt."]
    assert (decision.action, decision.delivered) == (Action.REWRITE, "".join(out))
    [finding] = decision.findings
    assert dict(finding.details) == {"stream_sentence": "2", "stream_action": "rewritten"}
    assert [o.action for o in decision.sentences] == [
        SentenceAction.RELEASED, SentenceAction.REWRITTEN, SentenceAction.RELEASED, SentenceAction.RELEASED
    ]


def test_a_claim_that_the_next_sentence_qualifies_goes_out_unchanged() -> None:
    reply = "Sie fahren bis zu 150 km. Im Eco-Modus, nach Testzyklus. Gute Fahrt."
    released, decision = stream(cut(reply, 4), line(QualifiedRange()))
    assert [p for step in released for p in step] == [
        "Sie fahren bis zu 150 km. Im Eco-Modus, nach Testzyklus.", " Gute Fahrt."
    ]
    assert (decision.action, decision.findings) == (Action.PASS, ())


def test_an_unqualified_claim_is_rewritten_and_only_one_sentence_is_ever_held() -> None:
    reply = "Sie fahren bis zu 150 km. Oder bis zu 150 km mit Rückenwind. Gute Fahrt."
    released, decision = stream(cut(reply, 4), line(QualifiedRange()))
    assert [p for step in released for p in step] == [
        "Die Reichweite hängt vom Fahrmodus ab. Die Reichweite hängt vom Fahrmodus ab.", " Gute Fahrt."
    ]
    assert decision.action is Action.REWRITE


def test_the_notice_is_the_first_piece_and_a_later_notice_of_the_bot_is_not_doubled() -> None:
    reply = "Guten Tag! Die Lieferung dauert 3 Tage. Ich bin übrigens ein KI-Assistent. Viele Grüße"
    released, decision = stream(cut(reply, 7), line(NoticeAnywhere()), FIRST)
    out = [p for step in released for p in step]
    assert out == [f"{NOTICE} ", "Guten Tag!", " Die Lieferung dauert 3 Tage.", " Viele Grüße"]
    assert decision.delivered == "".join(out)
    assert [o.action for o in decision.sentences] == [
        SentenceAction.RELEASED, SentenceAction.RELEASED, SentenceAction.DROPPED, SentenceAction.RELEASED
    ]
    [notice] = decision.findings
    assert (notice.rule_id, dict(notice.details)) == ("notice.missing", {"stream_action": "notice_first"})


def test_a_later_notice_sentence_with_content_stays() -> None:
    reply = "Guten Tag! Als KI-Assistent sehe ich Ihre Bestellung 4711 nicht. Viele Grüße"
    released, _ = stream(cut(reply, 7), line(NoticeAnywhere()), FIRST)
    assert [p for step in released for p in step] == [f"{NOTICE} ", "Guten Tag!", reply[10:64], " Viele Grüße"]


def test_a_reply_that_starts_with_its_notice_gets_none_and_an_appended_notice_comes_last() -> None:
    own = "Ich bin ein KI-Assistent. Ihr Rad ist fertig."
    released, decision = stream(cut(own, 9), line(NoticeAnywhere()), FIRST)
    assert ([p for step in released for p in step], decision.action) == (
        ["Ich bin ein KI-Assistent.", " Ihr Rad ist fertig."], Action.PASS
    )
    released, decision = stream(cut("Hallo. Ihr Rad ist fertig.", 9), line(NoticeAnywhere(append=True)), FIRST)
    assert [p for step in released for p in step] == ["Hallo.", " Ihr Rad ist fertig.", f" {NOTICE}"]
    assert dict(decision.findings[0].details) == {"stream_action": "notice_last"}


def test_a_term_split_over_chunks_or_a_sentence_boundary_never_leaves() -> None:
    policy = line(RegexTerm(r"WAWI-\s*Nord"))
    for reply in ("Hallo. Der Preis steht im WAWI-Nord. Danke.", "Hallo. Der Preis steht im WAWI-\nNord. Danke."):
        for size in (1, 2, 3, 5, 8, 13):
            released, decision = stream(cut(reply, size), policy)
            out = "".join(p for step in released for p in step)
            assert out == f"Hallo. {FALLBACK_DE}", (reply, size)
            assert decision.action is Action.BLOCK


def test_a_rewrite_that_would_change_text_already_sent_ends_the_stream() -> None:
    reply = "Sie erhalten 5 Jahre Garantie. Voraussetzung ist keine Inspektion. Gute Fahrt."
    released, decision = stream(cut(reply, 6), line(ConditionOfPrevious()))
    assert [p for step in released for p in step] == ["Sie erhalten 5 Jahre Garantie.", f" {FALLBACK_DE}"]
    assert decision.action is Action.BLOCK
    assert [f.rule_id for f in decision.findings] == [CONFLICT_RULE_ID, "condition.waived"]


def test_raise_stops_the_stream_and_the_decision_says_raise() -> None:
    released, decision = stream(cut("Hallo. Ich bin ein Mensch. Tschüss.", 4))
    # The last pieces are what the caller would send; on raise it raises ReplyBlocked instead.
    assert [p for step in released[:-1] for p in step] == ["Hallo."]
    assert released[-1] == [f" {FALLBACK_DE}"]
    assert decision.action is Action.RAISE


def test_monitor_mode_releases_everything_and_records_what_enforce_would_do() -> None:
    reply = "Hallo. Der Preis steht im WAWI-Nord. Danke."
    guard = SentenceStream(line(*EBIKE_VALIDATORS, mode=Mode.MONITOR), LATER)
    out = [p for piece in cut(reply, 4) for p in guard.feed(piece)]
    last, decision = guard.finish()
    assert [*out, *last] == ["Hallo.", " Der Preis steht im WAWI-Nord.", " Danke."]
    assert (decision.action, decision.intended, decision.delivered) == (Action.MONITOR, Action.BLOCK, reply)
    assert guard.evaluations == 1  # monitor mode checks the whole reply once, at the end


def test_a_clean_reply_costs_one_check_per_sentence() -> None:
    reply = "Hallo. " + " ".join(f"Satz {n} ist in Ordnung." for n in range(20))
    guard = SentenceStream(EBIKE, LATER)
    for piece in cut(reply, 10):
        guard.feed(piece)
    guard.finish()
    assert guard.evaluations == 22  # the first sentence twice (the notice is decided on it alone)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Hallo", " Frau", " Keller", ".", " ", "\n", "3.", " Mai", "z. B.", " 12", "!", " ich",
                         " WAWI-Nord", " immer", " gut", "?", "Das", " Rad", "ca.", "2.000"]),
        min_size=1, max_size=40,
    ),
    st.integers(1, 9),
)  # fmt: skip
def test_chunking_never_changes_what_is_delivered_and_nothing_unchecked_leaves(words: list[str], size: int) -> None:
    reply = "".join(words)
    _, at_once = stream([reply])
    released, decision = stream(cut(reply, size))
    assert decision.delivered == at_once.delivered
    assert decision.action is at_once.action
    out = [p for step in released for p in step]
    assert "".join(out) == decision.delivered
    assert not any("WAWI" in p for p in out)
    assert "immer" not in decision.delivered


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Am", " 3.", " Mai", " z.", " B.", " ca.", " 5", ".", "!", "?", " ", "\n", "Nr.", " 12",
                         " Ab", " ab", "…", "»", "«", " 1.", "e.g.", " x", "2.000"]),
        min_size=1, max_size=30,
    )
)  # fmt: skip
def test_a_sentence_reported_complete_never_changes_when_more_text_comes(words: list[str]) -> None:
    text = "".join(words)
    final = sentence_spans(text)
    for cut_at in range(len(text) + 1):
        prefix = text[:cut_at]
        spans = sentence_spans(prefix)
        end = complete_end(prefix, spans)
        assert [s for s in spans if s.end <= end] == [s for s in final if s.end <= end]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Am", " 3.", " Mai", " z.", " B.", " ca.", " 5", ".", "!", "?", " ", "\n", "\n1.", " 12",
                         " Ab", " ab", "…", "»", "«", " 1.", "e.g.", " x", "2.000", " Wort" * 9, "\n" * 70]),
        min_size=1, max_size=40,
    )
)  # fmt: skip
def test_the_sentences_after_a_boundary_are_the_same_from_a_split_of_the_rest(words: list[str]) -> None:
    text = "".join(words)
    full = sentence_spans(text)
    for offset in (0, *(s.end for s in full)):
        assert spans_after(text, offset) == [s for s in full if s.end > offset]
