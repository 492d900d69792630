"""Reveal without storing in clear: the sealed masked-out texts give back the exact original."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from log.logdata import SECRET_REPLY, decision, secret_finding
from safe_reply.config_models import LogSettings
from safe_reply.errors import SafeReplyError
from safe_reply.log import RecordFilter, SqlLogStore, build_record, open_recorder
from safe_reply.log.masking import mask_decision
from safe_reply.log.records import format_time
from safe_reply.log.sealing import REVEAL_KEY_ENV, RevealError, SealedTerm, Sealer, new_key, sealer_from_env, unseal
from safe_reply.types import Context, Span

KEY = b"seal-key"
SEALER = Sealer(new_key())


def test_sealed_terms_point_at_the_mask_tokens() -> None:
    masked = mask_decision(SECRET_REPLY, "x", (secret_finding(),), KEY, SEALER)
    assert masked.sealed is not None
    assert "Orion" not in masked.sealed
    terms = SEALER.open(masked.sealed)
    token = "⟦codename:3f2a9c1d00aa11bb⟧"
    assert terms == (SealedTerm(12, 12 + len(token), "Orion"), SealedTerm(67, 67 + len(token), "Orion"))
    assert masked.original[12 : 12 + len(token)] == token
    assert unseal(masked.original, terms) == SECRET_REPLY


words = st.text(alphabet="abcdefgh ÄÖüß.,⟦⟧:", min_size=0, max_size=12)


@settings(max_examples=200, deadline=None)
@given(before=words, term=st.text(alphabet="XYZxyz0123", min_size=1, max_size=8), middle=words, after=words)
def test_masked_plus_sealed_is_the_original(before: str, term: str, middle: str, after: str) -> None:
    original = before + term + middle + term + after
    finding = secret_finding(Span(len(before), len(before) + len(term)))
    masked = mask_decision(original, "", (finding,), KEY, SEALER)
    assert masked.sealed is not None
    assert unseal(masked.original, SEALER.open(masked.sealed)) == original


def test_no_key_no_seal_and_a_wrong_key_cannot_open(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(REVEAL_KEY_ENV, raising=False)
    assert sealer_from_env() is None
    assert mask_decision(SECRET_REPLY, "x", (secret_finding(),), KEY).sealed is None  # "env": nothing set
    monkeypatch.setenv(REVEAL_KEY_ENV, "not a key")
    with pytest.raises(SafeReplyError, match="is not a Fernet key"):
        sealer_from_env()
    with pytest.raises(SafeReplyError, match="is not a Fernet key"):  # at start-up, not at the first block
        open_recorder(LogSettings(path=str(tmp_path / "log.sqlite3")), {REVEAL_KEY_ENV: "not a key"})
    sealed = SEALER.seal([SealedTerm(0, 3, "abc")])
    with pytest.raises(RevealError, match="cannot be decrypted with this key"):
        Sealer(new_key()).open(sealed)
    assert mask_decision("Hallo!", "Hallo!", (), KEY, SEALER).sealed is None  # nothing masked: nothing sealed


def test_store_keeps_the_seal_and_drops_it_after_its_retention(store: SqlLogStore) -> None:
    made = decision(SECRET_REPLY, (secret_finding(),))
    old, new = datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 3, 1, tzinfo=UTC)
    for when in (old, new):
        record = build_record(made, Context(), 0.001, KEY, when)
        sealed = mask_decision(made.original, made.delivered, made.findings, KEY, SEALER).sealed
        store.write(replace(record, original_sealed=sealed))
    assert [s.record.original_sealed is not None for s in store.query(RecordFilter())] == [True, True]
    assert store.purge_sealed(format_time(old + timedelta(days=1))) == 1
    kept = [s.record.original_sealed for s in store.query(RecordFilter())]
    assert kept[0] is None
    assert kept[1] is not None
    assert unseal(store.get(2).record.original_masked, SEALER.open(kept[1])) == SECRET_REPLY

