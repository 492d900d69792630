"""What the bot itself shows every customer is public: the AI notice and the fallback message of the line.
The company's name in "Sie chatten mit dem KI-Assistenten von Sonnwerk" is no partial mention of a protected
"Sonnwerk HS 15 Natrium"; the full term and its distinctive rest still leak. A fictional storage maker."""

from __future__ import annotations

from pathlib import Path

import pytest

from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.validators.trade_secrets import Settings, build
from safe_reply.validators.trade_secrets.validator import TradeSecretValidator

_TERMS = [{"term": "Sonnwerk HS 15 Natrium", "kind": "unreleased_product"}]


def _validator(line: dict[str, object]) -> TradeSecretValidator:
    ctx = BuildContext(ProductLine.model_validate(line), Path("."), Path("storage.yaml"), "validators.trade_secrets")
    return build(Settings.model_validate({"terms": _TERMS}), ctx)


NOTICE = _validator(
    {
        "id": "storage",
        "validators": {
            "disclosure": {
                "text": {
                    "de": "Hinweis: Sie chatten mit dem KI-Assistenten von Sonnwerk.",
                    "en": "Note: you are chatting with Sonnwerk's AI assistant.",
                }
            }
        },
    }
)
FALLBACK = _validator(
    {"id": "storage", "fallback": {"de": "Das Sonnwerk-Team meldet sich.", "en": "The Sonnwerk team will reply."}}
)
UNSHOWN = _validator({"id": "storage"})


@pytest.mark.parametrize("validator", [NOTICE, FALLBACK])
@pytest.mark.parametrize("text", ["Viele Grüße von Sonnwerk aus Freiburg.", "Greetings from Sonnwerk in Freiburg."])
def test_a_word_the_bot_shows_is_public(validator: TradeSecretValidator, text: str) -> None:
    assert validator.scan(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Sonnwerk HS 15 Natrium kommt 2027.", [(4, 26, "Sonnwerk HS 15 Natrium")]),
        ("Der HS 15 Natrium kommt 2027.", [(4, 17, "HS 15 Natrium")]),
    ],
)
def test_the_term_still_leaks(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert [(x.start, x.end, text[x.start : x.end]) for x in NOTICE.scan(text)] == expected


def test_without_a_shown_text_the_name_is_a_partial_mention() -> None:
    text = "Viele Grüße von Sonnwerk aus Freiburg."
    assert [(x.start, x.end, x.kind) for x in UNSHOWN.scan(text)] == [(16, 24, "unreleased_product")]
