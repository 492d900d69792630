"""What one long reply costs: the size limit, and every check of the example policy on 1 MB replies.

    python benchmarks/bench_long_reply.py [--quick] [--n N]

Rows (fresh replies every call, benchmarks/pool.py; --quick: 100,000-character replies, one call):
- 1 MB at the default limit (100,000 characters): blocked before any validator runs (goal: < 1 s; it
  is microseconds).
- 1 MB with the limit raised to 2,000,000 (and each validator's budget to 60 s, so none is cut short):
  what the checks themselves cost, clean and with a planted leak; then each validator on its own,
  each on fresh replies of its own.
- 100,000 characters, the largest reply the default limit lets through.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
from collections.abc import Callable
from typing import Any

from pool import LEAKS, Meter, ReplyPool, replies
from safe_reply import load_policy
from safe_reply.config_models import Limits
from safe_reply.policy import ProductLinePolicy
from safe_reply.resources import example_config_dir
from safe_reply.types import Action, Context

CTX = Context("ebike", "c-long", 2)
RAISED = Limits(max_reply_chars=2_000_000, time_budget_seconds=60.0)
_seeds = iter(range(9_100, 10_000))


def pool(name: str, count: int, length: int, planted: bool = False) -> ReplyPool:
    texts = replies(count, length=length, seed=next(_seeds), planted=LEAKS if planted else None)
    return ReplyPool(f"bench_long_reply:{name}", texts)


def row(label: str, fn: Callable[[str], Any], texts: ReplyPool, n: int) -> list[Any]:
    meter = Meter(fn, texts, warmup=1, keep=lambda result: result).run(n)
    samples = meter.samples
    print(f"{label:58s} median {statistics.median(samples) * 1000:9.1f} ms   max {max(samples) * 1000:9.1f} ms")
    return meter.kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny run for CI: checks it works, not how fast")
    parser.add_argument("--n", type=int, default=None, help="replies per row (default 5, quick 1)")
    args = parser.parse_args(argv)
    n = args.n or (1 if args.quick else 5)
    size = 100_000 if args.quick else 1_000_000
    line = load_policy(example_config_dir()).select("ebike")
    raised = dataclasses.replace(line, limits=RAISED)
    print(f"example policy, product line ebike; {n} fresh reply/replies of {size:,} characters per row")

    def decide(policy: ProductLinePolicy) -> Callable[[str], Action]:
        return lambda text: policy.evaluate(text, CTX).action

    if not args.quick:
        kept = row("1 MB, default limit (100,000): evaluate", decide(line), pool("default", n + 1, size), n)
        assert set(kept) == {Action.BLOCK}, kept
    kept = row(f"{size:,} chars, limit raised: evaluate, clean", decide(raised), pool("clean", n + 1, size), n)
    assert set(kept) == {Action.PASS}, kept
    leak = pool("leak", n + 1, size, planted=True)
    kept = row(f"{size:,} chars, limit raised: evaluate, one leak planted", decide(raised), leak, n)
    assert set(kept) == {Action.BLOCK}, kept
    for validator in raised.validators:
        texts = pool(f"detect:{validator.name}", n + 1, size)
        row(f"{size:,} chars: {validator.name}.detect", lambda text, v=validator: v.detect(text, CTX), texts, n)
    top = pool("at-limit", n + 1, line.max_reply_chars)
    row(f"{line.max_reply_chars:,} chars (the default limit): evaluate", decide(line), top, n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
