"""The byte-level fast path decides exactly as the reference `is_suspicious` and reduces a clean
reply to exactly the reference skeleton; one automaton pass finds reversed and ROT13 forms too."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.validators.trade_secrets.automaton import FORWARD_PREFIX_LEN, PREFIX_LEN, Automaton, EncodedKeys
from safe_reply.validators.trade_secrets.fastpath import fast_view
from safe_reply.validators.trade_secrets.normalise import fast_skeleton_text, is_suspicious
from safe_reply.validators.trade_secrets.views import has_spaced_letters

from .conftest import found, make_validator

# Plain words and every character class the fast path must tell apart: Latin-1 letters and symbols,
# the safe typographic marks beyond Latin-1, digits next to letters, entities, markdown, controls.
PIECES = [
    "Kranich", "Projekt", "Möwe", "STRASSE", "Straße", "ÿ", "Ÿ", "É", "a", "I", "E", "K", "T10", "E7", "Kr4n1ch", "4a",
    "a4", "12ab", "ab12", "2.000", "412,50", " ", "  ", "\t", "\n", "\r", "-", ",", ".", "?", "!", "–", "—", "„", "“",
    "”", "‚", "‘", "’", "…", "•", "€", "«", "»", "§", "°", "·", "\u00a0", "×", "÷", "£", "µ", "ª", "\u00ad", "\x01",
    "\x7f", "\x85", "&shy;", "&amp;", "&", "&#75;", "Kr@nich", "@", "$", "a$b", "**", "*", "_", "~", "`", "=", "abcd=",
    "\u200b", "а", "Κ", "Ｋ", "Š", "™", "‰", "\u2009", "🙂", "\ud800",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_fast_view_decides_and_reduces_like_the_reference(text: str) -> None:
    view = fast_view(text)
    assert (view is None) == is_suspicious(text)
    if view is not None:
        assert view.skeleton.decode("latin-1") == fast_skeleton_text(text)
        assert view.has_spaced_letters() == has_spaced_letters(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_fast_view_on_any_text(text: str) -> None:
    view = fast_view(text)
    assert (view is None) == is_suspicious(text)
    if view is not None:
        assert view.skeleton.decode("latin-1") == fast_skeleton_text(text)


def test_fast_view_examples() -> None:
    view = fast_view("Die „Möwe“ – 12 € für Ihr E-Bike, Straße 7.")
    assert view is not None
    assert view.skeleton == "diemöwe12fürihrebikestraße7".encode("latin-1")
    assert fast_view("Das Kr4n1ch-Projekt") is None  # leetspeak: digits inside a word of >= 2 letters
    assert fast_view("Modell T10 und E7") is not None  # model names keep the fast path
    assert fast_view("Kra\u200bnich") is None
    assert fast_view("Preis: 12 £") is None  # a Latin-1 symbol outside the safe set


def test_a_term_that_is_also_a_spelling_alphabet_word_is_found_on_the_fast_path() -> None:
    # "Hamburg" is a key of the DIN 5009 alphabet as well (a marker of the spelling decoder): the fast
    # path used to take such a key for a marker only and passed the reply.
    validator = make_validator([{"term": "Hamburg", "kind": "codename", "ordinary_word": False}])
    assert found(validator, "Wir liefern nach Hamburg.") == [(17, 24, "Hamburg")]
    assert found(validator, "Wir liefern nach grubmaH.") == [(17, 24, "grubmaH")]  # reversed


def test_reversed_and_rot13_forms_come_from_the_same_pass() -> None:
    validator = make_validator([{"term": "Kranich", "kind": "codename", "ordinary_word": False}])
    assert [(x.start, x.end, x.trick) for x in validator.scan("Das hcinarK und Xenavpu.")] == [
        (4, 11, "reversed"),
        (16, 23, "rot13"),
    ]
    assert validator.scan("Xenavpuf") == []  # encoded forms count as whole words only


_alphabet = st.sampled_from("abnoäö1")
_ROT13 = str.maketrans("abcdefghijklmnopqrstuvwxyz", "nopqrstuvwxyzabcdefghijklm")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.text(_alphabet, min_size=1, max_size=14), min_size=1, max_size=12),
    st.integers(0, 12),
    st.text(_alphabet, max_size=40),
    st.booleans(),
)
def test_prefixed_keys_match_like_full_keys(keys: list[str], split: int, text: str, wide: bool) -> None:
    # Long forward keys and the reversed and ROT13 keys are searched by their first letters and
    # verified: the matches must be exactly every occurrence of every key in full (Latin-1 bytes and
    # str alike, duplicate keys included).
    if wide:
        keys = [*keys, "ж"]  # a key beyond Latin-1: the str automaton
    forward, plain = keys[:split], keys[split:]
    encoded = EncodedKeys.of(plain, list(range(len(plain))), {})
    full = [*forward, *(key[::-1] for key in reversed(plain)), *(key.translate(_ROT13) for key in plain)]
    every = {(i, s, s + len(key)) for i, key in enumerate(full) for s in range(len(text)) if text.startswith(key, s)}
    found = Automaton(forward, encoded).find(text)
    assert sorted(found) == sorted(every)
    assert len(found) == len(every)  # each occurrence once
    assert [encoded.key(m) for m in range(len(encoded))] == full[len(forward) :]
    assert (PREFIX_LEN, FORWARD_PREFIX_LEN) == (6, 10)


_FACT_PIECES = [
    "Kulanz", "kulanz", "KULANZ", "goodwill", "bis zu", "60", "60 €", "€", "EUR", "eur", "Euro", "$", "usd", " ", ". ",
    "intern", "Rabatt", "14 %", "Prozent", "Charge", "2409", "Gurtschloss", "Rückruf", "„", "“", "–", "\u212aulanz",
    "Einkaufspreis", "kostet uns", "4,80", "Zorvak",
]  # fmt: skip
_fact_validator = make_validator(
    [
        {"term": "Kulanzgrenze 60 €", "kind": "internal_limit"},
        {"term": "Charge 2409", "kind": "quality_data"},
        {"term": "Rückrufprüfung Gurtschloss", "kind": "internal_plan"},
        {"fact": "Zielrabatt Großhandel", "value": "14 %", "cues": ["Großhändler"], "kind": "negotiation"},
        {"amount": 412, "currency": "EUR", "kind": "purchase_price"},
        {"pattern": r"EK[ -]?\d{1,3},\d{2} ?€", "kind": "purchase_price"},
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FACT_PIECES), max_size=14).map(" ".join))
def test_the_fact_gate_of_a_clean_reply_changes_no_finding(text: str) -> None:
    # A clean reply without a cue word among the automaton's markers and without a currency mark
    # skips the fact scan: the findings must be those of a scan without the gate.
    assert _fact_validator.fact_markers
    ungated = dataclasses.replace(_fact_validator, fact_markers=None)
    assert _fact_validator.scan(text) == ungated.scan(text)
