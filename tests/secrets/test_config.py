"""Settings, term files, errors naming file/key/fix, findings that never carry the term, and the
validator inside a loaded policy (block by default, redact where the action table says rewrite)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml

from safe_reply.errors import ConfigError, ConfigErrors
from safe_reply.loader import load_policy
from safe_reply.types import Action, Category, Context, Edit, Span
from safe_reply.validators.trade_secrets import LEGAL_BASIS, Settings, build

from .conftest import make_ctx, make_validator

REPO = Path(__file__).resolve().parents[2]


def test_finding_carries_kind_and_keyed_hash_never_the_term() -> None:
    validator = make_validator()
    text = "Zum Projekt Kranich kann ich nichts sagen."
    (finding,) = validator.detect(text, Context())
    term_hash = make_ctx().keyed_hash("Kranich")
    assert finding.rule_id == "trade_secrets.codename"
    assert finding.category is Category.TRADE_SECRET
    assert finding.span == Span(12, 19)
    assert finding.fix == Edit(Span(12, 19), "[vertraulich]")
    assert finding.legal_basis == LEGAL_BASIS
    assert dict(finding.details) == {"kind": "codename", "term_hash": term_hash, "trick": "literal"}
    assert finding.message.de.startswith(f"Vertrauliche Information (interner Codename, Schlüssel-Hash {term_hash})")
    assert finding.message.en.startswith(f"Confidential information (internal codename, keyed hash {term_hash})")
    assert "kranich" not in (str(finding.message) + str(dict(finding.details))).lower()


def test_alias_reports_the_hash_of_the_term() -> None:
    validator = make_validator()
    (leak,) = validator.scan("Project Crane is next.")
    assert (leak.term_hash, leak.trick) == (make_ctx().keyed_hash("Kranich"), "alias")


def test_terms_file_and_env_file_are_read_and_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "secret.yaml").write_text("- {term: Zaunkönig, kind: codename}\n", encoding="utf-8")
    (tmp_path / "company.yaml").write_text("terms:\n  - {pattern: 'LWB-\\d{4}', kind: ticket_id}\n")
    (tmp_path / "env.yaml").write_text("- {term: Moto Rivoli, kind: supplier}\n", encoding="utf-8")
    monkeypatch.setenv("TEST_SECRET_TERMS", str(tmp_path / "env.yaml"))
    ctx = make_ctx(tmp_path)
    settings = Settings.model_validate(
        {"terms_file": "secret.yaml", "company_terms_file": "company.yaml", "terms_env": "TEST_SECRET_TERMS"}
    )
    validator = build(settings, ctx)
    text = "Zaunkoenig, LWB-1234 und Moto Rivoli"
    assert [(leak.start, leak.end, leak.kind) for leak in validator.scan(text)] == [
        (0, 10, "codename"),
        (12, 20, "ticket_id"),
        (25, 36, "supplier"),
    ]
    assert ctx.sources == [tmp_path / "company.yaml", tmp_path / "secret.yaml", tmp_path / "env.yaml"]


def test_missing_terms_file_names_file_key_and_fix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        build(Settings.model_validate({"terms_file": "nope.yaml"}), make_ctx(tmp_path))
    assert err.value.file == str(tmp_path / "ebike.yaml")
    assert err.value.key == "validators.trade_secrets.terms_file"
    assert "cannot read the protected-terms file" in err.value.problem
    assert "relative to the config folder" in err.value.fix


def test_unset_env_variable_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEST_SECRET_TERMS_UNSET", raising=False)
    with pytest.raises(ConfigError) as err:
        build(Settings.model_validate({"terms_env": "TEST_SECRET_TERMS_UNSET"}), make_ctx())
    assert err.value.key == "validators.trade_secrets.terms_env"
    assert str(err.value).endswith(
        "Fix: set TEST_SECRET_TERMS_UNSET to the path of the protected-terms YAML file, or remove terms_env"
    )


def test_bad_entry_in_terms_file_names_the_file_and_never_quotes_it(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text("- {term: Geheimwort, kind: Code-Name}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        build(Settings.model_validate({"terms_file": "secret.yaml"}), make_ctx(tmp_path))
    assert err.value.file == str(tmp_path / "secret.yaml")
    assert err.value.key.startswith("[0]")
    assert "Geheimwort" not in str(err.value)
    assert "codename, unreleased_product" in err.value.fix


def test_a_company_kind_loads_as_written_and_names_the_rule(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text("- {term: Wohnbau Nordhessen, kind: key_account}\n", encoding="utf-8")
    (tmp_path / "own.yaml").write_text("- {term: Zorvakel, kind: lieferkette_2027}\n", encoding="utf-8")
    validator = build(
        Settings.model_validate({"terms_file": "secret.yaml", "company_terms_file": "own.yaml"}), make_ctx(tmp_path)
    )
    findings = validator.detect("Wohnbau Nordhessen und Zorvakel.", Context())
    assert [(f.rule_id, f.details["kind"], f.span) for f in findings] == [
        ("trade_secrets.key_account", "key_account", Span(0, 18)),
        ("trade_secrets.lieferkette_2027", "lieferkette_2027", Span(23, 31)),
    ]
    assert "(Großkunde, Schlüssel-Hash" in findings[0].message.de
    assert "(confidential information: lieferkette 2027, keyed hash" in findings[1].message.en


def test_placeholder_that_matches_is_rejected() -> None:
    with pytest.raises(ConfigError) as err:
        make_validator(placeholder="[Kranich]")
    assert err.value.key == "validators.trade_secrets.placeholder"


def _copy_config(tmp_path: Path) -> Path:
    """The example config with only this validator, so other validators' work cannot break these tests."""
    target = tmp_path / "config"
    shutil.copytree(REPO / "config", target)
    for path in [target / "defaults.yaml", *sorted((target / "product_lines").glob("*.yaml"))]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["validators"] = {"trade_secrets": data.get("validators", {}).get("trade_secrets", {})}
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def _edit(path: Path, *keys: str, value: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    node = data
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"pattern": "EK(", "kind": "purchase_price"}, "invalid regular expression"),
        ({"term": "X", "kind": "Geheim!"}, "should match pattern"),
        # A pattern that may backtrack catastrophically and that RE2 cannot run (regexes.py).
        ({"pattern": "(?=(a+)+$)x", "kind": "ticket_id"}, "the pattern needs Python's regex engine"),
    ],
)  # fmt: skip
def test_loader_reports_bad_regex_and_unknown_kind(tmp_path: Path, entry: dict[str, str], problem: str) -> None:
    config = _copy_config(tmp_path)
    _edit(config / "product_lines" / "ebike.yaml", "validators", "trade_secrets", "terms", value=[entry])
    with pytest.raises(ConfigErrors) as err:
        load_policy(config)
    ebike = str(config / "product_lines" / "ebike.yaml")
    (error,) = [e for e in err.value.errors if e.file == ebike]  # the other one: default line missing
    assert error.key.startswith("validators.trade_secrets.terms")
    assert problem in error.problem


def test_example_policy_blocks_ebike_and_redacts_kitchen(tmp_path: Path) -> None:
    policy = load_policy(_copy_config(tmp_path))
    blocked = policy.evaluate("Das Projekt Zaunkönig kommt im Mai.", Context(product_line="ebike"))
    assert blocked.action is Action.BLOCK
    assert "Zaunkönig" not in blocked.delivered
    bird = "Der Zaunkönig kommt im Mai."  # ordinary_word: true in ebike.yaml, the bird is no leak
    assert policy.evaluate(bird, Context(product_line="ebike")).action is Action.PASS
    text = "Die Nordlicht-Plattform und die Kulanz-Grenze sind intern."
    redacted = policy.evaluate(text, Context(product_line="kitchen"))
    assert redacted.action is Action.REWRITE
    assert redacted.delivered == "Die [vertraulich]-Plattform und die [vertraulich] sind intern."
    english = policy.evaluate("The Nordlicht platform is not public yet.", Context(product_line="kitchen"))
    assert english.delivered == "The [confidential] platform is not public yet."
    clean = "Die Barista B3 baut bis zu 15 bar Druck auf."
    assert policy.evaluate(clean, Context(product_line="kitchen")).delivered is clean


@pytest.mark.parametrize(
    "text",
    [
        "I can't share any codename for a successor model; nothing has been announced yet.",
        "Einen Codenamen für ein Nachfolgemodell kann ich nicht nennen; angekündigt ist noch nichts.",
    ],
)
def test_example_policy_passes_a_refusal_about_a_successor(tmp_path: Path, text: str) -> None:
    """The Zaunkönig note ("Codename of the Tour 7 successor") made "codename" and "successor" two units
    of it: a refusal that names neither the codename nor the model was blocked."""
    policy = load_policy(_copy_config(tmp_path))
    result = policy.evaluate(text, Context(product_line="ebike"))
    assert (result.action, result.findings) == (Action.PASS, ())


@pytest.mark.parametrize("attack", ["a" * 27 + "b", "a" * 5_000 + "!", ("aaaa " * 2_000) + "b"])
def test_a_catastrophic_pattern_from_config_cannot_stall_a_reply(attack: str) -> None:
    # With Python's re, `(a+)+$` took 12 s on 28 characters: in C code, which no watchdog interrupts.
    patterns = [{"pattern": "(a+)+$", "kind": "other"}, {"pattern": r"LWB-\d{4,6}", "kind": "ticket_id"}]
    validator = make_validator(patterns)
    started = time.thread_time()
    leaks = validator.scan(attack)
    assert time.thread_time() - started < 0.5
    assert leaks == []
    assert [(x.kind, x.start, x.end) for x in validator.scan("Ticket lwb 12345, Antwort aaa")] == [
        ("ticket_id", 7, 16),  # case-insensitive and loosened separators, as before
        ("other", 26, 29),
    ]
