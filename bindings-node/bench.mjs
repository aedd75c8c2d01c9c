// Benchmark: the native addon's `classify` against the pure-JS baseline on the same bodies
// (js/bench). Target: at most 0.75× the pure-JS time. Run after `npm run build`:
//   node bench.mjs
// Then every body size (js/bench/sizes.mjs): 100 B to 100 MB, time and extra peak memory.
import * as errtriage from './dist/index.mjs';
import { run } from '../js/bench/harness.mjs';
import { runSizes } from '../js/bench/sizes.mjs';

run('native', errtriage, { target: { string: 0.75, Uint8Array: 0.75 } });
runSizes('native', errtriage);
