"""Fixtures for the wrapper tests; the helpers live in runnable_support.py and runnable_paths.py.

pytest runs with --import-mode=importlib, so this folder is put on sys.path for the test modules
to import those helpers by their (unique) names.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from runnable_support import ListRecorder, make_policy

from safe_reply.policy import Policy


@pytest.fixture
def policy() -> Policy:
    return make_policy()


@pytest.fixture
def recorder() -> ListRecorder:
    return ListRecorder()
