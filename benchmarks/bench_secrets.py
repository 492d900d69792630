"""Speed and memory of the trade-secret validator against list size and term shape.

For 10 / 1,000 / 100,000 protected terms of three shapes (words "Zorvakqel", terms with digits
"Zorvakqel4821", and a mix with multi-word names and internal facts) it measures:
- `load_policy` end to end (file read, parse, build) in a fresh process: seconds and peak RSS growth,
  for the list as a plain `.txt` terms file (one term per line) and as YAML;
- the median time of `scan` on clean 2,000-character replies, a NEW reply for every timed call (no
  cache can help), and on replies with one disguised term;
- two peers on the same replies: ban_list style (spaces removed, one search per term; guardrails hub
  ban_list without its fuzzy step) and a naive loop (`term in text`, LLM Guard's BanSubstrings).
- long replies (issue 14): `scan` of 80,000 characters and of 1 MB, clean and full of hits (a term
  every 8 characters, an ordinary-word term every 14, disguised terms, masked words): linear time.
Goals (issues 12, 13, 14): load < 2 s and < 150 MB at 100,000 terms for words and terms with digits;
clean-reply time <= 30 us and flat from 10 to 100,000 terms (<= 1.3x) for every shape; a 1 MB clean
reply well under 1 s. The machine's load average is printed with the figures: compare runs made
back to back, not absolute numbers from different hours.

    python benchmarks/bench_secrets.py            # full run (minutes)
    python benchmarks/bench_secrets.py --quick    # smoke test, 10 and 1,000 terms
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from pool import ReplyPool
from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.validators.trade_secrets import Settings, TradeSecretValidator, build

SYLLABLES = tuple(c + v for c in "bdfgkmpqtvwxz" for v in ("a", "y", "oo", "ix", "ul"))
SENTENCES = (
    "Vielen Dank für Ihre Nachricht.", "Ihr E-Bike ist am Montag bei uns eingegangen.",
    "Es wird gerade in der Werkstatt geprüft.", "Die Reparatur dauert voraussichtlich drei Werktage.",
    "Danach senden wir es Ihnen kostenfrei zurück.", "Bei Fragen zur Rechnung melden Sie sich gern.",
    "Unser Kundenservice hilft Ihnen schnell und unkompliziert weiter.", "Die Lieferung erfolgt per Spedition.",
    "Bitte halten Sie Ihre Bestellnummer bereit.", "Der Akku sollte bei Zimmertemperatur geladen werden.",
    "Thank you for your patience.", "Your order has been shipped and will arrive within two days.",
    "Please keep the receipt for warranty claims.", "We are happy to help with any further questions.",
    "Die Garantie gilt zwei Jahre ab Kaufdatum.", "Ersatzteile erhalten Sie im Fachhandel.",
)  # fmt: skip
SHAPES = ("words", "digits", "mixed")


def make_terms(count: int, rng: random.Random, shape: str = "words") -> list[str]:
    """Codename-like terms ("Zorvakqel") that do not occur in the replies, in the given shape."""
    terms: set[str] = set()
    while len(terms) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5))).capitalize()
        kind = shape if shape != "mixed" else rng.choice(("words", "words", "digits", "multi", "fact"))
        if kind == "digits":
            word += str(rng.randint(1000, 9999))
        elif kind == "multi":
            word += " " + "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        elif kind == "fact":
            word += f"-Rabatt {rng.randint(11, 99)} %"
        terms.add(word)
    return sorted(terms)


def clean_replies(count: int, rng: random.Random, length: int = 2_000) -> list[str]:
    """Distinct clean replies: the sentences in a new order each time, with a fresh order number."""
    replies = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < length:
            parts.append(rng.choice(SENTENCES))
            if rng.random() < 0.1:
                parts.append(f"Ihre Bestellnummer lautet NE-{rng.randint(100000, 999999)}.")
        replies.append(" ".join(parts)[:length])
    return replies


def compile_terms(terms: list[str]) -> tuple[TradeSecretValidator, float]:
    settings = Settings.model_validate({"terms": [{"term": t, "kind": "codename"} for t in terms]})
    ctx = BuildContext(ProductLine.model_validate({"id": "bench"}), Path("."), Path("bench.yaml"), "bench")
    start = time.perf_counter()
    validator = build(settings, ctx)
    return validator, time.perf_counter() - start


_LOAD = """
import json, resource, sys, time


def peak_mb():
    # VmHWM belongs to the new process image; ru_maxrss survives exec and would start at the parent's size.
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


import safe_reply
before = peak_mb()
start = time.perf_counter()
safe_reply.load_policy(sys.argv[1])
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "mb": peak_mb() - before}))
"""


def load_end_to_end(terms: list[str], fmt: str) -> tuple[float, float]:
    """`load_policy` of a folder whose product line reads the terms from a file, in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="bench_secrets_") as tmp:
        folder = Path(tmp)
        (folder / "product_lines").mkdir()
        (folder / "secret").mkdir()
        (folder / "defaults.yaml").write_text("version: 1\ndefault_product_line: bench\n", encoding="utf-8")
        if fmt == "txt":
            (folder / "secret" / "terms.txt").write_text("".join(f"{t}\tcodename\n" for t in terms), encoding="utf-8")
        else:
            lines = "".join(f"- {{term: {json.dumps(t)}, kind: codename}}\n" for t in terms)
            (folder / "secret" / "terms.yaml").write_text(lines, encoding="utf-8")
        (folder / "product_lines" / "bench.yaml").write_text(
            f"id: bench\nvalidators:\n  trade_secrets:\n    terms_file: secret/terms.{fmt}\n", encoding="utf-8"
        )
        out = subprocess.run([sys.executable, "-c", _LOAD, str(folder)], capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        return result["seconds"], result["mb"]


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


def median_us(func: Callable[[str], object], pool: ReplyPool, calls: int | None = None) -> float:
    """Median time of one call, a fresh reply from the pool each call."""
    times = []
    for _ in range(pool.left if calls is None else calls):
        reply = pool.draw()
        start = time.perf_counter()
        func(reply)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


LONG_UNITS = {
    "clean prose": None,
    "a term every 8 chars": "Zorvakel ",
    "ordinary word every 14": "Projekt Nebel ",
    "ordinary sense, no leak": "bei Nebel und Regen ",
    "disguised terms": "Das Projekt Z0rv4k3l und Quar\u200bnix, NHD-50771. ",
    "masked words": "Z*rv*kel und Qu*rn*x ",
}


def long_replies(sizes: Sequence[int]) -> None:
    """Seconds of one `scan` of long replies: the cost must grow linearly with the length."""
    terms = [{"term": "Zorvakel", "kind": "codename"}, {"term": "Quarnix", "kind": "codename"}]
    terms += [{"term": "Nebel", "kind": "codename"}, {"pattern": r"NHD-\d{4,6}", "kind": "ticket_id"}]
    settings = Settings.model_validate({"terms": terms})
    ctx = BuildContext(ProductLine.model_validate({"id": "bench"}), Path("."), Path("bench.yaml"), "bench")
    validator = build(settings, ctx)
    prose = " ".join(clean_replies(max(sizes) // 1_900 + 1, random.Random(3)))
    print("reply                      " + "".join(f"{size:>12,} chars" for size in sizes) + "   leaks")
    for name, unit in LONG_UNITS.items():
        row, leaks = [], 0
        for size in sizes:
            text = prose[:size] if unit is None else (unit * (size // len(unit) + 1))[:size]
            start = time.perf_counter()
            leaks = len(validator.scan(text))
            row.append(time.perf_counter() - start)
        print(f"{name:26} " + "".join(f"{seconds:16.2f} s" for seconds in row) + f"   {leaks}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="trade-secret validator speed")
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds")
    parser.add_argument("--long-only", action="store_true", help="only the long replies")
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}")
    long_replies((8_000, 80_000) if args.quick else (80_000, 1_000_000))
    if args.long_only:
        return 0
    sizes = (10, 1_000) if args.quick else (10, 1_000, 100_000)
    repeat = 60 if args.quick else 400
    rng = random.Random(7)
    print("shape   terms  load_txt_s  load_txt_MB  load_yaml_s  load_yaml_MB  clean_us  disguised_us  ban/ours  naive/ours")  # noqa: E501
    for shape in SHAPES:
        clean_times = []
        for count in sizes:
            terms = make_terms(count, rng, shape)
            validator, _ = compile_terms(terms)
            secret = rng.choice(terms)
            # Every timed call gets a reply no engine has seen; the peers see the same replies as ours.
            name = f"{shape}:{count}"
            clean = ReplyPool(f"{name}:clean", clean_replies(repeat, rng))
            disguised = ReplyPool(
                f"{name}:disguised",
                [r[:1000] + " " + secret[:2] + "\u200b" + secret[2:] + " " + r[1000:] for r in clean_replies(50, rng)],
            )
            checks = clean_replies(25, rng)  # the untimed sanity checks use replies of their own
            assert not any(validator.scan(r) for r in checks[:20]), "the clean replies must pass"
            assert all(validator.scan(d[:1000] + " " + secret + " " + d[1000:]) for d in checks[20:]), "a term is found"
            txt_s, txt_mb = load_end_to_end(terms, "txt")
            yaml_s, yaml_mb = load_end_to_end(terms, "yaml") if count <= 100_000 else (float("nan"), float("nan"))
            ban_pool, naive_pool = clean.fork(f"{name}:ban_list"), clean.fork(f"{name}:naive")
            ours = median_us(validator.scan, clean)
            slow = median_us(validator.scan, disguised)
            peer_calls = max(3, repeat // (1 + count // 1_000))
            ban = median_us(ban_list_style(terms), ban_pool, peer_calls)
            naive = median_us(naive_loop(terms), naive_pool, peer_calls)
            clean_times.append(ours)
            print(
                f"{shape:6} {count:>7}  {txt_s:10.2f}  {txt_mb:11.0f}  {yaml_s:11.2f}  {yaml_mb:12.0f}"
                f"  {ours:8.1f}  {slow:12.0f}  {ban / ours:8.1f}  {naive / ours:10.1f}"
            )
        spread = max(clean_times) / min(clean_times)
        print(f"{shape}: clean-reply spread across list sizes {spread:.2f}x (goal <= 1.3x)")
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
