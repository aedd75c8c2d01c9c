// The browser half of the wasm test: loads the installed package the way a page would (an
// import map to dist/web.mjs, then `await init()`), fetches every vector from the server and
// runs each one both ways with the same checks as the node:test suite (js/test/vectors.mjs),
// the users' rules documents (tests/vectors/user_rules/) through `new Classifier` included.
// The result lands in `window.__results` for test/browser.mjs to read.

import * as errtriage from 'errtriage-wasm';
import { checkCase, checkClientErrorCase, checkErrorCase, checkOtelCase, checkIdempotencyCase, checkOperationCase, checkInvalidDocument, checkRedactionCase, checkReportCase, checkScenario, checkServerScenario, checkUserRulesFile } from './vectors.mjs';

async function json(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

async function main() {
  const failures = [];
  let cases = 0;
  let errorCases = 0;
  let before = null;
  try {
    errtriage.classifyJson('{"status": 500}');
  } catch (error) {
    before = error.message;
  }
  if (!before || !before.includes('init()')) failures.push(`before init(): expected a clear error, got ${before}`);
  await errtriage.init();
  await errtriage.init(); // idempotent
  const index = await json('/vectors/index.json');
  for (const file of index.files) {
    const { cases: list } = await json(`/vectors/${file}`);
    for (const testCase of list) {
      cases++;
      for (const problem of checkCase(errtriage, testCase)) failures.push(`${file} / ${testCase.name}: ${problem}`);
    }
  }
  for (const file of index.errors) {
    const { cases: list } = await json(`/vectors/errors/${file}`);
    for (const testCase of list) {
      errorCases++;
      for (const problem of checkErrorCase(errtriage, testCase)) failures.push(`errors/${file} / ${testCase.name}: ${problem}`);
    }
  }
  // Across attempts: scenarios, the idempotency guard, log fields and escalation reports, and
  // the redaction corpus.
  const acrossChecks = { 'policy/scenarios.json': checkScenario, 'policy/idempotency.json': checkIdempotencyCase, 'policy/operations.json': checkOperationCase, 'policy/client_errors.json': checkClientErrorCase, 'otel/attributes.json': checkOtelCase, 'reports/reports.json': checkReportCase };
  let acrossCases = 0;
  for (const file of index.across) {
    if (file === 'policy/server_scenarios.json') {
      // withRetry with the browser's own fetch against the hostile server (issue 12 "Tests").
      const doc = await json(`/vectors/${file}`);
      const base = `http://127.0.0.1:${new URLSearchParams(location.search).get('hostile')}`;
      for (const [i, scenario] of doc.cases.entries()) {
        acrossCases++;
        for (const problem of await checkServerScenario(errtriage, doc, scenario, base, `browser-${i}`)) failures.push(`${file} / ${scenario.name}: ${problem}`);
      }
      continue;
    }
    const check = acrossChecks[file] ?? (file.startsWith('redaction/') ? checkRedactionCase : undefined);
    if (!check) {
      failures.push(`${file}: no check for this file`);
      continue;
    }
    const { cases: list } = await json(`/vectors/${file}`);
    for (const testCase of list) {
      acrossCases++;
      for (const problem of check(errtriage, testCase)) failures.push(`${file} / ${testCase.name}: ${problem}`);
    }
  }
  // Users' rules documents: each file's classifier and cases; the invalid documents' errors.
  let userRuleCases = 0;
  let invalidDocuments = 0;
  for (const file of index.userRules) {
    const doc = await json(`/vectors/${file}`);
    if (file.endsWith('/invalid_documents.json')) {
      for (const testCase of doc.cases) {
        invalidDocuments++;
        for (const problem of checkInvalidDocument(errtriage, testCase)) failures.push(`${file} / ${testCase.name}: ${problem}`);
      }
      continue;
    }
    const { cases: n, problems } = checkUserRulesFile(errtriage, doc);
    userRuleCases += n;
    for (const problem of problems) failures.push(`${file} / ${problem}`);
  }
  // A real fetch Response, read by classifyResponse.
  const response = await fetch('/vectors/index.json');
  const verdict = await errtriage.classifyResponse(response);
  if (verdict.status !== 200 || verdict.shape !== 'json') failures.push(`classifyResponse: ${JSON.stringify(verdict)}`);
  return { cases, errorCases, acrossCases, userRuleCases, invalidDocuments, failures, version: errtriage.version, userAgent: navigator.userAgent };
}

main().then(
  (results) => {
    window.__results = results;
    document.getElementById('out').textContent = JSON.stringify(results, null, 2);
  },
  (error) => {
    window.__results = { cases: 0, errorCases: 0, failures: [`page error: ${error && error.stack}`] };
  },
);
