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
/// The error for a body whose `ArrayBuffer` was detached (the core's wording).
#[napi(js_name = "detachedError")]
pub fn detached_error(field: String) -> String {
    guarded(|| wire::detached_error(&field))
}

#[napi(js_name = "argumentError")]
pub fn argument_error(wrong_type: bool, field: String, expected: String, got: String) -> String {
    guarded(|| wire::argument_error(wrong_type, &field, &expected, &got))
}

/// Version, vocabularies, rule table and limits, as JSON (read once at load).
#[napi(js_name = "meta")]
pub fn meta() -> String {
    guarded(wire::meta)
}

/// `new RetryPolicy(…)`: the whole policy after the core's defaults and validation, or an
/// encoded error (`js/wire.rs` `policy`).
#[napi(js_name = "policy")]
pub fn policy(encoded: String) -> String {
    guarded(|| wire::policy(&encoded))
}

/// `logFields`/`escalationReport` (and their transport forms): the core's JSON, or the
/// report's JSON, a NUL and its text; or an encoded error (`js/wire.rs` `report`).
#[napi(js_name = "report")]
pub fn report(
    escalation: bool,
    status: f64,
    transport: Option<String>,
    body: &[u8],
    headers: Option<String>,
    request: Option<String>,
    history: Option<String>,
) -> String {
    guarded(|| {
        wire::report(
            escalation,
            status,
            transport.as_deref(),
            body,
            headers.as_deref(),
            request.as_deref(),
            history.as_deref(),
        )
    })
}

/// A classifier with a user's rules document over the built-in rules (behind the JS
/// `Classifier`). Starts as the built-in classifier; [`Classifier::load`] reads the document.
#[napi(js_name = "Classifier")]
pub struct Classifier {
    inner: wire::Classifier,
}

#[napi]
impl Classifier {
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Classifier {
            inner: wire::Classifier::builtin(),
        }
    }

    /// Reads a rules document: its rule table as JSON, or an encoded error (`js/wire.rs`
    /// `Classifier::load`).
    #[napi]
    pub fn load(&mut self, document: String) -> String {
        guarded(|| self.inner.load(&document))
    }

    /// `classify` with a byte body.
    #[napi(js_name = "classifyBytes")]
    pub fn classify_bytes(
        &self,
        status: f64,
        body: &[u8],
        headers: Option<String>,
        request: Option<String>,
    ) -> String {
        guarded(|| {
            self.inner
                .classify(status, body, headers.as_deref(), request.as_deref())
        })
    }

    /// `classify` with a text body.
    #[napi(js_name = "classifyText")]
    pub fn classify_text(
        &self,
        status: f64,
        body: String,
        headers: Option<String>,
        request: Option<String>,
    ) -> String {
        guarded(|| {
            self.inner.classify(
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
        &self,
        kind: String,
        sent: Option<bool>,
        detail: Option<String>,
        request: Option<String>,
    ) -> String {
        guarded(|| {
            self.inner
                .classify_transport(&kind, sent, detail.as_deref(), request.as_deref())
        })
    }

    /// The core's JSON form: canonical verdict JSON, or an encoded error.
    #[napi(js_name = "classifyJson")]
    pub fn classify_json(&self, text: String) -> String {
        guarded(|| self.inner.classify_json(&text))
    }

    /// Every rule as one rules document.
    #[napi(js_name = "rulesJson")]
    pub fn rules_json(&self) -> String {
        guarded(|| self.inner.rules_json())
    }
}

/// The state of one operation under a retry policy (behind the JS `Attempts`).
#[napi(js_name = "Operation")]
pub struct Operation {
    inner: wire::Operation,
}

#[napi]
impl Operation {
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Operation {
            inner: wire::Operation::default(),
        }
    }

    /// `""`, or an encoded error.
    #[napi]
    pub fn start(&mut self, policy: String, seed: Option<String>) -> String {
        guarded(|| self.inner.start(&policy, seed.as_deref()))
    }

    /// The encoded step, or an encoded error.
    #[napi]
    pub fn next(
        &mut self,
        action: String,
        category: String,
        retry_after_ms: Option<f64>,
        draw: Option<f64>,
    ) -> String {
        guarded(|| {
            self.inner
                .next(&action, &category, retry_after_ms, draw, None)
        })
    }

    /// `next`, charging `budget` for a retry (one native shape with the wasm class, which
    /// cannot take an optional borrowed class).
    #[napi(js_name = "nextWithBudget")]
    pub fn next_with_budget(
        &mut self,
        action: String,
        category: String,
        retry_after_ms: Option<f64>,
        draw: Option<f64>,
        budget: &mut Budget,
    ) -> String {
        guarded(|| {
            self.inner.next(
                &action,
                &category,
                retry_after_ms,
                draw,
                Some(&mut budget.inner),
            )
        })
    }

    #[napi]
    pub fn failures(&self) -> u32 {
        self.inner.failures()
    }

    #[napi(js_name = "recordCallMs")]
    pub fn record_call_ms(&mut self, ms: f64) {
        self.inner.record_call_ms(ms);
    }

    #[napi(js_name = "elapsedMs")]
    pub fn elapsed_ms(&self) -> f64 {
        self.inner.elapsed_ms()
    }

    #[napi]
    pub fn refreshed(&self) -> bool {
        self.inner.refreshed()
    }
}

/// A retry budget shared across operations (behind the JS `RetryBudget`).
#[napi(js_name = "Budget")]
pub struct Budget {
    inner: errtriage::RetryBudget,
}

#[napi]
impl Budget {
    /// The core's default budget; [`Budget::configure`] sets another.
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Budget {
            inner: errtriage::RetryBudget::default(),
        }
    }

    /// `""`, or an encoded error (`js/wire.rs` `budget`).
    #[napi]
    pub fn configure(&mut self, encoded: String) -> String {
        guarded(|| wire::configure_budget(&mut self.inner, Some(&encoded)))
    }

    #[napi(js_name = "recordSuccess")]
    pub fn record_success(&mut self) {
        self.inner.record_success();
    }

    #[napi]
    pub fn tokens(&self) -> u32 {
        self.inner.tokens()
    }

    #[napi]
    pub fn capacity(&self) -> u32 {
        self.inner.capacity()
    }
}

/// One idempotency key per payload (behind the JS `IdempotencyGuard`).
#[napi(js_name = "Guard")]
pub struct Guard {
    inner: errtriage::IdempotencyGuard,
}

#[napi]
impl Guard {
    /// Remembers `capacity` pairs, or the core's default number.
    #[napi(constructor)]
    pub fn new(capacity: Option<f64>) -> Self {
        Guard {
            inner: wire::guard(capacity),
        }
    }

    /// The key, or an encoded error.
    #[napi(js_name = "keyFor")]
    pub fn key_for(&mut self, payload: &[u8], random: &[u8]) -> String {
        guarded(|| wire::key_for(&mut self.inner, payload, random))
    }

    /// `""`, or an encoded error.
    #[napi]
    pub fn check(&mut self, key: String, payload: &[u8]) -> String {
        guarded(|| wire::check(&mut self.inner, &key, payload))
    }

    #[napi]
    pub fn forget(&mut self, key: String) {
        self.inner.forget(&key);
    }

    #[napi]
    pub fn size(&self) -> u32 {
        u32::try_from(self.inner.len()).unwrap_or(u32::MAX)
    }
}

/// Test hook: panics inside an export, to prove the boundary catches it. Not part of the
/// public JS API (`js/api.js` does not re-export it).
#[napi(js_name = "panicForTest")]
pub fn panic_for_test() -> String {
    #[allow(clippy::panic)]
    guarded(|| panic!("deliberate panic for the boundary test"))
}
