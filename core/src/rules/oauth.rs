//! OAuth 2.0 error codes: the token endpoint's (RFC 6749 §5.2, seed 000 "OAuth errors"), the
//! resource server's (RFC 6750 §3.1), the authorization endpoint's that token endpoints also
//! send (RFC 6749 §4.1.2.1) and the device flow's (RFC 8628 §3.5).
//! Seed 000: "`invalid_client`… do not blindly retry"; "treat OAuth errors and CORE API
//! errors as different shapes".

use super::{code, message, Rule};
use crate::vocab::{Action::*, Category::*};

const RFC6749: &str = "RFC 6749 §5.2; seed 000 \"OAuth errors\"";

pub(crate) static RULES: &[Rule] = &[
    message(
        "oauth.missing_client_credentials",
        &["invalid_request"],
        &[&["client_id", "client_secret", "client credentials"], &["required", "missing"]],
        &[],
        Authentication,
        FixConfiguration,
        "Send both client_id and client_secret to the token endpoint; check that both are configured.",
        "seed 000 \"OAuth errors\" (example: missing credentials); RFC 6749 §2.3.1",
    ),
    code(
        "oauth.invalid_request",
        &["invalid_request"],
        InvalidRequest,
        FixRequest,
        "Fix the token request: a required parameter is missing, repeated or malformed.",
        RFC6749,
    ),
    code(
        "oauth.invalid_client",
        &["invalid_client"],
        Authentication,
        FixConfiguration,
        "Check client_id and client_secret; invalid_client is not fixed by retrying or refreshing.",
        "RFC 6749 §5.2; seed 000 \"OAuth errors\" (example: invalid client), \"Do not blindly retry\"",
    ),
    code(
        "oauth.invalid_grant",
        &["invalid_grant"],
        Authentication,
        FixConfiguration,
        "The grant (authorization code, refresh token or credentials) is invalid, expired or revoked: obtain a new one.",
        RFC6749,
    ),
    code(
        "oauth.unauthorized_client",
        &["unauthorized_client"],
        Authorization,
        FixConfiguration,
        "This client is not allowed to use this grant type; change the client's registration or the grant.",
        RFC6749,
    ),
    code(
        "oauth.unsupported_grant_type",
        &["unsupported_grant_type"],
        InvalidRequest,
        FixRequest,
        "Send a grant_type the token endpoint supports, such as client_credentials.",
        "RFC 6749 §5.2; seed 000 \"OAuth errors\" (example: unsupported grant type)",
    ),
    code(
        "oauth.invalid_scope",
        &["invalid_scope"],
        InvalidRequest,
        FixRequest,
        "Request only scopes the client is registered for.",
        RFC6749,
    ),
    code(
        "oauth.invalid_token",
        &["invalid_token"],
        Authentication,
        RefreshCredentials,
        "The access token is expired, revoked or malformed: refresh it once, then retry once.",
        "RFC 6750 §3.1; seed 001 \"Token refresh policy\"",
    ),
    code(
        "oauth.insufficient_scope",
        &["insufficient_scope"],
        Authorization,
        FixConfiguration,
        "Request a token with the scope this call needs.",
        "RFC 6750 §3.1",
    ),
    code(
        "oauth.access_denied",
        &["access_denied"],
        Authorization,
        FixConfiguration,
        "The resource owner or server denied the request; check the client's permissions.",
        "RFC 6749 §4.1.2.1; RFC 8628 §3.5",
    ),
    code(
        "oauth.server_error",
        &["server_error", "temporarily_unavailable"],
        Transient,
        Retry,
        "The authorization server failed or is overloaded: retry the token request with backoff.",
        "RFC 6749 §4.1.2.1",
    ),
    code(
        "oauth.authorization_pending",
        &["authorization_pending"],
        Transient,
        Retry,
        "The user has not finished authorizing yet: poll again at the given interval.",
        "RFC 8628 §3.5",
    ),
    code(
        "oauth.slow_down",
        &["slow_down"],
        RateLimited,
        Retry,
        "Polling too fast: add 5 seconds to the polling interval, then poll again.",
        "RFC 8628 §3.5",
    ),
    code(
        "oauth.expired_token",
        &["expired_token"],
        Authentication,
        FixConfiguration,
        "The device code expired: start a new device authorization.",
        "RFC 8628 §3.5",
    ),
];
