"""safe_reply's trade-secret check on the published test suites of peer ban-list and competitor guardrails.

The peers' test files are read at run time from local checkouts; none of their text is kept here. Clone
the public GitHub repositories guardrails-ai/competitor_check, guardrails-ai/ban_list (guardrails hub
validators), protectai/llm-guard and openai/openai-guardrails-python, then:

    python benchmarks/eval_peer_suites.py competitor_check ban_list llm-guard openai-guardrails-python [--history]

`--all` also lists the cases where safe_reply agrees with the peer.

Each argument is a checkout or a plain folder of test files. `--history` also reads every version of the
test files in the checkout's git history (all branches; a case counted once), because suites were rewritten:
guardrails' competitor_check kept its NER test cases on a branch. A case is what a test asserts about one
text: the term list it configured, the text, and whether the peer expects it flagged. The test files are
parsed (ast), never run: validator constructors (CompetitorCheck, BanList, BanCompetitors, BanSubstrings,
KeywordCfg, CompetitorCfg, Guard().use(...)), openai-guardrails' GuardrailTest table, parametrize rows,
names bound in the module or the test, lists imported from the peer's own package, and the assertions the
suites use (isinstance(..., PassResult/FailResult), `validation_passed`, `tripwire_triggered`,
`validated_output`, `fix_value`, llm-guard's `valid`, `pytest.raises`, per-sentence match lists, the
prefilter's booleans). An assertion of any other form gives no case. Each case's terms become one product
line's protected terms (kind `competitor` or `banned_term`); the case counts as flagged when the decision
has a trade_secret finding. Terms safe_reply refuses to load are counted apart, not as hits.

Cases whose expectation follows from the peer's own matching semantics (a fuzzy match where no term is in
the text, a substring prefilter, "all terms present", case-sensitive matching) are marked `peer-semantics`;
P/R is printed with and without them. Every disagreement is listed with the finding's trick and evidence.
"""

from __future__ import annotations

import argparse
import ast
import itertools
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from safe_reply.errors import ConfigErrors
from safe_reply.eval.corpus import Corpus, Requirement, policy_from_corpus
from safe_reply.policy import Policy
from safe_reply.types import Category, Context


class Kind(StrEnum):
    COMPETITOR = "competitor"
    BANNED_TERM = "banned_term"


# Validator class -> (keyword of its term list, kind of the terms).
VALIDATORS: dict[str, tuple[str, Kind]] = {
    "CompetitorCheck": ("competitors", Kind.COMPETITOR),
    "BanCompetitors": ("competitors", Kind.COMPETITOR),
    "BanList": ("banned_words", Kind.BANNED_TERM),
    "BanSubstrings": ("substrings", Kind.BANNED_TERM),
    "KeywordCfg": ("keywords", Kind.BANNED_TERM),  # openai-guardrails
    "CompetitorCfg": ("keywords", Kind.COMPETITOR),
}
# openai-guardrails' check functions (they take the text and a config) and its integration table's names.
CHECK_FUNCTIONS = ("match_keywords", "keywords", "competitors")
TABLE_ROWS = {"Competitors": Kind.COMPETITOR, "Keyword Filter": Kind.BANNED_TERM}
# An attribute of a result that says the text passed (True) or was flagged (False) when true.
VERDICT_ATTRIBUTES = {"validation_passed": True, "tripwire_triggered": False}
PEER_PREFILTER = "substring prefilter"  # CompetitorCheck.exact_match: a cheap pre-pass, not the verdict


@dataclass(frozen=True)
class PeerCase:
    suite: str
    source: str  # file:line (@commit with --history)
    terms: tuple[str, ...]
    kind: Kind
    text: str
    flagged: bool  # what the peer's test asserts
    semantics: str = ""  # a peer-specific matching rule the expectation depends on; "" if none

    @property
    def key(self) -> tuple[object, ...]:
        return (self.suite, self.terms, self.kind, self.text, self.flagged, self.semantics)


# Symbolic values of the little evaluator below.
@dataclass(frozen=True)
class Validator:
    terms: tuple[str, ...]
    kind: Kind
    semantics: str
    fuzzy: int = 0  # ban_list's max_l_dist: a text within this edit distance of a term counts


@dataclass(frozen=True)
class Outcome:  # a validator applied to one text
    validator: Validator
    text: str


@dataclass(frozen=True)
class ValidFlag:  # llm-guard's `valid` of a scan
    outcome: Outcome


@dataclass(frozen=True)
class Guarded:  # guardrails' validated output of a parse (None when the validator refrained)
    outcome: Outcome


@dataclass(frozen=True)
class Matches:  # per-sentence match lists, or the prefilter's booleans
    validator: Validator
    texts: tuple[str, ...]


class Unknown:
    """An expression the evaluator does not follow; anything built from it is unknown too."""


UNKNOWN = Unknown()


def _semantics(keywords: dict[str, Any]) -> str:
    notes = []
    if keywords.get("contains_all") is True:
        notes.append("all terms present")
    if keywords.get("case_sensitive") is True:
        notes.append("case-sensitive")
    return ", ".join(notes)


@dataclass
class Extractor:
    """Walks one test file and collects the cases its assertions state."""

    suite: str
    source: str
    resolve_import: Callable[[str, str], Any]  # (module, name) -> literal value or UNKNOWN
    cases: list[PeerCase] = field(default_factory=list)
    row_line: int = 0  # the parametrize row being run, a better address than the shared assert

    def run(self, tree: ast.Module) -> None:
        env: dict[str, Any] = {}
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    env[alias.asname or alias.name] = self.resolve_import(node.module, alias.name)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for params, row_line in self._parametrize(node, env):
                    self.row_line = row_line
                    self._block(node.body, {**env, **params}, raises=False)
                self.row_line = 0
            else:
                if isinstance(node, ast.Assign):
                    self._table(node)
                self._block([node], env, raises=False)

    def _table(self, node: ast.Assign) -> None:
        """openai-guardrails' integration suite: GuardrailTest(name=, config={"keywords": [...]},
        passing_cases=[...], failing_cases=[...])."""
        for call in ast.walk(node.value):
            if not (isinstance(call, ast.Call) and ast.unparse(call.func) == "GuardrailTest"):
                continue
            fields = {k.arg: self.value(k.value, {}) for k in call.keywords if k.arg}
            kind = TABLE_ROWS.get(str(fields.get("name")))
            config = fields.get("config")
            terms = config.get("keywords") if isinstance(config, dict) else None
            if kind is None or not isinstance(terms, list) or not terms:
                continue
            validator = Validator(tuple(terms), kind, "")
            for key, flagged in (("passing_cases", False), ("failing_cases", True)):
                texts = fields.get(key)
                for text in texts if isinstance(texts, list) else []:
                    if isinstance(text, str):
                        self._add(Outcome(validator, text), flagged, call)

    def _parametrize(
        self, function: ast.FunctionDef | ast.AsyncFunctionDef, env: dict[str, Any]
    ) -> Iterator[tuple[dict[str, Any], int]]:
        grids: list[list[tuple[dict[str, Any], int]]] = []
        for decorator in function.decorator_list:
            if not (isinstance(decorator, ast.Call) and ast.unparse(decorator.func).endswith("parametrize")):
                continue
            if len(decorator.args) < 2:
                continue
            names_value = self.value(decorator.args[0], env)
            names = [n.strip() for n in names_value.split(",")] if isinstance(names_value, str) else []
            rows = decorator.args[1]
            if not names or not isinstance(rows, ast.List | ast.Tuple):
                continue
            grid = []
            for row in rows.elts:
                values = row.elts if isinstance(row, ast.Tuple) and len(names) > 1 else [row]
                grid.append(({n: self.value(v, env) for n, v in zip(names, values, strict=False)}, row.lineno))
            grids.append(grid)
        if not grids:
            yield {}, 0
            return
        for combination in itertools.product(*grids):
            merged: dict[str, Any] = {}
            for part, _ in combination:
                merged.update(part)
            yield merged, combination[-1][1]

    def _block(self, body: list[ast.stmt], env: dict[str, Any], raises: bool) -> None:
        for node in body:
            if isinstance(node, ast.Assign):
                value = self.value(node.value, env)
                for target in node.targets:
                    self._bind(target, value, env)
            elif isinstance(node, ast.With):
                is_raises = any(ast.unparse(item.context_expr).startswith("pytest.raises") for item in node.items)
                self._block(node.body, env, raises or is_raises)
            elif isinstance(node, ast.Expr) and raises:
                value = self.value(node.value, env)
                if isinstance(value, Outcome):
                    self._add(value, True, node)
            elif isinstance(node, ast.Assert):
                self._assert(node, env)

    def _bind(self, target: ast.expr, value: Any, env: dict[str, Any]) -> None:
        if isinstance(target, ast.Name):
            env[target.id] = value
        elif isinstance(target, ast.Tuple) and isinstance(value, Outcome):
            # llm-guard: `sanitized, valid, score = scanner.scan(...)`; guardrails 0.3:
            # `raw_output, guarded_output, *rest = guard.parse(...)`
            for element in target.elts:
                name = element.id if isinstance(element, ast.Name) else ""
                if name.startswith("valid"):
                    env[name] = ValidFlag(value)
                elif name in ("guarded_output", "validated_output"):
                    env[name] = Guarded(value)
                elif name:
                    env[name] = UNKNOWN
        elif isinstance(target, ast.Tuple):
            for element in target.elts:
                self._bind(element, UNKNOWN, env)

    def _add(self, outcome: Outcome, flagged: bool, node: ast.stmt | ast.expr, semantics: str = "") -> None:
        validator = outcome.validator
        notes = [validator.semantics, semantics]
        squeezed = "".join(outcome.text.casefold().split())
        if flagged and validator.fuzzy and not any("".join(t.casefold().split()) in squeezed for t in validator.terms):
            notes.append(f"edit distance {validator.fuzzy}")  # no term is in the text: only fuzziness finds it
        note = ", ".join(part for part in notes if part)
        line = self.row_line or node.lineno
        self.cases.append(
            PeerCase(self.suite, f"{self.source}:{line}", validator.terms, validator.kind, outcome.text, flagged, note)
        )

    def _assert(self, node: ast.Assert, env: dict[str, Any]) -> None:
        test = node.test
        negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
        inner = test.operand if isinstance(test, ast.UnaryOp) and negated else test
        # isinstance(v.validate(text), PassResult | FailResult)
        if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id == "isinstance":
            outcome = self.value(inner.args[0], env)
            result = ast.unparse(inner.args[1])
            if isinstance(outcome, Outcome) and result in ("PassResult", "FailResult"):
                self._add(outcome, (result == "FailResult") != negated, node)
            return
        # x.validation_passed / x.tripwire_triggered [is|==] bool, or bare / negated
        if isinstance(inner, ast.Attribute) and inner.attr in VERDICT_ATTRIBUTES:
            outcome = self.value(inner.value, env)
            if isinstance(outcome, Outcome):  # `assert not r.validation_passed`: the peer flags it
                self._add(outcome, negated == VERDICT_ATTRIBUTES[inner.attr], node)
            return
        # prefilter[i] / not prefilter[i]
        if isinstance(inner, ast.Subscript):
            matches = self.value(inner.value, env)
            index = self.value(inner.slice, env)
            if isinstance(matches, Matches) and isinstance(index, int) and index < len(matches.texts):
                outcome = Outcome(matches.validator, matches.texts[index])
                self._add(outcome, not negated, node, PEER_PREFILTER)
            return
        if not (isinstance(inner, ast.Compare) and len(inner.ops) == 1) or negated:
            return
        op, right = inner.ops[0], self.value(inner.comparators[0], env)
        left_node = inner.left
        guarded = self.value(left_node, env)
        if (
            isinstance(guarded, Guarded)
            and isinstance(op, ast.Is | ast.Eq)
            and (right is None or isinstance(right, str))
        ):
            self._add(guarded.outcome, right != guarded.outcome.text, node)
            return
        if isinstance(op, ast.Is | ast.Eq) and isinstance(right, bool):
            if isinstance(left_node, ast.Attribute) and left_node.attr in VERDICT_ATTRIBUTES:
                outcome = self.value(left_node.value, env)
                if isinstance(outcome, Outcome):
                    self._add(outcome, right != VERDICT_ATTRIBUTES[left_node.attr], node)
                return
            flag = self.value(left_node, env)
            if isinstance(flag, ValidFlag):
                self._add(flag.outcome, not right, node)
            return
        if not isinstance(op, ast.Eq):
            return
        # res.validated_output == text (guardrails refrains on failure), res.fix_value[0] == fixed
        base = left_node.value if isinstance(left_node, ast.Subscript) else left_node
        if isinstance(base, ast.Attribute) and base.attr in ("validated_output", "fix_value"):
            outcome = self.value(base.value, env)
            if isinstance(outcome, Outcome) and isinstance(right, str):
                self._add(outcome, right != outcome.text, node)
            return
        # v.find_competitor_matches([...]) == [[...], []]
        matches = self.value(left_node, env)
        if isinstance(matches, Matches) and isinstance(right, list) and len(right) == len(matches.texts):
            for text, found in zip(matches.texts, right, strict=True):
                self._add(Outcome(matches.validator, text), bool(found), node)

    def value(self, node: ast.expr, env: dict[str, Any]) -> Any:
        try:
            return ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            pass
        if isinstance(node, ast.Name):
            return env.get(node.id, UNKNOWN)
        if isinstance(node, ast.Await):
            return self.value(node.value, env)
        if isinstance(node, ast.List | ast.Tuple):
            items = [self.value(e, env) for e in node.elts]
            return UNKNOWN if any(isinstance(i, Unknown) for i in items) else items
        if isinstance(node, ast.BinOp):
            left, right = self.value(node.left, env), self.value(node.right, env)
            if isinstance(node.op, ast.Mult) and isinstance(left, str) and isinstance(right, int):
                return left * right
            if isinstance(node.op, ast.Add) and isinstance(left, str) and isinstance(right, str):
                return left + right
            return UNKNOWN
        if isinstance(node, ast.Call):
            return self._call(node, env)
        return UNKNOWN

    def _call(self, node: ast.Call, env: dict[str, Any]) -> Any:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        args = [self.value(a, env) for a in node.args]
        keywords = {k.arg: self.value(k.value, env) for k in node.keywords if k.arg}
        if name in VALIDATORS:
            return self._validator(name, args, keywords)
        if name == "use" and node.args:  # Guard().use(CompetitorCheck, terms, ...) or Guard().use(validator)
            first = node.args[0]
            if isinstance(first, ast.Name) and first.id in VALIDATORS:
                return self._validator(first.id, args[1:], keywords)
            return args[0] if isinstance(args[0], Validator) else UNKNOWN
        if name == "from_string":
            validators = keywords.get("validators", args[0] if args else UNKNOWN)
            found = [v for v in validators if isinstance(v, Validator)] if isinstance(validators, list) else []
            return found[0] if len(found) == 1 else UNKNOWN
        if name in CHECK_FUNCTIONS and isinstance(func, ast.Name):
            config = keywords.get("config", next((a for a in args if isinstance(a, Validator)), UNKNOWN))
            text = keywords.get("data", args[0] if args else UNKNOWN)
            return Outcome(config, text) if isinstance(config, Validator) and isinstance(text, str) else UNKNOWN
        if name == "exact_match" and isinstance(func, ast.Attribute) and len(args) == 2:
            texts, terms = args
            if isinstance(texts, list) and isinstance(terms, list) and all(isinstance(t, str) for t in texts + terms):
                return Matches(Validator(tuple(terms), Kind.COMPETITOR, ""), tuple(texts))
            return UNKNOWN
        receiver = self.value(func.value, env) if isinstance(func, ast.Attribute) else UNKNOWN
        if not isinstance(receiver, Validator):
            return UNKNOWN
        if name in ("validate", "parse", "scan") and args:
            text = args[-1]  # output scanners take (prompt, output)
            return Outcome(receiver, text) if isinstance(text, str) else UNKNOWN
        if name == "find_competitor_matches" and args and isinstance(args[0], list):
            return Matches(receiver, tuple(args[0]))
        return UNKNOWN

    @staticmethod
    def _validator(name: str, args: list[Any], keywords: dict[str, Any]) -> Any:
        keyword, kind = VALIDATORS[name]
        terms = keywords.get(keyword, args[0] if args else UNKNOWN)
        if not (isinstance(terms, list) and all(isinstance(t, str) for t in terms)) or not terms:
            return UNKNOWN
        distance = keywords.get("max_l_dist", 0)
        return Validator(tuple(terms), kind, _semantics(keywords), distance if isinstance(distance, int) else 0)


# --- reading a peer: a folder, or every version of its test files in git ------------------------------------


def _is_test_file(path: str) -> bool:
    parts = Path(path).parts
    return path.endswith(".py") and any(p in ("tests", "test") for p in parts[:-1])


def _literal_from_module(read: Callable[[str], str | None], module: str, name: str) -> Any:
    """A module-level list (e.g. llm-guard's PROMPT_STOP_SUBSTRINGS) read from the peer's own source."""
    text = read(module.replace(".", "/") + ".py")
    if text is None:
        text = read(module.replace(".", "/") + "/__init__.py")
    if text is None:
        return UNKNOWN
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                return UNKNOWN
    return UNKNOWN


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def _snapshots(root: Path, history: bool) -> Iterator[tuple[str, list[str], Callable[[str], str | None]]]:
    """(label, test file paths, reader) for the working tree, and with `history` for every commit on any
    branch that changed a test file."""

    def read_tree(path: str) -> str | None:
        file = root / path
        return file.read_text(encoding="utf-8") if file.is_file() else None

    files = sorted(str(p.relative_to(root)) for p in root.rglob("*.py") if _is_test_file(str(p.relative_to(root))))
    yield "", files, read_tree
    if not (history and (root / ".git").exists()):
        return
    commits = _git(root, "log", "--all", "--format=%H", "--", "tests", "test").split()
    for commit in commits:
        listed = [p for p in _git(root, "ls-tree", "-r", "--name-only", commit).splitlines() if _is_test_file(p)]

        def read_commit(path: str, commit: str = commit) -> str | None:
            done = subprocess.run(
                ["git", "-C", str(root), "show", f"{commit}:{path}"], capture_output=True, check=False
            )
            return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None

        yield f"@{commit[:7]}", listed, read_commit


def extract(root: Path, history: bool = False) -> list[PeerCase]:
    """Every case the peer's test files (and, with `history`, their earlier versions) assert, once each."""
    suite = root.resolve().name
    seen: dict[tuple[object, ...], PeerCase] = {}
    for label, files, read in _snapshots(root, history):
        for path in files:
            text = read(path)
            if text is None or not any(name in text for name in (*VALIDATORS, "GuardrailTest")):
                continue
            try:
                tree = ast.parse(text)
            except SyntaxError:
                continue

            def resolve(module: str, name: str, read: Callable[[str], str | None] = read) -> Any:
                return _literal_from_module(read, module, name)

            extractor = Extractor(suite, f"{path}{label}", resolve)
            extractor.run(tree)
            for case in extractor.cases:
                seen.setdefault(case.key, case)
    return list(seen.values())


# --- running safe_reply ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    flagged: bool
    detail: str  # tricks and evidence of the findings, or the config error
    error: bool = False  # the terms did not load: no detection to score (safe_reply refuses the config)


class SafeReply:
    """One policy per distinct term list (its own product line), built once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.policies: dict[tuple[tuple[str, ...], Kind], Policy | str] = {}

    def policy(self, terms: tuple[str, ...], kind: Kind) -> Policy | str:
        key = (terms, kind)
        if key not in self.policies:
            line = {"id": "peer", "protected_terms": [{"term": t, "kind": kind.value} for t in dict.fromkeys(terms)]}
            corpus = Corpus({"peer": line}, [], self.folder, {"peer": Requirement.FIRST_REPLY})
            try:
                self.policies[key] = policy_from_corpus(corpus, ["trade_secrets"])
            except ConfigErrors as exc:
                self.policies[key] = f"config error: {exc}"
        return self.policies[key]

    def judge(self, case: PeerCase) -> Verdict:
        policy = self.policy(case.terms, case.kind)
        if isinstance(policy, str):
            return Verdict(False, policy, error=True)
        decision = policy.evaluate(case.text, Context(product_line="peer"))
        findings = [f for f in decision.findings if f.category == Category.TRADE_SECRET]
        detail = "; ".join(
            f"{f.span.of(case.text) if f.span else ''!r} {f.details.get('trick')}/{f.details.get('evidence', '-')}"
            for f in findings
        )
        return Verdict(bool(findings), detail)


def _figures(all_rows: list[tuple[PeerCase, Verdict]]) -> str:
    rows = [(c, v) for c, v in all_rows if not v.error]
    errors = len(all_rows) - len(rows)
    tp = sum(c.flagged and v.flagged for c, v in rows)
    fp = sum(not c.flagged and v.flagged for c, v in rows)
    fn = sum(c.flagged and not v.flagged for c, v in rows)
    tn = len(rows) - tp - fp - fn
    precision = f"{tp / (tp + fp):.2f}" if tp + fp else "n/a"
    recall = f"{tp / (tp + fn):.2f}" if tp + fn else "n/a"
    unloaded = f", {errors} not loadable" if errors else ""
    return f"{len(rows)} cases: P {precision} R {recall} (tp {tp} fp {fp} fn {fn} tn {tn}{unloaded})"


def _short(text: str, width: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def report(cases: list[PeerCase], engine: SafeReply, show_all: bool) -> None:
    by_suite: dict[str, list[tuple[PeerCase, Verdict]]] = {}
    for case in cases:
        by_suite.setdefault(case.suite, []).append((case, engine.judge(case)))
    for suite, rows in by_suite.items():
        plain = [(c, v) for c, v in rows if not c.semantics]
        print(f"== {suite}")
        print(f"   all:                    {_figures(rows)}")
        print(f"   without peer-semantics: {_figures(plain)}")
        for case, verdict in rows:
            agree = case.flagged == verdict.flagged and not verdict.error
            if agree and not show_all:
                continue
            tag = "ERR" if verdict.error else "ok" if agree else ("FN" if case.flagged else "FP")
            peer = "flag" if case.flagged else "pass"
            note = f" [peer-semantics: {case.semantics}]" if case.semantics else ""
            print(f"   {tag} peer={peer} {case.source}{note}")
            print(f"      terms={list(case.terms)[:6]}{' …' if len(case.terms) > 6 else ''} ({case.kind})")
            print(f"      text={_short(case.text)!r}")
            if verdict.detail:
                print(f"      safe_reply: {verdict.detail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("peers", type=Path, nargs="+", help="checkouts (or folders of test files) of peer projects")
    parser.add_argument("--history", action="store_true", help="also every earlier version of the test files (git)")
    parser.add_argument("--all", action="store_true", help="list agreements too, not only disagreements")
    args = parser.parse_args()
    cases = [case for root in args.peers for case in extract(root, args.history)]
    with tempfile.TemporaryDirectory(prefix="safe_reply_peers_") as tmp:
        report(cases, SafeReply(Path(tmp)), args.all)


if __name__ == "__main__":
    main()
