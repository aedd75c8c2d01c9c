//! Codes of the CORE API wrapper (seed 000 "HTTP status to error code patterns" and "Common
//! scenarios") and the message rules the playbook (seed 001 "Step 2") asks for, for codes that
//! cover several situations. Message rules stand before their code's plain rule.

use super::{code, message, Rule};
use crate::vocab::{Action::*, Category::*};

const WHOAMI: &str =
    "Check the client context at /api/core/whoami and the numbers it owns at /api/core/numbers.";

pub(crate) static RULES: &[Rule] = &[
    // INVALID_REQUEST: category A unless the message says otherwise.
    message(
        "core.missing_idempotency_key",
        &["INVALID_REQUEST"],
        &[&["idempotency-key", "idempotency key"], &["required", "missing"]],
        &[],
        InvalidRequest,
        FixRequest,
        "Send an Idempotency-Key header, one key per payload, and keep it when retrying the same payload.",
        "seed 000 \"CORE API errors\" (shape example); seed 001 \"Category A\", \"Send retry policy\"",
    ),
    message(
        "core.send_from_not_number_id",
        &["INVALID_REQUEST"],
        &[&["sendfrom"], &["numberid", "number id", "e.164", "e164"]],
        &["configured"],
        InvalidRequest,
        FixRequest,
        "sendFrom takes a numberId from /api/core/numbers, not an E.164 phone number.",
        "seed 001 \"Category A\" (using E.164 instead of numberId in sendFrom)",
    ),
    message(
        "core.setting_not_configured",
        &["INVALID_REQUEST"],
        &[&["configured"], &["must have", "must be", "not ", "missing", "requires"]],
        &[],
        Rejected,
        FixConfiguration,
        "Configure the setting the message names on the account or number (for example campaignregId on the sendFrom number), then send again.",
        "seed 000 \"Common scenarios\" (validation failure: sendFrom must have campaignregId configured); seed 001 \"correct account configuration\"",
    ),
    message(
        "core.invalid_e164",
        &["INVALID_REQUEST"],
        &[&["e.164", "e164"]],
        &[],
        InvalidRequest,
        FixRequest,
        "Send phone numbers in E.164 format: + then country code and number, e.g. +14155550123.",
        "seed 001 \"Category A\" (invalid E.164 value); seed 000 \"Do not blindly retry\" (invalid recipient format)",
    ),
    message(
        "core.malformed_json",
        &["INVALID_REQUEST"],
        &[&["json", "request body"], &["malformed", "invalid", "parse", "unexpected", "syntax"]],
        &[],
        InvalidRequest,
        FixRequest,
        "Send a well-formed JSON body with Content-Type: application/json.",
        "seed 001 \"Category A\" (malformed JSON); seed 000 \"Do not blindly retry\" (malformed request bodies)",
    ),
    code(
        "core.invalid_request",
        &["INVALID_REQUEST"],
        InvalidRequest,
        FixRequest,
        "Fix the request as the message says; do not retry it unchanged.",
        "seed 000 \"HTTP status to error code patterns\" (400 INVALID_REQUEST); seed 001 \"Category A\"",
    ),
    // UNAUTHORIZED: category B; refresh once only where expiry is plausible.
    message(
        "core.token_malformed",
        &["UNAUTHORIZED"],
        &[&["malformed"]],
        &[],
        Authentication,
        FixRequest,
        "Send Authorization: Bearer <access_token> with the token exactly as /api/auth/token issued it.",
        "seed 001 \"Category B\" (malformed bearer token); seed 000 \"Do not blindly retry\"",
    ),
    message(
        "core.token_missing",
        &["UNAUTHORIZED"],
        &[&["missing", "no bearer", "not provided"]],
        &["invalid", "expired"],
        Authentication,
        FixRequest,
        "Send an Authorization: Bearer header with a token from /api/auth/token.",
        "seed 000 \"Common scenarios\" (invalid token); RFC 6750 §3.1",
    ),
    code(
        "core.unauthorized",
        &["UNAUTHORIZED"],
        Authentication,
        RefreshCredentials,
        "The bearer token may have expired: get a new token from /api/auth/token once, then retry once.",
        "seed 000 \"Common scenarios\" (invalid token), \"Good retry candidates\"; seed 001 \"Category B\", \"Token refresh policy\"",
    ),
    // FORBIDDEN: category C.
    message(
        "core.send_from_not_owned",
        &["FORBIDDEN"],
        &[&["not owned", "does not own", "not belong", "another client"]],
        &[],
        Authorization,
        FixConfiguration,
        "sendFrom must be a number owned by this API client: check /api/core/whoami and /api/core/numbers, then correct the client context or the selected number.",
        "seed 000 \"Common scenarios\" (forbidden number access); seed 001 \"Category C\"",
    ),
    code("core.forbidden", &["FORBIDDEN"], Authorization, FixConfiguration, WHOAMI, "seed 000 \"HTTP status to error code patterns\" (403 FORBIDDEN); seed 001 \"Category C\""),
    code(
        "core.not_found",
        &["NOT_FOUND"],
        NotFound,
        FixRequest,
        "Check the id or path: the resource does not exist for this client.",
        "seed 000 \"HTTP status to error code patterns\" (404 NOT_FOUND)",
    ),
    message(
        "core.idempotency_key_reused",
        &["CONFLICT"],
        &[&["idempotency"]],
        &[],
        InvalidRequest,
        FixRequest,
        "An Idempotency-Key was reused with a different payload: a changed payload is a new operation with a new key.",
        "seed 001 \"Unsafe retry examples\" (same idempotency key reused with changed payload), \"Send retry policy\"",
    ),
    code(
        "core.conflict",
        &["CONFLICT"],
        Conflict,
        Reconcile,
        "The request conflicts with the current state: fetch the resource and decide from what is there.",
        "seed 000 \"HTTP status to error code patterns\" (409 CONFLICT); seed 001 \"Recommended operational posture\"",
    ),
    code(
        "core.server_error",
        &["SERVER_ERROR"],
        Transient,
        Retry,
        "Retry with bounded backoff; sends keep the same Idempotency-Key and payload.",
        "seed 000 \"HTTP status to error code patterns\" (500 SERVER_ERROR); seed 001 \"Category D\"",
    ),
    code(
        "core.upstream_error",
        &["UPSTREAM_ERROR"],
        Transient,
        Retry,
        "An upstream dependency failed: retry with bounded backoff; sends keep the same Idempotency-Key and payload.",
        "seed 000 \"Common scenarios\" (upstream platform dependency error), \"Good retry candidates\"; seed 001 \"Category D\"",
    ),
];
