#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from tests/vectors/**/*.json (generated at run time, not committed):
#   classify_json      each case's input in the JSON form, and every input_text
#   typed_input,       each case's input in the byte format of fuzz/src/lib.rs
#   escalation_report
#   rules_document     every user_rules document, invalid document, and built-in rules file
# Files are named by their content's sha1, so seeding again adds nothing twice.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 - "$@" <<'PY'
import base64, glob, re, hashlib, json, os, struct

KINDS = ["dns", "connect", "tls", "timeout", "reset", "other"]
AUTHS = ["bearer", "basic", "api_key", "none"]
counts = {}

def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    d = os.path.join("fuzz", "corpus", target)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, hashlib.sha1(data).hexdigest())
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
        counts[target] = counts.get(target, 0) + 1

def typed(i):
    """The byte format of fuzz/src/lib.rs, or None for an input it cannot say."""
    if not isinstance(i, dict):
        return None
    req = i.get("request") or {}
    t = i.get("transport")
    lc = i.get("lifecycle")
    status = i.get("status")
    if lc is not None:
        mode = 2
    elif t is not None and status is not None:
        mode = 3
    elif t is not None:
        mode = 1
    else:
        mode = 0
    if mode in (0, 3) and not (isinstance(status, int) and 100 <= status <= 599):
        return None
    t = t or {}
    lc = lc or {}
    flags = mode
    texts = [None] * 6
    for bit, idx, val in ((2, 1, req.get("method")), (3, 2, req.get("endpoint")),
                          (4, 3, req.get("idempotency_key")), (5, 4, t.get("detail")),
                          (6, 5, lc.get("event"))):
        if isinstance(val, str):
            flags |= 1 << bit
            texts[idx] = val
    now = i.get("now")
    if isinstance(now, int):
        flags |= 1 << 7
    kind = KINDS.index(t["kind"]) if t.get("kind") in KINDS else 0
    sent = {False: 0, True: 1}.get(t.get("sent"), 2)
    fresh = {False: 1, True: 2}.get(req.get("token_fresh"), 0)
    auth = AUTHS.index(req["auth"]) + 1 if req.get("auth") in AUTHS else 0
    attempt = req.get("attempt") if isinstance(req.get("attempt"), int) else 0
    fixed = bytes([flags]) + struct.pack("<H", (status or 100) - 100 if mode in (0, 3) else 0)
    fixed += bytes([kind | sent << 3 | fresh << 5, auth | (min(attempt, 31) << 3)])
    fixed += struct.pack("<q", now if isinstance(now, int) else 0)
    headers = i.get("headers") or {}
    pairs = headers.items() if isinstance(headers, dict) else headers
    texts[0] = "\n".join(f"{p[0]}: {p[1]}" for p in pairs if len(p) == 2)
    if "body_base64" in i:
        body = base64.b64decode(i["body_base64"])
    else:
        body = (i.get("body") or "").encode("utf-8", "surrogatepass")
    enc = lambda s: (s or "").replace("\0", "").encode("utf-8", "surrogatepass")
    return fixed + b"\0".join(enc(s) for s in texts) + b"\0" + body

for path in sorted(glob.glob("tests/vectors/**/*.json", recursive=True)):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if "rules" in doc:
        put("rules_document", json.dumps(doc["rules"]))
    for case in doc.get("cases", []):
        if "rules_text" in case:
            put("rules_document", case["rules_text"])
        if "input_text" in case:
            put("classify_json", case["input_text"])
        i = case.get("input")
        if i is None:
            continue
        put("classify_json", json.dumps(i, ensure_ascii=False))
        b = typed(i)
        if b is not None:
            put("typed_input", b)
            put("escalation_report", b)
for path in sorted(glob.glob("core/src/rules/builtin/*.json") + glob.glob("core/src/evidence/*.json")):
    with open(path, encoding="utf-8") as f:
        text = f.read()
        put("rules_document", text)
        # The same rules under a family of one's own, as a user would copy them.
        put("rules_document", re.sub(r'"id": *"([a-z0-9_-]+)\.', r'"id": "copy_\1.', text))
for t in ("classify_json", "typed_input", "rules_document", "escalation_report"):
    n = len(os.listdir(os.path.join("fuzz", "corpus", t)))
    print(f"seed {t}: {n} files ({counts.get(t, 0)} new)")
PY
