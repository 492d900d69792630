"""Round 19: a seal named after the matched word, a guarantee with its own term per part and its exclusions in an
English reply, a service term restated with its figures, a sentence that stretches a limited term, and the new
wordings of the packs (clinical validation, stock always there, absolute accuracy, a decision left to the insurer).
Probed with a fictional optician's line, not the set they came from."""

from __future__ import annotations

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.rulepacks.sentences import SentenceIndex, sentence_spans
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator
from safe_reply.validators.claims.evidence import service_term_verdict
from safe_reply.validators.claims.text import ReplyView

from .conftest import flagged, make

OPTIK = ProductLine(
    id="optik",
    facts=(
        Fact(key="models", value="Lumen 2 (Brille mit Hörbügel), Lumen 3 (Brille mit Kamera)"),
        Fact(key="eye_test", label_de="Sehtest", label_en="eye test", value=20, unit="min", qualifier="ca., kostenlos"),
        Fact(
            key="trial_wear",
            label_de="Probetragen",
            label_en="trial wear",
            value=(
                "kostenloses und unverbindliches Probetragen von bis zu 2 Brillen für 30 Tage; keine Kaufverpflichtung"
            ),
        ),
        Fact(
            key="returns",
            label_de="Rückgabe",
            label_en="returns",
            value="30 Tage Rückgaberecht, nur bei Kauf im Onlineshop",
        ),
    ),
    certifications=("Prüfsiegel der Deutschen Sehliga – nur Lumen 2",),
    guarantee=(
        "3 Jahre Herstellergarantie auf Lumen 2 und Lumen 3 (Rahmen, Elektronik); eingebauter Akku 2 Jahre. "
        "Ausgenommen: Gläser, Verlust, Sturzschäden. Die gesetzliche Gewährleistung bleibt unberührt."
    ),
)
DE = Context(product_line="optik", language=Language.DE, turn=2)
EN = Context(product_line="optik", language=Language.EN, turn=2)


@pytest.fixture(scope="module")
def optik() -> ClaimsValidator:
    return make(OPTIK)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        # The seal's name follows "Prüfsiegel"; "zusätzlich" stands between verb and seal.
        ("Die Lumen 2 trägt zusätzlich das Prüfsiegel der Deutschen Sehliga.", DE),
        # Each duration with its own part: 3 years for the glasses, 2 for the battery, in either language.
        ("Auf die Lumen 2 gibt es 3 Jahre Herstellergarantie, auf den eingebauten Akku 2 Jahre.", DE),
        ("The Lumen 2 comes with a 3-year guarantee; the built-in battery is covered for 2 years.", EN),
        # "in case" and "covers" are no "Bezug" or excluded part.
        ("The Lumen 2 comes with a 3-year guarantee; in case of a dent, the guarantee covers the frame.", EN),
        # The trial term, its figures and "without any obligation" in English.
        ("You can trial up to two pairs of glasses for 30 days, free of charge and without any obligation to buy.", EN),
        ("The trial is free and comes without any obligation to buy.", EN),
        ("Die Rückgabe können Sie innerhalb von 30 Tagen beantragen.", DE),
        # The insurer decides: no legal conclusion.
        ("Den Kostenvoranschlag reichen wir für Sie ein; entscheiden muss Ihre Krankenkasse.", DE),
    ],
)
def test_backed_or_no_claim(optik: ClaimsValidator, text: str, ctx: Context) -> None:
    assert flagged(optik, text, ctx) == []


@pytest.mark.parametrize(
    ("text", "ctx", "rule"),
    [
        ("Die Lumen 3 trägt zusätzlich das Prüfsiegel der Deutschen Sehliga.", DE, "claims.de/certification-seal"),
        # "Prüfsiegel der" names no entry: the head of the entry must be there.
        (
            "Die Lumen 2 trägt zusätzlich das Prüfsiegel der Deutschen Liga für Augen.",
            DE,
            "claims.de/certification-seal",
        ),
        (
            "Auf die Lumen 2 gibt es 3 Jahre Herstellergarantie, auf den eingebauten Akku 3 Jahre.",
            DE,
            "claims.de/guarantee-offer",
        ),
        ("The Lumen 2 comes with a 3-year guarantee, which also covers loss.", EN, "claims.en/guarantee-offer"),
        # A term limited to the online shop does not back "auch nachträglich ... in der Filiale".
        (
            "Die Rückgabe können Sie auch nachträglich beantragen, wenn Sie in der Filiale gekauft haben.",
            DE,
            "claims.de/service-commitment",
        ),
        ("Die Lumen 3 ist klinisch validiert.", DE, "claims.de/certification"),
        ("Die Lumen 2 ist immer vorrätig.", DE, "claims.de/availability-guaranteed"),
        ("The Lumen 2 is always in stock.", EN, "claims.en/availability-guaranteed"),
        ("Die Lumen 2 misst absolut exakt, da gibt es keinerlei Abweichung.", DE, "claims.de/absolute-performance"),
        ("Die Reparatur muss Ihre Versicherung zahlen.", DE, "claims.de/legal-advice"),
    ],
)
def test_flagged(optik: ClaimsValidator, text: str, ctx: Context, rule: str) -> None:
    assert flagged(optik, text, ctx) == [(rule, text)]


@pytest.mark.parametrize(
    ("text", "backed"),
    [
        ("You can trial up to two pairs of glasses for 30 days, free of charge.", True),
        # A count in words the term does not state, a duration it does not carry.
        ("You can trial up to four pairs of glasses for 30 days, free of charge.", False),
        ("You can trial two pairs of glasses for 60 days, free of charge.", False),
        # No service named: not a service term.
        ("The Lumen 2 weighs 30 g.", False),
    ],
)
def test_a_service_term_restated(optik: ClaimsValidator, text: str, backed: bool) -> None:
    verdict = service_term_verdict(text, Language.EN, optik.base, optik.lexicon)
    assert (verdict is not None and verdict.backed) is backed


def test_the_view_reads_the_scans_sentences(optik: ClaimsValidator) -> None:
    text = "Die Lumen 2 ist immer vorrätig. Ca. 20 Min. dauert der Sehtest.\nDanke!"
    optik.packs.scan(text)
    index = optik.packs.sentences(text)
    view = ReplyView(text, optik.base, optik.lexicon, index)
    assert view.sentences() == sentence_spans(text) == index.spans
    # The same Span objects as the scan's index: the reply was split once.
    assert all(a is b for a, b in zip(view.sentences(), index.spans, strict=True))
    # An index of another text is not used.
    other = ReplyView(text, optik.base, optik.lexicon, SentenceIndex(text + " "))
    assert other.sentences() == sentence_spans(text)
