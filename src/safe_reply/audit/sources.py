"""Transcript files: which format, which columns, how they split into partitions, and their bot replies.

A partition is a piece of one file that one worker reads on its own: a byte range of a JSON-lines file
(cut at line ends), a byte range of a CSV file (cut at record ends, found while indexing, because a
quoted field may hold a newline), or a run of row groups of a Parquet file. The same reader serves the
indexing pass and the evaluation pass, so both see the same bot replies in the same order.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from safe_reply.errors import SafeReplyError

JSONL_CHUNK_BYTES = 4 << 20  # about 10,000 replies of a few hundred characters
CSV_CHUNK_RECORDS = 10_000
PARQUET_CHUNK_ROWS = 10_000
DEFAULT_BOT_ROLES = frozenset({"assistant", "bot", "ai"})
FIELDS = ("conversation_id", "turn", "role", "text", "product_line", "channel")
REQUIRED = ("conversation_id", "role", "text")


class AuditError(SafeReplyError):
    """Input the audit cannot use; the message names file, row or column, and the fix."""


class Format(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    PARQUET = "parquet"


_SUFFIXES = {".jsonl": Format.JSONL, ".ndjson": Format.JSONL, ".csv": Format.CSV, ".parquet": Format.PARQUET}


def detect_format(path: Path) -> Format:
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise AuditError(
            f"{path}: unknown transcript format '{path.suffix}'. Fix: use .jsonl, .ndjson, .csv or .parquet"
        )
    return fmt


@dataclass(frozen=True)
class Columns:
    """Which input column holds each field (`--map text=message`), and which roles are the bot's."""

    names: Mapping[str, str] = field(default_factory=lambda: {name: name for name in FIELDS})
    bot_roles: frozenset[str] = DEFAULT_BOT_ROLES

    @classmethod
    def mapped(cls, mapping: Mapping[str, str], bot_roles: Iterable[str] = ()) -> Columns:
        unknown = sorted(set(mapping) - set(FIELDS))
        if unknown:
            raise AuditError(
                f"--map {unknown[0]}=...: unknown field '{unknown[0]}'. Fix: map one of: {', '.join(FIELDS)}"
            )
        roles = frozenset(role.strip().lower() for role in bot_roles) or DEFAULT_BOT_ROLES
        return cls({name: mapping.get(name, name) for name in FIELDS}, roles)


@dataclass(frozen=True)
class Partition:
    index: int
    path: str
    format: Format
    start: int  # byte offset (JSONL, CSV) or first row group (Parquet)
    stop: int  # end byte offset or row group, exclusive; -1: the whole CSV file, split while indexing
    first_row: int = 1  # row number in the file of the partition's first record (set after indexing)
    header: tuple[str, ...] = ()  # CSV: the column names from the file's first line


@dataclass(frozen=True)
class Reply:
    """One bot reply as read: where it is, and the raw values of its columns."""

    row: int  # row number in the file (JSONL: line number; CSV: record number after the header; Parquet: row)
    conversation_id: str | None
    turn: int | None
    text: str
    product_line: str | None
    channel: str | None


def plan(paths: Iterable[Path]) -> list[Partition]:
    """Partitions of every file; CSV files come as one unit each and are split while indexing."""
    parts: list[Partition] = []
    for path in paths:
        if not path.is_file():
            raise AuditError(f"{path}: no such file. Fix: check the path")
        fmt = detect_format(path)
        if fmt is Format.JSONL:
            bounds = _line_bounds(path, JSONL_CHUNK_BYTES)
            parts.extend(Partition(0, str(path), fmt, a, b) for a, b in itertools.pairwise(bounds))
        elif fmt is Format.CSV:
            parts.append(Partition(0, str(path), fmt, 0, -1))
        else:
            parts.extend(_parquet_parts(path))
    return [replace(part, index=i) for i, part in enumerate(parts)]


def _line_bounds(path: Path, chunk: int) -> list[int]:
    size = path.stat().st_size
    bounds = [0]
    with path.open("rb") as handle:
        while bounds[-1] + chunk < size:
            handle.seek(bounds[-1] + chunk)
            handle.readline()  # finish the line the cut fell into
            bounds.append(handle.tell())
    if bounds[-1] < size or size == 0:
        bounds.append(size)
    return bounds


def _parquet_parts(path: Path) -> list[Partition]:
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    parts: list[Partition] = []
    start, rows, first_row = 0, 0, 1
    for group in range(meta.num_row_groups):
        rows += meta.row_group(group).num_rows
        if rows >= PARQUET_CHUNK_ROWS or group == meta.num_row_groups - 1:
            parts.append(Partition(0, str(path), Format.PARQUET, start, group + 1, first_row))
            start, first_row, rows = group + 1, first_row + rows, 0
    return parts


# -- reading -----------------------------------------------------------------------------------


def read_partition(part: Partition, columns: Columns) -> Iterator[Reply]:
    """The bot replies of one partition, in file order."""
    if part.format is Format.PARQUET:
        yield from _parquet_replies(part, columns)
        return
    records = _jsonl_records(part) if part.format is Format.JSONL else _csv_records(part)
    for row, record in records:
        reply = reply_of(record, columns, part.path, row)
        if reply is not None:
            yield reply


def count_records(part: Partition) -> int:
    """All records of a JSONL partition (physical lines, blank ones too: row numbers are line numbers)."""
    with Path(part.path).open("rb") as handle:
        handle.seek(part.start)
        return handle.read(part.stop - part.start).count(b"\n") + _unterminated_last_line(part)


def _unterminated_last_line(part: Partition) -> int:
    if part.stop == part.start:
        return 0
    with Path(part.path).open("rb") as handle:
        handle.seek(part.stop - 1)
        return 0 if handle.read(1) == b"\n" else 1


def _jsonl_records(part: Partition) -> Iterator[tuple[int, Mapping[str, Any]]]:
    with Path(part.path).open("rb") as handle:
        handle.seek(part.start)
        data = handle.read(part.stop - part.start)
    for offset, line in enumerate(data.split(b"\n")):  # only \n ends a line (as count_records counts)
        row = part.first_row + offset
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise AuditError(f"{part.path}: line {row}: invalid JSON ({exc}). Fix: one JSON object per line") from None
        if not isinstance(record, dict):
            raise AuditError(f"{part.path}: line {row}: expected a JSON object. Fix: one object per message")
        yield row, record


def csv_scan(path: str) -> Iterator[tuple[int, int, int, dict[str, str]]]:
    """(start offset, end offset, record number, record) over a whole CSV file, header excluded."""
    consumed = 0
    decoder = codecs.getincrementaldecoder("utf-8-sig")()

    def lines(handle: Any) -> Iterator[str]:
        nonlocal consumed
        for raw in handle:
            consumed += len(raw)
            yield decoder.decode(raw)

    with Path(path).open("rb") as handle:
        # csv.reader pulls exactly the lines one record needs, so after each record `consumed` is the
        # byte offset where the next record starts: a safe place to cut even with quoted newlines.
        reader = csv.reader(lines(handle))
        header = next(reader, None)
        if header is None:
            return
        start = consumed
        for number, values in enumerate(reader, start=1):
            yield start, consumed, number, dict(zip(header, values, strict=False))
            start = consumed


def csv_header(path: str) -> tuple[str, ...]:
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        return tuple(next(csv.reader(handle), []))


def _csv_records(part: Partition) -> Iterator[tuple[int, Mapping[str, Any]]]:
    with Path(part.path).open("rb") as handle:
        handle.seek(part.start)
        data = handle.read(part.stop - part.start).decode("utf-8")
    # newline="": line ends inside quoted fields stay part of the field (as the csv module requires).
    reader = csv.reader(io.StringIO(data, newline=""))
    for number, values in enumerate(reader, start=part.first_row):
        yield number, dict(zip(part.header, values, strict=False))


def _parquet_replies(part: Partition, columns: Columns) -> Iterator[Reply]:
    import pyarrow.parquet as pq

    source = pq.ParquetFile(part.path)
    present = set(source.schema_arrow.names)
    require_columns(present, columns, part.path)
    wanted = [columns.names[name] for name in FIELDS if columns.names[name] in present]
    table = source.read_row_groups(list(range(part.start, part.stop)), columns=wanted)
    for offset, record in enumerate(table.to_pylist()):
        reply = reply_of(record, columns, part.path, part.first_row + offset)
        if reply is not None:
            yield reply


def require_columns(present: set[str], columns: Columns, path: str) -> None:
    missing = [columns.names[name] for name in REQUIRED if columns.names[name] not in present]
    if missing:
        raise AuditError(
            f"{path}: no column '{missing[0]}'. Fix: map the column that holds it, e.g. --map "
            f"{next(n for n in REQUIRED if columns.names[n] == missing[0])}=YOUR_COLUMN"
        )


def reply_of(record: Mapping[str, Any], columns: Columns, path: str, row: int) -> Reply | None:
    names = columns.names
    if names["role"] not in record or names["conversation_id"] not in record:
        require_columns(set(record), columns, f"{path}: row {row}")
    role = record[names["role"]]
    if not isinstance(role, str) or role.strip().lower() not in columns.bot_roles:
        return None
    text = record.get(names["text"])
    if not isinstance(text, str):
        raise AuditError(f"{path}: row {row}: the bot message has no text. Fix: give column '{names['text']}' a string")
    return Reply(
        row=row,
        conversation_id=_optional_str(record.get(names["conversation_id"])),
        turn=_turn(record.get(names["turn"]), path, row, names["turn"]),
        text=text,
        product_line=_optional_str(record.get(names["product_line"])),
        channel=_optional_str(record.get(names["channel"])),
    )


def _optional_str(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _turn(value: Any, path: str, row: int, column: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise AuditError(f"{path}: row {row}: {column} {value!r} is not a whole number. Fix: number the messages 1, 2, ...")
