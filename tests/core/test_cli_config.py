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
    (tmp_path / "defaults.yaml").write_text("version: 1\n", encoding="utf-8")
    (tmp_path / "product_lines/ebike.yaml").write_text("id: ebike\nmode: enforced\nfoo: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["config", "check", str(tmp_path)], env={"COLUMNS": "400"})
    assert result.exit_code == 2  # config errors: exit 2 from every command
    file = tmp_path / "product_lines/ebike.yaml"
    assert result.output.splitlines() == [
        f"2 error(s) in {tmp_path}",
        f"  {file}: mode: value 'enforced' is not allowed (did you mean 'enforce'?). Fix: use one of: enforce, monitor",
        f"  {file}: foo: unknown key 'foo'. Fix: use one of: id, name, mode, streaming, tools, default_language, "
        "languages, actions, fallback, products, service, facts, certifications, guarantee, approved_claims, "
        "validators, limits",
    ]


def test_log_list_with_a_broken_log_section_prints_what_config_check_prints(tmp_path: Path) -> None:
    (tmp_path / "product_lines").mkdir()
    (tmp_path / "product_lines/ebike.yaml").write_text("id: ebike\n", encoding="utf-8")
    (tmp_path / "defaults.yaml").write_text("log:\n  backend: sqlit\n  pth: x.db\n", encoding="utf-8")
    check = runner.invoke(app, ["config", "check", str(tmp_path)], env={"COLUMNS": "400"})
    listing = runner.invoke(app, ["log", "list", "--config", str(tmp_path)], env={"COLUMNS": "400"})
    assert (check.exit_code, listing.exit_code) == (2, 2)
    file = tmp_path / "defaults.yaml"
    expected = [
        f"2 error(s) in {tmp_path}",
        f"  {file}: log.backend: String should match pattern '^(sqlite|postgres)$' (got 'sqlit'). "
        "Fix: correct the value; see the config reference in the README",
        f"  {file}: log.pth: unknown key 'pth' (did you mean 'path'?). Fix: use one of: enabled, backend, path, "
        "dsn_env, spool_path, retention_days, reveal_retention_days, key_env, count_flush_every, count_flush_seconds, "
        "retry_seconds, store_timeout_seconds",
    ]
    assert check.output.splitlines() == expected
    assert listing.output.splitlines() == expected


def test_a_bad_pack_in_one_line_and_a_typo_in_another_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "product_lines").mkdir()
    (tmp_path / "defaults.yaml").write_text("version: 1\n", encoding="utf-8")
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs/bad_pack.yaml").write_text(
        "pack: own\nfamily: claims\nlanguage: de\nrules: []\n", encoding="utf-8"
    )
    (tmp_path / "product_lines/ebike.yaml").write_text(
        "id: ebike\nvalidators:\n  claims: {extra_packs: [packs/bad_pack.yaml]}\n", encoding="utf-8"
    )
    (tmp_path / "product_lines/kitchen.yaml").write_text("id: kitchen\nguarante: none\n", encoding="utf-8")
    result = runner.invoke(app, ["config", "check", str(tmp_path)], env={"COLUMNS": "400"})
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0] == f"2 error(s) in {tmp_path}"
    assert sorted(lines[1:]) == [
        f"  {tmp_path / 'packs/bad_pack.yaml'}: rules: List should have at least 1 item after validation, not 0 "
        "(got []). Fix: correct the value; see the config reference in the README",
        f"  {tmp_path / 'product_lines/kitchen.yaml'}: guarante: unknown key 'guarante' (did you mean 'guarantee'?). "
        "Fix: use one of: id, name, mode, streaming, tools, default_language, languages, actions, fallback, products, "
        "service, facts, "
        "certifications, "
        "guarantee, approved_claims, validators, limits",
    ]


def test_config_check_needs_the_dsn_of_a_postgres_log(tmp_path: Path) -> None:
    (tmp_path / "product_lines").mkdir()
    (tmp_path / "product_lines/ebike.yaml").write_text("id: ebike\n", encoding="utf-8")
    (tmp_path / "defaults.yaml").write_text("log:\n  backend: postgres\n  dsn_env: CHECK_TEST_DSN\n", encoding="utf-8")
    unset = runner.invoke(app, ["config", "check", str(tmp_path)], env={"COLUMNS": "400", "CHECK_TEST_DSN": None})
    assert unset.exit_code == 2
    assert unset.output.splitlines() == [
        f"1 error(s) in {tmp_path}",
        f"  {tmp_path / 'defaults.yaml'}: log.dsn_env: log.backend is postgres but the environment variable "
        "CHECK_TEST_DSN is not set here, so the guarded bot could not open its log. Fix: export "
        "CHECK_TEST_DSN=postgresql://user@host/db (in the bot's environment too), or set log.dsn_env to the "
        "variable that holds the DSN",
    ]
    given = runner.invoke(
        app, ["config", "check", str(tmp_path)], env={"COLUMNS": "400", "CHECK_TEST_DSN": "postgresql://u@h/db"}
    )
    assert given.exit_code == 0, given.output
