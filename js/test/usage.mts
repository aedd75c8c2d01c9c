// Type-level usage of the public API, checked with `tsc --noEmit --strict` against the
// installed package (the test scripts put the package's name in place of 'errtriage').

import { backend, classify, classifyJson, classifyResponse, classifyTransport, findRule, init, limits, rules, version, vocabulary } from 'errtriage';
import type { Action, ArgumentError, AuthScheme, Category, JsonValue, Outcome, RequestContext, Rule, Shape, TransportKind, Verdict } from 'errtriage';

await init();

const request: RequestContext = { method: 'POST', endpoint: '/api/core/messages/send', idempotencyKey: 'k-1', tokenFresh: false, auth: 'bearer', attempt: 1, now: 1763769600 };
const v: Verdict = classify(502, '{"error":{"code":"UPSTREAM_ERROR"}}', { 'retry-after': '2', 'set-cookie': ['a', 'b'] }, request);
classify(503, new Uint8Array([123, 125]), [['retry-after', '1']]);
classify(503, new ArrayBuffer(0), new Headers({ a: 'b' }));
classify(503, null, null, null);
classify(503);
const t: Verdict = classifyTransport('timeout', { sent: true, detail: 'socket hang up' }, { method: 'GET' });
const fromResponse: Promise<Verdict> = classifyResponse(new Response('x', { status: 500 }));
const json: string = classifyJson('{"status": 500}');

// Every vocabulary is a literal union: exhaustive switches compile, strangers do not.
function next(action: Action): string {
  switch (action) {
    case 'retry':
    case 'refresh_credentials':
    case 'fix_request':
    case 'fix_configuration':
    case 'reconcile':
    case 'stop':
    case 'escalate':
      return action;
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}
const shape: Shape = v.shape;
const category: Category = v.category;
const outcome: Outcome = v.outcome;
const kind: TransportKind = 'dns';
const auth: AuthScheme = 'api_key';
// @ts-expect-error: not a transport kind
classifyTransport('meteor');
// @ts-expect-error: not a shape
const notAShape: Shape = 'soap';
// @ts-expect-error: status is a number
classify('502');
// @ts-expect-error: request fields are camelCase
classify(500, '', null, { idempotency_key: 'k' });

// Absent is null, never undefined.
const code: string | null = v.code;
const retryAfter: number | null = v.retryAfterMs;
const status: number | null = t.status;
const details: JsonValue | null = v.details;
const hint: string = v.hint;
// @ts-expect-error: null must be handled
const strictCode: string = v.code;

const all: readonly Rule[] = rules();
const rule: Rule | null = findRule(v.rule);
const ruleCategory: Category | null = all[0]!.category;
const words: readonly Shape[] = vocabulary().shape;
const range: readonly [number, number] = limits().statusRange;
const pkgVersion: string = version;
const answering: 'native' | 'wasm' = backend;

try {
  classify(42);
} catch (error) {
  const field: string = (error as ArgumentError).field;
  void field;
}

void [next, shape, category, outcome, kind, auth, notAShape, code, retryAfter, status, details, hint, strictCode, rule, ruleCategory, words, range, pkgVersion, answering, json, fromResponse];

// ---- Across attempts ----
import { IdempotencyGuard, RetryBudget, RetryPolicy, RetryStoppedError, escalationReport, escalationReportTransport, logFields, logFieldsTransport, withRetry } from 'errtriage';
import type { Attempts, EscalationReport, LogFields, Step, StepKind, StopReason } from 'errtriage';

const policy = new RetryPolicy({ maxAttempts: 3, baseDelayMs: 100 });
const maxAttempts: number = policy.maxAttempts;
const attempts: Attempts = policy.start({ seed: 42n });
const step: Step = attempts.next(v, { draw: 0.5, budget: new RetryBudget() });
function describeStep(s: Step): string {
  switch (s.kind) {
    case 'retry':
      return `wait ${s.delayMs}`;
    case 'refresh':
      return 'refresh';
    case 'stop': {
      const reason: StopReason = s.reason;
      const action: Action = s.action;
      return `${reason} ${action} ${s.message}`;
    }
    default: {
      const unreachable: never = s;
      return unreachable;
    }
  }
}
const stepKind: StepKind = step.kind;
// @ts-expect-error: a retry's delay is a number, others' null
const delay: number = step.delayMs;
// @ts-expect-error: not a stop reason
const badReason: StopReason = 'tired';
// @ts-expect-error: options are camelCase
new RetryPolicy({ max_attempts: 3 });
new RetryBudget({ capacity: 10, transientCost: 5, throttledCost: 1, successRefill: 1 });
const tokens: number = new RetryBudget().tokens;
const guard = new IdempotencyGuard({ capacity: 16 });
const key: string = guard.keyFor('{"to":"+1"}', { random: new Uint8Array(16) });
guard.check(key, new Uint8Array([1]));
const fields: LogFields = logFields(503, '', { 'retry-after': '1' }, { method: 'GET' });
const fieldsT: LogFields = logFieldsTransport('timeout', { sent: true });
const report: EscalationReport = escalationReport(401, '{}', null, null, { history: [v], reproduces: true });
const reportT: EscalationReport = escalationReportTransport('reset', null, null, { history: [{ status: null, rule: 'transport.reset', action: 'retry', retryAfterMs: null, requestId: null }] });
const text: string = report.text;
const response: Promise<Response> = withRetry((attempt: number) => fetch(`http://127.0.0.1/${attempt}`), { policy, sleep: async (ms: number) => void ms, refresh: async () => {}, seed: 1, request: { method: 'GET' } });
response.catch((error: unknown) => {
  if (error instanceof RetryStoppedError) {
    const reason: StopReason = error.step.reason;
    const last: Verdict = error.verdict;
    escalationReport(last.status ?? 500, null, null, null, { history: error.history });
    void reason;
  }
});

void [maxAttempts, describeStep, stepKind, delay, badReason, tokens, fields, fieldsT, reportT, text];

// ---- Your own API's rules ----
import { Classifier } from 'errtriage';
import type { RulesDocument, UserRule } from 'errtriage';

const quota: UserRule = { id: 'acme.quota', when: { code: ['QUOTA_EXCEEDED'], status: '4xx', headers: [{ name: 'x-acme', present: true }] }, category: 'rejected', action: 'fix_configuration', hint: 'Raise the quota.', source: 'Acme API' };
const document: RulesDocument = { errtriage_rules: 1, disable: ['status.403'], rules: [quota, { id: 'acme.busy', when: { code_ci: 'busy', method: ['GET'], message: { any: ['busy'], all: [['try', 'retry']] }, status: [[500, 599], 429] }, category: 'conflict', action: 'retry', hint: 'Busy.', source: 'Acme' }] };
const acme = new Classifier(document);
const fromText = new Classifier('{"errtriage_rules": 1, "rules": []}');
const byRule: Verdict = acme.classify(429, '{"code":"QUOTA_EXCEEDED"}', { 'x-acme': '1' }, { method: 'GET' });
const byRuleT: Verdict = acme.classifyTransport('dns', { sent: false });
const byRuleR: Promise<Verdict> = acme.classifyResponse(new Response('x', { status: 500 }));
const byRuleJ: string = fromText.classifyJson('{"status": 500}');
const mine: readonly Rule[] = acme.rules();
const one: Rule | null = acme.rule('acme.quota');
const printed: string = acme.rulesJson();
// @ts-expect-error: a rule needs an outcome
const incomplete: UserRule = { id: 'acme.x', when: { status: 400 } };
// @ts-expect-error: not a category
new Classifier({ errtriage_rules: 1, rules: [{ ...quota, category: 'fatal' }] });
// @ts-expect-error: a document, not a number
new Classifier(5);

void [byRule, byRuleT, byRuleR, byRuleJ, mine, one, printed, incomplete];

// ---- Reading files: HAR, curl -si, NDJSON ----
import { readInputs } from 'errtriage';
import type { InputFormat, ReadInputs, ReadItem } from 'errtriage';

const readHar: ReadInputs = readInputs('{"log": {"entries": []}}', { format: 'har' });
const readBytes: ReadInputs = readInputs(new Uint8Array([72]));
const format: InputFormat = readHar.format;
const firstItem: ReadItem | undefined = readBytes.items[0];
const itemVerdict: string | undefined = firstItem?.input === undefined ? undefined : classifyJson(firstItem.input);
// @ts-expect-error: not a format
readInputs('', { format: 'xml' });

void [format, itemVerdict];

// The client adapters (js/adapters.js), against the real client types.
import axios from 'axios';
import ky from 'ky';
import { installAxiosRetry, kyHooks } from 'errtriage';
const axiosClient = axios.create({ responseType: 'arraybuffer' });
const uninstall: () => void = installAxiosRetry(axiosClient, { seed: 1, refresh: async () => {} });
uninstall();
const kyClient = ky.extend(kyHooks({ seed: 1, attemptTimeoutMs: 5000, refresh: async () => ({ authorization: 'Bearer new' }) }));
void kyClient;

// classifyMany / classifyManyAsync (issue 14 §4): JSON-form inputs, text or objects.
import { classifyMany, classifyManyAsync, Classifier as ManyClassifier } from 'errtriage';
import type { JsonInput } from 'errtriage';
const manyInputs: JsonInput[] = ['{"status": 502}', { status: 429, headers: { 'retry-after': '2' } }];
const manyVerdicts: Verdict[] = classifyMany(manyInputs);
const manyLater: Promise<Verdict[]> = classifyManyAsync(manyInputs);
const manyByRules: Promise<Verdict[]> = new ManyClassifier({ errtriage_rules: 1, rules: [] }).classifyManyAsync(manyInputs);
// @ts-expect-error: an input is a string or an object, not a number
classifyMany([502]);
void manyVerdicts, manyLater, manyByRules;
import axiosRetry from 'axios-retry';
import got, { type Response as GotResponse, type RequestError as GotRequestError, HTTPError as GotHTTPError } from 'got';
import { HTTPError as KyHTTPError } from 'ky';
import type { AxiosError, AxiosResponse } from 'axios';
import { axiosRetryOptions, gotRetry, type ClientResponse } from 'errtriage';
axiosRetry(axiosClient, axiosRetryOptions({ seed: 1, refresh: async () => {} }));
const gotClient = got.extend(gotRetry({ seed: 1, attemptTimeoutMs: 5000, refresh: async () => ({ authorization: 'Bearer new' }) }));
void gotClient;
// classifyResponse takes each client's own response and error types.
declare const axiosResponse: AxiosResponse;
declare const axiosError: AxiosError;
declare const gotResponse: GotResponse;
declare const gotError: GotRequestError;
declare const gotHttpError: GotHTTPError;
declare const kyError: KyHTTPError;
const each: ClientResponse[] = [axiosResponse, axiosError, gotResponse, gotError, gotHttpError, kyError, new Response('x')];
const verdicts: Promise<Verdict>[] = each.map((x) => classifyResponse(x));
void verdicts;
// @ts-expect-error: a number is no response
classifyResponse(5);
