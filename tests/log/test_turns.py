"""Turn counting in the recorder: in memory on the hot path, written behind, read through on first sight."""

from __future__ import annotations

import atexit
import itertools
import threading
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from log.logdata import Outage, eventually, passing
from safe_reply.log import LogRecorder, Spool, SqlLogStore, open_store, pseudonymise
from safe_reply.log.store import CountKey
from safe_reply.types import Context

KEY = b"k"


class CountingStore:
    """A store proxy that counts the calls the recorder makes (reads and batched writes)."""

    def __init__(self, store: SqlLogStore, calls: Counter[str]) -> None:
        self._store = store
        self._calls = calls

    @property
    def shares_turns(self) -> bool:  # a property of the store, not a call to it
        return self._store.shares_turns

    def replies(self, conversation_hash: str) -> int:
        self._calls["replies"] += 1
        return self._store.replies(conversation_hash)

    def add_counts(self, counts: Mapping[CountKey, int], turns: Mapping[str, int] | None = None) -> None:
        self._calls["add_counts"] += 1
        self._store.add_counts(counts, turns)

    def __getattr__(self, name: str) -> Any:
        self._calls[name] += 1
        return getattr(self._store, name)


def recorder(path: Path, calls: Counter[str] | None = None, **options: Any) -> LogRecorder:
    def factory() -> Any:
        store = open_store(path / "log.sqlite3")
        return store if calls is None else CountingStore(store, calls)

    options.setdefault("count_flush_seconds", 3600.0)  # flushes by count only, so a crashed one stays quiet
    made = LogRecorder(factory, Spool(path / "spool.jsonl"), KEY, **options)
    atexit.unregister(made.flush)  # the tests flush and close explicitly (a "crash" must not flush at exit)
    return made


def stored(path: Path, conversation: str) -> int:
    store = open_store(path / "log.sqlite3")
    try:
        return store.replies(pseudonymise(KEY, conversation))
    finally:
        store.close()


def crash(made: LogRecorder) -> None:
    """The process dies: nothing unflushed reaches the store."""
    if made.store is not None:
        made.store.close()


def test_a_passing_reply_costs_no_store_write_and_a_known_conversation_no_read(tmp_path: Path) -> None:
    calls: Counter[str] = Counter()
    made = recorder(tmp_path, calls, count_flush_every=1000)
    turns = []
    for _ in range(8):
        turns.append(made.next_turn("c1"))
        made.on_decision(passing(), Context(conversation_id="c1"), 0.001)
    assert turns == [1, 2, 3, 4, 5, 6, 7, 8]
    assert calls == Counter(replies=1)  # one read on first sight, no write at all
    assert stored(tmp_path, "c1") == 0
    made.close()
    assert calls["add_counts"] == 1  # passes and turns in one transaction
    assert stored(tmp_path, "c1") == 8


class GatedStore(CountingStore):
    """Its batched write waits until the test opens the gate."""

    def __init__(self, store: SqlLogStore, calls: Counter[str], gate: threading.Event) -> None:
        super().__init__(store, calls)
        self.gate = gate
        self.writing = threading.Event()

    def add_counts(self, counts: Mapping[CountKey, int], turns: Mapping[str, int] | None = None) -> None:
        self.writing.set()
        assert self.gate.wait(10)
        super().add_counts(counts, turns)


def test_a_due_flush_never_makes_a_reply_wait(tmp_path: Path) -> None:
    gate, calls = threading.Event(), Counter[str]()
    gated = GatedStore(open_store(tmp_path / "log.sqlite3"), calls, gate)
    made = LogRecorder(lambda: gated, Spool(tmp_path / "spool.jsonl"), KEY, count_flush_every=1)
    atexit.unregister(made.flush)
    assert made.next_turn("c1") == 1  # due at once: the flusher thread starts writing and is held there
    assert gated.writing.wait(10)

    def replies() -> None:
        assert [made.next_turn("c1"), made.next_turn("c1")] == [2, 3]
        made.on_decision(passing(), Context(conversation_id="c1", turn=3), 0.001)

    worker = threading.Thread(target=replies)
    worker.start()
    worker.join(5)
    assert not worker.is_alive()  # the replies went through while the write was still held
    gate.set()
    made.close()
    assert stored(tmp_path, "c1") == 3


def test_a_restart_continues_the_count_from_the_store(tmp_path: Path) -> None:
    first = recorder(tmp_path)
    assert [first.next_turn("c1"), first.next_turn("c1"), first.next_turn("c2")] == [1, 2, 1]
    first.close()
    again = recorder(tmp_path)
    assert [again.next_turn("c1"), again.next_turn("c2"), again.next_turn("c3")] == [3, 2, 1]
    again.close()
    assert (stored(tmp_path, "c1"), stored(tmp_path, "c2"), stored(tmp_path, "c3")) == (3, 2, 1)


def test_the_flush_runs_every_n_counted_replies(tmp_path: Path) -> None:
    made = recorder(tmp_path, count_flush_every=3)
    made.next_turn("c1")
    made.on_decision(passing(), Context(conversation_id="c1"), 0.001)
    assert stored(tmp_path, "c1") == 0
    made.next_turn("c1")  # the third counted increment: the flusher thread writes all three
    assert eventually(lambda: stored(tmp_path, "c1") == 2)
    made.close()


def test_a_crash_loses_only_the_unflushed_turns_and_so_shows_the_notice_again(tmp_path: Path) -> None:
    made = recorder(tmp_path, count_flush_every=2)
    assert [made.next_turn("c1"), made.next_turn("c1")] == [1, 2]
    assert eventually(lambda: stored(tmp_path, "c1") == 2)
    assert made.next_turn("c1") == 3
    crash(made)  # the third reply was counted in memory only
    again = recorder(tmp_path)
    assert again.next_turn("c1") == 3  # undercounted by one, never over
    again.close()


def test_replicas_add_up_and_a_new_replica_reads_the_flushed_count(tmp_path: Path) -> None:
    a, b = recorder(tmp_path), recorder(tmp_path)
    assert [a.next_turn("c1"), a.next_turn("c1")] == [1, 2]
    a.flush()
    assert b.next_turn("c1") == 3  # first sight in b: read through
    assert a.next_turn("c1") == 3  # a does not see b's reply until it reads again: an undercount
    a.close()
    b.close()
    assert stored(tmp_path, "c1") == 4  # every reply is in the store once


def test_a_forgotten_conversation_is_read_again_with_its_unflushed_replies(tmp_path: Path) -> None:
    calls: Counter[str] = Counter()
    made = recorder(tmp_path, calls, max_conversations=1, count_flush_every=1000)
    assert [made.next_turn("a"), made.next_turn("b"), made.next_turn("a")] == [1, 1, 2]
    assert calls["replies"] == 3  # "a" was dropped from memory by "b", so it was looked up again
    made.close()
    assert (stored(tmp_path, "a"), stored(tmp_path, "b")) == (2, 1)


def test_with_the_store_down_a_conversation_starts_at_one_and_is_added_later(tmp_path: Path) -> None:
    seeded = open_store(tmp_path / "log.sqlite3")
    seeded.add_counts({}, {pseudonymise(KEY, "c1"): 5})
    seeded.close()
    outage = Outage(tmp_path / "log.sqlite3")
    outage.down = True
    clock = itertools.count(0.0, 1.0)
    made = LogRecorder(outage, Spool(tmp_path / "spool.jsonl"), KEY, retry_seconds=0.5, clock=lambda: next(clock))
    atexit.unregister(made.flush)
    assert [made.next_turn("c1"), made.next_turn("c1")] == [1, 2]  # unknown: the notice again, never skipped
    outage.down = False
    made.close()
    assert stored(tmp_path, "c1") == 7


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["reply", "flush", "restart", "crash"]), st.integers(0, 1), st.sampled_from("abc")),
        max_size=30,
    )
)
def test_a_reported_turn_is_never_above_the_true_count(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int, str]]
) -> None:
    """Two replicas on one store, with flushes, clean restarts and crashes in any order: every turn is
    between 1 and the conversation's true number of replies, so a first reply is always turn 1."""
    folder = tmp_path_factory.mktemp("turns")

    def make() -> LogRecorder:
        return recorder(folder, count_flush_every=1000)

    replicas = [make(), make()]
    true: Counter[str] = Counter()
    exact = True  # replica 0 alone and never crashed: then its count is exact
    for action, index, conversation in steps:
        if action == "reply":
            true[conversation] += 1
            turn = replicas[index].next_turn(conversation)
            assert 1 <= turn <= true[conversation]
            exact = exact and index == 0
            if exact:
                assert turn == true[conversation]
        elif action == "flush":
            replicas[index].flush()
        elif action == "restart":
            replicas[index].close()
            replicas[index] = make()
        else:
            crash(replicas[index])
            replicas[index] = make()
            exact = exact and index == 1
    for replica in replicas:
        replica.close()


class SharedStore:
    """A store that bot replicas share (as PostgreSQL is): it counts every turn itself."""

    shares_turns = True

    def __init__(self) -> None:
        self.turns: Counter[str] = Counter()

    def count_turn(self, conversation_hash: str) -> int:
        self.turns[conversation_hash] += 1
        return self.turns[conversation_hash]

    def add_counts(self, counts: Mapping[CountKey, int], turns: Mapping[str, int] | None = None) -> None:
        assert not turns, "a shared store counted the turns already: nothing may be added twice"

    def close(self) -> None:
        return None


def test_replicas_sharing_a_store_count_every_turn_in_it(tmp_path: Path) -> None:
    shared = SharedStore()
    first, second = (
        LogRecorder(lambda: shared, Spool(tmp_path / f"spool{n}.jsonl"), KEY, count_flush_seconds=3600.0)  # type: ignore[arg-type, return-value]
        for n in (1, 2)
    )
    assert [first.next_turn("c"), second.next_turn("c"), first.next_turn("c"), second.next_turn("d")] == [1, 2, 3, 1]
    first.close()
    second.close()
    assert shared.turns == {pseudonymise(KEY, "c"): 3, pseudonymise(KEY, "d"): 1}


def test_the_sqlite_and_postgres_stores_count_a_turn_in_the_table(tmp_path: Path) -> None:
    store = open_store(tmp_path / "log.sqlite3")
    try:
        assert (store.shares_turns, store.count_turn("h"), store.count_turn("h"), store.replies("h")) == (
            False,
            1,
            2,
            2,
        )
    finally:
        store.close()
