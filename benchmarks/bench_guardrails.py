"""What guardrails-ai costs: import time, network/home access at import, per-call overhead of a Guard.

    python benchmarks/bench_guardrails.py [--quick]

Prints: `import guardrails` wall time (fresh interpreter) and every socket or home-directory event
it causes; the cost of one Guard.validate with our validator against Policy.evaluate alone; and
why big data must not travel in a guardrails validator's kwargs (Guard re-renders them per call).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from typing import Any

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


def _time(fn: Any, n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n * 1e6


def per_call(n: int) -> None:
    sys.path.insert(0, "tests")
    from guardrails import Guard

    from safe_reply.integrations.guardrails_validators import SafeReplyPolicy, register_policy
    from safe_reply.types import Category, Context
    from support.policies import WordValidator, make_line

    line = make_line(WordValidator("claims", "garantiert", Category.UNSUPPORTED_CLAIM, "voraussichtlich"))
    register_policy("bench", line)
    text = "Der Akku hält garantiert lange. " * 10
    guard = Guard().use(SafeReplyPolicy(policy="bench", on_fail="fix"))
    ctx = Context(product_line="ebike")
    direct = _time(lambda: line.evaluate(text, ctx), n)
    guarded = _time(lambda: guard.validate(text), n)
    print(f"Policy.evaluate: {direct:.0f} us/call; Guard.validate with SafeReplyPolicy: {guarded:.0f} us/call")
    big = Guard().use(SafeReplyPolicy(policy="bench", on_fail="fix", terms=[f"Begriff{i}" for i in range(100_000)]))
    heavy = _time(lambda: big.validate(text), max(3, n // 20))
    print(f"same validator with 100,000 terms in its kwargs (unused!): {heavy:.0f} us/call")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="CI smoke run: a few iterations only")
    args = parser.parse_args()
    import_time(1 if args.quick else 5)
    per_call(20 if args.quick else 300)


if __name__ == "__main__":
    main()
