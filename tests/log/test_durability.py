"""Nothing lost: kill -9 mid-write, concurrent writers, a PostgreSQL restart in the middle of a run."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from log.logdata import PG_CTL_ENV, SECRET_REPLY, decision, eventually, secret_finding, skip_without_server
from safe_reply.log import LogRecorder, RecordFilter, Spool, build_record, open_store
from safe_reply.log.sqlite_store import SqliteLogStore
from safe_reply.types import Context

pytestmark = pytest.mark.slow
WRITER = Path(__file__).with_name("writer_proc.py")


def writer(target: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), target, str(count)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def stored_uuids(target: str) -> list[str]:
    store = open_store(target)
    try:
        return [s.record.record_uuid for s in store.iter_all(RecordFilter())]
    finally:
        store.close()


def test_kill_9_loses_no_acknowledged_record(store_target: str) -> None:
    open_store(store_target).close()  # schema in place before the race
    proc = writer(store_target, 0)
    assert proc.stdout is not None
    acknowledged = [proc.stdout.readline().strip() for _ in range(40)]
    os.kill(proc.pid, signal.SIGKILL)
    rest, _ = proc.communicate(timeout=30)
    acknowledged += rest.split()  # printed before the kill: acknowledged too
    assert proc.returncode == -signal.SIGKILL
    uuids = stored_uuids(store_target)
    assert set(acknowledged) <= set(uuids)
    assert len(uuids) == len(set(uuids))
    store = open_store(store_target)
    try:
        if isinstance(store, SqliteLogStore):
            assert store.integrity_check() == "ok"
        store.add_counts({}, {"after-kill": 1})  # and it is writable
        assert store.replies("after-kill") == 1
    finally:
        store.close()


def test_eight_concurrent_writers_threads_and_processes(store_target: str) -> None:
    per_writer = 25
    open_store(store_target).close()
    procs = [writer(store_target, per_writer) for _ in range(4)]
    shared = open_store(store_target)
    made = decision(SECRET_REPLY, (secret_finding(),))
    thread_uuids: list[str] = []
    lock = threading.Lock()

    def write_some() -> None:
        for _ in range(per_writer):
            record = build_record(made, Context(conversation_id="t"), 0.001, b"k", datetime.now(UTC))
            shared.write(record)
            with lock:
                thread_uuids.append(record.record_uuid)

    threads = [threading.Thread(target=write_some) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    shared.close()
    proc_uuids = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        proc_uuids += out.split()
    stored = stored_uuids(store_target)
    assert len(stored) == 8 * per_writer
    assert sorted(stored) == sorted(thread_uuids + proc_uuids)


@pytest.mark.postgres
def test_postgres_stopped_and_started_mid_run_every_record_exactly_once(pg_dsn: str, tmp_path: Path) -> None:
    ctl = os.environ.get(PG_CTL_ENV)
    if not ctl:
        skip_without_server(f"set {PG_CTL_ENV} to a command taking stop|start (scripts/start-postgres.sh prints it)")
    spool = Spool(tmp_path / "spool.jsonl")
    recorder = LogRecorder(lambda: open_store(pg_dsn), spool, b"k", retry_seconds=0.0)
    made = decision(SECRET_REPLY, (secret_finding(),))
    written: list[str] = []

    def record_some(n: int) -> None:
        for _ in range(n):
            record = build_record(made, Context(conversation_id="c"), 0.001, b"k", datetime.now(UTC))
            recorder.write(record)  # never raises: the bot keeps answering
            written.append(record.record_uuid)

    try:
        record_some(10)
        subprocess.run([*shlex.split(ctl), "stop"], check=True, capture_output=True, timeout=60)
        try:
            record_some(10)
            assert recorder.spooled == 10
            assert spool.pending() == 10
        finally:
            subprocess.run([*shlex.split(ctl), "start"], check=True, capture_output=True, timeout=60)
        record_some(10)  # the first successful write has the flusher thread replay the spool
        assert eventually(lambda: spool.pending() == 0)
    finally:
        recorder.close()
    assert sorted(stored_uuids(pg_dsn)) == sorted(written)
