"""benchmarks/eval_firstsight.py: one markdown row per corpus, P/R overall then German · English."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_firstsight.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_firstsight", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_row_per_corpus_with_exact_rates(
    corpus_dir: Path, use_fakes: Callable[..., None], capsys: pytest.CaptureFixture[str]
) -> None:
    use_fakes()
    assert _script().main([str(corpus_dir)]) == 0
    header, rule, row = capsys.readouterr().out.splitlines()
    assert header == (
        "| corpus (replies) | leak P/R (de · en) | claim P/R (de · en) | missing notice P/R (de · en) "
        "| false human P/R (de · en) |"
    )
    assert rule == "|---|---|---|---|---|"
    assert row == (
        # leak: b-1 found, c-2 (disguised) missed, b-4's bird flagged; claim: b-3's backed guarantee flagged;
        # missing notice: b-2 (first reply) and c-1 (every reply), both German; false human: b-4.
        "| corpus (7) | 0.50/0.50 (1.00/0.50 · 0.00/–) | 0.50/1.00 (1.00/1.00 · 0.00/–) "
        "| 1.00/1.00 (1.00/1.00 · –/–) | 1.00/1.00 (–/– · 1.00/1.00) |"
    )


def test_no_corpus_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = _script()
    script.FIRST_SIGHT = tmp_path
    assert script.main([]) == 2
    assert capsys.readouterr().err == f"no corpus found in {tmp_path}\n"
