"""safe_reply's full check against the tools a user would pick instead, in one process and one run.

Workload: fresh German and English customer-service replies of 500 / 2,000 / 10,000 characters
(benchmarks/pool.py), each with one protected term of the list planted at a random position, and
lists of 10 / 1,000 / 100,000 protected terms. Every engine sees every reply once, and no reply
twice. Rows per combination:

- safe_reply          Policy.evaluate: every installed validator (trade secrets, claims, notice)
- substring loop      one `term in text` per term, case-folded: what LLM Guard's BanSubstrings does
- guardrails          Guard.validate with a ban-list validator (exact substring per term, the cheapest
                      ban list possible; the hub's ban_list adds fuzzy matching and is slower)
- LangChain paths     `bot | guard.to_runnable()` (guardrails) against `safe_reply.guard(bot)`

The engines of a group (the three checks; the two chains) run interleaved, one call each in turn,
so drift of the machine hits them alike. It prints the median time per reply and the ratio
peer / safe_reply. Quote the ratios, not the
absolute times (they are machine noise). `--quick` runs tiny sizes as a CI smoke test.

    python benchmarks/bench_peers.py            # full run (a few minutes on 2 cores)
    python benchmarks/bench_peers.py --quick    # smoke test, a few seconds
"""

from __future__ import annotations

import argparse
import contextlib
import random
import string
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pool import Meter, ReplyPool, mentioning, replies
from safe_reply.eval.corpus import Corpus, Requirement, policy_from_corpus
from safe_reply.policy import Policy
from safe_reply.registry import available_validators
from safe_reply.types import Context, Language

FULL_SIZES = (500, 2_000, 10_000)
FULL_TERMS = (10, 1_000, 100_000)
QUICK_SIZES = (300,)
QUICK_TERMS = (10, 200)
MOST_CALLS = 50  # per engine and combination; fewer when the time budget runs out
def make_terms(count: int, rng: random.Random) -> list[str]:
    """Codename-like terms (Zorvak4821) that cannot occur in the filler text by accident."""
    terms: set[str] = set()
    while len(terms) < count:
        word = rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=5))
        terms.add(f"{word}{rng.randrange(1000, 10000)}")
    return sorted(terms)


def run_for(meters: list[Meter[Any]], budget: float, most: int) -> list[float]:
    """One timed call per engine in turn (so drift of the machine hits all alike) while the budget for
    the group lasts (at least 3 calls each, at most `most`); each engine's median in seconds."""
    started = time.perf_counter()
    while len(meters[0].samples) < 3 or (
        time.perf_counter() - started < budget * len(meters) and len(meters[0].samples) < most
    ):
        for meter in meters:
            meter.run(1)
    return [meter.timing.median_us / 1e6 for meter in meters]


def safe_reply_policy(terms: list[str], folder: Path) -> Policy:
    line = {
        "id": "bench",
        "protected_terms": [{"term": term, "kind": "codename"} for term in terms],
        "disclosure": {"required": "first_reply", "text_de": "Hinweis: KI-Assistent.", "text_en": "Note: AI."},
    }
    return policy_from_corpus(Corpus({"bench": line}, [], folder, {"bench": Requirement.FIRST_REPLY}))


def substring_loop(terms: list[str]) -> Callable[[str], list[str]]:
    folded = [term.casefold() for term in terms]

    def scan(text: str) -> list[str]:
        lowered = text.casefold()
        return [term for term in folded if term in lowered]

    return scan


def guardrails_guard(terms: list[str]) -> Any:
    from safe_reply.integrations.telemetry import ensure_offline

    ensure_offline()  # before guardrails is imported: no metrics leave this process
    from guardrails import Guard
    from guardrails.validator_base import FailResult, PassResult, Validator, register_validator

    @register_validator(name="bench/ban_list", data_type="string")
    class BanList(Validator):  # type: ignore[misc]
        def __init__(self, banned_words: list[str], **kwargs: Any) -> None:
            super().__init__(banned_words=banned_words, **kwargs)
            self.banned = [word.casefold() for word in banned_words]

        def _validate(self, value: Any, metadata: dict[str, Any]) -> Any:
            lowered = str(value).casefold()
            found = [word for word in self.banned if word in lowered]
            return FailResult(error_message=f"{len(found)} banned word(s)") if found else PassResult()

    return Guard(history_max_length=3).use(BanList(banned_words=terms, on_fail="noop"))


QUESTION = "Wo ist mein Rad?"
CTX = Context(product_line="bench", turn=2, language=Language.DE)
SAME_TURN: Any = {"configurable": {"turn": 2}}  # the chain path checks in the same context as the check path


def measure(
    texts: list[str],
    chain_texts: list[str],
    policy: Policy | None,
    guard: Any,
    scan: Callable[[str], list[str]],
    runnable_module: Any,
    budget: float,
    label: str,
) -> list[tuple[str, float | None]]:
    """(engine, median seconds or None when skipped) in print order: three checks, then two chains.

    Each engine gets its own pool over the same texts (the same replies for everyone, each reply
    once per engine); the chains' bots draw a fresh reply per call from other texts, so that
    safe_reply never sees a reply twice (its chain path runs the same checks as its check path).
    """
    from guardrails.errors import ValidationError
    from langchain_core.runnables import RunnableLambda

    most = len(texts) - 1  # one warm-up call per engine

    def fresh(engine: str, chain: bool = False) -> ReplyPool:
        return ReplyPool(f"bench_peers:{label}:{engine}", chain_texts if chain else texts)

    def chain_bot(pool: ReplyPool) -> Any:
        return RunnableLambda(lambda _question: pool.draw())

    gr_pool = fresh("guardrails chain", chain=True)
    gr_chain = chain_bot(gr_pool) | guard.to_runnable()

    def guardrails_chain() -> None:
        with contextlib.suppress(ValidationError):  # a blocked reply is the outcome we time
            gr_chain.invoke(QUESTION)

    ours = Meter(lambda t: policy.evaluate(t, CTX), fresh("ours"), warmup=1) if policy is not None else None
    checks: list[tuple[str, Meter[Any] | None]] = [
        ("safe_reply Policy.evaluate", ours),
        ("substring loop (BanSubstr.)", Meter(scan, fresh("substring"), warmup=1)),
        ("guardrails Guard.validate", Meter(guard.validate, fresh("guardrails"), warmup=1)),
    ]
    ours_chain = None
    if runnable_module is not None and policy is not None:
        # No log: guardrails records nothing either, so both chains do the same work (the log write path
        # has its own benchmark, bench_log.py).
        ours_pool = fresh("our chain", chain=True)
        bot = chain_bot(ours_pool)
        guarded = runnable_module.guard(bot, policy, product_line="bench", language="de", recorder=None)
        ours_chain = Meter(lambda: guarded.invoke(QUESTION, SAME_TURN), ours_pool, feeds=False, warmup=1)
    chains: list[tuple[str, Meter[Any] | None]] = [
        ("safe_reply.guard(bot)", ours_chain),
        ("bot | guard.to_runnable()", Meter(guardrails_chain, gr_pool, feeds=False, warmup=1)),
    ]
    rows: list[tuple[str, float | None]] = []
    for group in (checks, chains):
        running = [meter for _, meter in group if meter is not None]
        medians = iter(run_for(running, budget, most))
        rows += [(name, None if meter is None else next(medians)) for name, meter in group]
    return rows


def run(sizes: tuple[int, ...], term_counts: tuple[int, ...], budget: float) -> None:
    enabled = [name for name in available_validators() if name != "guardrails"]
    print(f"safe_reply validators installed: {', '.join(enabled) or '(none)'}")
    have_secrets = "trade_secrets" in enabled
    if not have_secrets:
        print("note: the trade_secrets validator is not installed: safe_reply rows are skipped, re-run later")
    try:
        import safe_reply.runnable_chat as runnable_module
    except ImportError:
        runnable_module = None
        print("note: safe_reply.runnable_chat is missing: the safe_reply.guard(bot) row is skipped")
    rng = random.Random(4210)
    header = f"{'reply chars':>11} {'terms':>7} | {'engine':<28} {'median':>11} {'ratio':>8}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for count in term_counts:
            terms = make_terms(count, rng)
            built = time.perf_counter()
            policy = safe_reply_policy(terms, Path(tmp)) if have_secrets else None
            build_s = time.perf_counter() - built
            guard = guardrails_guard(terms)
            scan = substring_loop(terms)
            for size in sizes:
                texts, chain_texts = (
                    replies(MOST_CALLS + 1, length=size, seed=seed, planted=mentioning(terms))
                    for seed in (size + count, size + count + 1)
                )
                rows = measure(texts, chain_texts, policy, guard, scan, runnable_module, budget, f"{count}:{size}")
                base, lc_base = rows[0][1], rows[3][1]
                for index, (engine, seconds) in enumerate(rows):
                    reference = lc_base if index >= 3 else base
                    shown = "skipped" if seconds is None else f"{seconds * 1e3:9.3f}ms"
                    ratio = f"{seconds / reference:7.1f}x" if seconds and reference else "     –"
                    print(f"{size:>11} {count:>7} | {engine:<28} {shown:>11} {ratio:>8}", flush=True)
            if policy is not None:
                print(f"{'':>11} {count:>7} | safe_reply policy build: {build_s * 1e3:.0f} ms (once, at load)")
    print("ratio = engine median / safe_reply median of the same path (check vs check, chain vs chain)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="tiny sizes, a CI smoke test (a few seconds)")
    args = parser.parse_args(argv)
    if args.quick:
        run(QUICK_SIZES, QUICK_TERMS, budget=0.02)
    else:
        run(FULL_SIZES, FULL_TERMS, budget=0.5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
