"""`import safe_reply` stays cheap: LangChain and guardrails load only when used."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
import safe_reply
before = sorted(m for m in ("langchain_core", "guardrails") if m in sys.modules)
safe_reply.guard
after = sorted(m for m in ("langchain_core", "guardrails") if m in sys.modules)
print(json.dumps([before, after]))
"""


@pytest.mark.slow
def test_import_safe_reply_loads_neither_langchain_nor_guardrails() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60)
    before, after = json.loads(result.stdout)
    assert before == []
    assert after == ["langchain_core"]  # the wrapper needs LangChain, never guardrails
