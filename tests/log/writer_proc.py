"""A writing process for the durability tests: writes records, prints each uuid once it is durable.

python writer_proc.py TARGET COUNT   (COUNT 0 = until killed)
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from safe_reply.log import build_record, open_store
from safe_reply.types import Action, Category, Context, Decision, Finding, Message, PolicyRef, Span


def main(target: str, count: int) -> None:
    store = open_store(target)
    made = Decision(
        action=Action.BLOCK,
        findings=(
            Finding(
                "trade_secrets.codename",
                Category.TRADE_SECRET,
                Span(4, 9),
                Message("Codename", "codename"),
                sensitive=True,
            ),
        ),
        original="Das Orion-Projekt",
        delivered="Entschuldigung.",
        policy_ref=PolicyRef("ebike", "h"),
        intended=Action.BLOCK,
    )
    written = 0
    while count == 0 or written < count:
        record = build_record(made, Context(conversation_id="c"), 0.001, b"k", datetime.now(UTC))
        store.write(record)
        print(record.record_uuid, flush=True)  # acknowledged only after write() returned
        written += 1
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
