"""The LogStore interface and the SQL shared by both backends (SQLite and PostgreSQL).

Every method is one transaction. `write` returns only after the record is durable (committed with
synchronous commit), which is what lets the recorder release a reply afterwards. Writing is
idempotent on `record_uuid` (INSERT ... ON CONFLICT DO NOTHING), so a spool replay after an outage
stores each record exactly once.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, TypeVar, runtime_checkable

from safe_reply.log.erasure import NOT_ERASED, Erasure
from safe_reply.log.failures import RecordRejected, StoreUnavailable, UnknownFinding, UnknownRecord
from safe_reply.log.queries import ReviewQueries, where
from safe_reply.log.records import (
    AuditEntry,
    AuditEvent,
    FindingLabel,
    FindingRecord,
    Label,
    LogRecord,
    RecordFilter,
    Stats,
    StoredRecord,
    now_text,
)
from safe_reply.log.schema import MIGRATIONS, MIGRATIONS_TABLE

__all__ = [  # the failures live in failures.py; importing them from here keeps working
    "CountKey",
    "LogStore",
    "RecordRejected",
    "SqlLogStore",
    "StoreUnavailable",
    "UnknownFinding",
    "UnknownRecord",
]

T = TypeVar("T")
CountKey = tuple[str, str, str]  # (day, product line, action)


@runtime_checkable
class LogStore(Protocol):
    """Where records, labels, pass counts and conversation turns live."""

    def write(self, record: LogRecord) -> bool:
        """Store durably; False when a record with the same uuid was already stored."""
        ...

    def write_many(self, records: Sequence[LogRecord]) -> int:
        """Store several in one transaction; returns how many were new."""
        ...

    def add_counts(self, counts: Mapping[CountKey, int], turns: Mapping[str, int] | None = None) -> None:
        """Add pass counts and replies per conversation hash (what the recorder batches), in one transaction."""
        ...

    def replies(self, conversation_hash: str) -> int:
        """Bot replies of the conversation counted in the store so far (0 when none); reads only."""
        ...

    # True where several bot replicas share the store (PostgreSQL): there the turn must be counted in
    # the store for every reply, or a second replica would show the first-reply notice again.
    shares_turns: bool

    def count_turn(self, conversation_hash: str) -> int:
        """Count one more reply of the conversation in the store and return its turn (1 = first)."""
        ...

    def get(self, record_id: int) -> StoredRecord: ...

    def query(self, flt: RecordFilter) -> list[StoredRecord]: ...

    def label(
        self,
        record_id: int,
        label: Label,
        note: str | None = None,
        finding: int | None = None,
        reviewer: str | None = None,
    ) -> int:
        """Label one finding (index from 0) or all of the record's findings; returns how many.

        Every label is also an audit event with the reviewer, the time and the previous value.
        """
        ...

    def stats(self, flt: RecordFilter) -> Stats: ...

    def purge(self, before: str) -> int:
        """Delete records created before `before` (TIME_FORMAT) and refuse them later; returns how many."""
        ...

    def delete_conversation(self, conversation_hash: str) -> int:
        """Delete the conversation's records and refuse those made before now when they arrive later."""
        ...

    def migrations(self) -> list[tuple[int, str]]: ...

    def close(self) -> None: ...

    def abort(self) -> None:
        """Cut the store off from any thread, without waiting for a call in progress (which then fails)."""
        ...


_RECORD_COLUMNS = (
    "record_uuid, created_at, product_line, policy_hash, action, intended, original_masked, "
    "delivered_masked, conversation_hash, turn, language, channel, latency_ms, original_sealed"
)
# Time order (ties by id): a spool replayed after an outage gets later ids than its records' times.
_TIME_ORDER = " ORDER BY r.created_at, r.id"


class SqlLogStore(ReviewQueries, Erasure, ABC):
    """LogStore over a DB-API connection; subclasses supply connection, dialect and transactions."""

    placeholder = "?"
    id_column = "INTEGER PRIMARY KEY AUTOINCREMENT"
    float_column = "REAL"

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]:
        """A cursor inside one transaction, committed durably on exit, rolled back on error.

        Raises StoreUnavailable when the database cannot be reached.
        """

    @abstractmethod
    def _lock_migrations(self, execute: Callable[..., Any]) -> None:
        """Serialise concurrent migrators (several replicas starting at once)."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def abort(self) -> None:
        """Cut the store off from any thread, without waiting for a call in progress (which then fails)."""

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _read_transaction(self) -> AbstractContextManager[Any]:
        """A cursor for one read-only statement; a backend may take fewer locks or round trips for it."""
        return self._transaction()

    def _run(self, work: Callable[[Callable[..., Any]], T], *, read_only: bool = False) -> T:
        with self._read_transaction() if read_only else self._transaction() as cursor:

            def execute(sql: str, params: Sequence[Any] = ()) -> Any:
                cursor.execute(self._sql(sql), tuple(params))
                return cursor

            return work(execute)

    # -- schema -------------------------------------------------------------------------------

    def migrate(self) -> None:
        def work(execute: Callable[..., Any]) -> None:
            self._lock_migrations(execute)
            execute(MIGRATIONS_TABLE)
            done = {row[0] for row in execute("SELECT version FROM schema_migrations").fetchall()}
            for migration in MIGRATIONS:
                if migration.version in done:
                    continue
                for statement in migration.statements:
                    execute(statement.format(id=self.id_column, float=self.float_column))
                execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, now_text()),
                )

        self._run(work)

    def migrations(self) -> list[tuple[int, str]]:
        rows = self._run(lambda ex: ex("SELECT version, name FROM schema_migrations ORDER BY version").fetchall())
        return [(int(version), str(name)) for version, name in rows]

    # -- writing ------------------------------------------------------------------------------

    def _insert(self, execute: Callable[..., Any], record: LogRecord) -> bool:
        # INSERT ... SELECT: a record of an erased conversation or past the purge horizon is not inserted
        # (see erasure.py). Casts: the untyped parameters of a SELECT list must match the columns.
        row = execute(
            f"INSERT INTO records ({_RECORD_COLUMNS}) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS INTEGER), ?, ?, "
            f"CAST(? AS {self.float_column}), ? WHERE {NOT_ERASED} ON CONFLICT (record_uuid) DO NOTHING RETURNING id",
            (
                record.record_uuid,
                record.created_at,
                record.product_line,
                record.policy_hash,
                record.action,
                record.intended,
                record.original_masked,
                record.delivered_masked,
                record.conversation_hash,
                record.turn,
                record.language,
                record.channel,
                record.latency_ms,
                record.original_sealed,
                record.conversation_hash,
                record.created_at,
                record.created_at,
            ),
        ).fetchone()
        if row is None:
            return False
        for index, f in enumerate(record.findings):
            execute(
                "INSERT INTO findings (record_id, idx, rule_id, category, span_start, span_end, message, "
                "legal_basis, severity, validator, details, message_de, message_en) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    row[0],
                    index,
                    f.rule_id,
                    f.category,
                    f.start,
                    f.end,
                    f.message,
                    f.legal_basis,
                    f.severity,
                    f.validator,
                    json.dumps(dict(f.details), ensure_ascii=False, sort_keys=True),
                    f.message_de,
                    f.message_en,
                ),
            )
        return True

    def write(self, record: LogRecord) -> bool:
        return self._storing(record.record_uuid, lambda: self._run(lambda execute: self._insert(execute, record)))

    def write_many(self, records: Sequence[LogRecord]) -> int:
        what = records[0].record_uuid if len(records) == 1 else f"one of {len(records)}"
        return self._storing(what, lambda: self._run(lambda execute: sum(self._insert(execute, r) for r in records)))

    def _storing(self, what: str, write: Callable[[], T]) -> T:
        """The one error path of writing records: every exception becomes an outage or a rejection.

        Backends raise StoreUnavailable for what they know to be the connection or the database (server
        gone, timeout, locked). Anything else (a value the driver cannot encode, a constraint, a bug) is
        judged by asking the store a question it can always answer: if it answers, the record was at
        fault and retrying it cannot help (RecordRejected); if not, the store is down (StoreUnavailable).
        """
        try:
            return write()
        except (StoreUnavailable, RecordRejected):
            raise
        except Exception as exc:
            try:
                self.migrations()
            except Exception as probe:
                raise StoreUnavailable(
                    f"the log store failed ({type(exc).__name__}) and does not answer ({type(probe).__name__}). "
                    "Fix: check the store; records are spooled meanwhile"
                ) from exc
            raise RecordRejected(what, type(exc).__name__) from exc

    def add_counts(self, counts: Mapping[CountKey, int], turns: Mapping[str, int] | None = None) -> None:
        # Increments, never absolute values: several replicas flushing the same conversation add up.
        # Sorted keys: concurrent flushers take row locks in the same order (no deadlock in PostgreSQL).
        def work(execute: Callable[..., Any]) -> None:
            for (day, line, action), count in sorted(counts.items()):
                execute(
                    "INSERT INTO counters (day, product_line, action, count) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (day, product_line, action) DO UPDATE SET count = counters.count + excluded.count",
                    (day, line, action, count),
                )
            now = now_text()
            for conversation_hash, replies in sorted((turns or {}).items()):
                execute(
                    "INSERT INTO turns (conversation_hash, replies, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (conversation_hash) DO UPDATE SET replies = turns.replies + excluded.replies, "
                    "updated_at = excluded.updated_at",
                    (conversation_hash, replies, now),
                )

        if counts or turns:
            self._run(work)

    shares_turns = False

    def count_turn(self, conversation_hash: str) -> int:
        def work(execute: Callable[..., Any]) -> int:
            self._relax_commit(execute)
            row = execute(
                "INSERT INTO turns (conversation_hash, replies, updated_at) VALUES (?, 1, ?) "
                "ON CONFLICT (conversation_hash) DO UPDATE SET replies = turns.replies + 1, "
                "updated_at = excluded.updated_at RETURNING replies",
                (conversation_hash, now_text()),
            ).fetchone()
            return int(row[0])

        return self._run(work)

    def _relax_commit(self, execute: Callable[..., Any]) -> None:
        """A turn count need not survive a crash of the store (the notice then shows again, the safe
        side): backends that can commit it without waiting for the disk do so."""

    def replies(self, conversation_hash: str) -> int:
        row = self._run(
            lambda execute: execute(
                "SELECT replies FROM turns WHERE conversation_hash = ?", (conversation_hash,)
            ).fetchone(),
            read_only=True,
        )
        return 0 if row is None else int(row[0])

    def label(
        self,
        record_id: int,
        label: Label,
        note: str | None = None,
        finding: int | None = None,
        reviewer: str | None = None,
    ) -> int:
        def work(execute: Callable[..., Any]) -> int:
            rows = execute("SELECT idx FROM findings WHERE record_id = ? ORDER BY idx", (record_id,)).fetchall()
            indexes = [int(row[0]) for row in rows]
            if not indexes and execute("SELECT 1 FROM records WHERE id = ?", (record_id,)).fetchone() is None:
                raise UnknownRecord(record_id)
            if finding is not None:
                if finding not in indexes:
                    raise UnknownFinding(record_id, finding, len(indexes))
                indexes = [finding]
            previous = {
                int(idx): (str(old), old_note)
                for idx, old, old_note in execute(
                    "SELECT idx, label, note FROM labels WHERE record_id = ?", (record_id,)
                ).fetchall()
            }
            at = now_text()
            for index in indexes:
                execute(
                    "INSERT INTO labels (record_id, idx, label, note, labelled_at, reviewer) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (record_id, idx) DO UPDATE SET label = excluded.label, note = excluded.note, "
                    "labelled_at = excluded.labelled_at, reviewer = excluded.reviewer",
                    (record_id, index, label.value, note, at, reviewer),
                )
                old, old_note = previous.get(index, (None, None))
                self._audit(
                    execute,
                    AuditEntry(record_id, AuditEvent.LABEL, at, reviewer, index, label.value, old, note, old_note),
                )
            return len(indexes)

        return self._run(work)

    # -- reading ------------------------------------------------------------------------------

    def get(self, record_id: int) -> StoredRecord:
        found = self._read("SELECT r.id, " + _prefixed() + " FROM records r WHERE r.id = ?", [record_id])
        if not found:
            raise UnknownRecord(record_id)
        return found[0]

    def query(self, flt: RecordFilter) -> list[StoredRecord]:
        clause, params = where(flt)
        sql = "SELECT r.id, " + _prefixed() + " FROM records r" + clause + _TIME_ORDER
        if flt.limit is not None:
            sql += f" LIMIT {int(flt.limit)}"
        return self._read(sql, params)

    def iter_all(self, flt: RecordFilter, batch: int = 500) -> Iterator[StoredRecord]:
        """Every matching record in time order, read in batches (for exports of any size)."""
        after: tuple[str, int] = ("", 0)
        while True:
            clause, params = where(flt)
            clause = (
                clause + " AND" if clause else " WHERE"
            ) + " (r.created_at > ? OR (r.created_at = ? AND r.id > ?))"
            sql = "SELECT r.id, " + _prefixed() + " FROM records r" + clause + _TIME_ORDER + f" LIMIT {batch}"
            rows = self._read(sql, [*params, after[0], after[0], after[1]])
            yield from rows
            if len(rows) < batch:
                return
            after = (rows[-1].record.created_at, rows[-1].id)

    def _read(self, sql: str, params: Sequence[Any]) -> list[StoredRecord]:
        def work(execute: Callable[..., Any]) -> list[StoredRecord]:
            rows = execute(sql, params).fetchall()
            if not rows:
                return []
            ids = [int(row[0]) for row in rows]
            marks = ", ".join("?" for _ in ids)
            findings: dict[int, list[FindingRecord]] = {i: [] for i in ids}
            for row in execute(
                "SELECT record_id, rule_id, category, span_start, span_end, message, legal_basis, severity, "
                f"validator, details, message_de, message_en FROM findings WHERE record_id IN ({marks}) "
                "ORDER BY record_id, idx",
                ids,
            ).fetchall():
                findings[int(row[0])].append(
                    FindingRecord(
                        row[1],
                        row[2],
                        row[3],
                        row[4],
                        row[5],
                        row[6],
                        row[7],
                        row[8],
                        json.loads(row[9]),
                        row[10],
                        row[11],
                    )
                )
            labels: dict[int, dict[int, FindingLabel]] = {i: {} for i in ids}
            for record_id, idx, label, note, at, reviewer in execute(
                f"SELECT record_id, idx, label, note, labelled_at, reviewer FROM labels WHERE record_id IN ({marks})",
                ids,
            ).fetchall():
                labels[int(record_id)][int(idx)] = FindingLabel(Label(label), note, at, reviewer)
            return [_stored(row, tuple(findings[int(row[0])]), labels[int(row[0])]) for row in rows]

        return self._run(work)


def _prefixed() -> str:
    return ", ".join(f"r.{column.strip()}" for column in _RECORD_COLUMNS.split(","))


def _stored(row: Sequence[Any], findings: tuple[FindingRecord, ...], labels: dict[int, FindingLabel]) -> StoredRecord:
    (record_id, uuid_, created, line, policy_hash, action, intended, original, delivered, conv, turn, lang, channel,
     latency, sealed) = row  # fmt: skip
    record = LogRecord(
        record_uuid=str(uuid_),
        created_at=str(created),
        product_line=str(line),
        policy_hash=str(policy_hash),
        action=str(action),
        intended=str(intended),
        original_masked=str(original),
        delivered_masked=str(delivered),
        findings=findings,
        conversation_hash=conv,
        turn=None if turn is None else int(turn),
        language=lang,
        channel=channel,
        latency_ms=float(latency),
        original_sealed=sealed,
    )
    return StoredRecord(int(record_id), record, labels)
