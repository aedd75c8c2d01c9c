// `npm run build` for errtriage (the Node package): the native addon for this machine —
// cargo build --release of errtriage-node, stripped, written as the per-platform package
// npm/<platform>/ (errtriage.<platform>.node and a package.json with its os/cpu/libc, which
// `npm pack` there turns into errtriage-<platform>-<version>.tgz) — then the package itself in
// dist/: the WebAssembly fallback (wasm-bindgen --target nodejs: CommonJS glue that reads the
// .wasm synchronously), the shared JS layer as CommonJS, and the entries.
//   node scripts/build.mjs            both
//   node scripts/build.mjs --native   only npm/<platform>/ (the CI jobs of other platforms)

import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWasm, cargoTargetDir, checkVersion, copyEntries, copyShared, freshDir, kb, run, sizes } from '../../js/build.mjs';
import { writePlatformPackage } from './platform-package.mjs';

const PACKAGE = dirname(dirname(fileURLToPath(import.meta.url)));
const DIST = join(PACKAGE, 'dist');
const { currentPlatform } = createRequire(import.meta.url)('../entry/platforms.cjs');
const LIBRARY = { linux: 'liberrtriage_node.so', darwin: 'liberrtriage_node.dylib', win32: 'errtriage_node.dll' }[process.platform];

const pkg = checkVersion(PACKAGE);
const platform = currentPlatform();
if (!LIBRARY || !platform) throw new Error(`build: no addon package is defined for ${process.platform}-${process.arch} (entry/platforms.cjs)`);

// Symbols stripped: the addon ships without them (a third of the size).
run('cargo', ['build', '--release', '-p', 'errtriage-node'], { env: { ...process.env, CARGO_PROFILE_RELEASE_STRIP: 'symbols' } });
const addon = writePlatformPackage(platform, join(cargoTargetDir(), 'release', LIBRARY));
const native = sizes(addon);
console.log(`${addon.slice(PACKAGE.length + 1)}: ${kb(native.raw)} (${kb(native.gzip)} gzipped)`);

if (!process.argv.includes('--native')) {
  freshDir(DIST);
  const { after } = buildWasm(PACKAGE, join(DIST, 'wasm'), 'nodejs');
  copyShared(DIST, 'cjs', pkg.version);
  copyFileSync(join(PACKAGE, 'entry', 'platforms.cjs'), join(DIST, 'platforms.cjs'));
  copyEntries(PACKAGE, DIST, ['index.cjs', 'index.mjs']);
  console.log(`dist/wasm/errtriage_wasm_bg.wasm (the fallback): ${kb(after.raw)} (${kb(after.gzip)} gzipped)`);
}
