"""What a plan's documented terms exclude or charge, compared with a promise about the plan (claims.*/plan-terms).

A service term may list the cases it does not cover ("nicht versichert: Verlust, Kratzer", "excluded: loss") and
an excess ("Selbstbeteiligung 30 € pro Schadensfall"). A promise that the plan pays in an excluded case ("zahlt
auch bei Verlust", "covers loss and theft") or waives a term the entry states ("ganz ohne Selbstbeteiligung"
against "Selbstbeteiligung 30 €") is not carried by that entry, however many of its words it shares. The cases
are the vocabulary's `covered_event` groups, in both languages; a German entry's own words count in a German reply.
"""

from __future__ import annotations

import re

from safe_reply.negation import negation_regex
from safe_reply.validators.claims.lexicon import Lexicon
from safe_reply.validators.claims.not_a_spec import stem
from safe_reply.validators.claims.wording import tokens

# The part of a term that lists what is not covered: "nicht versichert: Verlust, Kratzer", "ausgenommen sind ...",
# "not covered: loss", "excluding scratches".
_EXCLUSION = re.compile(
    r"\b(?:nicht\s+(?:versichert|gedeckt|abgedeckt|enthalten|erstattet|übernommen|inbegriffen)"
    r"|not\s+(?:covered|insured|included))\b\s*:?\s*([^;.()]+)"
    r"|\b(?:ausgenommen|ausgeschlossen|excluded|exclusions?)\s*(?::|\bsind\b|\bare\b)\s*([^;.()]+)"
    r"|\b(?:excluding|except(?:\s+for)?|außer)\s+([^;.()]+)",
    re.IGNORECASE,
)
# A clause of the promise that itself excludes or denies: "Verlust ist nicht versichert", "except loss".
_DENIAL = negation_regex(r"ohne|außer|ausgenommen|ausgeschlossen|without|except|excluded|excluding")
_CLAUSE = re.compile(r"[;:,()–—]|\s-\s|\b(?:aber|jedoch|but|however)\b", re.IGNORECASE)
_NEGATED_TERM = re.compile(r"\b(?:kein\w*|ohne|entfällt|entfallen|no|without|zero)\b", re.IGNORECASE)


def excluded_case(entry: str, sentence: str, lexicon: Lexicon) -> bool:
    """Whether the promise names, without denying it, a case the entry lists as not covered."""
    excluded = " ".join(g for m in _EXCLUSION.finditer(entry) for g in m.groups() if g)
    if not excluded:
        return False
    groups = [g for g in lexicon.groups("covered_event") if lexicon.has(g, excluded)]
    own = {stem(w) for w in tokens(excluded) if len(w) >= 5}
    for clause in _CLAUSE.split(sentence):
        if not clause.strip() or _DENIAL.search(clause):
            continue
        if any(lexicon.has(g, clause) for g in groups) or own & {stem(w) for w in tokens(clause) if len(w) >= 5}:
            return True
    return False


# What a return or service term leaves out, written after "ausgenommen"/"except" ("ausgenommen gebrauchte Filter
# (eingesetzt ...)"): each listed case.
_LEFT_OUT = re.compile(
    r"\b(?:ausgenommen|außer|except(?:\s+for)?|excluding|excluded)\s*:?\s+(?!sind\b|are\b)([^;.()]+)", re.IGNORECASE
)
_LEFT_OUT_BEFORE = re.compile(
    r"([^;.,:()]+?)\s+(?:sind|ist|bleiben|bleibt|are|is)\s+(?:davon\s+|hiervon\s+|von\s+(?:der|dem)\s+[\w-]+\s+)?"
    r"(?:ausgenommen|ausgeschlossen|excluded)\b",
    re.IGNORECASE,
)
_LISTED = re.compile(r",|\b(?:und|oder|and|or)\b", re.IGNORECASE)


def names_left_out(entry: str, sentence: str) -> bool:
    """Whether a clause of the sentence names, without denying it, a case the term leaves out: every word of
    five or more letters of that case ("gebrauchte Filter": the filter and its being used), not just one of
    them (a term about filters leaves out only the used ones)."""
    cases = [
        words
        for m in (*_LEFT_OUT.finditer(entry), *_LEFT_OUT_BEFORE.finditer(entry))
        for case in _LISTED.split(m.group(1))
        if (words := {stem(w) for w in tokens(case) if len(w) >= 5})
    ]
    if not cases:
        return False
    for clause in _CLAUSE.split(sentence):
        if not clause.strip() or _DENIAL.search(clause):
            continue
        said = {stem(w) for w in tokens(clause) if len(w) >= 5}
        if any(case <= said for case in cases):
            return True
    return False


def waives_stated_term(entry: str, sentence: str, lexicon: Lexicon, terms: frozenset[str]) -> bool:
    """Whether the promise waives a plan term ("ohne Selbstbeteiligung", "no excess") that the entry states
    without waiving it in its own clause: "Selbstbeteiligung 30 €" is stated; "ohne Sonnenbrillen" of another
    clause waives nothing."""
    for group in terms:
        waived = any(lexicon.has(group, c) and _NEGATED_TERM.search(c) for c in _CLAUSE.split(sentence))
        if not waived:
            continue
        clauses = [c for c in re.split(r"[;,]", entry) if lexicon.has(group, c)]
        if clauses and not any(_NEGATED_TERM.search(c) for c in clauses):
            return True
    return False
