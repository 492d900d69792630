"""The SQL of the review: filters, the audit trail, figures over time and per rule, the values the log holds.

`ReviewQueries` is mixed into SqlLogStore (store.py), which supplies the transaction (`_run`); both
backends run the same statements. Kept apart from store.py so the write path the bot depends on stays
small and separately readable.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, TypeVar

from safe_reply.log.records import (
    MECHANICAL_CATEGORIES,
    AuditEntry,
    AuditEvent,
    KnownValues,
    LabelFilter,
    RecordFilter,
    Stats,
    Timeline,
)

T = TypeVar("T")
Execute = Callable[..., Any]


def _exists(table: str, condition: str) -> str:
    return f"EXISTS (SELECT 1 FROM {table} WHERE {table}.record_id = r.id AND {condition})"


_NOT_LABELLED = (
    "NOT EXISTS (SELECT 1 FROM labels WHERE labels.record_id = findings.record_id AND labels.idx = findings.idx)"
)
_UNLABELLED = _exists("findings", _NOT_LABELLED)
# Category names are lower_snake_case identifiers (config_models.CategoryName), so they are safe to inline.
_JUDGED = "findings.category NOT IN ({})".format(", ".join(f"'{c}'" for c in sorted(MECHANICAL_CATEGORIES)))
_UNLABELLED_JUDGED = _exists("findings", f"{_NOT_LABELLED} AND {_JUDGED}")


def where(flt: RecordFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (over records AS r) and its parameters for a filter."""
    clauses: list[str] = []
    params: list[Any] = []
    simple = (
        ("r.created_at >= ?", flt.since),
        ("r.created_at < ?", flt.until),
        ("r.product_line = ?", flt.product_line),
        ("r.action = ?", flt.action),
        (_exists("findings", "findings.category = ?"), flt.category),
        (_exists("findings", "findings.rule_id = ?"), flt.rule),
    )
    for clause, value in simple:
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if flt.label is LabelFilter.UNLABELLED:
        clauses.append(_UNLABELLED if flt.mechanical else _UNLABELLED_JUDGED)
    elif flt.label is not None:
        clauses.append(_exists("labels", "labels.label = ?"))
        params.append(flt.label.value)
    if not flt.mechanical:
        clauses.append(_exists("findings", _JUDGED))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


class ReviewQueries(ABC):
    """Audit trail, timeline and known values over the log's tables (see the module docstring)."""

    @abstractmethod
    def _run(self, work: Callable[[Execute], T]) -> T:
        """Run `work(execute)` in one transaction."""

    # -- audit trail --------------------------------------------------------------------------

    @staticmethod
    def _audit(execute: Execute, entry: AuditEntry) -> None:
        execute(
            "INSERT INTO audit_events (record_id, idx, event, value, previous, note, previous_note, reviewer, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.record_id,
                entry.finding,
                entry.event.value,
                entry.value,
                entry.previous,
                entry.note,
                entry.previous_note,
                entry.reviewer,
                entry.at,
            ),
        )

    def record_event(self, entry: AuditEntry) -> None:
        """Add one event (a reveal, a denied reveal, a proposal) to the audit trail."""
        self._run(lambda execute: self._audit(execute, entry))

    def history(self, record_id: int) -> list[AuditEntry]:
        """The record's audit trail, oldest first."""
        rows = self._run(
            lambda execute: execute(
                "SELECT record_id, event, at, reviewer, idx, value, previous, note, previous_note FROM audit_events "
                "WHERE record_id = ? ORDER BY at, id",
                (record_id,),
            ).fetchall()
        )
        return [
            AuditEntry(
                int(rid), AuditEvent(event), str(at), reviewer, None if idx is None else int(idx), value, prev, note,
                prev_note,
            )
            for rid, event, at, reviewer, idx, value, prev, note, prev_note in rows
        ]  # fmt: skip

    # -- figures over time --------------------------------------------------------------------

    def timeline(self, flt: RecordFilter) -> Timeline:
        """Records per day and intended action, passes per day, labels per day and rule."""
        clause, params = where(flt)
        day = "SUBSTR(r.created_at, 1, 10)"

        def work(execute: Execute) -> Timeline:
            records = execute(
                f"SELECT {day}, r.intended, COUNT(*) FROM records r{clause} GROUP BY {day}, r.intended "
                f"ORDER BY {day}, r.intended",
                params,
            ).fetchall()
            pass_sql, pass_params = ["action = 'pass'"], []
            for sql, value in (
                ("day >= ?", flt.since[:10] if flt.since else None),
                ("day < ?", flt.until[:10] if flt.until else None),
                ("product_line = ?", flt.product_line),
            ):
                if value is not None:
                    pass_sql.append(sql)
                    pass_params.append(value)
            passes = execute(
                f"SELECT day, SUM(count) FROM counters WHERE {' AND '.join(pass_sql)} GROUP BY day ORDER BY day",
                pass_params,
            ).fetchall()
            labels = execute(
                f"SELECT {day}, f.rule_id, SUM(CASE WHEN l.label = 'confirmed' THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN l.label = 'false_positive' THEN 1 ELSE 0 END) FROM records r "
                f"JOIN findings f ON f.record_id = r.id JOIN labels l ON l.record_id = f.record_id AND l.idx = f.idx"
                f"{clause} GROUP BY {day}, f.rule_id ORDER BY {day}, f.rule_id",
                params,
            ).fetchall()
            return Timeline(
                records_by_day=tuple((str(d), str(a), int(n)) for d, a, n in records),
                passes_by_day=tuple((str(d), int(n)) for d, n in passes),
                labels_by_day_rule=tuple((str(d), str(r), int(c), int(fp)) for d, r, c, fp in labels),
            )

        return self._run(work)

    def known_values(self) -> KnownValues:
        """Every product line, rule, category and action the log holds (for did-you-mean)."""

        def work(execute: Execute) -> KnownValues:
            def column(sql: str) -> frozenset[str]:
                return frozenset(str(row[0]) for row in execute(sql).fetchall())

            return KnownValues(
                product_lines=column("SELECT DISTINCT product_line FROM records"),
                rules=column("SELECT DISTINCT rule_id FROM findings"),
                categories=column("SELECT DISTINCT category FROM findings"),
                actions=column("SELECT DISTINCT action FROM records"),
            )

        return self._run(work)

    # -- retention of the encrypted originals -------------------------------------------------

    def purge_sealed(self, before: str) -> int:
        """Drop the encrypted originals of records made before `before` (the records stay, masked)."""
        return int(
            self._run(
                lambda execute: (
                    execute(
                        "UPDATE records SET original_sealed = NULL "
                        "WHERE created_at < ? AND original_sealed IS NOT NULL",
                        (before,),
                    ).rowcount
                )
            )
        )

    # -- figures for the dashboard and `safe-reply log stats` ---------------------------------

    def stats(self, flt: RecordFilter) -> Stats:
        clause, params = where(flt)

        def grouped(execute: Execute, key: str, join: str = "") -> tuple[tuple[str, int], ...]:
            rows = execute(
                f"SELECT {key}, COUNT(DISTINCT r.id) FROM records r{join}{clause} GROUP BY {key} ORDER BY {key}",
                params,
            ).fetchall()
            return tuple((str(k), int(n)) for k, n in rows)

        def work(execute: Execute) -> Stats:
            joined = " JOIN findings f ON f.record_id = r.id"
            pass_clauses, pass_params = [], []
            for sql, value in (
                ("day >= ?", flt.since[:10] if flt.since else None),
                ("day < ?", flt.until[:10] if flt.until else None),
                ("product_line = ?", flt.product_line),
            ):
                if value is not None:
                    pass_clauses.append(sql)
                    pass_params.append(value)
            pass_where = " AND ".join(["action = 'pass'", *pass_clauses])
            passes = execute(
                f"SELECT product_line, SUM(count) FROM counters WHERE {pass_where} "
                "GROUP BY product_line ORDER BY product_line",
                pass_params,
            ).fetchall()
            labelled = execute(
                "SELECT f.rule_id, SUM(CASE WHEN l.label = 'confirmed' THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN l.label = 'false_positive' THEN 1 ELSE 0 END) FROM records r"
                f"{joined} JOIN labels l ON l.record_id = f.record_id AND l.idx = f.idx{clause} "
                "GROUP BY f.rule_id ORDER BY f.rule_id",
                params,
            ).fetchall()
            return Stats(
                by_category=grouped(execute, "f.category", joined),
                by_rule=grouped(execute, "f.rule_id", joined),
                by_product_line=grouped(execute, "r.product_line"),
                by_day=grouped(execute, "SUBSTR(r.created_at, 1, 10)"),
                by_action=grouped(execute, "r.action"),
                by_product_line_intended=tuple(
                    (str(line), str(intended), int(n))
                    for line, intended, n in execute(
                        f"SELECT r.product_line, r.intended, COUNT(*) FROM records r{clause} "
                        "GROUP BY r.product_line, r.intended ORDER BY r.product_line, r.intended",
                        params,
                    ).fetchall()
                ),
                passes_by_product_line=tuple((str(k), int(n)) for k, n in passes),
                labels_by_rule=tuple((str(rule), int(c), int(fp)) for rule, c, fp in labelled),
            )

        return self._run(work)
