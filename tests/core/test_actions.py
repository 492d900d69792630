"""Span edits: overlaps resolved in one place, applied right to left, exactly once."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from safe_reply.actions import apply_edits, resolve_overlaps, strongest
from safe_reply.types import Action, Edit, Span


def edit(start: int, end: int, text: str) -> Edit:
    return Edit(Span(start, end), text)


def test_apply_edits_right_to_left() -> None:
    text = "Der Zaunkönig kommt mit Tianjin-Zellen."
    edits = resolve_overlaps([edit(24, 31, "[vertraulich]"), edit(4, 13, "[vertraulich]")])
    assert apply_edits(text, edits) == "Der [vertraulich] kommt mit [vertraulich]-Zellen."


def test_insertion_and_replacement_at_same_start() -> None:
    edits = resolve_overlaps([edit(0, 3, "Das"), edit(0, 0, "KI: ")])
    assert apply_edits("Der Akku.", edits) == "KI: Das Akku."


def test_insertions_at_same_position_keep_their_order() -> None:
    edits = resolve_overlaps([edit(0, 0, "A "), edit(0, 0, "B ")])
    assert apply_edits("x", edits) == "A B x"


def test_wider_edit_absorbs_contained_one() -> None:
    # Dropping the sentence beats redacting a word inside it.
    edits = resolve_overlaps([edit(4, 13, "[vertraulich]"), edit(0, 20, "")])
    assert edits == [edit(0, 20, "")]


def test_partial_overlap_takes_union_with_wider_text() -> None:
    edits = resolve_overlaps([edit(0, 10, "AAA"), edit(5, 12, "B")])
    assert edits == [edit(0, 12, "AAA")]
    assert apply_edits("0123456789abcd", edits) == "AAAcd"


def test_insertion_inside_replaced_span_is_absorbed() -> None:
    assert resolve_overlaps([edit(2, 8, "X"), edit(5, 5, "!")]) == [edit(2, 8, "X")]


def test_strongest() -> None:
    assert strongest([Action.REWRITE, Action.MONITOR, Action.BLOCK]) is Action.BLOCK
    assert strongest([Action.RAISE, Action.BLOCK]) is Action.RAISE
    assert strongest([]) is Action.PASS


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(st.text(max_size=60))
    n = len(text)
    edits = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, n))
        end = draw(st.integers(start, n))
        edits.append(Edit(Span(start, end), draw(st.text(alphabet="[]xyz", max_size=5))))
    return text, edits


@given(text_and_edits())
def test_resolved_edits_do_not_overlap_and_cover_every_edit(case: tuple[str, list[Edit]]) -> None:
    _, edits = case
    resolved = resolve_overlaps(edits)
    for left, right in pairwise(resolved):
        assert left.span.end <= right.span.start
    for original in edits:
        # Every requested edit is either kept or lies within a kept edit's span.
        assert any(kept.span.start <= original.span.start and original.span.end <= kept.span.end for kept in resolved)


@given(text_and_edits())
def test_apply_keeps_text_outside_edits(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    resolved = resolve_overlaps(edits)
    result = apply_edits(text, resolved)
    expected_len = len(text) + sum(len(e.text) - (e.span.end - e.span.start) for e in resolved)
    assert len(result) == expected_len
    if resolved:
        assert result.startswith(text[: resolved[0].span.start])
        assert result.endswith(text[resolved[-1].span.end :])
    else:
        assert result == text
