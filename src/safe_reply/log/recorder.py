"""The DecisionRecorder the guard wrapper calls before it releases each reply.

- A pass is counted, not stored: an in-memory counter per (day, product line, "pass") is flushed to
  the store every N counted increments (passes and turns) or S seconds, by a flusher thread (the
  reply's thread never waits for that write), and at close and exit; so counts may lag (and a crash
  may lose the unflushed part); records never do.
- Anything else (block, rewrite, raise; in monitor mode whatever enforce mode would have done) is
  masked (see masking) and written durably before `on_decision` returns. When the store fails or is
  slow, the record goes to the local spool (fsynced) instead and the bot keeps answering; the spool is
  replayed on the flusher thread once the store works again, or by `safe-reply log replay`. A record
  the store refuses is put aside in `<spool>.rejected` and reported.
- Every store call runs behind a circuit breaker (see circuit.py): a reply waits for the store at
  most `store_timeout_s`, and while the store is down or slow nothing waits for it at all.
- The recorder is also the TurnTracker, off the durable path like the pass counts: replies are
  counted per conversation in memory (exact within the process), and the increments are added to the
  store's `turns` table in the same batched flush. A conversation this process has not seen yet (a
  new one, or one begun before a restart or on another replica) is read through from the store
  first, so it continues from its stored count. What may go wrong is only ever an undercount (the
  unflushed increments lost in a crash; two replicas serving one conversation within one flush
  interval; the store down at first sight), and an undercount can only show the AI notice once more:
  a turn > 1 is reported only where an earlier reply of the conversation was counted, so the notice
  is never skipped on a conversation's first reply. A passing reply thus costs no I/O at all once
  its conversation is known, one read on first sight, and its share of one batched write.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime

from safe_reply.conversation import DEFAULT_MAX_CONVERSATIONS, ConversationTracker
from safe_reply.errors import SafeReplyError
from safe_reply.keys import KeyedHasher
from safe_reply.log.circuit import StoreCircuit
from safe_reply.log.masking import mask_decision, pseudonymise
from safe_reply.log.records import LogRecord, format_time, new_record_uuid
from safe_reply.log.spool import ReplayResult, Spool
from safe_reply.log.store import CountKey, LogStore, RecordRejected, StoreUnavailable
from safe_reply.types import Action, Context, Decision

_log = logging.getLogger("safe_reply.log")


class LogUnavailable(SafeReplyError):
    """Neither the store nor the spool could take a record: the reply must not be released."""


def build_record(decision: Decision, ctx: Context, latency_s: float, key: bytes, now: datetime) -> LogRecord:
    """The masked, pseudonymised record of one decision, every text of it storable in both backends."""
    masked = mask_decision(decision.original, decision.delivered, decision.findings, key)
    language = decision.language or ctx.language
    return LogRecord(
        record_uuid=new_record_uuid(),
        created_at=format_time(now),
        product_line=decision.policy_ref.product_line,
        policy_hash=decision.policy_ref.policy_hash,
        action=decision.action.value,
        intended=decision.intended.value,
        original_masked=masked.original,
        delivered_masked=masked.delivered,
        findings=masked.findings,
        original_sealed=masked.sealed,
        conversation_hash=None if ctx.conversation_id is None else pseudonymise(key, ctx.conversation_id),
        turn=ctx.turn,
        language=None if language is None else language.value,
        channel=ctx.channel,
        latency_ms=latency_s * 1000.0,
    ).storable()


class LogRecorder:
    """DecisionRecorder and TurnTracker over a LogStore with a spool for outages. Thread-safe."""

    def __init__(
        self,
        store_factory: Callable[[], LogStore],
        spool: Spool,
        key: bytes,
        *,
        count_flush_every: int = 200,
        count_flush_seconds: float = 10.0,
        retry_seconds: float = 5.0,
        store_timeout_s: float = 2.0,
        max_conversations: int = DEFAULT_MAX_CONVERSATIONS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.spool = spool
        self._key = key
        self._flush_every = count_flush_every
        self._flush_seconds = count_flush_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._circuit = StoreCircuit(store_factory, timeout_s=store_timeout_s, retry_s=retry_seconds, clock=clock)
        self._pseudonymise = KeyedHasher(key)  # the same keyed hash as masking.pseudonymise, keyed once
        self._counts: Counter[CountKey] = Counter()
        self._turns = ConversationTracker(max_conversations)  # by conversation id, exact in this process
        self._new_turns: Counter[str] = Counter()  # replies not yet in the store, by conversation id
        self._counted_since_flush = 0
        self._last_flush = clock()
        # The batched write and the spool replay happen on a flusher thread, never on the reply's: a due
        # flush or replay only wakes it.
        self._wake = threading.Event()
        self._replay_due = False
        self._closing = False
        self._flusher: threading.Thread | None = None
        self.spooled = 0  # records that went to the spool in this process
        self.rejected = 0  # records the store refused, put aside in `<spool>.rejected`
        # Connect now if we can (bounded), so the first blocked reply pays no connect time; and replay
        # what an earlier run left in the spool.
        with contextlib.suppress(StoreUnavailable):
            self._circuit.ensure()
            if self.spool.has_pending():
                self._replay_soon()
        # Pass counts and turns are batched in memory; flush them when the process ends normally, so a
        # short run (a demo, a batch audit) still shows its passes and a restart continues the turns.
        atexit.register(self.flush)

    @property
    def store(self) -> LogStore | None:
        """The open store (None while it is unavailable)."""
        return self._circuit.store

    # -- DecisionRecorder ---------------------------------------------------------------------

    def on_decision(self, decision: Decision, ctx: Context, latency_s: float) -> None:
        now = datetime.now(UTC)
        if decision.action is Action.PASS and decision.intended is Action.PASS:
            self._count((now.strftime("%Y-%m-%d"), decision.policy_ref.product_line, Action.PASS.value))
            return
        self.write(build_record(decision, ctx, latency_s, self._key, now))

    def write(self, record: LogRecord) -> None:
        """Store durably, or spool durably; raises LogUnavailable only when both fail.

        A record the store refuses (a value it cannot hold) is put aside in `<spool>.rejected` and
        reported: retrying it cannot help, and it must not keep the records after it out of the store.
        """
        try:
            self._store_record(record)
        except RecordRejected as exc:
            self._reject(record, exc)
            return
        except StoreUnavailable:
            pass  # down or slow: the circuit is open now, the record goes to the spool
        else:
            if self.spool.has_pending():
                self._replay_soon()
            return
        try:
            self.spool.append(record)
        except OSError as exc:
            raise LogUnavailable(
                f"the log store and the spool {self.spool.path} both failed ({exc}); the reply was not "
                "released. Fix: make the spool folder writable or bring the store back"
            ) from exc
        self.spooled += 1

    def _store_record(self, record: LogRecord) -> bool:
        return self._circuit.call(lambda store: store.write(record))

    def _reject(self, record: LogRecord, exc: RecordRejected) -> None:
        try:
            self.spool.reject(record)
        except OSError as failed:
            raise LogUnavailable(
                f"the log store refused a record ({exc.reason}) and {self.spool.rejected_path} could not take it "
                f"({failed}); the reply was not released. Fix: make the spool folder writable"
            ) from failed
        self.rejected += 1
        _log.error("%s; moved to %s", exc, self.spool.rejected_path)

    def _replay_soon(self) -> None:
        self._replay_due = True
        self._flush_soon()

    def _replay_quietly(self) -> None:
        """Replay the spool through the circuit (on the flusher thread); skipped while another replay runs."""
        result = self.spool.replay(self._store_record, wait=False)
        if result is None:
            return
        if result.rejected or result.skipped_lines:
            _log.error(
                "replay: %d record(s) the store refused (%s) and %d unreadable line(s) moved to %s",
                result.rejected, ", ".join(result.reasons), result.skipped_lines, self.spool.rejected_path,
            )  # fmt: skip
        _log.info("replayed %d spooled record(s), %d new, %d left", result.read, result.stored, result.left)

    def replay(self) -> ReplayResult:
        """Replay the spool now, after a replay running elsewhere; `left` > 0 when the store went away."""
        result = self.spool.replay(self._store_record)
        assert result is not None  # waited for the lock
        return result

    # -- batched counts: passes and turns ------------------------------------------------------

    def _count(self, key: CountKey) -> None:
        with self._lock:
            self._counts[key] += 1
            due = self._counted()
        if due:
            self._flush_soon()

    def _counted(self) -> bool:
        """One more batched increment (call under the lock); True when a flush is due."""
        self._counted_since_flush += 1
        return self._counted_since_flush >= self._flush_every or self._clock() - self._last_flush >= self._flush_seconds

    def _flush_soon(self) -> None:
        """Wake the flusher thread (started on first use, and again in a forked child, where it is gone)."""
        with self._lock:
            if self._closing:
                return
            if self._flusher is None or not self._flusher.is_alive():
                self._flusher = threading.Thread(target=self._flush_loop, name="safe-reply-log-flush", daemon=True)
                self._flusher.start()
        self._wake.set()

    def _flush_loop(self) -> None:
        # Daemon: at interpreter exit the atexit flush takes what is left.
        while not self._closing:
            self._wake.wait(self._flush_seconds)
            self._wake.clear()
            if self._closing:
                return
            self.flush()
            # Due after a good write found records waiting; otherwise tried every flush interval while
            # the store is up (a spool left by another process, a replay an outage cut short).
            if self._replay_due or (self._circuit.store is not None and self.spool.has_pending()):
                self._replay_due = False
                self._replay_quietly()

    def flush(self) -> None:
        """Add the counted passes and turns to the store now; on failure keep them for the next flush."""
        with self._lock:
            counts, self._counts = self._counts, Counter()
            turns, self._new_turns = self._new_turns, Counter()
            self._counted_since_flush = 0
            self._last_flush = self._clock()
        if not counts and not turns:
            return
        # Hashed here, not per reply: the flush hashes each conversation once per batch.
        hashed = {self._pseudonymise(c): n for c, n in turns.items()}
        try:
            self._circuit.call(lambda store: store.add_counts(counts, hashed))
        except (StoreUnavailable, RecordRejected):
            with self._lock:
                self._counts.update(counts)
                self._new_turns.update(turns)

    # -- TurnTracker --------------------------------------------------------------------------

    def next_turn(self, conversation_id: str) -> int:
        """Count one more reply in the conversation and return its turn.

        A store that replicas share (PostgreSQL) counts every reply itself, in one round trip without a
        disk wait. Otherwise (SQLite) the count lives in memory with no I/O once the conversation is
        known: on first sight (in this process, or again after the in-memory bound forgot it) the stored
        count is read, plus increments of this process still waiting for the flush. When the store is
        down or slow (each call bounded by the store timeout) the count starts at 0: the notice is shown
        again rather than skipped.
        """
        try:
            shares = self._circuit.ensure().shares_turns
        except StoreUnavailable:
            shares = False
        if shares:
            # Replicas share this store: count in it (one round trip, no disk wait), so the replica
            # that answers the second reply knows it is the second.
            hashed = self._pseudonymise(conversation_id)
            with contextlib.suppress(StoreUnavailable, RecordRejected):
                return self._circuit.call(lambda store: store.count_turn(hashed))
            # Then count here: at worst the notice shows once more.
        turn = self._turns.advance(conversation_id)
        if turn is None:
            stored = self._stored_replies(self._pseudonymise(conversation_id))
            with self._lock:
                stored += self._new_turns[conversation_id]
            turn = self._turns.advance(conversation_id, start=stored)
            assert turn is not None  # with a start, an unknown conversation is taken up
        with self._lock:
            self._new_turns[conversation_id] += 1
            due = self._counted()
        if due:
            self._flush_soon()
        return turn

    def _stored_replies(self, conversation_hash: str) -> int:
        try:
            return self._circuit.call(lambda store: store.replies(conversation_hash))
        except (StoreUnavailable, RecordRejected):
            return 0

    def close(self) -> None:
        with self._lock:
            self._closing = True
            flusher = self._flusher
        self._wake.set()
        if flusher is not None and flusher is not threading.current_thread():
            flusher.join()
        self.flush()
        self._circuit.close()


class DisabledRecorder:
    """What `open_recorder` returns when `log.enabled` is false: records and counts nothing."""

    def on_decision(self, decision: Decision, ctx: Context, latency_s: float) -> None:
        return None

    def close(self) -> None:
        return None
