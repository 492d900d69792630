"""What runs on a worker (a process of the local pool or of a Dask cluster): indexing and evaluating
one partition. Everything here is a plain function of picklable values.

The policy is loaded once per worker process and kept (keyed by config folder and a digest of its
files), so a worker that evaluates a hundred partitions compiles the automata once.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from safe_reply.audit.findings import FindingsFormat, write_part
from safe_reply.audit.sources import (
    CSV_CHUNK_RECORDS,
    Columns,
    Format,
    Partition,
    Reply,
    count_records,
    csv_header,
    csv_scan,
    read_partition,
    reply_of,
    require_columns,
)
from safe_reply.audit.turns import UNKNOWN, Ordinals
from safe_reply.errors import SafeReplyError
from safe_reply.loader import load_policy
from safe_reply.policy import Policy
from safe_reply.types import Action, Context, Decision

_POLICIES: dict[tuple[str, str], Policy] = {}
_POLICIES_LOCK = threading.Lock()


def config_digest(config_dir: Path) -> str:
    """A digest of every file in the config folder: a changed policy is loaded afresh by each worker."""
    digest = hashlib.sha256()
    for file in sorted(p for p in config_dir.rglob("*") if p.is_file()):
        digest.update(str(file.relative_to(config_dir)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def worker_policy(config_dir: str, digest: str) -> Policy:
    with _POLICIES_LOCK:
        key = (config_dir, digest)
        if key not in _POLICIES:
            _POLICIES[key] = load_policy(config_dir)
        return _POLICIES[key]


# -- indexing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartIndex:
    """What the coordinator needs of one partition before evaluation starts."""

    partition: Partition
    records: int  # every record (every role), for the row numbers of the next partitions
    conversations: list[str | None]
    turns: list[int | None]
    product_lines: frozenset[str | None]


def index_partition(part: Partition, columns: Columns) -> list[PartIndex]:
    """Index one partition; a whole CSV file comes back split into partitions at record ends."""
    if part.format is Format.CSV:
        return _index_csv(part, columns)
    replies = list(read_partition(part, columns))
    records = count_records(part) if part.format is Format.JSONL else _parquet_rows(part)
    return [_part_index(part, records, replies)]


def _parquet_rows(part: Partition) -> int:
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(part.path).metadata
    return sum(meta.row_group(group).num_rows for group in range(part.start, part.stop))


def _part_index(part: Partition, records: int, replies: list[Reply]) -> PartIndex:
    return PartIndex(
        part,
        records,
        [r.conversation_id for r in replies],
        [r.turn for r in replies],
        frozenset(r.product_line for r in replies),
    )


def _index_csv(unit: Partition, columns: Columns) -> list[PartIndex]:
    header = csv_header(unit.path)
    require_columns(set(header), columns, unit.path)
    indexes: list[PartIndex] = []
    replies: list[Reply] = []
    begin, first_row, records = 0, 1, 0
    for start, end, number, record in csv_scan(unit.path):
        if records == 0:
            begin, first_row = start, number
        reply = reply_of(record, columns, unit.path, number)
        if reply is not None:
            replies.append(reply)
        records += 1
        if records == CSV_CHUNK_RECORDS:
            indexes.append(
                _part_index(
                    Partition(unit.index, unit.path, Format.CSV, begin, end, first_row, header), records, replies
                )
            )
            replies, records = [], 0
    if records:
        indexes.append(
            _part_index(Partition(unit.index, unit.path, Format.CSV, begin, end, first_row, header), records, replies)
        )
    return indexes


# -- evaluating --------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvalTask:
    partition: Partition
    ordinals: Ordinals  # per bot reply of the partition, in order: its number in its conversation
    columns: Columns
    config_dir: str
    config_digest: str
    default_product_line: str | None
    parts_dir: str  # where this partition's findings are written
    findings_format: FindingsFormat
    record: bool  # also record every decision in the policy's live log (off unless asked)


@dataclass(frozen=True)
class PartResult:
    index: int
    replies: int
    actions: Counter[str] = field(default_factory=Counter)  # by intended action (what enforce mode does)
    rules: Counter[tuple[str, str]] = field(default_factory=Counter)  # (rule id, category) -> findings
    flagged: int = 0  # replies with at least one finding
    part_file: str | None = None
    seconds: float = 0.0


def evaluate_partition(task: EvalTask) -> PartResult:
    started = time.perf_counter()
    policy = worker_policy(task.config_dir, task.config_digest)
    recorder = None
    if task.record:
        from safe_reply.log import open_recorder

        recorder = open_recorder(policy.log)
    flagged: list[tuple[Reply, Context, Decision]] = []
    actions: Counter[str] = Counter()
    rules: Counter[tuple[str, str]] = Counter()
    checked = 0
    try:
        for reply, ordinal in zip(read_partition(task.partition, task.columns), task.ordinals.tolist(), strict=False):
            checked += 1
            ctx = Context(
                reply.product_line or task.default_product_line,
                reply.conversation_id,
                None if ordinal == UNKNOWN else ordinal,
                None,
                reply.channel,
            )
            began = time.perf_counter()
            decision = policy.evaluate(reply.text, ctx)
            if recorder is not None:
                recorder.on_decision(decision, ctx, time.perf_counter() - began)
            actions[decision.intended.value] += 1
            if decision.findings:
                flagged.append((reply, ctx, decision))
                rules.update((f.rule_id, str(f.category)) for f in decision.findings)
    finally:
        if recorder is not None:
            recorder.close()
    if checked != len(task.ordinals):
        raise SafeReplyError(
            f"{task.partition.path}: the file changed while the audit ran ({checked} bot replies in a part that "
            f"had {len(task.ordinals)} when indexed). Fix: audit a copy nobody writes to"
        )
    part_file = None
    if flagged:
        target = Path(task.parts_dir) / f"part-{task.partition.index:06d}.{task.findings_format.value}"
        write_part(flagged, task.partition.path, target, task.findings_format)
        part_file = str(target)
    return PartResult(
        task.partition.index,
        sum(actions.values()),
        actions,
        rules,
        len(flagged),
        part_file,
        time.perf_counter() - started,
    )


BLOCKED = frozenset({Action.BLOCK.value, Action.RAISE.value})
