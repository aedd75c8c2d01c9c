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

/// `classify` with a byte body (`Uint8Array`, `Buffer`; borrowed, not copied), encoded
/// headers and request context. Few arguments: each one costs a napi conversion, so the
/// request context comes as one encoded string (TOOLCHAIN.md, boundary costs).
#[napi(js_name = "classifyBytes")]
pub fn classify_bytes(
    status: f64,
    body: &[u8],
    headers: Option<String>,
    request: Option<String>,
) -> String {
    guarded(|| wire::classify(status, body, headers.as_deref(), request.as_deref()))
}

/// `classify` with a text body.
#[napi(js_name = "classifyText")]
pub fn classify_text(
    status: f64,
    body: String,
    headers: Option<String>,
    request: Option<String>,
) -> String {
    guarded(|| {
        wire::classify(
            status,
            body.as_bytes(),
            headers.as_deref(),
            request.as_deref(),
        )
    })
}

/// `classifyTransport` on the wire.
#[napi(js_name = "classifyTransport")]
pub fn classify_transport(
    kind: String,
    sent: Option<bool>,
    detail: Option<String>,
    request: Option<String>,
) -> String {
    guarded(|| wire::classify_transport(&kind, sent, detail.as_deref(), request.as_deref()))
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
