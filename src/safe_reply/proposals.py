"""Feedback into the policy: a reviewer's verdict becomes a proposed config change, never a silent edit.

From a record, "approve this sentence as a claim" adds the sentence to the product line's
`approved_claims`; "allow this term here" adds the term to the product line's
`validators.trade_secrets.allowed_terms`. Either is written as a unified diff of the product-line file
(comments and layout kept) with a header saying what, why and from which record. The compliance owner
reads it, checks it with `safe-reply config check DIR --proposal FILE` (applies it to a copy, loads the
policy and evaluates the text again) and merges it with `git apply` or `patch -p1` from the folder that
holds the config folder.

The YAML is edited as text so that the owner's comments survive; every edit is verified by parsing
the result and comparing it with the intended data, and refused when the layout is too unusual to
edit safely (the owner then adds the line by hand).
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from safe_reply.errors import SafeReplyError
from safe_reply.loader import product_line_files
from safe_reply.yamlio import load_yaml

HEADER = "# safe-reply proposal"


class ProposalKind(StrEnum):
    APPROVE_CLAIM = "approve_claim"
    ALLOW_TERM = "allow_term"


LIST_PATHS: dict[ProposalKind, tuple[str, ...]] = {
    ProposalKind.APPROVE_CLAIM: ("approved_claims",),
    ProposalKind.ALLOW_TERM: ("validators", "trade_secrets", "allowed_terms"),
}


class ProposalError(SafeReplyError):
    """A proposal cannot be made, read or applied."""


@dataclass(frozen=True, slots=True)
class Proposal:
    kind: ProposalKind
    product_line: str
    text: str  # the sentence or the term
    record_id: int
    finding: int  # from 1
    rule_id: str
    reviewer: str
    diff: str  # the unified diff, paths a/<config folder name>/..., b/...

    def render(self) -> str:
        meta = {
            "kind": self.kind.value,
            "product_line": self.product_line,
            "text": self.text,
            "record": self.record_id,
            "finding": self.finding,
            "rule": self.rule_id,
            "reviewer": self.reviewer,
        }
        what = {
            ProposalKind.APPROVE_CLAIM: "approve this sentence as a claim of the product line",
            ProposalKind.ALLOW_TERM: "allow this term in the product line (if it is harmless only in its ordinary "
            "sense, set ordinary_word: true on its entry instead)",
        }[self.kind]
        return (
            f"{HEADER}: {what}\n"
            f"# from record {self.record_id}, finding {self.finding} ({self.rule_id}), labelled a false positive\n"
            "# check: safe-reply config check CONFIG_DIR --proposal THIS_FILE\n"
            "# apply: git apply THIS_FILE (or patch -p1 < THIS_FILE) in the folder that holds the config folder\n"
            f"# meta: {json.dumps(meta, ensure_ascii=False, sort_keys=True)}\n"
            f"{self.diff}"
        )


def product_line_file(config_dir: Path, product_line: str) -> Path:
    for path in product_line_files(config_dir):
        if path.stem == product_line:
            return path
    raise ProposalError(
        f"no file for product line {product_line!r} in {config_dir}. "
        "Fix: pass the --config folder the records were made with"
    )


def propose(
    config_dir: Path,
    kind: ProposalKind,
    product_line: str,
    text: str,
    *,
    record_id: int,
    finding: int,
    rule_id: str,
    reviewer: str,
) -> Proposal:
    """The proposal that adds `text` to the product line's list for `kind` (the files are not touched)."""
    path = product_line_file(config_dir, product_line)
    before = path.read_text(encoding="utf-8")
    after = add_list_item(before, LIST_PATHS[kind], text, path)
    relative = path.relative_to(config_dir.parent) if config_dir.parent != config_dir else path.name
    diff = "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            f"a/{Path(relative).as_posix()}",
            f"b/{Path(relative).as_posix()}",
        )
    )
    return Proposal(kind, product_line, text, record_id, finding, rule_id, reviewer, diff)


# -- editing YAML as text -------------------------------------------------------------------------

_KEY = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w-]*):(?P<rest>.*)$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The index after the last line of the block whose key line is `start` (list items may stand at
    the key's own indentation, as YAML allows)."""
    last = start
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not _content(line):
            continue
        if _indent(line) > indent or (_indent(line) == indent and line.lstrip().startswith("- ")):
            last = index
        else:
            break
    return last + 1


def _find_key(lines: list[str], key: str, begin: int, end: int, indent: int | None) -> int | None:
    for index in range(begin, end):
        match = _KEY.match(lines[index])
        if match and match["key"] == key and (indent is None or len(match["indent"]) == indent):
            return index
    return None


def _child_indent(lines: list[str], begin: int, end: int, parent_indent: int) -> int:
    for index in range(begin, end):
        if _content(lines[index]) and _indent(lines[index]) > parent_indent:
            return _indent(lines[index])
    return parent_indent + 2


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _expected(data: dict[str, Any], path: tuple[str, ...], item: str) -> dict[str, Any]:
    expected = copy.deepcopy(data)
    node = expected
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            if node.get(key) not in (None, {}):
                raise ProposalError(f"'{key}' is not a mapping. Fix: correct the file first")
            node[key] = {}
        node = node[key]
    current = node.get(path[-1]) or []
    if not isinstance(current, list):
        raise ProposalError(f"'{path[-1]}' is not a list. Fix: correct the file first")
    node[path[-1]] = [*current, item]
    return expected


def add_list_item(text: str, path: tuple[str, ...], item: str, where: Path) -> str:
    """`text` with `item` appended to the list at `path` (created if missing), comments kept."""
    data = load_yaml(text) or {}
    if not isinstance(data, dict):
        raise ProposalError(f"{where} is not a YAML mapping. Fix: correct the file first")
    node: Any = data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    if isinstance(node, list) and item in node:
        raise ProposalError(f"{where} already has {item!r} under {'.'.join(path)}: nothing to propose")
    expected = _expected(data, path, item)
    lines = text.splitlines()
    begin, end, indent = 0, len(lines), 0
    for depth, key in enumerate(path):
        found = _find_key(lines, key, begin, end, indent if depth == 0 else None)
        if found is None:
            lines = _insert_missing(lines, path[depth:], item, begin, end, indent, depth)
            break
        key_indent = _indent(lines[found])
        rest = _KEY.match(lines[found])["rest"].strip()  # type: ignore[index]
        last = depth == len(path) - 1
        if rest and not rest.startswith("#"):
            lines = _rewrite_flow(lines, found, key_indent, key, rest, path[depth:], item)
            break
        block_end = _block_end(lines, found, key_indent)
        if last:
            has_items = any(_content(line) for line in lines[found + 1 : block_end])
            item_indent = _child_indent(lines, found + 1, block_end, key_indent - 1) if has_items else key_indent + 2
            lines.insert(block_end, f"{' ' * item_indent}- {_quoted(item)}")
            break
        begin, end, indent = found + 1, block_end, _child_indent(lines, found + 1, block_end, key_indent)
    result = "\n".join(lines) + ("\n" if text.endswith("\n") or not text else "")
    try:
        edited = load_yaml(result)
    except Exception:
        edited = None
    if edited != expected:
        raise ProposalError(
            f"cannot add the entry to {where} automatically (unusual layout). Fix: add {_quoted(item)} under "
            f"{'.'.join(path)} by hand"
        )
    return result


def _nested(keys: tuple[str, ...], item: str, indent: int) -> list[str]:
    out = []
    for depth, key in enumerate(keys):
        out.append(f"{' ' * (indent + 2 * depth)}{key}:")
    out.append(f"{' ' * (indent + 2 * len(keys))}- {_quoted(item)}")
    return out


def _insert_missing(
    lines: list[str], keys: tuple[str, ...], item: str, begin: int, end: int, indent: int, depth: int
) -> list[str]:
    """Add the missing keys (and the list) at the end of the parent block."""
    at = end
    while at > begin and not _content(lines[at - 1]):
        at -= 1
    at = max(at, begin)
    return [*lines[:at], *_nested(keys, item, indent if depth else 0), *lines[at:]]


def _rewrite_flow(
    lines: list[str], index: int, indent: int, key: str, rest: str, keys: tuple[str, ...], item: str
) -> list[str]:
    """A key whose value is written inline (`key: [a, b]`, `key: {}`): rewrite that line only."""
    value, comment = rest, ""
    for match in re.finditer(r"\s+#", rest):  # keep a trailing comment when what precedes it parses
        try:
            load_yaml(rest[: match.start()])
        except Exception:
            continue
        value, comment = rest[: match.start()], rest[match.start() :]
        break
    parsed = load_yaml(value)
    if len(keys) == 1 and isinstance(parsed, list):
        return [*lines[:index], f"{' ' * indent}{key}: {_quoted_list([*parsed, item])}{comment}", *lines[index + 1 :]]
    if parsed in ({}, None):
        return [
            *lines[:index],
            f"{' ' * indent}{key}:{comment}",
            *_nested(keys[1:], item, indent + 2),
            *lines[index + 1 :],
        ]
    raise ProposalError(f"cannot add to the inline value of {key!r} automatically. Fix: add {_quoted(item)} by hand")


def _quoted_list(values: list[Any]) -> str:
    return "[" + ", ".join(_quoted(str(v)) for v in values) + "]"


# -- reading and applying -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProposalFile:
    kind: ProposalKind
    product_line: str
    text: str
    rule_id: str
    diff: str


def read_proposal(content: str) -> ProposalFile:
    meta_line = next((line for line in content.splitlines() if line.startswith("# meta: ")), None)
    if not content.startswith(HEADER) or meta_line is None:
        raise ProposalError("not a safe-reply proposal (no '# safe-reply proposal' header with '# meta:')")
    try:
        meta = json.loads(meta_line[len("# meta: ") :])
        kind = ProposalKind(meta["kind"])
        return ProposalFile(kind, str(meta["product_line"]), str(meta["text"]), str(meta["rule"]), _diff_part(content))
    except (ValueError, KeyError) as exc:
        raise ProposalError(f"the proposal's meta line is damaged ({exc}). Fix: make the proposal again") from None


def _diff_part(content: str) -> str:
    start = content.find("\n--- ")
    if start == -1:
        raise ProposalError("the proposal holds no diff. Fix: make the proposal again")
    return content[start + 1 :]


_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def apply_diff(config_dir: Path, diff: str) -> dict[Path, str]:
    """The new content of each file the diff changes (strict: every context line must match)."""
    lines = diff.splitlines(keepends=True)
    result: dict[Path, str] = {}
    index = 0
    while index < len(lines):
        if not lines[index].startswith("--- "):
            index += 1
            continue
        target = lines[index + 1][4:].strip()
        parts = Path(target).parts
        if len(parts) < 3 or parts[0] != "b" or ".." in parts:
            raise ProposalError(f"unexpected path {target!r} in the proposal. Fix: make the proposal again")
        path = config_dir.joinpath(*parts[2:])
        old = path.read_text(encoding="utf-8").splitlines(keepends=True)
        new: list[str] = []
        cursor = 0
        index += 2
        while index < len(lines) and (match := _HUNK.match(lines[index])):
            start = int(match[1]) - (1 if int(match[2] or 1) else 0)
            new.extend(old[cursor:start])
            cursor = start
            index += 1
            while index < len(lines) and lines[index][:1] in (" ", "-", "+", "\\"):
                line = lines[index]
                if line[0] in (" ", "-"):
                    if cursor >= len(old) or old[cursor].rstrip("\n") != line[1:].rstrip("\n"):
                        raise ProposalError(
                            f"the proposal no longer applies to {path} (the file changed since). "
                            "Fix: make the proposal again from the record"
                        )
                    if line[0] == " ":
                        new.append(old[cursor])
                    cursor += 1
                elif line[0] == "+":
                    new.append(line[1:])
                index += 1
        new.extend(old[cursor:])
        result[path] = "".join(new)
    if not result:
        raise ProposalError("the proposal changes no file. Fix: make the proposal again")
    return result
