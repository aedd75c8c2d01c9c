//! The one list of the native exports behind `js/api.js` (issue 12 §4): every function and
//! class the JS layer calls, written once and expanded by both native crates — with `napi` in
//! `bindings-node` (napi-rs) and with `wasm_bindgen` in `bindings-wasm` — so the Node addon and
//! the WebAssembly package cannot drift apart. Both attribute macros take the same `js_name` /
//! `constructor` forms; each crate brings its own `guarded` (napi catches an unwind and answers
//! an internal error; wasm cannot unwind, and its panic hook keeps the message for
//! `takePanic`) and includes `js/wire.rs` as `wire`. Each export converts nothing itself: it
//! hands its plain arguments to the wire, which calls the core.

macro_rules! js_exports {
    ($bind:ident) => {
        /// `classify` with a byte body (borrowed by napi, copied into linear memory by wasm),
        /// encoded headers and request context (the encodings of `js/wire.rs`).
        #[$bind(js_name = "classifyBytes")]
        pub fn classify_bytes(
            status: f64,
            body: &[u8],
            headers: Option<String>,
            request: Option<String>,
        ) -> String {
            guarded(|| wire::classify(status, body, headers.as_deref(), request.as_deref()))
        }

        /// `classify` with a text body.
        #[$bind(js_name = "classifyText")]
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
        #[$bind(js_name = "classifyTransport")]
        pub fn classify_transport(
            kind: String,
            sent: Option<bool>,
            detail: Option<String>,
            request: Option<String>,
        ) -> String {
            guarded(|| wire::classify_transport(&kind, sent, detail.as_deref(), request.as_deref()))
        }

        /// The core's JSON form: canonical verdict JSON, or an encoded error.
        #[$bind(js_name = "classifyJson")]
        pub fn classify_json(text: String) -> String {
            guarded(|| wire::classify_json(&text))
        }

        /// `classifyMany`: inputs in the JSON form (JS strings), answered in one string
        /// (`js/wire.rs` `Classifier::classify_many`).
        #[$bind(js_name = "classifyMany")]
        pub fn classify_many(texts: Vec<String>) -> String {
            guarded(|| wire::Classifier::builtin().classify_many(&texts))
        }

        /// The error for a body whose `ArrayBuffer` was detached (the core's wording).
        #[$bind(js_name = "detachedError")]
        pub fn detached_error(field: String) -> String {
            guarded(|| wire::detached_error(&field))
        }

        /// An argument error worded by the core (`Error::wrong_type` / `invalid_value`).
        #[$bind(js_name = "argumentError")]
        pub fn argument_error(
            wrong_type: bool,
            field: String,
            expected: String,
            got: String,
        ) -> String {
            guarded(|| wire::argument_error(wrong_type, &field, &expected, &got))
        }

        /// Version, vocabularies, rule table and limits, as JSON (read once at load).
        #[$bind(js_name = "meta")]
        pub fn meta() -> String {
            guarded(wire::meta)
        }

        /// `new RetryPolicy(…)`: the whole policy after the core's defaults and validation,
        /// or an encoded error (`js/wire.rs` `policy`).
        #[$bind(js_name = "policy")]
        pub fn policy(encoded: String) -> String {
            guarded(|| wire::policy(&encoded))
        }

        /// `logFields`/`escalationReport` (and their transport forms) in the core's JSON form:
        /// the log fields' JSON, or the report's JSON, a NUL and its text; or an encoded error.
        #[$bind(js_name = "reportJson")]
        pub fn report_json(escalation: bool, input: String) -> String {
            guarded(|| wire::report_json(escalation, &input))
        }

        /// The client-error table (`transportFailure`): JSON in, JSON or `null` out.
        #[$bind(js_name = "transportFailure")]
        pub fn transport_failure(input: String) -> String {
            guarded(|| wire::transport_failure(&input))
        }

        /// The core's input readers over a whole document (`readInputs`): HAR, `curl -si`
        /// output or NDJSON bytes and an optional format name in, the result's JSON (or an
        /// encoded error) out.
        #[$bind(js_name = "readInputs")]
        pub fn read_inputs(data: &[u8], format: Option<String>) -> String {
            guarded(|| wire::read_inputs(data, format.as_deref()))
        }

        /// A verdict's OpenTelemetry attributes (`otelAttributes`): JSON in, JSON out.
        #[$bind(js_name = "otelAttributes")]
        pub fn otel_attributes(input: String) -> String {
            guarded(|| wire::otel_attributes(&input))
        }

        /// Whether to read the body of a response with this status before feeding it.
        #[$bind(js_name = "wantsBody")]
        pub fn wants_body(status: f64) -> bool {
            wire::wants_body(status)
        }

        /// A classifier with a user's rules document over the built-in rules (behind the JS
        /// `Classifier`). Starts as the built-in classifier; `load` reads the document.
        #[$bind]
        pub struct Classifier {
            inner: wire::Classifier,
        }

        #[$bind]
        impl Classifier {
            #[$bind(constructor)]
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Classifier {
                    inner: wire::Classifier::builtin(),
                }
            }

            /// Reads a rules document: its rule table as JSON, or an encoded error.
            #[$bind(js_name = "load")]
            pub fn load(&mut self, document: String) -> String {
                guarded(|| self.inner.load(&document))
            }

            /// `classify` with a byte body.
            #[$bind(js_name = "classifyBytes")]
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
            #[$bind(js_name = "classifyText")]
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
            #[$bind(js_name = "classifyTransport")]
            pub fn classify_transport(
                &self,
                kind: String,
                sent: Option<bool>,
                detail: Option<String>,
                request: Option<String>,
            ) -> String {
                guarded(|| {
                    self.inner.classify_transport(
                        &kind,
                        sent,
                        detail.as_deref(),
                        request.as_deref(),
                    )
                })
            }

            /// The core's JSON form: canonical verdict JSON, or an encoded error.
            #[$bind(js_name = "classifyJson")]
            pub fn classify_json(&self, text: String) -> String {
                guarded(|| self.inner.classify_json(&text))
            }

            /// `classifyMany` with these rules.
            #[$bind(js_name = "classifyMany")]
            pub fn classify_many(&self, texts: Vec<String>) -> String {
                guarded(|| self.inner.classify_many(&texts))
            }

            /// Every rule as one rules document.
            #[$bind(js_name = "rulesJson")]
            pub fn rules_json(&self) -> String {
                guarded(|| self.inner.rules_json())
            }
        }

        /// The state of one operation under a retry policy (behind the JS `Attempts`).
        #[$bind]
        pub struct Operation {
            inner: wire::Operation,
        }

        #[$bind]
        impl Operation {
            #[$bind(constructor)]
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Operation {
                    inner: wire::Operation::default(),
                }
            }

            /// `""`, or an encoded error.
            #[$bind(js_name = "start")]
            pub fn start(&mut self, policy: String, seed: Option<String>) -> String {
                guarded(|| self.inner.start(&policy, seed.as_deref()))
            }

            /// The encoded step, or an encoded error.
            #[$bind(js_name = "next")]
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

            /// `next`, charging `budget` for a retry (a separate export: wasm-bindgen cannot
            /// take an optional borrowed class).
            #[$bind(js_name = "nextWithBudget")]
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

            #[$bind(js_name = "failures")]
            pub fn failures(&self) -> u32 {
                self.inner.failures()
            }

            #[$bind(js_name = "recordCallMs")]
            pub fn record_call_ms(&mut self, ms: f64) {
                self.inner.record_call_ms(ms);
            }

            #[$bind(js_name = "elapsedMs")]
            pub fn elapsed_ms(&self) -> f64 {
                self.inner.elapsed_ms()
            }

            #[$bind(js_name = "refreshed")]
            pub fn refreshed(&self) -> bool {
                self.inner.refreshed()
            }
        }

        /// An operation under the core's driver (behind the JS `Operation` and `withRetry`).
        #[$bind]
        pub struct Driver {
            inner: wire::Driver,
        }

        #[$bind]
        impl Driver {
            #[$bind(constructor)]
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Driver {
                    inner: wire::Driver::default(),
                }
            }

            /// Starts from options in the JSON form: `""`, or an encoded error.
            #[$bind(js_name = "start")]
            pub fn start(&mut self, classifier: &Classifier, options: String) -> String {
                guarded(|| self.inner.start(&classifier.inner, &options))
            }

            /// Feeds one attempt in the JSON form: the step's JSON, or an encoded error.
            #[$bind(js_name = "feed")]
            pub fn feed(&mut self, attempt: String, draw: Option<f64>) -> String {
                guarded(|| self.inner.feed(&attempt, draw, None))
            }

            /// `feed`, with the shared retry budget.
            #[$bind(js_name = "feedWithBudget")]
            pub fn feed_with_budget(
                &mut self,
                attempt: String,
                draw: Option<f64>,
                budget: &mut Budget,
            ) -> String {
                guarded(|| self.inner.feed(&attempt, draw, Some(&mut budget.inner)))
            }

            #[$bind(js_name = "seeded")]
            pub fn seeded(&self) -> bool {
                self.inner.seeded()
            }

            /// Every failure's verdict so far, as a JSON array.
            #[$bind(js_name = "history")]
            pub fn history(&self) -> String {
                guarded(|| self.inner.history())
            }

            /// After a stop, the report's JSON, a NUL and its text; else `""`.
            #[$bind(js_name = "report")]
            pub fn report(&self, reproduces: Option<bool>) -> String {
                guarded(|| self.inner.report(reproduces))
            }
        }

        /// A retry budget shared across operations (behind the JS `RetryBudget`).
        #[$bind]
        pub struct Budget {
            inner: errtriage::RetryBudget,
        }

        #[$bind]
        impl Budget {
            /// The core's default budget; `configure` sets another.
            #[$bind(constructor)]
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Budget {
                    inner: errtriage::RetryBudget::default(),
                }
            }

            /// `""`, or an encoded error (`js/wire.rs` `budget`).
            #[$bind(js_name = "configure")]
            pub fn configure(&mut self, encoded: String) -> String {
                guarded(|| wire::configure_budget(&mut self.inner, Some(&encoded)))
            }

            #[$bind(js_name = "recordSuccess")]
            pub fn record_success(&mut self) {
                self.inner.record_success();
            }

            #[$bind(js_name = "tokens")]
            pub fn tokens(&self) -> u32 {
                self.inner.tokens()
            }

            #[$bind(js_name = "capacity")]
            pub fn capacity(&self) -> u32 {
                self.inner.capacity()
            }
        }

        /// One idempotency key per payload (behind the JS `IdempotencyGuard`).
        #[$bind]
        pub struct Guard {
            inner: errtriage::IdempotencyGuard,
        }

        #[$bind]
        impl Guard {
            /// Remembers `capacity` pairs, or the core's default number.
            #[$bind(constructor)]
            pub fn new(capacity: Option<f64>) -> Self {
                Guard {
                    inner: wire::guard(capacity),
                }
            }

            /// The key, or an encoded error.
            #[$bind(js_name = "keyFor")]
            pub fn key_for(&mut self, payload: &[u8], random: &[u8]) -> String {
                guarded(|| wire::key_for(&mut self.inner, payload, random))
            }

            /// `""`, or an encoded error.
            #[$bind(js_name = "check")]
            pub fn check(&mut self, key: String, payload: &[u8]) -> String {
                guarded(|| wire::check(&mut self.inner, &key, payload))
            }

            #[$bind(js_name = "forget")]
            pub fn forget(&mut self, key: String) {
                self.inner.forget(&key);
            }

            #[$bind(js_name = "size")]
            pub fn size(&self) -> u32 {
                u32::try_from(self.inner.len()).unwrap_or(u32::MAX)
            }
        }

        /// Test hook: panics inside an export, to prove the boundary turns it into a readable
        /// error. Not part of the public JS API (`js/api.js` does not re-export it).
        #[$bind(js_name = "panicForTest")]
        pub fn panic_for_test() -> String {
            #[allow(clippy::panic)]
            guarded(|| panic!("deliberate panic for the boundary test"))
        }
    };
}
