// `npm run build` for errtriage-wasm: cargo (wasm32-unknown-unknown, profile wasm-release:
// opt-level z, lto, codegen-units 1), wasm-bindgen --target web at exactly the crate's
// version, wasm-opt -Oz (npm binaryen; Debian's is broken, TOOLCHAIN.md), then the shared JS
// layer and the entries into dist/. Prints the .wasm's raw and gzipped size and warns past
// the gzip budget (bindings-wasm/test.sh fails on it; the budget's history is in test.sh).

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO, cargoTargetDir, checkVersion, copyEntries, copyShared, freshDir, kb, run, sizes } from '../../js/build.mjs';

const PACKAGE = dirname(dirname(fileURLToPath(import.meta.url)));
const DIST = join(PACKAGE, 'dist');
const GZIP_BUDGET = 160 * 1024;

const pkg = checkVersion(PACKAGE);
// ERRTRIAGE_WASM_OPT=3 builds for speed instead (opt-level 3 and wasm-opt -O3), to measure one
// against the other (issue 15; the numbers and the choice are in the README). The package ships -Oz.
const level = process.env.ERRTRIAGE_WASM_OPT ?? 'z';
if (!['z', 's', '3'].includes(level)) throw new Error(`build: ERRTRIAGE_WASM_OPT is z, s or 3, not ${level}`);
const cargoEnv = level === 'z' ? process.env : { ...process.env, CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL: level };

// wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
const lock = readFileSync(join(REPO, 'Cargo.lock'), 'utf8');
const pinned = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)?.[1];
const cli = spawnSync('wasm-bindgen', ['--version'], { encoding: 'utf8' });
const have = cli.status === 0 ? cli.stdout.trim().split(/\s+/)[1] : null;
if (!pinned || have !== pinned) {
  console.error(`build: wasm-bindgen CLI ${have ?? 'not found'}, crate ${pinned}; run: cargo install wasm-bindgen-cli --version ${pinned}`);
  process.exit(1);
}

run('cargo', ['build', '-p', 'errtriage-wasm', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm-release'], { env: cargoEnv });
const built = join(cargoTargetDir(), 'wasm32-unknown-unknown', 'wasm-release', 'errtriage_wasm.wasm');

freshDir(DIST);
const wasmDir = join(DIST, 'wasm');
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', wasmDir, '--out-name', 'errtriage_wasm', built]);
const wasm = join(wasmDir, 'errtriage_wasm_bg.wasm');
const before = sizes(wasm);
const wasmOpt = join(PACKAGE, 'node_modules', '.bin', 'wasm-opt');
if (!existsSync(wasmOpt)) {
  console.error('build: node_modules/.bin/wasm-opt missing; run `npm install` first (devDependency binaryen)');
  process.exit(1);
}
run(wasmOpt, [`-O${level}`, '--converge', '--strip-debug', '--strip-producers', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', wasm, '-o', wasm]);

copyShared(DIST, 'esm', pkg.version);
copyEntries(PACKAGE, DIST, ['web.mjs', 'node.mjs']);

const after = sizes(wasm);
console.log(`errtriage_wasm_bg.wasm: ${kb(after.raw)} raw, ${kb(after.gzip)} gzipped (before wasm-opt: ${kb(before.raw)} raw, ${kb(before.gzip)} gzipped)`);
if (after.gzip > GZIP_BUDGET) {
  // A warning here (the package is still usable); test.sh fails on it.
  console.warn(`build: WARNING: the .wasm is ${kb(after.gzip)} gzipped, over the ${kb(GZIP_BUDGET)} budget`);
}
