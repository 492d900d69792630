"""The validator contract: what a validator is, how it declares itself, and what it may use to build.

A validator only detects: `detect(text, ctx)` returns findings (with spans into the text it was
given and, optionally, a proposed fix) and never changes the reply, does no I/O and keeps no state
between calls. Everything costly (automata, compiled rule packs, parsed facts) is built once by the
spec's `build` function when the policy loads.

A validator package exports `SPEC = ValidatorSpec(...)` and registers it in the entry-point group
`safe_reply.validators` (see safe_reply.registry); the built-in validators do the same. The spec says
everything the rest of safe_reply needs to know about it, so adding a validator touches its own
package and its registration only:
- `settings`: the pydantic model of its section under `validators.<name>` in the policy YAML;
- `categories` and `default_actions`: the finding categories it produces and what happens to them
  unless the policy's action table says otherwise;
- `sensitive`: its findings point at data that must never be stored in clear (a protected term, a
  customer's IBAN): the log masks their spans, whatever the category is called.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

from safe_reply.config_models import ProductLine
from safe_reply.keys import PUBLIC_DEMO_KEY, keyed_hash
from safe_reply.types import Action, Context, Finding, Language


@runtime_checkable
class Validator(Protocol):
    """Detects problems in one reply. Implementations must be pure and thread-safe."""

    name: str

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]: ...


SettingsT = TypeVar("SettingsT", bound=BaseModel)


@dataclass
class BuildContext:
    """What a validator's build function may use besides its own settings."""

    product_line: ProductLine
    config_dir: Path
    file: Path  # the YAML file that holds the section, for error messages
    key: str  # the section's key path, e.g. "validators.trade_secrets"
    hash_key: bytes = PUBLIC_DEMO_KEY
    sources: list[Path] = field(default_factory=list)  # extra files read; part of the policy hash
    # The product line's language for replies whose language is unclear (inherited from defaults).
    default_language: Language = Language.DE
    # The same validator's merged sections of the OTHER product lines of the folder (id -> raw mapping),
    # for what protects all lines at once (a codename of one line must not leak through another's bot).
    peers: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # The OTHER product lines of the folder as read: a shop's service terms (shipping, returns, showroom) are the
    # company's, written once in one line, and back a service statement in a line that documents none of its own.
    company_lines: tuple[ProductLine, ...] = ()

    def resolve(self, path: str) -> Path:
        """A path from the YAML, relative to the config folder unless absolute."""
        candidate = Path(os.path.expandvars(os.path.expanduser(path)))
        return candidate if candidate.is_absolute() else self.config_dir / candidate

    def keyed_hash(self, value: str) -> str:
        return keyed_hash(self.hash_key, value)


_NO_ACTIONS: Mapping[str, Action] = MappingProxyType({})


@dataclass(frozen=True)
class ValidatorSpec(Generic[SettingsT]):
    """How a validator declares itself (see the module docstring)."""

    name: str
    settings: type[SettingsT]
    build: Callable[[SettingsT, BuildContext], Validator]
    description: str = ""
    categories: tuple[str, ...] = ()
    default_actions: Mapping[str, Action] = field(default_factory=lambda: _NO_ACTIONS)
    sensitive: bool = False
    order: int = 100  # evaluation order among the enabled validators (lower first), then by name

    def __post_init__(self) -> None:
        stray = sorted(set(self.default_actions) - set(self.categories))
        if stray:
            raise ValueError(f"validator '{self.name}': default_actions for undeclared categories {stray}")
