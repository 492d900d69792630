"""The values the log stores and returns: one record per blocked, rewritten or monitored reply.

A record never holds a protected term (see masking) nor a raw conversation id (only its keyed
hash). Its `record_uuid`, made when the decision is recorded, is the idempotency key: the same
record written twice (a retry, a spool replay after an outage) is stored once.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

# One text format for times in both backends: fixed width and UTC, so text order is time order and
# the day is its first ten characters.
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def parse_time(text: str) -> datetime:
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)


def now_text() -> str:
    return format_time(datetime.now(UTC))


def new_record_uuid() -> str:
    return str(uuid.uuid4())


# What neither backend can hold in a text column: NUL (PostgreSQL refuses it) and a lone surrogate
# (no UTF-8 encoding; SQLite raises). A Python str holds astral characters as one code point, so every
# surrogate in it is a lone one. Replaced by U+FFFD, one character for one: spans keep their offsets,
# and a reader sees that something was there.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def storable(text: str) -> str:
    """`text` with every NUL and lone surrogate replaced by U+FFFD (same length)."""
    return _UNSTORABLE.sub(REPLACEMENT, text)


def _storable(value: Any) -> Any:
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, Mapping):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    return value


def _fields(value: Any) -> dict[str, Any]:
    return {f.name: getattr(value, f.name) for f in fields(value)}


def _known(cls: type[Any], data: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of `data` that are fields of `cls` (newer spool lines may carry more)."""
    return {f.name: data[f.name] for f in fields(cls) if f.name in data}


class Label(StrEnum):
    """A reviewer's verdict on one finding."""

    CONFIRMED = "confirmed"
    FALSE_POSITIVE = "false_positive"


@dataclass(frozen=True, slots=True)
class FindingRecord:
    """One finding as stored: its span points into the record's MASKED original."""

    rule_id: str
    category: str
    start: int | None
    end: int | None
    message: str  # German / English, as one line (what records before schema 2 hold)
    legal_basis: str | None = None
    severity: str = "high"
    validator: str = ""
    details: Mapping[str, str] = field(default_factory=dict)
    message_de: str | None = None  # None in records written before schema 2
    message_en: str | None = None

    def message_in(self, language: str | None) -> str:
        """The message in one language ("de" or "en"), or both when None or not stored separately."""
        chosen = {"de": self.message_de, "en": self.message_en}.get(language or "")
        return chosen if chosen is not None else self.message

    def to_json(self) -> dict[str, Any]:
        return {**_fields(self), "details": dict(self.details)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FindingRecord:
        return cls(**{**_known(cls, data), "details": dict(data.get("details") or {})})


@dataclass(frozen=True, slots=True)
class LogRecord:
    """What is written for one decision that was not a plain pass."""

    record_uuid: str
    created_at: str  # TIME_FORMAT, UTC
    product_line: str
    policy_hash: str
    action: str  # what was done (monitor in shadow mode)
    intended: str  # what enforce mode would have done
    original_masked: str
    delivered_masked: str
    findings: tuple[FindingRecord, ...]
    conversation_hash: str | None = None
    turn: int | None = None
    language: str | None = None
    channel: str | None = None
    latency_ms: float = 0.0
    # The masked-out texts, encrypted (see sealing.py); None without SAFE_REPLY_REVEAL_KEY or after
    # its shorter retention has passed. Only a reviewer whose role may reveal ever sees them decrypted.
    original_sealed: str | None = None

    @property
    def day(self) -> str:
        return self.created_at[:10]

    def to_json(self) -> dict[str, Any]:
        return {**_fields(self), "findings": [f.to_json() for f in self.findings]}

    def to_line(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LogRecord:
        findings = tuple(FindingRecord.from_json(f) for f in data["findings"])
        return cls(**{**_known(cls, data), "findings": findings, "latency_ms": float(data.get("latency_ms", 0.0))})

    def storable(self) -> LogRecord:
        """This record with every text (messages, details, names included) storable in both backends.

        One step over the record's JSON form, so a field added later is covered without a change here.
        """
        return LogRecord.from_json(_storable(self.to_json()))


@dataclass(frozen=True, slots=True)
class FindingLabel:
    label: Label
    note: str | None
    labelled_at: str
    reviewer: str | None = None  # None for labels given before schema 3


class AuditEvent(StrEnum):
    """What the audit trail records (`safe-reply log history ID`)."""

    LABEL = "label"  # a finding was labelled (value: the new label, previous: the old one or None)
    REVEAL = "reveal"  # a masked term was shown in clear to an allowed reviewer (value: its kind)
    REVEAL_DENIED = "reveal_denied"  # someone without the role asked (value: its kind)
    PROPOSAL = "proposal"  # a policy change was proposed from the record (value: what, note: the file)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of a record's audit trail. `finding` counts from 0 (None: the whole record)."""

    record_id: int
    event: AuditEvent
    at: str  # TIME_FORMAT, UTC
    reviewer: str | None
    finding: int | None = None
    value: str | None = None
    previous: str | None = None
    note: str | None = None
    previous_note: str | None = None


# Findings that record what the guard did mechanically rather than a judgement a reviewer could
# confirm or reject: the inserted AI notice, a rewrite that failed, a validator that crashed or overran,
# a reply too long to check. The review queue leaves them out unless asked (they were a third of a real
# review session).
MECHANICAL_CATEGORIES = frozenset({"missing_disclosure", "rewrite_failed", "validator_error", "reply_too_long"})


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """A record read back: its short numeric id (for the CLI) and the labels of its findings."""

    id: int
    record: LogRecord
    labels: Mapping[int, FindingLabel] = field(default_factory=dict)  # finding index -> label

    def to_json(self) -> dict[str, Any]:
        data = {"id": self.id, **self.record.to_json()}
        for index, finding in enumerate(data["findings"]):
            label = self.labels.get(index)
            finding["label"] = label.label.value if label else None
            finding["note"] = label.note if label else None
        return data


class LabelFilter(StrEnum):
    """`--label` of `log list`: records with at least one finding in this state."""

    CONFIRMED = "confirmed"
    FALSE_POSITIVE = "false_positive"
    UNLABELLED = "unlabelled"


@dataclass(frozen=True, slots=True)
class RecordFilter:
    """Filters shared by list, export, stats and review. None = no restriction. Times in TIME_FORMAT."""

    since: str | None = None
    until: str | None = None
    product_line: str | None = None
    category: str | None = None
    rule: str | None = None
    action: str | None = None
    label: LabelFilter | None = None
    limit: int | None = None
    # False: only records with at least one finding a reviewer can judge (MECHANICAL_CATEGORIES left out),
    # and `unlabelled` means an unlabelled finding of that kind. True: every record.
    mechanical: bool = True


@dataclass(frozen=True, slots=True)
class Stats:
    """What `log stats` prints. Counts are plain (key, count) rows, sorted by key."""

    by_category: tuple[tuple[str, int], ...]
    by_rule: tuple[tuple[str, int], ...]
    by_product_line: tuple[tuple[str, int], ...]
    by_day: tuple[tuple[str, int], ...]
    by_action: tuple[tuple[str, int], ...]
    # (product line, intended action, records): what enforce mode did or would have done
    by_product_line_intended: tuple[tuple[str, str, int], ...]
    passes_by_product_line: tuple[tuple[str, int], ...]
    # rule -> (confirmed, false positives)
    labels_by_rule: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """Per-day figures for the dashboard and the report (days are UTC, `YYYY-MM-DD`)."""

    # (day, intended action, records): what enforce mode did or would have done
    records_by_day: tuple[tuple[str, str, int], ...]
    passes_by_day: tuple[tuple[str, int], ...]
    # (day the record was made, rule, confirmed, false positives)
    labels_by_day_rule: tuple[tuple[str, str, int, int], ...]


@dataclass(frozen=True, slots=True)
class KnownValues:
    """The distinct values the log holds, for did-you-mean on filters."""

    product_lines: frozenset[str]
    rules: frozenset[str]
    categories: frozenset[str]
    actions: frozenset[str]
