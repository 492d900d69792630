"""The claims validator: flags product-claim sentences that the product line's facts do not back.

One shared anchored scan (safe_reply.rulepacks) finds the sentences that make a claim of a risky
kind (rule packs validators/claims/de.yaml and en.yaml); each such sentence is then checked
against the facts (claims_backing): an approved claim, the spec-sheet figures, the certificate
register, the guarantee, the origin. What is not backed becomes an UNSUPPORTED_CLAIM finding whose
fix drops the sentence or replaces it with the approved claim for the same attribute; when nothing
useful would remain the finding carries no fix, so the policy blocks the reply.

Pack rule `category` values are sub-categories: each maps to a public claim category and to what
can back it (SUBCATEGORIES below); an unknown one is a ConfigError when the policy loads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from safe_reply.contracts import BuildContext, Validator, ValidatorSpec
from safe_reply.errors import ConfigError, ConfigErrors
from safe_reply.lang import detect_language, reply_language
from safe_reply.rulepacks import CompiledPacks, CompiledRule, RuleMatch, compiled_packs, shipped_pack_paths
from safe_reply.rulepacks.sentences import sentence_spans
from safe_reply.types import Action, Category, Context, Edit, Finding, Language, Message, Severity, Span
from safe_reply.validators.claims.backing import (
    Verdict,
    approved_backing,
    certification_verdict,
    guarantee_verdict,
    held_label_verdict,
    origin_verdict,
)
from safe_reply.validators.claims.boasted import boasted
from safe_reply.validators.claims.conditions import conditioned_verdict
from safe_reply.validators.claims.documented import (
    competitor_verdict,
    documented_verdict,
    energy_class_verdict,
    test_verdict,
)
from safe_reply.validators.claims.evidence import (
    concept_verdict,
    price_reference_verdict,
    price_verdict,
    service_term_verdict,
    service_verdict,
    terms_verdict,
)
from safe_reply.validators.claims.facts import Direction, FactBase
from safe_reply.validators.claims.figures import check_numbers, numbers_verdict
from safe_reply.validators.claims.flags import Flag, model_flag, own_data_flags
from safe_reply.validators.claims.guarantee_conditions import guarantee_conditions_verdict
from safe_reply.validators.claims.judge import Judge, judge_model, registered_judge_models
from safe_reply.validators.claims.lexicon import Lexicon, lexicon_of
from safe_reply.validators.claims.model import ClaimsModel, shipped_claims_model
from safe_reply.validators.claims.permission import permission_verdict
from safe_reply.validators.claims.restrictions import restrictions_verdict
from safe_reply.validators.claims.rewrites import approved_for, removal_or_replacement, something_left
from safe_reply.validators.claims.second_opinion import model_flags
from safe_reply.validators.claims.speech import (
    about_product_on_sale,
    clause_of,
    denied,
    echoed,
    not_asserted,
    offered,
)
from safe_reply.validators.claims.taxonomy import COMMITMENTS, LEGAL_BASIS, Backing, ClaimCategory
from safe_reply.validators.claims.text import ReplyView, condition_of_previous, mentioned, quoted, unquoted

FAMILY = "claims"
JUDGE_RULE_ID = "claims.judge/unsupported"

# Pack sub-category -> (public category, what can back it besides an approved claim).
SUBCATEGORIES: dict[str, tuple[ClaimCategory, Backing]] = {
    **{c.value: (c, Backing.APPROVED) for c in ClaimCategory},
    "spec_exceeded": (ClaimCategory.SPEC_EXCEEDED, Backing.NUMBERS),
    "spec_figure": (ClaimCategory.SPEC_EXCEEDED, Backing.FIGURES),
    "certification": (ClaimCategory.CERTIFICATION, Backing.CERTIFICATION),
    "certification_self_declared": (ClaimCategory.CERTIFICATION, Backing.APPROVED),
    "guarantee": (ClaimCategory.GUARANTEE, Backing.GUARANTEE),
    "guarantee_statutory": (ClaimCategory.GUARANTEE, Backing.APPROVED),
    "guarantee_promise": (ClaimCategory.GUARANTEE, Backing.APPROVED),
    "spec_unquantified": (ClaimCategory.SPEC_EXCEEDED, Backing.APPROVED),
    "origin": (ClaimCategory.ORIGIN, Backing.ORIGIN),
    "test_seal": (ClaimCategory.TEST_SEAL, Backing.TEST),
    "comparative": (ClaimCategory.COMPARATIVE, Backing.COMPETITOR),
    "health_pathogen": (ClaimCategory.HEALTH, Backing.TERMS),
    "environmental_specific": (ClaimCategory.ENVIRONMENTAL, Backing.TERMS),
    # "schadstofffrei", "ohne Weichmacher", "zero VOCs": backed when the facts name the substance, in either language.
    "free_from": (ClaimCategory.SPEC_EXCEEDED, Backing.CONCEPT),
    "energy_class": (ClaimCategory.SPEC_EXCEEDED, Backing.ENERGY_CLASS),
    "service_commitment": (ClaimCategory.OTHER, Backing.SERVICE),
    "statutory_restriction": (ClaimCategory.GUARANTEE, Backing.SERVICE),
    "guarantee_conditions": (ClaimCategory.GUARANTEE, Backing.GUARANTEE_CONDITIONS),
    "price_figure": (ClaimCategory.PRICE, Backing.PRICE),
    "plan_contents": (ClaimCategory.OTHER, Backing.SERVICE),
    "price": (ClaimCategory.PRICE, Backing.PRICE_REFERENCE),
    "savings_promise": (ClaimCategory.OTHER, Backing.SERVICE),
    "reviews": (ClaimCategory.OTHER, Backing.DOCUMENTED),
    "restriction_contradicted": (ClaimCategory.SPEC_EXCEEDED, Backing.RESTRICTIONS),
    "production_method": (ClaimCategory.OTHER, Backing.CONCEPT),
    # Whether a customer may drive or needs a certificate: general product information where the facts say the
    # same, with the same negation ("S2: keine Fahrerlaubnis" backs "you don't need a driving licence").
    "legal_permission": (ClaimCategory.LEGAL_ADVICE, Backing.PERMISSION),
    "environmental_generic": (ClaimCategory.ENVIRONMENTAL, Backing.HELD_LABEL),
    "spec_universal": (ClaimCategory.SPEC_EXCEEDED, Backing.CONDITIONED),
}
# The vocabulary class whose words are a TERMS claim's key terms.
TERM_CLASSES = {
    "health_pathogen": "pathogen",
    "environmental_specific": "eco_specific",
    "free_from": "substance",
    "production_method": "production_method",
}


class JudgeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = False
    model: str | None = None  # a name given to register_judge_model() in code
    max_sentences: int = Field(default=3, ge=1, le=20)  # per reply: bounds the cost of a long reply


class Settings(BaseModel):
    """`validators.claims` in the policy."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    packs: tuple[str, ...] | None = None  # pack ids to use, e.g. [claims-de]; default: all claims packs
    extra_packs: tuple[str, ...] = ()  # paths of the company's own packs (relative to the config folder)
    disabled_rules: tuple[str, ...] = ()  # YAML rule ids to switch off
    directions: dict[str, Direction] = Field(default_factory=dict)  # fact key -> at_most|at_least|exact
    judge: JudgeSettings = JudgeSettings()
    # Opt-in: score the sentences no claims rule matched with the shipped claims model (model.py) and flag
    # those it is sure of as `claims.model`.
    model: bool = False


_MARK_PREFIX = re.compile(r"[\w®™]+(?:[ -][\w®™]+){0,2}-$")
_NUMBER_PREFIX = re.compile(r"[\w®™]+(?:[ /-][\w®™]+){0,2}[ /-]$")
# The verb of a label's award ("is awarded", "verliehen"), not a test verdict.
_AWARDED = re.compile(r"(?:\w+\s+){0,2}?(?:award(?:ed|s)?|verliehen|vergeben)", re.IGNORECASE)
# A sentence about a product that is not a question or an instruction may be a claim (judge only).
_NOT_A_STATEMENT = re.compile(r"^\W*(?:bitte|please)\b|\?\s*$", re.IGNORECASE)


class ClaimsValidator:
    name = "claims"

    def __init__(
        self,
        packs: CompiledPacks,
        rule_ids: frozenset[str],
        base: FactBase,
        default_language: Language,
        judge: Judge | None = None,
        judge_limit: int = 3,
        lexicon: Lexicon | None = None,
        model: ClaimsModel | None = None,
    ) -> None:
        self.packs = packs
        self.rule_ids = rule_ids
        self.base = base
        self.lexicon = lexicon or lexicon_of(packs)
        self.default_language = default_language
        self.judge = judge
        self.judge_limit = judge_limit
        self.model = model
        # Where several rules of one category flag a sentence, the one written first in its pack is reported.
        self._rule_order = {rule.id: index for index, rule in enumerate(packs.rules)}
        # A count beyond the spec sheet ("20 Widerstandsstufen", count_check.py) is reported as a figure above it.
        self._count_rules: dict[Language, CompiledRule] = {}
        for rule in packs.rules:
            if rule.category == "spec_figure" and rule.id in rule_ids:
                self._count_rules.setdefault(rule.language, rule)

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        matches = [m for m in self.packs.scan(text) if m.rule.id in self.rule_ids]
        own_data = self.base.count_pattern is not None or bool(self.base.negated)
        if not matches and self.judge is None and self.model is None and not own_data:
            return ()
        language = reply_language(text, ctx.language, self.default_language)
        view = ReplyView(text, self.base, self.lexicon, self.packs.sentences(text))
        flags: dict[Span, list[Flag]] = {}
        languages: dict[Span, dict[Language, Language]] = {}
        for match in matches:
            # Every pack runs on every reply (an English phrase in a German reply still counts), but a
            # rule of the other language judges only a sentence written in its language: the German
            # rule's negation ("nicht mehr geeignet") must not be overridden by the English twin.
            rule_language = match.rule.language
            by_default = languages.setdefault(match.sentence_span, {})
            if rule_language not in by_default:
                by_default[rule_language] = detect_language(match.sentence_span.of(text), rule_language)
            if by_default[rule_language] is not rule_language:
                continue
            flag = self._check(view, match, language)
            if flag is not None:
                flags.setdefault(match.sentence_span, []).append(flag)
        # Claims only the line's own data can see: counts beyond the spec sheet, properties the facts deny.
        for sentence, flag in own_data_flags(view, language, self._count_rules):
            flags.setdefault(sentence, [flag])
        if self.judge is not None:
            self._ask_judge(text, language, {m.sentence_span for m in matches}, flags)
        if self.model is not None:
            for found in model_flags(self.model, self.packs, view, language, {m.sentence_span for m in matches}):
                flags.setdefault(found.span, []).append(model_flag(found.cues, found.probability))
        return self._findings(text, language, flags)

    def _check(self, view: ReplyView, match: RuleMatch, language: Language) -> Flag | None:
        text = view.text
        if quoted(text, match.span, match.sentence_span, self.lexicon) or mentioned(
            text, match.span, match.sentence_span
        ):
            return None
        sentence = match.sentence_span.of(text)
        category, backing = SUBCATEGORIES[match.rule.category]
        # A sentence about an unreleased product or an internal matter is a trade-secret topic, not a
        # claim about a product on sale (the secrets check judges it). An offer the bot makes the customer in
        # so many words is a commitment all the same ("ohne Rücksprache darf ich ... – ich biete Ihnen daher
        # 60 € Erstattung an").
        if (
            view.unreleased(match.sentence_span)
            and not offered(text, match.span, match.sentence_span, backing)
            and not about_product_on_sale(view, match)
        ):
            return None
        # An offer is made as a question as often as not ("Kann ich Ihnen 20 € gutschreiben?"): it still binds.
        if backing not in COMMITMENTS and not_asserted(text, match.span, match.sentence_span, category):
            return None
        # A commitment the bot declines to make ("I can't promise that it will be free") commits to nothing.
        if backing in COMMITMENTS and denied(text, match.span, match.sentence_span, modal=False):
            return None
        # The customer's belief, repeated in order to correct it, is no claim of the bot's; an offer the bot makes
        # in so many words binds even then.
        if echoed(text, match.span, match.sentence_span, view.after(match.sentence_span)) and not offered(
            text, match.span, match.sentence_span, backing
        ):
            return None
        claim = match.span.of(text)
        approved = approved_backing(sentence, claim, self.base, self.lexicon.glossary, language)
        if approved is not None:
            return None
        hint = view.products_before(match.sentence_span)
        verdict = self._verdict(backing, match, view, language, hint)
        return None if verdict.backed else Flag.of(match, category, verdict)

    def _verdict(
        self, backing: Backing, match: RuleMatch, view: ReplyView, language: Language, hint: set[int]
    ) -> Verdict:
        sentence = match.sentence_span.of(view.text)
        claim = match.span.of(view.text)
        if backing in (Backing.NUMBERS, Backing.FIGURES):
            plain = unquoted(view.text, match.sentence_span, self.lexicon)
            span = match.sentence_span
            checks = check_numbers(plain, language, self.base, hint, view.before(span), view.after(span))
            if backing is Backing.FIGURES and not checks:
                # Figures that map onto no attribute are not spec claims, unless the wording sells one.
                figure = boasted(plain, language, self.base)
                return Verdict(figure is None, "" if figure is None else f"no spec-sheet value for {figure}")
            verdict = numbers_verdict(checks)
            if not verdict.backed:
                # "14 Tage Probetragen" is a service term, not a spec-sheet figure that happens to share a word.
                return service_term_verdict(plain, language, self.base, self.lexicon) or verdict
            return verdict
        if backing is Backing.CERTIFICATION:
            # The products of the clause first: "Die Tropfen tragen das V-Label; der Drink hat es nicht."
            clause = clause_of(view.text, match.span, match.sentence_span).of(view.text)
            named = self.base.products_in(clause) or self.base.products_in(sentence)
            # The mark may stand before a hyphen of the matched word: "PEFC-zertifizierter Anbau".
            # A number is the standard's, named before it: "ISO/IEC 27001-certified".
            before = _NUMBER_PREFIX if claim[:1].isdigit() else _MARK_PREFIX
            prefix = before.search(view.text, max(0, match.span.start - 40), match.span.start)
            if prefix is not None:
                claim = view.text[prefix.start() : match.span.end]
            if named or len(hint) < 2:
                return certification_verdict(claim, self.base, named or hint, self.lexicon, sentence)
            # A sentence that names no product after several were talked about (a table row, a list item under
            # a comparison) may be about any of them: backed when the mark is held for one.
            verdicts = [certification_verdict(claim, self.base, {p}, self.lexicon, sentence) for p in sorted(hint)]
            return next((v for v in verdicts if v.backed), verdicts[0])
        if backing is Backing.GUARANTEE:
            return guarantee_verdict(sentence, language, self.base, self.lexicon.glossary)
        if backing is Backing.HELD_LABEL:
            clause = clause_of(view.text, match.span, match.sentence_span).of(view.text)
            products = self.base.products_in(sentence) or hint
            return held_label_verdict(
                clause if self.base.products_in(clause) else sentence, self.base, products, self.lexicon
            )
        if backing is Backing.ORIGIN:
            return origin_verdict(sentence, self.base, self.lexicon)
        if backing is Backing.TERMS:
            term_class = TERM_CLASSES[match.rule.category]
            return terms_verdict(claim, sentence, language, self.base, self.lexicon, term_class)
        if backing is Backing.SERVICE:
            return service_verdict(claim, sentence, language, self.base, self.lexicon)
        if backing is Backing.PRICE_REFERENCE:
            return price_reference_verdict(claim, sentence, language, self.base, self.lexicon)
        if backing is Backing.PRICE:
            return price_verdict(sentence, self.base)
        if backing is Backing.TEST:
            verdict = test_verdict(sentence, view.text, self.base, self.lexicon)
            # "the ECARF seal, which is awarded to ... by ...": the award is the label, held for the product.
            if not verdict.backed and _AWARDED.fullmatch(claim):
                held = held_label_verdict(sentence, self.base, self.base.products_in(sentence) or hint, self.lexicon)
                return held if held.backed else verdict
            return verdict
        if backing is Backing.COMPETITOR:
            return competitor_verdict(claim, self.base)
        if backing is Backing.GUARANTEE_CONDITIONS:
            return guarantee_conditions_verdict(sentence, self.base)
        if backing is Backing.DOCUMENTED:
            return documented_verdict(claim, self.base, language)
        if backing is Backing.RESTRICTIONS:
            english = match.rule.language is Language.EN  # the rule judges sentences of its own language
            return restrictions_verdict(sentence, self.base.restrictions, self.lexicon.glossary, english)
        if backing is Backing.ENERGY_CLASS:
            return energy_class_verdict(sentence, self.base)
        if backing is Backing.CONDITIONED:
            return conditioned_verdict(sentence, language, self.base, self.lexicon)
        if backing is Backing.PERMISSION:
            return permission_verdict(claim, sentence, self.base, self.lexicon)
        if backing is Backing.CONCEPT:
            return concept_verdict(claim, sentence, self.base, self.lexicon, TERM_CLASSES[match.rule.category])
        return Verdict(False, f"approved claims: none of {len(self.base.approved)} says this")

    def _ask_judge(self, text: str, language: Language, seen: set[Span], flags: dict[Span, list[Flag]]) -> None:
        assert self.judge is not None
        asked = 0
        for span in sentence_spans(text):
            if span in seen or asked >= self.judge_limit:
                continue
            sentence = span.of(text)
            lower = sentence.lower()
            if not self.base.products_in(lower) or _NOT_A_STATEMENT.search(sentence):
                continue
            if approved_backing(sentence, "", self.base, self.lexicon.glossary, language) is not None:
                continue
            asked += 1
            verdict = self.judge.ask(sentence)
            if verdict is None or not verdict.is_claim or verdict.backed:
                continue
            message = Message(
                f"Laut Prüfmodell nicht durch die Produktdaten gedeckt: {verdict.reason}",
                f"The judge model found this not backed by the product facts: {verdict.reason}",
            )
            flags.setdefault(span, []).append(
                Flag(
                    JUDGE_RULE_ID,
                    message,
                    LEGAL_BASIS[verdict.category],
                    Severity.MEDIUM,
                    verdict.category,
                    Verdict(False, f"judge: {verdict.reason}"),
                )
            )

    def _findings(self, text: str, language: Language, flags: dict[Span, list[Flag]]) -> tuple[Finding, ...]:
        if not flags:
            return ()
        replacements = {span: self._replacement(text, items, language) for span, items in flags.items()}
        # A removed sentence that only states the conditions of the one before ("Voraussetzung ist ...")
        # takes that sentence with it: "5 Jahre Garantie" must not stay without its conditions.
        extended = {span: condition_of_previous(text, span) if replacements[span] is None else span for span in flags}
        removed = [extended[span] for span, replacement in replacements.items() if replacement is None]
        useful = any(r is not None for r in replacements.values()) or something_left(text, removed)
        findings: list[Finding] = []
        for span, items in sorted(flags.items(), key=lambda kv: kv[0].start):
            fix = removal_or_replacement(text, extended[span], replacements[span]) if useful else None
            for flag in self._one_per_category(items, language):
                findings.append(self._finding(flag, span, fix))
        return tuple(findings)

    def _one_per_category(self, items: list[Flag], language: Language) -> list[Flag]:
        """One flag per claim category, in the order the categories were first found: a rule of the reply's language
        first, and of those the one written first in its pack (rule ids are public; a later, broader rule must not
        take over the findings of an older one)."""
        last = len(self._rule_order)
        best: dict[ClaimCategory, Flag] = {}
        for flag in sorted(items, key=lambda f: f.language not in (None, language)):
            held = best.get(flag.category)
            if held is None or (
                (held.language in (None, language)) == (flag.language in (None, language))
                and self._rule_order.get(flag.rule_id, last) < self._rule_order.get(held.rule_id, last)
            ):
                best[flag.category] = flag
        return list(best.values())

    def _finding(self, flag: Flag, span: Span, fix: Edit | None) -> Finding:
        return Finding(
            rule_id=flag.rule_id,
            category=Category.UNSUPPORTED_CLAIM,
            span=span,
            message=flag.message,
            legal_basis=flag.legal_basis,
            severity=flag.severity,
            validator=self.name,
            fix=fix,
            details={"claim_category": flag.category.value, "compared_with": flag.verdict.compared_with},
        )

    def _replacement(self, text: str, items: list[Flag], language: Language) -> str | None:
        for flag in items:
            approved = approved_for(self.base.approved_for(language), flag.category, flag.verdict.fact_key, self.base)
            if approved is not None and approved.text not in text:
                return approved.text
        return None


_JUDGE_FIX = "call register_judge_model(name, model) in code before loading the policy, or set judge.enabled: false"


def build(settings: Settings, ctx: BuildContext) -> Validator:
    extra = [ctx.resolve(p) for p in settings.extra_packs]
    for path in extra:
        if not path.is_file():
            raise ConfigError(
                ctx.file,
                f"{ctx.key}.extra_packs",
                f"pack file {path} does not exist",
                "fix the path (relative to the config folder) or remove the entry",
            )
    packs = compiled_packs([*shipped_pack_paths(), *extra])
    ctx.sources.extend(packs.files)
    rules = [r for r in packs.rules if r.family == FAMILY and (settings.packs is None or r.pack in settings.packs)]
    errors = [
        ConfigError(
            r.source,
            f"rule {r.id}.category",
            f"unknown claims sub-category '{r.category}'",
            f"use one of: {', '.join(sorted(SUBCATEGORIES))}",
        )
        for r in rules
        if r.category not in SUBCATEGORIES
    ]
    if errors:
        raise ConfigErrors(errors)
    known = {p.model.pack for p in packs.packs if p.model.family == FAMILY}
    unknown = sorted(set(settings.packs or ()) - known)
    if unknown:
        raise ConfigError(
            ctx.file,
            f"{ctx.key}.packs",
            f"unknown claims pack(s) {', '.join(unknown)}",
            f"use pack ids from: {', '.join(sorted(known))}",
        )
    lexicon = lexicon_of(packs)
    base = FactBase.from_product_line(ctx.product_line, dict(settings.directions), lexicon, ctx.company_lines)
    judge = None
    if settings.judge.enabled:
        model = judge_model(settings.judge.model or "")
        if model is None:
            names = ", ".join(registered_judge_models()) or "none registered"
            raise ConfigError(
                ctx.file,
                f"{ctx.key}.judge.model",
                f"no judge model named '{settings.judge.model}' ({names})",
                _JUDGE_FIX,
            )
        judge = Judge(model, base)
    selected = frozenset(r.id for r in rules if r.id not in set(settings.disabled_rules))
    language = ctx.product_line.default_language or Language.DE
    second = shipped_claims_model() if settings.model else None
    return ClaimsValidator(packs, selected, base, language, judge, settings.judge.max_sentences, lexicon, second)


SPEC = ValidatorSpec(
    name="claims",
    settings=Settings,
    build=build,
    description="Product claims not backed by the product line's facts (UWG §5, BGB §443, HWG, ProdHaftG §3)",
    categories=(Category.UNSUPPORTED_CLAIM,),
    default_actions={Category.UNSUPPORTED_CLAIM: Action.REWRITE},
    order=20,
)
