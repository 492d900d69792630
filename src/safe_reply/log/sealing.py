"""Reveal without storing in clear: the masked-out texts of a record, encrypted with Fernet.

With `SAFE_REPLY_REVEAL_KEY` set (a Fernet key: `safe-reply log reveal-key` makes one), the recorder
stores next to the masked original the list of what each mask token replaced, with its position in
the masked text, encrypted (AES-128-CBC plus HMAC-SHA256: `cryptography`'s Fernet, so nothing here is
home-made cryptography). The masked original plus that list is the original, exactly (see `unseal`).
The key never enters the log; a reviewer whose role may reveal asks the web review to decrypt one
term, and the reveal is recorded. Without the key nothing is sealed and nothing changes from plain
masking. The sealed texts have their own, shorter retention (`log.reveal_retention_days`, DSGVO
Art. 5 (1) e).

`cryptography` is imported only when a key is set, so a bot without the `review` extra is unaffected.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from safe_reply.errors import SafeReplyError

REVEAL_KEY_ENV = "SAFE_REPLY_REVEAL_KEY"
_INSTALL = "Fix: pip install 'safe-reply[review]'"


class RevealError(SafeReplyError):
    """The sealed texts cannot be opened (no key, another key, or a damaged value)."""


class _Cipher(Protocol):
    def encrypt(self, data: bytes) -> bytes: ...

    def decrypt(self, token: bytes | str) -> bytes: ...


@dataclass(frozen=True, slots=True)
class SealedTerm:
    """What the mask token at masked[start:end] replaced."""

    start: int
    end: int
    text: str


class Sealer:
    """Encrypts and decrypts the masked-out texts of a record with one Fernet key."""

    def __init__(self, key: str) -> None:
        try:
            from cryptography.fernet import Fernet
        except ImportError:  # pragma: no cover - the review extra brings it
            raise SafeReplyError(
                f"{REVEAL_KEY_ENV} is set but the cryptography package is missing. {_INSTALL}"
            ) from None
        try:
            self._fernet: _Cipher = Fernet(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise SafeReplyError(
                f"{REVEAL_KEY_ENV} is not a Fernet key (32 bytes, url-safe base64). "
                "Fix: make one with `safe-reply log reveal-key` and keep it in a secret store"
            ) from None

    def seal(self, terms: Sequence[SealedTerm]) -> str:
        payload = json.dumps([[t.start, t.end, t.text] for t in terms], ensure_ascii=False, separators=(",", ":"))
        return self._fernet.encrypt(payload.encode("utf-8")).decode("ascii")

    def open(self, sealed: str) -> tuple[SealedTerm, ...]:
        from cryptography.fernet import InvalidToken

        try:
            raw: Any = json.loads(self._fernet.decrypt(sealed.encode("ascii")))
        except (InvalidToken, ValueError):
            raise RevealError(
                "the stored original cannot be decrypted with this key. Fix: set the "
                f"{REVEAL_KEY_ENV} that was in force when the record was written"
            ) from None
        return tuple(SealedTerm(int(start), int(end), str(text)) for start, end, text in raw)


def new_key() -> str:
    """A fresh Fernet key (for `safe-reply log reveal-key`)."""
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode("ascii")


@lru_cache(maxsize=4)
def _sealer_for(key: str) -> Sealer:
    return Sealer(key)


def sealer_from_env(environ: Mapping[str, str] | None = None) -> Sealer | None:
    """The sealer of SAFE_REPLY_REVEAL_KEY, or None when it is not set (then nothing is sealed).

    Built once per key value, so the per-record cost is one environment lookup.
    """
    key = (os.environ if environ is None else environ).get(REVEAL_KEY_ENV, "").strip()
    return _sealer_for(key) if key else None


def term_at(terms: Sequence[SealedTerm], start: int) -> SealedTerm | None:
    """The sealed term whose mask token starts at `start` of the masked original."""
    return next((t for t in terms if t.start == start), None)


def unseal(masked: str, terms: Sequence[SealedTerm]) -> str:
    """The original text: every sealed mask token replaced by what it stood for."""
    parts: list[str] = []
    cursor = 0
    for term in sorted(terms, key=lambda t: t.start):
        parts.append(masked[cursor : term.start])
        parts.append(term.text)
        cursor = term.end
    parts.append(masked[cursor:])
    return "".join(parts)
