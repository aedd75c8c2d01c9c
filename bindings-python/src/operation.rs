//! `errtriage.Operation` and `errtriage._client_failure`: the core's operation driver and its
//! table of client errors, held as they are (issue 12). Every decision across attempts — what
//! counts as success, each step, the stop sentence, the history, the idempotency key and the
//! payload an operation is held to — is the core's; this file reads Python arguments into the
//! core's types and hands back its answers.

use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::args::{self, Body, Call, Context};
use crate::classifier::Classifier;
use crate::errors::{guard, to_py, wrong_type};
use crate::policy::{draw_arg, platform_draw, u64_arg, RetryBudget, RetryPolicy, Step};
use crate::report::EscalationReport;
use crate::verdict::Verdict;

/// One operation: start it with what it sends, feed it each attempt's result, do what the step
/// says (`done`, `retry` after `delay_ms`, `refresh` then send again, `stop`). Not shared
/// between threads at once (a lock guards it).
#[pyclass(module = "errtriage", name = "Operation", frozen)]
pub(crate) struct Operation {
    state: Mutex<errtriage::Operation>,
}

fn budget_of<'py>(budget: Option<&Bound<'py, PyAny>>) -> PyResult<Option<Bound<'py, RetryBudget>>> {
    match budget.filter(|b| !b.is_none()) {
        Some(b) => Ok(Some(
            b.cast::<RetryBudget>()
                .map_err(|_| wrong_type("budget", "RetryBudget or None", b))?
                .clone(),
        )),
        None => Ok(None),
    }
}

impl Operation {
    fn lock(&self) -> std::sync::MutexGuard<'_, errtriage::Operation> {
        // Nothing panics while the lock is held; a poisoned lock still holds a valid state.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The draw to pass: the caller's, none when the operation is seeded (the core's
    /// generator draws), else Python's `random.random()`.
    fn draw(&self, py: Python<'_>, draw: Option<&Bound<'_, PyAny>>) -> PyResult<Option<f64>> {
        match draw.filter(|d| !d.is_none()) {
            Some(d) => Ok(Some(draw_arg(d)?)),
            None if self.lock().attempts().is_seeded() => Ok(None),
            None => Ok(Some(platform_draw(py)?)),
        }
    }
}

#[pymethods]
impl Operation {
    /// Starts an operation under `policy` (the core's default when None). `seed` makes the
    /// jitter draws the core's `SplitMix64`; `can_refresh` says a refresh callback exists;
    /// `method` … `auth` describe the request every attempt sends (as for `classify`);
    /// `classifier` classifies its failures (the built-in model when None).
    #[new]
    #[pyo3(signature = (
        policy=None, *, seed=None, can_refresh=false,
        method=None, endpoint=None, idempotency_key=None, token_fresh=None, auth=None,
        classifier=None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        policy: Option<&Bound<'_, PyAny>>,
        seed: Option<&Bound<'_, PyAny>>,
        can_refresh: bool,
        method: Option<&Bound<'_, PyAny>>,
        endpoint: Option<&Bound<'_, PyAny>>,
        idempotency_key: Option<&Bound<'_, PyAny>>,
        token_fresh: Option<&Bound<'_, PyAny>>,
        auth: Option<&Bound<'_, PyAny>>,
        classifier: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        guard(|| {
            let policy = match policy.filter(|p| !p.is_none()) {
                Some(p) => {
                    p.cast::<RetryPolicy>()
                        .map_err(|_| wrong_type("policy", "RetryPolicy or None", p))?
                        .get()
                        .0
                }
                None => errtriage::RetryPolicy::default(),
            };
            let seed = u64_arg(seed, "seed")?;
            let classifier = match classifier.filter(|c| !c.is_none()) {
                Some(c) => c
                    .cast::<Classifier>()
                    .map_err(|_| wrong_type("classifier", "Classifier or None", c))?
                    .get()
                    .0
                    .clone(),
                None => errtriage::Classifier::builtin(),
            };
            let context = Context {
                method,
                endpoint,
                idempotency_key,
                token_fresh,
                auth,
                attempt: None,
            };
            let request = context.text()?;
            let options = errtriage::OperationOptions {
                policy,
                seed,
                can_refresh,
                request: request.request(),
            };
            let state = errtriage::Operation::start_with(&classifier, options).map_err(to_py)?;
            Ok(Operation {
                state: Mutex::new(state),
            })
        })
    }

    /// Whether to read the body of a response with this status before feeding it (the core's
    /// answer: every status but a success's, 2xx and 304).
    #[staticmethod]
    fn wants_body(status: &Bound<'_, PyAny>) -> PyResult<bool> {
        let input = args::response(status)?;
        Ok(input.status().is_some_and(errtriage::Operation::wants_body))
    }

    /// The number of the attempt about to be sent (the one that ended it, once over).
    #[getter]
    fn attempt(&self) -> u32 {
        self.lock().attempt()
    }

    /// The idempotency key every attempt sends, if the operation has one.
    #[getter]
    fn idempotency_key(&self) -> Option<String> {
        self.lock().idempotency_key().map(String::from)
    }

    /// What the attempt was seen sending, before its result is fed: the request's method and
    /// `Idempotency-Key` (taken when the operation was not given them) and its payload (the
    /// operation is held to the first one). A different key or payload is a `ValueError`: a
    /// changed payload is a new operation.
    #[pyo3(signature = (*, method=None, idempotency_key=None, payload=None))]
    fn observe(
        &self,
        method: Option<&Bound<'_, PyAny>>,
        idempotency_key: Option<&Bound<'_, PyAny>>,
        payload: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        guard(|| {
            let context = Context {
                method,
                endpoint: None,
                idempotency_key,
                token_fresh: None,
                auth: None,
                attempt: None,
            };
            let sent = context.text()?;
            let payload = payload.filter(|p| !p.is_none());
            let body = Body::named(payload, "payload")?;
            let bytes = match payload {
                Some(_) => Some(body.bytes()?),
                None => None,
            };
            self.lock().observe(sent.request(), bytes).map_err(to_py)
        })
    }

    /// Reports how long the attempt's call took (ms, from a monotonic clock).
    fn record_call_ms(&self, ms: &Bound<'_, PyAny>) -> PyResult<()> {
        let ms = u64_arg(Some(ms), "ms")?.ok_or_else(|| wrong_type("ms", "int", ms))?;
        self.lock().record_call_ms(ms);
        Ok(())
    }

    /// Feeds the attempt's result and answers the next step: a response (`status`, `body`,
    /// `headers`), a response whose body was cut off while read (`status`, `headers` and
    /// `body_cut`, what the client said), a transport failure (`transport` alone), or an attempt
    /// you gave up on after `timed_out_ms` (alone). `draw` and `budget` as for `Attempts.next`.
    #[pyo3(signature = (
        status=None, body=None, headers=None, *, transport=None, body_cut=None, timed_out_ms=None,
        now=None, draw=None, budget=None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn feed(
        &self,
        py: Python<'_>,
        status: Option<&Bound<'_, PyAny>>,
        body: Option<&Bound<'_, PyAny>>,
        headers: Option<&Bound<'_, PyAny>>,
        transport: Option<&Bound<'_, PyAny>>,
        body_cut: Option<&Bound<'_, PyAny>>,
        timed_out_ms: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
        draw: Option<&Bound<'_, PyAny>>,
        budget: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Step> {
        guard(|| {
            let budget = budget_of(budget)?;
            let draw = self.draw(py, draw)?;
            let feed = |input: &errtriage::Input<'_>| {
                let mut state = self.lock();
                let step = match &budget {
                    Some(b) => state.feed(input, draw, Some(&mut b.get().lock())),
                    None => state.feed(input, draw, None),
                };
                step.map(Step).map_err(to_py)
            };
            if let Some(ms) = u64_arg(timed_out_ms, "timed_out_ms")? {
                let mut state = self.lock();
                let step = match &budget {
                    Some(b) => state.feed_timed_out(ms, draw, Some(&mut b.get().lock())),
                    None => state.feed_timed_out(ms, draw, None),
                };
                return step.map(Step).map_err(to_py);
            }
            let cut = args::text(body_cut, "body_cut")?;
            let call = Call {
                status,
                body,
                headers,
                context: Context::default(),
                now,
                transport,
            };
            match cut.as_deref() {
                Some(detail) => call.with_input(|input| {
                    feed(&input.cut_off(errtriage::Operation::body_cut(Some(detail))))
                }),
                None => call.with_input(feed),
            }
        })
    }

    /// `feed` in the core's JSON form: the attempt as JSON text (the JSON form's input plus
    /// `call_ms`, `request` and `payload`), the step as JSON text.
    #[pyo3(signature = (attempt, *, draw=None, budget=None))]
    fn feed_json(
        &self,
        py: Python<'_>,
        attempt: &Bound<'_, PyAny>,
        draw: Option<&Bound<'_, PyAny>>,
        budget: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        guard(|| {
            let text = args::json_text(attempt)?;
            let budget = budget_of(budget)?;
            let draw = self.draw(py, draw)?;
            let mut state = self.lock();
            let out = match &budget {
                Some(b) => state.feed_json(&text, draw, Some(&mut b.get().lock())),
                None => state.feed_json(&text, draw, None),
            };
            out.map_err(to_py)
        })
    }

    /// Every failure's verdict so far, oldest first, the last one included.
    #[getter]
    fn history(&self) -> Vec<Verdict> {
        self.lock().history().iter().cloned().map(Verdict).collect()
    }

    /// The last failure's verdict, if any.
    #[getter]
    fn last_verdict(&self) -> Option<Verdict> {
        self.lock().last_verdict().cloned().map(Verdict)
    }

    /// The last step answered, if any.
    #[getter]
    fn last_step(&self) -> Option<Step> {
        self.lock().last_step().map(Step)
    }

    /// After a stop, the core's sentence for a person; else None.
    #[getter]
    fn stop_message(&self) -> Option<String> {
        self.lock().stop_message().map(String::from)
    }

    /// The time the operation has taken: delays granted plus the calls' reported time.
    #[getter]
    fn elapsed_ms(&self) -> u64 {
        self.lock().attempts().elapsed_ms()
    }

    /// After a stop, the escalation report of the last failure with the earlier attempts.
    #[pyo3(signature = (*, reproduces=None))]
    fn escalation_report(&self, reproduces: Option<bool>) -> Option<EscalationReport> {
        self.lock()
            .escalation_report(reproduces)
            .map(EscalationReport)
    }

    fn __repr__(&self) -> String {
        let state = self.lock();
        let last = state.last_step().map_or("none", |s| s.kind());
        format!(
            "Operation(attempt={}, failures={}, elapsed_ms={}, last_step='{last}')",
            state.attempt(),
            state.history().len(),
            state.attempts().elapsed_ms()
        )
    }
}

/// The core's reading of a client error: `names` (most specific first) and `message` →
/// `{"kind", "sent", "matched", "source"}`, or None when it is not a transport failure.
#[pyfunction]
#[pyo3(signature = (names, message=None))]
pub(crate) fn _client_failure<'py>(
    py: Python<'py>,
    names: &Bound<'py, PyAny>,
    message: Option<&Bound<'py, PyAny>>,
) -> PyResult<Option<Bound<'py, PyDict>>> {
    guard(|| {
        let mut owned: Vec<String> = Vec::new();
        for (i, item) in names.try_iter()?.enumerate() {
            if i >= errtriage::MAX_CLIENT_ERROR_NAMES {
                break;
            }
            let item = item?;
            let s = item
                .cast::<PyString>()
                .map_err(|_| wrong_type(&format!("names[{i}]"), "str", &item))?;
            owned.push(args::utf8(s)?.into_owned());
        }
        let names: Vec<&str> = owned.iter().map(String::as_str).collect();
        let message = args::text(message, "message")?;
        let Some(found) = errtriage::transport_failure(&names, message.as_deref()) else {
            return Ok(None);
        };
        let dict = PyDict::new(py);
        dict.set_item("kind", found.kind.as_str())?;
        dict.set_item("sent", found.sent.as_option())?;
        dict.set_item("matched", found.matched)?;
        dict.set_item("source", found.source)?;
        Ok(Some(dict))
    })
}
