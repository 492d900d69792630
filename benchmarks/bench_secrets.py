"""Speed of the trade-secret validator against list size, and two peers on the same inputs.

Measures, for 10 / 1,000 / 100,000 protected terms:
- build time and memory (peak RSS growth) of the compiled validator;
- median time of `scan` on fresh clean 2,000-character German and English replies (benchmarks/pool.py;
  no term, no disguise), on fresh replies each with one disguised term (a zero-width space inside
  it) at a random position (the slow path), and the two peers on the clean replies:
  - ban_list style: guardrails hub's ban_list algorithm without its fuzzy step (spaces removed,
    lower-cased, one search per term): the cheapest version of that per-term loop;
  - naive loop: `term.lower() in text.lower()` for every term (LLM Guard's BanSubstrings).
Goal (issue 3): clean-reply times within 1.5x of each other and well under 100 µs at 100,000 terms;
build under 2 s and under 150 MB at 100,000 terms.

    python benchmarks/bench_secrets.py            # full run (about a minute on one core)
    python benchmarks/bench_secrets.py --quick    # smoke test, a few seconds
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pool import Meter, ReplyPool, interleave, mentioning, pool_size, replies
from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.validators.trade_secrets import Settings, TradeSecretValidator, build

SYLLABLES = tuple(c + v for c in "bdfgkmpqtvwxz" for v in ("a", "y", "oo", "ix", "ul"))


def make_terms(count: int, rng: random.Random) -> list[str]:
    """Codename-like terms ("Zorvakqel") that do not occur in the filler text."""
    terms: set[str] = set()
    while len(terms) < count:
        terms.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5))).capitalize())
    return sorted(terms)


def compile_terms(terms: list[str]) -> tuple[TradeSecretValidator, float, float]:
    settings = Settings.model_validate({"terms": [{"term": t, "kind": "codename"} for t in terms]})
    ctx = BuildContext(ProductLine.model_validate({"id": "bench"}), Path("."), Path("bench.yaml"), "bench")
    gc.collect()
    rss_before = _peak_rss_mb()
    start = time.perf_counter()
    validator = build(settings, ctx)
    seconds = time.perf_counter() - start
    return validator, seconds, _peak_rss_mb() - rss_before


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def ban_list_style(terms: list[str]) -> Callable[[str], list[tuple[int, int]]]:
    lowered = [t.lower().replace(" ", "") for t in terms]

    def check(text: str) -> list[tuple[int, int]]:
        spaceless = text.replace(" ", "").lower()
        return [(i, i + len(t)) for t in lowered if (i := spaceless.find(t)) >= 0]

    return check


def naive_loop(terms: list[str]) -> Callable[[str], list[str]]:
    lowered = [t.lower() for t in terms]

    def check(text: str) -> list[str]:
        low = text.lower()
        return [t for t in lowered if t in low]

    return check


def disguised(terms: list[str]) -> list[str]:
    """Each term with a zero-width space after its first letter: invisible to a reader, not to us."""
    return [f"{t[:1]}\u200b{t[1:]}" for t in terms]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="trade-secret validator speed")
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds")
    args = parser.parse_args(argv)
    sizes = (10, 1_000) if args.quick else (10, 1_000, 100_000)
    calls = 50 if args.quick else 1000
    rng = random.Random(7)
    rows = []
    for count in sizes:
        terms = make_terms(count, rng)
        validator, build_s, rss_mb = compile_terms(terms)
        clean_pool = ReplyPool(f"bench_secrets:clean:{count}", replies(pool_size(calls), seed=count))
        leaks = replies(pool_size(calls // 5), seed=count + 1, planted=mentioning(disguised(terms)))
        ours = Meter(validator.scan, clean_pool, keep=len)
        slow = Meter(validator.scan, ReplyPool(f"bench_secrets:disguised:{count}", leaks), keep=len)
        peer_calls = max(3, calls // (1 + count // 1_000))
        ban = Meter(ban_list_style(terms), clean_pool.fork(f"bench_secrets:ban_list:{count}"))
        naive = Meter(naive_loop(terms), clean_pool.fork(f"bench_secrets:naive:{count}"))
        interleave([ours], calls)
        interleave([slow], calls // 5)
        interleave([ban, naive], peer_calls)
        if any(ours.kept) or not all(slow.kept):
            raise SystemExit("clean replies must pass and every disguised term must be found: the pool is broken")
        rows.append(
            (
                count,
                build_s,
                rss_mb,
                ours.timing.median_us,
                slow.timing.median_us,
                ban.timing.median_us,
                naive.timing.median_us,
            )
        )
    print("terms    build_s  rss_MB  clean_us  disguised_us  ban_list_us  naive_us  ban/ours  naive/ours")
    for count, build_s, rss, ours_us, slow_us, ban_us, naive_us in rows:
        print(
            f"{count:>7}  {build_s:7.2f}  {rss:6.0f}  {ours_us:8.1f}  {slow_us:12.0f}  {ban_us:11.0f}  {naive_us:8.0f}"
            f"  {ban_us / ours_us:8.1f}  {naive_us / ours_us:10.1f}"
        )
    spread = max(r[3] for r in rows) / min(r[3] for r in rows)
    print(f"clean-reply spread across list sizes: {spread:.2f}x (goal <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
