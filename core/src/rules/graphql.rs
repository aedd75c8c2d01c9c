//! GraphQL error codes in `extensions.code` (Apollo Server "Error handling" built-in codes) and
//! GitHub's error `type`s (docs.github.com GraphQL "Rate limits and query limits").

use super::{code, Rule};
use crate::vocab::{Action::*, Category::*};

const APOLLO: &str = "Apollo Server \"Error handling\" (built-in error codes)";

pub(crate) static RULES: &[Rule] = &[
    code("graphql.invalid_query", &["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "BAD_REQUEST", "OPERATION_RESOLUTION_FAILURE", "PERSISTED_QUERY_NOT_SUPPORTED"], InvalidRequest, FixRequest, "Fix the query or its variables as the message says.", APOLLO),
    code("graphql.unauthenticated", &["UNAUTHENTICATED"], Authentication, RefreshCredentials, "The credential is missing or expired: refresh it once, then retry once.", APOLLO),
    code("graphql.forbidden", &["FORBIDDEN"], Authorization, FixConfiguration, "The caller may not access this field or object.", APOLLO),
    code("graphql.not_found", &["NOT_FOUND"], NotFound, FixRequest, "Check the id: the object does not exist or is not visible.", "GitHub GraphQL API error types"),
    code("graphql.rate_limited", &["RATE_LIMITED", "TOO_MANY_REQUESTS"], RateLimited, Retry, "Rate limited: wait for the reset, then retry.", "GitHub GraphQL API \"Rate limits\""),
    code("graphql.internal", &["INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE"], Transient, Retry, "A server error: retry with backoff (queries are safe to repeat; mutations need an idempotency key).", APOLLO),
];
