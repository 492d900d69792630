"""The local spool: where records go while the store is unreachable, until they are replayed.

One JSON record per line, appended under an exclusive file lock (several bot processes may share
one spool) and fsynced before `append` returns, so a spooled record is as durable as a stored one.
A process killed in the middle of an append leaves at most one torn last line: it was never
acknowledged, so replay skips it, and the next append starts on a fresh line.

Replay writes everything to the store in one idempotent transaction (ON CONFLICT DO NOTHING on the
record uuid) and only then empties the spool; a crash in between just replays the same records again.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from safe_reply.log.records import LogRecord
from safe_reply.log.store import LogStore


@dataclass(frozen=True, slots=True)
class ReplayResult:
    read: int  # records found in the spool
    stored: int  # of those, new in the store (the rest were stored before: no duplicates)
    skipped_lines: int  # torn or unreadable lines, moved to `<spool>.rejected` for a human


class Spool:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.rejected_path = self.path.with_name(self.path.name + ".rejected")

    @contextmanager
    def _locked(self) -> Iterator[IO[bytes]]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield handle
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def append(self, record: LogRecord) -> None:
        """Durably append one record (fsync before returning)."""
        line = (record.to_line() + "\n").encode("utf-8")
        with self._locked() as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() > 0:
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":
                    line = b"\n" + line  # close a torn line left by a killed process
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())

    def pending(self) -> int:
        """Number of complete lines waiting (cheap: no parsing)."""
        if not self.path.exists():
            return 0
        with open(self.path, "rb") as handle:
            return sum(1 for line in handle if line.endswith(b"\n") and line.strip())

    def has_pending(self) -> bool:
        try:
            return self.path.stat().st_size > 0
        except FileNotFoundError:
            return False

    def replay(self, store: LogStore) -> ReplayResult:
        """Move every spooled record into the store (exactly once), then empty the spool.

        Raises StoreUnavailable (and keeps the spool) when the store is still unreachable.
        """
        with self._locked() as handle:
            handle.seek(0)
            records: list[LogRecord] = []
            rejected: list[bytes] = []
            for raw in handle.read().split(b"\n"):
                if not raw.strip():
                    continue
                try:
                    records.append(LogRecord.from_json(json.loads(raw.decode("utf-8"))))
                except (ValueError, KeyError, TypeError):
                    rejected.append(raw)
            stored = store.write_many(records) if records else 0
            if rejected:
                # Kept for a human, not deleted: a torn line is harmless, anything else deserves a look.
                with open(self.rejected_path, "ab") as out:
                    out.write(b"".join(raw + b"\n" for raw in rejected))
                    out.flush()
                    os.fsync(out.fileno())
            handle.truncate(0)
            handle.flush()
            os.fsync(handle.fileno())
            return ReplayResult(read=len(records), stored=stored, skipped_lines=len(rejected))
