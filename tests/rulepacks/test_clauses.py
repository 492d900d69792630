"""Clauses for `unless_scope: clause` and `requires_clause`: which commas, brackets and conjunctions break."""

from __future__ import annotations

from safe_reply.rulepacks.clauses import bound_clause, clause


def _span(sentence: str, word: str) -> tuple[int, int]:
    start = sentence.index(word)
    return start, start + len(word)


def test_decimal_comma_is_no_break() -> None:
    sentence = "Der Akku wiegt 2,5 kg und hält 120 km, sagt das Datenblatt."
    assert clause(sentence, *_span(sentence, "hält")) == "Der Akku wiegt 2,5 kg und hält 120 km"
    english = "It weighs 2,5 kg and lasts 120 km, the sheet says."
    assert clause(english, *_span(english, "lasts")) == "It weighs 2,5 kg and lasts 120 km"


def test_comma_after_a_number_still_breaks() -> None:
    sentence = "Er kostet 399, aber der Versand ist frei."
    assert clause(sentence, *_span(sentence, "Versand")) == " der Versand ist frei."
    assert clause(sentence, *_span(sentence, "kostet")) == "Er kostet 399"


def test_conjunctions_and_brackets_break() -> None:
    sentence = "Der Mäher ist leise (laut Test) weil der Motor gedämmt ist."
    assert clause(sentence, *_span(sentence, "leise")) == "Der Mäher ist leise "
    assert clause(sentence, *_span(sentence, "Motor")) == " der Motor gedämmt ist."


def test_short_fragment_reads_its_neighbours() -> None:
    sentence = "Ein Techniker ist bei Ihnen – rund um die Uhr, auch am Wochenende."
    start, end = _span(sentence, "rund um die Uhr")
    assert bound_clause(sentence, start, end) == sentence
    long_clause = "Ein Techniker ist bei Ihnen, und er bleibt rund um die Uhr erreichbar."
    start, end = _span(long_clause, "rund um die Uhr")
    assert bound_clause(long_clause, start, end) == " und er bleibt rund um die Uhr erreichbar."
