#!/usr/bin/env python3
"""Validate this folder's product_lines.yaml and cases.jsonl and print the counts for the README.
Usage: python3 check_corpus.py [folder]   (default: the folder of this script)"""
import json, re, sys, os, unicodedata
from collections import Counter
import yaml

D = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
BASE_TAGS = {'near_miss', 'trap', 'supported_claim', 'negation', 'real_case', 'mixed_language', 'disclosure_variant',
             'disguised_notice', 'qualifier_dropped', 'ai_feature', 'obfuscated', 'long', 'markdown', 'multi_violation'}
OBF_TAGS = {'case', 'inflection', 'compound', 'hyphen_split', 'nb_hyphen', 'letter_spacing', 'number_words', 'number_format',
            'paraphrase', 'translation', 'leetspeak', 'umlaut_translit', 'soft_hyphen', 'defanged', 'partial', 'zero_width', 'homoglyph'}
CATS = {'absolute_safety', 'guarantee', 'superlative', 'test_seal', 'health', 'environmental', 'comparative', 'price',
        'availability', 'certification', 'spec_exceeded', 'origin', 'legal_advice', 'other'}
PL_KEYS = {'id', 'name', 'languages', 'facts', 'certifications', 'guarantee', 'approved_claims', 'protected_terms',
           'allowed_terms', 'disclosure'}
SPECIAL = re.compile('[\u200b\u200c\u200d\u2060\u00ad\u2011\u0400-\u04ff\u0370-\u03ff\uff00-\uffef]')
MD = re.compile(r'(^|\n)\s*([-*•]|\d+\.)\s|\*\*|(^|\n)#+\s|`|\[[^\]]+\]\([^)]+\)|\|.*\|')
errors = []
def err(m): errors.append(m)

Y = yaml.safe_load(open(os.path.join(D, 'product_lines.yaml'), encoding='utf-8'))
assert set(Y) == {'company', 'product_lines'}, set(Y)
PL = {}
for p in Y['product_lines']:
    if set(p) != PL_KEYS: err(f"{p.get('id')}: keys {set(p) ^ PL_KEYS}")
    for f in p['facts']:
        if not {'key', 'label_de', 'label_en', 'value'} <= set(f) or set(f) - {'key', 'label_de', 'label_en', 'value', 'unit', 'qualifier'}:
            err(f"{p['id']}: fact keys {f}")
    if not (6 <= len(p['facts']) <= 10): err(f"{p['id']}: {len(p['facts'])} facts")
    if not (10 <= len(p['protected_terms']) <= 18): err(f"{p['id']}: {len(p['protected_terms'])} protected terms")
    for e in p['protected_terms']:
        if ('term' in e) == ('pattern' in e) or 'kind' not in e or set(e) - {'term', 'pattern', 'kind', 'note'}:
            err(f"{p['id']}: bad protected entry {e}")
        if 'pattern' in e: re.compile(e['pattern'])
        if not re.fullmatch(r'[a-z][a-z0-9_]*', e['kind']): err(f"kind {e['kind']}")
    d = p['disclosure']
    if d['required'] not in ('first_reply', 'every_reply', 'never') or set(d) != {'required', 'text_de', 'text_en'}:
        err(f"{p['id']}: disclosure {d}")
    PL[p['id']] = p

ids = set(); rows = []
for n, line in enumerate(open(os.path.join(D, 'cases.jsonl'), encoding='utf-8'), 1):
    r = json.loads(line); rows.append(r)
    cid = r.get('id')
    if set(r) != {'id', 'product_line', 'lang', 'turn', 'text', 'expect', 'tags', 'note'}: err(f"{cid}: keys {set(r)}")
    if cid in ids: err(f"dup id {cid}")
    ids.add(cid)
    p = PL.get(r['product_line'])
    if not p: err(f"{cid}: product line"); continue
    if r['lang'] not in p['languages']: err(f"{cid}: lang")
    if not isinstance(r['turn'], int) or r['turn'] < 1: err(f"{cid}: turn")
    e = r['expect']
    if set(e) != {'leaks', 'unsupported_claims', 'disclosure_present', 'false_human'}: err(f"{cid}: expect keys")
    if not isinstance(e['disclosure_present'], bool) or not isinstance(e['false_human'], bool): err(f"{cid}: bools")
    t = r['text']
    for cl in e['unsupported_claims']:
        if set(cl) != {'text', 'category'} or cl['category'] not in CATS: err(f"{cid}: claim {cl}")
        if t.count(cl['text']) != 1: err(f"{cid}: claim text occurs {t.count(cl['text'])}x: {cl['text']!r}")
    entries = {x.get('term') or x.get('pattern'): x for x in p['protected_terms']}
    for lk in e['leaks']:
        if lk not in entries: err(f"{cid}: unknown leak {lk!r}"); continue
        if 'obfuscated' not in r['tags']:
            x = entries[lk]
            ok = re.search(x['pattern'], t) if 'pattern' in x else (lk in t)
            if not ok: err(f"{cid}: plain leak {lk!r} not found literally")
    for tg in r['tags']:
        if tg not in BASE_TAGS | OBF_TAGS: err(f"{cid}: unknown tag {tg}")
    if (set(r['tags']) & (OBF_TAGS - {'zero_width', 'homoglyph'})) and 'obfuscated' not in r['tags']: err(f"{cid}: obf subtag without obfuscated")
    if 'obfuscated' in r['tags'] and not e['leaks']: err(f"{cid}: obfuscated without leak")
    if SPECIAL.search(t) and not (set(r['tags']) & {'obfuscated', 'disguised_notice'}): err(f"{cid}: special chars untagged")
    if not r['note']: err(f"{cid}: empty note")
    # configured notice => disclosure_present
    for k in ('text_de', 'text_en'):
        if p['disclosure'][k] in t and not e['disclosure_present']: err(f"{cid}: configured notice but disclosure_present false")
    # derived
    req = p['disclosure']['required']
    dv = (req == 'every_reply' or (req == 'first_reply' and r['turn'] == 1)) and not e['disclosure_present']
    checks = [bool(e['leaks']), bool(e['unsupported_claims']), dv, e['false_human']]
    r['_checks'] = checks
    if 'near_miss' in r['tags'] and any(checks): err(f"{cid}: near_miss on violating case")
    if ('multi_violation' in r['tags']) != (sum(checks) >= 2): err(f"{cid}: multi_violation tag inconsistent")
    if ('long' in r['tags']) != (len(t) >= 600): err(f"{cid}: long tag inconsistent")
    if ('markdown' in r['tags']) != bool(MD.search(t)): err(f"{cid}: markdown tag inconsistent")
    if 'real_case' in r['tags'] and not re.search(r'(I ZR|O \d|U \d|C-\d|BCCRT|I-\d)', r['note']): err(f"{cid}: real_case without citation")

used = Counter()
for r in rows:
    for lk in r['expect']['leaks']: used[(r['product_line'], lk)] += 1
for pid, p in PL.items():
    for x in p['protected_terms']:
        k = x.get('term') or x.get('pattern')
        if not used[(pid, k)]: print(f"note: protected entry never leaked: {pid} {k!r}")

if errors:
    print('ERRORS:'); [print(' ', m) for m in errors]; sys.exit(1)

# ---- counts ----
N = len(rows)
def line(label, sel):
    s = [r for r in rows if sel(r)]
    c = [sum(r['_checks'][i] for r in s) for i in range(4)]
    ben = sum(1 for r in s if not any(r['_checks']))
    print(f"| {label} | {len(s)} | {c[0]} | {c[1]} | {c[2]} | {c[3]} | {ben} |")
print(f"OK: {N} cases, no errors\n")
print("| slice | cases | leak | claim | disclosure missing | false human | benign |\n|---|---|---|---|---|---|---|")
line('all', lambda r: True)
for lg in ('de', 'en'): line(f'lang = {lg}', lambda r, lg=lg: r['lang'] == lg)
line('turn = 1', lambda r: r['turn'] == 1); line('turn > 1', lambda r: r['turn'] > 1)
for pid in PL: line(f"{pid} ({PL[pid]['disclosure']['required']})", lambda r, pid=pid: r['product_line'] == pid)
print(f"\nde share {sum(r['lang']=='de' for r in rows)/N:.0%}, turn-1 share {sum(r['turn']==1 for r in rows)/N:.0%}, "
      f"disclosure_present true {sum(r['expect']['disclosure_present'] for r in rows)}, "
      f"disclosure+false_human {sum(r['expect']['disclosure_present'] and r['expect']['false_human'] for r in rows)}")
L = sorted(len(r['text']) for r in rows)
print(f"length: min {L[0]} median {L[N//2]} max {L[-1]}")
print("\ntags:", dict(Counter(t for r in rows for t in r['tags']).most_common()))
print("claim categories:", dict(Counter(c['category'] for r in rows for c in r['expect']['unsupported_claims']).most_common()))
kinds = Counter()
for r in rows:
    ent = {x.get('term') or x.get('pattern'): x['kind'] for x in PL[r['product_line']]['protected_terms']}
    for lk in r['expect']['leaks']: kinds[ent[lk]] += 1
print("leak labels by kind:", dict(kinds.most_common()))
print(f"protected entries used: {len(used)} of {sum(len(p['protected_terms']) for p in PL.values())}")
