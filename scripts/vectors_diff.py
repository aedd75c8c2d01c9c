#!/usr/bin/env python3
"""Shows where the model's verdicts differ from the verdict vectors (tests/vectors/*.json), and with
--write records the model's verdicts as the new expectations. A maintainer's tool for named fixes:
every change it writes must be explained in the commit that carries it."""
import json, subprocess, sys, pathlib, argparse

root = pathlib.Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument('files', nargs='*')
ap.add_argument('--write', action='store_true')
ap.add_argument('--cli', default=str(root / 'target/debug/errtriage'))
a = ap.parse_args()
files = [pathlib.Path(f) for f in a.files] or sorted((root / 'tests/vectors').glob('*.json'))
for f in files:
    doc = json.loads(f.read_text())
    cases = [c for c in doc.get('cases', []) if 'input' in c and ('expect' in c or 'expect_partial' in c)]
    if not cases:
        continue
    lines = '\n'.join(json.dumps(c['input']) for c in cases) + '\n'
    out = subprocess.run([a.cli, 'classify'], input=lines.encode(), capture_output=True).stdout.decode().split('\n')
    changed = 0
    for c, got in zip(cases, out):
        g = json.loads(got)
        if 'expect_partial' in c:
            bad = {k: (v, g.get(k)) for k, v in c['expect_partial'].items() if g.get(k) != v}
            if bad:
                print(f'{f.name}: {c["name"]}: PARTIAL MISMATCH {bad}')
            if a.write and not bad:
                c['expect'] = g
            continue
        e = c['expect']
        if g != e:
            changed += 1
            diff = {k: (e.get(k), g.get(k)) for k in set(e) | set(g) if e.get(k) != g.get(k)}
            print(f'{f.name}: {c["name"]}: {diff}')
            if a.write:
                c['expect'] = g
    if a.write:
        f.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + '\n')
