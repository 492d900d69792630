"""What the LangChain wrapper costs per reply, next to one LangChain layer and guardrails' runnable.

    python benchmarks/bench_guard.py           # full run
    python benchmarks/bench_guard.py --quick   # CI smoke test, a few seconds

Every call's bot returns a fresh 2,000-character reply from a pool (benchmarks/pool.py). The policy
has no validators, so the rows show the wrapper's own cost, not the checks:
- ProductLinePolicy.evaluate with no validators (goal: < 5 µs): the engine's fixed cost;
- bot.invoke; guard(bot).invoke without a log; guard(bot).invoke with the SQLite log on (the default
  config: a passing reply is counted, its conversation's turn tracked; conversations of 8 replies,
  `session_id` in the config); (bot | RunnableLambda(identity)).invoke, one plain LangChain layer
  (goal: the guard with the log costs at most that); guardrails' `bot | Guard().to_runnable()`;
- the import time of `safe_reply` and of `safe_reply.runnable` (with LangChain's Runnable base
  class for comparison), each in a fresh interpreter.
The engines run interleaved in slices of 25 calls; "added" is the median (and mean) over bot.invoke.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda

from pool import Meter, ReplyPool, interleave, pool_size, replies
from safe_reply.config_models import DEFAULT_FALLBACK, LogSettings, Mode, ProductLine
from safe_reply.policy import Policy, ProductLinePolicy
from safe_reply.registry import builtin_actions
from safe_reply.runnable_chat import guard
from safe_reply.types import Context, Language, PolicyRef

TURNS_PER_CONVERSATION = 8


def import_time(statement: str, runs: int) -> float:
    """Median seconds to run an import `statement` in a fresh interpreter (after Python's start-up)."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    return statistics.median(
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    )


def empty_policy(log: LogSettings | None = None) -> Policy:
    line = ProductLinePolicy(
        config=ProductLine(id="bench"),
        ref=PolicyRef("bench", "bench"),
        mode=Mode.ENFORCE,
        actions=dict(builtin_actions()),
        fallback=DEFAULT_FALLBACK,
        default_language=Language.DE,
        languages=(Language.DE, Language.EN),
        validators=(),
    )
    return Policy({"bench": line}, default_product_line="bench", log=log or LogSettings(enabled=False))


def guardrails_runnable() -> Runnable[Any, Any]:
    """guardrails' LangChain runnable around an empty Guard, with its telemetry off."""
    from safe_reply.integrations.telemetry import ensure_offline

    ensure_offline()  # before guardrails is imported: no metrics leave this process
    import guardrails

    runnable: Runnable[Any, Any] = guardrails.Guard(history_max_length=3).to_runnable()
    return runnable


@dataclass(frozen=True)
class Row:
    name: str
    meter: Meter[Any]


@dataclass(frozen=True)
class Overhead:
    """Medians and means in µs per call over the same number of fresh replies per engine."""

    rows: tuple[tuple[str, float, float], ...]  # (name, median µs, mean µs)

    def added(self, name: str, mean: bool = False) -> float:
        base = {n: (m, a) for n, m, a in self.rows}
        index = 1 if mean else 0
        return base[name][index] - base["bot.invoke"][index]

    @property
    def guard_per_layer(self) -> float:
        return self.added(LOGGED) / self.added(LAYER)

    @property
    def guard_per_layer_mean(self) -> float:
        return self.added(LOGGED, mean=True) / self.added(LAYER, mean=True)


LOGGED = "guard(bot).invoke, SQLite log"
LAYER = "(bot | identity).invoke"
PEER = "(bot | guardrails Guard().to_runnable()).invoke"


def _chain_meter(
    chain: Runnable[Any, Any], pool: ReplyPool, configs: Callable[[int], RunnableConfig] | None
) -> Meter[Any]:
    calls = iter(range(10**9))
    if configs is None:
        return Meter(lambda: chain.invoke("q"), pool, feeds=False)
    return Meter(lambda: chain.invoke("q", configs(next(calls))), pool, feeds=False)


def measure_overhead(calls: int, folder: Path, with_guardrails: bool = True) -> Overhead:
    """The wrapper's cost per call, each engine on its own pool of fresh replies (its own texts too:
    the two guards run the same (empty) policy, which must not see a reply twice)."""
    os.environ.setdefault("SAFE_REPLY_LOG_KEY", "bench-only-key-bench-only-key-bench-only")
    log = LogSettings(path=str(folder / "log.sqlite3"), spool_path=str(folder / "spool.jsonl"))
    engines: list[tuple[str, Callable[[Runnable[Any, str]], Runnable[Any, Any]], bool]] = [
        ("bot.invoke", lambda bot: bot, False),
        ("guard(bot).invoke, no log", lambda bot: guard(bot, empty_policy(), recorder=None), True),
        (LOGGED, lambda bot: guard(bot, empty_policy(log)), True),
        (LAYER, lambda bot: bot | RunnableLambda(lambda text: text), False),
    ]
    if with_guardrails:
        engines.append((PEER, lambda bot: bot | guardrails_runnable(), False))

    def conversation(index: int) -> RunnableConfig:
        return {"configurable": {"session_id": f"conv-{index // TURNS_PER_CONVERSATION}"}}

    rows: list[Row] = []
    chains: list[Runnable[Any, Any]] = []
    for seed, (name, wrap, conversational) in enumerate(engines, start=110):
        pool = ReplyPool(f"bench_guard:{name}", replies(pool_size(calls), seed=seed))
        bot: Runnable[Any, str] = RunnableLambda(lambda _q, pool=pool: pool.draw())
        chains.append(wrap(bot))
        rows.append(Row(name, _chain_meter(chains[-1], pool, conversation if conversational else None)))
    interleave([row.meter for row in rows], calls)
    for chain in chains:  # flush pass counts and turns into the log before its folder goes
        close = getattr(getattr(chain, "recorder", None), "close", None)
        if close is not None:
            close()
    return Overhead(tuple((r.name, r.meter.timing.median_us, r.meter.timing.mean_us) for r in rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions, for a CI smoke test")
    args = parser.parse_args(argv)
    calls, import_runs = (100, 1) if args.quick else (4000, 7)

    line = empty_policy().select("bench")
    ctx = Context("bench", "c1", 2, Language.DE)
    texts = replies(pool_size(calls * 2), seed=12)
    evaluate = Meter(lambda text: line.evaluate(text, ctx), ReplyPool("bench_guard:evaluate", texts))
    evaluate.run(calls * 2)

    with tempfile.TemporaryDirectory() as tmp:
        overhead = measure_overhead(calls, Path(tmp))
    run = "quick" if args.quick else "full"
    print(f"reply: 2,000 characters (fresh per call); {calls} calls per engine; {run} run")
    print(f"ProductLinePolicy.evaluate, no validators: {evaluate.timing.median_us:8.2f} µs (goal < 5 µs)")
    print(f"{'path':<50} {'median µs':>10} {'added':>8} {'mean µs':>9} {'added':>8}")
    for name, median, mean in overhead.rows:
        print(f"{name:<50} {median:10.1f} {overhead.added(name):8.1f} {mean:9.1f} {overhead.added(name, True):8.1f}")
    print(
        f"guard overhead with the SQLite log / one LangChain layer: median {overhead.guard_per_layer:.2f}, "
        f"mean {overhead.guard_per_layer_mean:.2f} (goal <= 1)"
    )

    # Importing LangChain's Runnable base class is the floor for safe_reply.runnable.
    for statement in (
        "import safe_reply",
        "import safe_reply.runnable_chat",
        "from langchain_core.runnables import RunnableSerializable",
    ):
        print(f"{statement:<60} {import_time(statement, import_runs) * 1e3:8.1f} ms (fresh interpreter, median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
