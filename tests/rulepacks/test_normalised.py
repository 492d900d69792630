"""The normalised view: what a reader sees in a disguised reply, every offset mapped back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safe_reply.confusables import HOMOGLYPHS, INVISIBLE, fold_char, is_invisible
from safe_reply.rulepacks import compiled_packs
from safe_reply.rulepacks.engine import _disguised
from safe_reply.rulepacks.normalised import SPACED_TRIGGERS, TRIGGERS, NormalisedView, has_markdown_in_word
from safe_reply.types import Span


@pytest.mark.parametrize(
    ("original", "seen"),
    [
        ("Ich bin der K\u200bI-Assistent.", "Ich bin der KI-Assistent."),  # zero-width space
        ("\u041aI-Assistent: Ja", "KI-Assistent: Ja"),  # Cyrillic Ka
        ("\uff21\uff29 assistant \U0001f43e", "AI assistant \U0001f43e"),  # full-width, emoji kept
        ("Lot\u00adse", "Lotse"),  # soft hyphen
        ("Gru\u0308n", "Grün"),  # decomposed umlaut
        ("**K**I-generierte Antwort", "**KI-generierte Antwort"),  # markdown inside the word
        ("> _Diese Antwort wurde erstellt._", "> Diese Antwort wurde erstellt."),  # underscore emphasis
        ("_automatisch generiert (KI)_", "automatisch generiert (KI)"),  # closing after punctuation
        ("__(AI reply)__ ok", "(AI reply) ok"),  # underscores touching brackets only
        ("a__b und snake_case", "a__b und snake_case"),  # between two letters: an identifier
        ("K I - A s s i s t e n t", "KI-Assistent"),  # spaced letters
        ("Note: I'm an A I  assistant.", "Note: I'm an AI  assistant."),  # two spaced capitals
        ("plm_intern und 3 x 4 cm", "plm_intern und 3 x 4 cm"),  # identifiers and numbers stay
    ],
)
def test_view_text(original: str, seen: str) -> None:
    assert NormalisedView.of(original).text == seen


def test_spans_map_back_to_the_original() -> None:
    original = "Hallo! Ich bin der K\u200bI-Assistent."
    view = NormalisedView.of(original)
    start = view.text.index("KI-Assistent")
    assert view.span(start, start + len("KI-Assistent")) == Span(19, 32)
    assert original[19:32] == "K\u200bI-Assistent"
    assert view.span(len(view.text), len(view.text)) == Span(len(original), len(original))


def test_spaced_letters_map_to_the_whole_run() -> None:
    original = "K I - A s s i s t e n t\nHallo"
    view = NormalisedView.of(original)
    assert view.text == "KI-Assistent\nHallo"
    assert view.span(0, 12) == Span(0, 23)


def test_markdown_detection() -> None:
    assert has_markdown_in_word("**K**I")
    assert has_markdown_in_word("_Diese Antwort_")
    assert has_markdown_in_word("Text (KI)_")
    assert not has_markdown_in_word("a__b")
    assert not has_markdown_in_word("**Hinweis:** Text")
    assert not has_markdown_in_word("snake_case und plm_intern bleiben")


def test_confusables_table() -> None:
    assert "K\u0410\u0406".translate(HOMOGLYPHS) == "KAI"
    assert fold_char("\uff2b") == "K"
    assert fold_char("\u2013") == "\u2013"  # punctuation stays
    assert all(is_invisible(c) for c in INVISIBLE)
    assert not is_invisible("a")


@given(
    st.lists(st.sampled_from(["Das ", "Rad ", "wiegt ", "25 kg", ". ", "KI", "-", "Assistent", "\n"]), max_size=12),
    st.lists(st.integers(min_value=0, max_value=60), max_size=4),
)
def test_invisible_characters_are_dropped_and_offsets_stay_exact(parts: list[str], cuts: list[int]) -> None:
    plain = "".join(parts)
    disguised = plain
    for cut in sorted(cuts, reverse=True):
        at = min(cut, len(disguised))
        disguised = disguised[:at] + "\u200b" + disguised[at:]
    view = NormalisedView.of(disguised)
    assert view.text == plain
    for i, char in enumerate(view.text):
        source = view.span(i, i + 1)
        assert disguised[source.start : source.end] == char


PACK = """\
pack: view-de
family: demo
language: de
rules:
  - id: VIEW
    category: test
    legal_basis: "AI Act Art. 50"
    message: {de: "d", en: "e"}
    anchors: [ki]
    patterns: ['\\bki-assistent\\b']
    flag: ["Ich bin der KI-Assistent.", "Ich bin der К\u200bI-Assistent."]
    pass: ["Ich bin der Kilometerzähler."]
"""


def test_scan_reads_the_view_and_reports_original_offsets(tmp_path: Path) -> None:
    path = tmp_path / "view.yaml"
    path.write_text(PACK, encoding="utf-8")
    packs = compiled_packs([path])
    reply = "Guten Tag! Ich bin der \u041a\u200bI-Assistent. Der Akku hält."
    (match,) = packs.scan(reply)
    assert match.span == Span(23, 36)
    assert match.span.of(reply) == "\u041a\u200bI-Assistent"
    assert match.sentence_span.of(reply) == "Ich bin der \u041a\u200bI-Assistent."
    plain = "Guten Tag! Ich bin der KI-Assistent."
    assert [m.span.of(plain) for m in packs.scan(plain)] == ["KI-Assistent"]


def _disguised_by_definition(lowered: str) -> bool:
    """What the scan's automaton used to decide, hit by hit: a trigger anywhere, or a spaced acronym
    with no letter or digit (str.isalnum) on either side."""
    if any(trigger in lowered for trigger in TRIGGERS):
        return True
    for spaced in SPACED_TRIGGERS:
        at = lowered.find(spaced)
        while at >= 0:
            end = at + len(spaced)
            if (at == 0 or not lowered[at - 1].isalnum()) and (end == len(lowered) or not lowered[end].isalnum()):
                return True
            at = lowered.find(spaced, at + 1)
    return False


@given(
    st.lists(
        st.sampled_from(["k", "a", "i", " ", "  ", "x", "1", "_", "é", "-", "\u200b", "ａ", "а", "K"]), max_size=12
    )
)
def test_the_disguise_check_agrees_with_its_definition(parts: list[str]) -> None:
    lowered = "".join(parts).lower()
    assert _disguised(lowered) == _disguised_by_definition(lowered)


@pytest.mark.parametrize(
    ("lowered", "expected"),
    [("das ist k i.", True), ("k  i-assistent", True), ("ak i", False), ("k i2", False), ("k_i", False),
     ("ｋｉ", True), ("ganz normal", False), ("a i", True), ("ba i x", False)],
)  # fmt: skip
def test_the_disguise_check_on_examples(lowered: str, expected: bool) -> None:
    assert _disguised(lowered) is expected
