"""Every call the recorder makes to its store: bounded in time, behind a circuit breaker.

A store can fail slowly: a PostgreSQL server that accepts connections and never answers (frozen,
swapping, a half-open network path) blocks a socket read for as long as it stays so, and no
client-side timeout of libpq covers that. So the store is never called on a reply's thread: each
call runs on one of a few worker threads that belong to that store object, and the reply waits for
the answer at most `timeout_s` (log.store_timeout_seconds).

- A call that overruns, or fails with anything but a refused record, opens the circuit: the store
  object is dropped (its connection cut from outside, `LogStore.abort`, so a thread stuck in it gets
  an error instead of waiting on; it is closed on its own worker thread, never on the caller's), and
  for `retry_s` every call fails at once with StoreUnavailable: the recorder spools, the reply does
  not wait.
- After `retry_s` one caller opens a fresh store (a new connection, bounded too) while the others go
  on spooling; if it answers, the circuit is closed again.
- Worker threads are daemons: one stuck in a frozen store never keeps the process from exiting.

So a frozen store costs one reply per `retry_s` at most `timeout_s`, and the other replies nothing.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

from safe_reply.log.failures import RecordRejected, StoreUnavailable
from safe_reply.log.store import LogStore

T = TypeVar("T")
_log = logging.getLogger("safe_reply.log")
WORKERS_PER_STORE = 4  # calls of several reply threads at once (a SQLite read never waits for a write)


class _Workers:
    """Daemon threads that run one store object's calls, started as calls need them."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._pid = os.getpid()
        self._queue: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]] | None] = queue.SimpleQueue()
        self._threads = 0
        self._pending = 0  # calls submitted and not finished (a stuck one stays pending)

    def submit(self, call: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._pid != os.getpid():
                self._reset()  # a forked child has none of its parent's threads
            self._pending += 1
            if self._pending > self._threads and self._threads < WORKERS_PER_STORE:
                self._threads += 1
                threading.Thread(target=self._loop, name=self._name, daemon=True).start()
        self._queue.put((call, future))
        return future

    def _loop(self) -> None:
        while (item := self._queue.get()) is not None:
            call, future = item
            if future.set_running_or_notify_cancel():
                try:
                    result = call()
                except BaseException as exc:
                    future.set_exception(exc)
                else:
                    future.set_result(result)
            with self._lock:
                self._pending -= 1

    def stop(self) -> None:
        """Let the threads end once the calls already queued are done (a stuck one ends when it returns)."""
        with self._lock:
            count = self._threads
        for _ in range(count):
            self._queue.put(None)


class _Slot:
    """One opened store object and its worker threads."""

    def __init__(self, store: LogStore, workers: _Workers) -> None:
        self.store, self.workers = store, workers

    def abandon(self) -> None:
        """Drop the store without waiting for it: cut its connection, close it on its own thread."""
        try:
            self.store.abort()
        except Exception as exc:  # best effort: the store is dropped either way
            _log.debug("aborting the log store failed: %s", exc)
        self.workers.submit(self.store.close)
        self.workers.stop()


def _close_late(future: Future[LogStore]) -> None:
    """A store that opened after its caller stopped waiting is closed, not leaked."""
    if not future.cancelled() and future.exception() is None:
        future.result().close()


class StoreCircuit:
    """The recorder's way to its store: `call(work)` runs `work(store)` bounded, or fails at once."""

    def __init__(
        self, factory: Callable[[], LogStore], *, timeout_s: float, retry_s: float, clock: Callable[[], float]
    ) -> None:
        self._factory = factory
        self._timeout = timeout_s
        self._retry = retry_s
        self._clock = clock
        self._lock = threading.Lock()
        self._slot: _Slot | None = None
        self._open_until = float("-inf")
        self._probing = False
        self._closed = False
        self._why = "not opened yet"

    @property
    def store(self) -> LogStore | None:
        """The open store, or None while the circuit is open."""
        slot = self._slot
        return None if slot is None else slot.store

    def ensure(self) -> LogStore:
        """The open store, opening a fresh one when the circuit allows (bounded); else StoreUnavailable."""
        return (self._slot or self._open()).store

    def call(self, work: Callable[[LogStore], T]) -> T:
        """`work(store)` on a worker thread; the caller waits at most the timeout.

        Raises RecordRejected (the store refused a record: the circuit stays closed) or
        StoreUnavailable (open circuit, overrun or failure: the circuit opens).
        """
        slot = self._slot or self._open()
        future = slot.workers.submit(lambda: work(slot.store))
        try:
            return future.result(timeout=self._timeout)
        except FutureTimeout:
            why = f"no answer within {self._timeout:g} s"
            self._trip(slot, why)
            raise StoreUnavailable(f"the log store gave {why}; records are spooled meanwhile") from None
        except RecordRejected:
            raise
        except Exception as exc:
            self._trip(slot, str(exc))
            if isinstance(exc, StoreUnavailable):
                raise
            raise StoreUnavailable(f"the log store failed ({type(exc).__name__}: {exc})") from exc

    def _open(self) -> _Slot:
        with self._lock:
            if self._slot is not None:
                return self._slot
            if self._closed:
                raise StoreUnavailable("the log recorder is closed")
            if self._probing or self._clock() < self._open_until:
                raise StoreUnavailable(f"the log store is unavailable ({self._why}); records are spooled")
            self._probing = True  # one caller tries; the others spool meanwhile
        try:
            workers = _Workers("safe-reply-log-store")
            future = workers.submit(self._factory)
            try:
                store = future.result(timeout=self._timeout)
            except FutureTimeout:
                future.add_done_callback(_close_late)
                workers.stop()
                why = f"it did not open within {self._timeout:g} s"
                self._trip(None, why)
                raise StoreUnavailable(f"the log store is unavailable ({why}); records are spooled") from None
            except Exception as exc:
                workers.stop()
                self._trip(None, str(exc))
                if isinstance(exc, StoreUnavailable):
                    raise
                raise StoreUnavailable(f"the log store did not open ({type(exc).__name__}: {exc})") from exc
            slot = _Slot(store, workers)
            with self._lock:
                if self._closed:
                    slot.abandon()
                    raise StoreUnavailable("the log recorder is closed")
                self._slot = slot
            return slot
        finally:
            with self._lock:
                self._probing = False

    def _trip(self, slot: _Slot | None, why: str) -> None:
        """Open the circuit for `retry_s` and drop the store (unless another caller already did)."""
        with self._lock:
            if slot is not None and self._slot is not slot:
                return  # tripped already; a newer store may be open
            self._slot = None
            self._open_until = self._clock() + self._retry
            self._why = why
        _log.warning("log store unavailable (%s): spooling records, next try in %g s", why, self._retry)
        if slot is not None:
            slot.abandon()

    def close(self) -> None:
        """Close the store, waiting for it at most the timeout; later calls fail at once."""
        with self._lock:
            slot, self._slot = self._slot, None
            self._closed = True
        if slot is None:
            return
        future = slot.workers.submit(slot.store.close)
        slot.workers.stop()
        try:
            future.result(timeout=self._timeout)
        except FutureTimeout:
            slot.store.abort()  # a stuck close: cut the connection, the thread ends when it returns
        except Exception as exc:
            _log.warning("closing the log store failed: %s", exc)
