"""Values and helpers for the log tests: decisions with trade-secret and claim findings, a store outage."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest

from safe_reply.log import SqlLogStore, StoreUnavailable, open_store
from safe_reply.types import Action, Category, Decision, Finding, Language, Message, PolicyRef, Span

PG_DSN_ENV = "SAFE_REPLY_TEST_PG_DSN"
PG_CTL_ENV = "SAFE_REPLY_TEST_PG_CTL"
NO_PG = f'no PostgreSQL server: set {PG_DSN_ENV} (eval "$(bash scripts/start-postgres.sh start)")'
# CI sets this: there a missing server is a failure, not a skip (a green run must have tested both backends).
REQUIRE_PG_ENV = "SAFE_REPLY_REQUIRE_PG"


def skip_without_server(reason: str) -> NoReturn:
    if os.environ.get(REQUIRE_PG_ENV):
        pytest.fail(f"{reason}; {REQUIRE_PG_ENV} is set, so this is an error")
    pytest.skip(reason)

SECRET_REPLY = "Das Projekt Orion startet 2026 mit dem Motor Orion."
ORION = Span(12, 17)  # first "Orion"


def secret_finding(span: Span = ORION) -> Finding:
    return Finding(
        rule_id="trade_secrets.codename",
        category=Category.TRADE_SECRET,
        span=span,
        message=Message("interner Codename", "internal codename"),
        legal_basis="GeschGehG §2",
        validator="trade_secrets",
        details={"kind": "codename", "term_hash": "3f2a9c1d00aa11bb"},
        sensitive=True,
    )


def claim_finding(span: Span, rule: str = "claims.de/guarantee-absolute") -> Finding:
    return Finding(
        rule_id=rule,
        category=Category.UNSUPPORTED_CLAIM,
        span=span,
        message=Message("absolute Garantie ohne Grundlage", "absolute guarantee without basis"),
        legal_basis="UWG §5 Abs. 1",
        validator="claims",
    )


def decision(
    original: str,
    findings: tuple[Finding, ...],
    action: Action = Action.BLOCK,
    delivered: str = "Entschuldigung, dazu kann ich nichts sagen.",
    product_line: str = "ebike",
    intended: Action | None = None,
) -> Decision:
    return Decision(
        action=action,
        findings=findings,
        original=original,
        delivered=delivered,
        policy_ref=PolicyRef(product_line, "policyhash01"),
        intended=intended or action,
        language=Language.DE,
    )


def passing(product_line: str = "ebike") -> Decision:
    return decision("Hallo!", (), Action.PASS, delivered="Hallo!", product_line=product_line)


def eventually(check: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll `check` until it holds (the recorder's flusher thread writes in the background)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True


class Outage:
    """A store factory whose stores fail while `down` is set."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.down = False

    def __call__(self) -> SqlLogStore:
        if self.down:
            raise StoreUnavailable("down")
        return open_store(self.path)
