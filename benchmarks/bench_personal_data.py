"""Personal-data check: its cost per reply, on fresh replies (every timed call sees a new text).

    python benchmarks/bench_personal_data.py [--quick]

Replies of 2,000 characters, German and English support text: clean ones without digits, clean ones
full of figures that look like personal data but are not (prices, order and article numbers, delivery
dates, parcel numbers, the company's toll-free hotline), and dirty ones with an IBAN, a card number, a
phone number, an e-mail and a postal address of another customer. Every timed call gets a reply no
earlier call has seen: its figures are drawn at random (the dirty ones carry a new IBAN, card, phone
number, e-mail and house number each) and a pool is never reused, so nothing is measured warm. What
does recur is what recurs in production: the company's hotline, whose libphonenumber reading the
validator remembers after its second sighting. A reply is cut at a word, so no figure is glued to the
next. Reported per reply: the median and the 99th percentile of the wall-clock time, and the 99th
percentile of the thread's CPU time, measured on a second fresh pool (on a busy machine the wall-clock
tail is the scheduler's: a call that loses the CPU waits a time slice). The language is detected from
each reply (`Context()`), as in production without a language hint, and, for the dirty replies, also
given by the caller (`Context(language=...)`): language detection (safe_reply.lang) is shared by every
check.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from stdnum import iban as std_iban
from stdnum import luhn

from pool import ReplyPool
from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.types import Context, Language
from safe_reply.validators.personal_data import Settings, build
from safe_reply.validators.personal_data.validator import PersonalDataValidator

ROOT = Path(__file__).resolve().parent.parent
SIZE = 2000
WORDS_ONLY = (
    "Vielen Dank für Ihre Nachricht! Gern helfe ich Ihnen weiter. Das Trekkingrad eignet sich gut für lange "
    "Touren, der Motor unterstützt sanft und der Akku lässt sich bequem in der Wohnung laden. Bei Fragen zur "
    "Garantie wenden Sie sich bitte an unser Serviceteam. Thank you for your message, we are happy to help. "
)
FIGURES = (
    "Ihre Bestellung {order} vom {day:02d}.05.2025 wird am {day2:02d}.06.2025 geliefert. Der Preis beträgt "
    "{euro}.299,00 € inkl. 19 % MwSt.; Artikelnummer {article}, Modell KF-{model}. Unsere kostenlose Hotline "
    "0800 123 4567 ist von 08:00 bis 20:00 Uhr erreichbar. Your order {order} ships within 24 hours, "
    "tracking number 0034043416{tracking}. The 625 Wh battery charges in 4.5 hours. "
)
DIRTY = (
    "Die Erstattung für Herrn Krause ging an {iban}. Die Karte {card} wurde belastet. Sie erreichen ihn unter "
    "0171 {phone} oder k.{mail}@web.de, Lieferadresse Lindenstraße {house}, 50674 Köln. "
)
SEEDS = {"words": 1, "figures": 2, "dirty": 3}  # pool name -> seed


def _iban(rng: random.Random) -> str:
    bban = "".join(rng.choice("0123456789") for _ in range(18))
    check = 98 - int("".join(str(int(c, 36)) for c in bban + "DE00")) % 97
    return std_iban.format(f"DE{check:02d}{bban}")


def _card(rng: random.Random) -> str:
    body = "4" + "".join(rng.choice("0123456789") for _ in range(14))
    number = body + luhn.calc_check_digit(body)
    return " ".join(number[i : i + 4] for i in range(0, 16, 4))


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        order=rng.randrange(10**7, 10**8),
        day=rng.randrange(1, 29),
        day2=rng.randrange(1, 29),
        euro=rng.randrange(1, 10),
        article=rng.randrange(10**8, 10**9),
        model=rng.randrange(100, 10000),
        tracking=rng.randrange(10**9, 10**10),
        iban=_iban(rng),
        card=_card(rng),
        phone=rng.randrange(10**6, 10**7),
        mail=rng.randrange(10**3, 10**4),
        house=rng.randrange(1, 200),
    )


def _tag(index: int) -> str:
    """A reply number in letters: a digit would be one more figure for the check to judge."""
    letters = ""
    while True:
        index, rest = divmod(index, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[rest]
        if not index:
            return f"(Vorgang {letters})"


def replies(kind: str, count: int, seed: int) -> list[str]:
    """`count` distinct replies of SIZE characters (words-only replies differ by their tag alone)."""
    rng = random.Random(seed)
    made = []
    for index in range(count):
        parts: list[str] = [_fill(DIRTY, rng)] if kind == "dirty" else []
        while sum(map(len, parts)) < SIZE:
            parts.append(WORDS_ONLY if kind == "words" else _fill(FIGURES, rng))
        tag = _tag(index)
        text = "".join(parts)
        cut = text.rindex(" ", 0, SIZE - len(tag))
        made.append(f"{text[:cut]} {tag}".ljust(SIZE))
    if len(set(made)) != count:
        raise AssertionError(f"the {kind} pool repeats a reply: a benchmark must never time a reply twice")
    return made


def per_reply(validator: PersonalDataValidator, pool: ReplyPool, ctx: Context, clock: Callable[[], int]) -> list[float]:
    """µs per reply by `clock`, sorted; each text of the pool is checked exactly once."""
    times = []
    for text in (pool.draw() for _ in range(pool.left)):
        start = clock()
        validator.detect(text, ctx)
        times.append((clock() - start) / 1e3)
    return sorted(times)


def p99(times: list[float]) -> float:
    return times[min(len(times) - 1, int(len(times) * 0.99))]


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1e3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="few replies (CI smoke test)")
    args = parser.parse_args(argv)
    count = 40 if args.quick else 3000
    ctx = BuildContext(ProductLine(id="bench"), ROOT, ROOT / "bench.yaml", "validators.personal_data")
    settings = Settings(allowed=["+49 40 3344 5566", "Hafenstraße 12, 20457 Hamburg"])
    holder: list[PersonalDataValidator] = []
    build_ms = timed(lambda: holder.append(build(settings, ctx)))
    validator = holder[0]
    print(f"build (first):                                          {build_ms:8.1f} ms")
    print(f"build (again):                                          {timed(lambda: build(settings, ctx)):8.1f} ms")
    # The bench measures a real hit and a real pass (replies of another seed: the timed pools stay fresh).
    found = {f.details["kind"] for f in validator.detect(replies("dirty", 1, seed=99)[0], Context())}
    assert found == {"iban", "credit_card", "phone", "email", "postal_address"}, found
    assert not validator.detect(replies("figures", 1, seed=98)[0], Context())
    print(f"fresh {SIZE:,}-character replies, {count:,} per row     median µs    p99 µs  p99 CPU µs")
    for label, kind, language in (
        ("clean, words only", "words", None),
        ("clean, prices/order numbers/dates", "figures", None),
        ("dirty, 5 kinds of personal data", "dirty", None),
        ("dirty, language given by the caller", "dirty", Language.DE),
    ):
        seed = SEEDS[kind] + (10 if language else 0)
        ctx = Context(language=language)
        name = f"bench_personal_data:{kind}{':' + language.value if language else ''}"
        wall = per_reply(validator, ReplyPool(f"{name}:wall", replies(kind, count, seed)), ctx, time.perf_counter_ns)
        cpu = per_reply(validator, ReplyPool(f"{name}:cpu", replies(kind, count, seed + 100)), ctx, time.thread_time_ns)
        print(f"{label:<43} {statistics.median(wall):10.1f} {p99(wall):9.1f} {p99(cpu):11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
