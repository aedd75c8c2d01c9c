// errtriage for Node, ESM entry: the same module instance as `require('errtriage')`.
import errtriage from './index.cjs';

export const { init, classify, classifyTransport, classifyJson, classifyMany, classifyManyAsync, classifyResponse, Classifier, rules, findRule, vocabulary, limits, RetryPolicy, RetryBudget, IdempotencyGuard, Operation, transportFailure, otelAttributes, readInputs, logFields, logFieldsTransport, escalationReport, escalationReportTransport, withRetry, RetryStoppedError, installAxiosRetry, axiosRetryOptions, kyHooks, gotRetry, version } = errtriage;
