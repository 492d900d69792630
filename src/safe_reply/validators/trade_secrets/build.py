"""Compile the trade-secret settings into a TradeSecretValidator, once, at policy load.

Every entry of the product line, of the company and (unless `scope: line`) of every other product
line becomes automaton keys (spelling variants, aliases, partial mentions), a regex, a fixed amount
or a fact rule; single-word terms that are ordinary words get the name rule.
"""

from __future__ import annotations

import re

from safe_reply.contracts import BuildContext, ValidatorSpec
from safe_reply.errors import ConfigError
from safe_reply.keys import KeyedHasher
from safe_reply.linear_regex import compile_linear
from safe_reply.types import Action, Category
from safe_reply.validators.trade_secrets.automaton import ALLOW_ALL, Automaton, TableBuilder, VariantRef
from safe_reply.validators.trade_secrets.config import (
    AmountEntry,
    FactEntry,
    FlatTerm,
    HostEntry,
    Kind,
    Loaded,
    PatternEntry,
    Settings,
    TermEntry,
    load_entries,
    peer_entries,
)
from safe_reply.validators.trade_secrets.context import (
    DEFAULT_NAME_CUES_DE,
    DEFAULT_NAME_CUES_EN,
    NAMING_MARKERS,
    NameRule,
)
from safe_reply.validators.trade_secrets.credentials import credential_patterns
from safe_reply.validators.trade_secrets.facts import (
    PURCHASE_KIND,
    AmountRule,
    FactRule,
    FactScanner,
    amount_values,
    fact_rule,
    typed_fact,
)
from safe_reply.validators.trade_secrets.normalise import HYPHENS
from safe_reply.validators.trade_secrets.numbers import Quantity, Unit
from safe_reply.validators.trade_secrets.ordinary import Frequencies
from safe_reply.validators.trade_secrets.partial import compound_candidates, partial_mentions, public_words
from safe_reply.validators.trade_secrets.spelling import CODE_WORDS, MaskIndex
from safe_reply.validators.trade_secrets.validator import NAME, ProtectedPattern, ProtectedTerm, TradeSecretValidator
from safe_reply.validators.trade_secrets.variants import VariantTrick, loosen_pattern, term_variants

__all__ = ["SPEC", "build"]

# Punctuation that is part of what an entry means (a prompt marker, markdown, a handle), unlike the
# hyphens, dots, ampersands, percent and currency signs of names, hosts and facts.
_MARKUP_PUNCTUATION = re.compile(r"[!:;\[\]{}<>@#^|\\~*`=]")
_NAME_KINDS = frozenset({Kind.CODENAME.value, Kind.UNRELEASED_PRODUCT.value})


def build(settings: Settings, ctx: BuildContext) -> TradeSecretValidator:
    """Compile the settings into one automaton, patterns and fact rules (once, at policy load)."""
    own = load_entries(settings, ctx)
    shared, peer_allowed = peer_entries(ctx)
    line = ctx.product_line
    compiler = _Compiler(
        ctx,
        NameRule.build((*DEFAULT_NAME_CUES_DE, *DEFAULT_NAME_CUES_EN, *settings.name_cues), settings.name_window),
        public_words((*settings.allowed_terms, *peer_allowed, line.name or "", *line.approved_claims)),
        [e.term for e in (*own, *shared) if isinstance(e, TermEntry | FlatTerm) and e.single_word],
        [
            e.host if isinstance(e, HostEntry) else e.term
            for e in (*own, *shared)
            if isinstance(e, HostEntry) or (isinstance(e, TermEntry | FlatTerm) and not e.single_word)
        ],
    )
    # Company terms arrive once per product line: a peer's entry already listed here is skipped.
    own_ids = {_identity(entry) for entry in own} if shared else set()
    for loaded in (*own, *(e for e in shared if _identity(e) not in own_ids)):
        compiler.add(loaded)
    table = compiler.table
    for word in dict.fromkeys((*settings.allowed_terms, *peer_allowed)):
        _add_allowed(word, ALLOW_ALL, table)
    credentials = (
        tuple(
            ProtectedPattern(regex, Kind.CREDENTIAL.value, compiler.hasher(secret_type))
            for secret_type, regex in credential_patterns()
        )
        if settings.credentials
        else ()
    )
    terms = compiler.terms
    markers = frozenset(table.mark(word) for word in CODE_WORDS) if terms else frozenset()
    # Naming phrases gate the unlisted-name check, for a company that protects names at all.
    names_protected = any(term.kind in _NAME_KINDS for term in terms)
    naming = frozenset(table.mark(word) for word in NAMING_MARKERS) if names_protected else frozenset()
    keys = table.keys()
    validator = TradeSecretValidator(
        placeholders=settings.placeholders(),
        default_language=ctx.default_language,
        terms=tuple(terms),
        patterns=tuple(compiler.patterns),
        automaton=Automaton(keys) if keys else None,
        slots=table.slots,
        term_lens=[len(term.key) for term in terms],
        facts=FactScanner(compiler.facts, compiler.amounts, compiler.purchase) if compiler.fact_entries else None,
        fact_entries=tuple(compiler.fact_entries),
        credentials=credentials,
        markers=markers | naming,
        naming=naming,
        public=compiler.public[0] | {word.lower() for word in settings.allowed_terms},
        hasher=compiler.hasher,
        hosts=any(_looks_like_host(entry) for entry in (*own, *shared)),
        masks=MaskIndex.build([term.key for term in terms]) if terms else None,
    )
    _check_placeholders(validator, settings, ctx)
    return validator


class _Compiler:
    """Turns each loaded entry into automaton keys, a regex, an amount or a fact rule."""

    def __init__(
        self,
        ctx: BuildContext,
        name_rule: NameRule,
        public: tuple[frozenset[str], frozenset[tuple[str, str]]],
        single_words: list[str],
        multi_words: list[str],
    ) -> None:
        self.ctx = ctx
        self.hasher = KeyedHasher(ctx.hash_key)
        self.name_rule = name_rule
        self.public = public
        self.frequencies = Frequencies(single_words, compound_candidates(multi_words))
        self.ordinary = frozenset(w.lower() for w in single_words if self.frequencies.ordinary(w))
        self.english = frozenset(w.lower() for w in single_words if self.frequencies.ordinary(w, english=True))
        self.terms: list[ProtectedTerm] = []
        self.patterns: list[ProtectedPattern] = []
        self.table = TableBuilder()
        self.facts: list[FactRule] = []
        self.amounts: list[AmountRule] = []
        self.purchase: list[int] = []
        self.fact_entries: list[tuple[str, str]] = []  # (kind, keyed hash) per fact, amount, purchase rule

    def _fact_entry(self, kind: str, text: str) -> int:
        self.fact_entries.append((kind, self.hasher(text)))
        return len(self.fact_entries) - 1

    def add(self, loaded: Loaded) -> None:
        if isinstance(loaded, AmountEntry):
            value = Quantity(loaded.amount.normalize(), Unit(loaded.currency.value), 0, 0)
            self.amounts.append(AmountRule(self._fact_entry(loaded.kind, _text(loaded)), (value,)))
            return
        if isinstance(loaded, FactEntry):
            typed = typed_fact(len(self.fact_entries), loaded.fact, loaded.value, loaded.cues)
            if typed is None:
                raise ConfigError(
                    self.ctx.file,
                    f"{self.ctx.key}.terms",
                    "a fact's value holds no number",
                    "write the value with its number and unit, e.g. value: '14 %' or value: '800 Stück'",
                )
            self.facts.append(typed)
            self._fact_entry(loaded.kind, loaded.fact)
            return
        entry = _host_entry(loaded) if isinstance(loaded, HostEntry) else loaded
        if isinstance(entry, PatternEntry):
            self._add_pattern(entry)
        else:
            self._add_term(entry)

    def _add_pattern(self, entry: PatternEntry) -> None:
        values = amount_values(entry.pattern)
        if values:  # a fixed price: matched by value in every spelling, not by the regex
            self.amounts.append(AmountRule(self._fact_entry(entry.kind, entry.pattern), values))
        else:
            self.patterns.append(_compile_pattern(entry, self.hasher))
        if entry.kind == PURCHASE_KIND:
            self.purchase.append(self._fact_entry(entry.kind, entry.pattern))

    def _add_term(self, entry: TermEntry | FlatTerm) -> None:
        if _MARKUP_PUNCTUATION.search(entry.term):
            # "DUDE:", "![http": the punctuation is what makes the entry specific; as a bare word it
            # would hit every "dude" and every "https". Matched literally, in any case, in the pattern view.
            regex = re.compile(re.escape(entry.term), re.IGNORECASE)
            self.patterns.append(ProtectedPattern(regex, entry.kind, self.hasher(entry.term)))
            return
        fact = fact_rule(len(self.fact_entries), entry.term)
        if fact is not None:
            self.facts.append(fact)
            self._fact_entry(entry.kind, entry.term)
        elif entry.kind == PURCHASE_KIND:
            self.purchase.append(self._fact_entry(entry.kind, entry.term))
        rule = None
        if entry.uses_name_rule(self.ordinary):
            rule = self.name_rule.with_cues(entry.context) if entry.context else self.name_rule
        partials = partial_mentions(entry.term, *self.public, self.frequencies) if fact is None else ()
        english = entry.term.lower() in self.english
        term_hash = self.hasher(entry.term)
        spellings = ((entry.term, False), *((a, True) for a in entry.aliases), *((p, True) for p in partials))
        for spelling, alias in spellings:
            index = len(self.terms)
            variants = term_variants(spelling)
            letters = [c for c in spelling if c.isalpha()]
            upper = len(letters) > 1 and all(c.isupper() for c in letters)
            hyphen = any(c in HYPHENS for c in spelling)
            self.terms.append(
                ProtectedTerm(entry.kind, term_hash, variants[0].key, upper, hyphen, alias, rule, english)
            )
            for variant in variants:
                self.table.add(variant.key, VariantRef(index, variant.trick, variant.breaks))
            for word in entry.allowed:
                _add_allowed(word, index, self.table)


def _text(entry: Loaded) -> str:
    """What the operator wrote, as one string (its keyed hash names the entry in findings)."""
    if isinstance(entry, PatternEntry):
        return entry.pattern
    if isinstance(entry, AmountEntry):
        return f"{entry.amount} {entry.currency.value}"
    if isinstance(entry, FactEntry):
        return entry.fact
    if isinstance(entry, HostEntry):
        return entry.host
    return entry.term


def _identity(entry: Loaded) -> tuple[str, str, str]:
    return type(entry).__name__, _text(entry), entry.kind


def _host_entry(entry: HostEntry) -> PatternEntry | FlatTerm:
    """A literal host is a term (its dots are word breaks, defanged dots decode to dots); "*.corp.lan"
    is every host of the domain, a pattern."""
    if entry.host.startswith("*."):
        domain = re.escape(entry.host[2:])
        pattern = rf"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.{domain}\b"
        return PatternEntry.model_construct(pattern=pattern, kind=entry.kind, scope=entry.scope, note=entry.note)
    return FlatTerm(entry.host, entry.kind, scope=entry.scope)


def _looks_like_host(entry: Loaded) -> bool:
    """A host name, domain or address: a term with an inner dot, or a pattern with an escaped dot."""
    if isinstance(entry, HostEntry):
        return True
    if isinstance(entry, PatternEntry):
        return "\\." in entry.pattern
    return isinstance(entry, TermEntry | FlatTerm) and re.search(r"\w\.\w", entry.term) is not None


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


def _add_allowed(word: str, scope: int, table: TableBuilder) -> None:
    for variant in term_variants(word):
        if variant.trick in (VariantTrick.PLAIN, VariantTrick.TRANSLITERATED):
            table.add(variant.key, VariantRef(-1, variant.trick, variant.breaks, scope))


def _compile_pattern(entry: PatternEntry, hasher: KeyedHasher) -> ProtectedPattern:
    # On RE2 (linear time, safe_reply.linear_regex): a careless pattern cannot stall a reply.
    try:
        # Case-insensitive: "vfw-1187" is the ticket VFW-1187 (a leak in any spelling).
        regex = compile_linear(loosen_pattern(entry.pattern), ignore_case=True)
    except ValueError:  # a construct the loosening does not understand: keep the pattern as written
        regex = compile_linear(entry.pattern, ignore_case=True)
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
