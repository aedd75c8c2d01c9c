// The prebuilt addons of errtriage, one npm package each (`errtriage-<platform>`, as napi-rs
// and lightningcss lay them out): the entry picks this machine's, the build writes its
// package.json (os/cpu/libc, so npm installs only the matching one), package.json lists them
// as optionalDependencies and scripts/check-version.mjs checks that list against this one.
'use strict';

/** platform id -> npm os/cpu/libc and the Rust target it is built for. */
const PLATFORMS = {
  'linux-x64-gnu': { os: 'linux', cpu: 'x64', libc: 'glibc', rust: 'x86_64-unknown-linux-gnu' },
  'linux-x64-musl': { os: 'linux', cpu: 'x64', libc: 'musl', rust: 'x86_64-unknown-linux-musl' },
  'linux-arm64-gnu': { os: 'linux', cpu: 'arm64', libc: 'glibc', rust: 'aarch64-unknown-linux-gnu' },
  'linux-arm64-musl': { os: 'linux', cpu: 'arm64', libc: 'musl', rust: 'aarch64-unknown-linux-musl' },
  'darwin-x64': { os: 'darwin', cpu: 'x64', rust: 'x86_64-apple-darwin' },
  'darwin-arm64': { os: 'darwin', cpu: 'arm64', rust: 'aarch64-apple-darwin' },
  'win32-x64-msvc': { os: 'win32', cpu: 'x64', rust: 'x86_64-pc-windows-msvc' },
  'win32-arm64-msvc': { os: 'win32', cpu: 'arm64', rust: 'aarch64-pc-windows-msvc' },
};

/** Whether this Linux runs on musl (Alpine): the loader named by /usr/bin/ldd, else the process report. */
function isMusl() {
  try {
    return require('node:fs').readFileSync('/usr/bin/ldd', 'latin1').includes('musl');
  } catch {
    const report = typeof process.report?.getReport === 'function' ? process.report.getReport() : null;
    const header = typeof report === 'string' ? JSON.parse(report).header : report?.header;
    return !header?.glibcVersionRuntime;
  }
}

/** This machine's platform id, or null when no addon is built for it. */
function currentPlatform() {
  const libc = process.platform === 'linux' ? (isMusl() ? 'musl' : 'glibc') : undefined;
  for (const [id, p] of Object.entries(PLATFORMS)) {
    if (p.os === process.platform && p.cpu === process.arch && p.libc === libc) return id;
  }
  return null;
}

module.exports = { PLATFORMS, currentPlatform };
