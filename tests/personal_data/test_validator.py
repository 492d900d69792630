"""The personal-data validator in a policy: masking rewrite, allowed values, log masking, config errors."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import iban as std_iban

from personal_data.corpus_score import make_ctx, make_validator
from safe_reply import registry
from safe_reply.errors import ConfigError, ConfigErrors
from safe_reply.keys import log_key
from safe_reply.loader import load_policy
from safe_reply.log.masking import mask_decision
from safe_reply.types import Action, Context, Language, Message, Severity, Span
from safe_reply.validators.personal_data import CATEGORY, Settings, build

IBAN = "DE89 3704 0044 0532 0130 00"


def write_policy(tmp_path: Path, section: str) -> Path:
    config = tmp_path / "config"
    (config / "product_lines").mkdir(parents=True)
    (config / "defaults.yaml").write_text("version: 1\n", encoding="utf-8")
    (config / "product_lines" / "shop.yaml").write_text(
        f"id: shop\nvalidators:\n  personal_data: {section}\n", encoding="utf-8"
    )
    return config


def test_the_spec_declares_a_sensitive_category_masked_by_default() -> None:
    spec = registry.load_spec("personal_data")
    assert spec.categories == (CATEGORY,)
    assert spec.default_actions == {CATEGORY: Action.REWRITE}
    assert spec.sensitive is True


def test_a_policy_masks_another_persons_data_in_the_replys_language(tmp_path: Path) -> None:
    policy = load_policy(write_policy(tmp_path, "{}"))
    german = policy.evaluate(f"Die Erstattung geht an {IBAN}, Telefon 0171 2345678.", Context(product_line="shop"))
    assert german.action is Action.REWRITE
    assert german.delivered == "Die Erstattung geht an [IBAN entfernt], Telefon [Telefonnummer entfernt]."
    english = policy.evaluate(f"The refund goes to {IBAN}. Write to jana.wolff@web.de.", Context(product_line="shop"))
    assert english.delivered == "The refund goes to [IBAN removed]. Write to [e-mail address removed]."
    assert [f.rule_id for f in english.findings] == ["personal_data.iban", "personal_data.email"]


def test_the_customers_own_data_from_the_context_passes(tmp_path: Path) -> None:
    policy = load_policy(write_policy(tmp_path, "{}"))
    text = f"Die Erstattung geht an Ihr Konto {IBAN}."
    own = Context(product_line="shop", allowed=("de89370400440532013000",))
    assert policy.evaluate(text, own).action is Action.PASS
    other = Context(product_line="shop", allowed=("DE85 1860 9139 0996 0308 24",))
    assert policy.evaluate(text, other).delivered == "Die Erstattung geht an Ihr Konto [IBAN entfernt]."


def test_a_finding_carries_rule_legal_basis_messages_and_no_value() -> None:
    [finding] = make_validator().detect(f"Das Geld ist auf {IBAN}.", Context())
    assert finding.rule_id == "personal_data.iban"
    assert finding.category == "personal_data"
    assert finding.span == Span(17, 44)
    assert finding.severity is Severity.CRITICAL
    assert finding.legal_basis is not None
    assert finding.legal_basis.startswith("DSGVO Art. 5 Abs. 1 lit. f, Art. 32")
    assert "Art. 33, 34" in finding.legal_basis
    assert isinstance(finding.message, Message)
    assert finding.message.de.startswith("Personenbezogene Daten in der Antwort (IBAN)")
    assert finding.message.en.startswith("Personal data in the reply (IBAN)")
    assert dict(finding.details) == {"kind": "iban"}
    assert finding.fix is not None
    assert finding.fix.text == "[IBAN entfernt]"
    tax = make_validator().detect("Steuer-ID: 93141705862", Context())
    assert [f.legal_basis.split("; ")[-1] for f in tax if f.legal_basis] == [
        "AO §139b Abs. 2 (Verwendung der Identifikationsnummer nur zu steuerlichen Zwecken)"
    ]


def test_the_log_masks_personal_data_by_the_specs_flag(tmp_path: Path) -> None:
    policy = load_policy(write_policy(tmp_path, "{}"))
    decision = policy.evaluate(f"Konto {IBAN} von Herrn Roth.", Context(product_line="shop"))
    assert all(f.sensitive for f in decision.findings)
    key = log_key({"SAFE_REPLY_LOG_KEY": "k"})
    masked = mask_decision(decision.original, decision.delivered, decision.findings, key)
    assert IBAN not in masked.original
    assert masked.original.startswith("Konto ⟦iban:")
    assert masked.original.endswith("⟧ von Herrn Roth.")
    assert masked.delivered == "Konto [IBAN entfernt] von Herrn Roth."


def test_company_patterns_allowed_values_and_placeholders() -> None:
    validator = make_validator(
        patterns=[{"pattern": r"KD-\d{7}", "kind": "customer_number"}],
        allowed=["+49 40 3344 5566", "Hafenstraße 12, 20457 Hamburg"],
        placeholder={"de": "<{label}>", "en": "<{label}>"},
    )
    text = "Der Kunde KD-1029384 ist bei uns, Tel. 040 3344 5566, Rücksendung an Hafenstraße 12, 20457 Hamburg."
    [finding] = validator.detect(text, Context())
    assert (finding.rule_id, finding.span, finding.fix and finding.fix.text) == (
        "personal_data.customer_number",
        Span(10, 20),
        "<Kundennummer>",
    )
    lease_pattern = {"pattern": r"V-\d{5}", "kind": "lease", "label": {"de": "Leasing", "en": "lease"}}
    labelled = make_validator(patterns=[lease_pattern])
    [lease] = labelled.detect("Lease V-12345 ends soon.", Context(language=Language.EN))
    assert lease.fix is not None
    assert lease.fix.text == "[lease removed]"


def test_settings_switch_kinds_mailboxes_and_service_numbers() -> None:
    text = "Hotline 0800 123 4567, Mail an team@anna-berg.de oder kasse@shop-tickets.de, IBAN " + IBAN
    default = make_validator().detect(text, Context())
    assert [f.details["kind"] for f in default] == ["email", "iban"]  # team@ is a function mailbox
    tuned = make_validator(
        kinds=["phone", "email"], allow_service_numbers=False, allowed_email_domains=["shop-tickets.de"]
    ).detect(text, Context())
    assert [f.span.of(text) for f in tuned if f.span] == ["0800 123 4567"]  # team@ still a mailbox
    assert make_validator(role_mailboxes=["kasse"]).detect("kasse@anna-berg.de", Context()) == []


def test_overlapping_readings_keep_the_surer_kind() -> None:
    # The IBAN's digits could be read as a phone number ("0044 ..."); the checksummed kind wins.
    findings = make_validator().detect(f"Konto {IBAN}", Context())
    assert [(f.details["kind"], f.span) for f in findings] == [("iban", Span(6, 33))]


def test_replies_without_digits_or_at_sign_cost_one_search() -> None:
    validator = make_validator()
    assert validator.scan("Vielen Dank für Ihre Nachricht, wir melden uns gern bei Ihnen.") == []


@pytest.mark.parametrize(
    ("section", "key", "problem"),
    [
        ("{phone_region: XX}", "validators.personal_data.phone_region", "'XX' is not a region with a phone"),
        ("{patterns: [{pattern: 'IBAN\\d+', kind: iban}]}", "validators.personal_data.patterns[0]", "built-in kind"),
        ("{placeholder: '[{name}]'}", "validators.personal_data.placeholder", "may only use {label}"),
        ("{placeholder: '[{label}: 0171 2345678]'}", "validators.personal_data.placeholder", "is itself flagged"),
        ("{kinds: [iban, passport]}", "validators.personal_data.kinds[1]", "value 'passport' is not allowed"),
    ],
)
def test_bad_settings_name_file_key_and_fix(tmp_path: Path, section: str, key: str, problem: str) -> None:
    config = write_policy(tmp_path, section)
    with pytest.raises(ConfigErrors) as raised:
        load_policy(config)
    [error] = raised.value.errors
    assert error.file == str(config / "product_lines" / "shop.yaml")
    assert error.key == key
    assert problem in error.problem
    assert error.fix


def test_a_flagged_placeholder_is_a_config_error_at_build() -> None:
    with pytest.raises(ConfigError) as raised:
        build(Settings(placeholder="[{label}: jana.wolff@web.de]"), make_ctx())
    assert raised.value.key == "validators.personal_data.placeholder"


def _valid_iban(rng: random.Random) -> str:
    bban = "".join(rng.choice("0123456789") for _ in range(18))
    check = 98 - int("".join(str(int(c, 36)) for c in bban + "DE00")) % 97
    return std_iban.format(f"DE{check:02d}{bban}")


WORDS = st.lists(st.sampled_from(["Hallo", "Ihre", "Erstattung", "geht", "an", "the", "refund", "am", "Konto", "."]))


@settings(max_examples=150, deadline=None)
@given(before=WORDS, after=WORDS, seed=st.integers(0, 2**32))
def test_a_valid_iban_anywhere_is_found_with_its_exact_span(before: list[str], after: list[str], seed: int) -> None:
    value = _valid_iban(random.Random(seed))
    head = " ".join(before)
    text = f"{head} {value} {' '.join(after)}"
    validator = make_validator()
    findings = [f for f in validator.detect(text, Context()) if f.details["kind"] == "iban"]
    assert [f.span for f in findings] == [Span(len(head) + 1, len(head) + 1 + len(value))]
    assert validator.detect(text, Context(allowed=(value.replace(" ", ""),))) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Nd", "Cs"], blacklist_characters="@"), max_size=300))
def test_text_without_digits_or_at_sign_has_no_personal_data(text: str) -> None:
    assert make_validator().detect(text, Context()) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 +-/().,:@abcDEStraße\n")), max_size=200))
def test_spans_lie_in_the_reply_and_never_overlap(text: str) -> None:
    findings = make_validator().detect(text, Context())
    spans = sorted(f.span for f in findings if f.span is not None)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=16, max_size=16))
def test_a_sixteen_digit_number_failing_luhn_is_never_a_card(digits: list[int]) -> None:
    from stdnum import luhn

    number = "".join(map(str, digits))
    text = f"Kartennummer {number[:4]} {number[4:8]} {number[8:12]} {number[12:]}"
    cards = [f for f in make_validator().detect(text, Context()) if f.details["kind"] == "credit_card"]
    assert bool(cards) <= luhn.is_valid(number)
