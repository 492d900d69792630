"""Shared helpers of the disclosure tests."""

from __future__ import annotations

from pathlib import Path

from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.types import Context
from safe_reply.validators.disclosure import SPEC, DisclosureValidator, Settings

FIRST = Context(turn=1)
LATER = Context(turn=2)


def make_validator(**overrides: object) -> DisclosureValidator:
    """The disclosure validator of a product line with the shipped packs and the given settings."""
    ctx = BuildContext(ProductLine(id="ebike"), Path("."), Path("defaults.yaml"), "validators.disclosure")
    built = SPEC.build(Settings.model_validate(overrides), ctx)
    assert isinstance(built, DisclosureValidator)
    return built
