"""Which bot reply of its conversation each reply is: the turn the AI-notice check reads.

Transcripts number messages (customer and bot alike) or only keep them in order, and one
conversation may be spread over several files or partitions. So the audit first collects, for every
bot reply, its conversation and its order key (the turn column where there is one, then its position
in the input), and numbers the bot replies of each conversation 1, 2, 3, ... in one vectorised sort
over all of them. Memory on the coordinating process: in the order of 100 bytes per reply.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa

UNKNOWN = 0  # no conversation id: the turn is unknown (the notice check treats it as a first reply)

Ordinals = npt.NDArray[np.int32]


def number_replies(
    conversations: Sequence[Sequence[str | None]], turns: Sequence[Sequence[int | None]]
) -> list[Ordinals]:
    """Per partition (in partition order), each bot reply's number within its conversation (1 = first).

    `conversations[p][i]` and `turns[p][i]` belong to the i-th bot reply of partition p. A missing turn
    sorts by position alone; a reply without a conversation id gets UNKNOWN.
    """
    sizes = [len(part) for part in conversations]
    total = sum(sizes)
    if total == 0:
        return [np.zeros(0, np.int32) for _ in sizes]
    conv_flat: list[str | None] = [c for part in conversations for c in part]
    known = np.fromiter((c is not None for c in conv_flat), bool, total)
    codes = np.full(total, -1, np.int64)  # -1: no conversation id, a group of its own
    if known.any():
        # Hash-based dictionary encoding (Arrow, in C++): much faster than sorting a million Python strings.
        ids = pa.array([c for c in conv_flat if c is not None], pa.string())
        codes[known] = ids.dictionary_encode().indices.to_numpy()
    # A reply without a turn sorts before numbered ones of its conversation only by position: use -1 as
    # its turn so that a transcript without any turn column is ordered by position alone.
    turn_flat = np.fromiter((-1 if t is None else t for part in turns for t in part), np.int64, total)
    position = np.arange(total, dtype=np.int64)  # partitions are in input order, replies in file order
    order = np.lexsort((position, turn_flat, codes))
    sorted_codes = codes[order]
    starts = np.ones(total, bool)
    starts[1:] = sorted_codes[1:] != sorted_codes[:-1]
    group_start = np.maximum.accumulate(np.where(starts, np.arange(total), 0))
    ordinal = np.empty(total, np.int32)
    ordinal[order] = (np.arange(total) - group_start + 1).astype(np.int32)
    ordinal[~known] = UNKNOWN
    return np.split(ordinal, np.cumsum(sizes)[:-1])
