"""examples/agent_bot.py (`make demo-agent`) runs offline and shows what the guard did."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[2] / "examples" / "agent_bot.py"


def test_the_agent_example_runs_offline_and_its_thread_holds_no_unchecked_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = importlib.util.spec_from_file_location("agent_bot", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["agent_bot"] = module
    spec.loader.exec_module(module)

    assert module.main() == 0

    out = capsys.readouterr().out
    assert "guard: reply (turn 1): BLOCK  [trade_secrets.supplier, disclosure/missing-notice]" in out
    assert "guard: tool call send_customer_email: REWRITE  [claims.de/spec-figure]" in out
    assert ('tool call sent: send_customer_email({"subject": "Reichweite Ihres Tour 7", "body": "Im Eco-Modus '
            'fahren Sie mit einer Akkuladung bis zu 110 km (Testzyklus nach EN 17404)."})') in out  # fmt: skip
    assert "guard: tool call web_search: BLOCK" in out
    assert "    chunk: 'Ich habe Ihnen die Angaben per E-Mail geschickt.'\n" in out
    assert out.count("Hinweis: Sie chatten mit einem KI-Assistenten.") == 1  # once per thread
    assert out.endswith("Saved thread 'kunde-42': 10 messages, unchecked text in it: none\n")
    assert "Tianjin" not in out.split("Turn 1")[1].split("Bot:")[1]
