// Runs every vector in headless Chromium against the installed errtriage-wasm: puts the page,
// the shared checks and the vectors into the scratch project that installed the tarball,
// serves it with `python3 -m http.server --bind 127.0.0.1`, drives Debian's chromium with
// playwright-core (flags from TOOLCHAIN.md), and fails on any problem the page reports.
//   node test/browser.mjs <scratch dir>

import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(dirname(HERE));
const scratch = process.argv[2];
if (!scratch) throw new Error('usage: node test/browser.mjs <scratch dir with errtriage-wasm installed>');

// The page, the shared checks, and the vectors with an index the page can fetch.
copyFileSync(join(HERE, 'browser.html'), join(scratch, 'browser.html'));
copyFileSync(join(HERE, 'browser-page.mjs'), join(scratch, 'browser-page.mjs'));
copyFileSync(join(REPO, 'js', 'test', 'vectors.mjs'), join(scratch, 'vectors.mjs'));
const vectors = join(scratch, 'vectors');
rmSync(vectors, { recursive: true, force: true });
cpSync(join(REPO, 'tests', 'vectors'), vectors, { recursive: true });
const jsonFiles = (dir) => readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json').sort();
const across = ['policy', 'reports', 'redaction', 'otel'].flatMap((dir) => jsonFiles(join(vectors, dir)).map((f) => `${dir}/${f}`));
const userRules = jsonFiles(join(vectors, 'user_rules')).map((f) => `user_rules/${f}`);
writeFileSync(join(vectors, 'index.json'), JSON.stringify({ files: jsonFiles(vectors), errors: jsonFiles(join(vectors, 'errors')), across, userRules }));

const port = await new Promise((resolve, reject) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
  probe.on('error', reject);
});
const server = spawn('python3', ['-m', 'http.server', '--bind', '127.0.0.1', String(port)], { cwd: scratch, stdio: 'ignore' });
// The hostile server of the retry scenarios (tests/server/hostile.py): another origin, as an
// API is; it answers CORS and stops when its stdin closes.
const hostile = spawn('python3', [join(REPO, 'tests', 'server', 'hostile.py'), '--lifetime', '300'], { stdio: ['pipe', 'pipe', 'inherit'] });
const hostilePort = await new Promise((resolve, reject) => {
  let text = '';
  hostile.stdout.on('data', (chunk) => {
    text += chunk;
    if (text.includes('\n')) resolve(Number(text.trim()));
  });
  hostile.on('error', reject);
});
const profile = mkdtempSync(join(tmpdir(), 'errtriage-chromium-'));
let context;
let failed = true;
try {
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/vectors/index.json`);
      break;
    } catch (error) {
      if (i > 100) throw new Error(`http.server did not start: ${error.message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await context.newPage();
  const consoleErrors = [];
  // The hostile server's failures are the point of its scenarios: Chromium logs each one.
  const fromHostile = (message) => (message.location()?.url ?? '').startsWith(`http://127.0.0.1:${hostilePort}/`);
  page.on('console', (message) => message.type() === 'error' && !fromHostile(message) && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(`${base}/browser.html?hostile=${hostilePort}`);
  await page.waitForFunction(() => window.__results !== undefined, null, { timeout: 120_000 });
  const results = await page.evaluate(() => window.__results);
  console.log(`chromium: ${results.userAgent ?? '?'}`);
  console.log(`errtriage-wasm ${results.version} in the browser: ${results.cases} vectors (both ways), ${results.errorCases} invalid inputs, ${results.acrossCases ?? 0} across-attempts cases, ${results.userRuleCases ?? 0} user-rules cases (both ways), ${results.invalidDocuments ?? 0} invalid rules documents, ${results.failures.length} problems`);
  for (const problem of results.failures.slice(0, 30)) console.log(`  ✖ ${problem}`);
  for (const error of consoleErrors) console.log(`  console: ${error}`);
  failed = results.failures.length > 0 || results.cases === 0 || !(results.acrossCases > 0) || !(results.userRuleCases > 0) || !(results.invalidDocuments > 0) || consoleErrors.length > 0;
} finally {
  await context?.close();
  server.kill();
  hostile.stdin.end();
  rmSync(profile, { recursive: true, force: true });
}
if (failed) {
  console.log('FAIL: browser vectors');
  process.exit(1);
}
console.log('browser: ok');
