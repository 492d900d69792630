"""Personal-data check: its cost per reply, on fresh replies (every timed call sees a new text).

    python benchmarks/bench_personal_data.py [--quick]

Replies of 2,000 characters, German and English support text: clean ones without digits, clean ones
full of figures that look like personal data but are not (prices, order and article numbers, delivery
dates, the company's hotline), and dirty ones with an IBAN, a card number, a phone number, an e-mail
and a postal address of another customer. Each timed call gets a reply no earlier call has seen (the
figures in it differ), so nothing is measured warm. Reported: µs per reply, the best of five rounds.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

from stdnum import iban as std_iban
from stdnum import luhn

from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.types import Context
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


def replies(kind: str, count: int, seed: int) -> list[str]:
    """`count` distinct replies of SIZE characters."""
    rng = random.Random(seed)
    made = []
    for index in range(count):
        parts: list[str] = []
        if kind == "dirty":
            parts.append(_fill(DIRTY, rng))
        while sum(map(len, parts)) < SIZE:
            parts.append(WORDS_ONLY if kind == "words" else _fill(FIGURES, rng))
        text = "".join(parts)[: SIZE - 6]
        made.append(f"{text}{index:06d}" if kind != "words" else f"{text}{'x' * 6}"[:SIZE])
    return made


def per_reply(validator: PersonalDataValidator, texts: list[str], rounds: int = 5) -> float:
    """µs per reply, best of `rounds`; every call of a round sees a different text."""
    ctx = Context()
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            validator.detect(text, ctx)
        best = min(best, (time.perf_counter() - start) / len(texts))
    return best * 1e6


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="few replies (CI smoke test)")
    args = parser.parse_args()
    count = 20 if args.quick else 1000
    ctx = BuildContext(ProductLine(id="bench"), ROOT, ROOT / "bench.yaml", "validators.personal_data")
    settings = Settings(allowed=["+49 40 3344 5566", "Hafenstraße 12, 20457 Hamburg"])
    holder: list[PersonalDataValidator] = []
    build_ms = timed(lambda: holder.append(build(settings, ctx)))
    validator = holder[0]
    print(f"build (first):                                         {build_ms:8.1f} ms")
    print(f"build (again):                                         {timed(lambda: build(settings, ctx)):8.1f} ms")
    dirty = replies("dirty", count, seed=3)
    found = {f.details["kind"] for f in validator.detect(dirty[0], Context())}
    assert found == {"iban", "credit_card", "phone", "email", "postal_address"}, found  # the bench measures a real hit
    assert not validator.detect(replies("figures", 1, seed=9)[0], Context())  # ... and a real pass
    for label, kind, seed in (
        ("clean, words only", "words", 1),
        ("clean, prices/order numbers/dates", "figures", 2),
        ("dirty, 5 kinds of personal data", "dirty", 3),
    ):
        texts = replies(kind, count, seed)
        print(f"{label:<36} {SIZE:,} chars: {per_reply(validator, texts):8.1f} µs per reply")


if __name__ == "__main__":
    main()
