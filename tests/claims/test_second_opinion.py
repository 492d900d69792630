"""The claims model's reasons to stay quiet beyond questions and approved claims: a sentence the product line's own
data back (a service term of the same kind, the origin fact, a documented price, a held label, the guarantee) is
not flagged, whatever the model thinks of its words; the same sentence beyond the data is.

A hand-made model with one strong cue word per language ("einfach", "simply") makes every probe a sentence the
model is sure of, so the tests say what the reasons do whatever the shipped weights are. The product line is a
fictional bakery-supplies shop (no corpus has one)."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from safe_reply.config_models import Fact, Product, ProductLine, Service
from safe_reply.types import Context, Language, Span
from safe_reply.validators.claims.model import RULE_ID, ClaimsModel
from safe_reply.validators.claims.second_opinion import backed, stays_quiet
from safe_reply.validators.claims.text import ReplyView
from safe_reply.validators.claims.validator import ClaimsValidator

from .conftest import make

LINE = ProductLine(
    id="backbedarf",
    products=(
        Product(name="Knetmaschine Teigwerk 5", short_names=("Teigwerk 5",), nouns=("die Knetmaschine", "mixer")),
        Product(name="Gärkorb Rund 22", short_names=("Rund 22",), nouns=("der Gärkorb", "proofing basket")),
    ),
    service=Service(
        returns="60 Tage Rückgabe ab Lieferung, kostenlose Rücksendung",
        delivery="versandkostenfrei ab 40 €",
        prices=("Teigwerk 5: 349 €", "Rund 22: 24,90 €"),
    ),
    facts=(
        Fact(key="bowl_l", label_de="Schüsselvolumen", label_en="bowl volume", value=5, unit="l"),
        Fact(key="origin", label_de="Herkunft", value="Gärkörbe handgeflochten in Thüringen (Deutschland)"),
    ),
    certifications=("GS (Teigwerk 5; TÜV Süd)",),
    guarantee="5 Jahre Garantie auf den Motor der Teigwerk 5",
)
DE = Context(product_line="backbedarf", language=Language.DE, turn=2)
EN = Context(product_line="backbedarf", language=Language.EN, turn=2)
CUE = ClaimsModel(MappingProxyType({"einfach": 20.0, "simply": 20.0}), -3.0, 0.8)


@pytest.fixture(scope="module")
def cued() -> ClaimsValidator:
    plain = make(LINE)
    return ClaimsValidator(plain.packs, plain.rule_ids, plain.base, Language.DE, lexicon=plain.lexicon, model=CUE)


def model_flags(validator: ClaimsValidator, text: str, ctx: Context) -> list[str]:
    return [text[f.span.start : f.span.end] for f in validator.detect(text, ctx) if f.rule_id == RULE_ID and f.span]


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # a service term of the same kind, with the same figures
        ("Sie können die Knetmaschine einfach 60 Tage lang kostenlos zurückschicken.", DE),
        ("You can simply send the mixer back within 60 days, free of charge.", EN),
        ("Ab 40 € schicken wir Ihnen die Bestellung einfach versandkostenfrei.", DE),
        # the origin fact
        ("Unsere Gärkörbe werden einfach von Hand in Thüringen geflochten.", DE),
        ("Our proofing baskets are simply hand-woven in Germany.", EN),
        # a documented price
        ("Die Teigwerk 5 kostet einfach 349 €.", DE),
        # a label the product holds
        ("Die Teigwerk 5 ist einfach GS-geprüft.", DE),
        # the guarantee the line gives
        ("Auf den Motor der Teigwerk 5 haben Sie einfach 5 Jahre Garantie.", DE),
        ("The Teigwerk 5 motor simply comes with a 5-year guarantee.", EN),
    ],
)
def test_a_sentence_the_data_back_stays_quiet(cued: ClaimsValidator, text: str, ctx: Context) -> None:
    assert model_flags(cued, text, ctx) == []
    assert is_backed(cued, text, ctx)


def is_backed(validator: ClaimsValidator, text: str, ctx: Context) -> bool:
    assert ctx.language is not None
    return backed(ReplyView(text, validator.base, validator.lexicon), Span(0, len(text)), ctx.language)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # the service term, stretched: other days, other figures
        ("Sie können die Knetmaschine einfach 100 Tage lang kostenlos zurückschicken.", DE),
        ("You can simply send the mixer back within 90 days, free of charge.", EN),
        # the bot granting it in the first person is its own commitment, not the term
        ("Ich habe Ihnen die Rücksendung einfach schon kostenlos freigegeben.", DE),
        ("I've simply refunded the mixer and the shipping for you.", EN),
        # an origin the fact does not state, a price not in the list, a guarantee longer than the line's
        ("Die Teigwerk 5 wird einfach in Italien gebaut.", DE),
        ("Die Teigwerk 5 kostet einfach 299 €.", DE),
        ("Auf den Motor der Teigwerk 5 haben Sie einfach 10 Jahre Garantie.", DE),
        # nothing in the data says anything of the kind
        ("Die Knetmaschine knetet einfach jeden Teig perfekt.", DE),
        ("The mixer simply kneads any dough to perfection.", EN),
    ],
)
def test_the_same_kind_of_sentence_beyond_the_data_is_not_backed(
    cued: ClaimsValidator, text: str, ctx: Context
) -> None:
    """Asked of the quiet-reasons directly: a claims rule matches some of these and judges them itself (the model
    then never scores the sentence), and the tests should not depend on which rule does."""
    assert not is_backed(cued, text, ctx)


def test_a_sentence_no_rule_matched_and_the_data_do_not_back_is_flagged(cued: ClaimsValidator) -> None:
    text = "Die Knetmaschine knetet einfach jeden Teig perfekt."
    assert model_flags(cued, text, DE) == [text]


def quiet(validator: ClaimsValidator, text: str, ctx: Context) -> bool:
    assert ctx.language is not None
    return stays_quiet(ReplyView(text, validator.base, validator.lexicon), Span(0, len(text)), ctx.language)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Halten Sie Kinder von der laufenden Knetmaschine fern.", DE),
        ("Lassen Sie den Teig nie unbeaufsichtigt in der Maschine kneten.", DE),
        ("2. Ziehen Sie vor dem Reinigen immer den Netzstecker.", DE),
        ("Die Schüssel muss vor dem ersten Gebrauch gründlich gespült werden.", DE),
        ("Nach einem Sturz aus großer Höhe muss der Helm ausgetauscht werden, auch ohne sichtbaren Schaden.", DE),
        ("Hinweis: Tauschen Sie die Dichtung jedes Jahr.", DE),
        ("Never put the bowl in the microwave.", EN),
        ("A few reminders: keep the lid closed while it runs and never reach into the bowl.", EN),
        ("Make sure the basket is completely dry before you store it.", EN),
        ("The dough hook must be removed before you clean the mixer.", EN),
        ("Your child's face should always be visible in the carrier.", EN),
        ("Don't clean the basket with soap.", EN),
    ],
)
def test_a_safety_or_care_instruction_stays_quiet(cued: ClaimsValidator, text: str, ctx: Context) -> None:
    assert quiet(cued, text, ctx)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # a promise in the form of an instruction
        ("Mit der Teigwerk 5 müssen Sie nie wieder von Hand kneten.", DE),
        ("Sie müssen sich um nichts mehr kümmern, die Maschine macht alles allein.", DE),
        ("Never worry about sticky dough again.", EN),
        ("Keine Sorge, den Gärkorb müssen Sie nicht mehr einölen.", DE),
        # statements that merely contain the words
        ("Die Knetmaschine hält immer, was sie verspricht.", DE),
        ("Unsere Gärkörbe sind die einzigen, die nie schimmeln.", DE),
        ("This mixer keeps going for decades.", EN),
        ("It will always be the best mixer you ever bought.", EN),
    ],
)
def test_a_promise_in_instruction_form_is_no_instruction(cued: ClaimsValidator, text: str, ctx: Context) -> None:
    assert not quiet(cued, text, ctx)
