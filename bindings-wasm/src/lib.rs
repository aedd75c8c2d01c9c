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
        // The payload, not `PanicHookInfo`'s Display: its location formatting is kilobytes of
        // wasm, and the message is what makes the error readable.
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| String::from(*s))
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| String::from("panic"));
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
/// The error for a body whose `ArrayBuffer` was detached (the core's wording).
#[wasm_bindgen(js_name = "detachedError")]
pub fn detached_error(field: &str) -> String {
    wire::detached_error(field)
}

#[wasm_bindgen(js_name = "argumentError")]
pub fn argument_error(wrong_type: bool, field: &str, expected: &str, got: &str) -> String {
    wire::argument_error(wrong_type, field, expected, got)
}

/// Version, vocabularies, rule table and limits, as JSON (read once at load).
#[wasm_bindgen(js_name = "meta")]
pub fn meta() -> String {
    wire::meta()
}

/// `new RetryPolicy(…)`: the whole policy after the core's defaults and validation, or an
/// encoded error (`js/wire.rs` `policy`).
#[wasm_bindgen(js_name = "policy")]
pub fn policy(encoded: &str) -> String {
    wire::policy(encoded)
}

/// `logFields`/`escalationReport` (and their transport forms): the core's JSON, or the
/// report's JSON, a NUL and its text; or an encoded error (`js/wire.rs` `report`).
#[wasm_bindgen(js_name = "report")]
pub fn report(
    escalation: bool,
    status: f64,
    transport: Option<String>,
    body: &[u8],
    headers: Option<String>,
    request: Option<String>,
    history: Option<String>,
) -> String {
    wire::report(
        escalation,
        status,
        transport.as_deref(),
        body,
        headers.as_deref(),
        request.as_deref(),
        history.as_deref(),
    )
}

/// A classifier with a user's rules document over the built-in rules (behind the JS
/// `Classifier`; freed by wasm-bindgen's `FinalizationRegistry`). Starts as the built-in
/// classifier; [`Classifier::load`] reads the document.
#[wasm_bindgen(js_name = "Classifier")]
#[derive(Default)]
pub struct Classifier {
    inner: wire::Classifier,
}

#[wasm_bindgen(js_class = "Classifier")]
impl Classifier {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        Classifier::default()
    }

    /// Reads a rules document: its rule table as JSON, or an encoded error (`js/wire.rs`
    /// `Classifier::load`).
    pub fn load(&mut self, document: &str) -> String {
        self.inner.load(document)
    }

    /// `classify` with a byte body.
    #[wasm_bindgen(js_name = "classifyBytes")]
    pub fn classify_bytes(
        &self,
        status: f64,
        body: &[u8],
        headers: Option<String>,
        request: Option<String>,
    ) -> String {
        self.inner
            .classify(status, body, headers.as_deref(), request.as_deref())
    }

    /// `classify` with a text body.
    #[wasm_bindgen(js_name = "classifyText")]
    pub fn classify_text(
        &self,
        status: f64,
        body: &str,
        headers: Option<String>,
        request: Option<String>,
    ) -> String {
        self.inner.classify(
            status,
            body.as_bytes(),
            headers.as_deref(),
            request.as_deref(),
        )
    }

    /// `classifyTransport` on the wire.
    #[wasm_bindgen(js_name = "classifyTransport")]
    pub fn classify_transport(
        &self,
        kind: &str,
        sent: Option<bool>,
        detail: Option<String>,
        request: Option<String>,
    ) -> String {
        self.inner
            .classify_transport(kind, sent, detail.as_deref(), request.as_deref())
    }

    /// The core's JSON form: canonical verdict JSON, or an encoded error.
    #[wasm_bindgen(js_name = "classifyJson")]
    pub fn classify_json(&self, text: &str) -> String {
        self.inner.classify_json(text)
    }

    /// Every rule as one rules document.
    #[wasm_bindgen(js_name = "rulesJson")]
    pub fn rules_json(&self) -> String {
        self.inner.rules_json()
    }
}

/// The state of one operation under a retry policy (behind the JS `Attempts`). Freed by
/// wasm-bindgen's `FinalizationRegistry` when the JS object is collected.
#[wasm_bindgen(js_name = "Operation")]
#[derive(Default)]
pub struct Operation {
    inner: wire::Operation,
}

#[wasm_bindgen(js_class = "Operation")]
impl Operation {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        Operation::default()
    }

    /// `""`, or an encoded error.
    pub fn start(&mut self, policy: &str, seed: Option<String>) -> String {
        self.inner.start(policy, seed.as_deref())
    }

    /// The encoded step, or an encoded error.
    pub fn next(
        &mut self,
        action: &str,
        category: &str,
        retry_after_ms: Option<f64>,
        draw: Option<f64>,
    ) -> String {
        self.inner
            .next(action, category, retry_after_ms, draw, None)
    }

    /// `next`, charging `budget` for a retry (wasm-bindgen takes no `Option<&mut Budget>`).
    #[wasm_bindgen(js_name = "nextWithBudget")]
    pub fn next_with_budget(
        &mut self,
        action: &str,
        category: &str,
        retry_after_ms: Option<f64>,
        draw: Option<f64>,
        budget: &mut Budget,
    ) -> String {
        self.inner.next(
            action,
            category,
            retry_after_ms,
            draw,
            Some(&mut budget.inner),
        )
    }

    pub fn failures(&self) -> u32 {
        self.inner.failures()
    }

    #[wasm_bindgen(js_name = "recordCallMs")]
    pub fn record_call_ms(&mut self, ms: f64) {
        self.inner.record_call_ms(ms);
    }

    #[wasm_bindgen(js_name = "elapsedMs")]
    pub fn elapsed_ms(&self) -> f64 {
        self.inner.elapsed_ms()
    }

    pub fn refreshed(&self) -> bool {
        self.inner.refreshed()
    }
}

/// A retry budget shared across operations (behind the JS `RetryBudget`).
#[wasm_bindgen(js_name = "Budget")]
#[derive(Default)]
pub struct Budget {
    inner: errtriage::RetryBudget,
}

#[wasm_bindgen(js_class = "Budget")]
impl Budget {
    /// The core's default budget; [`Budget::configure`] sets another.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        Budget::default()
    }

    /// `""`, or an encoded error (`js/wire.rs` `budget`).
    pub fn configure(&mut self, encoded: &str) -> String {
        wire::configure_budget(&mut self.inner, Some(encoded))
    }

    #[wasm_bindgen(js_name = "recordSuccess")]
    pub fn record_success(&mut self) {
        self.inner.record_success();
    }

    pub fn tokens(&self) -> u32 {
        self.inner.tokens()
    }

    pub fn capacity(&self) -> u32 {
        self.inner.capacity()
    }
}

/// One idempotency key per payload (behind the JS `IdempotencyGuard`).
#[wasm_bindgen(js_name = "Guard")]
pub struct Guard {
    inner: errtriage::IdempotencyGuard,
}

#[wasm_bindgen(js_class = "Guard")]
impl Guard {
    /// Remembers `capacity` pairs, or the core's default number.
    #[wasm_bindgen(constructor)]
    pub fn new(capacity: Option<f64>) -> Self {
        Guard {
            inner: wire::guard(capacity),
        }
    }

    /// The key, or an encoded error.
    #[wasm_bindgen(js_name = "keyFor")]
    pub fn key_for(&mut self, payload: &[u8], random: &[u8]) -> String {
        wire::key_for(&mut self.inner, payload, random)
    }

    /// `""`, or an encoded error.
    pub fn check(&mut self, key: &str, payload: &[u8]) -> String {
        wire::check(&mut self.inner, key, payload)
    }

    pub fn forget(&mut self, key: &str) {
        self.inner.forget(key);
    }

    pub fn size(&self) -> u32 {
        u32::try_from(self.inner.len()).unwrap_or(u32::MAX)
    }
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
