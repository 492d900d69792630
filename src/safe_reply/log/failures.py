"""How the log store fails: what the recorder, the spool and the CLI tell apart."""

from __future__ import annotations

from safe_reply.errors import SafeReplyError


class StoreUnavailable(SafeReplyError):
    """The store cannot be reached or written right now (server down, database locked too long)."""


class RecordRejected(SafeReplyError):
    """The store works but refuses this record (a value it cannot hold): retrying it cannot help.

    `reason` names the exception only: its text may quote the record.
    """

    def __init__(self, record_uuid: str, reason: str) -> None:
        self.record_uuid, self.reason = record_uuid, reason
        super().__init__(
            f"the log store refused record {record_uuid} ({reason}). Fix: look at it in the spool's .rejected file"
        )


class UnknownRecord(SafeReplyError):
    def __init__(self, record_id: int) -> None:
        self.record_id = record_id
        super().__init__(f"no log record with id {record_id}. Fix: pick an id from `safe-reply log list`")


class UnknownFinding(SafeReplyError):
    """A finding index the record does not have. The message numbers findings from 1, as `log show` does."""

    def __init__(self, record_id: int, index: int, count: int) -> None:
        self.record_id, self.index, self.count = record_id, index, count
        super().__init__(
            f"record {record_id} has no finding {index + 1} (it has {count}, numbered from 1 as in `log show`). "
            f"Fix: pass --finding between 1 and {max(count, 1)}, or leave it out"
        )
