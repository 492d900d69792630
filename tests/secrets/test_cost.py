"""A reply full of protected terms costs time linear in its length (it was quadratic in the hits)."""

from __future__ import annotations

import time

from safe_reply.types import Context

from .conftest import make_validator

# "Zaunkönig" is also a bird (ordinary_word): every hit looks at its sentence for cues, as in the example policy.
TERMS = [
    {"term": "Zaunkönig", "kind": "codename", "ordinary_word": True},
    {"pattern": r"NHD-\d{4,6}", "kind": "ticket_id"},
]
SENTENCE = "Das Projekt Zaunkönig kommt, NHD-12345 und NHD-4711. "


def test_a_reply_full_of_hits_is_decided_in_linear_time() -> None:
    validator = make_validator(TERMS)

    def cost(repeats: int) -> float:
        # CPU time of this thread, the fastest of three runs: waiting for a CPU on a loaded machine is not work.
        text = SENTENCE * repeats
        taken = []
        for _ in range(3):
            started = time.thread_time()
            found = validator.detect(text, Context())
            taken.append(time.thread_time() - started)
        assert len(found) >= 2 * repeats  # every hit is found
        return min(taken)

    small, large = cost(150), cost(1200)
    # Eight times the hits may cost at most ~16 times as much (linear with slack); quadratic was 64 times.
    assert large < max(small, 0.005) * 20
