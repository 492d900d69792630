"""Patterns from config on RE2: the same matches as Python's re (Unicode classes too), in linear time."""

from __future__ import annotations

import re
import time

import pytest

from safe_reply.linear_regex import compile_linear

TEXT = "Größe 12 mm, Ticket LWB-٤٢١٠ und lwb-4711; Straße\u00a0Nr.\u2003 7, Ende"


@pytest.mark.parametrize(
    "pattern",
    [r"\w+", r"\d+", r"\s+", r"\W+", r"[\w-]+", r"[^\w\s]+", r"LWB-\d{4}", r"\u00dfe", r"e\Z", r"Gr[öo]\S+"],
)
@pytest.mark.parametrize("ignore_case", [False, True])
def test_the_same_matches_as_python_re(pattern: str, ignore_case: bool) -> None:
    expected = [(m.start(), m.end()) for m in re.finditer(pattern, TEXT, re.IGNORECASE if ignore_case else 0)]
    assert expected  # every pattern matches something here
    assert [(m.start(), m.end()) for m in compile_linear(pattern, ignore_case=ignore_case).finditer(TEXT)] == expected


def test_nested_quantifiers_take_linear_time() -> None:
    started = time.perf_counter()
    assert compile_linear("(a+)+$").search("a" * 100_000 + "b") is None
    assert compile_linear(r"(\w+\s?)+$").search("wort " * 20_000 + "!") is None
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("pattern", "what"),
    [
        ("a(?=b)", "a lookaround"),
        ("(?<!x)a", "a lookaround"),
        (r"(a)\1", "a backreference"),
        ("(?P<x>a)(?P=x)", "a backreference"),
        (r"\N{EM DASH}", r"a named character escape (\N{...})"),
        ("a*+", "a construct RE2 does not support (bad repetition operator: *+)"),
    ],
)
def test_what_re2_cannot_run_is_refused_with_the_reason(pattern: str, what: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"the pattern uses {what}")):
        compile_linear(pattern)
