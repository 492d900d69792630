"""LangGraph tests: need the `langgraph` extra (part of `dev`, so CI runs them); they share the
wrapper tests' helpers in tests/runnable."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("langgraph.prebuilt", reason="needs the langgraph extra: pip install 'safe-reply[langgraph]'")
sys.path.insert(0, str(Path(__file__).parents[1] / "runnable"))
