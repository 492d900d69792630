"""Actions only act: choose the action for a set of findings and apply span edits.

Overlapping edits are resolved here and nowhere else, so every validator can propose its fix
without knowing what the others propose.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from safe_reply.types import Action, Category, Edit, Finding, Span


def strongest(actions: Iterable[Action]) -> Action:
    return max(actions, key=lambda a: a.rank, default=Action.PASS)


def action_for(finding: Finding, table: Mapping[str, Action], fail_open: frozenset[str]) -> Action:
    if finding.category == Category.VALIDATOR_ERROR and finding.validator in fail_open:
        # Fail-open: the crash is recorded (and logged) but does not change the reply.
        return Action.MONITOR
    return table.get(finding.category, Action.BLOCK)


def resolve_overlaps(edits: Sequence[Edit]) -> list[Edit]:
    """Return non-overlapping edits in text order.

    When two edits overlap, the one covering more text wins and grows to the union of both spans
    (dropping a whole sentence beats redacting a word inside it). Insertions (empty spans) never
    conflict with an edit that merely starts or ends at their position; an insertion strictly
    inside a replaced span is absorbed by it. Insertions at the same position keep their order.
    """
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].span.start, item[1].span.end, item[0]))
    result: list[Edit] = []
    for _, edit in ordered:
        if result and _conflict(result[-1].span, edit.span):
            last = result[-1]
            wider = edit if _width(edit.span) > _width(last.span) else last
            union = Span(min(last.span.start, edit.span.start), max(last.span.end, edit.span.end))
            result[-1] = Edit(union, wider.text)
        else:
            result.append(edit)
    return result


def _width(span: Span) -> int:
    return span.end - span.start


def _conflict(left: Span, right: Span) -> bool:
    if _width(right) == 0:
        return left.start < right.start < left.end
    if _width(left) == 0:
        return right.start < left.start < right.end
    return left.overlaps(right)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits (as from resolve_overlaps) right to left, once each."""
    pieces: list[str] = []
    cursor = len(text)
    for edit in reversed(edits):
        pieces.append(text[edit.span.end : cursor])
        pieces.append(edit.text)
        cursor = edit.span.start
    pieces.append(text[:cursor])
    return "".join(reversed(pieces))


def rewrite(text: str, findings: Sequence[Finding]) -> str | None:
    """The text with every finding's fix applied, or None when some finding has no fix."""
    edits = []
    for finding in findings:
        if finding.fix is None:
            return None
        edits.append(finding.fix)
    return apply_edits(text, resolve_overlaps(edits))
