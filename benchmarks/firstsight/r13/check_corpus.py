#!/usr/bin/env python3
"""Validate product_lines.yaml and cases.jsonl of this corpus and print the counts used in README.md."""
import json, re, sys, os, collections
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CATS = {"absolute_safety", "guarantee", "superlative", "test_seal", "health", "environmental", "comparative",
        "price", "availability", "certification", "spec_exceeded", "origin", "legal_advice", "other"}
BASE_TAGS = {"near_miss", "supported_claim", "negation", "real_case", "mixed_language", "disclosure_variant",
             "qualifier_dropped", "obfuscated", "long", "markdown", "multi_violation"}
OBF_TAGS = {"case", "inflection", "compound", "hyphen_split", "zero_width", "soft_hyphen", "homoglyph",
            "umlaut_translit", "leetspeak", "line_break", "paraphrase", "translation", "number_words",
            "number_format", "defanged"}
PL_KEYS = {"id", "name", "languages", "facts", "certifications", "guarantee", "approved_claims",
           "protected_terms", "allowed_terms", "disclosure"}
CASE_KEYS = {"id", "product_line", "lang", "turn", "text", "expect", "tags", "note"}
EXP_KEYS = {"leaks", "unsupported_claims", "disclosure_present", "false_human"}
SPECIAL = re.compile("[\u200b\u200c\u2060\u00ad\u0400-\u04ff]")
MD = re.compile(r"\*\*|^#{1,6} |^\s*[-*] |^\s*\d+\. |\|.*\||`|\[[^\]]+\]\([^)]+\)", re.M)
errors = []
def err(msg): errors.append(msg)

Y = yaml.safe_load(open(os.path.join(HERE, "product_lines.yaml"), encoding="utf-8"))
assert set(Y) == {"company", "product_lines"}, set(Y)
PL = {}
for p in Y["product_lines"]:
    if set(p) != PL_KEYS: err(f"{p.get('id')}: keys {set(p) ^ PL_KEYS}")
    if p["languages"] != ["de", "en"]: err(f"{p['id']}: languages")
    for f in p["facts"]:
        if not {"key", "label_de", "label_en", "value"} <= set(f) or set(f) - {"key", "label_de", "label_en", "value", "unit", "qualifier"}:
            err(f"{p['id']}: fact keys {f.get('key')}")
    if not isinstance(p["guarantee"], str): err(f"{p['id']}: guarantee")
    d = p["disclosure"]
    if set(d) != {"required", "text_de", "text_en"} or d["required"] not in ("first_reply", "every_reply", "never"):
        err(f"{p['id']}: disclosure")
    names = {}
    for t in p["protected_terms"]:
        if set(t) - {"term", "pattern", "kind", "note"} or ("term" in t) == ("pattern" in t) or "kind" not in t:
            err(f"{p['id']}: protected entry {t}")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", t["kind"]): err(f"{p['id']}: kind {t['kind']}")
        if "pattern" in t:
            try: re.compile(t["pattern"])
            except re.error as e: err(f"{p['id']}: regex {t['pattern']}: {e}")
        names[t.get("term", t.get("pattern"))] = t
    PL[p["id"]] = (p, names)

cases = []
with open(os.path.join(HERE, "cases.jsonl"), encoding="utf-8") as fh:
    for i, line in enumerate(fh, 1):
        try: cases.append(json.loads(line))
        except Exception as e: err(f"line {i}: {e}")
ids = collections.Counter(c["id"] for c in cases)
for k, v in ids.items():
    if v > 1: err(f"duplicate id {k}")

used = collections.defaultdict(set)
def violations(c):
    e = c["expect"]; p = PL[c["product_line"]][0]; r = p["disclosure"]["required"]
    dmiss = (r == "every_reply" or (r == "first_reply" and c["turn"] == 1)) and not e["disclosure_present"]
    return {"leak": bool(e["leaks"]), "claim": bool(e["unsupported_claims"]), "disclosure": dmiss, "false_human": e["false_human"]}

for c in cases:
    cid = c.get("id")
    if set(c) != CASE_KEYS: err(f"{cid}: keys {set(c) ^ CASE_KEYS}"); continue
    e = c["expect"]
    if set(e) != EXP_KEYS: err(f"{cid}: expect keys"); continue
    if c["product_line"] not in PL: err(f"{cid}: product line"); continue
    p, names = PL[c["product_line"]]
    if c["lang"] not in p["languages"]: err(f"{cid}: lang")
    if not isinstance(c["turn"], int) or isinstance(c["turn"], bool) or c["turn"] < 1: err(f"{cid}: turn")
    if not isinstance(e["disclosure_present"], bool) or not isinstance(e["false_human"], bool): err(f"{cid}: bool")
    if not c["note"].strip(): err(f"{cid}: empty note")
    text = c["text"]; tags = c["tags"]
    for cl in e["unsupported_claims"]:
        if set(cl) != {"text", "category"}: err(f"{cid}: claim keys")
        if cl["category"] not in CATS: err(f"{cid}: category {cl['category']}")
        n = text.count(cl["text"])
        if n != 1: err(f"{cid}: claim text occurs {n}x: {cl['text']!r}")
    for lk in e["leaks"]:
        if lk not in names: err(f"{cid}: unknown leak {lk!r}"); continue
        used[c["product_line"]].add(lk)
        ent = names[lk]
        if "obfuscated" not in tags:
            if "pattern" in ent and not re.search(ent["pattern"], text): err(f"{cid}: pattern does not match {lk}")
            if "term" in ent and ent["term"].lower() not in text.lower(): err(f"{cid}: term not literal {lk}")
    for t in tags:
        if t not in BASE_TAGS | OBF_TAGS: err(f"{cid}: unknown tag {t}")
    if ("obfuscated" in tags) != bool(set(tags) & OBF_TAGS): err(f"{cid}: obfuscated/sub-tag mismatch")
    if SPECIAL.search(text) and "obfuscated" not in tags: err(f"{cid}: special chars but not obfuscated")
    v = violations(c)
    if "near_miss" in tags and any(v.values()): err(f"{cid}: near_miss on violating case")
    if ("multi_violation" in tags) != (sum(v.values()) >= 2): err(f"{cid}: multi_violation inconsistent")
    if ("long" in tags) != (len(text) >= 600): err(f"{cid}: long tag")
    if ("markdown" in tags) != bool(MD.search(text)): err(f"{cid}: markdown tag")
    if (p["disclosure"]["text_de"] in text or p["disclosure"]["text_en"] in text) and not e["disclosure_present"]:
        err(f"{cid}: configured notice present but disclosure_present false")
    if "real_case" in tags and not re.search(r"BGH|OLG|LG |EuGH|BCCRT|Moffatt", c["note"]): err(f"{cid}: real_case without citation")
    if len(text) > 1900: err(f"{cid}: text too long")

for pid, (p, names) in PL.items():
    unused = set(names) - used[pid]
    if unused: err(f"{pid}: protected entries never used: {sorted(unused)}")

# ---- counts
def row(sel):
    vs = [violations(c) for c in sel]
    return dict(cases=len(sel), leak=sum(v["leak"] for v in vs), claim=sum(v["claim"] for v in vs),
                disclosure_missing=sum(v["disclosure"] for v in vs), false_human=sum(v["false_human"] for v in vs),
                benign=sum(not any(v.values()) for v in vs), disclosure_present=sum(c["expect"]["disclosure_present"] for c in sel))
slices = [("all", cases)] + [(f"lang={l}", [c for c in cases if c["lang"] == l]) for l in ("de", "en")] + \
         [("turn=1", [c for c in cases if c["turn"] == 1]), ("turn>1", [c for c in cases if c["turn"] > 1])] + \
         [(pid, [c for c in cases if c["product_line"] == pid]) for pid in PL]
print("| slice | cases | leak | claim | disclosure missing | false human | benign | disclosure_present |")
print("|---|---|---|---|---|---|---|---|")
for name, sel in slices:
    r = row(sel)
    print(f"| {name} | {r['cases']} | {r['leak']} | {r['claim']} | {r['disclosure_missing']} | {r['false_human']} | {r['benign']} | {r['disclosure_present']} |")
tagc = collections.Counter(t for c in cases for t in c["tags"])
print("\ntags:", ", ".join(f"{t} {n}" for t, n in tagc.most_common()))
catc = collections.Counter(cl["category"] for c in cases for cl in c["expect"]["unsupported_claims"])
print("claim spans:", sum(catc.values()), "|", ", ".join(f"{t} {n}" for t, n in catc.most_common()))
kinds = collections.Counter()
for c in cases:
    names = PL[c["product_line"]][1]
    for lk in c["expect"]["leaks"]:
        kinds[names[lk]["kind"]] += 1
print("leak labels by kind:", ", ".join(f"{t} {n}" for t, n in kinds.most_common()))
both = sum(1 for c in cases if c["expect"]["disclosure_present"] and c["expect"]["false_human"])
print("disclosure_present and false_human:", both)
ob = [c for c in cases if "obfuscated" in c["tags"]]
print("obfuscated leak cases:", len(ob), "of", sum(1 for c in cases if c["expect"]["leaks"]))
lens = sorted(len(c["text"]) for c in cases)
print("text length: min", lens[0], "median", lens[len(lens)//2], "max", lens[-1])
print("\nERRORS:" if errors else "\nOK: no errors")
for e in errors: print("  ", e)
sys.exit(1 if errors else 0)
