"""Masking: no protected term reaches the log; spans move with the mask."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from log.logdata import SECRET_REPLY, claim_finding, secret_finding
from safe_reply.keys import HASH_KEY_ENV, log_key
from safe_reply.log.masking import mask_decision, pseudonymise
from safe_reply.types import Category, Finding, Message, Span

KEY = b"test-key"
TOKEN = "⟦codename:3f2a9c1d00aa11bb⟧"


def test_every_occurrence_of_a_flagged_term_is_masked_in_original_and_delivered() -> None:
    masked = mask_decision(SECRET_REPLY, "Orion? Dazu nichts.", [secret_finding()], KEY)
    assert masked.original == f"Das Projekt {TOKEN} startet 2026 mit dem Motor {TOKEN}."
    assert masked.delivered == f"{TOKEN}? Dazu nichts."
    finding = masked.findings[0]
    assert (finding.start, finding.end) == (12, 12 + len(TOKEN))
    assert masked.original[finding.start : finding.end] == TOKEN
    assert finding.details == {"kind": "codename", "term_hash": "3f2a9c1d00aa11bb"}


def test_spans_after_and_around_a_mask_are_moved() -> None:
    # "startet 2026" (18..30) comes after the mask; "Projekt Orion startet" (4..25) encloses it.
    findings = [secret_finding(), claim_finding(Span(18, 30)), claim_finding(Span(4, 25)), claim_finding(Span(14, 20))]
    masked = mask_decision(SECRET_REPLY, SECRET_REPLY, findings, KEY)
    shift = len(TOKEN) - len("Orion")
    after, around, partly = masked.findings[1:]
    assert masked.original[after.start : after.end] == "startet 2026"
    assert (after.start, after.end) == (18 + shift, 30 + shift)
    assert masked.original[around.start : around.end] == f"Projekt {TOKEN} startet"
    # A span starting inside the term snaps to the start of the mask: never half a token.
    assert masked.original[partly.start : partly.end] == f"{TOKEN} st"


def test_a_finding_without_term_hash_gets_a_keyed_hash() -> None:
    finding = secret_finding()
    bare = type(finding)(finding.rule_id, finding.category, finding.span, finding.message, sensitive=True)
    masked = mask_decision(SECRET_REPLY, "x", [bare], KEY)
    # No kind in the details: the token names the category.
    assert masked.original.startswith(f"Das Projekt ⟦trade_secret:{pseudonymise(KEY, 'Orion')}⟧ startet")


def test_only_sensitive_findings_are_masked_whatever_their_category() -> None:
    finding = secret_finding()
    plain = type(finding)(finding.rule_id, finding.category, finding.span, finding.message)
    assert mask_decision(SECRET_REPLY, "x", [plain], KEY).original == SECRET_REPLY
    own = type(finding)("iban.found", "personal_data", finding.span, finding.message, sensitive=True)
    assert mask_decision(SECRET_REPLY, "x", [own], KEY).original.startswith("Das Projekt ⟦personal_data:")


def test_messages_are_masked_with_the_same_terms() -> None:
    quoting = Finding(
        "guardrails.ban", Category.EXTERNAL, None, Message("fand 'Orion' im Text", "found 'Orion' in the text")
    )
    masked = mask_decision(SECRET_REPLY, "x", [secret_finding(), quoting], KEY)
    assert masked.findings[1].message_de == f"fand '{TOKEN}' im Text"
    assert masked.findings[1].message_en == f"found '{TOKEN}' in the text"
    assert "Orion" not in masked.findings[1].message


def test_log_key_order_log_key_then_hash_key_then_demo_key() -> None:
    assert log_key({"SAFE_REPLY_LOG_KEY": "a", HASH_KEY_ENV: "b"}) == b"a"
    assert log_key({HASH_KEY_ENV: "b"}) == b"b"
    assert pseudonymise(b"a", "conv-1") != pseudonymise(b"b", "conv-1")
    assert len(pseudonymise(b"a", "conv-1")) == 16


@settings(max_examples=60, deadline=None)
@given(
    prefix=st.text(max_size=20),
    term=st.text(alphabet="ABCXYZorin", min_size=2, max_size=8),
    suffix=st.text(max_size=20),
)
def test_the_term_never_survives_masking(prefix: str, term: str, suffix: str) -> None:
    text = prefix + term + suffix
    span = Span(len(prefix), len(prefix) + len(term))
    masked = mask_decision(text, text + " " + term, [secret_finding(span)], KEY)
    assert all(term not in part for part in masked.original.split(TOKEN))
    assert all(term not in part for part in masked.delivered.split(TOKEN))
    stored = masked.findings[0]
    assert masked.original[stored.start : stored.end] == TOKEN


def test_one_key_setting_keys_both_the_term_hashes_and_the_log() -> None:
    from safe_reply.keys import PUBLIC_DEMO_KEY, hash_key_from_env

    # Only the log key set (as docs/log.md asks): the term hashes must not use the public demo key.
    assert hash_key_from_env({"SAFE_REPLY_LOG_KEY": "secret"}) == b"secret"
    assert log_key({HASH_KEY_ENV: "other"}) == b"other"
    assert hash_key_from_env({}) == PUBLIC_DEMO_KEY
