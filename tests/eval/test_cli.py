"""`safe-reply eval` and `safe-reply check` through typer's CliRunner: exact JSON lines."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from safe_reply.cli import check_cmd, eval_cmd

runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    # A fresh app per test: only the two commands under test, nothing another module registers.
    application = typer.Typer()
    check_cmd.register(application)
    eval_cmd.register(application)
    return application


def _secret(start: int, end: int) -> dict[str, Any]:
    return {
        "rule_id": "fake.secret",
        "category": "trade_secret",
        "span": {"start": start, "end": end},
        "message": {"de": "secret", "en": "secret"},
        "legal_basis": None,
        "severity": "high",
        "validator": "trade_secrets",
        "details": {},
    }


def test_eval_json_lines(app: typer.Typer, corpus_dir: Path, use_fakes: Callable[..., None]) -> None:
    use_fakes("trade_secrets")
    result = runner.invoke(app, ["eval", str(corpus_dir), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    no_flags = {"leak": False, "claim": False, "disclosure": False, "false_human": False}
    assert rows[0] == {
        "id": "b-1",
        "flags": {**no_flags, "leak": True},
        "action": "block",
        "findings": [_secret(31, 38)],
    }
    assert rows[1] == {"id": "b-2", "flags": no_flags, "action": "pass", "findings": []}
    assert rows[3] == {
        "id": "b-4",
        "flags": {**no_flags, "leak": True},
        "action": "block",
        "findings": [_secret(21, 28)],
    }
    assert [row["id"] for row in rows[:-1]] == ["b-1", "b-2", "b-3", "b-4", "c-1", "c-2", "c-3"]
    summary = rows[-1]["summary"]
    assert summary["checks"] == {
        "leak": {"enabled": True, "tp": 1, "fp": 1, "fn": 1, "tn": 4, "precision": 0.5, "recall": 0.5, "f1": 0.5},
        "claim": {"enabled": False},
        "disclosure": {"enabled": False},
        "false_human": {"enabled": False},
    }
    assert summary["benign"] == {"total": 2, "blocked": 0, "rewritten": 0, "blocked_ids": []}
    assert summary["tags"]["obfuscated"]["leak"]["fn"] == 1
    assert summary["claim_categories"] == {}


def test_eval_text_report(app: typer.Typer, corpus_dir: Path, use_fakes: Callable[..., None]) -> None:
    use_fakes()
    result = runner.invoke(app, ["eval", str(corpus_dir)], terminal_width=200)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "safe_reply eval: 7 cases" in out
    assert "benign replies: 2; falsely blocked: 1 (b-3); rewritten: 0" in out
    assert "FALSE ALARM claim: b-3 (bike, en, turn 2) [supported_claim]" in out
    assert "  finding: fake.claim 'guaranteed': claim" in out
    assert "MISS leak: c-2 (cream, de, turn 2) [obfuscated]" in out
    assert "  expected: leaks ['Eos']" in out
    assert "not enabled" not in out


def test_eval_reports_missing_validators(app: typer.Typer, corpus_dir: Path, use_fakes: Callable[..., None]) -> None:
    use_fakes("claims")
    result = runner.invoke(app, ["eval", str(corpus_dir), "--no-cases"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "not enabled (validator 'trade_secrets')" in result.stdout
    assert "not enabled (validator 'disclosure')" in result.stdout
    assert "MISS" not in result.stdout


def test_eval_with_config_folder(
    app: typer.Typer, corpus_dir: Path, tmp_path: Path, use_fakes: Callable[..., None]
) -> None:
    use_fakes()
    config = tmp_path / "config"
    (config / "product_lines").mkdir(parents=True)
    (config / "defaults.yaml").write_text("validators:\n  disclosure: {required: every_reply}\n", encoding="utf-8")
    for line_id in ("bike", "cream"):
        (config / "product_lines" / f"{line_id}.yaml").write_text(f"id: {line_id}\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(corpus_dir), "--config", str(config), "--json"])
    assert result.exit_code == 0, result.output
    # every_reply from the config: b-3 and b-4 (turn 2, no notice) are now expected violations too.
    assert json.loads(result.stdout.splitlines()[-1])["summary"]["checks"]["disclosure"] == {
        "enabled": True,
        "tp": 4,
        "fp": 0,
        "fn": 0,
        "tn": 3,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }


def test_eval_corpus_error_exit_2(app: typer.Typer, tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'product_lines.yaml'}: cannot read the file" in result.stderr


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    config = tmp_path / "config"
    (config / "product_lines").mkdir(parents=True)
    lines = {"bike": "Kranich", "cream": "Eos"}
    for line_id, term in lines.items():
        (config / "product_lines" / f"{line_id}.yaml").write_text(
            f"id: {line_id}\nvalidators:\n  trade_secrets:\n    terms: [{{term: {term}}}]\n", encoding="utf-8"
        )
    (config / "defaults.yaml").write_text("default_product_line: bike\n", encoding="utf-8")
    return config


def _expected(action: str, delivered: str, findings: list[dict[str, Any]], line: str = "bike") -> dict[str, Any]:
    return {"action": action, "intended": action, "product_line": line, "findings": findings, "delivered": delivered}


def _rows(output: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in output.splitlines()]
    for row in rows:
        assert len(row.pop("policy_hash")) == 16
    return rows


def test_check_argument(app: typer.Typer, config_dir: Path, use_fakes: Callable[..., None]) -> None:
    use_fakes("trade_secrets")
    result = runner.invoke(app, ["check", "Projekt Kranich kommt.", "-c", str(config_dir)])
    assert result.exit_code == 1, result.output  # blocked: exit 1
    fallback = "Entschuldigung, dazu kann ich Ihnen gerade keine verlässliche Auskunft geben. "
    rows = _rows(result.stdout)
    assert rows[0]["delivered"].startswith(fallback)
    assert rows == [_expected("block", rows[0]["delivered"], [_secret(8, 15)])]


def test_check_stdin_drops_the_shell_newline(
    app: typer.Typer, config_dir: Path, use_fakes: Callable[..., None]
) -> None:
    use_fakes("trade_secrets")
    result = runner.invoke(app, ["check", "-c", str(config_dir), "-p", "cream"], input="Alles gut.\n")
    assert result.exit_code == 0, result.output
    assert _rows(result.stdout) == [_expected("pass", "Alles gut.", [], "cream")]


def test_check_jsonl_file_and_output(
    app: typer.Typer, config_dir: Path, tmp_path: Path, use_fakes: Callable[..., None]
) -> None:
    use_fakes("trade_secrets")
    replies = tmp_path / "replies.jsonl"
    replies.write_text(
        '"Eos ist kein Vogel."\n\n{"id": 7, "text": "Eos kommt.", "product_line": "cream", "turn": 2}\n',
        encoding="utf-8",
    )
    out = tmp_path / "decisions.jsonl"
    result = runner.invoke(app, ["check", "-c", str(config_dir), "--jsonl", str(replies), "-o", str(out)])
    assert result.exit_code == 1, result.output  # one of the replies was blocked
    assert result.stdout == ""
    rows = _rows(out.read_text(encoding="utf-8"))
    assert rows[0] == _expected("pass", "Eos ist kein Vogel.", [])  # bike's terms: Eos is not protected there
    assert rows[1] == {"id": "7", **_expected("block", rows[1]["delivered"], [_secret(0, 3)], "cream")}


def test_check_an_empty_reply_is_a_usage_error(
    app: typer.Typer, config_dir: Path, use_fakes: Callable[..., None]
) -> None:
    use_fakes("trade_secrets")
    result = runner.invoke(app, ["check", "-c", str(config_dir), "-p", "cream"], input="\n")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "the reply is empty. Fix: pass the reply text as an argument or on stdin" in result.stderr
    result = runner.invoke(app, ["check", "  ", "-c", str(config_dir)])
    assert result.exit_code == 2


def test_check_jsonl_stdin_errors(app: typer.Typer, config_dir: Path, use_fakes: Callable[..., None]) -> None:
    use_fakes("trade_secrets")
    result = runner.invoke(app, ["check", "-c", str(config_dir), "--jsonl", "-"], input='{"txt": "x"}\n')
    assert result.exit_code == 2
    assert "-: line 1: expected a JSON string or an object with a string 'text'." in result.stderr
    result = runner.invoke(app, ["check", "-c", str(config_dir), "--jsonl", "-"], input='{"text": "x", "lang": "fr"}\n')
    assert "lang 'fr' is not supported. Fix: use one of: de, en" in result.stderr
    result = runner.invoke(app, ["check", "-c", str(config_dir), "--jsonl", "-"], input="{oops\n")
    assert "-: line 1: invalid JSON" in result.stderr
    result = runner.invoke(app, ["check", "x", "-c", str(config_dir), "-p", "boat"])
    assert result.exit_code == 2
    assert "unknown product line 'boat'" in result.stderr


def test_eval_broken_validator_is_named_not_fatal(
    app: typer.Typer, corpus_dir: Path, use_fakes: Callable[..., None]
) -> None:
    use_fakes("trade_secrets", claims="_eval_fakes:NO_SUCH_SPEC")
    result = runner.invoke(app, ["eval", str(corpus_dir), "--json"])
    assert result.exit_code == 0, result.output
    assert "warning: validator 'claims' is not enabled: its module fails to load (AttributeError:" in result.stderr
    summary = json.loads(result.stdout.splitlines()[-1])["summary"]
    assert (summary["checks"]["leak"]["enabled"], summary["checks"]["claim"]) == (True, {"enabled": False})
