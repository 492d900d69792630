"""Proposed config changes: exact YAML edits with comments kept, a patch that applies, `config check --proposal`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from safe_reply.cli import _register, app
from safe_reply.proposals import ProposalError, ProposalKind, add_list_item, apply_diff, propose, read_proposal

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = ("approved_claims",)
ALLOWED = ("validators", "trade_secrets", "allowed_terms")
HERE = Path("x.yaml")


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        # a block list: the item goes after the last one, same indentation, comments stay
        ("approved_claims:\n  - a  # first\n  # note\n  - b\nfacts: []\n", CLAIMS,
         'approved_claims:\n  - a  # first\n  # note\n  - b\n  - "NEU \\"x\\""\nfacts: []\n'),
        # list items at the key's own indentation (YAML allows it)
        ("approved_claims:\n- a\nfacts: []\n", CLAIMS, 'approved_claims:\n- a\n- "NEU \\"x\\""\nfacts: []\n'),
        # an inline list keeps its trailing comment
        ("validators:\n  trade_secrets:\n    allowed_terms: [\"A\"]  # why\n", ALLOWED,
         'validators:\n  trade_secrets:\n    allowed_terms: ["A", "NEU \\"x\\""]  # why\n'),
        # missing keys are created under the deepest one that exists
        ("id: ebike\nvalidators:\n  claims: {}\n", ALLOWED,
         'id: ebike\nvalidators:\n  claims: {}\n  trade_secrets:\n    allowed_terms:\n      - "NEU \\"x\\""\n'),
        ("validators:\n  trade_secrets: {}\n", ALLOWED,
         'validators:\n  trade_secrets:\n    allowed_terms:\n      - "NEU \\"x\\""\n'),
        ("id: ebike\n", CLAIMS, 'id: ebike\napproved_claims:\n  - "NEU \\"x\\""\n'),
    ],
)  # fmt: skip
def test_add_list_item_edits_exactly_and_keeps_comments(text: str, path: tuple[str, ...], expected: str) -> None:
    assert add_list_item(text, path, 'NEU "x"', HERE) == expected


def test_add_list_item_refuses_what_it_cannot_do_safely() -> None:
    with pytest.raises(ProposalError, match="already has 'a' under approved_claims: nothing to propose"):
        add_list_item("approved_claims: [a]\n", CLAIMS, "a", HERE)
    with pytest.raises(ProposalError, match="cannot add to the inline value of 'validators' automatically"):
        add_list_item("validators: {claims: {}}\n", ALLOWED, "a", HERE)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "config", tmp_path / "config"))


def check(config: Path, patch: Path) -> tuple[int, str]:
    _register()
    result = CliRunner().invoke(
        app, ["config", "check", str(config), "--proposal", str(patch)], env={"COLUMNS": "400"}
    )  # one line however long the tmp path
    return result.exit_code, " ".join(result.output.split())


def test_claim_proposal_applies_with_git_and_config_check_confirms_it(config: Path, tmp_path: Path) -> None:
    sentence = "Wir geben lebenslange Garantie auf den Akku."
    _register()
    before = CliRunner().invoke(app, ["check", sentence, "-c", str(config), "-p", "ebike"])
    assert "claims.de/guarantee-offer" in before.output  # flagged today
    proposal = propose(
        config, ProposalKind.APPROVE_CLAIM, "ebike", sentence, record_id=7, finding=1,
        rule_id="claims.de/guarantee-offer", reviewer="anna",
    )  # fmt: skip
    patch = tmp_path / "claim.patch"
    patch.write_text(proposal.render())
    assert read_proposal(patch.read_text()).text == sentence
    assert check(config, patch) == (
        0,
        f"OK: {patch} applies to {config}, the config stays valid, and the sentence is no longer flagged in "
        "product line ebike (was claims.de/guarantee-offer)",
    )
    assert sentence not in (config / "product_lines" / "ebike.yaml").read_text()  # checking edits nothing
    subprocess.run(["git", "apply", "--unsafe-paths", "--directory", "", str(patch)], cwd=tmp_path, check=True)
    assert f'  - "{sentence}"\n' in (config / "product_lines" / "ebike.yaml").read_text()


def test_config_check_says_when_a_proposal_does_not_help_or_no_longer_applies(config: Path, tmp_path: Path) -> None:
    unhelpful = propose(
        config, ProposalKind.APPROVE_CLAIM, "ebike", "Der Akku hält garantiert ewig.", record_id=1, finding=1,
        rule_id="claims.de/guarantee-absolute", reviewer="anna",
    )  # fmt: skip
    patch = tmp_path / "unhelpful.patch"
    # Approving one sentence does not back another: the meta text is what `config check` evaluates.
    other = unhelpful.render().replace("ewig.\"", "ewig. Unser E-Bike ist das sicherste der Welt.\"", 1)
    patch.write_text(other)
    assert check(config, patch) == (
        1,
        "NOT OK: the proposal applies and the config is valid, but the sentence is still flagged in product line "
        "ebike (claims.de/superlative). Fix: adjust the proposal by hand",
    )
    stale = tmp_path / "stale.patch"
    stale.write_text(unhelpful.render())
    line_file = config / "product_lines" / "ebike.yaml"
    line_file.write_text(line_file.read_text().replace("up to 110 km on one charge", "up to 111 km on one charge"))
    assert check(config, stale)[0] == 2
    assert "the proposal no longer applies to" in check(config, stale)[1]
    damaged = tmp_path / "damaged.patch"
    damaged.write_text("--- a/x\n+++ b/x\n")
    assert check(config, damaged) == (
        2,
        f"error: {damaged}: not a safe-reply proposal (no '# safe-reply proposal' header with '# meta:')",
    )


def test_apply_diff_refuses_paths_outside_the_config(config: Path) -> None:
    with pytest.raises(ProposalError, match="unexpected path"):
        apply_diff(config, "--- a/config/../../etc/passwd\n+++ b/config/../../etc/passwd\n@@ -1 +1 @@\n-a\n+b\n")
