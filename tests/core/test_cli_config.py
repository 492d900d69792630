"""`safe-reply config check`: a summary table for a good folder, every error with its fix otherwise."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from safe_reply.cli import _register, app

_register()
runner = CliRunner()


def test_check_good_folder(tmp_path: Path) -> None:
    (tmp_path / "product_lines").mkdir()
    (tmp_path / "defaults.yaml").write_text("default_product_line: ebike\n", encoding="utf-8")
    (tmp_path / "product_lines/ebike.yaml").write_text(
        "id: ebike\nactions: {trade_secret: rewrite}\n", encoding="utf-8"
    )
    (tmp_path / "product_lines/kitchen.yaml").write_text("id: kitchen\nmode: monitor\n", encoding="utf-8")
    result = runner.invoke(app, ["config", "check", str(tmp_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "│" in line and ("ebike" in line or "kitchen" in line)]
    assert len(rows) == 2
    assert "ebike (default)" in rows[0]
    assert "trade_secret=rewrite" in rows[0]
    assert "monitor" in rows[1]
    assert "(as defaults)" in rows[1]
    assert result.output.rstrip().endswith(f"OK: 2 product line(s) in {tmp_path}")


def test_check_bad_folder_lists_every_error(tmp_path: Path) -> None:
    (tmp_path / "product_lines").mkdir()
    (tmp_path / "product_lines/ebike.yaml").write_text("id: ebike\nmode: enforced\nfoo: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["config", "check", str(tmp_path)], env={"COLUMNS": "400"})
    assert result.exit_code == 1
    file = tmp_path / "product_lines/ebike.yaml"
    assert result.output.splitlines() == [
        f"2 error(s) in {tmp_path}",
        f"  {file}: mode: value 'enforced' is not allowed (did you mean 'enforce'?). Fix: use one of: enforce, monitor",
        f"  {file}: foo: unknown key 'foo'. Fix: use one of: id, name, mode, default_language, languages, actions, "
        "fallback, facts, certifications, guarantee, approved_claims, validators",
    ]
