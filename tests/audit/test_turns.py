"""Numbering each conversation's bot replies across partitions: exact cases and a property test."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given
from hypothesis import strategies as st

from safe_reply.audit.turns import UNKNOWN, number_replies


def test_numbers_follow_turn_then_position_across_partitions() -> None:
    conversations = [["a", "b", "a"], ["a", None, "b"]]
    turns: list[list[int | None]] = [[4, 2, 2], [6, 1, None]]
    numbered = number_replies(conversations, turns)
    assert [part.tolist() for part in numbered] == [[2, 2, 1], [3, UNKNOWN, 1]]  # b: no turn (-1) sorts first


def test_without_turns_position_decides() -> None:
    numbered = number_replies([["x", "y"], ["x", "x"]], [[None, None], [None, None]])
    assert [part.tolist() for part in numbered] == [[1, 1], [2, 3]]


def test_empty_partitions() -> None:
    assert [p.tolist() for p in number_replies([[], ["a"], []], [[], [3], []])] == [[], [1], []]


@given(st.lists(st.lists(st.tuples(st.sampled_from(["a", "b", "c", None]), st.integers(1, 5)), max_size=6), max_size=5))
def test_matches_a_plain_count(parts: list[list[tuple[str | None, int]]]) -> None:
    numbered = number_replies([[c for c, _ in p] for p in parts], [[t for _, t in p] for p in parts])
    # Naive: sort each conversation's replies by (turn, global position) and count.
    position = 0
    by_conversation: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for part in parts:
        for conversation, turn in part:
            if conversation is not None:
                by_conversation[conversation].append((turn, position))
            position += 1
    expected_at = {
        pos: rank for replies in by_conversation.values() for rank, (_, pos) in enumerate(sorted(replies), 1)
    }
    flat = [n for part in numbered for n in part.tolist()]
    assert flat == [expected_at.get(pos, UNKNOWN) for pos in range(len(flat))]
