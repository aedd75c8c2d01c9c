// The body-size benchmark both packages run (bindings-node/bench.mjs, bindings-wasm/bench.mjs):
// `classify` on a JSON error body of 100 B, 64 KiB, 1 MB and 100 MB, as a Uint8Array and as a
// string with non-ASCII text; time per call (median) and the extra peak memory (the process's
// peak RSS after the calls less the RSS before them, the body already built; Linux's
// /proc/self/clear_refs resets the peak), and the ratio of each
// size's time to the 64 KiB one's, measured in the same run. The core reads a 64 KiB prefix, so
// every size past it should cost what 64 KiB costs, with no extra memory.

const SIZES = [
  ['100 B', 100],
  ['64 KiB', 64 * 1024],
  ['1 MB', 1024 * 1024],
  ['100 MB', 100 * 1024 * 1024],
];

/** A JSON error body of about `size` bytes; `wide` makes it non-ASCII (é is two bytes). */
function jsonBody(size, wide) {
  const head = '{"code":"validation_error","message":"Field is invalid","request_id":"req_1","metadata":{"errors":[';
  const item = wide ? '"champ invalidé",' : '"field is invalid",';
  const tail = '"last"]}}';
  const n = Math.max(0, Math.ceil((size - head.length - tail.length) / (item.length + (wide ? 1 : 0))));
  return head + item.repeat(n) + tail;
}

import { readFileSync, writeFileSync } from 'node:fs';

/** Resets the peak RSS to the current RSS where Linux allows it, so building the body does not hide what the calls add. */
function resetPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {}
}

function peakKiB() {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {}
  return process.resourceUsage().maxRSS;
}

function timeCalls(fn, minMs) {
  const samples = [];
  const start = performance.now();
  while (samples.length < 5 || (performance.now() - start < minMs && samples.length < 2000)) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

/** Runs the size comparison for `label`; prints a table. */
export function runSizes(label, api) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const rows = [];
  let sink = 0;
  for (const form of ['Uint8Array', 'string (non-ASCII)']) {
    let base = null;
    for (const [name, size] of SIZES) {
      const text = jsonBody(size, form !== 'Uint8Array');
      // Decoded, as a body read from the wire is: a flat string (the one built above is a rope
      // that V8 would flatten, once, on first use).
      const bytes = encoder.encode(text);
      const body = form === 'Uint8Array' ? bytes : decoder.decode(bytes);
      resetPeak();
      const before = peakKiB();
      const ms = timeCalls(() => (sink += api.classify(400, body, { 'content-type': 'application/json' }).status), size > 2e6 ? 300 : 150);
      const extra = peakKiB() - before;
      if (name === '64 KiB') base = ms;
      rows.push({
        body: form,
        size: name,
        [`${label} µs/call`]: +(ms * 1000).toFixed(1),
        'vs 64 KiB': base === null ? '' : +(ms / base).toFixed(2),
        'extra peak MB': +(extra / 1024).toFixed(1),
      });
    }
  }
  console.table(rows);
  if (sink === 0) console.log('');
  const big = rows.filter((r) => r.size === '100 MB');
  for (const r of big) {
    const ok = r['vs 64 KiB'] <= 2 && r['extra peak MB'] <= 1;
    console.log(`${ok ? 'OK  ' : 'MISS'} ${label} 100 MB ${r.body}: ${r['vs 64 KiB']}× the 64 KiB time, +${r['extra peak MB']} MB peak (target ≤ 2×, ≤ 1 MB)`);
  }
}
