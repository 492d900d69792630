"""Deleting from the log so that it stays deleted: retention purges and erasure of a conversation.

An erasure (DSGVO Art. 17) or a retention purge must not be undone by a record that arrives later:
one waiting in a spool (this host's is purged with the store, another host's is not), or a write in
flight. So the store remembers what it deleted and refuses such records at insert time:

- `erasures`: the conversation's keyed hash and when it was erased. A record of it made before then
  is refused; the conversation may go on afterwards (a later record is stored).
- `log_state.purged_before`: the purge horizon. A record made before it is refused. It only moves
  forward, and an erasure older than it is dropped (the horizon refuses its records anyway), so the
  pseudonym of an erased conversation is kept no longer than the retention period.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, TypeVar

from safe_reply.log.records import now_text

T = TypeVar("T")
Execute = Callable[..., Any]

# The condition an insert of a record checks; parameters: conversation hash, created at, created at.
NOT_ERASED = (
    "NOT EXISTS (SELECT 1 FROM erasures e WHERE e.conversation_hash = ? AND e.erased_at >= ?) "
    "AND NOT EXISTS (SELECT 1 FROM log_state s WHERE s.name = 'purged_before' AND s.value > ?)"
)


class Erasure(ABC):
    """Retention purges and conversation erasure over the log's tables."""

    @abstractmethod
    def _run(self, work: Callable[[Execute], T]) -> T:
        """Run `work(execute)` in one transaction."""

    def purge(self, before: str) -> int:
        """Delete records created before `before` (TIME_FORMAT) and refuse them from now on; returns how many."""

        def work(execute: Execute) -> int:
            deleted = execute("DELETE FROM records WHERE created_at < ?", (before,)).rowcount
            execute("DELETE FROM audit_events WHERE at < ?", (before,))
            execute("DELETE FROM counters WHERE day < ?", (before[:10],))
            execute("DELETE FROM turns WHERE updated_at < ?", (before,))
            # Never in the future: a purge of "everything" must not refuse the records made after it.
            execute(
                "INSERT INTO log_state (name, value) VALUES ('purged_before', ?) ON CONFLICT (name) "
                "DO UPDATE SET value = excluded.value WHERE log_state.value < excluded.value",
                (min(before, now_text()),),
            )
            execute("DELETE FROM erasures WHERE erased_at < ?", (before,))
            return int(deleted)

        return self._run(work)

    def delete_conversation(self, conversation_hash: str) -> int:
        """Delete every record of the conversation, and refuse its earlier records from now on."""

        def work(execute: Execute) -> int:
            # The audit trail keeps who did what and when; its only free text (notes) goes with the records.
            execute(
                "UPDATE audit_events SET note = NULL, previous_note = NULL WHERE record_id IN "
                "(SELECT id FROM records WHERE conversation_hash = ?)",
                (conversation_hash,),
            )
            deleted = execute("DELETE FROM records WHERE conversation_hash = ?", (conversation_hash,)).rowcount
            execute("DELETE FROM turns WHERE conversation_hash = ?", (conversation_hash,))
            execute(
                "INSERT INTO erasures (conversation_hash, erased_at) VALUES (?, ?) ON CONFLICT (conversation_hash) "
                "DO UPDATE SET erased_at = excluded.erased_at",
                (conversation_hash, now_text()),
            )
            return int(deleted)

        return self._run(work)
