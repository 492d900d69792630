"""Config errors: every message names the file, the key path and the fix (exact texts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from safe_reply.errors import ConfigErrors
from safe_reply.loader import load_policy
from safe_reply.types import Action, Category


def write(folder: Path, files: dict[str, str]) -> Path:
    """The files, and an empty defaults.yaml unless given (a folder must have one; an empty one is fine)."""
    for name, body in {"defaults.yaml": "", **files}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return folder


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(ConfigErrors) as info:
        load_policy(folder)
    return [str(e) for e in info.value.errors]


def test_minimal_folder_loads(tmp_path: Path) -> None:
    write(tmp_path, {"product_lines/ebike.yaml": "id: ebike\n"})
    policy = load_policy(tmp_path)
    line = policy.select(None)
    assert line.id == "ebike"
    assert line.actions[Category.TRADE_SECRET] is Action.BLOCK
    assert len(line.ref.policy_hash) == 16


def test_flat_layout_and_overrides(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "defaults.yaml": "default_product_line: kitchen\nactions: {trade_secret: rewrite}\n",
            "kitchen.yaml": "id: kitchen\nactions: {unsupported_claim: block}\n",
            "ebike.yaml": "id: ebike\n",
        },
    )
    policy = load_policy(tmp_path)
    assert policy.default_product_line == "kitchen"
    kitchen = policy.product_lines["kitchen"]
    assert kitchen.actions[Category.TRADE_SECRET] is Action.REWRITE
    assert kitchen.actions[Category.UNSUPPORTED_CLAIM] is Action.BLOCK
    assert policy.product_lines["ebike"].actions[Category.UNSUPPORTED_CLAIM] is Action.REWRITE


def test_action_table_is_the_builtin_defaults_then_the_yaml(tmp_path: Path) -> None:
    line = "id: ebike\nvalidators: {disclosure: {}}\nactions: {false_human: rewrite}\n"
    write(tmp_path, {"product_lines/ebike.yaml": line})
    assert load_policy(tmp_path).select(None).actions == {
        "validator_error": Action.BLOCK,
        "rewrite_failed": Action.BLOCK,
        "reply_too_long": Action.BLOCK,
        "trade_secret": Action.BLOCK,
        "unsupported_claim": Action.REWRITE,
        "missing_disclosure": Action.REWRITE,
        "false_human": Action.REWRITE,
        "external": Action.BLOCK,
        "personal_data": Action.REWRITE,
    }


def test_a_key_given_twice_is_an_error_not_a_silent_override(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"product_lines/ebike.yaml": "id: ebike\nvalidators:\n  claims: {}\nvalidators:\n  disclosure: {}\n"},
    )
    assert errors_of(tmp_path) == [
        f"{tmp_path / 'product_lines/ebike.yaml'}: validators: key 'validators' appears twice (lines 2 and 4); "
        "YAML would keep only the second. Fix: merge the two entries into one"
    ]


def test_policy_hash_changes_with_content(tmp_path: Path) -> None:
    write(tmp_path, {"product_lines/ebike.yaml": "id: ebike\n"})
    first = load_policy(tmp_path).select(None).ref.policy_hash
    write(tmp_path, {"product_lines/ebike.yaml": "id: ebike\nname: E-Bikes\n"})
    assert load_policy(tmp_path).select(None).ref.policy_hash != first


def test_policy_hash_changes_with_another_line(tmp_path: Path) -> None:
    # Another line's protected terms and service terms shape this line's checks: its hash changes too.
    write(tmp_path, {"product_lines/ebike.yaml": "id: ebike\n", "product_lines/service.yaml": "id: service\n"})
    first = load_policy(tmp_path).select("ebike").ref.policy_hash
    write(tmp_path, {"product_lines/service.yaml": "id: service\nname: Shop\n"})
    assert load_policy(tmp_path).select("ebike").ref.policy_hash != first


def test_unknown_key_did_you_mean(tmp_path: Path) -> None:
    write(tmp_path, {"product_lines/ebike.yaml": "id: ebike\nacitons: {}\n"})
    assert errors_of(tmp_path) == [
        f"{tmp_path / 'product_lines/ebike.yaml'}: acitons: unknown key 'acitons' (did you mean 'actions'?). "
        "Fix: use one of: id, name, mode, streaming, tools, default_language, languages, actions, fallback, products, "
        "service, facts, "
        "certifications, guarantee, approved_claims, validators, limits"
    ]


def test_nested_unknown_key(tmp_path: Path) -> None:
    write(tmp_path, {"product_lines/ebike.yaml": "id: ebike\nfacts:\n  - {key: range_km, value: 1, unti: km}\n"})
    assert errors_of(tmp_path) == [
        f"{tmp_path / 'product_lines/ebike.yaml'}: facts[0].unti: unknown key 'unti' (did you mean 'unit'?). "
        "Fix: use one of: key, label_de, label_en, value, unit, qualifier, attribute, direction, products, "
        "per_product, conditions, upper_bound"
    ]


def test_bad_action_value(tmp_path: Path) -> None:
    write(tmp_path, {"defaults.yaml": "actions: {trade_secret: blok}\n", "product_lines/ebike.yaml": "id: ebike\n"})
    assert errors_of(tmp_path) == [
        f"{tmp_path / 'defaults.yaml'}: actions.trade_secret: value 'blok' is not allowed (did you mean 'block'?). "
        "Fix: use one of: pass, monitor, rewrite, block, raise"
    ]


def test_bad_category_key(tmp_path: Path) -> None:
    write(tmp_path, {"defaults.yaml": "actions: {trade_secrets: block}\n", "product_lines/ebike.yaml": "id: ebike\n"})
    assert errors_of(tmp_path) == [
        f"{tmp_path / 'defaults.yaml'}: actions.trade_secrets: unknown category 'trade_secrets' "
        "(did you mean 'trade_secret'?). Fix: use one of: external, false_human, missing_disclosure, "
        "personal_data, reply_too_long, rewrite_failed, trade_secret, unsupported_claim, validator_error"
    ]


def test_missing_required_key(tmp_path: Path) -> None:
    write(tmp_path, {"product_lines/ebike.yaml": "name: E-Bikes\n"})
    assert errors_of(tmp_path) == [
        f"{tmp_path / 'product_lines/ebike.yaml'}: id: required key 'id' is missing. Fix: add 'id:' under the top level"
    ]


def test_id_must_match_file_name(tmp_path: Path) -> None:
    write(tmp_path, {"product_lines/ebike.yaml": "id: kitchen\n"})
    assert errors_of(tmp_path) == [
        f"{tmp_path / 'product_lines/ebike.yaml'}: id: id 'kitchen' does not match the file name 'ebike.yaml'. "
        "Fix: rename the file to kitchen.yaml or set 'id: ebike'"
    ]


def test_yaml_syntax_error_has_position(tmp_path: Path) -> None:
    write(tmp_path, {"product_lines/ebike.yaml": "id: ebike\nactions: {trade_secret: block\n"})
    [message] = errors_of(tmp_path)
    assert message.startswith(f"{tmp_path / 'product_lines/ebike.yaml'}: YAML syntax error at line 3, column 1: ")
    assert message.endswith(". Fix: fix the YAML syntax there")


def test_top_level_must_be_mapping(tmp_path: Path) -> None:
    write(tmp_path, {"product_lines/ebike.yaml": "- id: ebike\n"})
    assert errors_of(tmp_path) == [
        f"{tmp_path / 'product_lines/ebike.yaml'}: the top level is a list, not a mapping. "
        "Fix: write 'key: value' lines"
    ]


def test_unknown_validator(tmp_path: Path) -> None:
    write(tmp_path, {"product_lines/ebike.yaml": "id: ebike\nvalidators:\n  disclosur: {}\n"})
    assert errors_of(tmp_path) == [
        f"{tmp_path / 'product_lines/ebike.yaml'}: validators.disclosur: unknown validator 'disclosur' "
        "(did you mean 'disclosure'?). Fix: use one of: trade_secrets, claims, disclosure, personal_data, guardrails "
        "(or install the package that registers it)"
    ]


def test_bad_default_product_line(tmp_path: Path) -> None:
    write(tmp_path, {"defaults.yaml": "default_product_line: ebikes\n", "product_lines/ebike.yaml": "id: ebike\n"})
    assert errors_of(tmp_path) == [
        f"{tmp_path / 'defaults.yaml'}: default_product_line: 'ebikes' is not a product line "
        "(did you mean 'ebike'?). Fix: use one of: ebike"
    ]


def test_all_errors_reported_together(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "product_lines/ebike.yaml": "id: ebike\nmode: enforced\n",
            "product_lines/kitchen.yaml": "id: kitchen\nfoo: 1\n",
        },
    )
    messages = errors_of(tmp_path)
    assert len(messages) == 2
    assert messages[0].endswith(
        "mode: value 'enforced' is not allowed (did you mean 'enforce'?). Fix: use one of: enforce, monitor"
    )
    assert "kitchen.yaml: foo: unknown key 'foo'" in messages[1]


def test_missing_folder_and_empty_folder(tmp_path: Path) -> None:
    assert errors_of(tmp_path / "nope") == [
        f"{tmp_path / 'nope'}: config folder not found. Fix: pass the folder that holds defaults.yaml and "
        "product_lines/ (see config/ in the safe_reply repository)"
    ]
    assert errors_of(tmp_path)[1:] == [
        f"{tmp_path}: no product line files found. Fix: add product_lines/<id>.yaml with at least 'id: <id>' "
        "(see config/product_lines/ebike.yaml)"
    ]
    assert errors_of(tmp_path)[0].startswith(f"{tmp_path / 'defaults.yaml'}: defaults.yaml is missing")


def test_guarantee_none_means_none(tmp_path: Path) -> None:
    write(tmp_path, {"product_lines/kitchen.yaml": "id: kitchen\nguarantee: none\n"})
    assert load_policy(tmp_path).select("kitchen").config.guarantee is None


def test_a_missing_defaults_file_is_an_error_not_silently_no_company_settings(tmp_path: Path) -> None:
    # Company-wide protected terms, actions and the log live in defaults.yaml: a folder copied without
    # it used to load, with every company term silently gone.
    (tmp_path / "product_lines").mkdir()
    (tmp_path / "product_lines/ebike.yaml").write_text("id: ebike\n", encoding="utf-8")
    assert errors_of(tmp_path) == [
        f"{tmp_path / 'defaults.yaml'}: defaults.yaml is missing: every product line inherits the company-wide "
        "validators (protected terms among them), actions, fallback and log settings from it, and they would "
        "silently be gone. Fix: add it (see config/defaults.yaml in the safe_reply repository; an empty file "
        "means the built-in defaults), or pass the folder that holds it"
    ]
    (tmp_path / "defaults.yml").write_text("version: 1\n", encoding="utf-8")
    assert errors_of(tmp_path)[0].endswith(
        "Fix: rename defaults.yml to defaults.yaml (only that name is read), or pass the folder that holds it"
    )
    (tmp_path / "defaults.yml").rename(tmp_path / "defaults.yaml")
    assert load_policy(tmp_path).select(None).id == "ebike"


def test_product_line_id_may_be_a_german_word(tmp_path: Path) -> None:
    write(tmp_path, {"product_lines/ferngläser.yaml": "id: ferngläser\n"})
    assert load_policy(tmp_path).select("ferngläser").id == "ferngläser"


@pytest.mark.parametrize("bad", ["Ferngläser", "2rad", "e bikes", "e.bikes"])
def test_product_line_id_in_lower_case_letters(tmp_path: Path, bad: str) -> None:
    write(tmp_path, {"product_lines/line.yaml": f"id: {bad}\n"})
    assert errors_of(tmp_path) == [
        f"{tmp_path / 'product_lines/line.yaml'}: id: product line id '{bad}' must start with a lower-case letter and "
        "hold only lower-case letters, digits, '_' and '-'. Fix: write the id in lower case without spaces or "
        "punctuation (e.g. 'ferngläser', 'e-bikes')"
    ]
