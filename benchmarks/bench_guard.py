"""What the LangChain wrapper costs per reply, next to one LangChain layer and guardrails' runnable.

    python benchmarks/bench_guard.py           # full run
    python benchmarks/bench_guard.py --quick   # CI smoke test, a few seconds

Measures on one 2,000-character reply:
- ProductLinePolicy.evaluate with no validators (goal: < 5 µs): the engine's fixed cost;
- bot.invoke, guard(bot).invoke, (bot | RunnableLambda(identity)).invoke (one LangChain layer;
  goal: the guard costs at most that) and guardrails' `bot | Guard().to_runnable()`;
- the import time of `safe_reply` and of `safe_reply.runnable` (with LangChain's Runnable base
  class for comparison), each in a fresh interpreter.
Medians of per-call averages over repeated loops; ratios are relative to bot.invoke's cost.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from safe_reply.config_models import DEFAULT_FALLBACK, Mode, ProductLine
from safe_reply.policy import Policy, ProductLinePolicy
from safe_reply.registry import builtin_actions
from safe_reply.runnable import guard
from safe_reply.types import Context, Language, PolicyRef

SENTENCE = (
    "Der Akku Ihres Pedelecs lässt sich an jeder haushaltsüblichen Steckdose laden, "
    "eine volle Ladung dauert rund vier Stunden. "
)
REPLY = (SENTENCE * (2000 // len(SENTENCE) + 1))[:2000]


def bench(fn: Callable[[], Any], loops: int, repeats: int) -> float:
    """Median over `repeats` of the average seconds per call in a loop of `loops` calls."""
    fn()  # warm up caches and lazy imports
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        for _ in range(loops):
            fn()
        samples.append((time.perf_counter() - started) / loops)
    return statistics.median(samples)


def import_time(statement: str, runs: int) -> float:
    """Median seconds to run an import `statement` in a fresh interpreter (after Python's start-up)."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    return statistics.median(
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    )


def empty_policy() -> Policy:
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
    return Policy({"bench": line}, default_product_line="bench")


def guardrails_runnable() -> Runnable[Any, Any]:
    """guardrails' LangChain runnable around an empty Guard, with its telemetry off.

    In the installed guardrails, Guard() re-reads ~/.guardrailsrc (enable_metrics defaults to
    true) and configure(allow_metrics_collection=False) switches the shared HubTelemetry off again;
    setting settings.rc.enable_metrics beforehand alone is overwritten by the constructor.
    OTEL_SDK_DISABLED makes every OpenTelemetry tracer a no-op as a second line.
    """
    os.environ.setdefault("OTEL_SDK_DISABLED", "true")
    import guardrails
    from guardrails import settings

    settings.rc.enable_metrics = False
    gr_guard = guardrails.Guard()
    gr_guard.configure(allow_metrics_collection=False)
    settings.rc.enable_metrics = False  # configure() re-read the rc file; validators read this
    runnable: Runnable[Any, Any] = gr_guard.to_runnable()
    return runnable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions, for a CI smoke test")
    args = parser.parse_args()
    loops, repeats, import_runs = (50, 5, 2) if args.quick else (500, 21, 7)

    policy = empty_policy()
    line = policy.select("bench")
    ctx = Context("bench", "c1", 2, Language.DE)
    evaluate_s = bench(lambda: line.evaluate(REPLY, ctx), loops * 10, repeats)

    bot: Runnable[Any, str] = RunnableLambda(lambda _: REPLY)
    guarded = guard(bot, policy)
    layered = bot | RunnableLambda(lambda text: text)
    peer = bot | guardrails_runnable()
    assert guarded.invoke("q") == layered.invoke("q") == peer.invoke("q") == REPLY

    base_s = bench(lambda: bot.invoke("q"), loops, repeats)
    rows = [
        ("bot.invoke", base_s),
        ("guard(bot).invoke", bench(lambda: guarded.invoke("q"), loops, repeats)),
        ("(bot | identity).invoke", bench(lambda: layered.invoke("q"), loops, repeats)),
        ("(bot | guardrails Guard().to_runnable()).invoke", bench(lambda: peer.invoke("q"), loops // 5 or 1, repeats)),
    ]

    print(f"reply: {len(REPLY)} characters; {'quick' if args.quick else 'full'} run")
    print(f"ProductLinePolicy.evaluate, no validators: {evaluate_s * 1e6:8.2f} µs (goal < 5 µs)")
    print(f"{'path':<50} {'median µs':>10} {'added µs':>10} {'x bot':>7}")
    for name, seconds in rows:
        print(f"{name:<50} {seconds * 1e6:10.1f} {(seconds - base_s) * 1e6:10.1f} {seconds / base_s:7.2f}")
    guard_added = rows[1][1] - base_s
    layer_added = rows[2][1] - base_s
    print(f"guard overhead / one LangChain layer: {guard_added / layer_added:.2f} (goal <= 1)")
    print(f"guard overhead / guardrails runnable overhead: {guard_added / (rows[3][1] - base_s):.3f}")

    # Importing LangChain's Runnable base class is the floor for safe_reply.runnable.
    for statement in (
        "import safe_reply",
        "import safe_reply.runnable",
        "from langchain_core.runnables import RunnableSerializable",
    ):
        print(f"{statement:<60} {import_time(statement, import_runs) * 1e3:8.1f} ms (fresh interpreter, median)")


if __name__ == "__main__":
    main()
