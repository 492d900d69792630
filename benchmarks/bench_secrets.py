"""Speed of the trade-secret validator against list size, and two peers on the same inputs.

Measures, for 10 / 1,000 / 100,000 protected terms:
- build time and memory (peak RSS growth) of the compiled validator;
- median time of `scan` on a clean 2,000-character German reply (no term, no disguise: the fast
  path), on the same reply with one disguised term (the slow path), and the two peers:
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
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.validators.trade_secrets import Settings, TradeSecretValidator, build

SYLLABLES = tuple(c + v for c in "bdfgkmpqtvwxz" for v in ("a", "y", "oo", "ix", "ul"))
FILLER = (
    "Vielen Dank für Ihre Nachricht. Ihr E-Bike ist am Montag bei uns eingegangen und wird gerade in der "
    "Werkstatt geprüft. Die Reparatur dauert voraussichtlich drei Werktage, danach senden wir es Ihnen "
    "kostenfrei zurück. Bei Fragen zur Rechnung, zur Lieferung oder zur Garantie melden Sie sich gern "
    "jederzeit bei unserem Kundenservice – wir helfen Ihnen schnell und unkompliziert weiter. "
)


def clean_reply(length: int = 2_000) -> str:
    return (FILLER * (length // len(FILLER) + 1))[:length]


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


def median_us(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description="trade-secret validator speed")
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds")
    args = parser.parse_args()
    sizes = (10, 1_000) if args.quick else (10, 1_000, 100_000)
    repeat = 50 if args.quick else 300
    rng = random.Random(7)
    clean = clean_reply()
    rows = []
    for count in sizes:
        terms = make_terms(count, rng)
        validator, build_s, rss_mb = compile_terms(terms)
        secret = terms[len(terms) // 2]
        disguised = clean[:1000] + " K r " + secret[:1] + "\u200b" + secret[1:] + " " + clean[1000:]
        assert not validator.scan(clean), "the clean reply must pass"
        assert validator.scan(disguised), "the disguised term must be found"
        ban, naive = ban_list_style(terms), naive_loop(terms)
        peer_repeat = max(3, repeat // (1 + count // 1_000))
        rows.append(
            (
                count,
                build_s,
                rss_mb,
                median_us(lambda v=validator: v.scan(clean), repeat),
                median_us(lambda v=validator, d=disguised: v.scan(d), repeat // 5),
                median_us(lambda b=ban: b(clean), peer_repeat),
                median_us(lambda n=naive: n(clean), peer_repeat),
            )
        )
    print("terms    build_s  rss_MB  clean_us  disguised_us  ban_list_us  naive_us  ban/ours  naive/ours")
    for count, build_s, rss, ours, slow, ban, naive in rows:
        print(
            f"{count:>7}  {build_s:7.2f}  {rss:6.0f}  {ours:8.1f}  {slow:12.0f}  {ban:11.0f}  {naive:8.0f}"
            f"  {ban / ours:8.1f}  {naive / ours:10.1f}"
        )
    spread = max(r[3] for r in rows) / min(r[3] for r in rows)
    print(f"clean-reply spread across list sizes: {spread:.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
