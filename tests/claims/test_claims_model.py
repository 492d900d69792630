"""The claims second opinion (`validators.claims.model: true`): the reader reproduces the training, the file is
validated, the switch works, and the model speaks only on sentences no rule matched and the rules' reasons to
stay quiet do not cover (a question, quoted customer text, an approved claim, figures the spec sheet backs).

Most tests use a hand-made model (one cue word per language) so they say what the mechanism does whatever the
shipped weights are; the last ones pin what the shipped model does with sentences written for this test."""

from __future__ import annotations

import copy
import json
import math
from importlib import resources
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safe_reply.config_models import Fact, Product, ProductLine
from safe_reply.rulepacks.sentences import SentenceIndex
from safe_reply.types import Category, Context, Edit, Language, Span
from safe_reply.validators.claims import Settings
from safe_reply.validators.claims.model import MODEL_FILE, RULE_ID, ClaimsModel, shipped_claims_model
from safe_reply.validators.claims.validator import ClaimsValidator

from .conftest import flagged, make

SHIPPED = resources.files("safe_reply.validators.claims").joinpath(MODEL_FILE)
RAW: dict[str, Any] = json.loads(SHIPPED.read_text("utf-8"))
LINE = ProductLine(
    id="moebel",
    name="Polsterhaus",
    products=(Product(name="Sessel Karla", short_names=("Karla",), nouns=("der Sessel",)),),
    facts=(Fact(key="width", label_de="Breite", label_en="width", value=82, unit="cm"),),
    approved_claims=("Die Karla verwandelt Ihr Wohnzimmer in eine Wohlfühloase.",),
)
DE = Context(product_line="moebel", language=Language.DE, turn=2)
EN = Context(product_line="moebel", language=Language.EN, turn=2)
# One cue word per language, and two that count only together: nothing else carries weight.
HAND = ClaimsModel(
    MappingProxyType({"wohlfühloase": 20.0, "sanctuary": 20.0, "rundum": 8.0, "glücklich": 8.0, "niemals": -1.0}),
    -3.0,
    0.8,
)


@pytest.fixture(scope="module")
def plain() -> ClaimsValidator:
    return make(LINE)


@pytest.fixture(scope="module")
def hand(plain: ClaimsValidator) -> ClaimsValidator:
    return make(LINE, Settings(model=True)).__class__(
        plain.packs, plain.rule_ids, plain.base, Language.DE, lexicon=plain.lexicon, model=HAND
    )


def test_the_reader_gives_the_probabilities_the_training_computed() -> None:
    model = shipped_claims_model()
    assert len(RAW["samples"]) >= 10
    for text, expected in RAW["samples"]:
        assert model.probability(text) == pytest.approx(expected, abs=2e-4), text[:60]


def test_the_switch_is_off_by_default_and_loads_the_shipped_model() -> None:
    assert Settings().model is False
    assert make(LINE).model is None
    assert make(LINE, Settings(model=True)).model is shipped_claims_model()


def test_a_sentence_no_rule_knows_is_flagged_whole_with_its_cue_words(hand: ClaimsValidator) -> None:
    text = "Gern helfe ich weiter. Die Karla macht jedes Zimmer zur Wohlfühloase. Sie ist 82 cm breit."
    findings = hand.detect(text, DE)
    assert [(f.rule_id, text[f.span.start : f.span.end]) for f in findings if f.span] == [
        (RULE_ID, "Die Karla macht jedes Zimmer zur Wohlfühloase.")
    ]
    finding = findings[0]
    assert finding.category is Category.UNSUPPORTED_CLAIM
    assert finding.legal_basis == "UWG §5 Abs. 1"
    assert finding.details["claim_category"] == "other"
    assert "„wohlfühloase“" in finding.message.de
    assert "'wohlfühloase'" in finding.message.en
    assert finding.details["compared_with"] == "claims model: p=0.99; cue words: wohlfühloase"
    # The fix drops the sentence with the space after it.
    assert finding.fix == Edit(Span(23, 70), "")
    assert text[:23] + text[70:] == "Gern helfe ich weiter. Sie ist 82 cm breit."


def test_weak_cues_count_together(hand: ClaimsValidator) -> None:
    text = "Mit der Karla sind Sie rundum glücklich."
    assert flagged(hand, text, DE) == [(RULE_ID, text)]
    assert hand.detect(text, DE)[0].details["compared_with"] == "claims model: p=0.96; cue words: rundum, glücklich"
    assert flagged(hand, "Mit der Karla sind Sie glücklich.", DE) == []


def test_english_too(hand: ClaimsValidator) -> None:
    text = "Thanks for asking. The Karla turns any room into a sanctuary."
    assert flagged(hand, text, EN) == [(RULE_ID, "The Karla turns any room into a sanctuary.")]


@pytest.mark.parametrize(
    "text",
    [
        "Macht die Karla jedes Zimmer zur Wohlfühloase?",  # a question
        "Does the Karla turn a room into a sanctuary?",
        "Bitte stellen Sie sich Ihre Wohlfühloase zusammen.",  # an instruction
        "Ob die Karla Ihr Zimmer zur Wohlfühloase macht, hängt vom Raum ab.",  # an indirect question
        "Sie schreiben: „Die Karla macht jedes Zimmer zur Wohlfühloase und hält ewig“ – dazu habe ich keine Angaben.",
        "Die Karla verwandelt Ihr Wohnzimmer in eine Wohlfühloase.",  # the approved claim
        "Mit 82 cm Breite wird die Karla zur Wohlfühloase.",  # figures the spec sheet backs
        "Die Karla ist 82 cm breit.",  # nothing the model knows
    ],
)
def test_the_model_stays_quiet_where_the_rules_would(hand: ClaimsValidator, text: str) -> None:
    assert [f for f in flagged(hand, text, DE) if f[0] == RULE_ID] == []


def test_a_sentence_a_rule_matched_is_left_to_the_rules(hand: ClaimsValidator, plain: ClaimsValidator) -> None:
    flagged_by_rule = "Die Karla ist der bequemste Sessel der Welt, eine Wohlfühloase."
    assert flagged(hand, flagged_by_rule, DE) == flagged(plain, flagged_by_rule, DE) != []
    # A rule matched the figure and the spec sheet backs it: the rules judged the sentence, the model does not.
    backed = "Die Karla ist nur 82 cm breit und eine Wohlfühloase."
    assert flagged(hand, backed, DE) == flagged(plain, backed, DE) == []


def test_the_model_off_changes_nothing(plain: ClaimsValidator) -> None:
    assert flagged(plain, "Die Karla macht jedes Zimmer zur Wohlfühloase.", DE) == []


@given(st.text(alphabet=st.sampled_from("ab KarlWohfüse.?!„“\n"), max_size=120))
def test_deterministic_and_every_span_is_a_sentence_of_the_reply(text: str) -> None:
    validator = make(LINE)
    model_validator = ClaimsValidator(
        validator.packs, validator.rule_ids, validator.base, Language.DE, lexicon=validator.lexicon, model=HAND
    )
    first = model_validator.detect(text, DE)
    assert first == model_validator.detect(text, DE)
    for finding in first:
        assert finding.span is not None
        assert 0 <= finding.span.start < finding.span.end <= len(text)
        assert text[finding.span.start : finding.span.end].strip() == text[finding.span.start : finding.span.end]


def test_cues_are_the_strongest_positive_words_in_order() -> None:
    model = ClaimsModel(MappingProxyType({"aaaa": 1.0, "bbbb": 3.0, "cccc": -2.0, "dddd": 1.0}), -1.0, 0.8)
    sentence = "Aaaa bbbb, cccc dddd aaaa eee."  # 30 characters
    assert model.cues(sentence) == ("bbbb", "aaaa", "dddd")
    assert model.cues(sentence, 1) == ("bbbb",)
    assert model.score(sentence) == pytest.approx(-1.0 + (1 + 3 - 2 + 1 + 1) / math.sqrt(30 / 6))
    assert model.probability("") == pytest.approx(1 / (1 + math.e))


PIECES = ["Preis", "preisliste", "TOPP", "topp-preis", "niemals", "_topp", "Oase", "gut", ". ", "\n", " "]


@given(st.lists(st.sampled_from(PIECES)))
def test_the_one_pass_scorer_agrees_with_the_plain_sum(parts: list[str]) -> None:
    """`sure_in` (one automaton pass, whole words only) flags exactly the sentences whose plain `score` reaches
    the cut: a word inside a longer word ("Preisliste", "_topp") never counts."""
    model = ClaimsModel(MappingProxyType({"preis": 2.0, "topp": 3.0, "oase": 1.5, "niemals": -1.0}), -1.0, 0.8)
    text = " ".join(parts)
    lowered = text.lower()
    index = SentenceIndex(text)
    starts, ends = index.boundaries()
    plain = [n for n, (s, e) in enumerate(zip(starts, ends, strict=True)) if model.score(text[s:e]) >= model.cut]
    assert model.sure_in(lowered, starts, ends, set()) == plain
    assert model.sure_in(lowered, starts, ends, set(plain[:1])) == plain[1:]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "tfidf"}, "'format' must be 'words/sqrt-length'"),
        ({"threshold": 1.0}, "'threshold' must be a probability in [0.5, 1), got 1.0"),
        ({"threshold": "0.8"}, "'threshold' must be a probability"),
        ({"intercept": float("nan")}, "'intercept' must be a finite number"),
        ({"intercept": True}, "'intercept' must be a finite number"),
        ({"weights": {}}, "'weights' must map words to numbers"),
        ({"weights": {"garantiert": "hoch"}}, "weights['garantiert'] must be a finite number, got 'hoch'"),
        ({"weights": {"eins zwei": 1.0}}, "weights['eins zwei'] is not one word of 3+ characters in lower case"),
        ({"weights": {"Preis": 1.0}}, "weights['Preis'] is not one word of 3+ characters in lower case"),
        ({"weights": {"to": 1.0}}, "weights['to'] is not one word of 3+ characters in lower case"),
        ({"intercept": 3.0}, "'intercept' 3.0 would flag a sentence without any cue word"),
    ],
)
def test_a_broken_model_file_is_a_clear_error(change: dict[str, Any], message: str) -> None:
    raw = {**copy.deepcopy(RAW), **change}
    with pytest.raises(ValueError, match=r"^claims_model\.json: ") as error:
        ClaimsModel.from_json(raw)
    assert message in str(error.value)
    with pytest.raises(ValueError, match="expected a JSON object, got list"):
        ClaimsModel.from_json([])


# The shipped model on sentences written for this test (not in its training file), for a product kind no corpus
# has (upholstered furniture): what it flags, exactly, and the near misses it leaves alone.
@pytest.mark.parametrize(
    ("text", "context", "cues"),
    [
        ("Bei uns bekommen Sie die Karla komplett ohne Versandkosten, egal wohin.", DE, "komplett, egal, bekommen"),
        # Round 10's retraining put "The Karla will outlast every other chair in your home." right at the cut
        # (p=0.945-0.950 depending on the training sets): a sentence of the same kind, written for this test.
        ("The Karla will outlast any other armchair you have ever owned.", EN, "ever, any, will"),
    ],
)
def test_the_shipped_model_flags_claims_no_rule_knows(text: str, context: Context, cues: str) -> None:
    findings = make(LINE, Settings(model=True)).detect(text, context)
    assert [(f.rule_id, f.span) for f in findings] == [(RULE_ID, Span(0, len(text)))]
    assert findings[0].details["compared_with"].endswith(f"cue words: {cues}")
    assert flagged(make(LINE), text, context) == []


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Die Karla ist in drei Farben erhältlich: Grau, Blau und Senf.", DE),
        ("Den Bezug können Sie abnehmen und bei 30 Grad waschen.", DE),
        ("Ich leite Ihre Anfrage gern an unseren Kundenservice weiter.", DE),
        ("Die Lieferzeit beträgt derzeit etwa zwei Wochen.", DE),
        ("Haben Sie noch weitere Fragen zur Karla?", DE),
        ("The Karla comes in three colours: grey, blue and mustard.", EN),
        ("You can remove the cover and wash it at 30 degrees.", EN),
        ("I'll forward your request to our customer service team.", EN),
        ("Delivery currently takes about two weeks.", EN),
        ("Is there anything else I can help you with?", EN),
        ("Please measure your doorway before ordering.", EN),
        ("The assembly instructions are in the box.", EN),
    ],
)
def test_the_shipped_model_leaves_near_misses_alone(text: str, context: Context) -> None:
    assert flagged(make(LINE, Settings(model=True)), text, context) == []
