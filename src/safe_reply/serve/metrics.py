"""Prometheus metrics of one service process, in a registry of its own (several apps in one test process
must not share counters; a replica is scraped on its own anyway)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from safe_reply.types import Decision

# Loopback requests take well under a millisecond; a blocked reply written to PostgreSQL a few ms.
_BUCKETS = (0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        reg = self.registry
        self.decisions = Counter(
            "safe_reply_decisions",
            "Checked replies by product line and action.",
            ["product_line", "action"],
            registry=reg,
        )
        self.findings = Counter(
            "safe_reply_findings", "Findings by rule.", ["product_line", "rule_id", "category"], registry=reg
        )
        self.request_seconds = Histogram(
            "safe_reply_request_seconds",
            "Time from the parsed request to the answer, per endpoint.",
            ["endpoint"],
            buckets=_BUCKETS,
            registry=reg,
        )
        self.evaluate_seconds = Histogram(
            "safe_reply_evaluate_seconds", "Policy.evaluate per reply.", buckets=_BUCKETS, registry=reg
        )
        self.rejected = Counter(
            "safe_reply_rejected_requests",
            "Requests refused before any check, by HTTP status.",
            ["status"],
            registry=reg,
        )
        self.reloads = Counter("safe_reply_reloads", "Policy reloads by outcome.", ["outcome"], registry=reg)
        self.policy_info = Gauge(
            "safe_reply_policy_info",
            "The policy hash served per product line (value 1).",
            ["product_line", "policy_hash"],
            registry=reg,
        )

    def observe(self, decision: Decision, evaluate_s: float) -> None:
        product_line = decision.policy_ref.product_line
        self.decisions.labels(product_line, decision.action.value).inc()
        for finding in decision.findings:
            self.findings.labels(product_line, finding.rule_id, str(finding.category)).inc()
        self.evaluate_seconds.observe(evaluate_s)

    def serving(self, product_lines: dict[str, str]) -> None:
        self.policy_info.clear()
        for product_line, policy_hash in product_lines.items():
            self.policy_info.labels(product_line, policy_hash).set(1)

    def render(self) -> bytes:
        return generate_latest(self.registry)
