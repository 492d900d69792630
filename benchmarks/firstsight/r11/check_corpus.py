#!/usr/bin/env python3
"""Validate product_lines.yaml and cases.jsonl in this folder and print counts for the README."""
import json, re, sys, os, collections, unicodedata
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ERR = []
def err(msg): ERR.append(msg)

CATS = {"absolute_safety","guarantee","superlative","test_seal","health","environmental","comparative","price",
        "availability","certification","spec_exceeded","origin","legal_advice","other"}
BASE_TAGS = {"near_miss","supported_claim","negation","mixed_language","real_case","obfuscated",
             "disclosure_variant","qualifier_dropped"}
DERIVED_TAGS = {"long","markdown","multi_violation"}
OBF_TAGS = {"case","inflection","compound","hyphen_split","spacing","umlaut_translit","homoglyph","zero_width",
            "soft_hyphen","leetspeak","line_break","markdown_split","number_words","number_format","translation",
            "paraphrase"}
TAGS = BASE_TAGS | DERIVED_TAGS | OBF_TAGS
SPECIAL = re.compile("[\u200b\u200c\u2060\u00ad\u0400-\u04ff]")

# ---------- YAML ----------
Y = yaml.safe_load(open(os.path.join(HERE, "product_lines.yaml"), encoding="utf-8"))
if set(Y) != {"company", "product_lines"}: err(f"top-level keys {set(Y)}")
PL_KEYS = {"id","name","languages","facts","certifications","guarantee","approved_claims","protected_terms",
           "allowed_terms","disclosure"}
lines = {}
for p in Y["product_lines"]:
    if set(p) != PL_KEYS: err(f"{p.get('id')}: keys {set(p) ^ PL_KEYS}")
    if p["languages"] != ["de","en"]: err(f"{p['id']}: languages")
    for f in p["facts"]:
        if not {"key","label_de","label_en","value"} <= set(f) or set(f) - {"key","label_de","label_en","value","unit","qualifier"}:
            err(f"{p['id']}: fact keys {f.get('key')}")
    if not isinstance(p["guarantee"], str): err(f"{p['id']}: guarantee not a string")
    entries = {}
    for t in p["protected_terms"]:
        ks = set(t)
        if ("term" in t) == ("pattern" in t): err(f"{p['id']}: entry needs term xor pattern: {t}")
        if ks - {"term","pattern","kind","note"}: err(f"{p['id']}: entry keys {ks}")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", t.get("kind","")): err(f"{p['id']}: kind {t.get('kind')}")
        if "pattern" in t:
            try: re.compile(t["pattern"])
            except re.error as e: err(f"{p['id']}: regex {t['pattern']}: {e}")
        entries[t.get("term", t.get("pattern"))] = t
    d = p["disclosure"]
    if set(d) != {"required","text_de","text_en"} or d["required"] not in {"first_reply","every_reply","never"}:
        err(f"{p['id']}: disclosure")
    lines[p["id"]] = dict(entries=entries, policy=d["required"], texts=[d["text_de"], d["text_en"]])

# ---------- cases ----------
cases = []
with open(os.path.join(HERE, "cases.jsonl"), encoding="utf-8") as fh:
    for n, line in enumerate(fh, 1):
        try: cases.append(json.loads(line))
        except Exception as e: err(f"line {n}: {e}")
ids = collections.Counter(c["id"] for c in cases)
for i, k in ids.items():
    if k > 1: err(f"duplicate id {i}")

def violations(c):
    e = c["expect"]; pol = lines[c["product_line"]]["policy"]
    dv = (pol == "every_reply" or (pol == "first_reply" and c["turn"] == 1)) and not e["disclosure_present"]
    return dict(leak=bool(e["leaks"]), claim=bool(e["unsupported_claims"]), disclosure=dv, false_human=e["false_human"])

for c in cases:
    cid = c.get("id")
    if set(c) != {"id","product_line","lang","turn","text","expect","tags","note"}: err(f"{cid}: keys {set(c)}"); continue
    e = c["expect"]
    if set(e) != {"leaks","unsupported_claims","disclosure_present","false_human"}: err(f"{cid}: expect keys")
    if c["product_line"] not in lines: err(f"{cid}: product line"); continue
    if c["lang"] not in ("de","en"): err(f"{cid}: lang")
    if not isinstance(c["turn"], int) or isinstance(c["turn"], bool) or c["turn"] < 1: err(f"{cid}: turn")
    if not isinstance(e["disclosure_present"], bool) or not isinstance(e["false_human"], bool): err(f"{cid}: bools")
    if not c["note"].strip(): err(f"{cid}: empty note")
    L = lines[c["product_line"]]
    for cl in e["unsupported_claims"]:
        if set(cl) != {"text","category"}: err(f"{cid}: claim keys")
        if cl["category"] not in CATS: err(f"{cid}: category {cl['category']}")
        k = c["text"].count(cl["text"])
        if k != 1: err(f"{cid}: claim text occurs {k}x: {cl['text']!r}")
    obf = "obfuscated" in c["tags"]
    for lk in e["leaks"]:
        if lk not in L["entries"]: err(f"{cid}: unknown leak entry {lk!r}"); continue
        ent = L["entries"][lk]
        if not obf:
            if "pattern" in ent and not re.search(ent["pattern"], c["text"]): err(f"{cid}: plain regex leak not matched")
            if "term" in ent and ent["term"] not in c["text"]: err(f"{cid}: plain term leak not literal")
    for t in c["tags"]:
        if t not in TAGS: err(f"{cid}: unknown tag {t}")
    if obf and not (set(c["tags"]) & OBF_TAGS): err(f"{cid}: obfuscated without sub-tag")
    if (set(c["tags"]) & OBF_TAGS) and not obf: err(f"{cid}: sub-tag without obfuscated")
    if obf and not e["leaks"]: err(f"{cid}: obfuscated but no leak")
    v = violations(c); nv = sum(v.values())
    if "near_miss" in c["tags"] and nv: err(f"{cid}: near_miss on violating case")
    if ("multi_violation" in c["tags"]) != (nv >= 2): err(f"{cid}: multi_violation inconsistent")
    if ("long" in c["tags"]) != (len(c["text"]) >= 600): err(f"{cid}: long tag inconsistent")
    if SPECIAL.search(c["text"]) and not obf: err(f"{cid}: special characters in non-obfuscated case")
    if any(t in c["text"] for t in L["texts"]) and not e["disclosure_present"]: err(f"{cid}: configured notice present but label false")
    if "real_case" in c["tags"] and not re.search(r"Real cases? .*(I ZR|C-\d|O \d|U \d|BCCRT)", c["note"]): err(f"{cid}: real_case note without citation")
    if len(c["text"]) > 1800: err(f"{cid}: text longer than 1800")

# ---------- counts ----------
def row(sel):
    r = collections.Counter()
    for c in sel:
        v = violations(c); r["cases"] += 1
        for k, b in v.items(): r[k] += b
        r["benign"] += not any(v.values())
        r["turn1"] += c["turn"] == 1
        r["disclosure_present"] += c["expect"]["disclosure_present"]
        r["multi"] += sum(v.values()) >= 2
    return r
cols = ["cases","leak","claim","disclosure","false_human","benign","turn1","disclosure_present","multi"]
print("| slice | " + " | ".join(cols) + " |"); print("|---" * (len(cols)+1) + "|")
slices = [("all", cases)] + [(f"lang={l}", [c for c in cases if c["lang"]==l]) for l in ("de","en")] + \
         [("turn=1", [c for c in cases if c["turn"]==1]), ("turn>1", [c for c in cases if c["turn"]>1])] + \
         [(f"{p} ({lines[p]['policy']})", [c for c in cases if c["product_line"]==p]) for p in lines]
for name, sel in slices:
    r = row(sel); print(f"| {name} | " + " | ".join(str(r[k]) for k in cols) + " |")
print()
tagc = collections.Counter(t for c in cases for t in c["tags"])
print("tags:", ", ".join(f"{t} {n}" for t, n in tagc.most_common() if t not in OBF_TAGS))
print("obfuscation sub-tags:", ", ".join(f"{t} {n}" for t, n in tagc.most_common() if t in OBF_TAGS))
catc = collections.Counter(cl["category"] for c in cases for cl in c["expect"]["unsupported_claims"])
catcases = collections.Counter(cat for c in cases for cat in {cl["category"] for cl in c["expect"]["unsupported_claims"]})
print("claims by category (spans / cases):", ", ".join(f"{k} {n}/{catcases[k]}" for k, n in catc.most_common()),
      "| total spans", sum(catc.values()))
kinds = collections.Counter(); used = set()
for c in cases:
    for lk in c["expect"]["leaks"]:
        ent = lines[c["product_line"]]["entries"].get(lk)
        if ent: kinds[ent["kind"]] += 1; used.add((c["product_line"], lk))
total_entries = sum(len(l["entries"]) for l in lines.values())
print("leak labels by kind:", ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
print(f"protected entries used: {len(used)} of {total_entries}")
for p, l in lines.items():
    unused = [k for k in l["entries"] if (p, k) not in used]
    if unused: print(f"  unused in {p}: {unused}")
lk = [c for c in cases if c["expect"]["leaks"]]
print(f"obfuscated leak cases: {sum('obfuscated' in c['tags'] for c in lk)} of {len(lk)}")
both = sum(c["expect"]["disclosure_present"] and c["expect"]["false_human"] for c in cases)
print(f"disclosure_present and false_human: {both}")
lens = sorted(len(c["text"]) for c in cases)
print(f"length: min {lens[0]} median {lens[len(lens)//2]} max {lens[-1]}")
print()
if ERR:
    print(f"{len(ERR)} ERRORS:"); [print("  " + e) for e in ERR]; sys.exit(1)
print("OK: no errors")
