"""Sentence-by-sentence streaming with the shipped example policy (config/) and its log."""

from __future__ import annotations

from pathlib import Path

import pytest
from stream_support import scripted, texts

from safe_reply.config_models import LogSettings
from safe_reply.log import LogRecorder, RecordFilter, open_recorder
from safe_reply.policy import Policy
from safe_reply.resources import example_config_dir
from safe_reply.runnable_chat import guard

NOTICE_DE = "Hinweis: Sie chatten mit einem KI-Assistenten. "
FIRST = {"configurable": {"session_id": "s-1", "turn": 1}}
LATER = {"configurable": {"session_id": "s-1", "turn": 2}}


@pytest.fixture(scope="module")
def policy() -> Policy:
    from safe_reply import load_policy

    return load_policy(example_config_dir())


def words(text: str) -> list[str]:
    """The reply as a model streams it: a word (with its leading space) per chunk."""
    pieces: list[str] = []
    for word in text.split(" "):
        pieces.append(word if not pieces else f" {word}")
    return pieces


def test_codename_in_sentence_three_never_leaves(policy: Policy) -> None:
    reply = (
        "Guten Tag! Ihr Lindwurm Tour 7 ist fertig. Intern heißt der Nachfolger übrigens Projekt Zaunkönig. "
        "Bis bald."
    )
    chunks = texts(list(guard(scripted(words(reply)), policy, recorder=None).stream("q", LATER)))
    assert chunks == [
        "Guten Tag!",
        " Ihr Lindwurm Tour 7 ist fertig.",
        " Entschuldigung, dazu kann ich Ihnen gerade keine verlässliche Auskunft geben. Unser Service-Team hilft "
        "Ihnen gern weiter: service@lindwurm-bikes.example.",
    ]
    assert not any("Zaun" in chunk for chunk in chunks)


def test_claim_in_sentence_two_is_streamed_as_the_approved_claim(policy: Policy) -> None:
    reply = "Gern! Der Akku hält garantiert 10 Jahre. Laden dauert rund 5 Stunden. Gute Fahrt!"
    chunks = texts(list(guard(scripted(words(reply)), policy, recorder=None).stream("q", LATER)))
    assert chunks == [
        "Gern!",
        " Auf den Rahmen gewähren wir 3 Jahre Herstellergarantie; Akku, Motor und Verschleißteile sind "
        "ausgenommen. Laden dauert rund 5 Stunden.",
        " Gute Fahrt!",
    ]


def test_the_notice_comes_first_and_the_bots_own_notice_is_not_doubled(policy: Policy) -> None:
    reply = "Hallo! Ihre Bestellung ist unterwegs. Ich bin übrigens ein KI-Assistent. Schönen Tag noch!"
    chunks = texts(list(guard(scripted(words(reply)), policy, recorder=None).stream("q", FIRST)))
    assert chunks == [NOTICE_DE, "Hallo!", " Ihre Bestellung ist unterwegs.", " Schönen Tag noch!"]


def test_a_supplier_written_over_a_line_break_is_caught_before_its_first_half_leaves(policy: Policy) -> None:
    reply = "Gern. Die Zellen kommen von Tianjin.\nPowercell liefert sie pünktlich. Bis bald."
    chunks = texts(list(guard(scripted(list(reply)), policy, recorder=None).stream("q", LATER)))
    assert chunks[0] == "Gern."
    assert len(chunks) == 2
    assert chunks[1].startswith(" Entschuldigung")
    assert not any("Tianjin" in chunk or "Powercell" in chunk for chunk in chunks)


def test_the_log_holds_one_record_per_reply_with_the_per_sentence_actions(
    policy: Policy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAFE_REPLY_LOG_KEY", "k")
    recorder = open_recorder(LogSettings(path=str(tmp_path / "log.sqlite3"), spool_path=str(tmp_path / "spool")))
    assert isinstance(recorder, LogRecorder)
    reply = "Gern! Der Akku hält garantiert 10 Jahre. Laden dauert rund 5 Stunden. Gute Fahrt!"
    list(guard(scripted(words(reply)), policy, recorder=recorder).stream("q", FIRST))
    assert recorder.store is not None
    [stored] = recorder.store.query(RecordFilter())
    recorder.close()
    assert stored.record.action == "rewrite"
    assert stored.record.delivered_masked.startswith(NOTICE_DE + "Gern! Auf den Rahmen gewähren wir 3 Jahre")
    findings = stored.record.findings
    assert [(f.rule_id, f.details.get("stream_sentence"), f.details["stream_action"]) for f in findings] == [
        ("disclosure/missing-notice", None, "notice_first"),
        ("claims.de/guarantee-promise", "2", "rewritten"),
    ]
