"""From a reviewed finding to a proposed policy change (see safe_reply.proposals), and reveals.

- A claim finding proposes its whole sentence (from the masked original) for `approved_claims`; a
  sentence that holds a masked term is refused, because the proposal would have to spell the term out.
- A trade-secret finding proposes its term for `allowed_terms`. The term is only in the sealed part of
  the record, so this needs the reveal key, and it counts as a reveal in the audit trail.
"""

from __future__ import annotations

from pathlib import Path

from safe_reply.log.masking import MASK_OPEN
from safe_reply.log.records import AuditEntry, AuditEvent, FindingRecord, StoredRecord, now_text
from safe_reply.log.sealing import RevealError, Sealer, term_at
from safe_reply.log.store import SqlLogStore, UnknownFinding
from safe_reply.proposals import Proposal, ProposalError, ProposalKind, propose
from safe_reply.rulepacks.sentences import sentence_spans

KIND_OF_CATEGORY = {"unsupported_claim": ProposalKind.APPROVE_CLAIM, "trade_secret": ProposalKind.ALLOW_TERM}


def finding_of(stored: StoredRecord, index: int) -> FindingRecord:
    if not 0 <= index < len(stored.record.findings):
        raise UnknownFinding(stored.id, index, len(stored.record.findings))
    return stored.record.findings[index]


def proposal_kind(finding: FindingRecord) -> ProposalKind | None:
    return KIND_OF_CATEGORY.get(finding.category)


def claim_sentence(stored: StoredRecord, index: int) -> str:
    """The sentence of the masked original that holds the finding's span."""
    finding = finding_of(stored, index)
    text = stored.record.original_masked
    if finding.start is None or finding.end is None:
        raise ProposalError(f"finding {index + 1} of record {stored.id} has no span: there is no sentence to approve")
    spans = [s for s in sentence_spans(text) if s.start <= finding.start < max(s.end, s.start + 1)]
    start, end = (spans[0].start, max(spans[-1].end, finding.end)) if spans else (finding.start, finding.end)
    sentence = text[start:end].strip()
    if MASK_OPEN in sentence:
        raise ProposalError(
            "the sentence holds a masked protected term, so it cannot be proposed as an approved claim. "
            "Fix: add the sentence without the term to approved_claims by hand"
        )
    return sentence


def reveal(store: SqlLogStore, stored: StoredRecord, start: int, sealer: Sealer | None, reviewer: str) -> str:
    """The term whose mask token starts at `start` of the masked original; recorded as a reveal."""
    if sealer is None:
        raise RevealError(
            "no reveal key is set. Fix: set SAFE_REPLY_REVEAL_KEY to the key the records were sealed with"
        )
    if stored.record.original_sealed is None:
        raise RevealError(
            f"record {stored.id} has no encrypted original (recorded without SAFE_REPLY_REVEAL_KEY, or past "
            "log.reveal_retention_days)"
        )
    term = term_at(sealer.open(stored.record.original_sealed), start)
    if term is None:
        raise RevealError(f"there is no masked term at position {start} of record {stored.id}")
    kind = stored.record.original_masked[term.start + 1 : term.end - 1].split(":", 1)[0]
    index = next((i for i, f in enumerate(stored.record.findings) if f.start == term.start), None)
    store.record_event(AuditEntry(stored.id, AuditEvent.REVEAL, now_text(), reviewer, index, kind))
    return term.text


def make_proposal(
    store: SqlLogStore, config: Path, stored: StoredRecord, index: int, reviewer: str, sealer: Sealer | None
) -> Proposal:
    """The proposal for finding `index` (from 0) of the record; recorded in the audit trail."""
    finding = finding_of(stored, index)
    kind = proposal_kind(finding)
    if kind is None:
        raise ProposalError(
            f"finding {index + 1} of record {stored.id} is {finding.category}: only claim and trade-secret findings "
            "turn into a policy change (approve the claim, allow the term)"
        )
    if kind is ProposalKind.APPROVE_CLAIM:
        text = claim_sentence(stored, index)
    else:
        if finding.start is None:
            raise ProposalError(f"finding {index + 1} of record {stored.id} has no span: there is no term to allow")
        text = reveal(store, stored, finding.start, sealer, reviewer)
    proposal = propose(
        config,
        kind,
        stored.record.product_line,
        text,
        record_id=stored.id,
        finding=index + 1,
        rule_id=finding.rule_id,
        reviewer=reviewer,
    )
    store.record_event(AuditEntry(stored.id, AuditEvent.PROPOSAL, now_text(), reviewer, index, kind.value))
    return proposal
