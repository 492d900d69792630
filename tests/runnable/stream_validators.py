"""Test validators for sentence-by-sentence streaming: a notice found anywhere, a claim its next
sentence qualifies, a condition sentence whose fix takes the sentence before it, a term as a regex."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from safe_reply.rulepacks.sentences import sentence_spans
from safe_reply.types import Category, Context, Edit, Finding, Message, Span

NOTICE = "Hinweis: Sie chatten mit einem KI-Assistenten."


def _finding(rule: str, category: Category, span: Span | None, fix: Edit | None) -> Finding:
    return Finding(rule, category, span, Message("gefunden", "found"), validator=rule.partition(".")[0], fix=fix)


@dataclass(frozen=True)
class NoticeAnywhere:
    """The AI notice is missing unless "KI-Assistent" appears anywhere; the fix prepends or appends it."""

    append: bool = False
    name: str = "notice"

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        if "KI-Assistent" in text or (ctx.turn or 1) > 1:
            return []
        fix = Edit(Span(len(text), len(text)), f" {NOTICE}") if self.append else Edit(Span(0, 0), f"{NOTICE} ")
        return [_finding("notice.missing", Category.MISSING_DISCLOSURE, None, fix)]


@dataclass(frozen=True)
class QualifiedRange:
    """"bis zu 150 km" is unsupported unless the next sentence gives the condition ("Im Eco-Modus ...");
    the fix replaces the sentence with the approved claim."""

    name: str = "range"

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        spans = sentence_spans(text)
        found = []
        for index, span in enumerate(spans):
            if "150 km" not in span.of(text):
                continue
            following = spans[index + 1].of(text) if index + 1 < len(spans) else ""
            if not following.startswith("Im Eco-Modus"):
                fix = Edit(span, "Die Reichweite hängt vom Fahrmodus ab.")
                found.append(_finding("range.unqualified", Category.UNSUPPORTED_CLAIM, span, fix))
        return found


@dataclass(frozen=True)
class ConditionOfPrevious:
    """A waived condition ("Voraussetzung ist keine Inspektion.") is removed with the sentence before it."""

    name: str = "condition"

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        spans = sentence_spans(text)
        for index, span in enumerate(spans):
            if span.of(text).startswith("Voraussetzung ist keine") and index > 0:
                fix = Edit(Span(spans[index - 1].start, span.end), "")
                return [_finding("condition.waived", Category.UNSUPPORTED_CLAIM, span, fix)]
        return []


@dataclass(frozen=True)
class RegexTerm:
    """A protected term as a regex (so it may run over whitespace and line breaks); no fix: block."""

    pattern: str
    name: str = "term"

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        return [
            _finding("term.secret", Category.TRADE_SECRET, Span(m.start(), m.end()), None)
            for m in re.finditer(self.pattern, text)
        ]
