"""Sentence-by-sentence release of a streamed reply: each sentence leaves as soon as it is checked.

The guard wrapper feeds the bot's text as it streams in (`feed`) and sends on what comes back; this
module knows nothing of LangChain. The rules, and why:

- **A sentence is complete** when the splitter (safe_reply.rulepacks.sentences, the one the rule packs
  use) puts a boundary after it that more text can no longer move: the next sentence has begun and
  its first word is complete ("am 3. Mai" is one sentence; the splitter looks at the word after a day
  number). At the end of the stream the rest is complete.
- **Checked in the context of the reply so far**: `Policy.evaluate` runs on the whole text received
  (so a term that runs over a sentence boundary is seen as one), and, where that finds something new
  in the sentences to release, on the reply up to the end of each of them. A finding that runs from
  a complete sentence into the incomplete rest keeps that sentence back until the rest is there.
  What leaves is the policy's delivered text for that prefix: unchanged, or rewritten.
- **Never unchecked**: nothing is released before its sentence was approved. A block ends the stream
  with the product line's fallback (in the reply's language, after what was already sent); a rewrite
  that would change text already sent ends it the same way (recorded as `engine.stream-conflict`).
- **The AI notice first**: where the first sentence's check asks for the notice (an insertion at the
  start), it is released first; a later, notice-only sentence of the bot (at most 12 words, no
  figures) is then dropped so the customer does not read it twice. A notice the policy appends is
  released last, unless the bot wrote one meanwhile.
- **Claims may wait for their qualifier**: a sentence whose only new problems are unsupported claims
  in it is held for one more sentence, because the next one may qualify it ("Im Eco-Modus, nach
  Testzyklus.") or state its conditions (the claims check removes such a sentence together with the
  claim). Only one sentence is ever held: the next step decides both.
- **One decision per reply** (`StreamedDecision`): what the bot said, what was delivered, every
  finding (with the sentence it is in and what happened to it in `details`), and the per-sentence
  outcomes.

Cost: one check of the reply so far per completed sentence (two where something is found), so a
reply of n sentences costs about n/2 full checks, spread over the time the bot takes to write it.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import time
from dataclasses import dataclass
from enum import StrEnum

from safe_reply.actions import action_for, strongest
from safe_reply.config_models import Mode
from safe_reply.lang import reply_language
from safe_reply.policy import ProductLinePolicy
from safe_reply.rulepacks.sentences import sentence_spans
from safe_reply.types import Action, Category, Context, Decision, Finding, Language, Message, Severity, Span

CONFLICT_RULE_ID = "engine.stream-conflict"
# A bot's own notice sentence after the one released first is dropped only when it carries nothing
# else: short, and no figure (an order number or a date in it is content the customer needs).
NOTICE_ONLY_MAX_WORDS = 12
_WORD = re.compile(r"\w+")
# The splitter looks back at most a dozen characters from a full stop (an abbreviation, a list number
# at a line start), so the sentences after a boundary come out the same from a little before it: the
# stream re-splits only its undecided end on each chunk instead of the whole reply (tested).
_LOOKBACK = 64
_REWRITE_RANK = Action.REWRITE.rank
_HOLDABLE = frozenset({Category.UNSUPPORTED_CLAIM, Category.MISSING_DISCLOSURE, Category.REWRITE_FAILED})


class SentenceAction(StrEnum):
    """What happened to one sentence of a streamed reply."""

    RELEASED = "released"  # sent as the bot wrote it
    REWRITTEN = "rewritten"  # sent as the policy rewrote it
    WITHHELD = "withheld"  # never sent: blocked (the fallback ended the stream)
    DROPPED = "dropped"  # the bot's own AI notice after the one released first: not sent twice


@dataclass(frozen=True, slots=True)
class SentenceOutcome:
    span: Span  # into the original reply
    action: SentenceAction


@dataclass(frozen=True, slots=True)
class StreamedDecision(Decision):
    """A Decision for a reply released sentence by sentence: `delivered` is what was streamed."""

    sentences: tuple[SentenceOutcome, ...] = ()


_Key = tuple[str, str, Span | None]


def _key(finding: Finding) -> _Key:
    return finding.rule_id, finding.category, finding.span


def spans_after(text: str, offset: int) -> list[Span]:
    """The sentences of `text` that end after `offset` (0 or the end of a sentence), exactly as
    `sentence_spans(text)` finds them, from a split of the text from shortly before `offset`."""
    base = max(0, offset - _LOOKBACK)
    return [Span(s.start + base, s.end + base) for s in sentence_spans(text[base:]) if s.end + base > offset]


def complete_end(text: str, spans: list[Span]) -> int:
    """End of the last sentence of `text` that no continuation can change (0: none yet).

    The last sentence may still grow. The boundary before it is final once its first word is
    complete: the only forward look of the splitter is the word after a day number ("3. Mai").
    """
    if len(spans) < 2:
        return 0
    word = _WORD.match(text, spans[-1].start)
    if word is None or word.end() < len(text):
        return spans[-2].end
    return spans[-3].end if len(spans) >= 3 else 0


class SentenceStream:
    """The release state of one streamed reply. Not thread-safe: one per reply.

    `feed(text)` returns the pieces approved now (the notice released first is a piece of its own);
    once `finished`, stop feeding. `finish()` decides the rest and returns the last pieces and the
    decision; the caller records the decision before it sends those pieces.
    """

    def __init__(self, policy: ProductLinePolicy, ctx: Context) -> None:
        self.policy = policy
        self.ctx = ctx
        self.text = ""  # the bot's reply so far
        self.finished = False
        self.evaluations = 0
        self.latency_s = 0.0  # time spent in Policy.evaluate for this reply
        self._monitor = policy.mode is Mode.MONITOR
        self._decided = 0  # text[:_decided] is released (or dropped)
        self._body = ""  # the policy's delivered text for text[:_decided], without a notice we inserted
        self._released: list[str] = []
        self._held: Span | None = None
        self._notice_first: str | None = None  # the notice released before the text
        self._notice_last: str | None = None  # the notice to append at the end
        self._notice_open = False  # a notice is required and the bot has not written one yet
        self._started = False
        self._seen: set[_Key] = set()
        self._findings: dict[_Key, tuple[Finding, SentenceAction | None]] = {}
        self._outcomes: list[SentenceOutcome] = []
        self._tail = ""
        self._stop: Decision | None = None
        self._last_eval: tuple[str, Decision] | None = None

    # ---- the caller's side -----------------------------------------------------------------------

    @property
    def released(self) -> str:
        return "".join(self._released)

    def feed(self, text: str) -> list[str]:
        if self.finished or not text:
            return []
        before = len(self._released)
        self.text += text
        self._advance(final=False)
        return self._released[before:]

    def finish(self) -> tuple[list[str], StreamedDecision]:
        before = len(self._released)
        if not self.finished:
            self._advance(final=True)
            if self._notice_last is not None and self._notice_open:
                self._release(self._notice_last)
            self.finished = True
        if self._tail:
            self._release(self._tail)
        return self._released[before:], self._decision()

    # ---- deciding ------------------------------------------------------------------------------

    def _advance(self, final: bool) -> None:
        text = self.text
        spans = spans_after(text, self._decided)
        limit = len(text) if final else complete_end(text, spans)
        ends = [s.end for s in spans if self._decided < s.end <= limit]
        if final and len(text) > self._decided:
            ends = [*ends[:-1], len(text)]  # the last piece carries the whitespace after the last sentence
        if self._held is not None:
            ends = [e for e in ends if e > self._held.end]
        if not ends:
            return
        if self._monitor:  # deliver unchanged; the one check of the whole reply comes in finish()
            self._release_original(ends[-1], spans)
            return
        whole = self._evaluate(text)
        # A sentence is not released on its own while a finding runs from it into the next one (a
        # term over a sentence boundary): it goes out, or not, with the sentence where the term ends.
        crossing = [f.span for f in self._actionable(whole) if f.span is not None]
        ends = [e for e in ends if not any(span.start < e < span.end for span in crossing)]
        if not ends:
            return
        new = [
            f for f in self._actionable(whole)
            if f.category != Category.MISSING_DISCLOSURE and (f.span is None or f.span.start < ends[-1])
        ]  # fmt: skip
        if any(f.span is not None and f.span.start < self._decided for f in new):
            self._block(self._conflict(whole), ends[0], spans)  # it reaches into text already sent
            return
        if self._started and self._held is None and not new and not (self._notice_open and not _has_notice_fix(whole)):
            self._release_original(ends[-1], spans, whole)
            return
        for index, end in enumerate(ends):
            self._step(end, spans, last=final and index == len(ends) - 1)
            if self.finished:
                return

    def _step(self, end: int, spans: list[Span], last: bool) -> None:
        """Decide the sentence ending at `end` (and a held one before it) on the reply up to there."""
        decision = self._evaluate(self.text[:end])
        sentence = _sentence_ending(spans, end, self._decided)
        blocked = decision.action in (Action.BLOCK, Action.RAISE)
        if (blocked or decision.action is Action.REWRITE) and self._may_hold(decision, sentence, last):
            self._held = sentence
            return
        if blocked:
            self._block(decision, end, spans)
            return
        body = self._body_of(decision, end)
        if body.startswith(self._body):
            piece = body[len(self._body) :]
        elif not [f for f in self._actionable(decision) if f.category != Category.MISSING_DISCLOSURE]:
            # The policy now rewrites an earlier sentence differently (or not at all) and finds nothing
            # new: what was sent stays, the new sentences go out as written.
            piece = self.text[self._decided : end]
            body = self._body + piece
        else:
            self._block(self._conflict(decision), end, spans)
            return
        if not self._started:
            self._started = True
            self._open_notice(decision)
            if self._notice_first is not None:
                self._release(self._notice_first)
        dropped: Span | None = None
        if self._notice_open and not _has_notice_fix(decision):
            self._notice_open = False  # the bot wrote its own notice in this step's sentence
            if self._notice_first is not None:
                trimmed = _without_last_sentence(piece, sentence.of(self.text))
                if trimmed is not None:
                    piece, dropped = trimmed, sentence
        self._note(decision, self._decided, end, spans, dropped)
        self._body, self._decided, self._held = body, end, None
        self._release(piece)

    def _may_hold(self, decision: Decision, sentence: Span, last: bool) -> bool:
        """Hold a sentence one step when its only new problems are unsupported claims in it."""
        if last or self._held is not None:
            return False
        new = [f for f in self._actionable(decision) if f.category != Category.MISSING_DISCLOSURE]
        claims = [
            f for f in new if f.category == Category.UNSUPPORTED_CLAIM and f.span is not None
            and f.span.start >= sentence.start
        ]  # fmt: skip
        return bool(claims) and all(f.category in _HOLDABLE for f in new)

    def _block(self, decision: Decision, end: int, spans: list[Span]) -> None:
        # Everything not yet sent up to `end` is withheld: the whitespace before it too, when it
        # carries text (a term written over a line break).
        first = next((s for s in spans if s.start >= self._decided), Span(self._decided, end))
        language = decision.language or reply_language(self.text[:end], self.ctx.language, self.policy.default_language)
        if not self._released and decision.delivered != decision.original:
            self._tail = decision.delivered  # the policy's fallback, with the notice where one is due
        else:
            gap = (self.text[self._decided : first.start] or " ") if self._released else ""
            notice = self._notice_last if self._notice_open and self._notice_last is not None else ""
            self._tail = gap + self.policy.fallback.for_language(language) + notice
        for span in spans:
            if first.start <= span.start < end:
                self._outcomes.append(SentenceOutcome(span, SentenceAction.WITHHELD))
        for finding in decision.findings:
            if finding.span is None or finding.span.start < end:
                self._remember(finding, SentenceAction.WITHHELD if finding.span is not None else None)
        self._stop = dataclasses.replace(decision, language=language)
        self.finished = True

    def _conflict(self, decision: Decision) -> Decision:
        finding = Finding(
            rule_id=CONFLICT_RULE_ID,
            category=Category.REWRITE_FAILED,
            span=None,
            message=Message(
                "Die Umschreibung hätte bereits gesendeten Text geändert; der Rest der Antwort wurde "
                "zurückgehalten und durch die Ersatzantwort ersetzt",
                "the rewrite would have changed text already sent; the rest of the reply was withheld "
                "and replaced by the fallback",
            ),
            severity=Severity.HIGH,
            validator="engine",
        )
        action = strongest((Action.BLOCK, action_for(finding, self.policy.actions, self.policy.fail_open)))
        return dataclasses.replace(
            decision, action=action, intended=action, findings=(*decision.findings, finding), language=None
        )

    # ---- helpers -------------------------------------------------------------------------------

    def _evaluate(self, text: str) -> Decision:
        last = self._last_eval
        if last is not None and last[0] == text:
            return last[1]
        started = time.perf_counter()
        decision = self.policy.evaluate(text, self.ctx)
        self.latency_s += time.perf_counter() - started
        self.evaluations += 1
        self._last_eval = (text, decision)
        return decision

    def _actionable(self, decision: Decision) -> list[Finding]:
        """Findings not decided before whose action changes or stops the reply."""
        table, fail_open = self.policy.actions, self.policy.fail_open
        return [
            f for f in decision.findings
            if _key(f) not in self._seen and action_for(f, table, fail_open).rank >= _REWRITE_RANK
        ]  # fmt: skip

    def _body_of(self, decision: Decision, end: int) -> str:
        """The delivered text for text[:end] without a notice insertion at its start or end."""
        if decision.action is not Action.REWRITE:
            return self.text[:end]
        delivered = decision.delivered
        for finding in decision.findings:
            fix = finding.fix
            if finding.category != Category.MISSING_DISCLOSURE or fix is None or fix.span.start != fix.span.end:
                continue
            if fix.span.start == 0 and delivered.startswith(fix.text):
                delivered = delivered[len(fix.text) :]
            elif fix.span.start == end and delivered.endswith(fix.text):
                delivered = delivered[: len(delivered) - len(fix.text)]
        return delivered

    def _open_notice(self, decision: Decision) -> None:
        for finding in decision.findings:
            fix = finding.fix
            if finding.category != Category.MISSING_DISCLOSURE or fix is None or fix.span.start != fix.span.end:
                continue
            if fix.span.start == 0:
                self._notice_first = fix.text
            else:
                self._notice_last = fix.text
            self._notice_open = True
            self._remember(finding, None)
            return

    def _release_original(self, end: int, spans: list[Span], decision: Decision | None = None) -> None:
        piece = self.text[self._decided : end]
        if decision is not None:
            self._note(decision, self._decided, end, spans, None)
        else:
            self._outcomes.extend(
                SentenceOutcome(s, SentenceAction.RELEASED) for s in spans if self._decided <= s.start < end
            )
        self._started = True
        self._body += piece
        self._decided = end
        self._release(piece)

    def _note(self, decision: Decision, start: int, end: int, spans: list[Span], dropped: Span | None) -> None:
        """Record the findings and sentence outcomes of text[start:end], now released."""
        table, fail_open = self.policy.actions, self.policy.fail_open
        rewritten = [
            f.span for f in decision.findings
            if f.span is not None and decision.action is Action.REWRITE
            and action_for(f, table, fail_open) is Action.REWRITE
        ]  # fmt: skip
        for span in spans:
            if not start <= span.start < end:
                continue
            if span == dropped:
                action = SentenceAction.DROPPED
            elif any(r.overlaps(span) for r in rewritten):
                action = SentenceAction.REWRITTEN
            else:
                action = SentenceAction.RELEASED
            self._outcomes.append(SentenceOutcome(span, action))
        for finding in decision.findings:
            if finding.span is None:
                # Spanless findings of a released step are notices or recorded-only crashes (anything
                # else would have blocked); they are never marked seen, so a later one still counts.
                if finding.category != Category.MISSING_DISCLOSURE or self._notice_open:
                    self._remember(finding, None)
            elif finding.span.start < end:
                self._seen.add(_key(finding))
                if finding.span.start >= start:
                    self._remember(finding, None)

    def _remember(self, finding: Finding, action: SentenceAction | None) -> None:
        key = _key(finding)
        if key not in self._findings or action is not None:
            self._findings[key] = (finding, action)

    def _release(self, piece: str) -> None:
        if piece:
            self._released.append(piece)

    def _decision(self) -> StreamedDecision:
        original, delivered = self.text, self.released
        outcomes = tuple(sorted(self._outcomes, key=lambda o: o.span.start))
        if self._monitor:
            whole = self._evaluate(original)
            return StreamedDecision(
                whole.action, whole.findings, original, delivered, whole.policy_ref, whole.intended, None,
                sentences=outcomes,
            )  # fmt: skip
        findings = self._annotated(outcomes)
        table, fail_open = self.policy.actions, self.policy.fail_open
        language: Language | None = None
        if self._stop is not None:
            action = self._stop.action
            language = self._stop.language
        elif delivered != original:
            action = Action.REWRITE
        else:  # nothing changed: a finding whose action is `monitor` still makes it a monitored reply
            found = strongest(action_for(f, table, fail_open) for f in findings)
            action = Action.MONITOR if found is Action.MONITOR else Action.PASS
        return StreamedDecision(
            action, findings, original, delivered, self.policy.ref, action, language, sentences=outcomes
        )

    def _annotated(self, outcomes: tuple[SentenceOutcome, ...]) -> tuple[Finding, ...]:
        """Every finding with the sentence it is in and what happened to it (`details`)."""
        starts = [o.span.start for o in outcomes]
        found: list[Finding] = []
        for finding, action in self._findings.values():
            details = dict(finding.details)
            if finding.span is None:
                if finding.category == Category.MISSING_DISCLOSURE:
                    details["stream_action"] = "notice_first" if self._notice_first else "notice_last"
            else:
                index = bisect.bisect_right(starts, finding.span.start) - 1
                if index >= 0:
                    details["stream_sentence"] = str(index + 1)
                    details["stream_action"] = (action or outcomes[index].action).value
            found.append(dataclasses.replace(finding, details=details))
        return tuple(sorted(found, key=lambda f: -1 if f.span is None else f.span.start))


def _has_notice_fix(decision: Decision) -> bool:
    return any(f.category == Category.MISSING_DISCLOSURE for f in decision.findings)


def _sentence_ending(spans: list[Span], end: int, decided: int) -> Span:
    """The last sentence that starts before `end` (after `decided`), stretched to `end`."""
    starts = [s.start for s in spans]
    index = bisect.bisect_left(starts, end) - 1
    start = spans[index].start if index >= 0 and spans[index].start >= decided else decided
    return Span(start, end)


def _without_last_sentence(piece: str, sentence: str) -> str | None:
    """`piece` without its last sentence `sentence` and the whitespace before it, when that sentence
    is only an AI notice (short, no figures); None when it must stay."""
    core = sentence.strip()
    if len(core.split()) > NOTICE_ONLY_MAX_WORDS or any(ch.isdigit() for ch in core):
        return None
    stripped = piece.rstrip()
    if not core or not stripped.endswith(core):
        return None
    return stripped[: len(stripped) - len(core)].rstrip()
