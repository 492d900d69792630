"""Operators' regexes cannot stall a reply: RE2 (linear time) with Python's meanings of the shorthand
classes, Python's engine only for lookarounds and only without catastrophic backtracking."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply import load_policy
from safe_reply.errors import ConfigError, ConfigErrors
from safe_reply.validators.trade_secrets.regexes import UnsafePattern, compile_user_pattern

from .conftest import found, make_validator


def test_a_catastrophic_pattern_cannot_stall_a_reply() -> None:
    validator = make_validator([{"pattern": r"(a+)+$", "kind": "other"}])
    text = "a" * 100_000 + "!"  # Python's re: exponential in the run of a's
    start = time.thread_time()
    assert validator.scan(text) == []
    assert time.thread_time() - start < 1.0
    assert found(validator, "Die Kennung lautet aaaa") == [(19, 23, "aaaa")]


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        (r"\w+", "Möwe ٣", ["Möwe", "٣"]),  # \w: any letter or digit, as in Python
        (r"\d+", "Charge ٣٤ und 12", ["٣٤", "12"]),  # \d: any decimal digit
        (r"a\sb", "a\u00a0b a b", ["a\u00a0b", "a b"]),  # \s: any space
        (r"NHD-\d{4,6}\Z", "NHD-12345", ["NHD-12345"]),
        (r"[\w.-]+@corp\.lan", "an x.y@corp.lan", ["x.y@corp.lan"]),
        (r"K\u00f6ln-\d", "Köln-4", ["Köln-4"]),
    ],
)
def test_re2_keeps_pythons_meanings(pattern: str, text: str, matches: list[str]) -> None:
    compiled = compile_user_pattern(pattern)
    assert type(compiled).__name__ == "_Re2Pattern"
    assert [m.group() for m in compiled.finditer(text)] == matches


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([r"\w+", r"\d{2,}", r"[\w-]+\.lan", r"EK\s?\d+,\d\d", r"\bAB\d\b", r"[^\s,]+", r"x[\d\s]y"]),
    st.text(st.sampled_from("abxyAB1٣ ,.-\u00a0\tölanEK"), max_size=30),
)
def test_re2_matches_like_python(pattern: str, text: str) -> None:
    import re

    expected = [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    if r"\b" in pattern and not text.isascii():
        return  # RE2's \b is a boundary of ASCII words (documented)
    assert [(m.start(), m.end()) for m in compile_user_pattern(pattern).finditer(text)] == expected


def test_a_lookaround_keeps_python_when_safe() -> None:
    validator = make_validator([{"pattern": r"EK(?!-)\d{1,3},\d{2}", "kind": "purchase_price"}])
    assert found(validator, "EK12,50 und EK-12,50") == [(0, 7, "EK12,50")]


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(?=x)(a+)+$", "repeats a repetition"),
        (r"(?<!y)(a|ab)*c", "repeats an alternation"),
        (r"(?=.*\d)EK", "unbounded repetition inside a lookaround"),
        (r"(\w+)\s\1(\d*)+", "repeats a repetition"),
    ],
)
def test_an_unsafe_python_only_pattern_is_rejected_at_load(tmp_path: Path, pattern: str, reason: str) -> None:
    with pytest.raises(UnsafePattern, match=reason):
        compile_user_pattern(pattern)
    (tmp_path / "product_lines").mkdir()
    (tmp_path / "defaults.yaml").write_text("version: 1\ndefault_product_line: pump\n", encoding="utf-8")
    (tmp_path / "product_lines" / "pump.yaml").write_text(
        f"id: pump\nvalidators:\n  trade_secrets:\n    terms:\n      - {{pattern: '{pattern}', kind: ticket_id}}\n",
        encoding="utf-8",
    )
    with pytest.raises((ConfigError, ConfigErrors)) as err:
        load_policy(tmp_path)
    error = err.value if isinstance(err.value, ConfigError) else err.value.errors[0]
    assert error.file.endswith("pump.yaml")
    assert error.key.startswith("validators.trade_secrets.terms")
    assert reason in error.problem
    assert "bound every repetition" in str(err.value)


_gated = make_validator(
    [
        {"pattern": r"NHD-\d{4,6}", "kind": "ticket_id"},
        {"pattern": r"LWB[ -]?\d{4}", "kind": "ticket_id"},
        {"pattern": r"EK(?!-)\d{1,3},\d{2}", "kind": "purchase_price"},  # Python's engine: not gated
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["NHD-", "nhd-", "12345", "LWB", " ", "7", "EK", "12,50", "x", "-"]), max_size=12).map(
        "".join
    )
)
def test_the_pattern_gate_changes_no_finding(text: str) -> None:
    assert _gated.pattern_gate is not None
    assert _gated.pattern_gate.gated == frozenset({0, 1})
    without = dataclasses.replace(_gated, pattern_gate=None)
    assert _gated.scan(text) == without.scan(text)
