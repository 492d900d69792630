"""The validator contract and the registry of built-in validators.

A validator only detects: `detect(text, ctx)` returns findings (with spans into the text it was
given and, optionally, a proposed fix) and never changes the reply, does no I/O and keeps no state
between calls. Everything costly (automata, compiled rule packs, parsed facts) is built once by
the validator's `build` function when the policy loads.

A validator module exports `SPEC = ValidatorSpec(name, Settings, build)`. `Settings` is the
pydantic model of its section under `validators.<name>` in the policy YAML.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib
import importlib.util
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

from safe_reply.config_models import ProductLine
from safe_reply.types import Context, Finding, Language


@runtime_checkable
class Validator(Protocol):
    """Detects problems in one reply. Implementations must be pure and thread-safe."""

    name: str

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]: ...


SettingsT = TypeVar("SettingsT", bound=BaseModel)

HASH_KEY_ENV = "SAFE_REPLY_HASH_KEY"
# Without a configured key the hashes are still keyed, but with a public key: fine for the demo and
# tests, not for production (a public key makes short terms guessable). Documented in the README.
_PUBLIC_DEMO_KEY = b"safe_reply-public-demo-key-set-SAFE_REPLY_HASH_KEY"


@dataclass
class BuildContext:
    """What a validator's build function may use besides its own settings."""

    product_line: ProductLine
    config_dir: Path
    file: Path  # the YAML file that holds the section, for error messages
    key: str  # the section's key path, e.g. "validators.trade_secrets"
    hash_key: bytes = _PUBLIC_DEMO_KEY
    sources: list[Path] = field(default_factory=list)  # extra files read; part of the policy hash
    # The product line's language for replies whose language is unclear (inherited from defaults).
    default_language: Language = Language.DE

    def resolve(self, path: str) -> Path:
        """A path from the YAML, relative to the config folder unless absolute."""
        candidate = Path(os.path.expandvars(os.path.expanduser(path)))
        return candidate if candidate.is_absolute() else self.config_dir / candidate

    def keyed_hash(self, value: str) -> str:
        return keyed_hash(self.hash_key, value)


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


def hash_key_from_env(environ: dict[str, str] | None = None) -> bytes:
    value = (environ if environ is not None else os.environ).get(HASH_KEY_ENV)
    return value.encode("utf-8") if value else _PUBLIC_DEMO_KEY


@dataclass(frozen=True)
class ValidatorSpec(Generic[SettingsT]):
    name: str
    settings: type[SettingsT]
    build: Callable[[SettingsT, BuildContext], Validator]
    # Validators that make sense without a settings section in the product line (none yet by default).
    description: str = ""


# name -> "module:attribute". Imported lazily so `import safe_reply` stays cheap and a broken
# optional validator cannot break the others. The order here is the order of evaluation.
BUILTIN_VALIDATORS: dict[str, str] = {
    "trade_secrets": "safe_reply.validators.secrets:SPEC",
    "claims": "safe_reply.validators.claims:SPEC",
    "disclosure": "safe_reply.validators.disclosure:SPEC",
    "guardrails": "safe_reply.integrations.guardrails_hub:SPEC",
}


def load_spec(name: str) -> ValidatorSpec[Any]:
    module_name, _, attribute = BUILTIN_VALIDATORS[name].partition(":")
    spec = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(spec, ValidatorSpec):
        raise TypeError(f"{BUILTIN_VALIDATORS[name]} is not a ValidatorSpec")
    return spec


def available_validators() -> list[str]:
    """Names of built-in validators whose module is present in this installation."""
    names = []
    for name, target in BUILTIN_VALIDATORS.items():
        if importlib.util.find_spec(target.partition(":")[0]) is not None:
            names.append(name)
    return names
