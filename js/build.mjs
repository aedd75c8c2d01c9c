// Build steps shared by both JS packages (bindings-node, bindings-wasm): run cargo, find its
// target directory, check versions, build the WebAssembly half (the wasm package's, and the
// fallback inside the Node package), copy the shared JS layer (js/api.js, js/index.d.ts, and
// js/adapters.js, the axios/ky/got adapters) into a package's dist/ — as ESM, or as CommonJS
// for the addon's `require` entry — and write the one export list into the entries.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const JS_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO = dirname(JS_DIR);

/** Runs a command, echoing it; exits the build on failure. */
export function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: REPO, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`build: ${command} exited with ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

/** Cargo's target directory (honours CARGO_TARGET_DIR and .cargo/config). */
export function cargoTargetDir() {
  const out = spawnSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd: REPO, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`cargo metadata failed: ${out.stderr}`);
  return JSON.parse(out.stdout).target_directory;
}

/** The workspace version (root Cargo.toml `[workspace.package] version`). */
export function workspaceVersion() {
  const toml = readFileSync(join(REPO, 'Cargo.toml'), 'utf8');
  const section = toml.split(/^\[workspace\.package\]\s*$/m)[1] ?? '';
  const match = section.match(/^version\s*=\s*"([^"]+)"/m);
  if (!match) throw new Error('no [workspace.package] version in Cargo.toml');
  return match[1];
}

/** Fails when the package's version drifts from the workspace's. */
export function checkVersion(packageDir) {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const cargo = workspaceVersion();
  if (pkg.version !== cargo) {
    console.error(`build: ${pkg.name} package.json version ${pkg.version} != workspace version ${cargo} (Cargo.toml)`);
    process.exit(1);
  }
  return pkg;
}

/**
 * Writes the shared layer into `dist`: `api.mjs` or `api.cjs`, `version.mjs`/`.cjs`, and the
 * types. The CommonJS form is the ESM source with its one closing `export { … };` turned into
 * `module.exports = { … };` — api.js imports nothing, which is checked here.
 */
export function copyShared(dist, format, version) {
  mkdirSync(dist, { recursive: true });
  for (const [file, out] of [['api.js', 'api'], ['adapters.js', 'adapters']]) {
    const source = readFileSync(join(JS_DIR, file), 'utf8');
    const exportLines = source.match(/^export .*$/gm) ?? [];
    if (/^import /m.test(source) || exportLines.length !== 1 || !/^export \{[\w\s,]+\};$/.test(exportLines[0])) {
      throw new Error(`js/${file} must import nothing and end with one \`export { … };\` line`);
    }
    const banner = `// Generated from js/${file} by js/build.mjs; edit that file.\n`;
    if (format === 'cjs') {
      const cjs = source.replace(/^export \{([\w\s,]+)\};$/m, 'module.exports = {$1};');
      writeFileSync(join(dist, `${out}.cjs`), `${banner}'use strict';\n${cjs}`);
    } else {
      writeFileSync(join(dist, `${out}.mjs`), banner + source);
    }
  }
  if (format === 'cjs') writeFileSync(join(dist, 'version.cjs'), `'use strict';\nexports.version = ${JSON.stringify(version)};\n`);
  else writeFileSync(join(dist, 'version.mjs'), `export const version = ${JSON.stringify(version)};\n`);
  copyFileSync(join(JS_DIR, 'index.d.ts'), join(dist, 'index.d.ts'));
}

/**
 * The one JS export list: every value `js/index.d.ts` exports (`export function|class|const`),
 * in its order. Each entry file names its exports as `export const { <the @exports marker
 * comment> } = …;` and `copyEntries` writes this list there, so a new export is declared once, in the types;
 * the suite checks that every installed entry exports exactly these names.
 */
export function publicNames(dts = readFileSync(join(JS_DIR, 'index.d.ts'), 'utf8')) {
  const names = [...dts.matchAll(/^export (?:declare )?(?:function|class|const)\s+(\w+)/gm)].map((m) => m[1]);
  return [...new Set(names)];
}

/** Copies the package's hand-written entry files into dist, writing in the export list. */
export function copyEntries(packageDir, dist, names) {
  const list = publicNames().join(', ');
  for (const name of names) {
    const source = readFileSync(join(packageDir, 'entry', name), 'utf8');
    const marker = '/* @exports */';
    const out = source.includes(marker) ? source.replace(marker, list) : source;
    if (name.endsWith('.mjs') && !source.includes(marker)) throw new Error(`entry/${name}: no \`${marker}\` export list`);
    writeFileSync(join(dist, name), `// Generated from ${packageDir.slice(REPO.length + 1)}/entry/${name} by js/build.mjs.\n${out}`);
  }
}

/**
 * Builds the WebAssembly half into `outDir` (errtriage_wasm.js + errtriage_wasm_bg.wasm):
 * cargo (wasm32-unknown-unknown, profile wasm-release), wasm-bindgen at exactly the crate's
 * version with `--target` `web` (ESM, for errtriage-wasm) or `nodejs` (CommonJS, the fallback
 * inside the Node package), then wasm-opt -Oz from the package's npm binaryen. Returns the
 * .wasm's sizes before and after wasm-opt.
 */
// ERRTRIAGE_WASM_OPT=s|3 builds for speed instead of size (cargo opt-level and wasm-opt -O<level>),
// to measure one against the other (issue 15; the numbers and the choice are in BENCHMARKS.md).
// The packages ship -Oz.
export function buildWasm(packageDir, outDir, bindgenTarget) {
  const level = process.env.ERRTRIAGE_WASM_OPT ?? 'z';
  if (!['z', 's', '3'].includes(level)) throw new Error(`build: ERRTRIAGE_WASM_OPT is z, s or 3, not ${level}`);
  const cargoEnv = level === 'z' ? process.env : { ...process.env, CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL: level };
  const lock = readFileSync(join(REPO, 'Cargo.lock'), 'utf8');
  const pinned = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)?.[1];
  const cli = spawnSync('wasm-bindgen', ['--version'], { encoding: 'utf8' });
  const have = cli.status === 0 ? cli.stdout.trim().split(/\s+/)[1] : null;
  if (!pinned || have !== pinned) {
    console.error(`build: wasm-bindgen CLI ${have ?? 'not found'}, crate ${pinned}; run: cargo install wasm-bindgen-cli --version ${pinned}`);
    process.exit(1);
  }
  const wasmOpt = join(packageDir, 'node_modules', '.bin', 'wasm-opt');
  if (!existsSync(wasmOpt)) {
    console.error('build: node_modules/.bin/wasm-opt missing; run `npm install` first (devDependency binaryen)');
    process.exit(1);
  }
  run('cargo', ['build', '-p', 'errtriage-wasm', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm-release'], { env: cargoEnv });
  const built = join(cargoTargetDir(), 'wasm32-unknown-unknown', 'wasm-release', 'errtriage_wasm.wasm');
  run('wasm-bindgen', ['--target', bindgenTarget, '--no-typescript', '--out-dir', outDir, '--out-name', 'errtriage_wasm', built]);
  const wasm = join(outDir, 'errtriage_wasm_bg.wasm');
  const before = sizes(wasm);
  run(wasmOpt, [`-O${level}`, '--converge', '--strip-debug', '--strip-producers', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', wasm, '-o', wasm]);
  return { wasm, before, after: sizes(wasm) };
}

export function freshDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

export function sizes(file) {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
