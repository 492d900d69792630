"""The claim categories: what kind of product statement a finding is, and the law behind it.

The names are a public contract (rule packs, findings' `details["claim_category"]`, the labelled
corpus's `expect.unsupported_claims[].category`). The twenty groups of the legal catalog (A01-A20)
fold into these fourteen: child safety is `absolute_safety`; medical-purpose claims are `health`;
misstated statutory rights and statutory rights sold as a bonus (UWG Anhang Nr. 10) are
`guarantee`; reviews, unauthorised refunds, durability and consumables are `other`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ClaimCategory(StrEnum):
    ABSOLUTE_SAFETY = "absolute_safety"  # A01, A14
    GUARANTEE = "guarantee"  # A02, A16, A18 (statutory rights)
    SUPERLATIVE = "superlative"  # A03
    TEST_SEAL = "test_seal"  # A04, "klinisch bewiesen" (A06)
    HEALTH = "health"  # A05, A06
    ENVIRONMENTAL = "environmental"  # A07
    COMPARATIVE = "comparative"  # A08, A18 (competitors implied)
    PRICE = "price"  # A09
    AVAILABILITY = "availability"  # A10
    CERTIFICATION = "certification"  # A11
    SPEC_EXCEEDED = "spec_exceeded"  # A12
    ORIGIN = "origin"  # A13
    LEGAL_ADVICE = "legal_advice"  # A15
    OTHER = "other"  # A17, A19, A20


class Backing(StrEnum):
    """Which part of the product facts can back a claim of a rule (besides an approved claim).

    Every claim is backed by an approved claim of the product line (verbatim or near-verbatim);
    some rules can in addition be backed by another kind of fact.
    """

    APPROVED = "approved"  # only an approved claim (superlatives, health, price, ...)
    NUMBERS = "numbers"  # a figure maps onto the spec sheet and none goes beyond it
    FIGURES = "figures"  # no figure that maps onto the spec sheet goes beyond it (others are no claim)
    CERTIFICATION = "certification"  # every mark named is held, for the product named
    GUARANTEE = "guarantee"  # the product line has a guarantee that covers what is said
    ORIGIN = "origin"  # the origin fact says the same
    TERMS = "terms"  # the facts name the claim's key terms and figures, not more narrowly than claimed
    SERVICE = "service"  # a service term of the same kind with the same figures
    # A price reference ("39 € statt 59 €", "niedrigster Preis der letzten 30 Tage", PAngV §11): an offer fact
    # for the product named states those amounts; what else the sentence offers is judged as SERVICE.
    PRICE_REFERENCE = "price_reference"
    PRICE = "price"  # every amount is a documented price
    TEST = "test"  # a documented test result, with its source named in the reply
    COMPETITOR = "competitor"  # what it is compared with is the company's own product
    GUARANTEE_CONDITIONS = "guarantee_conditions"  # the guarantee has no conditions that are waived
    DOCUMENTED = "documented"  # every figure it names (ratings, customer numbers) is in one fact entry
    RESTRICTIONS = "restrictions"  # no documented restriction on the same topic is contradicted
    CONCEPT = "concept"  # the facts name every kind the claim names ("handgefertigt" for "in Handarbeit")
    PERMISSION = "permission"  # a fact names each official document the claim names, negated as the claim is
    # A label the product holds, named in the same sentence, explains a generic environmental word
    # ("emissionsarm nach EMICODE EC1 PLUS"; UWG Anhang Nr. 4a: recognised excellent environmental performance).
    HELD_LABEL = "held_label"
    ENERGY_CLASS = "energy_class"  # every energy efficiency class it names is one the facts name
    # "und zwar in jeder Stärke", "at any temperature": no figure it names is one the facts state under a
    # condition (a text value such as "138 Dk/t (bei −3,00 dpt)" the spec-figure check cannot parse).
    CONDITIONED = "conditioned"


# The default legal basis per category; a rule may name a more specific one.
LEGAL_BASIS: dict[ClaimCategory, str] = {
    ClaimCategory.ABSOLUTE_SAFETY: "UWG §5 Abs. 1; ProdHaftG §3; BGB §434 Abs. 3; GPSR (EU) 2023/988",
    ClaimCategory.GUARANTEE: "BGB §443, §479; UWG §5 Abs. 2 Nr. 7; UWG Anhang Nr. 10",
    ClaimCategory.SUPERLATIVE: "UWG §5 Abs. 1, Abs. 2 Nr. 1 und 3",
    ClaimCategory.TEST_SEAL: "UWG §5 Abs. 1 Nr. 1, §5a (BGH I ZR 134/20)",
    ClaimCategory.HEALTH: "HWG §3, §11, §12; UWG Anhang Nr. 18",
    ClaimCategory.ENVIRONMENTAL: "UWG §5 Abs. 1; UWG Anhang Nr. 4a-4c (RL (EU) 2024/825); BGH I ZR 98/23",
    ClaimCategory.COMPARATIVE: "UWG §6, §4 Nr. 1 und 2",
    ClaimCategory.PRICE: "PAngV §11; UWG §5 Abs. 2 Nr. 2; UWG Anhang Nr. 21",
    ClaimCategory.AVAILABILITY: "UWG §5 Abs. 2 Nr. 1; UWG Anhang Nr. 5 und 7",
    ClaimCategory.CERTIFICATION: "UWG Anhang Nr. 2 und 4; UWG §5, §5a",
    ClaimCategory.SPEC_EXCEEDED: "UWG §5 Abs. 2 Nr. 1; BGB §434 Abs. 3 S. 1 Nr. 2 b",
    ClaimCategory.ORIGIN: "UWG §5 Abs. 2 Nr. 1; MarkenG §§126-128",
    ClaimCategory.LEGAL_ADVICE: "RDG §2, §3; StBerG §§2, 5",
    ClaimCategory.OTHER: "UWG §5; BGB §§145 ff.; UWG Anhang Nr. 23b/23c",
}


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether the facts back a claim, and which facts it was compared with (for the reviewer)."""

    backed: bool
    compared_with: str  # the fact(s), as shown to the reviewer; "" when nothing was comparable
    fact_key: str | None = None  # the attribute, for replacing the sentence by its approved claim


# Backings of a commitment the bot makes: an offer binds even when made as a question ("Kann ich Ihnen 20 €
# gutschreiben?").
COMMITMENTS = frozenset({Backing.SERVICE, Backing.PRICE_REFERENCE})
