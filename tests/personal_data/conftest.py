"""Shared fixtures of the personal-data tests (builders in corpus_score.py, also runnable as a script)."""

from __future__ import annotations

import pytest

from personal_data.corpus_score import corpus_settings, make_validator
from safe_reply.validators.personal_data.validator import PersonalDataValidator


@pytest.fixture(scope="session")
def corpus_validator() -> PersonalDataValidator:
    return make_validator(**corpus_settings())
