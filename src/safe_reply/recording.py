"""The seam between the guard and the log: the wrapper hands every decision to a recorder.

The wrapper calls `on_decision` before it releases the reply, so a recorder that writes durably
(the log store) guarantees that nothing blocked or rewritten leaves the guard unrecorded.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from safe_reply.types import Context, Decision


@runtime_checkable
class DecisionRecorder(Protocol):
    def on_decision(self, decision: Decision, ctx: Context, latency_s: float) -> None:
        """Record (or count) one decision. Must not raise for store outages: spool instead."""
