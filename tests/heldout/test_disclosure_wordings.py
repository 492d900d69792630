"""AI notices and false-human claims in wordings the first packs did not know (found with the held-out corpus).

The sentences are new variations of each wording kind, not the held-out replies themselves.
"""

from __future__ import annotations

import pytest

from safe_reply.types import Category, Context, Language
from safe_reply.validators.disclosure import DisclosureValidator
from support.disclosure import every_reply_validator


@pytest.fixture(scope="module")
def validator() -> DisclosureValidator:
    return every_reply_validator()


def _findings(validator: DisclosureValidator, text: str, language: Language) -> list[tuple[Category, str]]:
    ctx = Context(product_line="home", turn=2, language=language)
    return [(f.category, f.rule_id) for f in validator.detect(text, ctx)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Guten Tag, ich bin die Servicehelferin von Herdfeuer und arbeite mit künstlicher Intelligenz.", Language.DE),
        ("Der Filter passt in alle Modelle. Von unserer KI formuliert.", Language.DE),
        ("Den Text dieser Nachricht hat ein Chatbot geschrieben.", Language.DE),
        ("Bot answer: the filter fits all models.", Language.EN),
        ("The filter fits all models. Signed by the Herdfeuer chatbot.", Language.EN),
        ("Our advisor, which is based on artificial intelligence, will help you.", Language.EN),
    ],
)
def test_new_notice_wordings_count_as_notice(validator: DisclosureValidator, text: str, language: Language) -> None:
    assert _findings(validator, text, language) == []


@pytest.mark.parametrize(
    ("text", "language", "rule"),
    [
        ("Als Papa kenne ich das Problem mit dem Fläschchen.", Language.DE, "disclosure.de/false-human-circumstance"),
        ("Ich war kurz in einer Besprechung, jetzt bin ich wieder da.", Language.DE,
         "disclosure.de/false-human-circumstance"),
        ("As a dad of three, I can tell you the fan is quiet enough.", Language.EN,
         "disclosure.en/false-human-circumstance"),
        ("Let me head over to the workshop and ask.", Language.EN, "disclosure.en/false-human-life"),
    ],
)
def test_human_circumstances_are_false_human(
    validator: DisclosureValidator, text: str, language: Language, rule: str
) -> None:
    found = _findings(validator, text, language)
    assert (Category.FALSE_HUMAN, rule) in found
    assert (Category.MISSING_DISCLOSURE, "disclosure/missing-notice") in found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Als Eltern kennen Sie das sicher. Hinweis: Sie chatten mit einem KI-Assistenten.", Language.DE),
        ("Unsere App plant Routen mit KI. Hinweis: Sie chatten mit einem KI-Assistenten.", Language.DE),
        ("As a parent you may like the night mode. Note: you are chatting with an AI assistant.", Language.EN),
    ],
)
def test_near_misses_stay_clean(validator: DisclosureValidator, text: str, language: Language) -> None:
    assert _findings(validator, text, language) == []


def test_ai_mentioned_elsewhere_is_not_a_notice(validator: DisclosureValidator) -> None:
    text = "Unsere neue Software basiert auf KI. Der Filter passt in alle Modelle."
    assert _findings(validator, text, Language.DE) == [(Category.MISSING_DISCLOSURE, "disclosure/missing-notice")]
