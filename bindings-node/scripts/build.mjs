// `npm run build` for errtriage (the Node addon): cargo build --release of errtriage-node,
// the shared library copied to dist/errtriage.<platform>-<arch>.node, then the shared JS layer
// (CommonJS, for `require`) and the entries (index.cjs, and index.mjs for `import`).

import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cargoTargetDir, checkVersion, copyEntries, copyShared, freshDir, kb, run, sizes } from '../../js/build.mjs';

const PACKAGE = dirname(dirname(fileURLToPath(import.meta.url)));
const DIST = join(PACKAGE, 'dist');
const LIBRARY = { linux: 'liberrtriage_node.so', darwin: 'liberrtriage_node.dylib', win32: 'errtriage_node.dll' }[process.platform];
if (!LIBRARY) throw new Error(`build: unsupported platform ${process.platform}`);

const pkg = checkVersion(PACKAGE);
// Symbols stripped: the addon ships without them (a third of the size).
run('cargo', ['build', '--release', '-p', 'errtriage-node'], { env: { ...process.env, CARGO_PROFILE_RELEASE_STRIP: 'symbols' } });

freshDir(DIST);
const addon = join(DIST, `errtriage.${process.platform}-${process.arch}.node`);
copyFileSync(join(cargoTargetDir(), 'release', LIBRARY), addon);
copyShared(DIST, 'cjs', pkg.version);
copyEntries(PACKAGE, DIST, ['index.cjs', 'index.mjs']);
const { raw, gzip } = sizes(addon);
console.log(`${addon.slice(PACKAGE.length + 1)}: ${kb(raw)} (${kb(gzip)} gzipped)`);
