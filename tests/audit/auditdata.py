"""Transcripts for the audit tests: a few conversations written as JSONL, CSV or Parquet."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
HELLO = "Hallo! Gern helfe ich Ihnen."
NOTICE_HELLO = "Hinweis: Sie chatten mit einem KI-Assistenten. Hallo!"
CLAIM = "Der Akku hält garantiert 10 Jahre."
HUMAN = "Ich bin ein echter Mensch aus dem Service-Team."
FIELDS = ("conversation_id", "turn", "role", "text", "product_line")

# (conversation, turn over all messages, role, text, product line). c1's replies are out of order on
# purpose: its turn-4 reply comes first in the file, so numbering must follow the turn column.
MESSAGES: list[tuple[str, int, str, str, str]] = [
    ("c1", 3, "customer", "Und der Akku?", "ebike"),
    ("c1", 4, "assistant", CLAIM, "ebike"),
    ("c1", 1, "customer", "Hallo", "ebike"),
    ("c1", 2, "assistant", HELLO, "ebike"),
    ("c2", 2, "assistant", NOTICE_HELLO, "ebike"),
    ("c2", 4, "bot", HELLO, "ebike"),
    ("c3", 1, "user", "Sind Sie ein Mensch?", "kitchen"),
    ("c3", 2, "AI", HUMAN, "kitchen"),
]


def write(
    path: Path, messages: list[tuple[str, int, str, str, str]] = MESSAGES, names: tuple[str, ...] = FIELDS
) -> Path:
    rows: list[dict[str, Any]] = [dict(zip(names, message, strict=True)) for message in messages]
    suffix = path.suffix
    if suffix == ".jsonl":
        path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    elif suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, names)
            writer.writeheader()
            writer.writerows(rows)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=3)
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
