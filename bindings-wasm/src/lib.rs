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

/// `classify` with a byte body (copied into linear memory for the call), encoded headers and
/// request context (the encodings of `js/wire.rs`).
#[wasm_bindgen(js_name = "classifyBytes")]
pub fn classify_bytes(
    status: f64,
    body: &[u8],
    headers: Option<String>,
    request: Option<String>,
) -> String {
    wire::classify(status, body, headers.as_deref(), request.as_deref())
}

/// `classify` with a text body.
#[wasm_bindgen(js_name = "classifyText")]
pub fn classify_text(
    status: f64,
    body: &str,
    headers: Option<String>,
    request: Option<String>,
) -> String {
    wire::classify(
        status,
        body.as_bytes(),
        headers.as_deref(),
        request.as_deref(),
    )
}

/// `classifyTransport` on the wire.
#[wasm_bindgen(js_name = "classifyTransport")]
pub fn classify_transport(
    kind: &str,
    sent: Option<bool>,
    detail: Option<String>,
    request: Option<String>,
) -> String {
    wire::classify_transport(kind, sent, detail.as_deref(), request.as_deref())
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
