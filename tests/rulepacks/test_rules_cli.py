"""`safe-reply rules test PATH` and `rules list`: exit codes and output rows."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from safe_reply.cli import rules_cmd

GOOD = """pack: acme-claims-de
family: acme
language: de
rules:
  - id: ACME-HEILT
    category: health
    legal_basis: "HWG §3"
    message: {{de: "Heilversprechen", en: "healing claim"}}
    anchors: ["heil*"]
    patterns: ['\\bheilt\\b']
    flag: ["Die Creme heilt Akne."]
    pass: ["{passing}"]
"""


def app() -> typer.Typer:
    application = typer.Typer()
    rules_cmd.register(application)
    return application


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app(), ["rules", *args], terminal_width=200)
    return result.exit_code, result.output


def test_passing_pack_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "de.yaml").write_text(GOOD.format(passing="Die Creme pflegt."), encoding="utf-8")
    code, output = run("test", str(tmp_path))
    assert code == 0
    assert "OK: 2/2 examples OK in 1 rule(s) of 1 pack(s)" in output


def test_failing_example_exits_one_and_names_it(tmp_path: Path) -> None:
    path = tmp_path / "de.yaml"
    path.write_text(GOOD.format(passing="Das heilt nicht."), encoding="utf-8")
    code, output = run("test", str(path))
    assert code == 1
    assert "ACME-HEILT.pass[0]" in output
    assert "FAILED: 1/2 examples OK in 1 rule(s) of 1 pack(s)" in output


def test_broken_pack_exits_two_with_key_path(tmp_path: Path) -> None:
    path = tmp_path / "de.yaml"
    path.write_text(GOOD.format(passing="x").replace("'\\bheilt\\b'", "'(heilt'"), encoding="utf-8")
    code, output = run("test", str(path))
    assert code == 2
    assert "rules[0].patterns[0]: invalid regular expression" in output


def test_missing_path_exits_two(tmp_path: Path) -> None:
    code, output = run("test", str(tmp_path / "nope"))
    assert code == 2
    assert "no such file or folder" in output


def test_list_shows_shipped_rules() -> None:
    code, output = run("list")
    assert code == 0
    assert "disclosure.de/false-human-real" in output
    assert "disclosure.en/notice-self" in output
