"""Audit findings on disk: JSON lines (one flagged reply per line, the JSON of `safe-reply check` plus
where the reply is) or Parquet (one row per finding, flat columns for SQL and dataframes).

Each partition writes its own part file; the coordinator then joins the parts in input order into the
one output file, so the output is the same whatever the number of workers.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safe_reply.decision_json import decision_json

if TYPE_CHECKING:
    import pyarrow as pa

    from safe_reply.audit.sources import Reply
    from safe_reply.types import Context, Decision


class FindingsFormat(StrEnum):
    JSONL = "jsonl"
    PARQUET = "parquet"

    @classmethod
    def for_path(cls, path: Path) -> FindingsFormat:
        return cls.PARQUET if path.suffix.lower() == ".parquet" else cls.JSONL


def flagged_json(source: str, reply: Reply, ctx: Context, decision: Decision) -> dict[str, Any]:
    where = {"source": source, "row": reply.row, "conversation_id": reply.conversation_id, "turn": ctx.turn}
    return where | decision_json(decision)


def _schema() -> pa.Schema:
    import pyarrow as pa

    text, integer = pa.string(), pa.int64()
    return pa.schema(
        [
            ("source", text),
            ("row", integer),
            ("conversation_id", text),
            ("turn", integer),
            ("product_line", text),
            ("policy_hash", text),
            ("action", text),
            ("intended", text),
            ("rule_id", text),
            ("category", text),
            ("span_start", integer),
            ("span_end", integer),
            ("legal_basis", text),
            ("severity", text),
            ("validator", text),
            ("message_de", text),
            ("message_en", text),
            ("details", text),  # JSON object: reviewer context (never the protected term)
        ]
    )


def _finding_rows(source: str, flagged: Sequence[tuple[Reply, Context, Decision]]) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {name: [] for name in _schema().names}
    for reply, ctx, decision in flagged:
        for finding in decision.findings:
            values = (
                source,
                reply.row,
                reply.conversation_id,
                ctx.turn,
                decision.policy_ref.product_line,
                decision.policy_ref.policy_hash,
                decision.action.value,
                decision.intended.value,
                finding.rule_id,
                str(finding.category),
                None if finding.span is None else finding.span.start,
                None if finding.span is None else finding.span.end,
                finding.legal_basis,
                finding.severity.value,
                finding.validator,
                finding.message.de,
                finding.message.en,
                json.dumps(dict(finding.details), ensure_ascii=False, sort_keys=True),
            )
            for column, value in zip(columns.values(), values, strict=True):
                column.append(value)
    return columns


def write_part(
    flagged: Sequence[tuple[Reply, Context, Decision]], source: str, target: Path, fmt: FindingsFormat
) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt is FindingsFormat.JSONL:
        lines = (json.dumps(flagged_json(source, *item), ensure_ascii=False) + "\n" for item in flagged)
        target.write_text("".join(lines), encoding="utf-8")
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(_finding_rows(source, flagged), schema=_schema()), target)


def join_parts(parts: Iterable[Path], out: Path, fmt: FindingsFormat) -> None:
    """The part files, in the order given, as one output file (empty when nothing was flagged)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt is FindingsFormat.JSONL:
        with out.open("wb") as joined:
            for part in parts:
                with part.open("rb") as piece:
                    shutil.copyfileobj(piece, joined)
        return
    import pyarrow.parquet as pq

    with pq.ParquetWriter(out, _schema()) as writer:
        for part in parts:
            writer.write_table(pq.read_table(part, schema=_schema()))
