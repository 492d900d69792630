"""Pseudonymisation for the log (DSGVO Art. 4 Nr. 5, Art. 25): what a record may hold.

- Every protected term a trade-secret finding flagged is replaced, in the stored original and in
  the stored delivered text, by `⟦kind:keyed-hash⟧`; every other occurrence of the same term text
  is masked too. Finding spans are moved so that they point into the masked text.
- A conversation id is stored as an HMAC with the log key, so the records of one conversation can
  be found (and deleted on request) by whoever holds the key, and by nobody else.
- With SAFE_REPLY_REVEAL_KEY set, what the masks replaced is kept encrypted (see sealing), so an
  allowed reviewer can reveal one term; it is encrypted here, before the record exists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from safe_reply.keys import keyed_hash
from safe_reply.log.records import FindingRecord
from safe_reply.log.sealing import SealedTerm, Sealer, sealer_from_env
from safe_reply.types import Finding

MASK_OPEN = "⟦"
MASK_CLOSE = "⟧"


def pseudonymise(key: bytes, conversation_id: str) -> str:
    return keyed_hash(key, conversation_id)


@dataclass(frozen=True, slots=True)
class _Region:
    start: int
    end: int
    token: str


def _token(finding: Finding, term: str, key: bytes) -> str:
    kind = finding.details.get("kind") or finding.category
    term_hash = finding.details.get("term_hash") or keyed_hash(key, term)
    return f"{MASK_OPEN}{kind}:{term_hash}{MASK_CLOSE}"


def _flagged(original: str, findings: Sequence[Finding], key: bytes) -> list[_Region]:
    """The non-empty spans of sensitive findings with their mask tokens (overlapping spans are merged)."""
    regions: list[_Region] = []
    spans = [f for f in findings if f.sensitive and f.span is not None and f.span.end > f.span.start]
    for finding in sorted(spans, key=lambda f: (f.span.start, -f.span.end) if f.span else (0, 0)):
        assert finding.span is not None
        start, end = finding.span.start, finding.span.end
        if regions and start < regions[-1].end:
            last = regions.pop()
            start, end, token = last.start, max(last.end, end), last.token
        else:
            token = _token(finding, finding.span.of(original), key)
        regions.append(_Region(start, end, token))
    return regions


def _regions(text: str, terms: Mapping[str, str], fixed: Sequence[_Region] = ()) -> list[_Region]:
    """`fixed` plus every other non-overlapping occurrence of the terms (longest term first)."""
    found = list(fixed)
    for term, token in sorted(terms.items(), key=lambda item: -len(item[0])):
        start = text.find(term)
        while start != -1:
            end = start + len(term)
            if not any(r.start < end and start < r.end for r in found):
                found.append(_Region(start, end, token))
            start = text.find(term, start + 1)
    return sorted(found, key=lambda r: r.start)


def _apply(text: str, regions: Sequence[_Region]) -> str:
    parts: list[str] = []
    cursor = 0
    for region in regions:
        parts.append(text[cursor : region.start])
        parts.append(region.token)
        cursor = region.end
    parts.append(text[cursor:])
    return "".join(parts)


def _move(position: int, regions: Sequence[_Region], *, is_end: bool) -> int:
    """Where an offset of the original text lands in the masked text (inside a mask: its edge)."""
    shift = 0
    for region in regions:
        if position <= region.start:
            break
        if position < region.end:
            # Inside the masked term: a start snaps to the token's start, an end to its end.
            return region.start + shift + (len(region.token) if is_end else 0)
        shift += len(region.token) - (region.end - region.start)
    return position + shift


def _sealed_terms(original: str, regions: Sequence[_Region]) -> list[SealedTerm]:
    """Each masked region as (start, end) in the masked text and the text it replaced."""
    terms = []
    shift = 0
    for region in regions:
        start = region.start + shift
        terms.append(SealedTerm(start, start + len(region.token), original[region.start : region.end]))
        shift += len(region.token) - (region.end - region.start)
    return terms


@dataclass(frozen=True, slots=True)
class Masked:
    original: str
    delivered: str
    findings: tuple[FindingRecord, ...]
    sealed: str | None = None  # the masked-out texts, encrypted; None without a reveal key or mask


def mask_decision(
    original: str,
    delivered: str,
    findings: Sequence[Finding],
    key: bytes,
    sealer: Sealer | Literal["env"] | None = "env",
) -> Masked:
    """The storable form of a decision: masked texts and findings with spans into the masked original.

    Every text the record holds is masked with the same terms, the findings' messages included (a
    third-party validator may quote what it found in its message). `sealer` "env" seals with
    SAFE_REPLY_REVEAL_KEY when it is set.
    """
    flagged = _flagged(original, findings, key)
    terms = {original[r.start : r.end]: r.token for r in flagged}
    regions = _regions(original, terms, flagged)
    stored = []
    for finding in findings:
        start = end = None
        if finding.span is not None:
            start = _move(finding.span.start, regions, is_end=False)
            end = _move(finding.span.end, regions, is_end=True)
            if finding.span.start == finding.span.end:  # an insertion point stays a point
                end = start
        stored.append(
            FindingRecord(
                rule_id=finding.rule_id,
                category=str(finding.category),
                start=start,
                end=end,
                message=_apply(str(finding.message), _regions(str(finding.message), terms)),
                message_de=_apply(finding.message.de, _regions(finding.message.de, terms)),
                message_en=_apply(finding.message.en, _regions(finding.message.en, terms)),
                legal_basis=finding.legal_basis,
                severity=finding.severity.value,
                validator=finding.validator,
                details=dict(finding.details),
            )
        )
    chosen = sealer_from_env() if sealer == "env" else sealer
    return Masked(
        original=_apply(original, regions),
        delivered=_apply(delivered, _regions(delivered, terms)),
        findings=tuple(stored),
        sealed=chosen.seal(_sealed_terms(original, regions)) if chosen is not None and regions else None,
    )
