"""`make bench`: the speed figures of the README in one table, from fresh replies, in one run.

    python benchmarks/bench_table.py            # full run (a few minutes on 2 cores)
    python benchmarks/bench_table.py --quick    # CI smoke test: tiny sizes, figures meaningless

Every timed call checks a reply no call has checked before (benchmarks/pool.py: distinct German and
English customer-service replies of ~2,000 characters; clean ones pass every check of the example
policy, leak and claim variants carry one planted sentence at a random position). Rows:

- full check: `ProductLinePolicy.evaluate` of the example policy in config/ (product line ebike, all
  its checks, turn 2 of a conversation) on clean replies: median and p99;
- the floor a user compares with: guardrails' `Guard.validate` with one no-op validator, on the
  same replies (each engine sees each reply once), interleaved with ours; the ratio of the medians;
- a leak reply (one of the example policy's protected terms, blocked) and a claim reply (one
  unsupported claim, rewritten) against the clean one;
- flatness: the full check with 10 / 1,000 / 100,000 extra protected terms of three shapes (word-like,
  with digits, mixed), each list loaded through the config like a company's own; 100k ÷ 10;
- the guard's overhead per call with the SQLite log on, passing reply (bench_guard.py), against one
  plain LangChain layer.
Budgets (issue 13): full check ≤ 0.10× the floor, p99 ≤ 1 ms, leak ≤ 2× clean, flatness ≤ 1.3×,
guard ≤ one layer.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench_guard import LAYER, LOGGED, measure_overhead
from pool import CLAIMS, LEAKS, Meter, ReplyPool, interleave, pool_size, replies
from safe_reply import load_policy
from safe_reply.policy import ProductLinePolicy
from safe_reply.resources import example_config_dir
from safe_reply.types import Action, Context, Decision

SECTIONS = ["check", "flatness", "guard"]
CTX = Context("ebike", "bench", 2)  # a later reply: the first-reply notice is not due
SYLLABLES = tuple(c + v for c in "bdfgkmpqtvwxz" for v in ("a", "y", "oo", "ix", "ul"))


@dataclass(frozen=True)
class Sizes:
    calls: int
    term_counts: tuple[int, ...]
    flat_calls: int
    guard_calls: int


FULL = Sizes(calls=3000, term_counts=(10, 1_000, 100_000), flat_calls=1500, guard_calls=4000)
QUICK = Sizes(calls=40, term_counts=(10, 200), flat_calls=30, guard_calls=40)


# ---- term lists of three shapes -------------------------------------------------------------------


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5))).capitalize()


def word_terms(rng: random.Random) -> str:
    return _word(rng)  # "Zoogyxulka": the automaton's fast path


def digit_terms(rng: random.Random) -> str:
    return f"{_word(rng)[:6]}{rng.randrange(1000, 10000)}"  # "Zoogyx4821": the per-character path


def mixed_terms(rng: random.Random) -> str:
    shape = rng.randrange(3)
    if shape == 0:
        return word_terms(rng)
    if shape == 1:
        return digit_terms(rng)
    return f"{_word(rng)} {_word(rng)}"  # a two-word name, like a supplier


SHAPES: dict[str, Callable[[random.Random], str]] = {
    "words": word_terms,
    "digits": digit_terms,
    "mixed": mixed_terms,
}


def make_terms(count: int, shape: Callable[[random.Random], str], seed: int) -> list[str]:
    rng = random.Random(seed)
    terms: set[str] = set()
    while len(terms) < count:
        terms.add(shape(rng))
    return sorted(terms)


def policy_with_terms(terms: list[str], folder: Path) -> ProductLinePolicy:
    """The example policy with `terms` added to ebike's protected terms through a terms file."""
    config = folder / "config"
    shutil.rmtree(config, ignore_errors=True)
    shutil.copytree(example_config_dir(), config)
    terms_file = folder / "terms.json"  # JSON is YAML, and outside the folder no product line is read
    terms_file.write_text(json.dumps([{"term": t, "kind": "codename"} for t in terms]), encoding="utf-8")
    line_file = config / "product_lines" / "ebike.yaml"
    raw = yaml.safe_load(line_file.read_text(encoding="utf-8"))
    raw["validators"]["trade_secrets"]["terms_file"] = str(terms_file)
    line_file.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_policy(config).select("ebike")


# ---- guardrails' floor --------------------------------------------------------------------------

_NOOP: list[Any] = []


def noop_guard() -> Any:
    """guardrails' Guard with one validator that passes everything: the least a Guard call costs."""
    from safe_reply.integrations.telemetry import ensure_offline

    ensure_offline()  # before guardrails is imported: no metrics leave this process
    from guardrails import Guard
    from guardrails.validator_base import PassResult, Validator, register_validator

    if not _NOOP:

        @register_validator(name="bench/noop", data_type="string")
        class Noop(Validator):  # type: ignore[misc]
            def _validate(self, value: Any, metadata: dict[str, Any]) -> Any:
                return PassResult()

        _NOOP.append(Noop)
    return Guard(history_max_length=3).use(_NOOP[0](on_fail="noop"))


# ---- the measurements ---------------------------------------------------------------------------


def _action(decision: Decision) -> Action:
    return decision.action


def _checked(meter: Meter[Decision], expected: Action, what: str) -> None:
    wrong = sum(action is not expected for action in meter.kept)
    if wrong:
        raise SystemExit(f"{what}: {wrong} of {len(meter.kept)} replies were not {expected.value}: the pool is broken")


@dataclass(frozen=True)
class Row:
    what: str
    median: str
    p99: str
    figure: str
    goal: str


def check_rows(line: ProductLinePolicy, calls: int) -> list[Row]:
    size = pool_size(calls)
    clean_texts = replies(size, seed=21)
    ours = Meter(lambda t: line.evaluate(t, CTX), ReplyPool("bench_table:clean", clean_texts), keep=_action)
    guard = noop_guard()
    floor = Meter(guard.validate, ReplyPool("bench_table:floor", clean_texts))
    leak_pool = ReplyPool("bench_table:leak", replies(size, seed=22, planted=LEAKS))
    leak = Meter(lambda t: line.evaluate(t, CTX), leak_pool, keep=_action)
    claim_pool = ReplyPool("bench_table:claim", replies(size, seed=23, planted=CLAIMS))
    claim = Meter(lambda t: line.evaluate(t, CTX), claim_pool, keep=_action)
    interleave([ours, floor, leak, claim], calls)
    _checked(ours, Action.PASS, "clean")
    _checked(leak, Action.BLOCK, "leak")
    _checked(claim, Action.REWRITE, "claim")
    clean_t, floor_t, leak_t, claim_t = ours.timing, floor.timing, leak.timing, claim.timing
    return [
        Row("full check, clean reply", _us(clean_t.median_us), _us(clean_t.p99_us), "", "p99 ≤ 1,000"),
        Row("floor: guardrails `Guard.validate`, no-op validator", _us(floor_t.median_us), _us(floor_t.p99_us), "", ""),
        Row("full check ÷ floor", "", "", _verdict(clean_t.median_us / floor_t.median_us, 0.10), "≤ 0.10×"),
        Row(
            "full check, leak reply (blocked)",
            _us(leak_t.median_us),
            _us(leak_t.p99_us),
            _verdict(leak_t.median_us / clean_t.median_us, 2.0) + " clean",
            "≤ 2× clean",
        ),
        Row(
            "full check, claim reply (rewritten)",
            _us(claim_t.median_us),
            _us(claim_t.p99_us),
            f"{claim_t.median_us / clean_t.median_us:.2f}× clean",
            "",
        ),
    ]


def flatness_rows(sizes: Sizes, folder: Path) -> list[Row]:
    rows = []
    for index, (shape, make) in enumerate(SHAPES.items()):
        meters: list[Meter[Decision]] = []
        builds: list[float] = []
        for count in sizes.term_counts:
            started = time.perf_counter()
            line = policy_with_terms(make_terms(count, make, seed=100 + index), folder)
            builds.append(time.perf_counter() - started)
            texts = replies(pool_size(sizes.flat_calls), seed=1000 * index + count)
            pool = ReplyPool(f"bench_table:{shape}:{count}", texts)
            meters.append(Meter(lambda t, line=line: line.evaluate(t, CTX), pool, keep=_action))
        interleave(meters, sizes.flat_calls)
        for meter, count in zip(meters, sizes.term_counts, strict=True):
            _checked(meter, Action.PASS, f"{shape} terms, {count}")
        medians = [m.timing.median_us for m in meters]
        counts = " / ".join(_count(c) for c in sizes.term_counts)
        loads = " / ".join(f"{b:.2f}" for b in builds)
        rows.append(
            Row(
                f"full check, {counts} protected terms: {shape} (policy load {loads} s)",
                " / ".join(_us(m) for m in medians),
                " / ".join(_us(m.timing.p99_us) for m in meters),
                _verdict(medians[-1] / medians[0], 1.3) + f" ({_count(sizes.term_counts[-1])} ÷ 10)",
                "≤ 1.3×",
            )
        )
    return rows


def guard_rows(calls: int, folder: Path) -> list[Row]:
    overhead = measure_overhead(calls, folder, with_guardrails=False)
    return [
        Row(
            "`guard(bot)`, SQLite log on, passing reply: added per call",
            _us(overhead.added(LOGGED)),
            "",
            _verdict(overhead.guard_per_layer, 1.0) + " one layer",
            "≤ 1× layer",
        ),
        Row(r"one LangChain layer `bot \| identity`: added per call", _us(overhead.added(LAYER)), "", "", ""),
    ]


def _us(value: float) -> str:
    return f"{value:,.0f}"


def _count(count: int) -> str:
    return f"{count // 1000}k" if count >= 1000 else str(count)


def _verdict(ratio: float, goal: float) -> str:
    return f"{ratio:.2f}×" + ("" if ratio <= goal else " (over)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="tiny sizes, a CI smoke test (seconds)")
    parser.add_argument(
        "--only", nargs="+", choices=SECTIONS, default=SECTIONS, help="some of the rows (default: all)"
    )
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    load_start = os.getloadavg()[0]
    line = load_policy(example_config_dir()).select("ebike")
    sample = replies(200, seed=99)
    lengths = [len(t) for t in sample]
    print(
        f"{'quick' if args.quick else 'full'} run; replies: fresh per call, German and English alternating, "
        f"{min(lengths):,}–{max(lengths):,} characters (mean {statistics.fmean(lengths):,.0f}); "
        f"{sizes.calls:,} calls per engine (flatness {sizes.flat_calls:,}, guard {sizes.guard_calls:,}); µs"
    )
    rows = check_rows(line, sizes.calls) if "check" in args.only else []
    with tempfile.TemporaryDirectory() as tmp:
        if "flatness" in args.only:
            rows += flatness_rows(sizes, Path(tmp))
        if "guard" in args.only:
            rows += guard_rows(sizes.guard_calls, Path(tmp))
    # Other processes on the machine show in the p99 first: say how busy it was.
    load_end = os.getloadavg()[0]
    print(f"load average (1 min) at the start {load_start:.1f}, at the end {load_end:.1f}; {os.cpu_count()} CPUs")
    print("| 2,000-char reply, fresh per call | median µs | p99 µs | figure | goal |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(f"| {row.what} | {row.median} | {row.p99} | {row.figure} | {row.goal} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
