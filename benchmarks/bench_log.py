"""Write path of the log: records per second and the latency one blocked reply gains from recording.

    python benchmarks/bench_log.py [--quick] [--n N]

SQLite always (a temp file; WAL, synchronous=FULL: one fsync per record). PostgreSQL too when
SAFE_REPLY_TEST_PG_DSN is set (scripts/start-postgres.sh prints it). Each record is committed durably
on its own, because that is what the guard waits for before it releases a reply. Every record comes
from a different reply (the example policy's decisions on fresh replies, benchmarks/pool.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from pool import LEAKS, Meter, ReplyPool, pool_size, replies
from safe_reply import load_policy
from safe_reply.log import LogRecorder, Spool, SqlLogStore, build_record, open_store
from safe_reply.resources import example_config_dir
from safe_reply.types import Action, Context, Decision

TURNS_PER_CONVERSATION = 8


def decisions(n: int, seed: int, planted: bool) -> dict[str, Decision]:
    """Real decisions of the example policy on fresh replies (leaks: blocked; clean: passed), by text."""
    line = load_policy(example_config_dir()).select("ebike")
    texts = replies(pool_size(n), seed=seed, planted=LEAKS if planted else None)
    made = {text: line.evaluate(text, Context("ebike", f"c{i}", 2)) for i, text in enumerate(texts)}
    expected = Action.BLOCK if planted else Action.PASS
    if any(d.action is not expected for d in made.values()):
        raise SystemExit(f"every reply of the pool must be {expected.value}: the pool is broken")
    return made


def measure(name: str, factory: Callable[[], SqlLogStore], n: int, spool_dir: Path, seed: int) -> None:
    """`seed` gives each backend replies of its own (no reply is timed twice in one run)."""
    blocked = decisions(n, seed=seed, planted=True)
    store = factory()
    records = {
        text: build_record(d, Context(conversation_id=f"c{i}"), 0.001, b"k", datetime.now(UTC))
        for i, (text, d) in enumerate(blocked.items())
    }
    writes = Meter(lambda text: store.write(records[text]), ReplyPool(f"bench_log:{name}:write", list(records)))
    writes.run(n)
    store.close()
    print(f"{name:10s} store.write          {n / sum(writes.samples):8.0f} records/s  ({n} durable commits)")

    recorder = LogRecorder(factory, Spool(spool_dir / f"{name}.jsonl"), b"k")
    ctx = Context(conversation_id="c-blocked", turn=2)
    held = decisions(n, seed=seed + 1, planted=True)
    block_pool = ReplyPool(f"bench_log:{name}:block", list(held))
    block = Meter(lambda text: recorder.on_decision(held[text], ctx, 0.001), block_pool).run(n)
    passed = decisions(n, seed=seed + 2, planted=False)
    calls = iter(range(10**9))

    def passing(text: str) -> None:
        # What the guard does for a passing reply: count its turn, then count the pass.
        conversation = f"p{next(calls) // TURNS_PER_CONVERSATION}"
        turn = recorder.next_turn(conversation)
        recorder.on_decision(passed[text], Context(conversation_id=conversation, turn=turn), 0.001)

    passes = Meter(passing, ReplyPool(f"bench_log:{name}:pass", list(passed))).run(n)
    recorder.close()
    latencies = [s * 1000 for s in block.samples]
    q = statistics.quantiles(latencies, n=100)
    print(
        f"{name:10s} blocked reply +     mean {statistics.fmean(latencies):.2f} ms  p50 {q[49]:.2f} ms  "
        f"p99 {q[98]:.2f} ms (mask + pseudonymise + durable write)"
    )
    print(
        f"{name:10s} passing reply +     median {passes.timing.median_us:.1f} µs, mean {passes.timing.mean_us:.1f} µs "
        f"(turn and pass counted in memory, flushed in batches; conversations of {TURNS_PER_CONVERSATION} replies)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny run for CI: checks it works, not how fast")
    parser.add_argument("--n", type=int, default=None, help="records per measurement (default 1000, quick 30)")
    args = parser.parse_args(argv)
    n = args.n or (30 if args.quick else 1000)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure("sqlite", lambda: open_store(folder / "log.sqlite3"), n, folder, seed=61)
        dsn = os.environ.get("SAFE_REPLY_TEST_PG_DSN")
        if dsn:
            store = open_store(dsn)
            store.purge("9999-12-31T00:00:00.000000Z")  # a clean table for comparable numbers
            store.close()
            measure("postgres", lambda: open_store(dsn), n, folder, seed=71)
        else:
            print('postgres   skipped: set SAFE_REPLY_TEST_PG_DSN (eval "$(bash scripts/start-postgres.sh start)")')
    return 0


if __name__ == "__main__":
    sys.exit(main())
