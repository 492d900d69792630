"""The keys safe_reply hashes with, and the one keyed hash everything uses.

Protected terms are never logged, only a keyed hash of them; conversation ids are stored as a keyed
hash too (DSGVO Art. 4 Nr. 5: pseudonymisation). Both keys come from the environment. Without them a
public demo key is used: fine for the demo and tests, not for production, because with a public key a
dictionary of likely terms recovers them. Every use of a demo key says so once per process.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import warnings
from collections.abc import Mapping

HASH_KEY_ENV = "SAFE_REPLY_HASH_KEY"  # keys the hashes of protected terms in findings
LOG_KEY_ENV = "SAFE_REPLY_LOG_KEY"  # keys pseudonymised conversation ids and masked terms in the log
PUBLIC_DEMO_KEY = b"safe_reply-public-demo-key-set-SAFE_REPLY_HASH_KEY"


class KeyedHasher:
    """HMAC-SHA256, 16 hex digits: enough to tell terms apart in a review, useless to guess them.

    The key schedule is done once, so hashing a list of 100,000 terms at policy load stays cheap.
    """

    def __init__(self, key: bytes) -> None:
        self._base = hmac.new(key, digestmod=hashlib.sha256)

    def __call__(self, value: str) -> str:
        mac = self._base.copy()
        mac.update(value.encode("utf-8"))
        return mac.hexdigest()[:16]


def keyed_hash(key: bytes, value: str) -> str:
    return KeyedHasher(key)(value)


def hash_key_from_env(environ: Mapping[str, str] | None = None) -> bytes:
    """SAFE_REPLY_HASH_KEY, else SAFE_REPLY_LOG_KEY (one secret is enough), else the public demo key.

    The term hashes end up in the log (finding details, mask tokens), so with only the log key set they
    must not fall back to the public key: a dictionary of likely terms would recover them.
    """
    env = environ if environ is not None else os.environ
    value = env.get(HASH_KEY_ENV) or env.get(LOG_KEY_ENV)
    if value:
        return value.encode("utf-8")
    _warn_demo_key(HASH_KEY_ENV, "the keyed hashes of protected terms")
    return PUBLIC_DEMO_KEY


_warned: set[str] = set()


def _warn_demo_key(variable: str, what: str) -> None:
    """Say once per process and key that the public demo key is in use."""
    if variable in _warned:
        return
    _warned.add(variable)
    warnings.warn(
        f"{variable} is not set: {what} use the public demo key, which anyone can use to guess them. "
        f"Fix: set {variable} (or {LOG_KEY_ENV}, which serves both) to a secret of at least 32 random "
        "characters in production",
        stacklevel=3,
    )


def log_key(environ: Mapping[str, str] | None = None, key_env: str = LOG_KEY_ENV) -> bytes:
    """The pseudonymisation key of the log: `key_env`, else SAFE_REPLY_HASH_KEY, else the demo key."""
    env = os.environ if environ is None else environ
    value = env.get(key_env) or env.get(HASH_KEY_ENV)
    if value:
        return value.encode("utf-8")
    _warn_demo_key(key_env, "the log's pseudonyms of conversations and its mask tokens")
    return PUBLIC_DEMO_KEY
