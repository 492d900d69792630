"""Round 11's disclosure changes: a notice covers only its own words (the model reads the rest of its
sentence), a clause also ends at an unspaced em dash, any emoji or a text smiley, a polite "no worries"
negates nothing, and a quote of a named colleague is somebody else's words."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pytest

from safe_reply.types import Category, Context, Span
from safe_reply.validators.disclosure import DisclosureValidator
from safe_reply.validators.disclosure.human_model import HumanModel, claiming_part, quoted_spans, statement_words
from safe_reply.validators.disclosure.validator import MODEL_RULE_ID

from .conftest import LATER, make_validator

validator = make_validator


DEFAULT = validator()
# A hand-made model sure of a word no rule knows ("zorbak") and of "assistent": the wiring, exactly,
# whatever the shipped weights.
SURE = dataclasses.replace(
    DEFAULT, human_model=HumanModel(MappingProxyType({"zorbak": 10.0, "assistent": 10.0}), -3.0, 0.9)
)


def found(text: str, ctx: Context = LATER, v: DisclosureValidator = DEFAULT) -> list[tuple[str, str | None]]:
    return [(f.rule_id, text[f.span.start : f.span.end] if f.span else None) for f in v.detect(text, ctx)]


# --- 1. a notice in the sentence shields only its own words --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Als KI-Assistent sag ich es ehrlich – ich füttere gleich den Zorbak.",
        "Ich bin der KI-Assistent von Klangholz und pflege gleich meinen Zorbak.",  # the notice's subject
        "Hinweis: Sie chatten mit einem KI-Assistenten, ich pflege gleich meinen Zorbak.",
    ],
)
def test_the_words_beside_a_notice_are_judged(text: str) -> None:
    assert found(text, v=SURE) == [(MODEL_RULE_ID, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Ich bin der KI-Assistent von Klangholz.",  # the notice's own words ("Assistent") are no claim
        "Ich bin der KI-Assistent von Klangholz und helfe gern.",  # no first person beside the notice
        "Ich bin der KI-Assistent und habe keinen Zorbak.",  # negated beside the notice
        "Hinweis: Sie chatten mit einem KI-Assistenten, der Zorbak kommt morgen.",  # no first person
    ],
)
def test_a_notice_alone_is_no_claim_of_the_model(text: str) -> None:
    assert found(text, v=SURE) == []


def test_a_persona_allowed_by_a_notice_covers_its_words_and_a_persona_finding_is_not_doubled() -> None:
    allowed = "Ich bin Lina aus dem Serviceteam und pflege meinen Zorbak. Ich bin eine KI."
    assert found(allowed, v=SURE) == [(MODEL_RULE_ID, "Ich bin Lina aus dem Serviceteam und pflege meinen Zorbak.")]
    alone = "Ich bin Lina aus dem Serviceteam und pflege meinen Zorbak."
    assert found(alone, v=SURE) == [("disclosure.de/persona", alone)]


# --- 2. where a clause ends; a polite negation ------------------------------------------------------------


# Known to the hand-made model: "zorbak" (a claim) and "order" and "unterwegs" (stem "unterweg", no claim).
CLAUSES = HumanModel(MappingProxyType({"zorbak": 10.0, "order": -30.0, "unterweg": -30.0}), -3.0, 0.9)


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("The order is on its way—I'll feed my zorbak", "I'll feed my zorbak"),
        ("Das Paket ist unterwegs :) ich füttere meinen Zorbak", " ich füttere meinen Zorbak"),
        ("Das Paket ist unterwegs ⭐ ich füttere meinen Zorbak", " ich füttere meinen Zorbak"),
        ("Das Paket ist unterwegs 🆗 ich füttere meinen Zorbak", " ich füttere meinen Zorbak"),
    ],
)
def test_a_clause_ends_at_an_unspaced_em_dash_a_smiley_or_any_emoji(sentence: str, part: str) -> None:
    # The whole sentence scores under the threshold; only its second clause is a claim.
    assert CLAUSES.judge(sentence).probability < CLAUSES.threshold
    assert claiming_part(CLAUSES, sentence) == part


def test_a_hyphen_in_a_word_and_a_range_are_no_clause_break() -> None:
    assert claiming_part(CLAUSES, "Ich habe unterwegs-Zorbak für 2–4 Tage") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Kein Problem, ich habe heute sowieso Nachtdienst.",
        "No worries, I'll drop it off on my way home.",
        "Keine Ursache, ich bin eh gleich im Lager.",
        "Ich fahre nicht nur im Sommer damit.",
        "Don't worry, I'm heading home anyway.",
    ],
)
def test_an_idiom_with_a_negation_word_negates_nothing(sentence: str) -> None:
    assert statement_words(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Ich habe das Rad nicht selbst getestet.",
        "No, I have never worn it.",
        "Kein Problem ist das nicht, ich fahre es nie.",
    ],
)
def test_a_real_negation_still_leaves_the_statement_to_the_rules(sentence: str) -> None:
    assert statement_words(sentence) is None


# --- 5. reported speech of a named colleague ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Herr Kowalski meinte: „Ich komme am Donnerstag vorbei und entlüfte die Heizung.“",
            "„Ich komme am Donnerstag vorbei und entlüfte die Heizung.“",
        ),
        (
            'Our fitter said: "I\'ll come round on Friday and bleed the radiators."',
            '"I\'ll come round on Friday and bleed the radiators."',
        ),
        (
            "Unsere Monteurin Frau Kaya sagt: „Ich habe die Anlage letzte Woche geprüft.“",
            "„Ich habe die Anlage letzte Woche geprüft.“",
        ),
        ("Der Fahrer hat uns geschrieben: „Ich war um 10 Uhr da.“", "„Ich war um 10 Uhr da.“"),
        ('Dr. Lang from our lab explained: "I tested this batch myself."', '"I tested this batch myself."'),
        ('Tom from the warehouse replied: "I packed it myself this morning."', '"I packed it myself this morning."'),
        (
            "Laut unserem Tischler Jonas: „Ich öle die Platten jedes Jahr selbst.“",
            "„Ich öle die Platten jedes Jahr selbst.“",
        ),
        ('According to our courier: "I left it with your neighbour."', '"I left it with your neighbour."'),
    ],
)
def test_a_named_colleagues_quote_is_somebody_elses_words(text: str, quote: str) -> None:
    start = text.index(quote)
    assert quoted_spans(text) == [(start, start + len(quote))]
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ehrlich gesagt: „Ich fahre das Rad selbst jeden Tag zur Arbeit.“",
        'Kurz gesagt: "I ride it to work every day myself."',
        "Wie ich immer sage: „Ich fahre das Rad selbst jeden Tag.“",
        "Unser KI-Assistent meint: „Ich habe die Jacke letzten Winter selbst getragen.“",
        'Like I always say: "I wear this jacket every winter myself."',
    ],
)
def test_the_bots_own_quote_stays_its_claim(text: str) -> None:
    assert quoted_spans(text) == []
    assert [f.category for f in DEFAULT.detect(text, LATER)] == [Category.FALSE_HUMAN]


def test_a_finding_span_is_the_sentence_with_its_notice() -> None:
    sentence = "Als KI-Assistent sag ich es ehrlich – ich füttere gleich den Zorbak."
    text = f"Danke! {sentence} Bis bald."
    [finding] = SURE.detect(text, LATER)
    assert finding.span == Span(7, 7 + len(sentence))
