"""A small log for the web review tests: records with a sealed codename, claims, a mechanical finding."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from log.logdata import SECRET_REPLY, claim_finding, decision, secret_finding
from safe_reply.log import build_record, open_store
from safe_reply.log.masking import mask_decision
from safe_reply.log.records import LogRecord
from safe_reply.log.sealing import Sealer, new_key
from safe_reply.types import Action, Category, Context, Decision, Finding, Message, Span
from safe_reply.web.auth import hash_password

KEY = b"web-test-key"
REVEAL_KEY = new_key()
CLAIM_REPLY = "Wir geben lebenslange Garantie auf den Akku. Der Rahmen ist aus Aluminium."
SUPPLIER_REPLY = "Der Akku kommt von Tianjin Powercell aus China."
PASSWORD = "correct horse battery"
# (name, roles)
PEOPLE = (("anna", ("reviewer", "revealer")), ("ben", ("reviewer",)), ("vera", ("viewer",)))


def notice_finding() -> Finding:
    return Finding(
        rule_id="disclosure/missing-notice",
        category=Category.MISSING_DISCLOSURE,
        span=None,
        message=Message("KI-Hinweis fehlt", "AI notice missing"),
        legal_basis="EU AI Act Art. 50 Abs. 1",
        validator="disclosure",
    )


def supplier_finding() -> Finding:
    return replace(
        secret_finding(Span(19, 36)),
        rule_id="trade_secrets.supplier",
        details={"kind": "supplier", "term_hash": "e644fcf1f0134339"},
    )


def sealed_record(made: Decision, when: datetime, conversation: str, sealer: Sealer) -> LogRecord:
    """The record as the recorder makes it, with the encrypted original (see the recorder hook)."""
    record = build_record(made, Context(conversation_id=conversation, turn=1), 0.002, KEY, when)
    sealed = mask_decision(made.original, made.delivered, made.findings, KEY, sealer).sealed
    return replace(record, original_sealed=sealed)


def decisions() -> list[tuple[int, Decision]]:
    return [
        (1, decision(SECRET_REPLY, (secret_finding(), notice_finding()))),
        (1, decision(CLAIM_REPLY, (claim_finding(Span(10, 30)),), Action.REWRITE, "Der Rahmen ist aus Aluminium.")),
        (2, decision(SUPPLIER_REPLY, (supplier_finding(),))),
        (
            2,
            decision(
                CLAIM_REPLY,
                (claim_finding(Span(10, 30), "claims.de/guarantee-promise"),),
                Action.REWRITE,
                "Der Rahmen ist aus Aluminium.",
                "kitchen",
            ),
        ),
        (3, decision("Hallo!", (notice_finding(),), Action.REWRITE, "Hinweis: KI. Hallo!")),
    ]


def make_log(path: Path, day_zero: datetime | None = None) -> Path:
    """The log at `path`: five records over three days (recent, so `--since 30d` sees them) and passes."""
    base = day_zero or datetime.now(UTC).replace(hour=9, minute=30, second=0, microsecond=0)
    sealer = Sealer(REVEAL_KEY)
    store = open_store(path)
    try:
        for number, (day, made) in enumerate(decisions()):
            when = base - timedelta(days=3 - day, minutes=-number)
            store.write(sealed_record(made, when, f"conv-{number}", sealer))
        for day in (1, 2, 3):
            stamp = (base - timedelta(days=3 - day)).strftime("%Y-%m-%d")
            store.add_counts({(stamp, "ebike", "pass"): 10 * day, (stamp, "kitchen", "pass"): 5})
    finally:
        store.close()
    return path


def reviewers_file(path: Path) -> Path:
    lines = ["reviewers:"]
    hashed = hash_password(PASSWORD)
    for name, roles in PEOPLE:
        lines += [f"  - name: {name}", f"    roles: [{', '.join(roles)}]", f'    password_hash: "{hashed}"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
