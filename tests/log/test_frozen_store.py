"""The bot never freezes on its log: every store call is bounded, a circuit breaker spools meanwhile.

A PostgreSQL server that accepts connections and never answers (a fake one on loopback; the real test
server frozen with SIGSTOP) used to block a reply for as long as it stayed frozen. Now a reply waits
for the store at most `log.store_timeout_seconds`; after a timeout or failure the circuit opens and
records go straight to the spool for `retry_seconds`, then one call tries a fresh store.
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import psycopg
import pytest

from log.logdata import PG_CTL_ENV, SECRET_REPLY, decision, eventually, secret_finding, skip_without_server
from safe_reply.config_models import LogSettings
from safe_reply.log import LogRecord, LogRecorder, RecordFilter, Spool, StoreUnavailable, open_recorder, open_store
from safe_reply.log.postgres_store import PostgresLogStore
from safe_reply.log.sqlite_store import SqliteLogStore
from safe_reply.types import Context

T = TypeVar("T")
TIMEOUT = 0.5  # log.store_timeout_seconds in these tests
# Thread hand-off on a loaded machine (CI shares two cores with other jobs). Without the timeout these
# calls would hang for good, so any finite bound proves the point; a call that must not wait for the
# store at all is held to less than TIMEOUT instead (a wait would take at least TIMEOUT).
SLACK = 2.0
BLOCKED = decision(SECRET_REPLY, (secret_finding(),))


def within(limit: float, call: Callable[[], T]) -> tuple[T, float]:
    """Run `call` on a helper thread; fail (not hang) when it takes longer than `limit` seconds."""
    box: list[T] = []
    started = time.monotonic()
    worker = threading.Thread(target=lambda: box.append(call()), daemon=True)
    worker.start()
    worker.join(limit)
    elapsed = time.monotonic() - started
    assert not worker.is_alive(), f"still blocked after {elapsed:.1f} s (limit {limit} s)"
    assert box, "the call raised"
    return box[0], elapsed


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP server on loopback that accepts every connection and never sends a byte."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()
    for conn in held:
        conn.close()


def settings(tmp_path: Path, **changes: object) -> LogSettings:
    values: dict[str, object] = {
        "backend": "postgres",
        "dsn_env": "FROZEN_TEST_DSN",
        "spool_path": str(tmp_path / "spool.jsonl"),
        "store_timeout_seconds": TIMEOUT,
        "retry_seconds": 60.0,
        **changes,
    }
    return LogSettings.model_validate(values)


def test_a_server_that_accepts_and_never_answers_costs_a_reply_at_most_the_timeout(
    silent_server: int, tmp_path: Path
) -> None:
    environ = {"FROZEN_TEST_DSN": f"postgresql://u@127.0.0.1:{silent_server}/x", "SAFE_REPLY_LOG_KEY": "k"}
    recorder, opened_in = within(TIMEOUT + SLACK, lambda: open_recorder(settings(tmp_path), environ))
    assert isinstance(recorder, LogRecorder)
    assert opened_in >= TIMEOUT - 0.05  # it did wait for the store, as long as the setting says
    # The circuit is open now: replies do not wait at all until retry_seconds have passed.
    turn, counted_in = within(TIMEOUT + SLACK, lambda: recorder.next_turn("c1"))
    _, logged_in = within(TIMEOUT + SLACK, lambda: recorder.on_decision(BLOCKED, Context(conversation_id="c1"), 0.01))
    assert counted_in < TIMEOUT
    assert logged_in < TIMEOUT
    assert turn == 1
    assert (recorder.spooled, recorder.spool.pending()) == (1, 1)
    within(TIMEOUT + SLACK, recorder.close)


class SlowStore(SqliteLogStore):
    """A store whose writes take `delay` seconds (a server that is slow, not dead)."""

    delay = 0.0

    def write(self, record: LogRecord) -> bool:
        time.sleep(self.delay)
        return super().write(record)


def test_a_slow_write_is_spooled_after_the_timeout_and_stored_once(tmp_path: Path) -> None:
    stores: list[SlowStore] = []

    def factory() -> SlowStore:
        stores.append(SlowStore(tmp_path / "log.sqlite3"))
        return stores[-1]

    spool = Spool(tmp_path / "spool.jsonl")
    recorder = LogRecorder(factory, spool, b"k", store_timeout_s=TIMEOUT, retry_seconds=0.0)
    try:
        SlowStore.delay = 2.0
        _, took = within(TIMEOUT + SLACK, lambda: recorder.on_decision(BLOCKED, Context(), 0.01))
        assert took < TIMEOUT + SLACK
        assert spool.pending() == 1  # spooled; the slow write may still finish: the uuid keeps it single
        SlowStore.delay = 0.0
        recorder.on_decision(BLOCKED, Context(), 0.01)  # a fresh store (retry 0 s): stored, then the replay
        assert len(stores) == 2
        assert eventually(lambda: spool.pending() == 0)
        time.sleep(2.0)  # the first, slow write has finished by now
        records = stores[-1].query(RecordFilter())
    finally:
        recorder.close()
    assert len(records) == 2
    assert len({s.record.record_uuid for s in records}) == 2


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class FailingStore(SqliteLogStore):
    fail = False

    def write(self, record: LogRecord) -> bool:
        if self.fail:
            raise StoreUnavailable("server gone")
        return super().write(record)


def test_after_a_failure_the_store_is_left_alone_for_retry_seconds_then_opened_afresh(tmp_path: Path) -> None:
    clock = Clock()
    opened: list[FailingStore] = []

    def factory() -> FailingStore:
        opened.append(FailingStore(tmp_path / "log.sqlite3"))
        return opened[-1]

    spool = Spool(tmp_path / "spool.jsonl")
    recorder = LogRecorder(factory, spool, b"k", retry_seconds=5.0, clock=clock)
    try:
        FailingStore.fail = True
        recorder.on_decision(BLOCKED, Context(), 0.01)
        FailingStore.fail = False
        clock.now = 4.0
        recorder.on_decision(BLOCKED, Context(), 0.01)  # the circuit is open: spooled without asking the store
        assert (len(opened), spool.pending()) == (1, 2)
        clock.now = 5.5
        recorder.on_decision(BLOCKED, Context(), 0.01)  # retry: a fresh store, not the failed one
        assert len(opened) == 2
        assert eventually(lambda: spool.pending() == 0)
        assert len(opened[-1].query(RecordFilter())) == 3
    finally:
        recorder.close()


@pytest.mark.postgres
def test_statement_timeout_ends_a_statement_stuck_behind_a_lock(pg_dsn: str) -> None:
    store = PostgresLogStore(pg_dsn, statement_timeout_s=TIMEOUT)
    with psycopg.connect(pg_dsn) as locker:
        locker.execute("LOCK TABLE turns IN ACCESS EXCLUSIVE MODE")  # held until the with block ends
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="canceling statement due to statement timeout"):
            store.count_turn("c1")
        assert time.monotonic() - started < TIMEOUT + SLACK
    assert store.count_turn("c1") == 1  # the store recovers on its own
    store.close()


def server_ctl(command: str) -> None:
    ctl = os.environ.get(PG_CTL_ENV)
    assert ctl is not None
    subprocess.run([*shlex.split(ctl), command], check=True, capture_output=True, timeout=60)


@pytest.mark.postgres
def test_a_frozen_postgres_costs_a_reply_at_most_the_timeout(pg_dsn: str, tmp_path: Path) -> None:
    if not os.environ.get(PG_CTL_ENV):
        skip_without_server(f"set {PG_CTL_ENV} to a command taking freeze|thaw (scripts/start-postgres.sh prints it)")
    environ = {"FROZEN_TEST_DSN": pg_dsn, "SAFE_REPLY_LOG_KEY": "k"}
    recorder = open_recorder(settings(tmp_path, retry_seconds=1.0), environ)
    assert isinstance(recorder, LogRecorder)
    recorder.on_decision(BLOCKED, Context(conversation_id="c1"), 0.01)
    assert recorder.next_turn("c1") == 1  # counted in PostgreSQL (replicas share it)
    try:
        server_ctl("freeze")
        # The turn count waits at most the timeout, then falls back to memory: at worst the AI notice
        # shows again (a count that starts over), never skipped.
        turn, counted_in = within(TIMEOUT + SLACK, lambda: recorder.next_turn("c1"))
        assert turn == 1
        assert counted_in >= TIMEOUT - 0.05
        _, logged_in = within(
            TIMEOUT + SLACK, lambda: recorder.on_decision(BLOCKED, Context(conversation_id="c1"), 0.01)
        )
        assert logged_in < TIMEOUT  # the circuit is open: the decision goes to the spool at once
        assert recorder.spooled == 1
    finally:
        server_ctl("thaw")
    time.sleep(1.1)  # retry_seconds: the next call opens a fresh connection
    recorder.on_decision(BLOCKED, Context(conversation_id="c1"), 0.01)
    assert eventually(lambda: recorder.spool.pending() == 0)  # the spooled record replayed in the background
    recorder.close()
    store = open_store(pg_dsn)
    try:
        assert len({s.record.record_uuid for s in store.query(RecordFilter())}) == len(store.query(RecordFilter())) == 3
    finally:
        store.close()
