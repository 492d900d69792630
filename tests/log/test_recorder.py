"""The recorder the wrapper calls: what is stored, what is only counted, what happens in an outage."""

from __future__ import annotations

from pathlib import Path

import pytest

from log.logdata import SECRET_REPLY, Outage, decision, eventually, passing, secret_finding
from safe_reply.config_models import LogSettings
from safe_reply.log import (
    DisabledRecorder,
    LogRecorder,
    RecordFilter,
    Spool,
    open_recorder,
    open_store,
    pseudonymise,
)
from safe_reply.policy import Policy
from safe_reply.recording import DecisionRecorder
from safe_reply.types import Action, Context


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Policy:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SAFE_REPLY_LOG_KEY", "k")
    return Policy({}, log=LogSettings(path="logs/log.sqlite3", spool_path="logs/spool.jsonl", count_flush_every=3))


def test_open_recorder_paths_are_relative_to_the_working_directory(policy: Policy, tmp_path: Path) -> None:
    recorder = open_recorder(policy.log)
    assert isinstance(recorder, DecisionRecorder)
    assert isinstance(recorder, LogRecorder)
    recorder.on_decision(decision(SECRET_REPLY, (secret_finding(),)), Context(conversation_id="c1", turn=1), 0.01)
    recorder.close()
    store = open_store(tmp_path / "logs" / "log.sqlite3")
    [stored] = store.query(RecordFilter())
    store.close()
    assert stored.record.conversation_hash == pseudonymise(b"k", "c1")
    assert "Orion" not in stored.record.original_masked
    assert (stored.record.action, stored.record.turn, stored.record.latency_ms) == ("block", 1, 10.0)


def test_passes_are_counted_not_stored_and_flushed_every_n(policy: Policy, tmp_path: Path) -> None:
    recorder = open_recorder(policy.log)
    assert isinstance(recorder, LogRecorder)
    store = recorder.store
    assert store is not None
    for _ in range(2):
        recorder.on_decision(passing(), Context(), 0.001)
    assert store.stats(RecordFilter()).passes_by_product_line == ()
    recorder.on_decision(passing(), Context(), 0.001)  # the third wakes the flusher thread
    assert eventually(lambda: store.stats(RecordFilter()).passes_by_product_line == (("ebike", 3),))
    recorder.on_decision(passing(), Context(), 0.001)
    assert store.query(RecordFilter()) == []
    assert store.stats(RecordFilter()).passes_by_product_line == (("ebike", 3),)  # the 4th is still in memory
    recorder.close()
    reopened = open_store(tmp_path / "logs" / "log.sqlite3")
    assert reopened.stats(RecordFilter()).passes_by_product_line == (("ebike", 4),)  # flushed at close
    reopened.close()


def test_monitor_mode_records_what_enforce_would_have_done(policy: Policy) -> None:
    recorder = open_recorder(policy.log)
    assert isinstance(recorder, LogRecorder)
    shadow = decision(SECRET_REPLY, (secret_finding(),), Action.MONITOR, SECRET_REPLY, intended=Action.BLOCK)
    recorder.on_decision(shadow, Context(), 0.001)
    assert recorder.store is not None
    [stored] = recorder.store.query(RecordFilter())
    recorder.close()
    assert (stored.record.action, stored.record.intended) == ("monitor", "block")
    assert stored.record.delivered_masked == stored.record.original_masked  # delivered unchanged, masked


def test_disabled_log_records_nothing(policy: Policy) -> None:
    assert isinstance(open_recorder(LogSettings(enabled=False)), DisabledRecorder)


def test_outage_spools_and_the_next_good_write_replays_once(tmp_path: Path) -> None:
    clock = Clock()
    outage = Outage(tmp_path / "log.sqlite3")
    outage.down = True
    spool = Spool(tmp_path / "spool.jsonl")
    recorder = LogRecorder(outage, spool, b"k", retry_seconds=5.0, clock=clock)
    blocked = decision(SECRET_REPLY, (secret_finding(),))
    recorder.on_decision(blocked, Context(), 0.001)
    recorder.on_decision(blocked, Context(), 0.001)
    assert (recorder.spooled, spool.pending()) == (2, 2)
    assert [recorder.next_turn("c"), recorder.next_turn("c")] == [1, 2]  # in memory meanwhile
    outage.down = False
    recorder.on_decision(blocked, Context(), 0.001)  # still backing off: spooled without trying
    assert spool.pending() == 3
    clock.now = 6.0
    recorder.on_decision(blocked, Context(), 0.001)  # store back: written; the flusher thread replays the spool
    assert eventually(lambda: spool.pending() == 0)
    assert recorder.store is not None
    assert len(recorder.store.query(RecordFilter())) == 4
    recorder.close()
