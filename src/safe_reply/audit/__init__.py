"""`safe-reply audit`: check every bot reply of stored transcripts (JSONL, CSV, Parquet) with a policy.

    report = run_audit(AuditOptions(Path("config"), (Path("chats.parquet"),), Path("findings.parquet")),
                       open_engine(EngineKind.LOCAL, workers=0, scheduler=None))
    print(summary_text(report, Path("config")))

Turn-aware: each conversation's bot replies are numbered across all inputs before checking, so the AI
notice is required of the first reply only (as the policy says). Nothing is recorded in the live log
unless `record=True`. Needs the `audit` extra (`pip install 'safe-reply[audit]'`).
"""

from __future__ import annotations

from safe_reply.audit.engines import EngineKind, open_engine
from safe_reply.audit.findings import FindingsFormat
from safe_reply.audit.run import AuditOptions, AuditReport, run_audit, summary_text
from safe_reply.audit.sources import AuditError, Columns

__all__ = [
    "AuditError",
    "AuditOptions",
    "AuditReport",
    "Columns",
    "EngineKind",
    "FindingsFormat",
    "open_engine",
    "run_audit",
    "summary_text",
]
