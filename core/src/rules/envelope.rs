//! Codes of `ok: false` envelopes: the Slack Web API's (api.slack.com/web "Evaluating
//! responses" and each method's error list).

use super::{code, Rule};
use crate::vocab::{Action::*, Category::*};

const SLACK: &str = "Slack Web API \"Evaluating responses\" and method errors";

pub(crate) static RULES: &[Rule] = &[
    code(
        "envelope.token_expired",
        &["token_expired"],
        Authentication,
        RefreshCredentials,
        "The token expired: refresh it once, then retry once.",
        SLACK,
    ),
    code(
        "envelope.invalid_auth",
        &[
            "not_authed",
            "invalid_auth",
            "account_inactive",
            "token_revoked",
            "no_permission",
        ],
        Authentication,
        FixConfiguration,
        "The token is missing, invalid or revoked: reinstall or reconfigure the credentials.",
        SLACK,
    ),
    code(
        "envelope.missing_scope",
        &[
            "missing_scope",
            "not_allowed_token_type",
            "ekm_access_denied",
            "access_denied",
        ],
        Authorization,
        FixConfiguration,
        "The token lacks a scope or type this method needs: add it and reinstall.",
        SLACK,
    ),
    code(
        "envelope.rate_limited",
        &["ratelimited", "rate_limited"],
        RateLimited,
        Retry,
        "Rate limited: wait for Retry-After, then retry.",
        SLACK,
    ),
    code(
        "envelope.transient",
        &[
            "internal_error",
            "fatal_error",
            "service_unavailable",
            "request_timeout",
        ],
        Transient,
        Retry,
        "A server-side failure: retry with backoff.",
        SLACK,
    ),
    code(
        "envelope.invalid_request",
        &[
            "invalid_arguments",
            "invalid_arg_name",
            "invalid_array_arg",
            "invalid_charset",
            "invalid_form_data",
            "invalid_post_type",
            "missing_post_type",
            "invalid_json",
            "json_not_object",
            "no_text",
        ],
        InvalidRequest,
        FixRequest,
        "Fix the arguments as the error says.",
        SLACK,
    ),
    code(
        "envelope.not_found",
        &[
            "channel_not_found",
            "user_not_found",
            "message_not_found",
            "file_not_found",
        ],
        NotFound,
        FixRequest,
        "Check the id: the object does not exist or is not visible to this token.",
        SLACK,
    ),
];
