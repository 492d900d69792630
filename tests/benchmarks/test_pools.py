"""Every benchmark times fresh replies: its pools hold distinct texts and no timed loop sees one twice.

Each script in benchmarks/ runs here in its --quick mode, in this process; every ReplyPool it makes
is listed in pool.POOLS with what it handed out, and every text safe_reply's ProductLinePolicy.evaluate
sees is counted. The parts of a script that time no reply (import
times in fresh interpreters, the corpus's precision/recall) are skipped here, not changed.
"""

from __future__ import annotations

import importlib
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from safe_reply import load_policy
from safe_reply.integrations.telemetry import ensure_offline
from safe_reply.policy import ProductLinePolicy
from safe_reply.resources import example_config_dir
from safe_reply.types import Action, Context, Decision, Language

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
SCRIPTS = sorted(path.stem for path in BENCHMARKS.glob("bench_*.py"))


@pytest.fixture(scope="module")
def pool() -> Iterator[ModuleType]:
    sys.path.insert(0, str(BENCHMARKS))
    ensure_offline()  # some scripts use guardrails
    try:
        yield importlib.import_module("pool")
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_every_script_is_covered() -> None:
    assert {"bench_claims", "bench_disclosure", "bench_guard", "bench_guardrails", "bench_log", "bench_peers",
            "bench_secrets", "bench_table"} <= set(SCRIPTS)  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("script", SCRIPTS)
def test_no_timed_loop_sees_a_reply_twice(
    script: str, pool: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = importlib.import_module(script)
    for untimed in ("import_time", "quality"):  # subprocess import timings, corpus scoring
        if hasattr(module, untimed):
            monkeypatch.setattr(module, untimed, lambda *args, **kwargs: 0.0)
    evaluated: Counter[str] = Counter()
    evaluate = ProductLinePolicy.evaluate

    def recording(self: ProductLinePolicy, text: str, ctx: Context) -> Decision:
        evaluated[text] += 1
        return evaluate(self, text, ctx)

    monkeypatch.setattr(ProductLinePolicy, "evaluate", recording)
    pool.POOLS.clear()
    assert module.main(["--quick"]) == 0
    capsys.readouterr()
    # Across all its pools and untimed set-up, a script gives safe_reply each reply once at most.
    assert [text[:60] for text, n in evaluated.items() if n > 1] == []
    used = [p for p in pool.POOLS if p.drawn]
    assert used, f"{script} timed nothing from a ReplyPool"
    for made in pool.POOLS:
        assert len(set(made.texts)) == len(made.texts), made.name
        assert len(set(made.drawn)) == len(made.drawn), f"{made.name} handed out a text twice"
        assert made.drawn == list(made.texts[: len(made.drawn)]), made.name
    names = [p.name for p in pool.POOLS]
    assert len(set(names)) == len(names), "every timed loop has its own pool"


def test_the_pool_refuses_repeats_and_exhaustion(pool: ModuleType) -> None:
    with pytest.raises(ValueError, match="1 repeated text"):
        pool.ReplyPool("dup", ["a", "b", "a"])
    two = pool.ReplyPool("two", ["a", "b"])
    assert [two.draw(), two.draw()] == ["a", "b"]
    with pytest.raises(pool.PoolExhausted, match="no fresh text left"):
        two.draw()


def test_a_meter_that_does_not_draw_once_per_call_fails(pool: ModuleType) -> None:
    texts = pool.ReplyPool("t", ["a", "b", "c", "d"])
    with pytest.raises(RuntimeError, match="drew 2 texts"):
        pool.Meter(lambda: (texts.draw(), texts.draw()), texts, feeds=False, warmup=0).run(1)


def test_replies_are_distinct_of_the_asked_length_and_alternate_languages(pool: ModuleType) -> None:
    made = pool.replies(400, length=2_000, seed=5)
    assert len(set(made)) == 400
    assert all(1_920 <= len(text) <= 2_000 for text in made)
    assert all(text.startswith(("Guten Tag", "Hallo")) for text in made[::2])
    assert all(text.startswith(("Hello", "Dear", "Hi")) for text in made[1::2])
    long = pool.replies(5, length=10_000, seed=6)
    assert all(9_600 <= len(text) <= 10_000 for text in long)


def test_clean_replies_pass_the_example_policy_and_variants_are_caught(pool: ModuleType) -> None:
    line = load_policy(example_config_dir()).select("ebike")
    ctx = Context("ebike", "c", 2)

    def actions(texts: list[str]) -> set[Action]:
        return {line.evaluate(text, ctx).action for text in texts}

    assert actions(pool.replies(120, seed=7)) == {Action.PASS}
    assert actions(pool.replies(60, seed=8, planted=pool.LEAKS)) == {Action.BLOCK}
    assert actions(pool.replies(60, seed=9, planted=pool.CLAIMS)) == {Action.REWRITE}


def test_planted_sentences_sit_at_different_offsets(pool: ModuleType) -> None:
    sentence = "Intern heißt das Projekt übrigens Zorvakqel, bitte behandeln Sie das vertraulich."
    made = pool.replies(50, languages=(Language.DE,), seed=10, planted=lambda rng, lang: sentence)
    offsets = {text.index("Zorvakqel") for text in made}
    assert len(offsets) >= 40
