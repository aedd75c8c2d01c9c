//! Request-context adjustment (DESIGN.md §1 rule 5): the request's method, idempotency key,
//! endpoint, auth scheme and token freshness change what to do, never what the server said.

use alloc::sync::Arc;

use crate::input::Request;
use crate::rules::Rule;
use crate::text::contains_ignore_ascii_case;
use crate::vocab::{Action, Auth, Outcome};

/// The context rule that overrides `action`, if any.
pub(crate) fn adjust(
    action: Action,
    outcome: Outcome,
    request: &Request<'_>,
) -> Option<&'static Arc<Rule>> {
    let rule = |id: &str| crate::rules::set::builtin().shared(id);
    match action {
        Action::RefreshCredentials => {
            if request.endpoint.is_some_and(is_token_endpoint) {
                rule("context.token_endpoint")
            } else if request.token_fresh == Some(true) {
                rule("context.token_fresh")
            } else if matches!(request.auth, Some(Auth::Basic | Auth::ApiKey | Auth::None)) {
                rule("context.static_credentials")
            } else {
                None
            }
        }
        Action::Retry if outcome == Outcome::Unknown => {
            if request.idempotency_key.is_some_and(|k| !k.is_empty()) {
                rule("context.retry_same_key")
            } else if request.method.is_some_and(|m| !is_idempotent(m)) {
                rule("context.unsafe_retry")
            } else {
                None
            }
        }
        _ => None,
    }
}

/// RFC 9110 §9.2.2: GET, HEAD, OPTIONS, TRACE, PUT and DELETE are idempotent; so is QUERY
/// (draft-ietf-httpbis-safe-method-w-body §2: safe and idempotent).
fn is_idempotent(method: &str) -> bool {
    ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE", "QUERY"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method))
}

/// An OAuth token endpoint: a path ending in `/token` (`/api/auth/token`, `/oauth/token`,
/// `/oauth2/v2.0/token`), with or without a query.
fn is_token_endpoint(endpoint: &str) -> bool {
    let path = endpoint
        .split(['?', '#'])
        .next()
        .unwrap_or(endpoint)
        .trim_end_matches('/');
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.eq_ignore_ascii_case("token"))
        || contains_ignore_ascii_case(path, "/oauth2/token")
}
