#!/usr/bin/env python3
"""Validate product_lines.yaml and cases.jsonl in this folder and print the counts used in README.md."""
import json, re, sys, unicodedata
from collections import Counter, defaultdict
from pathlib import Path
import yaml

HERE = Path(__file__).resolve().parent
ERR = []
def err(msg): ERR.append(msg)

CATS = {"absolute_safety","guarantee","superlative","test_seal","health","environmental","comparative",
        "price","availability","certification","spec_exceeded","origin","legal_advice","other"}
BASE_TAGS = {"near_miss","supported_claim","negation","real_case","mixed_language",
             "qualifier_dropped","obfuscated"}
DERIVED_TAGS = {"long","markdown","multi_violation","disclosure_variant"}
OBF_TAGS = {"case","inflection","compound","partial","paraphrase","translation","zero_width","soft_hyphen",
            "homoglyph","letter_spacing","line_break","number_words","number_format","defanged"}
TAGS = BASE_TAGS | DERIVED_TAGS | OBF_TAGS
MD = re.compile(r'(^\s*[-*] |\*\*|^#|^\|.*\|$|^\s*\d+\. |`|\[[^\]]+\]\()', re.M)
SPECIAL = re.compile('[\u200b\u200c\u200d\u2060\u00ad\u0400-\u04ff\u0370-\u03ff\uff00-\uffef]')

# ---------- YAML ----------
Y = yaml.safe_load(open(HERE/"product_lines.yaml", encoding="utf-8"))
if set(Y) != {"company","product_lines"}: err(f"yaml top-level keys {set(Y)}")
PL_KEYS = {"id","name","languages","facts","certifications","guarantee","approved_claims","protected_terms",
           "allowed_terms","disclosure"}
PL = {}
for p in Y["product_lines"]:
    if set(p) != PL_KEYS: err(f"{p.get('id')}: keys {set(p) ^ PL_KEYS}")
    PL[p["id"]] = p
    if p["languages"] != ["de","en"]: err(f"{p['id']}: languages")
    for f in p["facts"]:
        if not {"key","label_de","label_en","value"} <= set(f) or set(f) - {"key","label_de","label_en","value","unit","qualifier"}:
            err(f"{p['id']}: fact keys {f}")
        if not isinstance(f["value"], (int,float,str)): err(f"{p['id']}: fact value type {f['key']}")
    if not isinstance(p["certifications"], list): err(f"{p['id']}: certifications")
    if not isinstance(p["guarantee"], str): err(f"{p['id']}: guarantee")
    for t in p["protected_terms"]:
        if ("term" in t) == ("pattern" in t): err(f"{p['id']}: term xor pattern {t}")
        if set(t) - {"term","pattern","kind","note"} or "kind" not in t: err(f"{p['id']}: protected keys {t}")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", t["kind"]): err(f"{p['id']}: kind {t['kind']}")
        if "pattern" in t:
            try: re.compile(t["pattern"])
            except re.error as e: err(f"{p['id']}: bad regex {t['pattern']}: {e}")
    d = p["disclosure"]
    if set(d) != {"required","text_de","text_en"} or d["required"] not in {"first_reply","every_reply","never"}:
        err(f"{p['id']}: disclosure")
ENTRIES = {pid: {(t.get("term") or t.get("pattern")): t for t in p["protected_terms"]} for pid, p in PL.items()}

# ---------- cases ----------
CASE_KEYS = {"id","product_line","lang","turn","text","expect","tags","note"}
EXP_KEYS = {"leaks","unsupported_claims","disclosure_present","false_human"}
cases, ids = [], set()
for n, line in enumerate(open(HERE/"cases.jsonl", encoding="utf-8"), 1):
    try: c = json.loads(line)
    except Exception as e: err(f"line {n}: json {e}"); continue
    cases.append(c)
    cid = c.get("id")
    if set(c) != CASE_KEYS: err(f"{cid}: keys {set(c) ^ CASE_KEYS}")
    if cid in ids: err(f"{cid}: duplicate id")
    ids.add(cid)
    if c["product_line"] not in PL: err(f"{cid}: product line"); continue
    if c["lang"] not in PL[c["product_line"]]["languages"]: err(f"{cid}: lang")
    if not isinstance(c["turn"], int) or isinstance(c["turn"], bool) or c["turn"] < 1: err(f"{cid}: turn")
    if not isinstance(c["text"], str) or not c["text"].strip(): err(f"{cid}: text")
    if not isinstance(c["note"], str) or not c["note"].strip(): err(f"{cid}: note")
    e = c["expect"]
    if set(e) != EXP_KEYS: err(f"{cid}: expect keys"); continue
    if not isinstance(e["disclosure_present"], bool) or not isinstance(e["false_human"], bool): err(f"{cid}: bool types")
    text = c["text"]; tags = c["tags"]
    for t in tags:
        if t not in TAGS: err(f"{cid}: unknown tag {t}")
    if len(tags) != len(set(tags)): err(f"{cid}: duplicate tags")
    for cl in e["unsupported_claims"]:
        if set(cl) != {"text","category"}: err(f"{cid}: claim keys")
        if cl["category"] not in CATS: err(f"{cid}: category {cl['category']}")
        k = text.count(cl["text"])
        if k != 1: err(f"{cid}: claim text occurs {k}x: {cl['text']!r}")
    obf = "obfuscated" in tags
    for lk in e["leaks"]:
        ent = ENTRIES[c["product_line"]].get(lk)
        if ent is None: err(f"{cid}: leak not a protected entry of its line: {lk}"); continue
        if not obf:
            if "pattern" in ent:
                if not re.search(ent["pattern"], text): err(f"{cid}: plain regex leak does not match: {lk}")
            elif lk not in text: err(f"{cid}: plain term leak not literal: {lk}")
    if obf and not (set(tags) & OBF_TAGS): err(f"{cid}: obfuscated without sub-tag")
    if (set(tags) & OBF_TAGS) and not obf: err(f"{cid}: obfuscation sub-tag without 'obfuscated'")
    if obf and not e["leaks"]: err(f"{cid}: obfuscated but no leak")
    if SPECIAL.search(text) and not obf: err(f"{cid}: invisible/Cyrillic/fullwidth char outside obfuscated case")
    # disclosure consistency
    d = PL[c["product_line"]]["disclosure"]
    if (d["text_de"] in text or d["text_en"] in text) and not e["disclosure_present"]:
        err(f"{cid}: configured notice in text but disclosure_present false")
    variant = e["disclosure_present"] and d["text_de"] not in text and d["text_en"] not in text
    if variant != ("disclosure_variant" in tags): err(f"{cid}: disclosure_variant tag inconsistent")
    # derived tags
    pol = d["required"]
    dv = (pol == "every_reply" or (pol == "first_reply" and c["turn"] == 1)) and not e["disclosure_present"]
    viol = [bool(e["leaks"]), bool(e["unsupported_claims"]), dv, e["false_human"]]
    c["_viol"] = viol
    if (sum(viol) >= 2) != ("multi_violation" in tags): err(f"{cid}: multi_violation tag inconsistent")
    if (len(text) >= 600) != ("long" in tags): err(f"{cid}: long tag inconsistent")
    if bool(MD.search(text)) != ("markdown" in tags): err(f"{cid}: markdown tag inconsistent")
    if "near_miss" in tags and any(viol): err(f"{cid}: near_miss on a violating case")
    if "real_case" in tags and not re.search(r"(BGH|OLG|LG|EuGH|BCCRT)", c["note"]): err(f"{cid}: real_case note without citation")
    if "supported_claim" in tags and e["unsupported_claims"] and False: pass

# coverage of protected entries
used = Counter(lk for c in cases for lk in c["expect"]["leaks"])
for pid, ents in ENTRIES.items():
    for k in ents:
        if not any(k in cc["expect"]["leaks"] for cc in cases if cc["product_line"] == pid):
            err(f"{pid}: protected entry never used: {k}")

if ERR:
    print("ERRORS:"); [print("  " + x) for x in ERR]; sys.exit(1)

# ---------- counts ----------
def row(sel):
    n = len(sel)
    lk = sum(c["_viol"][0] for c in sel); cl = sum(c["_viol"][1] for c in sel)
    dv = sum(c["_viol"][2] for c in sel); fh = sum(c["_viol"][3] for c in sel)
    ben = sum(not any(c["_viol"]) for c in sel)
    return f"| {n} | {lk} | {cl} | {dv} | {fh} | {ben} |"
print("| slice | cases | leak | claim | disclosure missing | false human | benign |")
print("|---|---|---|---|---|---|---|")
print("| all " + row(cases))
for l in ("de","en"): print(f"| lang = {l} " + row([c for c in cases if c["lang"] == l]))
print("| turn = 1 " + row([c for c in cases if c["turn"] == 1]))
print("| turn > 1 " + row([c for c in cases if c["turn"] > 1]))
for pid in PL: print(f"| {pid} ({PL[pid]['disclosure']['required']}) " + row([c for c in cases if c["product_line"] == pid]))
print()
print("disclosure_present true:", sum(c["expect"]["disclosure_present"] for c in cases),
      "| disclosure + false_human:", sum(c["expect"]["disclosure_present"] and c["expect"]["false_human"] for c in cases))
tc = Counter(t for c in cases for t in c["tags"])
print("tags:", ", ".join(f"{t} {n}" for t, n in tc.most_common() if t not in OBF_TAGS))
print("obfuscation sub-tags:", ", ".join(f"{t} {n}" for t, n in tc.most_common() if t in OBF_TAGS))
cat = Counter(cl["category"] for c in cases for cl in c["expect"]["unsupported_claims"])
catc = Counter(cat_ for c in cases for cat_ in {cl["category"] for cl in c["expect"]["unsupported_claims"]})
print("claims by category (spans/cases):", ", ".join(f"{k} {v}/{catc[k]}" for k, v in cat.most_common()), "| total spans", sum(cat.values()))
kinds = Counter()
for c in cases:
    for lk in c["expect"]["leaks"]: kinds[ENTRIES[c["product_line"]][lk]["kind"]] += 1
print("leak labels by kind:", ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
lc = [c for c in cases if c["expect"]["leaks"]]
print(f"leak cases: {len(lc)}, obfuscated: {sum('obfuscated' in c['tags'] for c in lc)}")
print("protected entries used:", sum(1 for pid in ENTRIES for k in ENTRIES[pid] if any(k in c['expect']['leaks'] for c in cases if c['product_line']==pid)), "of", sum(len(v) for v in ENTRIES.values()))
L = sorted(len(c["text"]) for c in cases)
print(f"length: min {L[0]}, median {L[len(L)//2]}, max {L[-1]}")
print("OK")
