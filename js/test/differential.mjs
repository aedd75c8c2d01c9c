// The JS runner of the differential test (issue 11 §7, scripts/differential.sh), for both
// packages: js/test/run.sh copies it into the scratch project after installing the package.
//   node differential.mjs <node|wasm> IN OUT
// Reads an NDJSON file of JSON-form inputs and writes, per line, `classifyJson(line)` or the
// error as {"error":{"kind":…,"field":…,"message":…}}, the form every language's runner
// writes: the package's error classes mapped back to the core's kind names.
import { readFileSync, writeFileSync } from 'node:fs';

import { ERROR_CLASS } from './vectors.mjs';

const NAMES = { node: 'errtriage', wasm: 'errtriage-wasm' };
const [target, input, output] = process.argv.slice(2);
if (!NAMES[target] || !input || !output) {
  console.error('usage: node differential.mjs <node|wasm> IN OUT');
  process.exit(2);
}
const KIND = Object.fromEntries(Object.entries(ERROR_CLASS).map(([kind, name]) => [name, kind]));

const api = await import(NAMES[target]);
await api.init();

const lines = readFileSync(input, 'utf8').split('\n');
if (lines.at(-1) === '') lines.pop();
const out = [];
for (const line of lines) {
  try {
    out.push(api.classifyJson(line));
  } catch (error) {
    const kind = KIND[error.constructor.name] ?? `unmapped ${error.constructor.name}`;
    out.push(JSON.stringify({ error: { kind, field: error.field ?? null, message: error.message } }));
  }
}
writeFileSync(output, out.map((l) => `${l}\n`).join(''));
console.error(`${target}: ${lines.length} inputs`);
