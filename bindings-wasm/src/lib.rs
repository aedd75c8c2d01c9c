//! WebAssembly binding of errtriage (wasm-bindgen): the wasm half of the npm package
//! `errtriage-wasm`, for browsers, edge runtimes and Node.
//!
//! The exports mirror the Node addon's one for one and speak the same wire (`js/wire.rs`):
//! each returns one string that `js/api.js` decodes into a plain verdict, so no
//! `#[wasm_bindgen]` object ever needs freeing. Only plain values cross: numbers, strings,
//! `Uint8Array` bodies (copied into linear memory for the call).
//!
//! Panics: wasm32-unknown-unknown cannot unwind, so a panic traps. [`start`] installs a hook
//! that keeps the panic's message; the JS layer catches the trap (`WebAssembly.RuntimeError`),
//! reads the message with [`take_panic`] and throws a readable `Error`. The core is written
//! never to panic; this is the net under it.

use std::cell::RefCell;

use wasm_bindgen::prelude::wasm_bindgen;

#[path = "../../js/wire.rs"]
mod wire;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs when the module is instantiated: keep each panic's message for [`take_panic`].
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        LAST_PANIC.with(|last| {
            if let Ok(mut last) = last.try_borrow_mut() {
                *last = Some(message);
            }
        });
    }));
}

/// The last panic as an encoded internal error, once (then `undefined` until the next one).
#[wasm_bindgen(js_name = "takePanic")]
pub fn take_panic() -> Option<String> {
    LAST_PANIC
        .with(|last| last.try_borrow_mut().ok().and_then(|mut l| l.take()))
        .map(|message| wire::internal_error(&message))
}

/// `classify` on the wire: status, body (bytes or text), encoded headers, request fields.
/// Positional arguments: only numbers and strings cross, never an object to walk.
#[wasm_bindgen(js_name = "classify")]
#[allow(clippy::too_many_arguments)]
pub fn classify(
    status: f64,
    body_bytes: Option<Vec<u8>>,
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
    let body = body_bytes
        .as_deref()
        .or(body_text.as_deref().map(str::as_bytes))
        .unwrap_or(&[]);
    let request = wire::RequestArgs {
        method: method.as_deref(),
        endpoint: endpoint.as_deref(),
        idempotency_key: idempotency_key.as_deref(),
        token_fresh,
        auth: auth.as_deref(),
        attempt,
        now,
    };
    wire::classify(status, body, headers.as_deref(), request)
}

/// `classifyTransport` on the wire.
#[wasm_bindgen(js_name = "classifyTransport")]
#[allow(clippy::too_many_arguments)]
pub fn classify_transport(
    kind: &str,
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
    let request = wire::RequestArgs {
        method: method.as_deref(),
        endpoint: endpoint.as_deref(),
        idempotency_key: idempotency_key.as_deref(),
        token_fresh,
        auth: auth.as_deref(),
        attempt,
        now,
    };
    wire::classify_transport(kind, sent, detail.as_deref(), request)
}

/// The core's JSON form: canonical verdict JSON, or an encoded error.
#[wasm_bindgen(js_name = "classifyJson")]
pub fn classify_json(text: &str) -> String {
    wire::classify_json(text)
}

/// An argument error worded by the core (`Error::wrong_type` / `invalid_value`), encoded.
#[wasm_bindgen(js_name = "argumentError")]
pub fn argument_error(wrong_type: bool, field: &str, expected: &str, got: &str) -> String {
    wire::argument_error(wrong_type, field, expected, got)
}

/// Version, vocabularies, rule table and limits, as JSON (read once at load).
#[wasm_bindgen(js_name = "meta")]
pub fn meta() -> String {
    wire::meta()
}

/// Test hook: panics, to prove the hook turns a trap into a readable JS error. Not part of
/// the public JS API (`js/api.js` does not re-export it).
#[wasm_bindgen(js_name = "panicForTest")]
pub fn panic_for_test() -> String {
    #[allow(clippy::panic)]
    {
        panic!("deliberate panic for the boundary test")
    }
}
