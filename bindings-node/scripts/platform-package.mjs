// Writes the per-platform addon package npm/<platform>/ (the napi-rs / lightningcss layout):
// the addon as errtriage.<platform>.node and a package.json whose os/cpu/libc let npm install
// it only there. Used by the build for this machine, and by the release workflow for addons
// built on other machines:
//   node scripts/platform-package.mjs <platform> <built library>     (e.g. darwin-arm64 liberrtriage_node.dylib)

import { copyFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkVersion, freshDir } from '../../js/build.mjs';

const PACKAGE = dirname(dirname(fileURLToPath(import.meta.url)));
const { PLATFORMS } = createRequire(import.meta.url)('../entry/platforms.cjs');

/** The package.json of the addon package for `platform` (a key of entry/platforms.cjs). */
export function platformManifest(platform, version) {
  const p = PLATFORMS[platform];
  if (!p) throw new Error(`unknown platform ${platform}; one of ${Object.keys(PLATFORMS).join(', ')}`);
  const main = `errtriage.${platform}.node`;
  return {
    name: `errtriage-${platform}`,
    version,
    description: `The ${platform} native addon of errtriage (napi-rs, built for ${p.rust}); installed by the errtriage package as an optional dependency.`,
    license: 'MIT OR Apache-2.0',
    main,
    files: [main],
    os: [p.os],
    cpu: [p.cpu],
    ...(p.libc ? { libc: [p.libc] } : {}),
    engines: { node: '>=18' },
  };
}

/** Writes npm/<platform>/ around `library`; returns the path of the copied addon. */
export function writePlatformPackage(platform, library) {
  const { version } = checkVersion(PACKAGE);
  const manifest = platformManifest(platform, version);
  const dir = join(PACKAGE, 'npm', platform);
  freshDir(dir);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const addon = join(dir, manifest.main);
  copyFileSync(library, addon);
  return addon;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [platform, library] = process.argv.slice(2);
  if (!platform || !library) {
    console.error('usage: node scripts/platform-package.mjs <platform> <built library>');
    process.exit(2);
  }
  console.log(writePlatformPackage(platform, resolve(library)));
}
