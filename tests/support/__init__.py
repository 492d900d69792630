"""Helpers shared by test folders (importable because pytest puts tests/ on sys.path)."""
