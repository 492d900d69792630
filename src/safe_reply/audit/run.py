"""The audit, coordinated: plan partitions, index them, number each conversation's replies, evaluate,
join the findings, sum up. Workers do the reading and the checking; this process only holds the index
(conversation id and turn of every bot reply) and the per-partition counts.
"""

from __future__ import annotations

import functools
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from safe_reply.audit.engines import Engine
from safe_reply.audit.findings import FindingsFormat, join_parts
from safe_reply.audit.sources import AuditError, Columns, Format, plan
from safe_reply.audit.tasks import (
    EvalTask,
    PartIndex,
    PartResult,
    config_digest,
    evaluate_partition,
    index_partition,
)
from safe_reply.audit.turns import number_replies
from safe_reply.errors import UnknownProductLine
from safe_reply.loader import load_policy
from safe_reply.policy import Policy

# progress(stage, advance, total): stage "index" counts partitions, "check" counts replies.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class AuditOptions:
    config: Path
    inputs: tuple[Path, ...]
    out: Path
    columns: Columns = field(default_factory=Columns)
    findings_format: FindingsFormat | None = None  # None: from the output's suffix
    product_line: str | None = None  # for transcripts without a product line column
    record: bool = False  # also record every decision in the policy's live log

    @property
    def format(self) -> FindingsFormat:
        return self.findings_format or FindingsFormat.for_path(self.out)


@dataclass(frozen=True)
class AuditReport:
    replies: int
    files: int
    partitions: int
    actions: Counter[str]  # intended action (what enforce mode does) -> replies
    rules: Counter[tuple[str, str]]  # (rule id, category) -> findings
    flagged_replies: int
    index_seconds: float
    check_seconds: float
    engine: str
    out: Path
    format: FindingsFormat

    @property
    def seconds(self) -> float:
        return self.index_seconds + self.check_seconds

    @property
    def rate(self) -> float:
        return self.replies / self.seconds if self.seconds > 0 else 0.0


def _no_progress(stage: str, advance: int, total: int) -> None:
    return None


def run_audit(options: AuditOptions, engine: Engine, progress: Progress = _no_progress) -> AuditReport:
    # Workers (Dask's in particular) run elsewhere: every path they are handed must be absolute.
    options = replace(
        options,
        config=options.config.resolve(),
        inputs=tuple(path.resolve() for path in options.inputs),
        out=options.out.resolve(),
    )
    policy = load_policy(options.config)  # here first: config errors are reported once, before any work
    digest = config_digest(options.config)
    started = time.perf_counter()
    units = plan(options.inputs)
    progress("index", 0, len(units))
    indexes: list[PartIndex] = []
    for found in engine.map(functools.partial(index_partition, columns=options.columns), units):
        indexes.extend(found)
        progress("index", 1, len(units))
    indexes = _in_input_order(indexes)
    _check_product_lines(policy, indexes, options.product_line)
    ordinals = number_replies([i.conversations for i in indexes], [i.turns for i in indexes])
    index_seconds = time.perf_counter() - started

    started = time.perf_counter()
    total = sum(len(i.conversations) for i in indexes)
    parts_dir = options.out.with_name(options.out.name + ".parts")
    shutil.rmtree(parts_dir, ignore_errors=True)
    tasks = [
        EvalTask(
            index.partition,
            numbers,
            options.columns,
            str(options.config),
            digest,
            options.product_line,
            str(parts_dir),
            options.format,
            options.record,
        )
        for index, numbers in zip(indexes, ordinals, strict=True)
    ]
    progress("check", 0, total)
    results: list[PartResult] = []
    for result in engine.map(evaluate_partition, tasks):
        results.append(result)
        progress("check", result.replies, total)
    results.sort(key=lambda r: r.index)
    join_parts((Path(r.part_file) for r in results if r.part_file), options.out, options.format)
    shutil.rmtree(parts_dir, ignore_errors=True)
    actions: Counter[str] = Counter()
    rules: Counter[tuple[str, str]] = Counter()
    for result in results:
        actions.update(result.actions)
        rules.update(result.rules)
    return AuditReport(
        replies=sum(r.replies for r in results),
        files=len(options.inputs),
        partitions=len(tasks),
        actions=actions,
        rules=rules,
        flagged_replies=sum(r.flagged for r in results),
        index_seconds=index_seconds,
        check_seconds=time.perf_counter() - started,
        engine=engine.description,
        out=options.out,
        format=options.format,
    )


def _in_input_order(indexes: list[PartIndex]) -> list[PartIndex]:
    """Partitions in input order, renumbered, with the row number each one starts at."""
    ordered = sorted(indexes, key=lambda i: (i.partition.index, i.partition.start))
    rows_before: Counter[str] = Counter()
    result = []
    for number, index in enumerate(ordered):
        part = index.partition
        first_row = 1 + rows_before[part.path] if part.format is Format.JSONL else part.first_row
        rows_before[part.path] += index.records
        result.append(replace(index, partition=replace(part, index=number, first_row=first_row)))
    return result


def _check_product_lines(policy: Policy, indexes: list[PartIndex], default: str | None) -> None:
    named = set().union(*(i.product_lines for i in indexes)) if indexes else set()
    for name in sorted(named, key=lambda n: n or ""):
        try:
            policy.select(name or default)
        except UnknownProductLine as exc:
            raise AuditError(
                f"the transcripts name a product line the policy does not know: {exc}. Fix: map the right column "
                "with --map product_line=COLUMN, or pass --product-line for transcripts without one"
            ) from None


# -- the summary --------------------------------------------------------------------------------


def summary_text(report: AuditReport, config: Path) -> str:
    lines = [
        f"safe-reply audit: {report.replies:,} bot replies in {report.files} file(s), {report.partitions} "
        f"partition(s), policy {config}",
        f"engine: {report.engine}; {report.seconds:.1f} s ({report.rate:,.0f} replies/s; indexing "
        f"{report.index_seconds:.1f} s, checking {report.check_seconds:.1f} s)",
        f"findings: {report.out} ({report.format.value}), {report.flagged_replies:,} replies with findings",
        "",
        _table(
            ("what enforce mode does", "replies", "share"),
            [
                (action, f"{count:,}", f"{100 * count / max(report.replies, 1):.1f} %")
                for action, count in sorted(report.actions.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
        ),
        "",
        _table(
            ("rule", "category", "findings"),
            [
                (rule, category, f"{count:,}")
                for (rule, category), count in sorted(report.rules.items(), key=lambda kv: (-kv[1], kv[0]))
            ]
            or [("(none)", "", "0")],
        ),
    ]
    return "\n".join(lines) + "\n"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    numeric = [i > 0 and all(r[i][:1].isdigit() for r in rows) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:
        cells = [cell.rjust(w) if num else cell.ljust(w) for cell, w, num in zip(row, widths, numeric, strict=True)]
        return "  ".join(cells).rstrip()

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *(line(row) for row in rows)])
