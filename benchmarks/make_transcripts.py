"""Generate transcript archives for `safe-reply audit`: customer and bot messages of many conversations.

    python benchmarks/make_transcripts.py OUT.{jsonl,csv,parquet} [--replies 1000000] [--seed 7]

Columns: conversation_id, turn (numbering every message, customer and bot), role (customer /
assistant), text, product_line (ebike / kitchen, the example policy in config/). Every reply is drawn
afresh from sentence pools with random figures: mostly benign help, the AI notice on 95 % of first
replies, and in 8 % of replies an unsupported claim, a false-human claim or a leaked internal name.
Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
from collections.abc import Iterator
from pathlib import Path

NOTICE = {"de": "Hinweis: Sie chatten mit einem KI-Assistenten.", "en": "Note: you are chatting with an AI assistant."}
BENIGN = {
    "de": [
        "Gern helfe ich Ihnen bei Ihrer Bestellung {n} weiter.",
        "Die Lieferung erfolgt in der Regel innerhalb von {d} Werktagen.",
        "Sie können die Rechnung jederzeit in Ihrem Kundenkonto herunterladen.",
        "Bitte prüfen Sie, ob das Ladegerät fest mit der Steckdose verbunden ist.",
        "Im Eco-Modus fahren Sie mit einer Akkuladung bis zu 110 km.",
        "Die Entkalkung dauert etwa {d}0 Minuten und wird im Display angezeigt.",
        "Ihre Rücksendung mit der Nummer {n} ist bei uns eingegangen.",
        "Für die Wartung empfehlen wir einen Termin bei einem Fachhändler in Ihrer Nähe.",
    ],
    "en": [
        "I am happy to help you with order {n}.",
        "Delivery usually takes {d} working days.",
        "You can download the invoice from your customer account at any time.",
        "Please check that the charger is firmly plugged in.",
        "In the Eco mode you ride up to 110 km on one charge (EN 17404 test cycle).",
        "Descaling takes about {d}0 minutes and is shown on the display.",
        "Your return with number {n} has arrived.",
    ],
}
RISKY = {
    "de": [
        "Der Akku hält garantiert {d}0 Jahre.",
        "Mit dem Tour 7 fahren Sie bis zu {d}50 km weit.",
        "Das ist das sicherste E-Bike auf dem Markt.",
        "Unser Zulieferer Tianjin Powercell liefert die Zellen.",
        "Ich bin ein echter Mensch aus dem Service-Team.",
        "Die Lindwurm Tour 8 kommt im Frühjahr.",
    ],
    "en": [
        "The battery is guaranteed to last {d}0 years.",
        "This is the safest e-bike on the market.",
        "Our supplier Tianjin Powercell makes the cells.",
        "I am a real person from the service team.",
    ],
}
QUESTIONS = {"de": "Hallo, ich habe eine Frage zu Bestellung {n}.", "en": "Hi, I have a question about order {n}."}
FIELDS = ("conversation_id", "turn", "role", "text", "product_line")


def messages(replies: int, seed: int) -> Iterator[tuple[str, int, str, str, str]]:
    """(conversation_id, turn, role, text, product_line): customer and bot alternate, 1 to 8 bot replies each.

    Every bot reply is a text no other reply has (a drawn repeat is drawn again), so an audit run never
    checks the same reply twice and nothing it measures can come from a cache.
    """
    rng = random.Random(seed)
    seen: set[bytes] = set()  # 8-byte digests: a million replies cost a few tens of MB
    made, conversation = 0, 0
    while made < replies:
        conversation += 1
        lang = "de" if rng.random() < 0.7 else "en"
        product_line = "ebike" if rng.random() < 0.6 else "kitchen"
        cid = f"conv-{seed}-{conversation:08d}"
        for reply_no in range(1, min(rng.randint(1, 8), replies - made) + 1):
            n, d = rng.randint(100_000, 999_999), rng.randint(2, 9)
            yield cid, 2 * reply_no - 1, "customer", QUESTIONS[lang].format(n=n), product_line
            while True:
                sentences = [rng.choice(BENIGN[lang]).format(n=n, d=d) for _ in range(rng.randint(2, 5))]
                if rng.random() < 0.08:
                    sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(RISKY[lang]).format(d=d))
                if reply_no == 1 and rng.random() < 0.95:
                    sentences.insert(0, NOTICE[lang])
                text = " ".join(sentences)
                digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
                if digest not in seen:
                    seen.add(digest)
                    break
                n, d = rng.randint(100_000, 999_999), rng.randint(2, 9)
            yield cid, 2 * reply_no, "assistant", text, product_line
            made += 1


def write(path: Path, replies: int, seed: int) -> None:
    rows = messages(replies, seed)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema(
            [
                ("conversation_id", pa.string()),
                ("turn", pa.int32()),
                ("role", pa.string()),
                ("text", pa.string()),
                ("product_line", pa.string()),
            ]
        )
        with pq.ParquetWriter(path, schema) as writer:
            while batch := [row for _, row in zip(range(20_000), rows, strict=False)]:
                writer.write_table(pa.Table.from_pylist([dict(zip(FIELDS, r, strict=True)) for r in batch], schema))
    elif suffix == ".csv":
        import csv

        with path.open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(FIELDS)
            out.writerows(rows)
    else:
        import json

        with path.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(dict(zip(FIELDS, row, strict=True)), ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--replies", type=int, default=1_000_000, help="bot replies (customer messages come on top)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    write(args.out, args.replies, args.seed)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {args.replies:,} bot replies, {size:,.0f} MB, {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
