"""The YAML schema of a rule pack: the pydantic models one pack file is validated against.

They stand alone because they describe only what a pack author writes (the fields, their patterns and
defaults, documented in the docstring of ``safe_reply.rulepacks.engine``) and need nothing of the
compiled automaton, the sentence index or the scan; the engine compiles what these models hold.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, field_validator

from safe_reply.config_models import Fallback, Strict
from safe_reply.types import Language, Severity

__all__ = ["Messages", "PackFile", "RuleModel", "UnlessScope"]

_ID = r"^[A-Za-z0-9][A-Za-z0-9_.\-/]*$"  # e.g. "claims.de/health-cure"
_SNAKE = r"^[a-z][a-z0-9_]*$"


class UnlessScope(StrEnum):
    SENTENCE = "sentence"
    CLAUSE = "clause"


class Messages(Fallback):
    """The reviewer message of a rule, German and English (same shape as a fallback message)."""


class RuleModel(Strict):
    """One rule as written in YAML (the schema is in the docstring of ``safe_reply.rulepacks.engine``)."""

    id: str = Field(pattern=_ID)
    category: str = Field(pattern=_SNAKE)
    legal_basis: str = Field(min_length=1)
    message: Messages
    severity: Severity = Severity.HIGH
    anchors: list[str] = Field(min_length=1)
    patterns: list[str] = Field(min_length=1)
    unless: list[str] = Field(default_factory=list)
    # Where an `unless` hit cancels a match: anywhere in its sentence (default), or only in the clause
    # around the match, so "2 Jahre Garantie obendrauf – das bieten längst nicht alle" is not negated.
    unless_scope: UnlessScope = UnlessScope.SENTENCE
    # Hits that cancel the rule anywhere in the sentence whatever `unless_scope` says ("..., fragen Sie
    # bitte Ihre Ärztin" refers the whole sentence to a doctor).
    unless_sentence: list[str] = Field(default_factory=list)
    requires: list[str] = Field(default_factory=list)
    # Regexes of which one must hit in the clause around a match (not just somewhere in the sentence): binds the
    # claim words to their subject ("rund um die Uhr" counts for "die Hotline ist rund um die Uhr erreichbar", not
    # for "der Kühlschrank läuft rund um die Uhr, der Service ...").
    requires_clause: list[str] = Field(default_factory=list)
    case_sensitive: bool = False
    prefilter: bool = True
    flag: list[str] = Field(min_length=1)
    pass_: list[str] = Field(alias="pass", min_length=1)

    @field_validator("anchors", "requires")
    @classmethod
    def _anchors_are_words(cls, anchors: list[str]) -> list[str]:
        for anchor in anchors:
            if not anchor.strip("*").strip():
                raise ValueError(f"anchor {anchor!r} has no literal text; write a word such as 'ki' or 'künstlich*'")
        return anchors


class PackFile(Strict):
    """One pack file."""

    pack: str = Field(pattern=_ID)
    family: str = Field(pattern=_SNAKE)
    language: Language
    description: str = ""
    # Named regexes for this pack's rules ({{name}}), on top of the family's vocabularies.
    fragments: dict[str, str] = Field(default_factory=dict)
    rules: list[RuleModel] = Field(min_length=1)
