//! Python binding of errtriage: the extension module `errtriage._native` behind the PyPI
//! package `errtriage`.
//!
//! A translation layer only (DESIGN.md §4): Python arguments become the core's `Input`, the
//! core classifies (with the built-in rules, or a user's rules document through `Classifier`),
//! and its `Verdict` goes back as a frozen Python object. No rule, table,
//! default or message lives here; values are validated by the core's own constructors and
//! parsers, and even type errors are worded by the core's `Error::wrong_type`.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod args;
mod classifier;
mod errors;
mod idempotency;
mod operation;
mod policy;
mod report;
mod rule;
mod verdict;
mod words;

use pyo3::prelude::*;

use crate::args::Context;
use crate::errors::guard;
use crate::verdict::Verdict;

/// Classifies an HTTP response: its status, body and headers, plus what the caller knows about
/// the request (keyword-only). `transport` (the mapping `log_fields` takes) says that the body
/// was cut off by a transport failure after the status and headers arrived.
#[pyfunction]
#[pyo3(signature = (
    status, body=None, headers=None, *,
    method=None, endpoint=None, idempotency_key=None, token_fresh=None, auth=None,
    attempt=None, now=None, transport=None,
))]
#[allow(clippy::too_many_arguments)]
fn classify<'py>(
    status: &Bound<'py, PyAny>,
    body: Option<&Bound<'py, PyAny>>,
    headers: Option<&Bound<'py, PyAny>>,
    method: Option<&Bound<'py, PyAny>>,
    endpoint: Option<&Bound<'py, PyAny>>,
    idempotency_key: Option<&Bound<'py, PyAny>>,
    token_fresh: Option<&Bound<'py, PyAny>>,
    auth: Option<&Bound<'py, PyAny>>,
    attempt: Option<&Bound<'py, PyAny>>,
    now: Option<&Bound<'py, PyAny>>,
    transport: Option<&Bound<'py, PyAny>>,
) -> PyResult<Verdict> {
    let context = Context {
        method,
        endpoint,
        idempotency_key,
        token_fresh,
        auth,
        attempt,
    };
    let args = classifier::Response {
        status,
        body,
        headers,
        context,
        now,
        transport,
    };
    guard(|| classifier::response(&errtriage::Classifier::builtin(), args))
}

/// Classifies a failure with no HTTP response (DNS, connect, TLS, timeout, reset, other).
/// `sent` says whether the request was fully written: True, False, or None for unknown.
#[pyfunction]
#[pyo3(signature = (
    kind, *, sent, detail=None,
    method=None, endpoint=None, idempotency_key=None, token_fresh=None, auth=None, attempt=None,
))]
#[allow(clippy::too_many_arguments)]
fn classify_transport<'py>(
    kind: &Bound<'py, PyAny>,
    sent: &Bound<'py, PyAny>,
    detail: Option<&Bound<'py, PyAny>>,
    method: Option<&Bound<'py, PyAny>>,
    endpoint: Option<&Bound<'py, PyAny>>,
    idempotency_key: Option<&Bound<'py, PyAny>>,
    token_fresh: Option<&Bound<'py, PyAny>>,
    auth: Option<&Bound<'py, PyAny>>,
    attempt: Option<&Bound<'py, PyAny>>,
) -> PyResult<Verdict> {
    let context = Context {
        method,
        endpoint,
        idempotency_key,
        token_fresh,
        auth,
        attempt,
    };
    guard(|| {
        classifier::transport(
            &errtriage::Classifier::builtin(),
            kind,
            sent,
            detail,
            context,
        )
    })
}

/// Classifies a failure reported after the request was accepted and applied: a lifecycle event
/// such as a webhook saying a message failed or was undelivered. `body` is the event's payload;
/// `event` its name when known (`"message.failed"`). The outcome is `"applied"`, and the action
/// never resends the request as the same request.
#[pyfunction]
#[pyo3(signature = (
    body=None, headers=None, *, event=None,
    method=None, endpoint=None, idempotency_key=None, token_fresh=None, auth=None, attempt=None,
))]
#[allow(clippy::too_many_arguments)]
fn classify_lifecycle<'py>(
    body: Option<&Bound<'py, PyAny>>,
    headers: Option<&Bound<'py, PyAny>>,
    event: Option<&Bound<'py, PyAny>>,
    method: Option<&Bound<'py, PyAny>>,
    endpoint: Option<&Bound<'py, PyAny>>,
    idempotency_key: Option<&Bound<'py, PyAny>>,
    token_fresh: Option<&Bound<'py, PyAny>>,
    auth: Option<&Bound<'py, PyAny>>,
    attempt: Option<&Bound<'py, PyAny>>,
) -> PyResult<Verdict> {
    let context = Context {
        method,
        endpoint,
        idempotency_key,
        token_fresh,
        auth,
        attempt,
    };
    guard(|| {
        classifier::lifecycle(
            &errtriage::Classifier::builtin(),
            body,
            headers,
            event,
            context,
        )
    })
}

/// Classifies one input in the JSON form and returns the verdict's canonical JSON, byte for
/// byte what the core (and every other binding) returns. Any problem with the input, even a
/// wrongly typed field inside it, is a `ValueError`: the argument itself is a well-typed `str`.
#[pyfunction]
fn classify_json(text: &Bound<'_, PyAny>) -> PyResult<String> {
    guard(|| classifier::json(&errtriage::Classifier::builtin(), text))
}

/// The compiled half of the `errtriage` package; import `errtriage`, not this module.
#[pymodule]
mod _native {
    use errtriage::{Action, Auth, Category, Outcome, Shape, StopReason, TransportKind};
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::{classify, classify_json, classify_lifecycle, classify_transport};
    #[pymodule_export]
    use crate::classifier::Classifier;
    #[pymodule_export]
    use crate::idempotency::IdempotencyGuard;
    #[pymodule_export]
    use crate::operation::{_client_failure, Operation};
    #[pymodule_export]
    use crate::policy::{Attempts, RetryBudget, RetryPolicy, Step};
    #[pymodule_export]
    use crate::report::{escalation_report, log_fields, EscalationReport};
    #[pymodule_export]
    use crate::rule::{rule, rules, Rule};
    #[pymodule_export]
    use crate::verdict::{_restore, Verdict};
    use crate::words::all;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        let py = m.py();
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        m.add("SHAPES", all::<Shape>(py)?)?;
        m.add("CATEGORIES", all::<Category>(py)?)?;
        m.add("ACTIONS", all::<Action>(py)?)?;
        m.add("OUTCOMES", all::<Outcome>(py)?)?;
        m.add("TRANSPORT_KINDS", all::<TransportKind>(py)?)?;
        m.add("AUTHS", all::<Auth>(py)?)?;
        m.add("STOP_REASONS", all::<StopReason>(py)?)?;
        // The step kinds, as the core names them.
        m.add(
            "STEP_KINDS",
            pyo3::types::PyTuple::new(py, errtriage::Step::KINDS)?,
        )?;
        m.add("GUARD_CAPACITY", errtriage::GUARD_CAPACITY)?;
        m.add("STATUS_RANGE", errtriage::STATUS_RANGE)?;
        m.add("MAX_RETRY_AFTER_MS", errtriage::MAX_RETRY_AFTER_MS)?;
        m.add("BODY_PREFIX_BYTES", errtriage::BODY_PREFIX_BYTES)?;
        Ok(())
    }
}
