"""What guardrails-ai costs: import time, network/home access at import, per-call overhead of a Guard.

    python benchmarks/bench_guardrails.py [--quick]

Prints: `import guardrails` wall time (fresh interpreter) and every socket or home-directory event
it causes; the cost of one Guard.validate with our validator against Policy.evaluate alone (fresh
600-character replies, benchmarks/pool.py); and why big data must not travel in a guardrails
validator's kwargs (Guard re-renders them per call).
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from pool import Meter, ReplyPool, interleave, pick, pool_size, replies

_IMPORT_PROBE = r"""
import os, sys, time
home = os.path.realpath(os.path.expanduser("~"))
skip = tuple(os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, os.getcwd()))
events = []
def hook(event, args):
    if event.startswith("socket."):
        events.append(f"{event} {args[1:] if event == 'socket.connect' else args[:1]}")
    elif event == "open" and isinstance(args[0], str):
        path = os.path.realpath(args[0])
        if path.startswith(home) and not path.startswith(skip):
            events.append(f"open {path} mode={args[1]}")
sys.addaudithook(hook)
start = time.perf_counter()
import guardrails
print(f"{(time.perf_counter() - start) * 1000:.0f}")
for event in events:
    print(event)
"""


def import_time(runs: int) -> None:
    times = []
    events: list[str] = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _IMPORT_PROBE], capture_output=True, text=True, check=True)
        first, *events = out.stdout.splitlines()
        times.append(int(first))
    print(f"import guardrails: median {sorted(times)[len(times) // 2]} ms over {runs} fresh interpreters")
    print(f"  socket/home events during import: {events or 'none'}")


def per_call(calls: int) -> None:
    """Fresh replies per call (benchmarks/pool.py), each with one word the test validator flags."""
    sys.path.insert(0, "tests")
    from safe_reply.integrations.telemetry import ensure_offline

    ensure_offline()  # before guardrails is imported: no metrics leave this process
    from guardrails import Guard

    from safe_reply.integrations.guardrails_validators import SafeReplyPolicy, register_policy
    from safe_reply.types import Category, Context, Language
    from support.policies import WordValidator, make_line

    line = make_line(WordValidator("claims", "garantiert", Category.UNSUPPORTED_CLAIM, "voraussichtlich"))
    register_policy("bench", line)
    flagged = pick(["Der Akku hält garantiert lange."], [])  # German replies only: the test validator's word

    def fresh(name: str, count: int, seed: int) -> ReplyPool:
        texts = replies(pool_size(count), length=600, languages=(Language.DE,), seed=seed, planted=flagged)
        return ReplyPool(f"bench_guardrails:{name}", texts)

    guard = Guard().use(SafeReplyPolicy(policy="bench", on_fail="fix"))
    ctx = Context(product_line="ebike")
    direct = Meter(lambda t: line.evaluate(t, ctx), fresh("evaluate", calls, 51))
    guarded = Meter(guard.validate, fresh("guard", calls, 52))
    interleave([direct, guarded], calls)
    print(
        f"Policy.evaluate: {direct.timing.median_us:.0f} us/call; "
        f"Guard.validate with SafeReplyPolicy: {guarded.timing.median_us:.0f} us/call (medians, fresh replies)"
    )
    heavy_calls = max(3, calls // 20)
    big = Guard().use(SafeReplyPolicy(policy="bench", on_fail="fix", terms=[f"Begriff{i}" for i in range(100_000)]))
    heavy = Meter(big.validate, fresh("heavy", heavy_calls, 53), warmup=1).run(heavy_calls)
    print(f"same validator with 100,000 terms in its kwargs (unused!): {heavy.timing.median_us:.0f} us/call")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="CI smoke run: a few iterations only")
    args = parser.parse_args(argv)
    import_time(1 if args.quick else 5)
    per_call(20 if args.quick else 300)
    return 0


if __name__ == "__main__":
    sys.exit(main())
