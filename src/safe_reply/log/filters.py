"""Filters of the review, shared by the CLI and the web review: reading them and checking their values.

A filter value that names nothing the log holds and nothing safe_reply knows is an error with a
did-you-mean, never an empty result (a typo must not look like "no findings").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from safe_reply.errors import did_you_mean
from safe_reply.loader import product_line_files
from safe_reply.log import render
from safe_reply.log.records import LabelFilter, RecordFilter
from safe_reply.log.store import SqlLogStore
from safe_reply.types import Action, Category


def make_filter(
    since: str | None = None,
    until: str | None = None,
    product_line: str | None = None,
    category: str | None = None,
    rule: str | None = None,
    action: str | None = None,
    label: LabelFilter | None = None,
    limit: int | None = None,
    *,
    mechanical: bool = True,
) -> RecordFilter:
    """The filter of the options; a time that cannot be read raises ValueError with its fix."""
    return RecordFilter(
        since=render.parse_when(since) if since else None,
        until=render.parse_when(until) if until else None,
        product_line=product_line,
        category=category,
        rule=rule,
        action=action,
        label=label,
        limit=limit,
        mechanical=mechanical,
    )


@lru_cache(maxsize=1)
def _shipped_rule_ids() -> frozenset[str]:
    from safe_reply.rulepacks import load_packs, shipped_pack_paths
    from safe_reply.validators.trade_secrets.config import Kind

    ids = {rule.id for pack in load_packs(shipped_pack_paths()) for rule in pack.model.rules}
    return frozenset(ids | {f"trade_secrets.{kind.value}" for kind in Kind})


def unknown_filter_values(flt: RecordFilter, log_store: SqlLogStore, config: Path) -> list[str]:
    """One message per filter value that names nothing the log holds and nothing safe_reply knows."""
    wanted = [v for v in (flt.product_line, flt.category, flt.rule, flt.action) if v is not None]
    if not wanted:
        return []
    known = log_store.known_values()
    problems = []

    def check(option: str, value: str | None, in_log: Iterable[str], known_too: Iterable[str] = ()) -> None:
        if value is None:
            return
        logged = sorted(set(in_log))
        names = logged + sorted(set(known_too) - set(logged))  # what the log holds first: the likely intent
        if value in names:
            return
        listed = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
        problems.append(f"unknown {option} {value!r}{did_you_mean(value, names)}. Fix: use one of: {listed}")

    lines = {p.stem for p in product_line_files(config)} if config.is_dir() else set()
    check("--product-line", flt.product_line, known.product_lines, lines)
    check("--category", flt.category, known.categories, {c.value for c in Category})
    check("--action", flt.action, known.actions, {a.value for a in Action if a is not Action.PASS})
    if flt.rule is not None and flt.rule not in known.rules:
        check("--rule", flt.rule, known.rules, _shipped_rule_ids())
    return problems
