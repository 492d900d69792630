"""The validators this installation knows: the entry-point group `safe_reply.validators`.

Every validator, built-in or a company's own package, registers its spec there::

    [project.entry-points."safe_reply.validators"]
    personal_data = "safe_reply.validators.personal_data:SPEC"

Specs are imported lazily, when a policy names the validator, so `import safe_reply` stays cheap and a
broken optional validator cannot break the others. A source tree run without installed metadata still
knows the built-ins: `BUILTIN` mirrors the entry points in pyproject.toml (a test keeps them equal).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from collections.abc import Mapping
from importlib.metadata import entry_points
from types import MappingProxyType
from typing import Any

from safe_reply.contracts import ValidatorSpec
from safe_reply.types import Action, Category

GROUP = "safe_reply.validators"

BUILTIN: Mapping[str, str] = MappingProxyType(
    {
        "trade_secrets": "safe_reply.validators.trade_secrets:SPEC",
        "claims": "safe_reply.validators.claims:SPEC",
        "disclosure": "safe_reply.validators.disclosure:SPEC",
        "personal_data": "safe_reply.validators.personal_data:SPEC",
        "guardrails": "safe_reply.integrations.guardrails_hub:SPEC",
    }
)

# Categories the engine itself produces, whatever validators are enabled, and their default actions.
ENGINE_ACTIONS: Mapping[str, Action] = MappingProxyType(
    {
        Category.VALIDATOR_ERROR: Action.BLOCK,  # a validator raised: fail closed unless marked fail-open
        Category.REWRITE_FAILED: Action.BLOCK,
        Category.REPLY_TOO_LONG: Action.BLOCK,  # unchecked: fail closed
    }
)


@functools.cache
def builtin_actions() -> Mapping[str, Action]:
    """The engine's categories and every built-in validator's declared defaults.

    A policy starts from this table whatever validators it enables, because a third-party validator
    (a guardrails one, say) may report a built-in category such as `unsupported_claim`.
    """
    table: dict[str, Action] = dict(ENGINE_ACTIONS)
    for name in BUILTIN:
        table.update(load_spec(name, BUILTIN).default_actions)
    return MappingProxyType(table)


def registered() -> dict[str, str]:
    """name -> "module:attribute" of every registered validator (entry points over the built-in table)."""
    found = dict(BUILTIN)
    for entry in entry_points(group=GROUP):
        found[entry.name] = entry.value
    return found


def load_spec(name: str, table: Mapping[str, str] | None = None) -> ValidatorSpec[Any]:
    """Import the spec registered as `name` (KeyError when none is)."""
    target = (table if table is not None else registered())[name]  # looked up per call: tests may swap it
    module_name, _, attribute = target.partition(":")
    spec = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(spec, ValidatorSpec):
        raise TypeError(f"{target} is not a ValidatorSpec")
    if spec.name != name:
        raise TypeError(f"{target} is registered as '{name}' but its spec is named '{spec.name}'")
    return spec


def available_validators() -> list[str]:
    """Names of registered validators whose module is present in this installation."""
    names = []
    for name, target in registered().items():
        if importlib.util.find_spec(target.partition(":")[0]) is not None:
            names.append(name)
    return names
