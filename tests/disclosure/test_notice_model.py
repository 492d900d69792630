"""The AI-notice second opinion: the reader reproduces the training, and it only ever withholds a notice."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import pytest

from safe_reply.config_models import ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.types import Category, Context
from safe_reply.validators.disclosure import SPEC, DisclosureValidator, Settings
from safe_reply.validators.disclosure.notice_model import MODEL_FILE, NoticeModel, shipped_notice_model

EVERY = Context(turn=3)
RAW = json.loads(resources.files("safe_reply.validators.disclosure").joinpath(MODEL_FILE).read_text("utf-8"))


def validator(**overrides: object) -> DisclosureValidator:
    ctx = BuildContext(ProductLine(id="ebike"), Path("."), Path("defaults.yaml"), "validators.disclosure")
    built = SPEC.build(Settings.model_validate({"required": "every_reply", **overrides}), ctx)
    assert isinstance(built, DisclosureValidator)
    return built


def test_the_reader_gives_the_probabilities_the_training_computed() -> None:
    model = shipped_notice_model()
    assert len(RAW["samples"]) >= 10
    for text, expected in RAW["samples"]:
        assert model.probability(text) == pytest.approx(expected, abs=1e-5), text[:60]
    assert set(RAW["trained_on"]).isdisjoint({"r7", "r8"})  # the sets kept back to measure it


@pytest.mark.parametrize(
    "text",
    [
        "Die Lieferung kommt Dienstag. Viele Grüße, Ihr Serviceteam",
        "Der Akku hält 60 km. KI-gestützte Navigation ist an Bord.",
        "Thanks for waiting – the AI noise cancelling of the X2 can be switched off in the app.",
        "Unser Techniker ruft Sie morgen an.",
    ],
)
def test_the_shipped_model_is_not_sure_of_replies_without_a_notice(text: str) -> None:
    assert shipped_notice_model().probability(text) < shipped_notice_model().threshold
    assert [f.category for f in validator().detect(text, EVERY)] == [Category.MISSING_DISCLOSURE]


def test_a_notice_only_the_model_recognises_is_not_inserted_twice() -> None:
    # A hand-made model that is sure of one word: the wiring, exactly.
    model = NoticeModel(shipped_notice_model().token, MappingProxyType({"maschinell": (1.0, 10.0)}), -3.0, 0.9)
    text = "Der Akku hält 60 km. (Antwort vom Assistenzsystem, maschinell)"
    assert model.probability(text) == pytest.approx(1 / (1 + 2.718281828459045**-7))
    with_model = dataclasses.replace(validator(), notice_model=model)
    assert with_model.detect(text, EVERY) == []
    assert [f.category for f in with_model.detect("Der Akku hält 60 km.", EVERY)] == [Category.MISSING_DISCLOSURE]
    assert [f.category for f in validator(notice_model=False).detect(text, EVERY)] == [Category.MISSING_DISCLOSURE]


def test_a_notice_the_rules_do_not_read_as_one_is_recognised_by_the_shipped_model() -> None:
    text = "Behind this chat is our AI assistant; a colleague takes over on request."
    assert shipped_notice_model().probability(text) >= shipped_notice_model().threshold
    assert validator().detect(text, EVERY) == []  # no second notice, and no false human either
    assert [f.category for f in validator(notice_model=False).detect(text, EVERY)] == [Category.MISSING_DISCLOSURE]


def test_the_setting_switches_it_off() -> None:
    assert validator().notice_model is shipped_notice_model()
    assert validator(notice_model=False).notice_model is None


def test_a_model_file_of_another_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="expected words and word pairs with sublinear tf"):
        NoticeModel.from_json({**RAW, "ngram_range": [1, 3]})
