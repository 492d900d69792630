"""The embedded default backend: one SQLite file in WAL mode with synchronous=FULL.

WAL lets the review CLI read while the bot writes; synchronous=FULL makes a commit durable across
a power cut, not only a process crash, which is the promise the recorder gives before it releases a
reply. Several processes may write the same file: each transaction starts with BEGIN IMMEDIATE and
waits (busy timeout) for the write lock instead of failing.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from safe_reply.log.store import SqlLogStore, StoreUnavailable

BUSY_TIMEOUT_S = 30.0


class SqliteLogStore(SqlLogStore):
    """LogStore in one SQLite file; thread-safe (per store object: a writing and a reading connection,
    each with its lock)."""

    def __init__(self, path: Path | str, *, busy_timeout_s: float = BUSY_TIMEOUT_S) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves (BEGIN IMMEDIATE takes the write lock
            # up front, so two writers never deadlock on a read-to-write upgrade).
            self._conn: sqlite3.Connection | None = sqlite3.connect(
                self.path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StoreUnavailable(
                f"cannot open the SQLite log {self.path}: {exc}. Fix: check that the folder is writable"
            ) from exc
        self.migrate()
        # In WAL mode a second connection reads the last committed state while the first one commits,
        # so a turn lookup on a reply's thread never waits behind the flusher thread's fsync.
        self._read_lock = threading.Lock()
        self._reader: sqlite3.Connection | None = sqlite3.connect(
            self.path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False
        )
        self._reader.execute("PRAGMA query_only=ON")

    def __repr__(self) -> str:
        return f"SqliteLogStore({str(self.path)!r})"

    def _transaction(self) -> AbstractContextManager[Any]:
        return self._begin("BEGIN IMMEDIATE", read=False)

    def _read_transaction(self) -> AbstractContextManager[Any]:
        # A plain (deferred) BEGIN reads a WAL snapshot without taking the write lock, so a turn
        # lookup waits neither for this process's flush nor for another process's durable write.
        return self._begin("BEGIN", read=True)

    @contextmanager
    def _begin(self, begin: str, *, read: bool) -> Iterator[Any]:
        with self._read_lock if read else self._lock:
            conn = self._reader if read else self._conn
            if conn is None:
                raise StoreUnavailable(f"the SQLite log {self.path} is closed. Fix: open a new store")
            cursor = conn.cursor()
            try:
                cursor.execute(begin)
            except sqlite3.OperationalError as exc:
                raise StoreUnavailable(
                    f"the SQLite log {self.path} stayed locked: {exc}. Fix: check for a stuck writer process"
                ) from exc
            try:
                yield cursor
                cursor.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):
                    raise StoreUnavailable(
                        f"writing the SQLite log {self.path} failed: {exc}. Fix: check disk space and permissions"
                    ) from exc
                raise
            finally:
                cursor.close()

    def _lock_migrations(self, execute: Callable[..., Any]) -> None:
        pass  # BEGIN IMMEDIATE already serialises all writers of the file

    def integrity_check(self) -> str:
        with self._lock:
            assert self._conn is not None
            return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])

    def abort(self) -> None:
        # sqlite3's interrupt() is the one call that is safe from another thread: a statement running
        # now ends with an error. The store is not used afterwards (the recorder drops it).
        for conn in (self._conn, self._reader):
            if conn is not None:
                with contextlib.suppress(sqlite3.ProgrammingError):  # closed meanwhile
                    conn.interrupt()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
        with self._read_lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
