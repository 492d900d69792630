"""Shared builders for the trade-secret tests: one validator over the example terms of the issue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.validators.trade_secrets import Settings, TradeSecretValidator, build

# Spelling mechanics are tested on terms that count wherever they appear (`ordinary_word: false`):
# Kranich, Möwe, Orion... are also ordinary words, decided automatically otherwise (test_ordinary_auto).
EXAMPLE_TERMS: list[dict[str, Any]] = [
    {
        "term": "Kranich",
        "kind": "codename",
        "aliases": ["Project Crane"],
        "allowed": ["Kranichstein"],
        "ordinary_word": False,
    },
    {"term": "Großglockner", "kind": "codename", "ordinary_word": False},
    {"term": "Möwe", "kind": "codename", "ordinary_word": False},
    {"term": "Müller Antriebe", "kind": "supplier"},
    {"term": "Athena", "kind": "codename", "ordinary_word": False},
    {"term": "Eos", "kind": "codename", "ordinary_word": False},
    {"term": "NHX", "kind": "internal_system"},
    {"term": "Orion", "kind": "codename", "ordinary_word": False},
    {"term": "Kulanzgrenze", "kind": "internal_limit", "ordinary_word": False},
    {"term": "Hautklar Retinol Night", "kind": "unreleased_product"},
    {"term": "VeloNova T10", "kind": "unreleased_product"},
    {"pattern": r"EK[ -]?\d{1,3}(?:\.\d{3})*,\d{2} ?€", "kind": "purchase_price"},
    {"pattern": r"NHD-\d{4,6}", "kind": "ticket_id"},
]
ALLOWED = ["Retinol", "VeloNova T9"]


def make_ctx(config_dir: Path = Path("."), file: str = "ebike.yaml") -> BuildContext:
    return BuildContext(
        ProductLine.model_validate({"id": "ebike"}), config_dir, config_dir / file, "validators.trade_secrets"
    )


def make_validator(terms: list[dict[str, Any]] | None = None, **settings: Any) -> TradeSecretValidator:
    raw = {"terms": EXAMPLE_TERMS if terms is None else terms, "allowed_terms": ALLOWED, **settings}
    return build(Settings.model_validate(raw), make_ctx())


@pytest.fixture(scope="session")
def validator() -> TradeSecretValidator:
    return make_validator()


def found(validator: TradeSecretValidator, text: str) -> list[tuple[int, int, str]]:
    """(start, end, leaked spelling) per leak: the shape of the span tables."""
    return [(leak.start, leak.end, text[leak.start : leak.end]) for leak in validator.scan(text)]
