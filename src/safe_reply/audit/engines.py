"""Where the audit's tasks run: in this process, in a pool of local processes, or on a Dask cluster.

Each engine maps a function over items and yields results as they complete (any order); the
coordinator puts them back in order. Functions and items are picklable and import only safe_reply, so
a Dask worker needs nothing but the same safe_reply installed (and the files at the same paths).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from safe_reply.audit.sources import AuditError

T = TypeVar("T")
R = TypeVar("R")


class EngineKind(StrEnum):
    LOCAL = "local"
    DASK = "dask"


class Engine(Protocol):
    workers: int
    description: str

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class InProcess:
    """One worker: this process (no start-up cost, the policy is loaded once)."""

    workers = 1
    description = "local, 1 worker (this process)"

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        return (fn(item) for item in items)

    def close(self) -> None:
        return None


class ProcessPool:
    """N local processes (`--workers N`): one per core; each loads the policy once."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.description = f"local, {workers} worker processes"
        # spawn, not fork: the coordinator runs a progress thread, and forking a threaded process can
        # leave a lock held forever in the child.
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        futures: list[Future[R]] = [self._pool.submit(fn, item) for item in items]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            for future in futures:
                future.cancel()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """The workers of a running Dask distributed scheduler (`--engine dask --scheduler ADDRESS`)."""

    def __init__(self, address: str, timeout_s: float = 30.0) -> None:
        try:
            import distributed
        except ImportError:
            raise AuditError("the Dask engine needs its extra. Fix: pip install 'safe-reply[audit]'") from None
        try:
            client: Any = distributed.Client  # untyped library: keep its calls dynamic
            self._client: Any = client(address, timeout=timeout_s, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise AuditError(
                f"cannot reach the Dask scheduler at {address} ({exc}). Fix: start it (dask scheduler) "
                "and its workers, or pass the address it prints"
            ) from None
        self.workers = len(self._client.scheduler_info().get("workers", {}))
        if self.workers == 0:
            self._client.close()
            raise AuditError(f"the Dask scheduler at {address} has no workers. Fix: start some (dask worker {address})")
        self.description = f"dask at {address}, {self.workers} workers"

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        import distributed

        dask_completed: Any = distributed.as_completed

        futures = self._client.map(fn, list(items), pure=False)
        try:
            for future in dask_completed(futures, loop=self._client.loop):
                yield future.result()
        finally:
            self._client.cancel(futures)

    def close(self) -> None:
        self._client.close()


def open_engine(kind: EngineKind, workers: int, scheduler: str | None) -> Engine:
    if kind is EngineKind.DASK:
        if scheduler is None:
            raise AuditError("--engine dask needs --scheduler ADDRESS. Fix: pass e.g. --scheduler tcp://10.0.0.5:8786")
        return DaskCluster(scheduler)
    if scheduler is not None:
        raise AuditError("--scheduler needs --engine dask. Fix: add --engine dask, or drop --scheduler")
    count = workers or os.cpu_count() or 1
    return InProcess() if count == 1 else ProcessPool(count)
