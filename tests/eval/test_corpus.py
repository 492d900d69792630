"""The corpus format -> our config -> a Policy, and errors that point at the corpus file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from safe_reply.errors import ConfigErrors
from safe_reply.eval.corpus import (
    EVAL_TIME_BUDGET_SECONDS,
    Requirement,
    corpus_config,
    load_corpus,
    policy_from_corpus,
)


def test_load_corpus(corpus_dir: Path) -> None:
    corpus = load_corpus(corpus_dir)
    assert [c.id for c in corpus.cases] == ["b-1", "b-2", "b-3", "b-4", "c-1", "c-2", "c-3"]
    assert corpus.requirements == {"bike": Requirement.FIRST_REPLY, "cream": Requirement.EVERY_REPLY}
    assert corpus.cases[1].expect.unsupported_claims[0].category == "guarantee"
    assert corpus.product_lines_raw["cream"]["protected_terms"] == [{"term": "Eos", "kind": "codename"}]


def test_corpus_config_maps_every_section(corpus_dir: Path, use_fakes: Callable[..., None]) -> None:
    use_fakes()
    config = corpus_config(load_corpus(corpus_dir))
    assert config["bike"] == {
        "id": "bike",
        "name": "Räder",
        "languages": ["de", "en"],
        "facts": [{"key": "range_km", "value": 100, "unit": "km", "qualifier": "bis zu"}],
        "certifications": ["CE"],
        "guarantee": "2 Jahre auf den Rahmen",
        "approved_claims": ["Der Rahmen hat 2 Jahre Garantie."],
        "validators": {
            "trade_secrets": {
                "terms": [
                    {"term": "Kranich", "kind": "codename", "note": "Codename"},
                    {"pattern": r"NHD-\d{4}", "kind": "ticket_id"},
                ],
                "allowed_terms": ["Kranichstein"],
            },
            "claims": {},
            "disclosure": {"required": "first_reply", "text": {"de": "Hinweis: KI.", "en": "Note: AI."}},
        },
    }


def test_settings_switch_an_opt_in_on_in_every_line(corpus_dir: Path, use_fakes: Callable[..., None]) -> None:
    # `--claims-model` of benchmarks/eval_firstsight.py: the opt-in claims model measured on a corpus.
    use_fakes("claims", "trade_secrets")
    config = corpus_config(load_corpus(corpus_dir), settings={"claims": {"model": True}, "disclosure": {"x": 1}})
    assert [line["validators"]["claims"] for line in config.values()] == [{"model": True}, {"model": True}]
    assert all("disclosure" not in line["validators"] for line in config.values())  # not enabled: not added
    assert corpus_config(load_corpus(corpus_dir))["bike"]["validators"]["claims"] == {}


def test_only_installed_validators_are_enabled(corpus_dir: Path, use_fakes: Callable[..., None]) -> None:
    use_fakes("claims")
    policy = policy_from_corpus(corpus_dir)
    assert [v.name for v in policy.select("bike").validators] == ["claims"]
    assert policy.config_dir == corpus_dir
    assert policy.select("bike").config.guarantee == "2 Jahre auf den Rahmen"
    assert policy.select("cream").config.guarantee is None


def test_an_evaluation_is_not_cut_short_by_the_production_time_budget(
    corpus_dir: Path, use_fakes: Callable[..., None]
) -> None:
    use_fakes()
    policy = policy_from_corpus(corpus_dir)
    assert policy.select("bike").limits.time_budget_seconds == EVAL_TIME_BUDGET_SECONDS == 600.0
    assert policy.select("bike").budget("claims") == 600.0


def test_restrict_validators(corpus_dir: Path, use_fakes: Callable[..., None]) -> None:
    use_fakes()
    policy = policy_from_corpus(corpus_dir, validators=["trade_secrets", "disclosure"])
    assert [v.name for v in policy.select("cream").validators] == ["trade_secrets", "disclosure"]


def test_config_error_names_the_corpus_key(kit: Any, tmp_path: Path, use_fakes: Callable[..., None]) -> None:
    use_fakes()
    lines = kit.product_lines.replace("facts:\n      - {key: range_km,", "facts:\n      - {kee: range_km,")
    folder = kit.write(tmp_path / "bad", [kit.case("b-1", "bike", "de", 1, "Hallo")], lines)
    with pytest.raises(ConfigErrors) as caught:
        policy_from_corpus(folder)
    messages = [str(e) for e in caught.value.errors]
    assert messages[0].startswith(f"{folder / 'product_lines.yaml'}: product_lines[0].facts[0]")
    assert "'kee'" in " ".join(messages)


def test_case_errors_are_collected_with_line_numbers(kit: Any, tmp_path: Path) -> None:
    bad_claim = kit.case("b-1", "bike", "de", 1, "Hallo", claims=[{"text": "nicht da", "category": "other"}])
    unknown_line = kit.case("b-2", "boat", "de", 1, "Hallo")
    folder = kit.write(tmp_path / "bad", [bad_claim, unknown_line, {**kit.case("b-1", "bike", "xx", 0, "x")}])
    with pytest.raises(ConfigErrors) as caught:
        load_corpus(folder)
    cases_file = folder / "cases.jsonl"
    assert [(e.file, e.key) for e in caught.value.errors] == [
        (str(cases_file), "line 1: expect.unsupported_claims"),
        (str(cases_file), "line 3: lang"),
        (str(cases_file), "line 3: turn"),
        (str(cases_file), "line 2: product_line"),
    ]
    assert caught.value.errors[0].problem == "claim text 'nicht da' of case 'b-1' is not in its reply"
    assert caught.value.errors[3].fix == "use one of: bike, cream, or add it to product_lines.yaml"


def test_missing_product_lines_file(tmp_path: Path, kit: Any) -> None:
    folder = kit.write(tmp_path / "c", [kit.case("b-1", "bike", "de", 1, "Hallo")])
    (folder / "product_lines.yaml").unlink()
    with pytest.raises(ConfigErrors, match="cannot read the file"):
        load_corpus(folder)
    assert load_corpus(folder, require_product_lines=False).requirements == {}
