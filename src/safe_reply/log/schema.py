"""The log schema, as numbered migrations recorded in `schema_migrations`.

Both backends run the same statements; `{id}` and `{float}` are the only dialect differences.
A migration, once released, never changes: a new schema version is a new entry at the end.
The schema is a public contract (reviews and exports read it), see types.py.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "records, findings, labels, pass counters, conversation turns",
        (
            """CREATE TABLE records (
                id {id},
                record_uuid TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                product_line TEXT NOT NULL,
                policy_hash TEXT NOT NULL,
                action TEXT NOT NULL,
                intended TEXT NOT NULL,
                original_masked TEXT NOT NULL,
                delivered_masked TEXT NOT NULL,
                conversation_hash TEXT,
                turn INTEGER,
                language TEXT,
                channel TEXT,
                latency_ms {float} NOT NULL
            )""",
            "CREATE INDEX records_created_at ON records (created_at)",
            "CREATE INDEX records_conversation ON records (conversation_hash)",
            """CREATE TABLE findings (
                record_id BIGINT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                rule_id TEXT NOT NULL,
                category TEXT NOT NULL,
                span_start INTEGER,
                span_end INTEGER,
                message TEXT NOT NULL,
                legal_basis TEXT,
                severity TEXT NOT NULL,
                validator TEXT NOT NULL,
                details TEXT NOT NULL,
                PRIMARY KEY (record_id, idx)
            )""",
            "CREATE INDEX findings_rule ON findings (rule_id)",
            "CREATE INDEX findings_category ON findings (category)",
            """CREATE TABLE labels (
                record_id BIGINT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                label TEXT NOT NULL,
                note TEXT,
                labelled_at TEXT NOT NULL,
                PRIMARY KEY (record_id, idx)
            )""",
            """CREATE TABLE counters (
                day TEXT NOT NULL,
                product_line TEXT NOT NULL,
                action TEXT NOT NULL,
                count BIGINT NOT NULL,
                PRIMARY KEY (day, product_line, action)
            )""",
            """CREATE TABLE turns (
                conversation_hash TEXT PRIMARY KEY,
                replies BIGINT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        2,
        "finding messages per language",
        (
            "ALTER TABLE findings ADD COLUMN message_de TEXT",
            "ALTER TABLE findings ADD COLUMN message_en TEXT",
        ),
    ),
    Migration(
        3,
        "reviewer of a label, audit trail, encrypted originals for reveal, time order",
        (
            "ALTER TABLE labels ADD COLUMN reviewer TEXT",
            "ALTER TABLE records ADD COLUMN original_sealed TEXT",
            # No foreign key: who revealed or relabelled what stays provable after a record is purged;
            # an erasure clears the events' notes (the only free text) instead, see SqlLogStore.
            """CREATE TABLE audit_events (
                id {id},
                record_id BIGINT NOT NULL,
                idx INTEGER,
                event TEXT NOT NULL,
                value TEXT,
                previous TEXT,
                note TEXT,
                previous_note TEXT,
                reviewer TEXT,
                at TEXT NOT NULL
            )""",
            "CREATE INDEX audit_events_record ON audit_events (record_id)",
            # Records are listed in time order (a replayed spool gets later ids than its times say).
            "CREATE INDEX records_time_order ON records (created_at, id)",
        ),
    ),
    Migration(
        4,
        "erasures and the purge horizon: no replay brings an erased record back",
        (
            # A conversation erased at `erased_at` (by its keyed hash): records of it made before then are
            # refused when they arrive later (another host's spool, a write in flight). Kept only until
            # retention ends: by then the purge horizon refuses them anyway.
            """CREATE TABLE erasures (
                conversation_hash TEXT PRIMARY KEY,
                erased_at TEXT NOT NULL
            )""",
            # Settings the store keeps about itself; `purged_before`: records made before it are refused.
            """CREATE TABLE log_state (
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
        ),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version

MIGRATIONS_TABLE = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)"""
