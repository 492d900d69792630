"""The sentence splitter: German abbreviations, numbers and dates; lazy lookup agrees with the full split."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from safe_reply.rulepacks.sentences import SentenceIndex, sentence_spans

from .sentences_reference import sentence_spans as reference_spans


def sentences(text: str) -> list[str]:
    return [span.of(text) for span in sentence_spans(text)]


def test_german_abbreviations_numbers_and_dates() -> None:
    text = "Das kostet ca. 2.000 Euro, z. B. am 3. Mai 2026. Danach nicht mehr!  Gut? Ja…\n- Punkt eins\nMfG"
    assert sentences(text) == [
        "Das kostet ca. 2.000 Euro, z. B. am 3. Mai 2026.",
        "Danach nicht mehr!",
        "Gut?",
        "Ja…",
        "- Punkt eins",
        "MfG",
    ]


def test_english_and_quotes() -> None:
    text = 'He said "It works." Then e.g. the battery, approx. 5 km. Mr. Smith agreed. Ok'
    assert sentences(text) == ['He said "It works."', "Then e.g. the battery, approx. 5 km.", "Mr. Smith agreed.", "Ok"]


def test_lower_case_after_full_stop_is_not_a_boundary() -> None:
    assert sentences("Akku, Motor usw. sind ausgenommen. Gut.") == ["Akku, Motor usw. sind ausgenommen.", "Gut."]


ALPHABET = st.sampled_from([*list("ab Z.!?\n 1ä,"), " z. B. ", " ca. ", "3. Mai", "2.000", "…", '."'])


@settings(max_examples=150, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_lazy_lookup_agrees_with_full_split(text: str) -> None:
    spans = sentence_spans(text)
    for span in spans:
        assert span.of(text) == span.of(text).strip()
        assert span.of(text)
    for left, right in itertools.pairwise(spans):
        assert text[left.end : right.start].isspace()
    index = SentenceIndex(text)
    for offset in range(len(text)):
        expected = next((s for s in spans if s.start <= offset < s.end), None)
        assert index.around(offset) == expected, offset


REAL_ALPHABET = st.sampled_from(
    [
        *list('ab Z.!?\n\t 1ä,\u00a0"»)'),
        " z. B. ",
        " ca. ",
        "3. Mai",
        "2.000",
        "…",
        '."',
        "...",
        ".!",
        "usw. und",
        "\n\n",
    ]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(REAL_ALPHABET, max_size=60).map("".join))
def test_one_pass_splitter_finds_what_the_previous_splitter_found(text: str) -> None:
    # One deliberate change: a numbered list item keeps its number (the previous splitter cut "1." off).
    assume(not re.search(r"(?:^|\n)[ \t#*>-]*\d\d?\.\s", text))
    assert sentence_spans(text) == reference_spans(text)


def test_a_numbered_list_item_keeps_its_number() -> None:
    text = "So geht es:\n1. Gerät ausschalten.\n## 2. Filter tauschen\nAm 3. Mai kommt es. Version 2. Gut."
    assert sentences(text) == [
        "So geht es:",
        "1. Gerät ausschalten.",
        "## 2. Filter tauschen",
        "Am 3. Mai kommt es.",
        "Version 2.",
        "Gut.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das dauert ca. Zehn Tage.", ["Das dauert ca. Zehn Tage."]),  # an abbreviation in any case
        ("Das dauert CA. Zehn Tage.", ["Das dauert CA. Zehn Tage."]),
        ("Siehe Kap. Drei.", ["Siehe Kap. Drei."]),
        ("Am ²². Mai kommt es.", ["Am ²². Mai kommt es."]),  # "²" is a digit to isdigit, a letter to [^\W\d_]
        ("Wir haben Tagen. Morgen geht es.", ["Wir haben Tagen.", "Morgen geht es."]),  # a short ordinary word
        ("Er kommt. Sie geht.", ["Er kommt.", "Sie geht."]),
        ("Das Rad. und mehr", ["Das Rad. und mehr"]),  # lower case follows
        ("Lieferung. und dann", ["Lieferung. und dann"]),
        ("Ja.. Nein", ["Ja..", "Nein"]),
    ],
)
def test_full_stops_after_ordinary_words_and_abbreviations(text: str, expected: list[str]) -> None:
    assert [span.of(text) for span in sentence_spans(text)] == expected
    assert sentence_spans(text) == reference_spans(text)
