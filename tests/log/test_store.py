"""One suite, both backends: writing, reading, filters, labels, stats, deletion, turns, migrations."""

from __future__ import annotations

from datetime import UTC, datetime

from log.logdata import SECRET_REPLY, claim_finding, decision, secret_finding
from safe_reply.log import Label, LabelFilter, RecordFilter, SqlLogStore, build_record, open_store
from safe_reply.log.records import LogRecord
from safe_reply.log.schema import SCHEMA_VERSION
from safe_reply.types import Action, Context, Span

KEY = b"k"
CLAIM_REPLY = "Wir geben lebenslange Garantie auf den Akku."


def record_at(day: int, *, claim: bool = False, product_line: str = "ebike", conversation: str = "c1") -> LogRecord:
    when = datetime(2025, 3, day, 9, 30, tzinfo=UTC)
    if claim:
        made = decision(CLAIM_REPLY, (claim_finding(Span(10, 30)),), Action.REWRITE, "Wir geben Garantie.",
                        product_line=product_line)  # fmt: skip
    else:
        made = decision(SECRET_REPLY, (secret_finding(), claim_finding(Span(33, 37))), product_line=product_line)
    return build_record(made, Context(conversation_id=conversation, turn=2), 0.0125, KEY, when)


def test_write_then_read_back_exactly(store: SqlLogStore) -> None:
    record = record_at(1)
    assert store.write(record) is True
    [stored] = store.query(RecordFilter())
    assert stored.id == 1
    assert stored.record == record
    assert (
        stored.record.original_masked
        == "Das Projekt ⟦codename:3f2a9c1d00aa11bb⟧ startet 2026 mit dem Motor ⟦codename:3f2a9c1d00aa11bb⟧."
    )
    assert stored.record.latency_ms == 12.5
    assert store.get(1) == stored


def test_the_same_uuid_is_stored_once(store: SqlLogStore) -> None:
    record = record_at(1)
    assert store.write(record) is True
    assert store.write(record) is False
    second = record_at(2)
    assert store.write_many([record, second]) == 1
    # Ids may skip numbers after a conflict (a sequence is not rolled back); the uuids tell the truth.
    assert [s.record.record_uuid for s in store.query(RecordFilter())] == [record.record_uuid, second.record_uuid]


def test_filters(store: SqlLogStore) -> None:
    store.write_many(
        [record_at(1), record_at(2, claim=True), record_at(3, product_line="kitchen"), record_at(4, claim=True)]
    )

    def ids(**kwargs: object) -> list[int]:
        return [s.id for s in store.query(RecordFilter(**kwargs))]  # type: ignore[arg-type]

    assert ids() == [1, 2, 3, 4]
    assert ids(since="2025-03-02T00:00:00.000000Z") == [2, 3, 4]
    assert ids(until="2025-03-03T00:00:00.000000Z") == [1, 2]
    assert ids(product_line="kitchen") == [3]
    assert ids(category="trade_secret") == [1, 3]
    assert ids(rule="claims.de/guarantee-absolute") == [1, 2, 3, 4]
    assert ids(action="rewrite") == [2, 4]
    assert ids(limit=2) == [1, 2]
    store.label(2, Label.FALSE_POSITIVE, "Garantie ist freigegeben")
    store.label(1, Label.CONFIRMED, finding=0)
    assert ids(label=LabelFilter.FALSE_POSITIVE) == [2]
    assert ids(label=LabelFilter.CONFIRMED) == [1]
    assert ids(label=LabelFilter.UNLABELLED) == [1, 3, 4]  # record 1 still has an unlabelled finding


def test_labels_are_per_finding_and_can_be_changed(store: SqlLogStore) -> None:
    store.write(record_at(1))
    assert store.label(1, Label.CONFIRMED) == 2
    assert store.label(1, Label.FALSE_POSITIVE, "kein Claim", finding=1) == 1
    labels = store.get(1).labels
    assert (labels[0].label, labels[0].note) == (Label.CONFIRMED, None)
    assert (labels[1].label, labels[1].note) == (Label.FALSE_POSITIVE, "kein Claim")


def test_stats_counts_and_precision(store: SqlLogStore) -> None:
    store.write_many([record_at(1), record_at(1, claim=True), record_at(2, claim=True, product_line="kitchen")])
    store.add_counts({("2025-03-01", "ebike", "pass"): 5, ("2025-03-02", "kitchen", "pass"): 2})
    store.add_counts({("2025-03-01", "ebike", "pass"): 1})
    store.label(1, Label.CONFIRMED)
    store.label(2, Label.FALSE_POSITIVE)
    stats = store.stats(RecordFilter())
    assert stats.by_category == (("trade_secret", 1), ("unsupported_claim", 3))
    assert stats.by_rule == (("claims.de/guarantee-absolute", 3), ("trade_secrets.codename", 1))
    assert stats.by_product_line == (("ebike", 2), ("kitchen", 1))
    assert stats.by_day == (("2025-03-01", 2), ("2025-03-02", 1))
    assert stats.by_action == (("block", 1), ("rewrite", 2))
    assert stats.passes_by_product_line == (("ebike", 6), ("kitchen", 2))
    assert stats.labels_by_rule == (("claims.de/guarantee-absolute", 1, 1), ("trade_secrets.codename", 1, 0))
    only_kitchen = store.stats(RecordFilter(product_line="kitchen"))
    assert only_kitchen.passes_by_product_line == (("kitchen", 2),)


def test_purge_and_delete_one_conversation(store: SqlLogStore) -> None:
    store.write_many([record_at(1), record_at(2, conversation="c2"), record_at(3), record_at(4, conversation="c2")])
    store.label(1, Label.CONFIRMED)
    assert store.purge("2025-03-02T00:00:00.000000Z") == 1
    assert [s.id for s in store.query(RecordFilter())] == [2, 3, 4]
    conversation = store.get(2).record.conversation_hash
    assert conversation is not None
    assert store.delete_conversation(conversation) == 2
    assert [s.id for s in store.query(RecordFilter())] == [3]
    assert store.stats(RecordFilter()).by_rule == (("claims.de/guarantee-absolute", 1), ("trade_secrets.codename", 1))


def test_turn_counts_add_up_across_replicas(store: SqlLogStore, store_target: str) -> None:
    assert store.replies("a") == 0
    store.add_counts({}, {"a": 2, "b": 1})
    other = open_store(store_target)  # a second replica: its batch adds to the count, never overwrites it
    try:
        other.add_counts({("2025-03-01", "ebike", "pass"): 1}, {"a": 3})
        assert (store.replies("a"), other.replies("a"), other.replies("b"), other.replies("c")) == (5, 5, 1, 0)
        assert store.stats(RecordFilter()).passes_by_product_line == (("ebike", 1),)
    finally:
        other.close()


def test_migrations_are_recorded_once(store: SqlLogStore, store_target: str) -> None:
    again = open_store(store_target)
    try:
        assert again.migrations() == store.migrations()
        assert [v for v, _ in again.migrations()] == list(range(1, SCHEMA_VERSION + 1))
    finally:
        again.close()
