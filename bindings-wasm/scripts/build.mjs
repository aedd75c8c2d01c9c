// `npm run build` for errtriage-wasm: cargo (wasm32-unknown-unknown, profile wasm-release:
// opt-level z, lto, codegen-units 1), wasm-bindgen --target web at exactly the crate's
// version, wasm-opt -Oz (npm binaryen; Debian's is broken, TOOLCHAIN.md) — js/build.mjs
// buildWasm — then the shared JS layer and the entries into dist/. Prints the .wasm's raw and
// gzipped size and warns past the gzip budget (bindings-wasm/test.sh fails on it; the
// budget's history is in test.sh).

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWasm, checkVersion, copyEntries, copyShared, freshDir, kb } from '../../js/build.mjs';

const PACKAGE = dirname(dirname(fileURLToPath(import.meta.url)));
const DIST = join(PACKAGE, 'dist');
const GZIP_BUDGET = 176 * 1024; // bindings-wasm/test.sh holds the budget and its history

const pkg = checkVersion(PACKAGE);
freshDir(DIST);
const { before, after } = buildWasm(PACKAGE, join(DIST, 'wasm'), 'web');
copyShared(DIST, 'esm', pkg.version);
copyEntries(PACKAGE, DIST, ['web.mjs', 'node.mjs']);

console.log(`errtriage_wasm_bg.wasm: ${kb(after.raw)} raw, ${kb(after.gzip)} gzipped (before wasm-opt: ${kb(before.raw)} raw, ${kb(before.gzip)} gzipped)`);
if (after.gzip > GZIP_BUDGET) {
  // A warning here (the package is still usable); test.sh fails on it.
  console.warn(`build: WARNING: the .wasm is ${kb(after.gzip)} gzipped, over the ${kb(GZIP_BUDGET)} budget`);
}
