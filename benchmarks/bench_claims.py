"""Cost of the claims check on a clean 2,000-character reply with all shipped packs (goal: < 50 µs),
and on 10 kB to 1 MB replies (goal: linear, 1 MB well under 1 s).

    python benchmarks/bench_claims.py [--quick]

Every iteration checks a different text (an order number changes), so the rule-pack scan's
memoisation never answers from its cache: this is the cost of a first look at a new reply.
Also reports a reply with one claim (the slow path: backing checks and the rewrite proposal).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.resources import example_config_dir
from safe_reply.types import Context, Language
from safe_reply.validators.claims import Settings, build

CLEAN = (
    "Guten Tag und vielen Dank für Ihre Nachricht zur Bestellung NE-2026-{n:06d}. "
    "Ich habe mir Ihr Anliegen genau angesehen und fasse die nächsten Schritte kurz zusammen. "
    "Das Rücksendeetikett finden Sie in Ihrem Kundenkonto unter Bestellungen; drucken Sie es bitte aus "
    "und kleben Sie es gut sichtbar auf den Karton. Das Paket können Sie bei jeder Filiale abgeben. "
    "Sobald die Ware bei uns eingegangen ist, prüft unser Team den Zustand, und Sie erhalten eine "
    "Nachricht per E-Mail. Falls Sie Fragen zur Einstellung der Schaltung haben, schauen Sie bitte in "
    "Kapitel 4 der Bedienungsanleitung nach oder melden Sie sich einfach noch einmal hier im Chat. "
)


def _reply(n: int) -> str:
    text = ""
    while len(text) < 2000:
        text += CLEAN.format(n=n)
    return text[:2000]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few hundred iterations (CI smoke test)")
    args = parser.parse_args(argv)
    config = example_config_dir()
    raw = yaml.safe_load((config / "product_lines" / "ebike.yaml").read_text(encoding="utf-8"))
    line = ProductLine.model_validate({k: v for k, v in raw.items() if k != "validators"})
    ctx = BuildContext(product_line=line, config_dir=config, file=Path("ebike.yaml"), key="validators.claims")
    claims = build(Settings(), ctx)
    rounds = 300 if args.quick else 5000
    context = Context(product_line="ebike", language=Language.DE)
    texts = [_reply(n) for n in range(rounds)]
    assert all(not claims.detect(t, context) for t in texts[:5]), "the clean reply must pass"
    samples = []
    for text in texts:
        start = time.perf_counter()
        claims.detect(text, context)
        samples.append(time.perf_counter() - start)
    median = statistics.median(samples) * 1e6
    p95 = sorted(samples)[int(len(samples) * 0.95)] * 1e6
    dirty = [t[:1900] + f" Das ist das sicherste E-Bike auf dem Markt, Nummer {n}." for n, t in enumerate(texts)]
    dirty_samples = []
    for text in dirty[: max(rounds // 5, 50)]:
        start = time.perf_counter()
        claims.detect(text, context)
        dirty_samples.append(time.perf_counter() - start)
    print(f"claims, clean 2,000-char reply, {rounds} distinct replies: median {median:.1f} µs, p95 {p95:.1f} µs")
    print(f"claims, same reply with one claim: median {statistics.median(dirty_samples) * 1e6:.1f} µs")
    # Long replies must cost linear time (issue 14): 10 kB, 100 kB and 1 MB of ordinary prose.
    for size in (10_000, 100_000) if args.quick else (10_000, 100_000, 1_000_000):
        long_text = (_reply(rounds) * (size // 2000 + 1))[:size]
        start = time.perf_counter()
        claims.detect(long_text, context)
        print(f"claims, clean {size:,}-char reply: {time.perf_counter() - start:.3f} s")
    print(f"goal < 50 µs (clean): {'met' if median < 50 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
