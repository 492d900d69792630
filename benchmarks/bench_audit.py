"""`safe-reply audit` throughput: replies per second with 1 and 2 local workers and on a local 2-worker Dask cluster.

    python benchmarks/bench_audit.py [--quick] [--replies N] [--keep DIR]

Generates N bot replies (default 1,000,000; --quick: 2,000) with make_transcripts.py as Parquet, then
runs the real command (`safe-reply audit`, progress bar on stderr) three times on them, with the
example policy in config/. The figures include indexing (numbering every conversation's replies),
reading, checking and writing the findings.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pool import ReplyPool

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SAFE_REPLY = [sys.executable, "-c", "from safe_reply.cli import main; main()"]


def audit(source: Path, out: Path, *extra: str, quiet: bool) -> str:
    command = [*SAFE_REPLY, "audit", "-c", str(REPO / "config"), str(source), "--out", str(out), *extra]
    if quiet:
        command.append("--no-progress")
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode not in (0, 1):  # 1: some replies would be blocked, as generated
        raise SystemExit(f"audit failed ({done.returncode}): {done.stdout}")
    return done.stdout


def rate(summary: str) -> str:
    match = re.search(r"; ([\d.]+) s \(([\d,]+) replies/s", summary)
    return "?" if match is None else f"{match.group(2)} replies/s ({match.group(1)} s)"


def transcript_pool(source: Path) -> ReplyPool:
    """The generated bot replies (all distinct: make_transcripts.py draws again on a repeat)."""
    import pyarrow.parquet as pq

    table = pq.read_table(source, columns=["role", "text"])
    texts = [text for role, text in zip(table["role"].to_pylist(), table["text"].to_pylist(), strict=True)
             if role == "assistant"]  # fmt: skip
    return ReplyPool("bench_audit:transcripts", texts)


def engine_run(pool: ReplyPool, name: str, run: Callable[[], str]) -> str:
    """One audit run: the engine checks every reply of the transcripts once (its own fork of the pool)."""
    fork = pool.fork(f"bench_audit:{name}")
    for _ in range(fork.left):
        fork.draw()
    return rate(run())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 replies: the CI smoke run")
    parser.add_argument("--replies", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="generate into (and keep) this folder")
    args = parser.parse_args(argv)
    replies = args.replies or (2_000 if args.quick else 1_000_000)
    os.environ.setdefault("SAFE_REPLY_LOG_KEY", "bench-audit-log-key-0123456789abcdef")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        source = folder / f"transcripts-{replies}.parquet"
        if not source.exists():
            subprocess.run(
                [sys.executable, str(HERE / "make_transcripts.py"), str(source), "--replies", str(replies)], check=True
            )
        pool = transcript_pool(source)
        results = {}
        started = time.perf_counter()
        results["1 worker"] = engine_run(
            pool, "1-worker", lambda: audit(source, folder / "f1.parquet", "--workers", "1", quiet=args.quick)
        )
        results["2 workers"] = engine_run(
            pool, "2-workers", lambda: audit(source, folder / "f2.parquet", "--workers", "2", quiet=args.quick)
        )
        from distributed import LocalCluster

        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster:
            on_dask = ["--engine", "dask", "--scheduler", str(cluster.scheduler_address)]
            results["Dask, local 2-worker cluster"] = engine_run(
                pool, "dask", lambda: audit(source, folder / "fd.parquet", *on_dask, quiet=args.quick)
            )
        load = os.getloadavg()[0]
        print(f"safe-reply audit on {replies:,} generated replies (Parquet), {os.cpu_count()} cores, load {load:.1f}:")
        for name, figure in results.items():
            print(f"  {name:30s} {figure}")
        print(f"(whole benchmark {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
