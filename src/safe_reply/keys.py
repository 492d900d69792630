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
    """SAFE_REPLY_HASH_KEY, or the public demo key."""
    value = (environ if environ is not None else os.environ).get(HASH_KEY_ENV)
    return value.encode("utf-8") if value else PUBLIC_DEMO_KEY


def log_key(environ: Mapping[str, str] | None = None, key_env: str = LOG_KEY_ENV) -> bytes:
    """The pseudonymisation key of the log: `key_env`, else SAFE_REPLY_HASH_KEY, else the demo key."""
    env = os.environ if environ is None else environ
    value = env.get(key_env)
    if value:
        return value.encode("utf-8")
    if not env.get(HASH_KEY_ENV):
        warnings.warn(
            f"neither {key_env} nor {HASH_KEY_ENV} is set: the log pseudonymises with the public demo key. "
            f"Fix: set {key_env} to a secret of at least 32 random characters in production",
            stacklevel=2,
        )
    return hash_key_from_env(env)
