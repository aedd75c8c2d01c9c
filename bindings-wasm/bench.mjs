// Benchmark: the WebAssembly package's `classify` in Node against the pure-JS baseline on the
// same bodies (js/bench), string and Uint8Array. Target: at most 1.0× the pure-JS time for
// Uint8Array bodies. Run after `npm run build`:
//   node bench.mjs
// Then every body size (js/bench/sizes.mjs): 100 B to 100 MB, time and extra peak memory.
import * as errtriage from './dist/node.mjs';
import { run } from '../js/bench/harness.mjs';
import { runSizes } from '../js/bench/sizes.mjs';

run('wasm', errtriage, { target: { Uint8Array: 1.0 } });
runSizes('wasm', errtriage);
