"""Every product line's entries protect all lines unless `scope: line`; flat term files (.txt,
.csv, .json) load like YAML; errors name the file and line, never the term."""

from __future__ import annotations

from pathlib import Path

import pytest

from safe_reply import load_policy
from safe_reply.errors import ConfigError, ConfigErrors
from safe_reply.types import Context
from safe_reply.validators.trade_secrets import Settings, build

from .conftest import make_ctx


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "product_lines").mkdir()
    (tmp_path / "defaults.yaml").write_text("version: 1\ndefault_product_line: pump\n", encoding="utf-8")
    (tmp_path / "product_lines" / "pump.yaml").write_text(
        "id: pump\nvalidators:\n  trade_secrets:\n    terms:\n      - {term: Zorvakel, kind: codename}\n"
        "      - {term: Quarnix, kind: codename, scope: line}\n",
        encoding="utf-8",
    )
    (tmp_path / "product_lines" / "drill.yaml").write_text(
        "id: drill\nvalidators:\n  trade_secrets:\n    terms:\n      - {term: Brontaq, kind: codename}\n",
        encoding="utf-8",
    )
    return tmp_path


def _leaked(policy: object, line: str, text: str) -> list[str]:
    decision = policy.evaluate(text, Context(product_line=line))  # type: ignore[attr-defined]
    return [text[f.span.start : f.span.end] for f in decision.findings if f.category == "trade_secret"]


def test_a_line_term_protects_every_line_unless_scoped(tmp_path: Path) -> None:
    policy = load_policy(_folder(tmp_path))
    assert _leaked(policy, "drill", "Der Zorvakel kommt.") == ["Zorvakel"]  # the pump's codename
    assert _leaked(policy, "pump", "Der Brontaq kommt.") == ["Brontaq"]  # the drill's codename
    assert _leaked(policy, "drill", "Der Quarnix kommt.") == []  # scope: line
    assert _leaked(policy, "pump", "Der Quarnix kommt.") == ["Quarnix"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("terms.txt", "# the real list\nZorvakel\tcodename\n\nQuarnix\n"),
        ("terms.csv", "term,kind,scope\nZorvakel,codename,\nQuarnix,other,line\n"),
        ("terms.json", '[{"term": "Zorvakel", "kind": "codename"}, {"term": "Quarnix", "kind": "other"}]'),
    ],
)
def test_flat_term_files_load(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    validator = build(Settings.model_validate({"terms_file": name}), make_ctx(tmp_path))
    assert [(x.kind, x.start, x.end) for x in validator.scan("Zorvakel und Quarnix.")] == [
        ("codename", 0, 8),
        ("other", 13, 20),
    ]


@pytest.mark.parametrize(
    ("name", "content", "key", "problem"),
    [
        ("terms.txt", "Zorvakel\tCodeName\n", "line 1", "the kind is not a lower_snake_case name"),
        ("terms.txt", "Zorvakel\n---\n", "line 2", "the term has no letter or digit to match"),
        ("terms.csv", "word,kind\nZorvakel,codename\n", "line 1", "the header needs a 'term' or 'pattern' column"),
        ("terms.csv", "term,kind,scope\nZorvakel,codename,galaxy\n", "line 2", "scope"),
    ],
)
def test_flat_file_errors_name_the_line_not_the_term(
    tmp_path: Path, name: str, content: str, key: str, problem: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises((ConfigError, ConfigErrors)) as err:
        build(Settings.model_validate({"terms_file": name}), make_ctx(tmp_path))
    error = err.value if isinstance(err.value, ConfigError) else err.value.errors[0]
    assert error.key == key
    assert problem in error.problem
    assert "Zorvakel" not in error.problem + error.fix


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("terms.txt", ""),
        ("terms.txt", "# Zorvakel\n\n# Quarnix\n"),
        ("terms.yaml", "# nothing yet\n"),
        ("terms.yaml", "[]\n"),
        ("terms.csv", "term,kind\n"),
        ("terms.json", "[]"),
    ],
)
@pytest.mark.parametrize("key", ["terms_file", "company_terms_file"])
def test_an_empty_terms_file_is_an_error_unless_allowed(tmp_path: Path, name: str, content: str, key: str) -> None:
    # An empty or commented-out file used to load: `config check` said OK and every term was delivered.
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        build(Settings.model_validate({key: name}), make_ctx(tmp_path))
    assert err.value.key.endswith(f".{key}")
    assert err.value.problem == (
        f"the protected-terms file {tmp_path / name} holds no term (empty, or only comments), so it protects nothing"
    )
    assert err.value.fix.endswith("or set allow_empty: true in this section if an empty list is intended")
    validator = build(Settings.model_validate({key: name, "allow_empty": True}), make_ctx(tmp_path))
    assert validator.scan("Zorvakel und Quarnix.") == []
