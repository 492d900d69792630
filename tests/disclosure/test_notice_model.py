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
    built = SPEC.build(Settings.model_validate({"required": "every_reply", "notice_model": True, **overrides}), ctx)
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


@pytest.mark.parametrize(
    "text",
    [
        "Our AI assistant is currently offline; I'm Mark and I'll help you today.",
        "I'm not a bot or an AI assistant, I'm Sarah from the shop.",
        "Nein, ich bin keine KI – ich bin Sabine aus dem Kundenservice.",
    ],
)
def test_the_model_never_speaks_where_a_false_human_rule_fired(text: str) -> None:
    # Words alone cannot read "not": the false-human and persona findings, and the missing notice, stay.
    with_model = [f.category for f in validator().detect(text, EVERY)]
    assert Category.FALSE_HUMAN in with_model
    assert Category.MISSING_DISCLOSURE in with_model
    assert with_model == [f.category for f in validator(notice_model=False).detect(text, EVERY)]


def test_it_is_off_unless_the_policy_asks_for_it() -> None:
    assert validator().notice_model is shipped_notice_model()
    assert validator(notice_model=False).notice_model is None
    assert Settings().notice_model is False


@pytest.mark.parametrize(
    "text",
    ["Die App hat einen KI-Assistenten für Rezepte.", "Our AI assistant is currently offline."],
)
def test_why_it_is_opt_in_words_alone_take_a_feature_or_another_assistant_for_a_notice(text: str) -> None:
    # The rules know these are no notice about this reply; the model does not. Should a retrained model
    # tell them apart, this test fails and the default can be reconsidered.
    assert shipped_notice_model().has_notice(text)
    assert [f.category for f in validator(notice_model=False).detect(text, EVERY)] == [Category.MISSING_DISCLOSURE]


def test_a_model_file_of_another_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="expected words and word pairs with sublinear tf"):
        NoticeModel.from_json({**RAW, "ngram_range": [1, 3]})
    with pytest.raises(ValueError, match="'threshold' must be a probability"):
        NoticeModel.from_json({**RAW, "threshold": 0.2})
    with pytest.raises(ValueError, match="'features' must map terms"):
        NoticeModel.from_json({**RAW, "features": None})


def test_extreme_scores_are_probabilities() -> None:
    token = shipped_notice_model().token
    sure_not = NoticeModel(token, MappingProxyType({"xx": (1.0, -5000.0)}), 0.0, 0.9)
    sure = NoticeModel(token, MappingProxyType({"xx": (1.0, 5000.0)}), 0.0, 0.9)
    assert sure_not.probability("xx") == 0.0  # math.exp(5000) would overflow
    assert sure.probability("xx") == 1.0
    assert sure.probability("yy") == 0.5  # no known term: the intercept alone
