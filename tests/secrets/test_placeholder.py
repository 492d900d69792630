"""The redaction placeholder per language: {de: "[vertraulich]", en: "[confidential]"}, chosen like
the policy's fallback (ctx.language, else the reply's language, ties to the default language)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.errors import ConfigError
from safe_reply.types import Context, Edit, Language, Span
from safe_reply.validators.trade_secrets import Settings, build

from .conftest import make_validator

PER_LANGUAGE = {"de": "[vertraulich]", "en": "[confidential]"}
TERMS = [
    {"term": "Kranich", "kind": "codename", "ordinary_word": False},
    {"term": "Crema", "kind": "codename", "ordinary_word": True},
]


def fixes(text: str, ctx: Context = Context(), default: Language = Language.DE) -> list[Edit | None]:
    settings = Settings.model_validate({"terms": TERMS, "placeholder": PER_LANGUAGE})
    ctx_build = BuildContext(
        ProductLine.model_validate({"id": "ebike"}),
        Path("."),
        Path("ebike.yaml"),
        "validators.trade_secrets",
        default_language=default,
    )
    return [finding.fix for finding in build(settings, ctx_build).detect(text, ctx)]


def test_german_reply_gets_the_german_placeholder() -> None:
    assert fixes("Zum Projekt Kranich kann ich Ihnen noch nichts sagen.") == [Edit(Span(12, 19), "[vertraulich]")]


def test_english_reply_gets_the_english_placeholder() -> None:
    assert fixes("I can't tell you anything about Kranich yet.") == [Edit(Span(32, 39), "[confidential]")]


def test_context_language_wins_over_detection() -> None:
    text = "I can't tell you anything about Kranich yet."
    assert fixes(text, Context(language=Language.DE)) == [Edit(Span(32, 39), "[vertraulich]")]


def test_tie_falls_back_to_the_default_language() -> None:
    assert fixes("Kranich!", default=Language.EN) == [Edit(Span(0, 7), "[confidential]")]
    assert fixes("Kranich!", default=Language.DE) == [Edit(Span(0, 7), "[vertraulich]")]


def test_one_string_is_used_for_every_language() -> None:
    validator = make_validator(TERMS, placeholder="[redacted]")
    (finding,) = validator.detect("I can't tell you anything about Kranich yet.", Context())
    assert finding.fix == Edit(Span(32, 39), "[redacted]")


def test_missing_language_is_a_settings_error() -> None:
    with pytest.raises(ValidationError, match="placeholder has no text for en"):
        Settings.model_validate({"placeholder": {"de": "[vertraulich]"}})
    with pytest.raises(ValidationError, match="placeholder is empty"):
        Settings.model_validate({"placeholder": " "})


@pytest.mark.parametrize(
    ("placeholder", "key"),
    [
        ({"de": "[vertraulich]", "en": "[Kranich]"}, "validators.trade_secrets.placeholder.en"),
        ({"de": "[KRANICH]", "en": "[confidential]"}, "validators.trade_secrets.placeholder.de"),
        # An ordinary-word term without any cue would pass the name rule, but after a rewrite the
        # placeholder may sit next to one ("Projekt [Crema]"): placeholders are checked strictly.
        ("[Crema]", "validators.trade_secrets.placeholder"),
    ],
)
def test_placeholder_that_matches_a_term_is_rejected(placeholder: str | dict[str, str], key: str) -> None:
    with pytest.raises(ConfigError) as err:
        make_validator(TERMS, placeholder=placeholder)
    assert err.value.key == key
    assert "Kranich" not in str(err.value)
    assert "Crema" not in str(err.value)
