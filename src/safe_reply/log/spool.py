"""The local spool: where records go while the store is unreachable, until they are replayed.

Files, all next to each other:
- `<spool>`: one JSON record per line, appended under an exclusive lock on the file (several bot
  processes may share one spool) and fsynced before `append` returns, so a spooled record is as
  durable as a stored one. A process killed in the middle of an append leaves at most one torn last
  line: it was never acknowledged, and the next append starts on a fresh line.
- `<spool>.rejected`: what a human must look at, in the same format: lines that could not be read
  (a torn line) and records the store refused (a value it cannot hold). A record there can be moved
  back into the spool by hand once fixed.
- `<spool>.lock`: held by whoever replays, for the whole run: two replays of one spool never run
  at once (a bot skips its background replay while another one runs).

`purge` erases from the spool and its .rejected file what `log purge` erases from the store. What
makes an erasure final is the store: it refuses a deleted record that arrives later (see erasure.py),
so a replay running at the same moment, or another host's spool, cannot bring one back.

Replay stores record by record (one transaction each, idempotent on the record uuid): a record the
store refuses is moved aside and reported, an outage stops the replay and keeps the rest. The spool
lock is held only to read and to rewrite the file, never while the store is written, so a slow store
never makes a bot wait to append. The file is rewritten by writing a new one and renaming it over
the old (atomic, crash-safe); an appender that locked the old file notices and locks the new one.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from safe_reply.log.records import LogRecord
from safe_reply.log.store import RecordRejected

# Where a line that cannot be parsed any more still shows its time (a torn line, a hand-edited one).
_CREATED_AT = re.compile(rb'"created_at":\s*"([^"]*)"')


@dataclass(frozen=True, slots=True)
class ReplayResult:
    read: int  # records found in the spool
    stored: int  # of those, new in the store (the rest were stored before: no duplicates)
    rejected: int = 0  # records the store refused, moved to `<spool>.rejected`
    skipped_lines: int = 0  # torn or unreadable lines, moved to `<spool>.rejected` for a human
    left: int = 0  # records kept in the spool because the store went away during the replay
    outage: str | None = None  # why the replay stopped (None: it did not)
    reasons: tuple[str, ...] = ()  # why the store refused records (exception names, sorted)


@dataclass(frozen=True, slots=True)
class SpoolPurge:
    dropped: int  # records (or unreadable lines) deleted from the spool and its .rejected file
    unsealed: int  # records whose encrypted original was dropped


def _lines(data: bytes) -> list[bytes]:
    """The non-blank lines of a spool file, a torn last line included."""
    return [raw for raw in data.split(b"\n") if raw.strip()]


def _record(raw: bytes) -> LogRecord | None:
    try:
        return LogRecord.from_json(json.loads(raw.decode("utf-8")))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _line(record: LogRecord) -> bytes:
    try:
        return record.to_line().encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in a record not made by build_record: JSON-escape it
        return json.dumps(record.to_json(), ensure_ascii=True, sort_keys=True).encode("ascii")


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _replace(path: Path, lines: Sequence[bytes]) -> None:
    """Atomically make `path` hold exactly `lines` (new file, fsync, rename, fsync the folder)."""
    scratch = path.with_name(path.name + ".tmp")
    with open(scratch, "wb") as out:
        out.write(b"".join(raw + b"\n" for raw in lines))
        out.flush()
        os.fsync(out.fileno())
    os.replace(scratch, path)
    _fsync_folder(path.parent)


def _append(path: Path, lines: Sequence[bytes]) -> None:
    with open(path, "ab") as out:
        out.write(b"".join(raw + b"\n" for raw in lines))
        out.flush()
        os.fsync(out.fileno())


class Spool:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.rejected_path = self.path.with_name(self.path.name + ".rejected")
        self.lock_path = self.path.with_name(self.path.name + ".lock")

    @contextmanager
    def _locked(self) -> Iterator[IO[bytes]]:
        """The spool file, exclusively locked (short: appends, reads and rewrites, never store I/O)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            handle = open(self.path, "a+b")  # noqa: SIM115 - closed below, or after the caller's block
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                current = os.stat(self.path)
            except FileNotFoundError:
                current = None
            mine = os.fstat(handle.fileno())
            if current is not None and (current.st_ino, current.st_dev) == (mine.st_ino, mine.st_dev):
                break
            handle.close()  # the file was replaced while we waited for the lock: lock the new one
        try:
            yield handle
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            handle.close()

    @contextmanager
    def exclusive(self, *, wait: bool = True) -> Iterator[bool]:
        """Held for a whole replay or purge; yields False when `wait` is off and someone else holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+b") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def append(self, record: LogRecord) -> None:
        """Durably append one record (fsync before returning)."""
        line = _line(record) + b"\n"
        with self._locked() as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() > 0:
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":
                    line = b"\n" + line  # close a torn line left by a killed process
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())

    def reject(self, record: LogRecord) -> None:
        """Durably put a record the store refused aside, for a human (`<spool>.rejected`)."""
        with self._locked():
            _append(self.rejected_path, [_line(record)])

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

    def replay(self, write: Callable[[LogRecord], bool], *, wait: bool = True) -> ReplayResult | None:
        """Store every spooled record with `write` (a store's write: True when new), one by one.

        A record the store refuses (RecordRejected) is moved to `<spool>.rejected`; anything else that
        `write` raises is an outage: the replay stops and keeps that record and the rest. Returns None
        only when `wait` is off and another replay or purge is running.
        """
        with self.exclusive(wait=wait) as mine:
            if not mine:
                return None
            with self._locked() as handle:
                handle.seek(0)
                lines = _lines(handle.read())
            done: set[bytes] = set()
            aside: list[bytes] = []
            reasons: set[str] = set()
            read = stored = rejected = skipped = left = 0
            outage: str | None = None
            for raw in lines:
                record = _record(raw)
                if record is None:
                    skipped += 1
                    aside.append(raw)
                    done.add(raw)
                    continue
                read += 1
                if outage is not None:
                    left += 1
                    continue
                try:
                    # Made storable here too: a spool written by an older version may hold raw text.
                    stored += bool(write(record.storable()))
                except RecordRejected as exc:
                    rejected += 1
                    reasons.add(exc.reason)
                    aside.append(raw)
                except Exception as exc:  # the store went away (or cannot say): keep this one and the rest
                    outage = str(exc)
                    left += 1
                    continue
                done.add(raw)
            if aside:
                # Before the spool is rewritten: a crash in between leaves a line in both, never in neither.
                with self._locked():
                    _append(self.rejected_path, aside)
            if done:
                self._rewrite(lambda raw: None if raw in done else raw)
            return ReplayResult(read, stored, rejected, skipped, left, outage, tuple(sorted(reasons)))

    def _rewrite(self, keep: Callable[[bytes], bytes | None], path: Path | None = None) -> int:
        """Rewrite the spool (or its .rejected file) with each line `keep` returns; returns lines dropped."""
        target = path or self.path
        if not target.exists():
            return 0  # nothing to rewrite, and a purge must not create the spool
        with self._locked():
            if not target.exists():
                return 0
            lines = _lines(target.read_bytes())
            kept = [line for line in (keep(raw) for raw in lines) if line is not None]
            if kept != lines:
                _replace(target, kept)
            return len(lines) - len(kept)

    def purge(
        self, *, conversation_hash: str | None = None, before: str | None = None, sealed_before: str | None = None
    ) -> SpoolPurge:
        """Erase from the spool and its .rejected file what `log purge` erases from the store.

        Records of the conversation (by its keyed hash) and records created before `before` are
        deleted; records created before `sealed_before` lose their encrypted original. A line that
        cannot be read is judged by the hash or time it still shows. Purge the store first: from then
        on it refuses these records, whatever a replay running meanwhile tries.
        """
        unsealed = 0

        def keep(raw: bytes) -> bytes | None:
            nonlocal unsealed
            record = _record(raw)
            if record is None:
                if conversation_hash is not None and conversation_hash.encode() in raw:
                    return None
                when = _CREATED_AT.search(raw)
                if before is not None and when is not None and when.group(1).decode(errors="replace") < before:
                    return None
                return raw
            if conversation_hash is not None and record.conversation_hash == conversation_hash:
                return None
            if before is not None and record.created_at < before:
                return None
            if sealed_before is not None and record.original_sealed is not None and record.created_at < sealed_before:
                unsealed += 1
                return _line(LogRecord.from_json({**record.to_json(), "original_sealed": None}))
            return raw

        dropped = self._rewrite(keep) + self._rewrite(keep, self.rejected_path)
        return SpoolPurge(dropped, unsealed)
