"""What the service serves: the policy, the recorder and the API keys, swapped as one value on reload.

Requests read `holder.current` once and use that snapshot to the end, so a reload in the middle of a
request never mixes two policies. A reload builds the complete new snapshot first and only then
assigns it (one reference assignment: atomic); a config that does not load leaves the old snapshot
in place and keeps the errors for `/readyz` and the reload answer.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from safe_reply.config_models import LogSettings, ServeSettings
from safe_reply.conversation import ConversationTracker, TurnTracker
from safe_reply.errors import ConfigError, ConfigErrors, SafeReplyError
from safe_reply.loader import load_policy
from safe_reply.log import DisabledRecorder, LogRecorder, LogStore, open_recorder, open_store
from safe_reply.policy import Policy

_log = logging.getLogger("safe_reply.serve")


class NoApiKey(SafeReplyError):
    """The service would accept every caller: refuse to start (or to reload) instead."""


def key_digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


def api_key_digests(settings: ServeSettings, environ: Mapping[str, str]) -> frozenset[bytes]:
    """SHA-256 digests of every accepted key: from the config's digests and the environment variable."""
    digests = {bytes.fromhex(hexdigest) for hexdigest in settings.api_key_sha256}
    digests |= {key_digest(key.strip()) for key in environ.get(settings.api_keys_env, "").split(",") if key.strip()}
    if not digests:
        raise NoApiKey(
            f"no API key configured, so every request would be refused. Fix: export {settings.api_keys_env}="
            "KEY1,KEY2, or list the keys' SHA-256 hex digests under serve.api_key_sha256 in defaults.yaml"
        )
    return frozenset(digests)


@dataclass(frozen=True)
class Served:
    """One consistent snapshot: everything a request needs."""

    policy: Policy
    recorder: LogRecorder | DisabledRecorder
    tracker: TurnTracker
    keys: frozenset[bytes]

    def product_lines(self) -> dict[str, str]:
        return {pl: line.ref.policy_hash for pl, line in sorted(self.policy.product_lines.items())}

    def accepts(self, presented: str) -> bool:
        digest = key_digest(presented)
        # Compare against every key in constant time per key: no early exit that times which key matched.
        return any([hmac.compare_digest(digest, known) for known in self.keys])  # noqa: C419


@dataclass(frozen=True)
class ReloadResult:
    reloaded: bool
    product_lines: dict[str, str]
    errors: list[str] = field(default_factory=list)


def config_error_lines(exc: Exception) -> list[str]:
    if isinstance(exc, ConfigErrors):
        return [str(error) for error in exc.errors]
    return [str(exc)]


class PolicyHolder:
    """Loads the config folder, serves snapshots of it, reloads it atomically. Thread-safe."""

    def __init__(self, config_dir: Path, environ: Mapping[str, str] | None = None) -> None:
        self.config_dir = config_dir
        self._environ = os.environ if environ is None else environ
        self._reload_lock = threading.Lock()
        self._probe_lock = threading.Lock()
        self._probe: tuple[LogSettings, LogStore] | None = None
        self._recorders: list[LogRecorder | DisabledRecorder] = []  # every one opened, closed at shutdown
        self.last_reload_errors: list[str] = []
        self.current = self._build(load_policy(config_dir, self._environ), None)

    def _build(self, policy: Policy, previous: Served | None) -> Served:
        keys = api_key_digests(policy.serve, self._environ)
        if previous is not None and previous.policy.log == policy.log:
            # Same log: keep the recorder and its connection, pass counters and turn table.
            return Served(policy, previous.recorder, previous.tracker, keys)
        recorder = open_recorder(policy.log, self._environ)
        self._recorders.append(recorder)
        # The log's recorder counts turns in the shared store, so every replica agrees which reply is the
        # first; without a log, this process counts alone (a second replica would show the notice again).
        tracker = recorder if isinstance(recorder, TurnTracker) else ConversationTracker()
        return Served(policy, recorder, tracker, keys)

    def reload(self) -> ReloadResult:
        """Load the config folder again; on any error keep serving the old policy and say why."""
        with self._reload_lock:
            try:
                fresh = self._build(load_policy(self.config_dir, self._environ), self.current)
            except (ConfigError, ConfigErrors, SafeReplyError, OSError) as exc:
                self.last_reload_errors = config_error_lines(exc)
                _log.error("reload refused, still serving the old policy: %s", "; ".join(self.last_reload_errors))
                return ReloadResult(False, self.current.product_lines(), self.last_reload_errors)
            self.current = fresh
            self.last_reload_errors = []
            _log.info("policy reloaded: %s", fresh.product_lines())
            return ReloadResult(True, fresh.product_lines())

    def log_status(self) -> str:
        """'ok', 'disabled', or why the log store cannot be reached (a cheap query on a probe connection)."""
        settings = self.current.policy.log
        if not settings.enabled:
            return "disabled"
        with self._probe_lock:
            try:
                if self._probe is None or self._probe[0] != settings:
                    self._close_probe()
                    self._probe = (settings, open_store(settings, self._environ))
                self._probe[1].migrations()
            except Exception as exc:  # any failure means: not reachable now; say why, retry next time
                self._close_probe()
                return f"unreachable: {exc}"
        return "ok"

    def _close_probe(self) -> None:
        if self._probe is not None:
            store, self._probe = self._probe[1], None
            try:
                store.close()
            except Exception as exc:  # closing a broken connection may fail too; nothing to do about it
                _log.debug("closing the log probe failed: %s", exc)

    def close(self) -> None:
        with self._probe_lock:
            self._close_probe()
        for recorder in self._recorders:
            recorder.close()
