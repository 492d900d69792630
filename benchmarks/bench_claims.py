"""Cost of the claims check on a clean 2,000-character reply with all shipped packs (goal: < 50 µs),
and on 10 kB to 1 MB replies (goal: linear, 1 MB well under 1 s).

    python benchmarks/bench_claims.py [--quick]

Every call checks a reply no call has checked before (benchmarks/pool.py), German and English
alternating, so the rule-pack scan's memoisation never answers from its cache: this is the cost of a
first look at a new reply. Also reports replies with one unsupported claim planted at a random
position (the slow path: backing checks and the rewrite proposal), and clean replies with the claims model switched
on (`validators.claims.model: true`): its cost is the difference of the two clean medians (goal: < 50 µs).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

from pool import CLAIMS, Meter, ReplyPool, interleave, pool_size, replies
from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.resources import example_config_dir
from safe_reply.types import Context
from safe_reply.validators.claims import Settings, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few hundred iterations (CI smoke test)")
    args = parser.parse_args(argv)
    config = example_config_dir()
    raw = yaml.safe_load((config / "product_lines" / "ebike.yaml").read_text(encoding="utf-8"))
    line = ProductLine.model_validate({k: v for k, v in raw.items() if k != "validators"})
    ctx = BuildContext(product_line=line, config_dir=config, file=Path("ebike.yaml"), key="validators.claims")
    claims = build(Settings(), ctx)
    calls = 200 if args.quick else 3000
    context = Context(product_line="ebike")
    clean = Meter(
        lambda t: claims.detect(t, context),
        ReplyPool("bench_claims:clean", replies(pool_size(calls), seed=31)),
        keep=len,
    )
    dirty = Meter(
        lambda t: claims.detect(t, context),
        ReplyPool("bench_claims:claim", replies(pool_size(calls), seed=32, planted=CLAIMS)),
        keep=len,
    )
    with_model = build(Settings(model=True), ctx)
    modelled = Meter(
        lambda t: with_model.detect(t, context),
        ReplyPool("bench_claims:clean-model", replies(pool_size(calls), seed=34)),
        keep=len,
    )
    interleave([clean, dirty, modelled], calls)
    if any(clean.kept) or not all(dirty.kept):
        raise SystemExit("the clean replies must pass and every claim reply must be flagged: the pool is broken")
    if any(modelled.kept):
        raise SystemExit("the claims model flagged a clean reply of the pool")
    median, p99 = clean.timing.median_us, clean.timing.p99_us
    print(f"claims, clean 2,000-char reply, {calls} fresh replies: median {median:.1f} µs, p99 {p99:.1f} µs")
    print(f"claims, reply with one claim: median {dirty.timing.median_us:.1f} µs, p99 {dirty.timing.p99_us:.1f} µs")
    model_cost = modelled.timing.median_us - median
    print(
        f"claims with the model, clean 2,000-char reply: median {modelled.timing.median_us:.1f} µs, "
        f"p99 {modelled.timing.p99_us:.1f} µs; the model: {model_cost:+.1f} µs "
        f"(goal < 50 µs: {'met' if model_cost < 50 else 'NOT met'})"
    )
    # Long replies must cost linear time (issue 14): 10 kB, 100 kB and 1 MB of ordinary prose, each built
    # from distinct pool replies (no text timed twice).
    long_pool = replies(pool_size(calls) + 600, seed=33)
    for size in (10_000, 100_000) if args.quick else (10_000, 100_000, 1_000_000):
        parts: list[str] = []
        while sum(len(part) + 1 for part in parts) < size:
            parts.append(long_pool.pop())
        long_text = " ".join(parts)[:size]
        start = time.perf_counter()
        claims.detect(long_text, context)
        print(f"claims, clean {size:,}-char reply: {time.perf_counter() - start:.3f} s")
    print(f"goal < 50 µs (clean): {'met' if median < 50 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
