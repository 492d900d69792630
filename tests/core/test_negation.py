"""The shared negation vocabulary: one core for the Python checks and the rule packs' `any_negation`."""

from __future__ import annotations

import re

import pytest
import yaml

from safe_reply.negation import NEGATION_EN, NEGATION_WORDS, denies, negation_regex
from safe_reply.resources import packs_dir


def test_rule_pack_fragment_spells_the_same_core() -> None:
    vocabulary = yaml.safe_load((packs_dir() / "disclosure" / "vocabulary.yaml").read_text("utf-8"))
    assert vocabulary["fragments"]["any_negation"] == f"(?:{NEGATION_WORDS})"


def test_claims_english_fragment_is_the_core_without_no() -> None:
    # "no" negates a noun ("no waterproofing"), not the adjective or verb a claims rule's `unless` puts after it.
    vocabulary = yaml.safe_load((packs_dir() / "claims" / "vocabulary.en.yaml").read_text("utf-8"))
    core = [w for w in NEGATION_EN.split("|") if w != "no"]
    assert vocabulary["fragments"]["not"] == f"(?:{'|'.join(core)})"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Das ist nicht versichert.", "nicht"),
        ("Dafür gibt es keinesfalls Ersatz.", "keinesfalls"),
        ("Keine Zulassung nötig.", "Keine"),
        ("It isn't covered.", "isn't"),
        ("We won’t refund it.", "won’t"),
        ("You cannot return it.", "cannot"),
        ("Never overnight.", "Never"),
    ],
)
def test_core_words_are_found_whole(text: str, found: str) -> None:
    match = negation_regex().search(text)
    assert match is not None
    assert match.group() == found


@pytest.mark.parametrize("text", ["Die Notiz liegt bei.", "Noon delivery.", "Kein-", "Nietzsche", "nothing"])
def test_words_that_only_start_like_a_negation_are_not_one(text: str) -> None:
    # "Kein-" is a word followed by a hyphen: found as "Kein"; the others hold no negation word at all.
    match = negation_regex().search(text)
    assert (match.group() if match else None) == ("Kein" if text == "Kein-" else None)


def test_extra_words_and_a_look_ahead_join_the_core() -> None:
    regex = negation_regex("ohne|without", after="(?!-)")
    assert [m.group() for m in regex.finditer("ohne Pfand, not- und no-go, without, nie")] == ["ohne", "without", "nie"]
    assert regex.flags & re.IGNORECASE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ohne Griffabdeckung ist die Pfanne bis 220 °C backofenfest.", True),
        ("It is oven-safe even with the cover on.", False),
        ("No problem – it is oven-safe up to 220 °C.", False),
        ("Kein Problem, das geht.", False),
        ("It is not dishwasher-safe.", True),
    ],
)
def test_denies_reads_negations_and_exclusions_but_not_courtesies(text: str, expected: bool) -> None:
    assert denies(text) is expected
