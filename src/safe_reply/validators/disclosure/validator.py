"""The AI notice (EU AI Act Art. 50 Abs. 1) and false claims of being human (UWG §5 Abs. 1).

Two findings:
- MISSING_DISCLOSURE: the policy requires the notice in this reply (``required: first_reply`` and
  turn 1, or ``every_reply``) and the reply has none. A notice counts in any wording the
  ``ai_notice`` rules of the disclosure packs recognise, in German or English, anywhere in the
  reply, and the configured notice text itself (verbatim, ignoring case and spacing). The fix
  inserts the configured notice in the reply's language (prepend or append), so the rewritten
  reply contains it and the re-evaluation passes: the notice is never inserted twice.
  An unknown turn (``ctx.turn is None``) counts as the first reply: failing safe costs one extra
  sentence, failing open breaks the law.
- FALSE_HUMAN: a sentence where the bot claims or implies being human (``false_human`` rules: first
  person + something only a person does or has, or a denial of being an AI), also when the reply
  carries a notice elsewhere (a contradiction still misleads); and a human persona or a signature
  with a human name (``persona`` rules) when the reply has no AI notice at all. The rules handle
  negation themselves ("Selbst ausprobiert habe ich das nicht – ich bin ja eine KI" is no claim).
  Span = the sentence; the fix removes the sentence and the whitespace after it (before it at the
  reply's end), so the product line's action table decides: ``false_human: block`` or ``rewrite``.

A notice is any statement that says so: a clause (``ai_notice`` rules) or a label (``ai_label``: a
tag, header, footer, signature or P.S. holding an AI term and role words). The AI terms are one
vocabulary (validators/disclosure/vocabulary.yaml) that every rule uses; the patterns live in
validators/disclosure/<lang>.yaml (rule packs, see safe_reply.rulepacks) and share the single
anchored scan with the claim packs. The scan reads disguised replies (homoglyphs, zero-width
characters, spaced letters) as a customer does (safe_reply.rulepacks.normalised).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from pydantic import Field

from safe_reply.config_models import Strict
from safe_reply.contracts import BuildContext, ValidatorSpec
from safe_reply.errors import ConfigError, ConfigErrors
from safe_reply.lang import detect_language
from safe_reply.rulepacks import CompiledPacks, RuleMatch, compiled_packs, shipped_pack_paths
from safe_reply.types import Action, Category, Context, Edit, Finding, Language, Message, Severity, Span
from safe_reply.validators.disclosure.human_model import (
    FIRST_PERSON,
    FIRST_PERSON_HINT,
    QUOTE_MARKS,
    TOKEN,
    HumanModel,
    claiming_part,
    quoted_spans,
    shipped_human_model,
)
from safe_reply.validators.disclosure.notice_model import NoticeModel, shipped_notice_model

NAME = "disclosure"
FAMILY = "disclosure"
NOTICE_CATEGORIES = frozenset({"ai_notice", "ai_label"})
FALSE_HUMAN_CATEGORY = "false_human"
PERSONA_CATEGORY = "persona"
MISSING_RULE_ID = "disclosure/missing-notice"
MODEL_RULE_ID = "disclosure/false-human-model"
LEGAL_BASIS_NOTICE = "EU AI Act Art. 50 Abs. 1"
LEGAL_BASIS_FALSE_HUMAN = "UWG §5 Abs. 1; AI Act Art. 50 Abs. 1"
# A transcript's speaker tag that opens the reply ("KI: Die Lücke ist bekannt.", "AI: Your parcel …"): the
# customer reads who speaks before anything else. By its text alone a tag cannot be told from a spec line
# or a definition ("AI: face detection", "KI: Das bedeutet …", "AI: yes, the A2 has it"), so it counts only
# where a policy says its bot writes such tags (``speaker_tag``), and even then only at the reply's start
# after nothing but spaces or an emoji, in capitals, before a capitalised word that is no answer or
# definition, and in a reply where no other line opens with "Word:" (a list of specs).
SPEAKER_TAG = re.compile(
    r"[^\S\n]*(?:[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?[^\S\n]*)?(?:KI|AI|K\.I\.|A\.I\.) ?: "
    r"(?=[A-ZÄÖÜ0-9])(?!(?i:ja|nein|jein|doch|yes|no|nope|yep)\b)"
    r"(?![^.!?\n]{0,40}\b(?i:bedeutet|bedeuten|heißt|steht(?:\s+\w+){0,2}\s+für|abkürzung|means?|stands?(?:\s+\w+){0,2}\s+for|short\s+for|abbreviation)\b)"
)
# A clause after a notice that names a subject of its own ("Ich bin der KI-Assistent von Lind, unsere Bäcker
# stehen um 3 Uhr in der Backstube", "…, and Tom packs it"): the notice's "ich" is not carried into it. Only a
# clause that opens with its verb or an adverb continues the notice's subject ("… und fahre nachher ins Lager").
# The notice's sender may stand between ("… der KI-Assistent von Backhaus Lind, unsere Bäcker …").
_SENDER = (
    r"(?:\s+(?:von|vom|bei|beim|aus|für|of|from|at|for)\s+[^,;.!?\n]{1,40}?"
    r"(?=\s*[,;]|\s+(?:und|and|aber|but)\b))?"
)
OWN_SUBJECT = re.compile(
    _SENDER + r"[\s,;:–—-]*(?:(?:und|and|aber|but|doch|sondern|denn)\s+)?"
    r"(?:unser\w*|our|die|der|das|den|the|wir|we|sie|er|es|they|he|she|it|mein\w*|my|ihr\w*|their|his|her|"
    r"dein\w*|your|man|jede\w*|every\w*|alle\w*|all|viele|many|this|these|that|those|dies\w*)\b",
    re.IGNORECASE,
)
# In English a capitalised word there is a name or a noun subject ("…, Tom will call you"); in German
# every noun is capitalised ("Ich bin KI-Assistent und Hobbygärtner"), so only the words above count.
OWN_SUBJECT_EN = re.compile(_SENDER + r"[\s,;:–—-]*(?:(?:and|but)\s+)?(?!I\b)[A-Z]")
OTHER_LABEL_LINE = re.compile(r"\n[^\S\n]*(?:[-*•·]\s*)?[\w.]{1,30}(?:\s[\w.]{1,20})?\s?:\s")


class Required(StrEnum):
    FIRST_REPLY = "first_reply"
    EVERY_REPLY = "every_reply"
    NEVER = "never"


class Position(StrEnum):
    PREPEND = "prepend"
    APPEND = "append"


class NoticeText(Strict):
    de: str = Field(default="Hinweis: Sie chatten mit einem KI-Assistenten.", min_length=1)
    en: str = Field(default="Note: you are chatting with an AI assistant.", min_length=1)

    def for_language(self, language: Language) -> str:
        return self.de if language is Language.DE else self.en


class ChannelOverride(Strict):
    """Per-channel changes (ctx.channel), e.g. a voice channel that needs the notice every reply."""

    required: Required | None = None
    position: Position | None = None
    text: NoticeText | None = None


class Settings(Strict):
    """`validators.disclosure` in the policy YAML."""

    required: Required = Required.FIRST_REPLY
    position: Position = Position.PREPEND
    text: NoticeText = Field(default_factory=NoticeText)
    channels: dict[str, ChannelOverride] = Field(default_factory=dict)
    # A company's own disclosure packs (paths relative to the config folder), added to the shipped ones.
    packs: list[str] = Field(default_factory=list)
    # Opt-in: where the rules find no notice, ask the shipped notice model (notice_model.py) before
    # inserting one, so a notice in a form nobody listed is not doubled. Off by default: words alone take
    # "Die App hat einen KI-Assistenten für Rezepte" (a feature) for a notice, which the rules do not.
    notice_model: bool = False
    # Opt-in: a speaker tag that opens the reply ("KI: …", "AI: …") counts as the notice. Off by default:
    # by its text a tag is not told from a spec line or a definition (SPEAKER_TAG says which it rejects).
    speaker_tag: bool = False
    # Where no rule read a first-person statement, ask the shipped false-human model (human_model.py)
    # whether it claims a person's life, body, places or past. It reads no negated statement and no
    # sentence a rule read: negation and notices stay the rules' (docs/disclosure.md has its figures).
    false_human_model: bool = True


@dataclass(frozen=True)
class _Effective:
    required: Required
    position: Position
    text: NoticeText


@dataclass  # not frozen: the Validator protocol declares a writable `name`; never mutated after build
class DisclosureValidator:
    name: str
    settings: Settings
    packs: CompiledPacks
    default_language: Language
    notice_model: NoticeModel | None = None
    human_model: HumanModel | None = None

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        policy = self._effective(ctx.channel)
        matches = [m for m in self.packs.scan(text) if m.rule.family == FAMILY]
        required = _required_now(policy.required, ctx.turn)
        has_notice = any(m.rule.category in NOTICE_CATEGORIES for m in matches) or self._speaker_tag(text)
        if not has_notice and (required or any(m.rule.category == PERSONA_CATEGORY for m in matches)):
            # The configured notice counts too; looked for only when the answer depends on it.
            has_notice = _contains_configured(text, policy.text)
        findings = self._false_human(text, ctx, matches, has_notice)
        if self.human_model is not None:
            findings.extend(self._model_claims(text, matches, self.human_model, has_notice))
        if not has_notice and required and not self._model_sees_notice(text, matches):
            findings.insert(0, self._missing(text, ctx, policy))
        return findings

    def _speaker_tag(self, text: str) -> bool:
        return (
            self.settings.speaker_tag and SPEAKER_TAG.match(text) is not None and OTHER_LABEL_LINE.search(text) is None
        )

    def _model_sees_notice(self, text: str, matches: list[RuleMatch]) -> bool:
        """Whether the notice model is sure the reply carries a notice the rules did not read as one.

        Asked only to withhold an insertion (never for the false-human check), and not at all when a
        false-human or persona rule fired: words alone cannot tell "I'm an AI assistant" from "I'm not an
        AI assistant, I'm Sarah". Costs ~0.2 ms on a 2,000-character reply, on this path only.
        """
        if self.notice_model is None:
            return False
        if any(m.rule.category in (FALSE_HUMAN_CATEGORY, PERSONA_CATEGORY) for m in matches):
            return False
        return self.notice_model.has_notice(text)

    def _model_claims(self, text: str, matches: list[RuleMatch], model: HumanModel, has_notice: bool) -> list[Finding]:
        """Findings for first-person statements no false-human rule read that the model takes for a claim.

        A sentence a false-human rule matched, or a persona the reply's missing notice turns into a
        finding, is left to the rules. Of a sentence with a notice ("Ich bin der KI-Assistent und habe …")
        or a persona a notice allows, the model reads what the phrase leaves over. Only sentences with a
        first-person word are read (found in the scan's lower-cased copy, sentences from the scan's own
        index), so a reply without one costs a single regex pass.
        """
        lowered = self.packs.lowered(text)
        hints = [m.start() for m in FIRST_PERSON_HINT.finditer(lowered)]
        hints = [start for start in hints if not start or not lowered[start - 1].isalnum()]
        if not hints:
            return []
        sentences = self.packs.sentences(text)
        # Spans of the scan's sentences: of its normalised view on a disguised reply, so they need not
        # equal this index's sentences; any overlap means a rule has read that statement. A sentence a
        # claim rule read is the rules' (their finding stands, or they judged its negation). A notice
        # or an allowed persona covers only its own words: the rest of the sentence may still claim a
        # life ("Als KI-Assistent sag ich's ehrlich – ich fahre nachher selbst ins Lager").
        claims = (FALSE_HUMAN_CATEGORY,) if has_notice else (FALSE_HUMAN_CATEGORY, PERSONA_CATEGORY)
        claimed = [m.sentence_span for m in matches if m.rule.category in claims]
        covered = [m.span for m in matches if m.rule.category not in claims]
        findings: list[Finding] = []
        for number in sorted({n for n in map(sentences.number_at, hints) if n >= 0}):
            span = sentences.span(number)
            if any(span.start < other.end and other.start < span.end for other in claimed):
                continue
            part = _uncovered_claim(model, text, span, covered)
            if part is None:
                continue
            verdict = model.judge(part)  # the cue words, only for a finding
            if not verdict.cues:
                # Carried by function words alone ("Mein herzliches Beileid.": "mein" is the only word the
                # model knows): a finding that cannot name what only a person does explains nothing.
                continue
            cues = ", ".join(f"„{cue}“" for cue in verdict.cues)
            findings.append(
                Finding(
                    rule_id=MODEL_RULE_ID,
                    category=Category.FALSE_HUMAN,
                    span=span,
                    message=Message(
                        f"Der Bot spricht in der ersten Person von etwas, das nur ein Mensch tut, hat oder erlebt "
                        f"(Modell, Hinweiswörter: {cues}). Das gibt ihn als Mensch aus (UWG §5). Stattdessen: "
                        "sachlich antworten, ohne eigene Erlebnisse, Orte oder Lebensumstände.",
                        f"The bot speaks in the first person of something only a person does, has or lives "
                        f"through (model, cue words: {cues}). This presents it as a human (UWG §5). Instead: "
                        "answer factually, without experiences, places or circumstances of its own.",
                    ),
                    legal_basis=LEGAL_BASIS_FALSE_HUMAN,
                    severity=Severity.HIGH,
                    validator=self.name,
                    fix=_remove_sentence(text, span),
                    details=MappingProxyType(
                        {"probability": f"{verdict.probability:.3f}", "cues": " | ".join(verdict.cues)}
                    ),
                )
            )
        return findings

    def _effective(self, channel: str | None) -> _Effective:
        override = self.settings.channels.get(channel) if channel is not None else None
        if override is None:
            return _Effective(self.settings.required, self.settings.position, self.settings.text)
        return _Effective(
            override.required or self.settings.required,
            override.position or self.settings.position,
            override.text or self.settings.text,
        )

    def _missing(self, text: str, ctx: Context, policy: _Effective) -> Finding:
        # The customer's language (ctx hint) breaks ties; the product line's default comes last.
        language = detect_language(text, ctx.language or self.default_language)
        notice = policy.text.for_language(language)
        if policy.position is Position.PREPEND:
            fix = Edit(Span(0, 0), f"{notice} ")
        else:
            fix = Edit(Span(len(text), len(text)), f" {notice}")
        turn_de = "unbekannt (als erste Antwort behandelt)" if ctx.turn is None else str(ctx.turn)
        turn = "unknown (treated as the first reply)" if ctx.turn is None else str(ctx.turn)
        return Finding(
            rule_id=MISSING_RULE_ID,
            category=Category.MISSING_DISCLOSURE,
            span=None,
            message=Message(
                f"KI-Hinweis fehlt: Die Richtlinie verlangt ihn ({policy.required.value}, Antwort Nr. {turn_de}); "
                "Kunden müssen spätestens bei der ersten Interaktion erfahren, dass sie mit einer KI sprechen. "
                "Stattdessen: den konfigurierten Hinweis einfügen.",
                f"AI notice missing: the policy requires it ({policy.required.value}, reply no. {turn}); "
                "customers must learn at the first interaction at the latest that they are talking to an AI. "
                "Instead: insert the configured notice.",
            ),
            legal_basis=LEGAL_BASIS_NOTICE,
            severity=Severity.HIGH,
            validator=self.name,
            fix=fix,
            details=MappingProxyType(
                {"required": policy.required.value, "position": policy.position.value, "language": language.value}
            ),
        )

    def _false_human(self, text: str, ctx: Context, matches: list[RuleMatch], has_notice: bool) -> list[Finding]:
        claims: dict[Span, list[RuleMatch]] = {}
        quoted: list[tuple[int, int]] | None = None
        for match in matches:
            category = match.rule.category
            if category == FALSE_HUMAN_CATEGORY or (category == PERSONA_CATEGORY and not has_notice):
                if quoted is None:  # found only when a claim is at stake
                    quoted = quoted_spans(text) if not QUOTE_MARKS.isdisjoint(text) else []
                if any(start <= match.span.start < end for start, end in quoted):
                    continue  # the customer's words repeated ("Sie schreiben: „Ich habe das Rad … gekauft“")
                claims.setdefault(match.sentence_span, []).append(match)
        findings: list[Finding] = []
        language: Language | None = None
        for sentence, found in claims.items():
            match = found[0]
            if len({m.rule.language for m in found}) > 1:
                # Both packs read the sentence ("Oliver" under a sign-off): report the reply's language.
                language = language or detect_language(text, ctx.language or self.default_language)
                match = next((m for m in found if m.rule.language is language), match)
            rule = match.rule
            findings.append(
                Finding(
                    rule_id=rule.id,
                    category=Category.FALSE_HUMAN,
                    span=sentence,
                    message=Message(rule.message.de, rule.message.en),
                    legal_basis=rule.legal_basis,
                    severity=rule.severity,
                    validator=self.name,
                    fix=_remove_sentence(text, sentence),
                    details=MappingProxyType(
                        {"rule_category": rule.category, "pack": rule.pack, "phrase_start": str(match.span.start)}
                    ),
                )
            )
        return findings


def _uncovered_claim(model: HumanModel, text: str, sentence: Span, covered: list[Span]) -> str | None:
    """The part of the sentence outside the notice and persona phrases that the model takes for a claim.

    The phrases are cut out and each stretch between them is judged on its own (a clause with its own
    negation): the notice's AI words must not pull a claim next to them under the threshold. A stretch
    right after a first-person phrase continues its subject; any other needs a first-person word.
    """
    inside = sorted(
        (max(s.start, sentence.start), min(s.end, sentence.end))
        for s in covered
        if s.start < sentence.end and sentence.start < s.end
    )
    if not inside:
        return claiming_part(model, text[sentence.start : sentence.end])
    start, subject = sentence.start, False
    for cut_start, cut_end in inside:
        if cut_start > start:
            part = claiming_part(model, text[start:cut_start], subject)
            if part is not None:
                return part
        if cut_end > start:
            # A first-person notice lends its subject to the clause it runs into ("Ich bin der
            # KI-Assistent von Klangholz und fahre nachher in die Filiale") unless that has its own.
            subject = _lends_subject(text, cut_start, cut_end)
            start = cut_end
    return claiming_part(model, text[start : sentence.end], subject) if start < sentence.end else None


def _lends_subject(text: str, cut_start: int, cut_end: int) -> bool:
    """Whether the first-person phrase text[cut_start:cut_end] is the subject of the clause after it."""
    words = TOKEN.findall(text[cut_start:cut_end].lower())
    if FIRST_PERSON.isdisjoint(words):
        return False
    if OWN_SUBJECT.match(text, cut_end):
        return False
    return "ich" in words or not OWN_SUBJECT_EN.match(text, cut_end)


def _required_now(required: Required, turn: int | None) -> bool:
    if required is Required.NEVER:
        return False
    if required is Required.EVERY_REPLY:
        return True
    return turn is None or turn <= 1  # unknown turn: fail safe, treat as the first reply


@functools.lru_cache(maxsize=64)
def _notice_pattern(notice: str) -> re.Pattern[str]:
    """The configured notice, any case and any run of whitespace between its words."""
    return re.compile(r"\s+".join(re.escape(word) for word in notice.split()), re.IGNORECASE)


def _contains_configured(text: str, notice: NoticeText) -> bool:
    return any(_contains_notice(text, candidate) for candidate in (notice.de, notice.en))


def _contains_notice(text: str, notice: str) -> bool:
    if notice in text:
        return True
    # Cheap prefilter before the case- and space-insensitive regex: its longest word in common casings.
    word = max(notice.split(), key=len, default="")
    if not any(variant in text for variant in (word, word.lower(), word.upper(), word.capitalize())):
        return False
    return _notice_pattern(notice).search(text) is not None


def _remove_sentence(text: str, sentence: Span) -> Edit | None:
    """Delete the sentence and the whitespace after it (or before it, at the end of the reply)."""
    end = sentence.end
    while end < len(text) and text[end].isspace():
        end += 1
    start = sentence.start
    if end == len(text):
        while start > 0 and text[start - 1].isspace():
            start -= 1
    if start == 0 and end == len(text):
        return None  # the whole reply is the false claim: nothing sensible is left to send
    return Edit(Span(start, end), "")


def build(settings: Settings, ctx: BuildContext) -> DisclosureValidator:
    extra = []
    for index, raw in enumerate(settings.packs):
        path = ctx.resolve(raw)
        if not path.is_file():
            raise ConfigError(
                ctx.file, f"{ctx.key}.packs[{index}]", f"pack file '{raw}' not found", "give a path to a *.yaml pack"
            )
        extra.append(path)
    try:
        packs = compiled_packs([*shipped_pack_paths(), *extra])
    except ConfigErrors as exc:
        first = exc.errors[0]
        raise ConfigError(first.file, first.key, first.problem, first.fix) from exc
    ctx.sources.extend(packs.files)
    model = shipped_notice_model() if settings.notice_model else None
    human = shipped_human_model() if settings.false_human_model else None
    return DisclosureValidator(NAME, settings, packs, ctx.default_language, model, human)


SPEC = ValidatorSpec(
    NAME,
    Settings,
    build,
    description="AI notice (AI Act Art. 50) and false-human claims (UWG §5)",
    categories=(Category.MISSING_DISCLOSURE, Category.FALSE_HUMAN),
    default_actions={Category.MISSING_DISCLOSURE: Action.REWRITE, Category.FALSE_HUMAN: Action.BLOCK},
    order=30,
)
