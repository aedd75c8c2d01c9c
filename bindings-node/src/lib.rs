//! Node binding of errtriage (napi-rs): the native half of the npm package `errtriage`.
//!
//! Each export converts its arguments, calls the core through the shared wire module
//! (`js/wire.rs`) and returns one compact string that `js/api.js` decodes into a plain
//! verdict object. Argument types were checked in JS; every value check and every message
//! comes from the core. A panic never crosses into Node: each export catches unwinds and
//! returns an internal error instead (and the crate is never built with `panic = "abort"`).

use std::panic::{catch_unwind, AssertUnwindSafe};

use napi_derive::napi;

#[path = "../../js/wire.rs"]
mod wire;

/// Runs `f`, turning a panic into the wire's internal error.
fn guarded(f: impl FnOnce() -> String) -> String {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("unknown panic");
        wire::internal_error(message)
    })
}

/// The shared request arguments, borrowed from the owned strings napi hands over.
#[allow(clippy::too_many_arguments)]
fn request_args<'a>(
    method: &'a Option<String>,
    endpoint: &'a Option<String>,
    idempotency_key: &'a Option<String>,
    token_fresh: Option<bool>,
    auth: &'a Option<String>,
    attempt: Option<f64>,
    now: Option<f64>,
) -> wire::RequestArgs<'a> {
    wire::RequestArgs {
        method: method.as_deref(),
        endpoint: endpoint.as_deref(),
        idempotency_key: idempotency_key.as_deref(),
        token_fresh,
        auth: auth.as_deref(),
        attempt,
        now,
    }
}

/// `classify` on the wire: status, body (bytes or text), encoded headers, request fields.
/// Positional arguments because one napi object read per field would cost more than the
/// classification (TOOLCHAIN.md).
#[napi(js_name = "classify")]
#[allow(clippy::too_many_arguments)]
pub fn classify(
    status: f64,
    body_bytes: Option<&[u8]>,
    body_text: Option<String>,
    headers: Option<String>,
    method: Option<String>,
    endpoint: Option<String>,
    idempotency_key: Option<String>,
    token_fresh: Option<bool>,
    auth: Option<String>,
    attempt: Option<f64>,
    now: Option<f64>,
) -> String {
    guarded(|| {
        let body = body_bytes
            .or(body_text.as_deref().map(str::as_bytes))
            .unwrap_or(&[]);
        let request = request_args(
            &method,
            &endpoint,
            &idempotency_key,
            token_fresh,
            &auth,
            attempt,
            now,
        );
        wire::classify(status, body, headers.as_deref(), request)
    })
}

/// `classifyTransport` on the wire.
#[napi(js_name = "classifyTransport")]
#[allow(clippy::too_many_arguments)]
pub fn classify_transport(
    kind: String,
    sent: Option<bool>,
    detail: Option<String>,
    method: Option<String>,
    endpoint: Option<String>,
    idempotency_key: Option<String>,
    token_fresh: Option<bool>,
    auth: Option<String>,
    attempt: Option<f64>,
    now: Option<f64>,
) -> String {
    guarded(|| {
        let request = request_args(
            &method,
            &endpoint,
            &idempotency_key,
            token_fresh,
            &auth,
            attempt,
            now,
        );
        wire::classify_transport(&kind, sent, detail.as_deref(), request)
    })
}

/// The core's JSON form: canonical verdict JSON, or an encoded error.
#[napi(js_name = "classifyJson")]
pub fn classify_json(text: String) -> String {
    guarded(|| wire::classify_json(&text))
}

/// An argument error worded by the core (`Error::wrong_type` / `invalid_value`), encoded.
#[napi(js_name = "argumentError")]
pub fn argument_error(wrong_type: bool, field: String, expected: String, got: String) -> String {
    guarded(|| wire::argument_error(wrong_type, &field, &expected, &got))
}

/// Version, vocabularies, rule table and limits, as JSON (read once at load).
#[napi(js_name = "meta")]
pub fn meta() -> String {
    guarded(wire::meta)
}

/// Test hook: panics inside an export, to prove the boundary catches it. Not part of the
/// public JS API (`js/api.js` does not re-export it).
#[napi(js_name = "panicForTest")]
pub fn panic_for_test() -> String {
    #[allow(clippy::panic)]
    guarded(|| panic!("deliberate panic for the boundary test"))
}
