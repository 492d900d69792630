"""Plain-text views of the log for the review CLI: tables, CSV, JSON lines, one record, statistics.

Everything here returns strings (no terminal I/O), so the CLI tests can assert exact rows. Texts
shown are the stored, masked ones: a protected term can never appear here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from safe_reply.log.records import (
    TIME_FORMAT,
    AuditEntry,
    AuditEvent,
    FindingRecord,
    Label,
    Stats,
    StoredRecord,
    format_time,
)

HIGHLIGHT_OPEN = "»"
CSV_COLUMNS = (
    "id", "created_at", "product_line", "action", "intended", "categories", "rules", "labels",
    "conversation_hash", "original_masked", "delivered_masked",
)  # fmt: skip
TABLE_COLUMNS = ("ID", "TIME (UTC)", "PRODUCT LINE", "ACTION", "RULES", "LABELS")
BLOCKING = ("block", "raise")


def parse_when(text: str, now: datetime | None = None) -> str:
    """`7d`, `12h`, `2w` (ago), `2025-03-01` (midnight UTC) or an ISO time -> TIME_FORMAT."""
    now = now or datetime.now(UTC)
    units = {"d": "days", "h": "hours", "w": "weeks", "m": "minutes"}
    if text[-1:] in units and text[:-1].isdigit():
        return format_time(now - timedelta(**{units[text[-1]]: int(text[:-1])}))
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"cannot read the time {text!r}. Fix: use e.g. 7d, 12h, 2w, 2025-03-01 or 2025-03-01T09:30"
        ) from None
    return format_time(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def short_time(created_at: str) -> str:
    return datetime.strptime(created_at, TIME_FORMAT).strftime("%Y-%m-%d %H:%M")


def second_time(at: str) -> str:
    return datetime.strptime(at, TIME_FORMAT).strftime("%Y-%m-%d %H:%M:%S")


HISTORY_COLUMNS = ("TIME (UTC)", "REVIEWER", "EVENT", "FINDING", "VALUE", "PREVIOUS", "NOTE")


def history_text(stored: StoredRecord, entries: Sequence[AuditEntry]) -> str:
    """`log history`: who labelled, revealed or proposed what and when, with the value a label replaced."""
    rules = {i: f.rule_id for i, f in enumerate(stored.record.findings)}
    rows = [
        (
            second_time(e.at),
            e.reviewer or "(unknown)",
            e.event.value,
            "-" if e.finding is None else f"{e.finding + 1} {rules.get(e.finding, '')}".rstrip(),
            e.value or "-",
            (e.previous or "-") + (f" ({e.previous_note})" if e.previous_note and e.event is AuditEvent.LABEL else ""),
            e.note or "",
        )
        for e in entries
    ]
    title = f"Record {stored.id}  {short_time(stored.record.created_at)} UTC  product line {stored.record.product_line}"
    if not rows:
        return f"{title}\nno labels, reveals or proposals yet"
    return f"{title}\n{table(rows, HISTORY_COLUMNS)}"


def _unique(values: Iterable[str]) -> str:
    return ",".join(dict.fromkeys(values))


def label_summary(stored: StoredRecord) -> str:
    """'-' unlabelled, else each finding's label in order ('confirmed,-' = 2nd unlabelled)."""
    if not stored.labels:
        return "-"
    return ",".join(
        stored.labels[i].label.value if i in stored.labels else "-" for i in range(len(stored.record.findings))
    )


def table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    """Left-aligned columns separated by two spaces; no wrapping, no trailing blanks."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in [header, *rows]
    ]
    return "\n".join(lines)


def records_table(records: Sequence[StoredRecord]) -> str:
    rows = [
        (
            str(s.id),
            short_time(s.record.created_at),
            s.record.product_line,
            s.record.action if s.record.action == s.record.intended else f"{s.record.action}({s.record.intended})",
            _unique(f.rule_id for f in s.record.findings),
            label_summary(s),
        )
        for s in records
    ]
    return table(rows, TABLE_COLUMNS)


def jsonl(records: Iterable[StoredRecord]) -> Iterable[str]:
    for stored in records:
        yield json.dumps(stored.to_json(), ensure_ascii=False, sort_keys=True)


def csv_lines(records: Iterable[StoredRecord]) -> Iterable[str]:
    def line(values: Sequence[object]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(values)
        return buffer.getvalue()

    yield line(CSV_COLUMNS)
    for s in records:
        r = s.record
        yield line(
            (
                s.id,
                r.created_at,
                r.product_line,
                r.action,
                r.intended,
                _unique(f.category for f in r.findings),
                _unique(f.rule_id for f in r.findings),
                label_summary(s),
                r.conversation_hash or "",
                r.original_masked,
                r.delivered_masked,
            )
        )


def highlight(text: str, findings: Sequence[FindingRecord], only: int | None = None) -> str:
    """The text with each finding's span wrapped as »…«[n] (n = finding number, from 1)."""
    events: list[tuple[int, int, str]] = []  # (position, 0 = close first, marker)
    for number, f in enumerate(findings, start=1):
        if f.start is None or f.end is None or (only is not None and number - 1 != only):
            continue
        events.append((f.start, 1, HIGHLIGHT_OPEN))
        events.append((f.end, 0, f"«[{number}]"))
    parts, cursor = [], 0
    for position, _, marker in sorted(events, key=lambda e: (e[0], e[1])):
        parts.append(text[cursor:position])
        parts.append(marker)
        cursor = position
    parts.append(text[cursor:])
    return "".join(parts)


def show(stored: StoredRecord, only: int | None = None) -> str:
    """One record for a reviewer: the masked reply with flagged spans marked, findings, delivered text."""
    r = stored.record
    intended = "" if r.intended == r.action else f" (enforce mode: {r.intended})"
    lines = [
        f"Record {stored.id}  {short_time(r.created_at)} UTC  product line {r.product_line}  policy {r.policy_hash}",
        f"Action: {r.action}{intended}  latency {r.latency_ms:.1f} ms  language {r.language or '-'}"
        f"  conversation {r.conversation_hash or '-'}  turn {r.turn if r.turn is not None else '-'}",
        "",
        "Reply (protected terms masked):",
        f"  {highlight(r.original_masked, r.findings, only)}",
        "",
        "Findings:",
    ]
    for index, f in enumerate(r.findings):
        if only is not None and index != only:
            continue
        where = "no span (something missing)" if f.start is None else f"span {f.start}-{f.end}"
        flagged = "" if f.start is None or f.end is None else f' "{r.original_masked[f.start : f.end]}"'
        lines.append(f"  [{index + 1}] {f.rule_id}  {f.category}, {f.severity}, {where}{flagged}")
        lines.append(f"      legal basis: {f.legal_basis or '-'}")
        lines.append(f"      {f.message}")
        label = stored.labels.get(index)
        if label is not None:
            note = f" ({label.note})" if label.note else ""
            lines.append(f"      label: {label.label.value}{note}")
    lines += ["", "Delivered:", f"  {r.delivered_masked}"]
    return "\n".join(lines)


def _percent(part: int, whole: int) -> str:
    return "-" if whole == 0 else f"{100.0 * part / whole:.1f}%"


def stats_text(stats: Stats, false_positives: Sequence[StoredRecord]) -> str:
    total = sum(n for _, n in stats.by_action)
    passes = dict(stats.passes_by_product_line)
    out = [f"Records: {total} ({', '.join(f'{a} {n}' for a, n in stats.by_action) or 'none'})", ""]
    lines = sorted({line for line, _, _ in stats.by_product_line_intended} | set(passes))
    rows = []
    for line in lines:
        recorded = sum(n for p, _, n in stats.by_product_line_intended if p == line)
        blocked = sum(n for p, a, n in stats.by_product_line_intended if p == line and a in BLOCKING)
        seen = recorded + passes.get(line, 0)
        rows.append((line, str(recorded), str(blocked), str(passes.get(line, 0)), _percent(blocked, seen)))
    out += ["By product line:", table(rows, ("PRODUCT LINE", "RECORDS", "BLOCKED", "PASSES", "BLOCK RATE")), ""]
    for title, pairs, column in (
        ("By category:", stats.by_category, "CATEGORY"),
        ("By rule:", stats.by_rule, "RULE"),
        ("By day:", stats.by_day, "DAY"),
    ):
        out += [title, table([(k, str(n)) for k, n in pairs], (column, "RECORDS")), ""]
    precision = [(rule, str(c), str(fp), _percent(c, c + fp)) for rule, c, fp in stats.labels_by_rule]
    out += ["Precision per rule (from labels):", table(precision, ("RULE", "CONFIRMED", "FALSE POS.", "PRECISION"))]
    hints = suggestions(false_positives)
    if hints:
        out += ["", "Suggestions from false positives:", *(f"  {hint}" for hint in hints)]
    out.append("")
    out.append("Passes are counted in memory and flushed in batches: they may lag; records never do.")
    return "\n".join(out)


def suggestions(records: Sequence[StoredRecord]) -> list[str]:
    """What to add to the policy so the false positives stop (one line per distinct text and rule)."""
    hints: dict[str, None] = {}
    for stored in records:
        r = stored.record
        for index, f in enumerate(r.findings):
            label = stored.labels.get(index)
            if label is None or label.label is not Label.FALSE_POSITIVE:
                continue
            flagged = "" if f.start is None or f.end is None else r.original_masked[f.start : f.end]
            if f.category == "trade_secret":
                term = f.details.get("term_hash", "?")
                hints[
                    f"{f.rule_id}: term {f.details.get('kind', 'term')}:{term} is not secret: add it to "
                    f"validators.trade_secrets allowed terms of product line {r.product_line}"
                ] = None
            elif f.category == "unsupported_claim" and flagged:
                hints[
                    f'{f.rule_id}: "{flagged}" is true: add it to approved_claims in '
                    f"product_lines/{r.product_line}.yaml"
                ] = None
            else:
                hints[f"{f.rule_id}: false positive in record {stored.id}: review the rule's pattern"] = None
    return list(hints)
