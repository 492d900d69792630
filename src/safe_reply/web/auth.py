"""Reviewers, roles and sign-in for the web review.

Reviewers come from a YAML file (`--reviewers FILE`, env SAFE_REPLY_REVIEWERS_FILE) or from the
environment (SAFE_REPLY_REVIEWERS holding the same YAML):

    reviewers:
      - name: anna
        roles: [reviewer, revealer]
        password_hash: "$argon2id$v=19$m=65536,t=3,p=4$..."   # safe-reply reviewers add anna --role ...

Passwords are stored only as Argon2id hashes (argon2-cffi, the reference implementation's binding).
Roles grant permissions: a viewer reads; a reviewer also labels and proposes claim changes; a revealer
may see a masked term in clear (each reveal is recorded). Sessions live in memory (a restart signs
everyone out), in an HttpOnly, SameSite=Strict cookie, with a CSRF token on every form.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from safe_reply.errors import SafeReplyError
from safe_reply.yamlio import dump_yaml, load_yaml

REVIEWERS_ENV = "SAFE_REPLY_REVIEWERS"
SESSION_SECONDS = 8 * 3600
MAX_FAILURES, LOCKOUT_SECONDS = 5, 300


class Role(StrEnum):
    VIEWER = "viewer"
    REVIEWER = "reviewer"
    REVEALER = "revealer"


class Permission(StrEnum):
    READ = "read"
    LABEL = "label"
    PROPOSE = "propose"
    REVEAL = "reveal"


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.READ}),
    Role.REVIEWER: frozenset({Permission.READ, Permission.LABEL, Permission.PROPOSE}),
    Role.REVEALER: frozenset({Permission.READ, Permission.REVEAL}),
}


class _ReviewerEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[A-Za-z0-9_.@-]{1,64}$")
    roles: tuple[Role, ...] = Field(min_length=1)
    password_hash: str = Field(pattern=r"^\$argon2id?\$")


class _ReviewersFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    reviewers: tuple[_ReviewerEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class Reviewer:
    name: str
    roles: tuple[Role, ...]
    password_hash: str

    def may(self, permission: Permission) -> bool:
        return any(permission in GRANTS[role] for role in self.roles)


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    if len(password) < 8:
        raise SafeReplyError("the password is shorter than 8 characters. Fix: choose a longer one")
    return str(_hasher().hash(password))


def _parse(text: str, where: str) -> dict[str, Reviewer]:
    try:
        raw = load_yaml(text) or {}
        model = _ReviewersFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise SafeReplyError(
            f"{where}: {key}: {first['msg']}. Fix: roles are {', '.join(r.value for r in Role)}; "
            "make entries with `safe-reply reviewers add NAME --role ROLE`"
        ) from None
    except Exception as exc:  # YAML syntax
        raise SafeReplyError(
            f"{where}: cannot read the reviewers ({type(exc).__name__}). Fix: check the YAML"
        ) from None
    found: dict[str, Reviewer] = {}
    for entry in model.reviewers:
        if entry.name in found:
            raise SafeReplyError(f"{where}: reviewer {entry.name!r} appears twice. Fix: keep one entry")
        found[entry.name] = Reviewer(entry.name, entry.roles, entry.password_hash)
    return found


def load_reviewers(file: Path | None, environ: Mapping[str, str] | None = None) -> dict[str, Reviewer]:
    """The reviewers of `file`, else of the environment; an error when there are none."""
    env = os.environ if environ is None else environ
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise SafeReplyError(
                f"cannot read the reviewers file {file} ({exc.strerror}). Fix: check the path"
            ) from None
        found = _parse(text, str(file))
    else:
        found = _parse(env.get(REVIEWERS_ENV, ""), REVIEWERS_ENV)
    if not found:
        raise SafeReplyError(
            "no reviewers are configured, so nobody could sign in. Fix: safe-reply reviewers add NAME --role "
            "reviewer --file reviewers.yaml, then pass --reviewers reviewers.yaml"
        )
    return found


def add_reviewer_to_file(file: Path, name: str, roles: Iterable[str], password: str) -> None:
    try:
        chosen = [Role(r) for r in roles]
    except ValueError as exc:
        raise SafeReplyError(f"{exc}. Fix: use --role {' / '.join(r.value for r in Role)}") from None
    existing = _parse(file.read_text(encoding="utf-8"), str(file)) if file.exists() else {}
    entry = {"name": name, "roles": [r.value for r in chosen], "password_hash": hash_password(password)}
    entries = [
        {"name": r.name, "roles": [x.value for x in r.roles], "password_hash": r.password_hash}
        for r in existing.values()
        if r.name != name
    ]
    _parse(dump_yaml({"reviewers": [*entries, entry]}), str(file))  # validate before writing
    file.write_text(dump_yaml({"reviewers": [*entries, entry]}), encoding="utf-8")
    file.chmod(0o600)  # hashes are not secrets, but nobody else needs to read them


@dataclass(frozen=True, slots=True)
class Session:
    reviewer: Reviewer
    csrf: str
    expires: float


class Sessions:
    """Signed-in reviewers by session token; failed sign-ins lock a name out for a while."""

    def __init__(self, reviewers: Mapping[str, Reviewer], clock: Any = time.monotonic) -> None:
        self._reviewers = dict(reviewers)
        self._sessions: dict[str, Session] = {}
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()
        self._clock = clock
        # Checked against when the name is unknown, so a wrong name costs as long as a wrong password.
        self._dummy = _hasher().hash(secrets.token_urlsafe(16))

    def sign_in(self, name: str, password: str) -> str | None:
        """A new session token, or None (wrong name or password, or locked out after failures)."""
        from argon2.exceptions import VerificationError

        now = self._clock()
        with self._lock:
            recent = [t for t in self._failures.get(name, []) if now - t < LOCKOUT_SECONDS]
            self._failures[name] = recent
            if len(recent) >= MAX_FAILURES:
                return None
        reviewer = self._reviewers.get(name)
        try:
            _hasher().verify(reviewer.password_hash if reviewer else self._dummy, password)
            ok = reviewer is not None
        except VerificationError:
            ok = False
        with self._lock:
            if not ok or reviewer is None:
                self._failures.setdefault(name, []).append(now)
                return None
            token = secrets.token_urlsafe(32)
            self._sessions[token] = Session(reviewer, secrets.token_urlsafe(32), now + SESSION_SECONDS)
            return token

    def get(self, token: str | None) -> Session | None:
        if not token:
            return None
        with self._lock:
            session = self._sessions.get(token)
            if session is not None and session.expires < self._clock():
                del self._sessions[token]
                return None
            return session

    def sign_out(self, token: str | None) -> None:
        with self._lock:
            self._sessions.pop(token or "", None)
