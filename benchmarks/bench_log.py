"""Write path of the log: records per second and the latency one blocked reply gains from recording.

    python benchmarks/bench_log.py [--quick] [--n N]

SQLite always (a temp file; WAL, synchronous=FULL: one fsync per record). PostgreSQL too when
SAFE_REPLY_TEST_PG_DSN is set (scripts/start-postgres.sh prints it). Each record is committed durably
on its own, because that is what the guard waits for before it releases a reply.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from safe_reply.log import LogRecorder, Spool, SqlLogStore, build_record, open_store
from safe_reply.types import Action, Category, Context, Decision, Finding, Language, Message, PolicyRef, Span

REPLY = "Das Projekt Orion startet 2026. Der Akku hält garantiert ein Leben lang."
DECISION = Decision(
    action=Action.BLOCK,
    findings=(
        Finding(
            "trade_secrets.codename",
            Category.TRADE_SECRET,
            Span(12, 17),
            Message("interner Codename", "internal codename"),
            details={"kind": "codename", "term_hash": "3f2a9c1d00aa11bb"},
            sensitive=True,
        ),
        Finding(
            "claims.de/guarantee-absolute",
            Category.UNSUPPORTED_CLAIM,
            Span(32, 72),
            Message("absolute Garantie", "absolute guarantee"),
            legal_basis="UWG §5 Abs. 1",
        ),
    ),
    original=REPLY,
    delivered="Entschuldigung, dazu kann ich Ihnen gerade keine verlässliche Auskunft geben.",
    policy_ref=PolicyRef("ebike", "policyhash01"),
    intended=Action.BLOCK,
    language=Language.DE,
)
PASS = Decision(Action.PASS, (), "Hallo!", "Hallo!", PolicyRef("ebike", "policyhash01"), Action.PASS)


def measure(name: str, factory: Callable[[], SqlLogStore], n: int, spool_dir: Path) -> None:
    store = factory()
    records = [
        build_record(DECISION, Context(conversation_id=f"c{i}"), 0.001, b"k", datetime.now(UTC)) for i in range(n)
    ]
    start = time.perf_counter()
    for record in records:
        store.write(record)
    elapsed = time.perf_counter() - start
    store.close()
    print(f"{name:10s} store.write          {n / elapsed:8.0f} records/s  ({n} durable commits)")

    recorder = LogRecorder(factory, Spool(spool_dir / f"{name}.jsonl"), b"k")
    latencies = []
    for i in range(n):
        began = time.perf_counter()
        recorder.on_decision(DECISION, Context(conversation_id=f"c{i}", turn=2), 0.001)
        latencies.append((time.perf_counter() - began) * 1000)
    passes = []
    for _ in range(n):
        began = time.perf_counter()
        recorder.on_decision(PASS, Context(), 0.001)
        passes.append((time.perf_counter() - began) * 1_000_000)
    recorder.close()
    q = statistics.quantiles(latencies, n=100)
    print(
        f"{name:10s} blocked reply +     mean {statistics.fmean(latencies):.2f} ms  p50 {q[49]:.2f} ms  "
        f"p99 {q[98]:.2f} ms (mask + pseudonymise + durable write)"
    )
    print(
        f"{name:10s} passing reply +     mean {statistics.fmean(passes):.1f} µs (counted in memory, flushed in batches)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny run for CI: checks it works, not how fast")
    parser.add_argument("--n", type=int, default=None, help="records per measurement (default 1000, quick 30)")
    args = parser.parse_args()
    n = args.n or (30 if args.quick else 1000)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure("sqlite", lambda: open_store(folder / "log.sqlite3"), n, folder)
        dsn = os.environ.get("SAFE_REPLY_TEST_PG_DSN")
        if dsn:
            store = open_store(dsn)
            store.purge("9999-12-31T00:00:00.000000Z")  # a clean table for comparable numbers
            store.close()
            measure("postgres", lambda: open_store(dsn), n, folder)
        else:
            print('postgres   skipped: set SAFE_REPLY_TEST_PG_DSN (eval "$(bash scripts/start-postgres.sh start)")')


if __name__ == "__main__":
    main()
