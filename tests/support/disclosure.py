"""The disclosure validator as the tests build it: shipped packs, a notice required in every reply."""

from __future__ import annotations

from pathlib import Path

from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.validators.disclosure import SPEC, DisclosureValidator, Settings


def every_reply_validator() -> DisclosureValidator:
    ctx = BuildContext(ProductLine(id="home"), Path("."), Path("defaults.yaml"), "validators.disclosure")
    built = SPEC.build(Settings.model_validate({"required": "every_reply"}), ctx)
    assert isinstance(built, DisclosureValidator)
    return built
