"""The disclosure validator: AI notice per policy and turn, false-human claims, rewrite and block."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.actions import rewrite
from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.errors import ConfigError
from safe_reply.loader import load_policy
from safe_reply.resources import example_config_dir
from safe_reply.types import Action, Category, Context, Edit, Language, Span
from safe_reply.validators.disclosure import (
    SPEC,
    ChannelOverride,
    DisclosureValidator,
    NoticeText,
    Position,
    Required,
    Settings,
)
from support.policies import make_line

NOTICE_DE = "Hinweis: Sie chatten mit einem KI-Assistenten."
NOTICE_EN = "Note: you are chatting with an AI assistant."


def validator(**overrides: object) -> DisclosureValidator:
    ctx = BuildContext(ProductLine(id="ebike"), Path("."), Path("defaults.yaml"), "validators.disclosure")
    built = SPEC.build(Settings.model_validate(overrides), ctx)
    assert isinstance(built, DisclosureValidator)
    return built


def categories(text: str, ctx: Context, v: DisclosureValidator | None = None) -> list[Category]:
    return [f.category for f in (v or validator()).detect(text, ctx)]


# --- the notice: when it is required ------------------------------------------------------------


@pytest.mark.parametrize(
    ("required", "turn", "missing"),
    [
        (Required.FIRST_REPLY, 1, True),
        (Required.FIRST_REPLY, 2, False),
        (Required.FIRST_REPLY, None, True),  # unknown turn: fail safe, treated as the first reply
        (Required.EVERY_REPLY, 7, True),
        (Required.NEVER, 1, False),
    ],
)
def test_required_by_policy_and_turn(required: Required, turn: int | None, missing: bool) -> None:
    found = categories("Das Rad wiegt 25,8 kg.", Context(turn=turn), validator(required=required.value))
    assert found == ([Category.MISSING_DISCLOSURE] if missing else [])


def test_missing_notice_finding_prepends_german_notice() -> None:
    text = "Das Rad wiegt 25,8 kg."
    (finding,) = validator().detect(text, Context(turn=1))
    assert finding.rule_id == "disclosure/missing-notice"
    assert finding.span is None
    assert finding.legal_basis == "EU AI Act Art. 50 Abs. 1"
    assert finding.fix == Edit(Span(0, 0), NOTICE_DE + " ")
    assert finding.message.de.startswith("KI-Hinweis fehlt: Die Richtlinie verlangt ihn (first_reply, Antwort Nr. 1)")
    assert finding.message.en.startswith("AI notice missing: the policy requires it (first_reply, reply no. 1)")
    assert dict(finding.details) == {"required": "first_reply", "position": "prepend", "language": "de"}


def test_append_in_english_for_an_english_reply() -> None:
    text = "The bike weighs 25.8 kg."
    (finding,) = validator(position="append").detect(text, Context(turn=1))
    assert finding.fix == Edit(Span(len(text), len(text)), " " + NOTICE_EN)


def test_language_hint_breaks_a_tie() -> None:
    (finding,) = validator().detect("OK 25.", Context(turn=1, language=Language.EN))
    assert finding.fix == Edit(Span(0, 0), NOTICE_EN + " ")


def test_channel_override() -> None:
    v = validator(channels={"voice": {"required": "every_reply", "text": {"de": "KI spricht.", "en": "AI speaking."}}})
    assert categories("Gern.", Context(turn=3, channel="voice"), v) == [Category.MISSING_DISCLOSURE]
    assert categories("Gern.", Context(turn=3, channel="chat"), v) == []
    (finding,) = v.detect("Das ist so.", Context(turn=3, channel="voice"))
    assert finding.fix == Edit(Span(0, 0), "KI spricht. ")
    assert v.settings.channels["voice"] == ChannelOverride(
        required=Required.EVERY_REPLY, text=NoticeText(de="KI spricht.", en="AI speaking.")
    )


# --- the notice: detecting one that is there -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ich bin ein KI-Assistent und helfe gern.",
        "Sie chatten mit einer künstlichen Intelligenz. Das Rad wiegt 25,8 kg.",
        "Das Rad wiegt 25,8 kg.\nDiese Antwort wurde automatisiert mit KI erstellt.",
        "Ich bin Lina, der digitale KI-Assistent. Wie kann ich helfen?",
        "Ich bin kein Mensch, sondern ein KI-System von Lindwurm.",
        "I'm an AI assistant. The bike weighs 25.8 kg.",
        "Das Rad wiegt 25,8 kg. Heads-up: you're chatting with a bot powered by AI.",
    ],
)
def test_existing_notice_in_many_wordings(text: str) -> None:
    assert categories(text, Context(turn=1)) == []


def test_configured_notice_verbatim_counts_even_without_a_rule() -> None:
    v = validator(text={"de": "Automatische Antwort der Firma Lindwurm.", "en": "Automatic reply."})
    assert categories("AUTOMATISCHE  Antwort der Firma\nLindwurm. Gern.", Context(turn=1), v) == []


@pytest.mark.parametrize(
    "text",
    [
        "KI: Die Lücke ist intern bekannt.",
        "AI: The gap is known internally.",
        "🤖 KI: Der Akku hält 30 Tage.",
        "A.I.: Your parcel left the warehouse today.",
    ],
)
def test_a_speaker_tag_that_opens_the_reply_is_a_notice_where_the_policy_opts_in(text: str) -> None:
    assert categories(text, Context(turn=1), validator(speaker_tag=True)) == []
    # Off by default: by its text alone a tag is not told from a spec line or a definition.
    assert categories(text, Context(turn=1)) == [Category.MISSING_DISCLOSURE]


@pytest.mark.parametrize(
    "text",
    [
        "Die Kamera im Überblick.\nKI: Objekterkennung und Nachtmodus.",  # a spec line inside the reply
        "Die KI: erkennt Gesichter.",  # an article: a feature heads the line
        "ki: der Akku hält 30 Tage.",  # a speaker tag is written in capitals
        "KIA: Der Wagen hat 150 PS.",
    ],
)
def test_no_speaker_tag(text: str) -> None:
    assert categories(text, Context(turn=1), validator(speaker_tag=True)) == [Category.MISSING_DISCLOSURE]


@pytest.mark.parametrize(
    "text",
    [
        "Ich bin kein Bot. Das Rad wiegt 25,8 kg.",
        "Wir setzen KI in der Entwicklung ein.",
        "Möchten Sie mit einem Menschen sprechen?",
    ],
)
def test_not_a_notice(text: str) -> None:
    assert Category.MISSING_DISCLOSURE in categories(text, Context(turn=1))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([*"abcäß .,!?\n", "Rad", "KI", "Bot", "Mensch", "the"]), max_size=30).map("".join))
def test_the_fix_is_never_needed_twice(text: str) -> None:
    v = validator()
    findings = [f for f in v.detect(text, Context(turn=1)) if f.category is Category.MISSING_DISCLOSURE]
    if findings:
        fixed = rewrite(text, findings)
        assert fixed is not None
        again = [f for f in v.detect(fixed, Context(turn=1)) if f.category is Category.MISSING_DISCLOSURE]
        assert again == []
        assert fixed.count(NOTICE_DE) + fixed.count(NOTICE_EN) == 1


# --- false-human claims -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ich bin ein echter Mensch, keine Maschine.",
        "Hier schreibt Ihnen Thomas persönlich aus unserem Team in Hamburg.",
        "Ich habe das gleiche Gerät selbst zu Hause.",
        "Nein, Sie schreiben nicht mit einem Bot.",
        "No, you're not talking to a bot.",
        "I just got back from lunch, let me check.",
    ],
)
def test_false_human_claims(text: str) -> None:
    assert Category.FALSE_HUMAN in categories(text, Context(turn=2))


@pytest.mark.parametrize(
    "text",
    [
        "Ein Mitarbeiter meldet sich bei Ihnen.",
        "Möchten Sie mit einem Menschen sprechen?",
        "Sabine aus unserem Team hat Ihren Fall geprüft.",
        "Ich verstehe, dass das ärgerlich ist.",
        "Ich bin kein Mensch, sondern ein KI-Assistent.",
        "Would you like me to connect you to a person?",
    ],
)
def test_near_misses_pass(text: str) -> None:
    assert categories(text, Context(turn=2)) == []


def test_persona_is_fine_with_a_notice_and_false_human_without() -> None:
    persona = "Ich bin Sabine aus dem Kundenservice."
    assert categories(persona, Context(turn=2)) == [Category.FALSE_HUMAN]
    assert categories(f"{NOTICE_DE} {persona}", Context(turn=2)) == []


def test_false_human_finding_span_and_removal() -> None:
    text = "Das Rad wiegt 25,8 kg. Ich arbeite seit zehn Jahren bei Lindwurm. Gute Fahrt!"
    (finding,) = validator().detect(text, Context(turn=2))
    assert finding.rule_id == "disclosure.de/false-human-life"
    assert finding.span is not None
    assert finding.span.of(text) == "Ich arbeite seit zehn Jahren bei Lindwurm."
    assert finding.legal_basis == "UWG §5 Abs. 1; AI Act Art. 50 Abs. 1"
    assert rewrite(text, [finding]) == "Das Rad wiegt 25,8 kg. Gute Fahrt!"


def test_false_human_at_the_end_removes_the_space_before() -> None:
    text = "Das Rad wiegt 25,8 kg. Ich bin ein echter Mensch."
    (finding,) = validator().detect(text, Context(turn=2))
    assert rewrite(text, [finding]) == "Das Rad wiegt 25,8 kg."


def test_whole_reply_false_human_has_no_fix() -> None:
    (finding,) = validator().detect("Ich bin ein echter Mensch.", Context(turn=2))
    assert finding.fix is None


# --- through the policy engine ----------------------------------------------------------------------


def test_engine_rewrite_inserts_notice_once() -> None:
    line = make_line(validator())
    decision = line.evaluate("Das Rad wiegt 25,8 kg.", Context(turn=1))
    assert decision.action is Action.REWRITE
    assert decision.delivered == f"{NOTICE_DE} Das Rad wiegt 25,8 kg."


def test_engine_false_human_block_or_rewrite() -> None:
    text = "Das Rad wiegt 25,8 kg. Ich gehe kurz ins Lager und schaue nach."
    blocked = make_line(validator()).evaluate(text, Context(turn=2))
    assert blocked.action is Action.BLOCK
    rewritten = make_line(validator(), actions={Category.FALSE_HUMAN: Action.REWRITE}).evaluate(text, Context(turn=2))
    assert rewritten.action is Action.REWRITE
    assert rewritten.delivered == "Das Rad wiegt 25,8 kg."


def test_example_config_kitchen_notice_and_policy_hash_sources() -> None:
    policy = load_policy(example_config_dir())
    decision = policy.evaluate("Die Maschine hat 15 bar.", Context(product_line="kitchen", turn=1))
    assert decision.delivered.startswith("Hinweis: Hier antwortet der KI-Assistent von Herdfeuer. ")


def test_unknown_extra_pack_is_a_config_error(tmp_path: Path) -> None:
    ctx = BuildContext(ProductLine(id="ebike"), tmp_path, tmp_path / "ebike.yaml", "validators.disclosure")
    with pytest.raises(ConfigError) as caught:
        SPEC.build(Settings(packs=["missing.yaml"]), ctx)
    assert caught.value.key == "validators.disclosure.packs[0]"


def test_settings_reject_unknown_values() -> None:
    with pytest.raises(ValueError, match="first_reply"):
        Settings.model_validate({"required": "first"})
    assert Settings().position is Position.PREPEND
