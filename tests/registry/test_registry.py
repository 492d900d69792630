"""The validator registry is the entry-point group `safe_reply.validators`, for built-ins and plug-ins alike."""

from __future__ import annotations

import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from safe_reply import registry
from safe_reply.errors import ConfigErrors
from safe_reply.keys import log_key
from safe_reply.loader import load_policy
from safe_reply.log.masking import mask_decision
from safe_reply.types import Action, Context, Message, Span

ROOT = Path(__file__).resolve().parents[2]

PLUGIN = '''
"""A company's own validator: flags order numbers of the form ORD-123456."""
import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from safe_reply.contracts import ValidatorSpec
from safe_reply.types import Action, Edit, Finding, Message, Span


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    prefix: str = "ORD"


@dataclass
class OrderNumbers:
    pattern: re.Pattern
    name: str = "order_numbers"

    def detect(self, text, ctx):
        return [
            Finding(
                "order_numbers.found", "order_number", Span(m.start(), m.end()),
                Message("Bestellnummer", "order number"), validator=self.name,
                fix=Edit(Span(m.start(), m.end()), "[Bestellnummer]"),
            )
            for m in self.pattern.finditer(text)
        ]


SPEC = ValidatorSpec(
    "order_numbers", Settings, lambda s, ctx: OrderNumbers(re.compile(re.escape(s.prefix) + r"-\\d{6}")),
    categories=("order_number",), default_actions={"order_number": Action.REWRITE}, sensitive=True,
)
'''


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Install a throw-away distribution (module + dist-info with an entry point) on sys.path."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "acme_orders.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    info = site / "acme_orders-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-orders\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[safe_reply.validators]\norder_numbers = acme_orders:SPEC\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(site))
    yield site
    sys.modules.pop("acme_orders", None)


def test_builtin_table_equals_the_entry_points_in_pyproject() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert declared["project"]["entry-points"][registry.GROUP] == dict(registry.BUILTIN)


def test_every_builtin_spec_declares_its_categories_and_defaults() -> None:
    for name in registry.BUILTIN:
        spec = registry.load_spec(name)
        assert spec.name == name
        assert spec.categories, name
        assert set(spec.default_actions) == set(spec.categories), name
    assert registry.load_spec("trade_secrets").sensitive is True
    assert registry.load_spec("claims").sensitive is False


def test_a_plugin_validator_is_used_by_a_policy_without_any_change_to_safe_reply(plugin: Path, tmp_path: Path) -> None:
    assert registry.registered()["order_numbers"] == "acme_orders:SPEC"
    config = tmp_path / "config"
    (config / "product_lines").mkdir(parents=True)
    (config / "defaults.yaml").write_text("version: 1\n", encoding="utf-8")
    (config / "product_lines" / "shop.yaml").write_text(
        "id: shop\nvalidators:\n  order_numbers: {prefix: ORD}\n", encoding="utf-8"
    )
    policy = load_policy(config)
    decision = policy.evaluate("Ihre Bestellung ORD-123456 ist unterwegs.", Context(product_line="shop"))
    assert decision.action is Action.REWRITE
    assert decision.delivered == "Ihre Bestellung [Bestellnummer] ist unterwegs."
    [finding] = decision.findings
    assert (finding.category, finding.span, finding.sensitive) == ("order_number", Span(16, 26), True)
    assert finding.message == Message("Bestellnummer", "order number")
    # Its spec says sensitive: the log masks the span although masking knows no such category.
    key = log_key({"SAFE_REPLY_LOG_KEY": "k"})
    masked = mask_decision(decision.original, decision.delivered, decision.findings, key)
    assert "ORD-123456" not in masked.original
    assert masked.original.startswith("Ihre Bestellung ⟦order_number:")


def test_a_plugin_category_is_known_to_the_action_table_only_where_enabled(plugin: Path, tmp_path: Path) -> None:
    config = tmp_path / "config"
    (config / "product_lines").mkdir(parents=True)
    (config / "defaults.yaml").write_text("version: 1\n", encoding="utf-8")
    (config / "product_lines" / "shop.yaml").write_text(
        "id: shop\nvalidators:\n  order_numbers: {}\nactions: {order_number: block}\n", encoding="utf-8"
    )
    decision = load_policy(config).evaluate("ORD-123456", Context(product_line="shop"))
    assert decision.action is Action.BLOCK
    (config / "product_lines" / "shop.yaml").write_text("id: shop\nactions: {order_numbr: block}\n", encoding="utf-8")
    with pytest.raises(ConfigErrors) as err:
        load_policy(config)
    [error] = err.value.errors
    assert (error.key, error.problem) == ("actions.order_numbr", "unknown category 'order_numbr'")
