"""Bridges to other ecosystems (guardrails-ai). Imported only when used."""
