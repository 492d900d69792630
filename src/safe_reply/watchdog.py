"""A time budget for each validator call: one watchdog thread per process, none per reply.

`ProductLinePolicy.detect` marks the start and end of each validator call (`Watch.start`, `Watch.stop`:
a lock and a dict entry, well under a microsecond). One daemon thread looks at the running calls a
few times per budget; a call past its deadline gets an `Overrun` raised inside it
(`PyThreadState_SetAsyncExc`), which the policy turns into a validator_error finding: fail closed.

What CPython can and cannot interrupt this way:
- Python code is interrupted at its next loop iteration or call: an endless `while` loop, a
  quadratic pass over a long reply, a validator that catches every `Exception` (Overrun is a
  BaseException, as KeyboardInterrupt is).
- Code that waits in C is not: `time.sleep`, a socket read, a regex of the `re` module that
  backtracks, a C extension's loop. The exception lands when that call returns to Python. Such a
  validator is judged when it returns: any call that took longer than its budget is an overrun, so
  its findings are replaced by a validator_error (fail closed), but the reply waits until then. What
  bounds these is elsewhere: the reply-size limit (every built-in pass is linear in it), RE2 for
  patterns from config, and timeouts in the code that does I/O. A validator that is still stuck long
  after its deadline is logged as an error (the thread answering that reply is stuck with it).
- A validator that catches BaseException and carries on swallows the interruption (it is raised
  once per call); it is still judged when it returns.
- The interruption can land anywhere in the validator's Python code, as a KeyboardInterrupt can:
  `with` and `finally` blocks run, but a validator that keeps state across replies (it should not:
  validators are pure) could be left half-updated.
- Without `ctypes.pythonapi` (PyPy) nothing is interrupted; overruns are still judged on return.
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
import time

_log = logging.getLogger("safe_reply")
_TICKS_PER_BUDGET = 20  # the watchdog looks this often per budget: an overrun is caught at most 5 % late
_MIN_TICK_S = 0.001
_MAX_TICK_S = 0.05
_IDLE_TICKS = 200  # after this many looks at nothing, the thread sleeps until a call starts


class Overrun(BaseException):
    """Raised inside a validator call that went past its time budget."""


_SET_ASYNC_EXC = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise `exc` in the thread at its next bytecode boundary; None clears one not yet raised."""
    if _SET_ASYNC_EXC is not None:
        _SET_ASYNC_EXC(ctypes.c_ulong(thread_id), None if exc is None else ctypes.py_object(exc))


class Watch:
    """The running validator call of one thread (reused by every call of that thread)."""

    __slots__ = ("_dog", "budget", "deadline", "fired", "name", "reported", "thread_id")

    def __init__(self, dog: Watchdog, thread_id: int) -> None:
        self._dog = dog
        self.thread_id = thread_id
        self.name = ""
        self.budget = 0.0
        self.deadline = float("inf")
        self.fired = False
        self.reported = False

    def start(self, name: str, budget: float) -> None:
        self._dog.start(self, name, budget)

    def stop(self) -> bool:
        """End the call (idempotent); True when it overran its budget, whether interrupted or not."""
        return self._dog.stop(self)


class Watchdog:
    def __init__(self) -> None:
        self._reset()
        os.register_at_fork(after_in_child=self._reset)  # a child has the lock and the dict, not the thread

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[int, Watch] = {}
        self._local = threading.local()
        self._thread: threading.Thread | None = None
        self._asleep = False
        self._wake = threading.Event()
        self._tick = _MAX_TICK_S

    def watch(self) -> Watch:
        """This thread's Watch."""
        watch: Watch | None = getattr(self._local, "watch", None)
        if watch is None:
            watch = self._local.watch = Watch(self, threading.get_ident())
        return watch

    def start(self, watch: Watch, name: str, budget: float) -> None:
        with self._lock:
            watch.name, watch.budget, watch.fired, watch.reported = name, budget, False, False
            watch.deadline = time.monotonic() + budget
            self._running[watch.thread_id] = watch
            self._tick = min(self._tick, max(_MIN_TICK_S, budget / _TICKS_PER_BUDGET))
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="safe-reply-watchdog", daemon=True)
                self._thread.start()
            elif self._asleep:
                self._asleep = False
                self._wake.set()

    def stop(self, watch: Watch) -> bool:
        # Under the lock the watchdog cannot fire any more: an Overrun it raised and that has not landed
        # yet is cleared here, so it can never surface after the call, in the policy or the caller.
        with self._lock:
            if self._running.get(watch.thread_id) is watch:
                del self._running[watch.thread_id]
                if watch.fired:
                    _raise_in(watch.thread_id, None)
            overran = watch.fired or time.monotonic() > watch.deadline
            watch.deadline = float("inf")
            return overran

    def _loop(self) -> None:
        idle = 0
        while True:
            time.sleep(self._tick)
            now = time.monotonic()
            with self._lock:
                if not self._running:
                    idle += 1
                    if idle >= _IDLE_TICKS:
                        self._asleep, idle = True, 0
                        self._wake.clear()
                else:
                    idle = 0
                for watch in self._running.values():
                    if not watch.fired and now > watch.deadline:
                        watch.fired = True
                        _raise_in(watch.thread_id, Overrun)
                    elif watch.fired and not watch.reported and now > watch.deadline + max(1.0, watch.budget):
                        watch.reported = True
                        _log.error(
                            "validator '%s' is still running %.1f s after its time budget of %g s: it cannot be "
                            "interrupted (it waits in C code or swallows the interruption); the reply waits for it",
                            watch.name, now - watch.deadline, watch.budget,
                        )  # fmt: skip
                asleep = self._asleep
            if asleep:
                self._wake.wait()


_SHARED = Watchdog()  # its thread starts at the first watched call, not at import


def shared_watchdog() -> Watchdog:
    """The process's watchdog: every policy shares its one thread."""
    return _SHARED
