"""Compile the trade-secret settings into a TradeSecretValidator, once, at policy load.

Every entry of the product line, of the company and (unless `scope: line`) of every other product
line becomes automaton keys (spelling variants, aliases, partial mentions), a regex, a fixed amount
or a fact rule; single-word terms that are ordinary words get the name rule.
"""

from __future__ import annotations

import dataclasses
import re
from array import array
from collections.abc import Sequence

from safe_reply.contracts import BuildContext, ValidatorSpec
from safe_reply.errors import ConfigError
from safe_reply.keys import KeyedHasher
from safe_reply.types import Action, Category
from safe_reply.validators.trade_secrets.allowed import add_allowed
from safe_reply.validators.trade_secrets.automaton import (
    ALLOW_ALL,
    Automaton,
    EncodedKeys,
    Slots,
    TableBuilder,
    VariantRef,
    unpack,
)
from safe_reply.validators.trade_secrets.concepts import note_products, product_compounds
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
    names_organisation,
    names_system,
)
from safe_reply.validators.trade_secrets.context import (
    COMPANY_CUES,
    DEFAULT_NAME_CUES_DE,
    DEFAULT_NAME_CUES_EN,
    DESIGNATION_CUES,
    RELATION_CUES,
    SYSTEM_CUES,
    DesignationRule,
    NameRule,
)
from safe_reply.validators.trade_secrets.credentials import credential_patterns
from safe_reply.validators.trade_secrets.entries import (
    code_reach,
    compile_pattern,
    digits_read_as_letters,
    host_entry,
    identity,
    looks_like_host,
    matching_lines,
    one_ascii_word,
    skeleton_key,
    written,
)
from safe_reply.validators.trade_secrets.fact_rules import (
    AmountRule,
    FactRule,
    fact_rule,
    kind_concepts,
    note_values,
    typed_fact,
)
from safe_reply.validators.trade_secrets.facts import PURCHASE_KIND, FactScanner
from safe_reply.validators.trade_secrets.frames import amount_values, pattern_fact_texts
from safe_reply.validators.trade_secrets.lexicon import (
    COMMON_TRANSLATION_ZIPF,
    STRONG_NAME_CUES,
    TRANSLATION_CUES,
    Translation,
    naming_core,
    translation_table,
)
from safe_reply.validators.trade_secrets.matter_rules import MatterNotes
from safe_reply.validators.trade_secrets.matters import MatterRule, MatterScanner
from safe_reply.validators.trade_secrets.naming import NAMING_MARKERS
from safe_reply.validators.trade_secrets.normalise import HYPHENS
from safe_reply.validators.trade_secrets.numbers import Quantity, Unit
from safe_reply.validators.trade_secrets.partial import (
    compound_candidates,
    designation_mentions,
    kind_words,
    legal_core,
    name_mentions,
    number_word_forms,
    organisation_forms,
    partial_mentions,
    public_words,
    published_texts,
    variant_paraphrases,
)
from safe_reply.validators.trade_secrets.regexes import PatternGate
from safe_reply.validators.trade_secrets.spelling import CODE_WORDS, MaskIndex
from safe_reply.validators.trade_secrets.termfile import load_entries, peer_entries
from safe_reply.validators.trade_secrets.validator import NAME, ProtectedPattern, ProtectedTerm, TradeSecretValidator
from safe_reply.validators.trade_secrets.variants import (
    LEET_TABLE,
    MIN_ENCODED_LEN,
    VariantTrick,
    code_lines,
    term_variants,
    words_undisguised,
)
from safe_reply.word_frequencies import Frequencies

__all__ = ["SPEC", "build"]

# Punctuation that is part of what an entry means (a prompt marker, markdown, a handle), unlike the
# hyphens, dots, ampersands, percent and currency signs of names, hosts and facts.
# The capitalised words of a firm's name that say what kind of firm it is ("Drogerie" of "Drogerie Pelzer").
_KIND_WORD = re.compile(r"(?<![^\W\d_])[A-ZÄÖÜ][a-zäöüß]{3,}(?![^\W\d_])")
_MARKUP_PUNCTUATION = re.compile(r"[!:;\[\]{}<>@#^|\\~*`=]")
_NAME_KINDS = frozenset({Kind.CODENAME.value, Kind.UNRELEASED_PRODUCT.value})
MAX_AS_WRITTEN_KEYS = 20_000  # terms beyond one word of letters; up to this many, digit terms get a second key


def build(settings: Settings, ctx: BuildContext) -> TradeSecretValidator:
    """Compile the settings into one automaton, patterns and fact rules (once, at policy load)."""
    own = load_entries(settings, ctx)
    shared, peer_allowed = peer_entries(ctx)
    line = ctx.product_line
    single_words: list[str] = []
    multi_words: list[str] = []
    for e in (*own, *shared):  # one pass: a list of 100,000 entries
        if isinstance(e, TermEntry | FlatTerm):
            (single_words if e.single_word else multi_words).append(e.term)
        elif isinstance(e, HostEntry):
            multi_words.append(e.host)
    compiler = _Compiler(
        ctx,
        NameRule.build((*DEFAULT_NAME_CUES_DE, *DEFAULT_NAME_CUES_EN, *settings.name_cues), settings.name_window),
        public_words((*settings.allowed_terms, *peer_allowed, line.name or "", *line.approved_claims)),
        single_words,
        multi_words,
        translation_table(single_words, multi_words),
        public_words(published_texts(line))[0],
        # A codename with the product kind its note names, as one closed word: which of those are words.
        [
            c
            for e in (*own, *shared)
            if isinstance(e, TermEntry) and e.note and e.single_word
            for c in product_compounds(e.term, note_products(e.note, e.term))
        ],
    )
    # Company terms arrive once per product line: a peer's entry already listed here is skipped.
    own_ids = {identity(entry) for entry in own} if shared else set()
    batch: list[FlatTerm] = []  # consecutive one-word flat terms, compiled together (in order)
    for loaded in (*own, *(e for e in shared if identity(e) not in own_ids)):
        if type(loaded) is FlatTerm and one_ascii_word(loaded):
            batch.append(loaded)
            continue
        compiler.add_batch(batch)
        batch = []
        compiler.add(loaded)
    compiler.add_batch(batch)
    compiler.finish_matters()
    hosts = any(looks_like_host(entry) for entry in (*own, *shared))
    del own, shared, batch  # the entries are compiled: free them before the automaton is built
    table = compiler.table
    allowed_keys: set[str] = set()
    for word in dict.fromkeys((*settings.allowed_terms, *peer_allowed)):
        allowed_keys.update(add_allowed(word, ALLOW_ALL, table, compiler.terms))
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
    facts = FactScanner(compiler.facts, compiler.amounts, compiler.purchase) if compiler.fact_entries else None
    # The fact cue words as marker keys of the term automaton: a clean reply's one pass tells whether the
    # fact scan can find anything (the skeleton holds every cue's letters and digits where the reply does).
    cue_keys = [skeleton_key(cue) for cue in facts.cues] if facts is not None else []
    fact_markers = frozenset(table.mark(key) for key in cue_keys) if facts is not None and all(cue_keys) else None
    encoded = (
        EncodedKeys.of(compiler.encoded_keys, compiler.encoded_terms, compiler.encoded_breaks)
        if compiler.encoded_keys
        else None
    )
    del compiler.encoded_keys[:], compiler.encoded_terms[:]
    # Keys of allowed words that stand for no term ("Lindwurm Tour 7" next to the protected "Tour 8"): a
    # reply whose only hits are these holds no leak, so the fast path stops there too.
    inert = frozenset(
        slot
        for slot in (table.slot_of(key) for key in allowed_keys)
        if slot is not None and all(ref.term < 0 for ref in unpack(table.slots[slot]))
    )
    slots = Slots(table.slots, encoded)
    table.slots.clear()  # packed into Slots: freed before the automaton is built
    keys = table.keys()
    validator = TradeSecretValidator(
        placeholders=settings.placeholders(),
        default_language=ctx.default_language,
        terms=tuple(terms),
        patterns=tuple(compiler.patterns),
        pattern_gate=PatternGate.of([pattern.regex for pattern in compiler.patterns]),
        automaton=Automaton(keys, encoded) if keys else None,
        slots=slots,
        term_lens=[len(term.key) for term in terms],
        term_reach=code_reach(terms),
        hasher=compiler.hasher,
        facts=facts,
        matters=MatterScanner(compiler.matters) if compiler.matters else None,
        fact_entries=tuple(compiler.fact_entries),
        credentials=credentials,
        markers=markers | naming | (fact_markers or frozenset()),
        pure_markers=inert
        | frozenset(slot for slot in markers | naming | (fact_markers or frozenset()) if slots[slot] == ()),
        fact_markers=fact_markers,
        spelling_markers=markers,
        naming=naming,
        public=compiler.public[0] | {word.lower() for word in settings.allowed_terms},
        hosts=hosts,
        masks=MaskIndex.build([term.key for term in terms]) if terms else None,
        # A term of letters and digits ("Zorvak4821") is keyed as the full skeleton reads it (digits as letters).
        leet_keys=not compiler.as_written and any(map(digits_read_as_letters, terms)),
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
        translations: dict[str, list[Translation]],
        published: frozenset[str] = frozenset(),
        compounds: Sequence[str] = (),
    ) -> None:
        self.ctx = ctx
        # What the line's fact base says in public ("UStVA per ELSTER"): no distinctive part of a term.
        self.partial_public = public[0] | published
        self.translations = translations
        self.hasher = KeyedHasher(ctx.hash_key)
        self.name_rule = name_rule
        self.organisation_rule = name_rule.for_organisation()
        self.system_rule = name_rule.with_cues(SYSTEM_CUES)
        self.german_organisation_rule = name_rule.for_organisation(german_word=True)
        self.company_rule = NameRule.build(
            COMPANY_CUES, name_rule.window, capitalised=True, sentence_cues=RELATION_CUES
        )
        # One rule per set of kind words, shared by every firm with that set ("Drogerie", "Baumarkt"): a list of
        # 100,000 firms holds a few hundred rule objects, not one each.
        self.company_rules: dict[frozenset[str], NameRule] = {}
        self.designation_rule = DesignationRule.of(DESIGNATION_CUES)
        self.public = public
        translated = (t.text for found in translations.values() for t in found if t.english and " " not in t.text)
        cores = (core for term in multi_words if (core := legal_core(term)) is not None)
        self.frequencies = Frequencies(
            single_words, (*compound_candidates(multi_words), *translated, *cores, *compounds)
        )
        # A term whose digits a reply reads as letters ("Zorvak4821") gets its key with the digits too, for a
        # reply in capitals ("ZORVAK4821"), while the list is short; a long list would pay ~0.4 KB per key,
        # and its validator rescans such capital words per reply instead (validator._capital_code_leaks).
        # (Terms that are not one word of letters, a digit term among them, are counted: no per-term scan.)
        self.as_written = len(multi_words) <= MAX_AS_WRITTEN_KEYS
        # A translation that is a common English word ("cloud") needs a naming cue or a capital.
        self.strict_rule = NameRule.build(STRONG_NAME_CUES, name_rule.window)
        self.translation_rule = NameRule.build(TRANSLATION_CUES, name_rule.window)
        self.ordinary = self.frequencies.ordinary_words(single_words)
        self.english = self.frequencies.ordinary_words(single_words, english=True)
        self.terms: list[ProtectedTerm] = []
        self.patterns: list[ProtectedPattern] = []
        self.table = TableBuilder()
        # Plain keys (key, term, breaks) whose reversed and ROT13 forms are added after every forward key.
        self.encoded_keys: list[str] = []  # keys[i] spells term encoded_terms[i]
        self.encoded_terms = array("l")
        self.encoded_breaks: dict[int, frozenset[int]] = {}  # the word breaks of a multi-word key
        self.facts: list[FactRule] = []
        self.amounts: list[AmountRule] = []
        self.purchase: list[int] = []
        self.matters: list[MatterRule] = []  # entries revealed by what they are (matters.py)
        self._matter_notes = MatterNotes()  # entries that may describe a matter, compiled by finish_matters
        self.fact_entries: list[tuple[str, str]] = []  # (kind, keyed hash) per fact, amount, purchase rule

    def _fact_entry(self, kind: str, text: str) -> int:
        self.fact_entries.append((kind, self.hasher(text)))
        return len(self.fact_entries) - 1

    def add(self, loaded: Loaded) -> None:
        if isinstance(loaded, AmountEntry):
            value = Quantity(loaded.amount.normalize(), Unit(loaded.currency.value), 0, 0)
            index = self._fact_entry(loaded.kind, written(loaded))
            self.amounts.append(AmountRule(index, (value,), kind_concepts(loaded.kind)))
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
        entry = host_entry(loaded) if isinstance(loaded, HostEntry) else loaded
        if isinstance(entry, PatternEntry):
            self._add_pattern(entry)
        else:
            self._add_term(entry)
        self._matter_notes.add(entry)

    def finish_matters(self) -> None:
        """The described-matter rules of the entries kept by `add` (matter_rules.py)."""
        for rule, kind, text in self._matter_notes.finish(self.public[0], len(self.fact_entries)):
            self.matters.append(rule)
            self._fact_entry(kind, text)

    def add_batch(self, batch: list[FlatTerm]) -> None:
        """`add` of one-word ASCII flat terms (the bulk of a long list), with the per-term regexes run
        once over the joined batch; a term with an umlaut spelling or a fact hint takes `add`."""
        if not batch:
            return
        joined = "\n".join(entry.term for entry in batch)
        lowered = joined.lower()
        special = matching_lines(lowered) | code_lines(joined)
        leet = lowered.translate(LEET_TABLE).split("\n")
        for number, (entry, low) in enumerate(zip(batch, lowered.split("\n"), strict=True)):
            if number in special or entry.term in self.translations:
                self.add(entry)
                continue
            letters = len(low) if low.isalpha() else sum(map(str.isalpha, low))
            key = leet[number] if letters >= 2 and letters < len(low) else low  # as term_variants does
            index = len(self.terms)
            rule = self._name_rule(entry.kind, entry.term) if entry.uses_name_rule(self.ordinary) else None
            upper = letters > 1 and entry.term.isupper()
            english = low in self.english
            self.terms.append(ProtectedTerm(entry.kind, entry.term, key, upper, False, False, rule, english))
            self.table.add_packed(key, index, VariantTrick.PLAIN)
            if self.as_written and key != low:
                self.table.add_packed(low, index, VariantTrick.PLAIN)
            if len(key) >= MIN_ENCODED_LEN:
                self.encoded_keys.append(key)
                self.encoded_terms.append(index)

    def _name_rule(self, kind: str, word: str) -> NameRule:
        """The name rule of an entry's ordinary words: an organisation's name shows by grammar too, a system's by what
        is done in it ("In Zwirn ist Ihr Auftrag … markiert", "laut Zwirn")."""
        if names_system(kind):
            return self.system_rule
        if not names_organisation(kind):
            return self.name_rule
        if self.frequencies.german_word(word):
            return self.german_organisation_rule  # "Sonne", "Klar": a word of German too
        return self.organisation_rule

    def _translated(
        self, term: str, rule: NameRule | None, context: Sequence[str]
    ) -> list[tuple[str, bool, NameRule | None, bool]]:
        """The term in the other language (lexicon.py) and, for a project name ("Projekt Eisvogel"), its
        codename alone and translated: aliases that count only where used as a name."""
        core = naming_core(term) if " " in term else None
        own = rule or self.name_rule
        found: list[tuple[str, bool, NameRule | None, bool]] = []
        if core is not None:
            found.append((core, True, own, core.lower() in self.english))
        for word in (term, *((core,) if core is not None else ())):
            for t in self.translations.get(word, ()):
                # A phrase ("silver fox") is rarer than its words: only a single word can be that common.
                single = t.english and " " not in t.text
                common = single and self.frequencies.english_zipf(t.text) >= COMMON_TRANSLATION_ZIPF
                base = self.strict_rule if common else self.translation_rule
                # Its capital counts only as the company's own thing ("our Northern Lights 2 lamp"): capitalised
                # elsewhere a translation is as often another name ("Arrakis from Dune", "a Lighthouse report").
                named = dataclasses.replace(base.with_cues(context) if context else base, owned_capital=True)
                found.append((t.text, True, named, t.english))
        return found

    def _add_pattern(self, entry: PatternEntry) -> None:
        values = amount_values(entry.pattern)
        if values:  # a fixed price: matched by value in every spelling, not by the regex
            index = self._fact_entry(entry.kind, entry.pattern)
            self.amounts.append(AmountRule(index, values, kind_concepts(entry.kind)))
        else:
            self.patterns.append(compile_pattern(entry, self.hasher))
            # A regex for an internal figure ("filter\\w*marge\\D{0,20}68\\s?%") is that fact in any wording too.
            rules = [r for t in pattern_fact_texts(entry.pattern) if (r := fact_rule(0, t)) and r.values and r.concepts]
            if rules:
                index = self._fact_entry(entry.kind, entry.pattern)
                self.facts += [dataclasses.replace(rule, entry=index) for rule in rules]
        if entry.kind == PURCHASE_KIND:
            self.purchase.append(self._fact_entry(entry.kind, entry.pattern))

    def _company_rule(self, term: str, name: str) -> NameRule:
        """The rule of a firm's name word, with the firm's other words as its kinds: "die Pelzer-Drogerien", "die
        Pelzer Drogerien" name "Drogerie Pelzer" as a product kind names a codename ("die Wachturm-Kameras")."""
        own = [w for w in _KIND_WORD.findall(term) if w.lower() != name.lower()]
        kinds = frozenset(own) | frozenset(k for w in own for k in kind_words(w))
        if not kinds:
            return self.company_rule
        rule = self.company_rules.get(kinds)
        if rule is None:
            rule = self.company_rules[kinds] = self.company_rule.with_products(kinds)
        return rule

    def _add_term(self, entry: TermEntry | FlatTerm) -> None:
        # `isalnum()` first: one word of letters and digits (most of a long list) skips the regexes.
        term = entry.term
        if not term.isalnum() and _MARKUP_PUNCTUATION.search(term):
            # "DUDE:", "![http": the punctuation is what makes the entry specific; as a bare word it
            # would hit every "dude" and every "https". Matched literally, in any case, in the pattern view.
            regex = re.compile(re.escape(term), re.IGNORECASE)
            self.patterns.append(ProtectedPattern(regex, entry.kind, self.hasher(term)))
            return
        fact = fact_rule(len(self.fact_entries), term)
        if fact is not None:
            self.facts.append(fact)
            noted = note_values(fact, entry.note)
            if noted is not None:
                self.facts.append(noted)
            self._fact_entry(entry.kind, term)
        elif entry.kind == PURCHASE_KIND:
            self.purchase.append(self._fact_entry(entry.kind, term))
        rule = None
        if entry.uses_name_rule(self.ordinary):
            # Cue words of its own say how the entry is named: then they decide, not a firm's grammar.
            rule = self.name_rule.with_cues(entry.context) if entry.context else self._name_rule(entry.kind, term)
            # The kind of product the note says the codename stands for ("camera platform", "router project")
            # makes it a name compounded with it ("die Wachturm-Kameras", "Sandkasten-Streu").
            products = note_products(entry.note, term)
            if products:
                ordinary = [c for c in product_compounds(term, products) if self.frequencies.known(c)]
                rule = rule.with_products(products, ordinary)
        # A multi-word term's distinctive parts (one word of letters and digits has none).
        plain, firm = fact is None and not term.isalnum(), names_organisation(entry.kind)
        public, frequencies = self.partial_public, self.frequencies
        partials = partial_mentions(term, public, self.public[1], frequencies, organisation=firm) if plain else ()
        names = name_mentions(term, public, frequencies) if plain else ()
        codes = designation_mentions(term, self.public[0], self.frequencies) if fact is None and " " in term else ()
        forms = organisation_forms(term, inflect=firm) if fact is None and " " in term else ()
        english = term.lower() in self.english
        # An organisation's name without its legal form, where that word is ordinary ("Google" of "Google
        # Inc"; partial_mentions takes it strictly otherwise): a firm's name where grammar shows one.
        core = legal_core(term) if fact is None and " " in term and names_organisation(entry.kind) else None
        cores = (
            ((core, True, self._name_rule(entry.kind, core), self.frequencies.english_zipf(core) > 0),)
            if core is not None and core.lower() not in self.public[0] and self.frequencies.ordinary(core)
            else ()
        )
        spellings = (
            (term, False, rule, english),
            *cores,
            *((a, True, rule, english) for a in entry.aliases),
            *((p, True, rule, english) for p in partials),
            *((f, True, rule, english) for f in forms),
            *((v, True, rule, english) for v in (variant_paraphrases(term) if fact is None else ())),
            *((w, True, rule, english) for w in (number_word_forms(term) if fact is None else ())),
            *((n, True, self._company_rule(term, n) if firm else self.company_rule, english) for n in names),
            # The designation alone: always a name, unless it is a common token too ("T4").
            *((c, True, self.designation_rule if common else rule, english) for c, common in codes),
            *(self._translated(term, rule, entry.context) if fact is None else ()),
        )
        for spelling, alias, rule, english in spellings:
            index = len(self.terms)
            variants = term_variants(spelling, as_written=self.as_written)
            variants = words_undisguised(variants, self.frequencies.common)
            # isupper() holds whenever every letter is a capital: the exact test runs only then.
            upper = spelling.isupper() and sum(c.isalpha() for c in spelling) > 1
            upper = upper and all(c.isupper() for c in spelling if c.isalpha())
            hyphen = not spelling.isalnum() and any(c in HYPHENS for c in spelling)
            self.terms.append(ProtectedTerm(entry.kind, term, variants[0].key, upper, hyphen, alias, rule, english))
            for variant in variants:
                if variant.breaks:
                    self.table.add(variant.key, VariantRef(index, variant.trick, variant.breaks))
                else:
                    self.table.add_packed(variant.key, index, variant.trick)
                if variant.trick is VariantTrick.PLAIN and len(variants[0].key) >= MIN_ENCODED_LEN:
                    if variant.breaks:
                        self.encoded_breaks[len(self.encoded_keys)] = variant.breaks
                    self.encoded_keys.append(variant.key)
                    self.encoded_terms.append(index)
            for word in entry.allowed:
                add_allowed(word, index, self.table, self.terms)


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
