"""A reply full of hits costs time linear in its length (issue 14: 80,000 characters took 10.4 s):
the sweeps that replaced pairwise loops decide exactly as the loops did."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.validators.trade_secrets.automaton import ALLOW_ALL, Hit, MatchShape, _AllowedIndex
from safe_reply.validators.trade_secrets.validator import Leak, _not_overlapping, _outermost
from safe_reply.validators.trade_secrets.variants import VariantTrick

from .conftest import found, make_validator

spans = st.tuples(st.integers(0, 30), st.integers(1, 8)).map(lambda s: (s[0], s[0] + s[1]))


def _hit(term: int, start: int, end: int) -> Hit:
    return Hit(term, start, end, VariantTrick.PLAIN, MatchShape.WORD, start, end)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), spans), max_size=25))
def test_outermost_keeps_what_the_pairwise_loop_kept(hits: list[tuple[int, tuple[int, int]]]) -> None:
    # Terms 0 and 1 are forms of one entry (a name and its partial mention), term 2 another entry.
    entry = {0: "Tianjin Powercell", 1: "Tianjin Powercell", 2: "Moto Rivoli"}.__getitem__
    made = [_hit(term, start, end) for term, (start, end) in hits]
    reference: list[Hit] = []
    for hit in sorted(made, key=lambda h: (h.start, -h.end)):
        same = [k for k in reference if entry(k.term) == entry(hit.term)]
        if not any(k.start <= hit.start and hit.end <= k.end for k in same):
            reference.append(hit)
    assert _outermost(list(made), entry) == reference


def test_a_partial_mention_inside_the_whole_name_is_one_leak() -> None:
    validator = make_validator([{"term": "Tianjin Powercell", "kind": "supplier"}])
    text = "Die Akkuzellen kommen übrigens von Tianjin Powercell, daher die Verzögerung."
    assert found(validator, text) == [(35, 52, "Tianjin Powercell")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([ALLOW_ALL, 0, 1]), spans), max_size=15), st.integers(0, 1), spans)
def test_allowed_spans_cover_as_the_loop_did(
    allowed: list[tuple[int, tuple[int, int]]], term: int, span: tuple[int, int]
) -> None:
    flat = [(scope, start, end) for scope, (start, end) in allowed]
    hit = _hit(term, *span)
    expected = any(
        scope in (ALLOW_ALL, hit.term) and start <= hit.skeleton_start and hit.skeleton_end <= end
        for scope, start, end in flat
    )
    assert _AllowedIndex(flat).covers(hit) is expected


@settings(max_examples=300, deadline=None)
@given(st.lists(spans, max_size=15), st.lists(spans, max_size=15))
def test_unlisted_names_overlap_as_the_loop_decided(
    candidates: list[tuple[int, int]], found: list[tuple[int, int]]
) -> None:
    leaks = [Leak(start, end, "codename", "h", "literal") for start, end in found]
    names = [Leak(start, end, "codename", "u", "unlisted_name") for start, end in candidates]
    expected = [u for u in names if not any(x.start < u.end and u.start < x.end for x in leaks)]
    assert _not_overlapping(names, leaks) == expected


def test_80000_characters_full_of_hits_take_well_under_two_seconds() -> None:
    # Quadratic code took 10.4 s for this; linear code about 0.2 s. CPU time of this thread, so that a
    # loaded machine (other jobs on the two cores) cannot fail it: waiting for a CPU is not counted.
    validator = make_validator(
        [
            {"term": "Zorvakel", "kind": "codename"},
            {"term": "Nebel", "kind": "codename"},  # an ordinary word: the name rule runs per hit
            {"pattern": r"NHD-\d{4,6}", "kind": "ticket_id"},
        ]
    )
    for unit, per_unit in (
        ("Zorvakel ", 1),
        ("Projekt Nebel ", 1),
        ("bei Nebel und Regen ", 0),
        ("NHD-50771 Zorv4kel. ", 2),
    ):
        text = unit * (80_000 // len(unit))
        start = time.thread_time()
        leaks = validator.scan(text)
        assert time.thread_time() - start < 2.0, unit
        assert len(leaks) == per_unit * (80_000 // len(unit)), unit


def test_every_hit_of_a_long_reply_keeps_its_offset() -> None:
    # Each hit's offset was once counted from the reply's start (1 MB took 131 s); it now continues from the
    # previous hit. Its cost is bench_long_reply.py's (speed goals are benchmarks, not timed tests); this
    # checks that continuing from the previous hit still gives every hit its exact offset.
    validator = make_validator([{"term": "Zorvakel", "kind": "codename"}])
    text = "Zorvakel " * 4_000
    assert [(leak.start, leak.end) for leak in validator.scan(text)] == [(9 * i, 9 * i + 8) for i in range(4_000)]
