"""Rule packs: YAML files of anchored regular-expression rules, shared by the claims and disclosure checks.

A pack is one YAML file per family and language, e.g. ``validators/disclosure/de.yaml``::

    pack: disclosure-de            # unique pack id
    family: disclosure             # which validator consumes it: claims, disclosure, ...
    language: de                   # de | en: the language the rules are written for
    description: "..."             # optional
    rules:
      - id: disclosure.de/notice-self  # stable, unique across all packs; logged and reviewed, never rename
        category: ai_notice          # the family's own sub-category (snake_case)
        legal_basis: "EU AI Act Art. 50 Abs. 1"
        severity: high               # low | medium | high | critical (default high)
        message:                     # for the reviewer: what, why, what instead
          de: "..."
          en: "..."
        anchors: [ki, "künstlich*", "*bot"]   # literal words (see below); at least one
        patterns:                    # regexes (Python `re`, case-insensitive unless case_sensitive)
          - '\\bich bin (?:ein|eine|der|die)\\b.{0,40}\\bki\\b'
        unless: ['\\bkein(?:e|en)? ki\\b']    # optional: a hit in the same sentence cancels the rule there
        unless_scope: sentence       # optional: `clause` = only a hit in the clause around the match cancels it
        unless_sentence: []          # optional: hits that cancel the rule in the whole sentence, whatever the scope
        requires: [ich, mein*]       # optional: words of which one must ALSO be in the sentence
        requires_clause: ['\\bich\\b']  # optional: regexes of which one must hit in the clause around the match
        case_sensitive: false        # optional
        prefilter: true              # optional: false = no RE2 prefilter (see below)
        flag: ["Ich bin ein KI-Assistent."]   # each must produce a match of THIS rule
        pass: ["Wir nutzen keine KI."]        # each must produce no match of this rule

Anchors: every rule names literal words; one Aho-Corasick automaton over the anchors of ALL loaded
packs finds them in one pass over the lower-cased reply, and only the rules whose anchor hit run
their regexes, and only on the sentences that contain the hit. An anchor is matched as a whole word
(hyphens, spaces and punctuation are word boundaries, so ``ki`` hits "KI-Assistent" but not
"Kilometer"); a trailing ``*`` lets it be the start of a longer word (``künstlich*`` hits
"künstlichen"), a leading ``*`` the end of one (``*bot`` hits "Chatbot"), both make it an infix.
So a rule's patterns must only match sentences that contain one of its anchors: the flag examples,
which run through the same anchored scan, prove that.
`requires` (optional, written like anchors) narrows that further: the rule runs only on sentences
that contain one of its anchors AND one of these words. A rule about "first person + something only
a human has" anchors on the human things and requires "ich"/"mein*", so a reply that mentions a
family or a garden in the third person costs no regex at all.

Loading (safe_reply.rulepacks.loading): ``load_packs(paths)`` validates every file (pydantic; errors name
the file, the key path
such as ``rules[3].patterns[0]`` and the fix; bad regexes and duplicate rule ids are ConfigErrors
too, all collected into one ConfigErrors). ``CompiledPacks.compile(packs)`` builds the automaton.
``compiled_packs(paths)`` does both and caches the result by file content, so validators that ask
for the same files share one CompiledPacks and therefore one scan per reply (``scan`` memoises its
last results). ``shipped_pack_paths()`` lists the packs that ship with safe_reply.

Scanning: ``CompiledPacks.scan(text) -> tuple[RuleMatch, ...]``: every match of every rule, in text
order, each with the rule, the match span and the sentence span (offsets into ``text``). Filter by
``match.rule.family`` (and ``match.rule.language`` if needed). Rules of all languages run on every
reply: an English notice inside a German reply still counts.

Examples: see ``safe_reply.rulepacks.examples.run_examples``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick_rs

from safe_reply.errors import ConfigError, ConfigErrors
from safe_reply.rulepacks.anchors import FRAGMENT_FIX, Anchor, Needles, SentenceWords, anchors_of, needles_of
from safe_reply.rulepacks.clauses import bound_clause, clause
from safe_reply.rulepacks.normalised import SPACED_TRIGGERS, TRIGGERS, NormalisedView, has_markdown_in_word
from safe_reply.rulepacks.prefilter import ANCHOR_START, Prefilter, compile_prefilter
from safe_reply.rulepacks.schema import Messages, PackFile, RuleModel, UnlessScope
from safe_reply.rulepacks.sentences import SentenceIndex
from safe_reply.rulepacks.vocabulary import Expander, ExpansionError, Vocabulary, VocabularyFile
from safe_reply.types import Language, Severity, Span

__all__ = [
    "CompiledPacks",
    "CompiledRule",
    "LoadedPack",
    "LoadedVocabulary",
    "RuleMatch",
]

@dataclass(frozen=True)
class LoadedPack:
    path: Path
    model: PackFile
    sha256: str


@dataclass(frozen=True)
class LoadedVocabulary:
    path: Path
    model: VocabularyFile
    sha256: str


@dataclass(frozen=True, eq=False)
class CompiledRule:
    """A rule ready to run. Identity-compared; `id` is the stable public name."""

    id: str
    pack: str
    family: str
    language: Language
    category: str
    legal_basis: str
    message: Messages
    severity: Severity
    patterns: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]
    model: RuleModel = field(repr=False)
    source: Path = field(repr=False)
    anchors: tuple[Anchor, ...] = field(default=(), repr=False)  # the written anchors, classes expanded
    unless_sentence: tuple[re.Pattern[str], ...] = field(default=(), repr=False)
    requires: Needles | None = field(default=None, repr=False)  # one must also be in the sentence
    prefilter: Prefilter | None = field(default=None, repr=False)  # widened patterns in RE2 (prefilter.py)
    requires_clause: tuple[re.Pattern[str], ...] = field(default=(), repr=False)  # one must hit in the clause

    def may_fire(self, encoded: bytes) -> bool:
        """False when none of the patterns can match the sentence (given in UTF-8): one linear pass."""
        return self.prefilter is None or self.prefilter.may_match(encoded)

    def matches_in(self, sentence: str) -> list[tuple[int, int]]:
        """(start, end) offsets into `sentence` of every pattern match, [] if an `unless` hits; for a
        caller that asked `may_fire` first.

        The patterns run first and the `unless` patterns only where one matched: most sentences an
        anchor points to make no claim, so the cancelling patterns would be wasted on them.
        """
        found: list[tuple[int, int]] = []
        for pattern in self.patterns:
            found.extend(m.span() for m in pattern.finditer(sentence) if m.end() > m.start())
        if found and self.requires_clause:
            found = [
                span for span in found if any(p.search(bound_clause(sentence, *span)) for p in self.requires_clause)
            ]
        if not found:
            return found
        if any(p.search(sentence) for p in self.unless_sentence):
            return []
        if self.model.unless_scope is UnlessScope.CLAUSE:
            if self.unless:
                found = [span for span in found if not any(p.search(clause(sentence, *span)) for p in self.unless)]
            return found
        if any(p.search(sentence) for p in self.unless):
            return []
        return found


@dataclass(frozen=True, slots=True)
class RuleMatch:
    rule: CompiledRule
    span: Span  # the pattern match, offsets into the scanned text
    sentence_span: Span  # the sentence that holds it


@dataclass(frozen=True, slots=True)
class _AnchorUse:
    rule_index: int
    open_left: bool  # may be preceded by letters ("*bot")
    open_right: bool  # may be followed by letters ("künstlich*")


class CompiledPacks:
    """All rules of a set of packs behind one Aho-Corasick automaton. Immutable and thread-safe."""

    def __init__(
        self,
        rules: Sequence[CompiledRule],
        packs: Sequence[LoadedPack],
        vocabularies: Sequence[LoadedVocabulary] = (),
    ) -> None:
        self.rules: tuple[CompiledRule, ...] = tuple(rules)
        self.packs: tuple[LoadedPack, ...] = tuple(packs)
        self.vocabularies: tuple[LoadedVocabulary, ...] = tuple(vocabularies)
        self._by_id = {rule.id: rule for rule in self.rules}
        literals: dict[str, list[_AnchorUse]] = {}
        for index, rule in enumerate(self.rules):
            for anchor in rule.anchors or tuple(Anchor.of(a) for a in rule.model.anchors):
                use = _AnchorUse(index, anchor.open_left, anchor.open_right)
                uses = literals.setdefault(anchor.literal, [])
                if use not in uses:
                    uses.append(use)
        self._literals = list(literals)
        # Per literal, the rules it is an anchor for in each context (letter on the left?, on the
        # right?), decided here once: the per-hit work is then one tuple lookup.
        self._rules_in_context = [
            tuple(
                tuple(
                    use.rule_index
                    for use in literals.get(literal, ())
                    if (use.open_left or not left) and (use.open_right or not right)
                )
                for left, right in _CONTEXTS
            )
            for literal in self._literals
        ]
        # Literals that are an anchor for no rule where a letter stands before them.
        self._closed_left = tuple(not rules[2] and not rules[3] for rules in self._rules_in_context)
        self._automaton = ahocorasick_rs.AhoCorasick(self._literals) if literals else None
        # The prefilters' C++ match, fetched once (see prefilter.DIRECT): the scan asks about thirty
        # of them per reply and each Python call in between costs as much as a small automaton's answer.
        self._direct = tuple(None if rule.prefilter is None else rule.prefilter.direct() for rule in self.rules)
        # The claims and the disclosure validator scan the same reply object one after the other: the
        # last scan is kept for that one object (identity, not equality: no cache across replies, an
        # equal text in another call is scanned again). One tuple swap, safe to share between threads.
        self._last_scan: tuple[str | None, tuple[RuleMatch, ...]] = (None, ())
        self._last_lowered: tuple[str | None, str] = (None, "")
        self._last_sentences: tuple[str | None, SentenceIndex | None] = (None, None)

    @property
    def files(self) -> tuple[Path, ...]:
        """Every pack and vocabulary file that shaped these rules (they enter the policy hash)."""
        return tuple(p.path for p in self.packs) + tuple(v.path for v in self.vocabularies)

    @classmethod
    def compile(cls, packs: Sequence[LoadedPack], vocabularies: Sequence[LoadedVocabulary] = ()) -> CompiledPacks:
        """Compile the regexes of every rule; all problems are raised together as ConfigErrors."""
        errors: list[ConfigError] = []
        rules: list[CompiledRule] = []
        seen: dict[str, Path] = {}
        by_family: dict[str, Vocabulary] = {}
        for loaded in vocabularies:
            merged = by_family.setdefault(loaded.model.family, Vocabulary())
            for problem in merged.add(loaded.model):
                key, _, text = problem.partition(": ")
                errors.append(ConfigError(loaded.path, key, text, "give each fragment one definition per language"))
        for pack in packs:
            family_words = by_family.get(pack.model.family, Vocabulary())
            expander = Expander(family_words, pack.model.language, pack.model.fragments)
            for index, rule in enumerate(pack.model.rules):
                key = f"rules[{index}]"
                if rule.id in seen:
                    errors.append(
                        ConfigError(
                            pack.path,
                            f"{key}.id",
                            f"rule id '{rule.id}' is already used in {seen[rule.id]}",
                            "give every rule a unique id (ids are logged; never reuse one)",
                        )
                    )
                    continue
                seen[rule.id] = pack.path
                flags = 0 if rule.case_sensitive else re.IGNORECASE
                patterns = _compile_all(rule.patterns, flags, pack.path, f"{key}.patterns", errors, expander)
                unless = _compile_all(rule.unless, flags, pack.path, f"{key}.unless", errors, expander)
                unless_sentence = _compile_all(
                    rule.unless_sentence, flags, pack.path, f"{key}.unless_sentence", errors, expander
                )
                requires_clause = _compile_all(
                    rule.requires_clause, flags, pack.path, f"{key}.requires_clause", errors, expander
                )
                anchors = anchors_of(rule.anchors, expander, pack.path, f"{key}.anchors", errors)
                needed = anchors_of(rule.requires, expander, pack.path, f"{key}.requires", errors)
                requires = needles_of(needed) if needed else None
                rules.append(
                    CompiledRule(
                        id=rule.id,
                        pack=pack.model.pack,
                        family=pack.model.family,
                        language=pack.model.language,
                        category=rule.category,
                        legal_basis=rule.legal_basis,
                        message=rule.message,
                        severity=rule.severity,
                        patterns=patterns,
                        unless=unless,
                        model=rule,
                        source=pack.path,
                        anchors=anchors,
                        unless_sentence=unless_sentence,
                        requires=requires,
                        requires_clause=requires_clause,
                        prefilter=compile_prefilter(patterns) if rule.prefilter else None,
                    )
                )
        if errors:
            raise ConfigErrors(errors)
        return cls(rules, packs, vocabularies)

    def rule(self, rule_id: str) -> CompiledRule:
        return self._by_id[rule_id]

    def families(self) -> frozenset[str]:
        return frozenset(rule.family for rule in self.rules)

    def anchor_hits(self, text: str) -> dict[int, list[int]]:
        """rule index -> offsets of its anchor hits in `text` (after the word-boundary checks)."""
        found: dict[int, list[int]] = {}
        for start, rule_indexes in self._hits(self._lowered(text)):
            for rule_index in rule_indexes:
                found.setdefault(rule_index, []).append(start)
        return found

    def _hits(self, lowered: str) -> list[tuple[int, tuple[int, ...]]]:
        """(offset, the rules it is an anchor for) of every anchor hit in the lower-cased text."""
        if self._automaton is None:
            return []
        # Most automaton hits are short anchors inside longer words ("ai" in "again"): the loop body
        # is kept to a few steps, and the rules of a hit are looked at only once its sentence is known.
        # A letter on the left ends most of them at once: nine literals in ten anchor no rule there.
        in_context, closed_left, length = self._rules_in_context, self._closed_left, len(lowered)
        hits: list[tuple[int, tuple[int, ...]]] = []
        for literal_index, start, end in self._automaton.find_matches_as_indexes(lowered, overlapping=True):
            if start and lowered[start - 1].isalnum():
                if closed_left[literal_index]:
                    continue
                rule_indexes = in_context[literal_index][2 + (end < length and lowered[end].isalnum())]
            else:
                rule_indexes = in_context[literal_index][end < length and lowered[end].isalnum()]
            if rule_indexes:
                hits.append((start, rule_indexes))
        return hits

    def _lowered(self, text: str) -> str:
        """The lower-cased reply, offsets kept; the anchor scan and `requires` share it (the last one
        is kept: one tuple swap, safe to share between threads)."""
        last = self._last_lowered
        if last[0] is not text:
            last = self._last_lowered = (text, _lower_same_length(text))
        return last[1]

    def lowered(self, text: str) -> str:
        """`text` in lower case with every offset kept (the scan's own copy when it has just read `text`)."""
        return self._lowered(text)

    def sentences(self, text: str) -> SentenceIndex:
        """The sentences of `text` (the scan's own index when it has just split `text`: a validator that
        reads every sentence after the scan does not split the reply again)."""
        last = self._last_sentences
        if last[0] is text and last[1] is not None:
            return last[1]
        return SentenceIndex(text)

    def scan(self, text: str) -> tuple[RuleMatch, ...]:
        """Every match of every rule in `text`, in text order (shared by the validators of one reply).

        A disguised reply (homoglyphs, invisible characters, full-width letters, markdown inside a
        word, spaced letters) is scanned as a reader sees it, its normalised view; spans are still
        offsets into `text`.
        """
        last = self._last_scan
        if last[0] is not text:
            last = self._last_scan = (text, self._scan(text))
        return last[1]

    def _scan(self, text: str) -> tuple[RuleMatch, ...]:
        lowered = self._lowered(text)
        if _disguised(lowered) or (any(m in text for m in "*`~_") and has_markdown_in_word(text)):
            view = NormalisedView.of(text)
            if view.text != text:
                return self._matches(view.text, _lower_same_length(view.text), view)
        return self._matches(text, lowered, None)

    def _matches(self, text: str, lowered: str, view: NormalisedView | None) -> tuple[RuleMatch, ...]:
        """Run the rules whose anchors hit on the sentences around the hits; spans into the original."""
        hits = self._hits(lowered)
        if not hits:
            return ()
        sentences = SentenceIndex(text)
        starts, ends = sentences.boundaries()
        if view is None:
            self._last_sentences = (text, sentences)
        # The rules each sentence's anchors point to, each once (a sentence number by bisection per
        # hit, not per rule and hit; an offset in the whitespace between sentences belongs to none).
        woken: dict[int, set[int]] = {}
        for offset, rule_indexes in hits:
            number = bisect_right(starts, offset) - 1
            if number >= 0 and offset < ends[number]:
                rules_of = woken.get(number)
                if rules_of is None:
                    woken[number] = set(rule_indexes)
                else:
                    rules_of.update(rule_indexes)
        words = SentenceWords(lowered, sentences)
        matches: list[RuleMatch] = []
        rules, direct = self.rules, self._direct
        for number, woken_rules in woken.items():
            begin, end = starts[number], ends[number]
            piece = text[begin:end]
            utf8 = piece.encode()  # made once for all the sentence's rules
            size = len(utf8)
            for rule_index in woken_rules:
                rule = rules[rule_index]
                if rule.requires is not None and not words.within(rule.requires, number):
                    continue
                # The common case: the anchor word is there, the claim is not (prefilter.py).
                match = direct[rule_index]
                if match is not None:
                    if match(ANCHOR_START, utf8, 0, size)[0][0] < 0:
                        continue
                elif not rule.may_fire(utf8):
                    continue
                # A rule written for one language does not judge a sentence written only in the other
                # (mixed sentences and sentences that do not tell are judged by both): an English rule
                # has nothing to say about a German sentence. Asked after the prefilter, so a
                # sentence's words are read only where a rule may fire or needs them anyway.
                spoken = words.language(number)
                if spoken is not None and spoken is not rule.language:
                    continue
                found = rule.matches_in(piece)
                if not found:
                    continue
                sentence = sentences.span(number)
                mapped = sentence if view is None else view.span(begin, end)
                for start, stop in found:
                    span = Span(begin + start, begin + stop) if view is None else view.span(begin + start, begin + stop)
                    matches.append(RuleMatch(rule, span, mapped))
        matches.sort(key=lambda m: (m.span.start, m.span.end, m.rule.id))
        return tuple(matches)


def _disguised(lowered: str) -> bool:
    """Whether the lower-cased text holds a disguise the normalised view would undo: one of its
    trigger characters, or a spaced acronym ("k i") standing as a word of its own. Two C-level
    searches instead of a test per automaton hit."""
    return _TRIGGER.search(lowered) is not None or _SPACED_TRIGGER.search(lowered) is not None


# A spaced acronym must not touch a letter or digit on either side (`[^\\W_]`: what str.isalnum
# accepts). Each alternative starts with its first letter and the look-behind follows it, so the regex
# engine skips ahead to that letter instead of trying every position (the triggers: one character set).
_TRIGGER = re.compile("|".join(re.escape(t) for t in sorted(TRIGGERS, key=len, reverse=True)))
_SPACED_TRIGGER = re.compile(
    "|".join(
        f"{re.escape(spaced[0])}(?<![^\\W_]{re.escape(spaced[0])}){re.escape(spaced[1:])}(?![^\\W_])"
        for spaced in SPACED_TRIGGERS
    )
)


_CONTEXTS = ((False, False), (False, True), (True, False), (True, True))  # index: 2 * left + right


def _compile_all(
    sources: Sequence[str], flags: int, file: Path, key: str, errors: list[ConfigError], expander: Expander
) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for index, source in enumerate(sources):
        try:
            compiled.append(re.compile(expander.expand(source), flags))
        except ExpansionError as exc:
            errors.append(ConfigError(file, f"{key}[{index}]", str(exc), FRAGMENT_FIX))
        except re.error as exc:
            errors.append(
                ConfigError(
                    file,
                    f"{key}[{index}]",
                    f"invalid regular expression ({exc.msg} at position {exc.pos})",
                    "fix the regex; in YAML write it in single quotes so backslashes stay literal",
                )
            )
    return tuple(compiled)


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lower-case to two ("İ"); keep offsets aligned with the original text.
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
