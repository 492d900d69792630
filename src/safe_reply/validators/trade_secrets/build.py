"""Compile the trade-secret settings into a TradeSecretValidator, once, at policy load.

Every entry of the product line, of the company and (unless `scope: line`) of every other product
line becomes automaton keys (spelling variants, aliases, partial mentions), a regex, a fixed amount
or a fact rule; single-word terms that are ordinary words get the name rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from safe_reply.contracts import BuildContext, ValidatorSpec
from safe_reply.errors import ConfigError
from safe_reply.keys import KeyedHasher
from safe_reply.types import Action, Category
from safe_reply.validators.trade_secrets.automaton import ALLOW_ALL, Automaton, TableBuilder, VariantRef
from safe_reply.validators.trade_secrets.config import (
    FlatTerm,
    Loaded,
    PatternEntry,
    Settings,
    TermEntry,
    load_entries,
    peer_entries,
)
from safe_reply.validators.trade_secrets.context import DEFAULT_NAME_CUES_DE, DEFAULT_NAME_CUES_EN, NameRule
from safe_reply.validators.trade_secrets.facts import (
    PURCHASE_KIND,
    AmountRule,
    FactRule,
    FactScanner,
    amount_values,
    fact_rule,
)
from safe_reply.validators.trade_secrets.normalise import HYPHENS
from safe_reply.validators.trade_secrets.ordinary import ordinary_words
from safe_reply.validators.trade_secrets.partial import partial_mentions, public_words
from safe_reply.validators.trade_secrets.spelling import CODE_WORDS, MaskIndex
from safe_reply.validators.trade_secrets.validator import NAME, ProtectedPattern, ProtectedTerm, TradeSecretValidator
from safe_reply.validators.trade_secrets.variants import VariantTrick, loosen_pattern, term_variants

__all__ = ["SPEC", "build"]


def build(settings: Settings, ctx: BuildContext) -> TradeSecretValidator:
    """Compile the settings into one automaton and a list of patterns (once, at policy load)."""
    terms: list[ProtectedTerm] = []
    patterns: list[ProtectedPattern] = []
    table = TableBuilder()
    hasher = KeyedHasher(ctx.hash_key)
    facts: list[FactRule] = []
    amounts: list[AmountRule] = []
    purchase: list[int] = []
    fact_entries: list[tuple[str, str]] = []
    name_rule = NameRule.build(
        (*DEFAULT_NAME_CUES_DE, *DEFAULT_NAME_CUES_EN, *settings.name_cues), settings.name_window
    )
    own = load_entries(settings, ctx)
    shared, peer_allowed = peer_entries(ctx)
    line = ctx.product_line
    public = public_words((*settings.allowed_terms, *peer_allowed, line.name or "", *line.approved_claims))
    words = [e.term for e in (*own, *shared) if not isinstance(e, PatternEntry) and e.single_word]
    ordinary = ordinary_words(words)
    english = ordinary_words((w for w in words if w.lower() in ordinary), english=True)
    # Company terms arrive once per product line: a peer's entry already listed here is skipped.
    own_ids = {_identity(entry) for entry in own} if shared else set()
    for entry in (*own, *(e for e in shared if _identity(e) not in own_ids)):
        if isinstance(entry, PatternEntry):
            values = amount_values(entry.pattern)
            if values:  # a fixed price: matched by value in every spelling, not by the regex
                amounts.append(AmountRule(len(fact_entries), values))
                fact_entries.append((entry.kind, hasher(entry.pattern)))
            else:
                patterns.append(_compile_pattern(entry, hasher))
            if entry.kind == PURCHASE_KIND:
                purchase.append(len(fact_entries))
                fact_entries.append((entry.kind, hasher(entry.pattern)))
            continue
        fact = fact_rule(len(fact_entries), entry.term) if any(c.isalpha() for c in entry.term) else None
        if fact is not None:
            facts.append(fact)
            fact_entries.append((entry.kind, hasher(entry.term)))
        elif entry.kind == PURCHASE_KIND:
            purchase.append(len(fact_entries))
            fact_entries.append((entry.kind, hasher(entry.term)))
        rule = None
        if entry.uses_name_rule(ordinary):
            rule = name_rule.with_cues(entry.context) if entry.context else name_rule
        partials = partial_mentions(entry.term, *public) if fact is None else ()
        _add_term(entry, hasher, rule, terms, table, partials, entry.term.lower() in english)
    for word in dict.fromkeys((*settings.allowed_terms, *peer_allowed)):
        _add_allowed(word, ALLOW_ALL, table)
    markers = frozenset(table.mark(word) for word in CODE_WORDS) if terms else frozenset()
    keys = table.keys()
    validator = TradeSecretValidator(
        placeholders=settings.placeholders(),
        default_language=ctx.default_language,
        terms=tuple(terms),
        patterns=tuple(patterns),
        automaton=Automaton(keys) if keys else None,
        slots=table.slots,
        term_lens=[len(term.key) for term in terms],
        facts=FactScanner(facts, amounts, purchase) if facts or amounts or purchase else None,
        fact_entries=tuple(fact_entries),
        markers=markers,
        hosts=any(_looks_like_host(entry) for entry in (*own, *shared)),
        masks=MaskIndex.build([term.key for term in terms]) if terms else None,
    )
    _check_placeholders(validator, settings, ctx)
    return validator


def _identity(entry: Loaded) -> tuple[bool, str, str]:
    return isinstance(entry, PatternEntry), entry.pattern if isinstance(entry, PatternEntry) else entry.term, entry.kind


def _looks_like_host(entry: Loaded) -> bool:
    """A host name, domain or address: a term with an inner dot, or a pattern with an escaped dot."""
    if isinstance(entry, PatternEntry):
        return "\\." in entry.pattern
    return re.search(r"\w\.\w", entry.term) is not None


def _check_placeholders(validator: TradeSecretValidator, settings: Settings, ctx: BuildContext) -> None:
    """No placeholder may match a term, in any context: the engine re-evaluates the rewritten reply."""
    for language, placeholder in validator.placeholders.items():
        if not validator.scan(placeholder, name_rule=False):
            continue
        key = f"{ctx.key}.placeholder" + (f".{language.value}" if isinstance(settings.placeholder, dict) else "")
        raise ConfigError(
            ctx.file,
            key,
            "the placeholder itself contains a protected term, so a redacted reply would still be flagged",
            "choose a placeholder such as '[vertraulich]' or '[confidential]' that contains no protected term",
        )


def _add_term(
    entry: TermEntry | FlatTerm,
    hasher: KeyedHasher,
    rule: NameRule | None,
    terms: list[ProtectedTerm],
    table: TableBuilder,
    partials: Sequence[str] = (),
    english: bool = False,
) -> None:
    term_hash = hasher(entry.term)
    spellings = ((entry.term, False), *((a, True) for a in entry.aliases), *((p, True) for p in partials))
    for spelling, alias in spellings:
        index = len(terms)
        variants = term_variants(spelling)
        key = variants[0].key
        letters = [c for c in spelling if c.isalpha()]
        upper = len(letters) > 1 and all(c.isupper() for c in letters)
        hyphen = any(c in HYPHENS for c in spelling)
        terms.append(ProtectedTerm(entry.kind, term_hash, key, upper, hyphen, alias, rule, english))
        for variant in variants:
            table.add(variant.key, VariantRef(index, variant.trick, variant.breaks))
        for word in entry.allowed:
            _add_allowed(word, index, table)


def _add_allowed(word: str, scope: int, table: TableBuilder) -> None:
    for variant in term_variants(word):
        if variant.trick in (VariantTrick.PLAIN, VariantTrick.TRANSLITERATED):
            table.add(variant.key, VariantRef(-1, variant.trick, variant.breaks, scope))


def _compile_pattern(entry: PatternEntry, hasher: KeyedHasher) -> ProtectedPattern:
    try:
        # Case-insensitive: "vfw-1187" is the ticket VFW-1187 (a leak in any spelling).
        regex = re.compile(loosen_pattern(entry.pattern), re.IGNORECASE)
    except re.error:  # a construct the loosening does not understand: keep the pattern as written
        regex = re.compile(entry.pattern, re.IGNORECASE)
    return ProtectedPattern(regex, entry.kind, hasher(entry.pattern))


SPEC = ValidatorSpec(
    name=NAME,
    settings=Settings,
    build=build,
    description="Protected terms (codenames, suppliers, purchase prices, internal systems) in any spelling.",
    categories=(Category.TRADE_SECRET,),
    default_actions={Category.TRADE_SECRET: Action.BLOCK},
    sensitive=True,  # a finding's span IS the protected term: the log keeps only its keyed hash
    order=10,
)
