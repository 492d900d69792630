"""Erasure covers the spool: `log purge` deletes spooled records too, and no replay brings any back.

The spool of this host is purged with the store. Records of an erased conversation (or past the purge
horizon) that wait elsewhere (another host's spool, a write in flight) are refused by the store when
they arrive: it remembers the erasure, keyed by the conversation's pseudonym, until retention ends.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from log.logdata import SECRET_REPLY, decision, secret_finding
from safe_reply.cli import log_cmd
from safe_reply.log import LogRecord, RecordFilter, Spool, SqlLogStore, build_record, open_store, pseudonymise
from safe_reply.log.records import format_time
from safe_reply.types import Context

KEY = b"erase-key"


def now() -> datetime:
    """The time of the test itself, not of the import: a long parallel run imports minutes before a test
    runs, and the erasure tests compare record times with the moment of the erasure."""
    return datetime.now(UTC)


def made(conversation: str, when: datetime) -> LogRecord:
    return build_record(
        decision(SECRET_REPLY, (secret_finding(),)), Context(conversation_id=conversation), 0.001, KEY, when
    )


def conversations(store: SqlLogStore) -> list[str | None]:
    return [s.record.conversation_hash for s in store.query(RecordFilter())]


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_an_erased_conversation_is_refused_when_its_records_arrive_later(store: SqlLogStore) -> None:
    erased = pseudonymise(KEY, "conv-a")
    before, after = made("conv-a", now() - timedelta(minutes=5)), made("conv-a", now() + timedelta(minutes=5))
    other = made("conv-b", now() - timedelta(minutes=5))
    assert store.write(made("conv-a", now() - timedelta(minutes=9))) is True
    assert store.delete_conversation(erased) == 1
    # A record of the conversation made before the erasure (waiting in some spool) never comes back ...
    assert store.write(before) is False
    assert store.write_many([before]) == 0
    # ... but the conversation may go on afterwards, and other conversations are untouched.
    assert store.write(after) is True
    assert store.write(other) is True
    assert conversations(store) == [pseudonymise(KEY, "conv-b"), erased]


def test_records_past_the_purge_horizon_are_refused_when_they_arrive_later(store: SqlLogStore) -> None:
    old = made("conv-a", now() - timedelta(days=100))
    assert store.purge(format_time(now() - timedelta(days=90))) == 0
    assert store.write(old) is False
    assert store.query(RecordFilter()) == []
    # A later purge with a shorter age moves the horizon on; a longer one never moves it back.
    store.purge(format_time(now() - timedelta(days=10)))
    store.purge(format_time(now() - timedelta(days=90)))
    assert store.write(made("conv-a", now() - timedelta(days=20))) is False
    assert store.write(made("conv-a", now() - timedelta(days=5))) is True
    # Purging everything (a cut-off in the future) refuses what was made before the purge, not after it.
    store.purge("9999-12-31T00:00:00.000000Z")
    assert store.write(made("conv-a", now() - timedelta(minutes=1))) is False
    assert store.write(made("conv-a", datetime.now(UTC) + timedelta(seconds=1))) is True


@pytest.fixture
def app() -> typer.Typer:
    application = typer.Typer()
    application.command("noop")(lambda: None)
    log_cmd.register(application)
    return application


def run(app: typer.Typer, *args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_purge_conversation_erases_spool_and_rejected_and_replay_brings_nothing_back(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAFE_REPLY_LOG_KEY", KEY.decode())
    db, spool = tmp_path / "log.sqlite3", Spool(tmp_path / "spool.jsonl")
    store = open_store(db)
    store.write(made("conv-a", now() - timedelta(hours=2)))
    store.write(made("conv-b", now() - timedelta(hours=2)))
    store.close()
    spooled_a, spooled_b = made("conv-a", now() - timedelta(hours=1)), made("conv-b", now() - timedelta(hours=1))
    spool.append(spooled_a)
    spool.append(spooled_b)
    spool.reject(made("conv-a", now() - timedelta(hours=1)))  # a record the store refused once, kept for a human
    with spool.path.open("ab") as torn:  # a torn line still shows the conversation's pseudonym
        torn.write(f'{{"conversation_hash": "{pseudonymise(KEY, "conv-a")}", "created_'.encode())
    out = run(app, "log", "purge", "--conversation", "conv-a", "--store", str(db), "--spool", str(spool.path),
              "--config", str(tmp_path))  # fmt: skip
    assert out == (
        "deleted 1 record(s) of the conversation\n"
        f"deleted 3 spooled or rejected record(s) of the conversation from {spool.path}\n"
    )
    assert [line["record_uuid"] for line in lines(spool.path)] == [spooled_b.record_uuid]
    assert lines(spool.rejected_path) == []
    assert pseudonymise(KEY, "conv-a") not in spool.path.read_text(encoding="utf-8")
    # A copy of the erased record that waited in another host's spool is refused on replay.
    elsewhere = Spool(tmp_path / "other-host.jsonl")
    elsewhere.append(spooled_a)
    assert run(app, "log", "replay", "--store", str(db), "--spool", str(elsewhere.path)) == (
        "replayed 1 record(s): 0 new\n"
    )
    run(app, "log", "replay", "--store", str(db), "--spool", str(spool.path))
    reopened = open_store(db)
    assert conversations(reopened) == [pseudonymise(KEY, "conv-b")] * 2
    reopened.close()


def test_purge_by_age_covers_the_spool_and_drops_old_sealed_originals(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAFE_REPLY_LOG_KEY", KEY.decode())
    db, spool = tmp_path / "log.sqlite3", Spool(tmp_path / "spool.jsonl")
    open_store(db).close()
    old = made("conv-a", now() - timedelta(days=100))
    sealed = dataclasses.replace(made("conv-b", now() - timedelta(days=40)), original_sealed="sealed-bytes")
    fresh = dataclasses.replace(made("conv-c", now() - timedelta(days=1)), original_sealed="sealed-bytes")
    for record in (old, sealed, fresh):
        spool.append(record)
    out = run(app, "log", "purge", "--store", str(db), "--spool", str(spool.path), "--config", str(tmp_path))
    assert out == (
        "purged 0 record(s) older than 90d\n"
        f"deleted 1 spooled or rejected record(s) older than 90d from {spool.path}\n"
        f"dropped the encrypted original of 1 spooled record(s) older than 30d in {spool.path}\n"
    )
    kept = lines(spool.path)
    assert [(line["record_uuid"], line["original_sealed"]) for line in kept] == [
        (sealed.record_uuid, None),
        (fresh.record_uuid, "sealed-bytes"),
    ]
