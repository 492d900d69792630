"""Records lost or stuck: texts neither backend can store, poison records, replay that stops halfway.

One NUL character made PostgreSQL refuse a record, a lone surrogate made SQLite raise past the spool,
and one refused record kept every later spooled record out of the store. Here: every text a record
holds is made storable when the record is built (visibly: U+FFFD); a record a store still refuses is
moved aside and reported, never blocking the others; an outage stops a replay and keeps the rest.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from log.logdata import SECRET_REPLY, decision, secret_finding
from safe_reply.cli import log_cmd
from safe_reply.log import (
    LogRecord,
    LogRecorder,
    RecordFilter,
    RecordRejected,
    Spool,
    SqlLogStore,
    StoreUnavailable,
    build_record,
    open_store,
)
from safe_reply.log.postgres_store import PostgresLogStore
from safe_reply.log.records import storable
from safe_reply.types import Category, Context, Finding, Message, Span

KEY = b"k"
TOKEN = "⟦codename:3f2a9c1d00aa11bb⟧"
# A NUL (PostgreSQL refuses it in text) and a lone surrogate (no UTF-8 encoding: SQLite raises).
UNSTORABLE = "Das Projekt Orion startet\x00 mit dem Motor \ud83d."


def made(text: str = SECRET_REPLY, day: int = 1, conversation: str = "c1") -> LogRecord:
    when = datetime(2025, 3, day, 9, 30, tzinfo=UTC)
    return build_record(decision(text, (secret_finding(),)), Context(conversation_id=conversation), 0.001, KEY, when)


def poison(day: int = 2) -> LogRecord:
    """A record no store can hold even after cleaning (a required column is missing): the store refuses it."""
    return dataclasses.replace(made(day=day), product_line=None)  # type: ignore[arg-type]


def uuids(store: SqlLogStore) -> list[str]:
    return [s.record.record_uuid for s in store.query(RecordFilter())]


def test_storable_replaces_nul_and_lone_surrogates_visibly_and_keeps_every_offset() -> None:
    assert storable("a\x00b\ud800c\udfffd") == "a\ufffdb\ufffdc\ufffdd"
    assert storable("Grüße 😀 ok") == "Grüße 😀 ok"  # a real astral character is no surrogate in a str


def test_every_text_of_a_record_is_storable_in_both_backends(store: SqlLogStore) -> None:
    quoting = Finding(
        "guardrails.quote",
        Category.EXTERNAL,
        Span(0, 3),
        Message("zitiert \x00 und \udc80", "quotes \x00 and \udc80"),
        legal_basis="UWG\x00",
        validator="guard\ud800rails",
        details={"seen\x00": "value \udfff"},
    )
    text_decision = decision(UNSTORABLE, (secret_finding(), quoting), delivered="Entschuldigung\x00.")
    record = build_record(text_decision, Context(conversation_id="c1", channel="web\ud800"), 0.001, KEY,
                          datetime(2025, 3, 1, tzinfo=UTC))  # fmt: skip
    assert record.original_masked == f"Das Projekt {TOKEN} startet\ufffd mit dem Motor \ufffd."
    assert record.delivered_masked == "Entschuldigung\ufffd."
    assert record.channel == "web\ufffd"
    second = record.findings[1]
    assert (second.message_de, second.message_en) == ("zitiert \ufffd und \ufffd", "quotes \ufffd and \ufffd")
    assert (second.legal_basis, second.validator, dict(second.details)) == (
        "UWG\ufffd",
        "guard\ufffdrails",
        {"seen\ufffd": "value \ufffd"},
    )
    assert store.write(record) is True
    [stored] = store.query(RecordFilter())
    assert stored.record == record


def test_a_record_a_store_cannot_hold_is_rejected_not_an_outage(store: SqlLogStore) -> None:
    unencodable = dataclasses.replace(made(), original_masked="x \ud800 y")  # built by hand, not by build_record
    with pytest.raises(RecordRejected, match="the log store refused record"):
        store.write(unencodable)
    with pytest.raises(RecordRejected):
        store.write(poison())
    good = made(day=3)
    assert store.write(good) is True  # the store is fine: it was the record
    assert uuids(store) == [good.record_uuid]


def test_an_unreachable_store_is_an_outage_not_a_rejection(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_the_recorder_moves_a_poison_record_aside_and_keeps_recording(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool.jsonl")
    recorder = LogRecorder(lambda: open_store(tmp_path / "log.sqlite3"), spool, KEY)
    bad, good = poison(), made(day=3)
    try:
        recorder.write(bad)  # never raises: the reply is released, the record kept aside for a human
        recorder.write(good)
        recorder.on_decision(decision(UNSTORABLE, (secret_finding(),)), Context(conversation_id="c9"), 0.001)
        assert (recorder.rejected, recorder.spooled, spool.pending()) == (1, 0, 0)
        [aside] = spool.rejected_path.read_text(encoding="utf-8").splitlines()
        assert json.loads(aside)["record_uuid"] == bad.record_uuid
        assert recorder.store is not None
        stored = recorder.store.query(RecordFilter())
    finally:
        recorder.close()
    assert len(stored) == 2
    assert stored[0].record.record_uuid == good.record_uuid
    assert stored[1].record.original_masked == f"Das Projekt {TOKEN} startet\ufffd mit dem Motor \ufffd."


def test_replay_stores_record_by_record_and_moves_poison_aside(store: SqlLogStore, tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool.jsonl")
    first, bad, last = made(day=1), poison(day=2), made(day=3)
    for record in (first, bad, last):
        spool.append(record)
    # An older version spooled raw text: the NUL comes back from JSON and is made storable on replay.
    raw = dataclasses.replace(made(day=4), original_masked="alt\x00")
    spool.append(raw)
    result = spool.replay(store.write)
    assert result is not None
    assert (result.read, result.stored, result.rejected, result.skipped_lines, result.left) == (4, 3, 1, 0, 0)
    assert result.reasons == (("NotNullViolation",) if isinstance(store, PostgresLogStore) else ("IntegrityError",))
    assert spool.pending() == 0
    assert uuids(store) == [first.record_uuid, last.record_uuid, raw.record_uuid]
    assert store.query(RecordFilter())[2].record.original_masked == "alt\ufffd"
    [aside] = spool.rejected_path.read_text(encoding="utf-8").splitlines()
    assert json.loads(aside)["record_uuid"] == bad.record_uuid


class FailsAfter:
    """A store whose writes go through until `ok` of them succeeded, then the server is gone."""

    def __init__(self, store: SqlLogStore, ok: int) -> None:
        self.store, self.ok = store, ok

    def write(self, record: LogRecord) -> bool:
        if self.ok == 0:
            raise StoreUnavailable("server gone")
        self.ok -= 1
        return self.store.write(record)


def test_an_outage_stops_the_replay_and_keeps_the_rest_in_the_spool(store: SqlLogStore, tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool.jsonl")
    records = [made(day=day) for day in (1, 2, 3)]
    for record in records:
        spool.append(record)
    result = spool.replay(FailsAfter(store, 1).write)
    assert result is not None
    assert (result.read, result.stored, result.left, result.outage) == (3, 1, 2, "server gone")
    assert spool.pending() == 2
    again = spool.replay(store.write)
    assert again is not None
    assert (again.read, again.stored, again.left) == (2, 2, 0)
    assert uuids(store) == [r.record_uuid for r in records]  # every record exactly once


@pytest.fixture
def app() -> typer.Typer:
    application = typer.Typer()
    application.command("noop")(lambda: None)
    log_cmd.register(application)
    return application


def test_log_replay_reports_poison_and_never_exits_with_a_traceback(app: typer.Typer, tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite3"
    spool = Spool(tmp_path / "spool.jsonl")
    spool.append(made(day=1))
    spool.append(poison())
    result = CliRunner().invoke(app, ["log", "replay", "--spool", str(spool.path), "--store", str(db)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # an exit code, not a traceback
    assert result.output == (
        "replayed 2 record(s): 1 new\n"
        f"error: 1 record(s) the store refused (IntegrityError) moved to {spool.rejected_path}. "
        "Fix: look at them there; the other records are stored\n"
    )
    unreachable = CliRunner().invoke(
        app, ["log", "replay", "--spool", str(spool.path), "--store", "postgresql://u@127.0.0.1:1/x?connect_timeout=2"]
    )
    assert unreachable.exit_code == 2
    assert isinstance(unreachable.exception, SystemExit)
