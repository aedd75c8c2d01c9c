//! Typed errors: Stripe (docs.stripe.com/api/errors and /error-codes, /error-low-level),
//! OpenAI (platform.openai.com/docs/guides/error-codes) and Anthropic
//! (docs.anthropic.com/en/api/errors). Codes are looked up first, then the error `type`.

use super::{code, Rule};
use crate::vocab::{Action::*, Category::*};

const STRIPE: &str = "Stripe API \"Errors\" and \"Error codes\"";
const OPENAI: &str = "OpenAI API \"Error codes\"";
const ANTHROPIC: &str = "Anthropic API \"Errors\"";

/// Looked up by `error.code`.
pub(crate) static CODE_RULES: &[Rule] = &[
    code("typed.lock_timeout", &["lock_timeout", "idempotency_key_in_use"], Conflict, Retry, "Another request is working on the same object or key: retry shortly with the same Idempotency-Key.", STRIPE),
    code("typed.rate_limit", &["rate_limit", "rate_limit_exceeded"], RateLimited, Retry, "Too many requests: retry with exponential backoff.", STRIPE),
    code("typed.resource_missing", &["resource_missing", "model_not_found"], NotFound, FixRequest, "Check the id: no such object exists in this account or mode.", STRIPE),
    code("typed.invalid_api_key", &["invalid_api_key", "api_key_expired", "secret_key_required"], Authentication, FixConfiguration, "Check the configured API key (and test versus live mode).", STRIPE),
    code("typed.insufficient_quota", &["insufficient_quota"], Rejected, FixConfiguration, "The account is out of credit or quota: check the plan and billing.", OPENAI),
    code("typed.context_length_exceeded", &["context_length_exceeded"], InvalidRequest, FixRequest, "The input is too long for the model: shorten it.", OPENAI),
];

/// Looked up by `error.type` when the code matched nothing.
pub(crate) static TYPE_RULES: &[Rule] = &[
    code("typed.card_error", &["card_error"], Rejected, Stop, "The card was declined: do not retry; ask the customer for another payment method.", STRIPE),
    code("typed.idempotency_error", &["idempotency_error"], InvalidRequest, FixRequest, "An Idempotency-Key was reused with different parameters: a changed request needs a new key.", STRIPE),
    code("typed.invalid_request_error", &["invalid_request_error", "request_too_large"], InvalidRequest, FixRequest, "Fix the parameter the message names; do not retry unchanged.", STRIPE),
    code("typed.authentication_error", &["authentication_error"], Authentication, FixConfiguration, "Check the configured API key.", ANTHROPIC),
    code("typed.permission_error", &["permission_error"], Authorization, FixConfiguration, "The API key lacks permission for this resource.", ANTHROPIC),
    code("typed.not_found_error", &["not_found_error"], NotFound, FixRequest, "Check the id or path: the resource does not exist.", ANTHROPIC),
    code("typed.rate_limit_error", &["rate_limit_error"], RateLimited, Retry, "Rate limited: retry after the delay the server gives.", ANTHROPIC),
    code("typed.billing_error", &["billing_error", "insufficient_quota"], Rejected, FixConfiguration, "Billing or credit problem: check the account's plan and payment method.", ANTHROPIC),
    code("typed.api_error", &["api_error", "api_connection_error", "server_error", "timeout_error"], Transient, Retry, "A server-side failure: retry with backoff, with the same Idempotency-Key.", STRIPE),
    code("typed.overloaded_error", &["overloaded_error"], Transient, Retry, "The service is overloaded: retry with backoff.", ANTHROPIC),
];
