"""The blocked-reply log: what the guard stopped, masked and pseudonymised, for review and proof.

    recorder = open_recorder(policy.log)      # DecisionRecorder + TurnTracker for the wrapper
    store = open_store(policy.log)            # or open_store("log.sqlite3") / open_store("postgresql://...")

Paths in LogSettings are relative to the current working directory. The PostgreSQL DSN comes from the
environment variable named by `log.dsn_env` (never from YAML: it may hold a password).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from safe_reply.config_models import LogSettings
from safe_reply.errors import SafeReplyError
from safe_reply.keys import LOG_KEY_ENV, log_key
from safe_reply.log.masking import mask_decision, pseudonymise
from safe_reply.log.recorder import DisabledRecorder, LogRecorder, LogUnavailable, build_record
from safe_reply.log.records import Label, LabelFilter, LogRecord, RecordFilter, Stats, StoredRecord
from safe_reply.log.sealing import sealer_from_env
from safe_reply.log.spool import ReplayResult, Spool
from safe_reply.log.store import LogStore, RecordRejected, SqlLogStore, StoreUnavailable, UnknownRecord

__all__ = [
    "LOG_KEY_ENV",
    "DisabledRecorder",
    "Label",
    "LabelFilter",
    "LogRecord",
    "LogRecorder",
    "LogStore",
    "LogUnavailable",
    "RecordFilter",
    "RecordRejected",
    "ReplayResult",
    "Spool",
    "SqlLogStore",
    "Stats",
    "StoreUnavailable",
    "StoredRecord",
    "UnknownRecord",
    "build_record",
    "is_dsn",
    "log_key",
    "mask_decision",
    "open_recorder",
    "open_store",
    "pseudonymise",
]


def is_dsn(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://")) or "dbname=" in target or "host=" in target


def dsn_from_env(settings: LogSettings, environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    dsn = env.get(settings.dsn_env)
    if not dsn:
        raise SafeReplyError(
            f"log.backend is postgres but the environment variable {settings.dsn_env} is not set. "
            f"Fix: export {settings.dsn_env}=postgresql://user@host/db, or set log.dsn_env to the variable "
            "that holds the DSN"
        )
    return dsn


def open_store(
    target: LogSettings | str | Path, environ: Mapping[str, str] | None = None, *, timeout_s: float | None = None
) -> SqlLogStore:
    """A store from the policy's log settings, a PostgreSQL DSN, or a SQLite file path.

    `timeout_s` (the recorder's store timeout) becomes PostgreSQL's connect and statement timeouts; the
    CLI leaves it out, so a long export is not cut off.
    """
    if isinstance(target, LogSettings):
        target = dsn_from_env(target, environ) if target.backend == "postgres" else Path(target.path)
    if isinstance(target, str) and is_dsn(target):
        from safe_reply.log.postgres_store import CONNECT_TIMEOUT_S, PostgresLogStore  # psycopg only when asked for

        if timeout_s is None:
            return PostgresLogStore(target)
        return PostgresLogStore(
            target, connect_timeout_s=min(timeout_s, CONNECT_TIMEOUT_S), statement_timeout_s=timeout_s
        )
    from safe_reply.log.sqlite_store import SqliteLogStore

    return SqliteLogStore(Path(target))


def open_recorder(settings: LogSettings, environ: Mapping[str, str] | None = None) -> LogRecorder | DisabledRecorder:
    """The recorder the wrapper calls before it releases each reply (see recorder.py).

    It needs the policy's log settings only (`policy.log`), never the policy itself.
    """
    if not settings.enabled:
        return DisabledRecorder()
    # A reveal key that is set but unusable is reported now, not at the first blocked reply.
    sealer_from_env(environ)
    target: str | Path = dsn_from_env(settings, environ) if settings.backend == "postgres" else Path(settings.path)
    timeout = settings.store_timeout_seconds
    return LogRecorder(
        lambda: open_store(target, timeout_s=timeout),
        Spool(settings.spool_path),
        log_key(environ, settings.key_env),
        count_flush_every=settings.count_flush_every,
        count_flush_seconds=settings.count_flush_seconds,
        retry_seconds=settings.retry_seconds,
        store_timeout_s=timeout,
    )
