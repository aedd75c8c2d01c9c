//! Rules that adjust the action from the request context and the server's explicit retry
//! signals (DESIGN.md §1 rule 5 and "A server's explicit retry signal"). They keep the
//! category: the facts stay what the server said; only what to do changes.

use super::{applied, Rule};
use crate::vocab::Action::*;

pub(crate) static TOKEN_ENDPOINT: Rule = applied(
    "context.token_endpoint",
    None,
    FixConfiguration,
    "The token endpoint itself refused the credentials: refreshing cannot help; check client_id, client_secret and the client's status.",
    "seed 000 \"Practical guidance\" (invalid credentials vs token refresh); seed 001 \"Category B\"",
);

pub(crate) static TOKEN_FRESH: Rule = applied(
    "context.token_fresh",
    None,
    FixConfiguration,
    "The token was acquired just before this call, so it did not expire: check the credentials, the client context and the account status; do not loop on refresh.",
    "seed 001 \"Token refresh policy\" (do not build an infinite token-refresh loop); seed 000 \"Escalation checklist\"",
);

pub(crate) static NOTHING_TO_REFRESH: Rule = applied(
    "context.static_credentials",
    None,
    FixConfiguration,
    "The request used a static key or Basic credentials, which cannot be refreshed: fix the configured credentials.",
    "seed 001 \"Category B\" (otherwise fix credentials or client context)",
);

pub(crate) static RETRY_SAME_KEY: Rule = applied(
    "context.retry_same_key",
    None,
    Retry,
    "The outcome is unknown: retry with the same Idempotency-Key and the same payload.",
    "seed 001 \"Send retry policy\" (if outcome is ambiguous, retry with the same key and same payload)",
);

pub(crate) static UNSAFE_RETRY: Rule = applied(
    "context.unsafe_retry",
    None,
    Reconcile,
    "The outcome is unknown and this request has no Idempotency-Key: check whether it was applied before sending it again, and send an Idempotency-Key next time.",
    "seed 001 \"Category D\" (preserve idempotency for send operations), \"Send retry policy\"; RFC 9110 §9.2.2",
);

pub(crate) static SERVER_SAYS_RETRY: Rule = applied(
    "directive.should_retry",
    None,
    Retry,
    "The server says this request is safe to retry: retry after the delay.",
    "Stripe-Should-Retry (Stripe \"Idempotent requests\"); x-should-retry",
);

pub(crate) static SERVER_SAYS_NO_RETRY: Rule = applied(
    "directive.should_not_retry",
    None,
    Escalate,
    "The server says retrying will not help: escalate with the request id.",
    "Stripe-Should-Retry (Stripe \"Idempotent requests\"); x-should-retry",
);

pub(crate) static RULES: &[&Rule] = &[
    &TOKEN_ENDPOINT,
    &TOKEN_FRESH,
    &NOTHING_TO_REFRESH,
    &RETRY_SAME_KEY,
    &UNSAFE_RETRY,
    &SERVER_SAYS_RETRY,
    &SERVER_SAYS_NO_RETRY,
];
