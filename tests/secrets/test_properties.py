"""Hypothesis properties: disguised terms anywhere are found with exact spans; redaction removes
every leak and is idempotent; a reply without terms passes byte-identical."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from tests.support.policies import make_line

from safe_reply.actions import rewrite
from safe_reply.policy import ProductLinePolicy
from safe_reply.types import Action, Category, Context
from safe_reply.validators.trade_secrets import TradeSecretValidator

from .conftest import found, make_validator

TERMS = ["Kranich", "Athena", "Orion", "Möwe", "Großglockner", "Kulanzgrenze"]
FILLER = ["Das", "Rad", "ist", "heute", "schön", "und", "leise", "wir", "helfen", "gern", "the", "bike", "is", "ready"]
PUNCT = [" ", " ", ", ", ". ", "\n", " – ", ": "]
HOMOGLYPHS = {"a": "а", "o": "о", "e": "е", "c": "с", "p": "р", "K": "К", "A": "А", "O": "О"}
LEET = {"a": "4", "i": "1", "e": "3", "o": "0"}
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "&shy;"]

_validator = make_validator()
_settings = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def disguised(draw: st.DrawFn) -> str:
    """One term with a random combination of the issue's tricks (combinations that keep it a word)."""
    term = draw(st.sampled_from(TERMS))
    case = draw(st.sampled_from(["keep", "upper", "lower"]))
    letters = list(term.upper() if case == "upper" else term.lower() if case == "lower" else term)
    if "ß" in letters and draw(st.booleans()):
        at = letters.index("ß")
        letters[at : at + 1] = ["s", "s"]
    if draw(st.booleans()):
        letters = [HOMOGLYPHS.get(c, c) if draw(st.booleans()) else c for c in letters]
    if draw(st.booleans()):
        letters = [chr(0xFF21 + ord(c) - ord("A")) if "A" <= c <= "Z" else c for c in letters]  # full-width
    split = draw(st.sampled_from(["none", "spaced", "hyphens", "invisible", "markdown", "linebreak", "leet"]))
    if split == "spaced":
        return draw(st.sampled_from([" ", ".", "-"])).join(letters)
    if split == "leet":
        return "".join(LEET.get(c, c) if draw(st.booleans()) else c for c in letters)
    cut = draw(st.integers(1, len(letters) - 1))
    head, tail = "".join(letters[:cut]), "".join(letters[cut:])
    if split == "hyphens":
        return f"{head}-{tail}"
    if split == "invisible":
        return f"{head}{draw(st.sampled_from(INVISIBLE))}{tail}"
    if split == "markdown":
        return f"{head}**{tail}"
    if split == "linebreak":
        return f"{head}-\n{tail}"
    return head + tail


words = st.lists(st.sampled_from(FILLER), max_size=12)


@_settings
@given(before=words, after=words, sep=st.sampled_from(PUNCT), secret=disguised())
def test_disguised_term_anywhere_is_found_exactly(before: list[str], after: list[str], sep: str, secret: str) -> None:
    prefix = " ".join(before) + (sep if before else "")
    text = prefix + secret + (sep + " ".join(after) if after else "")
    assert (len(prefix), len(prefix) + len(secret), secret) in found(_validator, text)


@_settings
@given(before=words, secrets=st.lists(disguised(), min_size=1, max_size=3), after=words)
def test_redaction_removes_every_leak_and_is_idempotent(
    before: list[str], secrets: list[str], after: list[str]
) -> None:
    text = " ".join([*before, *(f"{s} und" for s in secrets), *after])
    findings = _validator.detect(text, Context())
    redacted = rewrite(text, findings)
    assert redacted is not None
    assert _validator.scan(redacted) == []
    assert rewrite(redacted, _validator.detect(redacted, Context())) == redacted


_clean_line: ProductLinePolicy = make_line(
    make_validator([{"term": "Kranich", "kind": "codename"}]), actions={Category.TRADE_SECRET: Action.REWRITE}
)


def _could_spell_k_or_x(char: str) -> bool:
    folded = unicodedata.normalize("NFKC", char).lower()
    return any(c in "kxкκ" for c in folded)


@settings(max_examples=150, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_reply_without_terms_passes_byte_identical(text: str) -> None:
    # Kranich, its reversed form and its ROT13 form (Xenavpu) all need a k or an x.
    assume(not any(_could_spell_k_or_x(c) for c in text))
    decision = _clean_line.evaluate(text, Context(product_line="ebike"))
    assert decision.action is Action.PASS
    assert decision.delivered is text


def test_validator_is_a_trade_secret_validator() -> None:
    assert isinstance(_validator, TradeSecretValidator)
