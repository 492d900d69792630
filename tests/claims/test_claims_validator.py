from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.actions import rewrite
from safe_reply.errors import ConfigError, ConfigErrors
from safe_reply.types import Category, Context, Edit, Language, Span
from safe_reply.validators.claims import ClaimsValidator, Settings

from .conftest import LINE, make

DE = Context(product_line="scooter", language=Language.DE)
EN = Context(product_line="scooter", language=Language.EN)


def test_figure_beyond_spec_is_replaced_by_the_approved_claim(claims: ClaimsValidator) -> None:
    text = "Gern! Mit dem Roller schaffen Sie locker 80 km. Viel Spaß!"
    [finding] = claims.detect(text, DE)
    assert finding.rule_id == "claims.de/spec-figure"
    assert finding.category is Category.UNSUPPORTED_CLAIM
    assert finding.span == Span(6, 47)
    assert finding.details == {
        "claim_category": "spec_exceeded",
        "compared_with": "range_km = 60 km (bis zu, Eco)",
    }
    assert finding.legal_basis == "UWG §5 Abs. 2 Nr. 1; BGB §434 Abs. 3 S. 1 Nr. 2 b"
    assert finding.fix == Edit(Span(6, 47), "Im Eco-Modus fahren Sie bis zu 60 km mit einer Ladung.")
    assert rewrite(text, [finding]) == "Gern! Im Eco-Modus fahren Sie bis zu 60 km mit einer Ladung. Viel Spaß!"


@pytest.mark.parametrize(
    "text",
    [
        "Im Eco-Modus schaffen Sie bis zu 60 km.",  # qualifier kept
        "Rechnen Sie im Alltag eher mit 40 km.",  # conservative
        "Der Motor leistet 0,5 kW.",  # unit conversion: 500 W
        "Halten Sie die Taste 10 Sekunden gedrückt.",  # duration with no attribute word
        "Der Kocher K2 hat 2.000 W.",  # the kettle's own fact, not the motor's
    ],
)
def test_backed_or_unrelated_figures_pass(claims: ClaimsValidator, text: str) -> None:
    assert claims.detect(text, DE) == ()


def test_dropped_up_to_is_flagged_and_unit_formats_compare(claims: ClaimsValidator) -> None:
    assert [f.details["claim_category"] for f in claims.detect("Der Roller fährt 60km weit.", DE)] == ["spec_exceeded"]
    [power] = claims.detect("Der Motor hat 1,2 kW.", DE)
    assert power.details["compared_with"] == "motor_power_w = 500 W"
    [charge] = claims.detect("Die Ladezeit beträgt nur 2 Stunden.", DE)
    assert charge.details["compared_with"] == "charge_time_h = 6 h"


def test_negations_quotes_and_idioms_are_not_claims(claims: ClaimsValidator) -> None:
    for text in (
        "Der Roller ist nicht TÜV-geprüft.",
        "Eine zusätzliche Garantie bieten wir nicht an.",
        "Beste Grüße, Ihr Serviceteam",
        "Am besten rufen Sie uns kurz an.",
        "Sicher helfe ich Ihnen gern weiter.",
        "Sie fragen, ob der Roller „das sicherste Modell auf dem Markt“ ist.",
    ):
        assert claims.detect(text, DE) == (), text


def test_last_sentence_is_removed_with_the_whitespace_before_it(claims: ClaimsValidator) -> None:
    text = "Der Akku ist abnehmbar.  Das ist der leichteste Roller auf dem Markt."
    [finding] = claims.detect(text, DE)
    assert finding.rule_id == "claims.de/superlative"
    assert finding.span == Span(25, len(text))
    assert finding.fix == Edit(Span(23, len(text)), "")
    assert rewrite(text, [finding]) == "Der Akku ist abnehmbar."


def test_nothing_useful_left_means_no_fix_so_the_reply_is_blocked(claims: ClaimsValidator) -> None:
    text = "Hinweis: Sie chatten mit einem KI-Assistenten. Der Roller heilt Rückenschmerzen."
    [finding] = claims.detect(text, DE)
    assert finding.details["claim_category"] == "health"
    assert finding.fix is None


def test_certification_scope_and_guarantee_scope(claims: ClaimsValidator) -> None:
    assert claims.detect("Der Kocher K2 ist GS-zertifiziert.", DE) == ()
    [gs] = claims.detect("Der Roller ist GS-zertifiziert, sagt der Hersteller.", DE)
    assert gs.details["claim_category"] == "certification"
    assert claims.detect("Auf den Rahmen bekommen Sie 3 Jahre Garantie.", DE) == ()
    [motor] = claims.detect("Auf den Motor bekommen Sie 3 Jahre Garantie. Gute Fahrt!", DE)
    assert motor.fix == Edit(Span(0, 44), LINE.approved_claims[1])
    [longer] = claims.detect("Auf den Rahmen bekommen Sie 10 Jahre Garantie.", DE)
    assert longer.details["compared_with"].startswith("guarantee: 3 Jahre")


def test_origin_assembly_only_is_not_made_in_germany(claims: ClaimsValidator) -> None:
    [made] = claims.detect("Der Roller ist Made in Germany.", DE)
    assert made.details == {"claim_category": "origin", "compared_with": f"origin = {LINE.facts[5].value}"}
    assert (
        claims.detect("Die Endmontage erfolgt in Leipzig, Deutschland; gefertigt in Taiwan wird der Rahmen.", DE) == ()
    )


def test_english_reply_is_reported_with_the_english_rule(claims: ClaimsValidator) -> None:
    [finding] = claims.detect("The scooter has a range of 60 km, easily.", EN)
    assert finding.rule_id == "claims.en/spec-figure"
    assert finding.message.de.startswith("Zahlenangabe über dem Datenblatt")
    assert finding.message.en.startswith("Figure above the spec sheet")


def test_unknown_pack_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        make(settings=Settings(packs=("claims-fr",)), tmp=tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'line.yaml'}: validators.claims.packs: unknown claims pack(s) claims-fr. "
        "Fix: use pack ids from: claims-de, claims-en"
    )


def test_unknown_sub_category_in_a_company_pack(tmp_path: Path) -> None:
    pack = tmp_path / "extra.yaml"
    pack.write_text(
        "pack: acme-claims\nfamily: claims\nlanguage: de\nrules:\n"
        "  - {id: ACME-1, category: magic, legal_basis: UWG, message: {de: x, en: y}, anchors: [wunder],"
        " patterns: ['wunder'], flag: [Wunder], pass: [nichts]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigErrors) as caught:
        make(settings=Settings(extra_packs=("extra.yaml",)), tmp=tmp_path)
    assert "unknown claims sub-category 'magic'" in str(caught.value)


def test_selecting_only_the_german_pack(tmp_path: Path) -> None:
    german_only = make(settings=Settings(packs=("claims-de",)), tmp=tmp_path)
    assert german_only.detect("We are the market leader.", EN) == ()
    assert german_only.detect("Wir sind Marktführer.", DE)[0].rule_id == "claims.de/superlative"


_CLEAN = st.sampled_from(
    [
        "Gern helfe ich Ihnen weiter.",
        "Ihre Bestellung NE-2026-1044 ist unterwegs.",
        "Bitte laden Sie den Akku bei Zimmertemperatur.",
        "Im Eco-Modus fahren Sie bis zu 60 km mit einer Ladung.",
        "Die Rücksendung ist bis zum 14.03. möglich.",
        "Beste Grüße!",
    ]
)


@settings(max_examples=40, deadline=None)  # the first example builds the rule packs
@given(st.lists(_CLEAN, min_size=1, max_size=6), st.sampled_from([" ", "\n", "  "]))
def test_clean_replies_pass_and_a_claim_anywhere_has_its_exact_sentence(parts: list[str], glue: str) -> None:
    claims = make()
    text = glue.join(parts)
    assert claims.detect(text, DE) == ()
    claim = "Das ist der sicherste Roller der Welt."
    combined = f"{text}{glue}{claim}"
    [finding] = claims.detect(combined, DE)
    assert finding.span is not None
    assert finding.span.of(combined) == claim
    if set(parts) == {"Beste Grüße!"}:  # only a greeting would remain: block instead of rewriting
        assert finding.fix is None
    else:
        assert rewrite(combined, [finding]) == text
