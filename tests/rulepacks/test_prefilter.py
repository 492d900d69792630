"""The RE2 prefilter of a rule may say "maybe" where its patterns say no, never "no" where they say yes."""

from __future__ import annotations

import json
import pickle
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.rulepacks import compiled_packs, shipped_pack_paths
from safe_reply.rulepacks.prefilter import (
    BASE_MEMORY,
    DIRECT,
    LARGE_MEMORY,
    LARGE_PROGRAM,
    compile_prefilter,
    widen,
)
from safe_reply.rulepacks.sentences import sentence_spans

ROOT = Path(__file__).resolve().parents[2]
CORPORA = [
    ROOT.parent / "shared" / "corpus" / "dev",
    ROOT.parent / "shared" / "corpus" / "dev2",
    *sorted((ROOT / "benchmarks" / "firstsight").glob("*")),
    ROOT / "benchmarks" / "heldout",
]
SHIPPED = compiled_packs(shipped_pack_paths())


def corpus_sentences() -> list[str]:
    sentences: list[str] = []
    for folder in CORPORA:
        cases = folder / "cases.jsonl"
        if cases.is_file():
            for line in cases.read_text(encoding="utf-8").splitlines():
                text = json.loads(line)["text"]
                sentences.extend(span.of(text) for span in sentence_spans(text))
    for rule in SHIPPED.rules:  # and every rule's own examples
        sentences.extend([*rule.model.flag, *rule.model.pass_])
    return sentences


def test_almost_every_shipped_rule_has_a_prefilter() -> None:
    without = [rule.id for rule in SHIPPED.rules if rule.prefilter is None]
    assert len(without) <= 0.15 * len(SHIPPED.rules), without


def test_no_sentence_a_rule_matches_is_filtered_out() -> None:
    sentences = corpus_sentences()
    assert len(sentences) > 5000  # the corpora are there: this test must not pass on nothing
    missed = [
        (rule.id, sentence)
        for rule in SHIPPED.rules
        if rule.prefilter is not None
        for sentence in sentences
        if any(p.search(sentence) for p in rule.patterns) and not rule.prefilter.may_match(sentence.encode())
    ]
    assert missed == []


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(?<!nicht )\bsicher\b", "absolut sicher"),
        (r"\bKI\b(?!-gestützt)", "Ich bin eine KI."),
        (r"(?>ab|a)c", "ac"),
        (r"[\U0001F916\u2600] KI", "🤖 KI"),
        (r"\w+ü\w*\s\d+", "Grüße 42"),
        (r"(?-i:[A-ZÄÖÜ])\w+ bin", "Äpfel bin"),
    ],
)
def test_widened_patterns_still_match_what_the_original_matches(pattern: str, text: str) -> None:
    original = re.compile(pattern, re.IGNORECASE)
    assert original.search(text)
    prefilter = compile_prefilter([original])
    assert prefilter is not None, widen(pattern)
    assert prefilter.search(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcäöüßKIkí 1.-\u00a0\u200b🤖", max_size=40))
def test_widening_never_loses_a_match_on_any_text(text: str) -> None:
    patterns = [re.compile(p, re.IGNORECASE) for p in (r"\bki\b", r"(?<!k)i\s*\d", r"\w+ß", r"[\s\u00a0]+ä")]
    prefilter = compile_prefilter(patterns)
    assert prefilter is not None
    if any(p.search(text) for p in patterns):
        assert prefilter.search(text)


def test_large_programs_get_the_larger_memory_budget() -> None:
    # A large program at the base budget thrashes its DFA cache (tens of µs a call instead of a few).
    budgets = {
        rule.id: (rule.prefilter.program_size, rule.prefilter.max_memory)
        for rule in SHIPPED.rules
        if rule.prefilter is not None
    }
    large = {rule_id for rule_id, (size, _) in budgets.items() if size > LARGE_PROGRAM}
    assert large, "the shipped packs have large rules; the threshold would be dead code otherwise"
    assert len(large) < len(budgets) / 2
    for rule_id, (_size, memory) in budgets.items():
        assert memory == (LARGE_MEMORY if rule_id in large else BASE_MEMORY), rule_id


def test_a_prefilter_says_no_where_no_pattern_can_match_and_folds_case_beyond_ascii() -> None:
    # The scan hands each sentence over as UTF-8 bytes once; the answer must be RE2's, in both directions.
    prefilter = compile_prefilter([re.compile(r"\büberall\b", re.IGNORECASE), re.compile(r"KI-Assistent")])
    assert prefilter is not None
    assert prefilter.may_match("Das gilt ÜBERALL in der EU.".encode())
    assert prefilter.may_match(b"Ihr KI-Assistent")
    assert not prefilter.may_match("Der Akku hält lange.".encode())
    assert not prefilter.may_match(b"Ihr ki-assistent")  # that pattern is case-sensitive
    assert prefilter.search("Überall gleich")
    assert not prefilter.search("über allem")


def test_a_fresh_prefilter_answers_its_first_match_without_compiling_a_reverse_program() -> None:
    # A search must find where its match starts: RE2 compiles a reverse program on the first match,
    # 5.5 s over the shipped rules (64 ms on one reply for the largest), paid by the first replies that
    # pass each prefilter. The anchored `.*?(…)` match knows its start: about 50 ms over all rules.
    # The bound leaves a wide margin for a busy machine and still fails on the reverse compilation.
    fresh = [(rule, compile_prefilter(rule.patterns)) for rule in SHIPPED.rules]
    started = time.perf_counter()
    for rule, prefilter in fresh:
        if prefilter is not None:
            assert prefilter.may_match(rule.model.flag[0].encode()), rule.id
    assert time.perf_counter() - started < 1.5


def test_a_rule_can_turn_its_prefilter_off(tmp_path: Path) -> None:
    # An AI notice rule: its anchor nearly always comes with a match, so a prefilter would only cost.
    pack = """\
pack: switch
family: claims
language: de
rules:
  - id: claims.de/off
    prefilter: false
    category: guarantee
    legal_basis: "UWG §5"
    message: {de: "d", en: "e"}
    anchors: [garantiert]
    patterns: ['garantiert \\w+']
    flag: ["Das hält garantiert lange."]
    pass: ["Das hält lange."]
  - id: claims.de/on
    category: guarantee
    legal_basis: "UWG §5"
    message: {de: "d", en: "e"}
    anchors: [garantiert]
    patterns: ['garantiert \\w+']
    flag: ["Das hält garantiert lange."]
    pass: ["Das hält lange."]
"""
    path = tmp_path / "off.yaml"
    path.write_text(pack, encoding="utf-8")
    packs = compiled_packs([path])
    assert packs.rule("claims.de/off").prefilter is None
    assert packs.rule("claims.de/on").prefilter is not None
    assert [m.rule.id for m in packs.scan("Das hält garantiert lange.")] == ["claims.de/off", "claims.de/on"]


def test_the_direct_probe_answers_as_the_wrapper_does_on_every_corpus_sentence() -> None:
    # The scan asks RE2's C++ matcher directly (no generator, no match object); the wrapper's own
    # `match` must give the same yes/no for every rule and sentence, both ways.
    sentences = [s.encode() for s in corpus_sentences()[::8]]
    assert DIRECT  # this google-re2 exposes the C++ matcher: the direct path is the one tested
    said_yes = 0
    for prefilter in (rule.prefilter for rule in SHIPPED.rules if rule.prefilter is not None):
        for sentence in sentences:
            direct = prefilter.may_match(sentence)
            assert direct == (prefilter.regex.match(sentence) is not None)
            said_yes += direct
    assert said_yes > 200  # both answers occur: the comparison is not vacuous


def test_a_prefilter_pickles_and_answers_alike_after() -> None:
    # Compiled packs may be copied or sent to worker processes: the direct path stores nothing unpicklable.
    prefilter = compile_prefilter([re.compile(r"\büberall\b", re.IGNORECASE)])
    assert prefilter is not None
    again = pickle.loads(pickle.dumps(prefilter))
    for sentence in ("Das gilt ÜBERALL.", "Der Akku hält lange."):
        assert again.may_match(sentence.encode()) == prefilter.may_match(sentence.encode())
    assert again.may_match("Das gilt ÜBERALL.".encode())
