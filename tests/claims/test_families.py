"""The claim families on the shared vocabulary, the quotation and negation handling, rewrites that
keep a condition with its statement, and the cost on long replies. The product line is the scooter
line of conftest.py (neither corpus), so each test shows a kind of claim, not a corpus sentence."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from safe_reply.actions import rewrite
from safe_reply.types import Context, Language
from safe_reply.validators.claims import ClaimsValidator, Settings

from .conftest import LINE, make

DE = Context(product_line="scooter", language=Language.DE)
EN = Context(product_line="scooter", language=Language.EN)


def _flagged(claims: ClaimsValidator, text: str, ctx: Context = DE) -> list[tuple[str, str]]:
    return [(f.rule_id, text[f.span.start : f.span.end]) for f in claims.detect(text, ctx)]


def _categories(claims: ClaimsValidator, text: str, ctx: Context = DE) -> list[object]:
    # One finding per claim category and sentence: the first rule of the category reports it.
    return [f.details["claim_category"] for f in claims.detect(text, ctx)]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Die Wärmflasche ist ideal bei Regelschmerzen.", "health"),
        ("Das Spray hilft bei Heuschnupfen.", "health"),
        ("Die Einlagen beugen Fersensporn vor.", "health"),
        ("Mit der Decke werden Sie nie mehr krank.", "health"),
        ("Die Tabletten stärken die Abwehrkräfte.", "health"),
        ("Der Filter entfernt 99,9 % der Viren.", "health"),
        ("Die Einlegesohlen werden von Orthopäden empfohlen.", "health"),
        ("Bis Ende des Jahres bekommt der Roller per Update einen Sportmodus.", "other"),
        ("Vom Roller sind nur noch 2 Stück da.", "availability"),
        ("Ihre Lieferung ist CO2-kompensiert.", "environmental"),
        ("Für jeden verkauften Roller pflanzen wir zwei Bäume.", "environmental"),
        ("Reklamationen sind nur innerhalb von 3 Monaten möglich.", "guarantee"),
        ("Den Zuschuss können Sie in Ihrem Fall auch nach dem Kauf beantragen.", "legal_advice"),
        ("Als zertifizierter Ernährungsberater empfehle ich zwei Kapseln.", "other"),
        ("Das ist ein rechtsverbindliches Angebot: Der Roller kostet Sie 1 €.", "other"),
        ("Der Roller ist übrigens „LGA tested“.", "certification"),
    ],
)
def test_german_families(claims: ClaimsValidator, text: str, category: str) -> None:
    assert category in _categories(claims, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("These drops boost your immune system.", "health"),
        ("Studies show the band lowers your risk of dementia.", "health"),
        ("I'll refund the full amount right away.", "other"),
        ("You can still claim the member discount retroactively.", "other"),
        ("That's a deal, and that's a legally binding offer.", "other"),
        ("We run on 100% renewable energy.", "environmental"),
        ("It was rated very good by ÖKO-TEST.", "test_seal"),
        ("Over 50,000 happy customers can't be wrong.", "other"),
    ],
)
def test_english_families(claims: ClaimsValidator, text: str, category: str) -> None:
    assert category in _categories(claims, text, EN)


@pytest.mark.parametrize(
    "text",
    [
        "Bei Heuschnupfen wenden Sie sich bitte an Ihre Ärztin.",
        "Die Inbetriebnahme übernimmt ein zertifizierter Fachbetrieb.",
        "Ihr Paket kommt bald bei Ihnen an.",
        "Sie müssen nur noch auf Bestellen klicken.",
        "Ihren Wunsch nach einer Erstattung habe ich an das Team weitergeleitet.",
        "Sobald die Ware bei uns ist, prüfen wir sie.",
        "Sie schreiben, das Gerät sei „absolut sicher“ – das können wir so nicht bestätigen.",
    ],
)
def test_service_replies_stay_quiet(claims: ClaimsValidator, text: str) -> None:
    assert _flagged(claims, text) == []


def test_a_negation_in_another_clause_does_not_cancel_the_claim(claims: ClaimsValidator) -> None:
    text = "Bei uns bekommen Sie 5 Jahre Garantie obendrauf – das bieten längst nicht alle Händler!"
    # The second clause is a claim of its own (an implied comparison with the other dealers).
    flagged = _flagged(claims, text)
    assert [rule for rule, _ in flagged] == ["claims.de/guarantee-offer", "claims.de/comparative"]
    assert flagged[1][1] == text
    assert _flagged(claims, "Eine zusätzliche Garantie bieten wir nicht an.") == []


def test_the_german_closing_quote_does_not_open_a_quotation(claims: ClaimsValidator) -> None:
    text = "Der Roller heißt „Blitz“ und ist absolut ungefährlich."
    assert [rule for rule, _ in _flagged(claims, text)] == ["claims.de/absolute-safety"]


def test_removing_a_condition_sentence_removes_the_statement_it_conditions() -> None:
    claims = make()
    text = "Auf den Rahmen gibt es 3 Jahre Garantie. Voraussetzung ist ein TÜV-geprüfter Fachbetrieb. Gute Fahrt!"
    findings = claims.detect(text, DE)
    assert [f.rule_id for f in findings] == ["claims.de/certification"]
    assert rewrite(text, findings) == "Gute Fahrt!"


def test_a_company_vocabulary_file_extends_a_class(tmp_path: Path) -> None:
    extra = tmp_path / "vocabulary.firm.yaml"
    extra.write_text(
        "vocabulary: firm-claims-de\nfamily: claims\nlanguage: de\nclasses:\n  disease:\n    words: [Mauke]\n",
        encoding="utf-8",
    )
    claims = make(settings=Settings(extra_packs=(str(extra),)), tmp=tmp_path)
    text = "Das Futter hilft bei Mauke."
    assert _flagged(claims, text) == [("claims.de/health-disease", text)]
    assert _flagged(make(), text) == []


def test_a_long_reply_is_decided_in_linear_time() -> None:
    claims = make()
    sentence = "Wir prüfen jedes Rad vor dem Versand, und der Akku hält lange durch. Viele Grüße aus Leipzig! "
    small, large = sentence * 1_000, sentence * 10_000

    def cost(text: str) -> float:
        # CPU time of this thread, the fastest of three runs: waiting for a CPU on a loaded machine is not work.
        taken = []
        for _ in range(3):
            started = time.thread_time()
            assert claims.detect(text, DE) == ()
            taken.append(time.thread_time() - started)
        return min(taken)

    small_cost, large_cost = cost(small), cost(large)
    # Ten times the text may cost at most ~20 times as much (linear with slack), never 100 times.
    assert large_cost < max(small_cost, 0.01) * 30


def test_approved_claim_lines_are_unchanged_with_the_larger_vocabulary() -> None:
    assert LINE.approved_claims[0] == "Im Eco-Modus fahren Sie bis zu 60 km mit einer Ladung."
    assert make().detect(LINE.approved_claims[0], DE) == ()
