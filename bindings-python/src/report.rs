//! `Classifier.log_fields(...)` and `Classifier.escalation_report(...)` (and so
//! `errtriage.log_fields` / `escalation_report`, the built-in classifier's): what to log for
//! every failure and what to hand support (DESIGN.md §3). Both take `classify`'s arguments (or
//! a `transport=` mapping instead of a status), and the report also the attempt history; the
//! core redacts, orders and words everything.

use errtriage::{AttemptRecord, Input};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use pyo3::{intern, IntoPyObjectExt};

use crate::args::{self, Call};
use crate::errors::{to_py, wrong_type};
use crate::verdict::{parse_details, Verdict};
use crate::words::word;

/// The fields the playbook says to log for every failed call, as a dict in the core's order
/// (equal to the core's `LogFields::to_json`, parsed), by `classifier`'s rules.
pub(crate) fn log_fields<'py>(
    py: Python<'py>,
    classifier: &errtriage::Classifier,
    call: Call<'_, 'py>,
) -> PyResult<Bound<'py, PyDict>> {
    let fields = call.with_input(|input| Ok(classifier.log_fields(input)))?;
    let dict = PyDict::new(py);
    dict.set_item(intern!(py, "endpoint"), fields.endpoint)?;
    dict.set_item(intern!(py, "method"), fields.method)?;
    dict.set_item(intern!(py, "status"), fields.status)?;
    dict.set_item(intern!(py, "request_timestamp"), fields.request_timestamp)?;
    dict.set_item(intern!(py, "request_id"), fields.request_id)?;
    dict.set_item(intern!(py, "message_id"), fields.message_id)?;
    dict.set_item(intern!(py, "external_reference"), fields.external_reference)?;
    dict.set_item(intern!(py, "idempotency_key"), fields.idempotency_key)?;
    Ok(dict)
}

/// One item of `history`: a `Verdict` as it is, or a mapping of an attempt record (as the
/// shared vectors and other bindings carry them), handed to the core as JSON and read there.
fn record(i: usize, item: &Bound<'_, PyAny>) -> PyResult<AttemptRecord> {
    if let Ok(verdict) = item.cast::<Verdict>() {
        return Ok(AttemptRecord::from_verdict(&verdict.get().0));
    }
    if !item.is_instance_of::<PyDict>() {
        return Err(wrong_type(
            &format!("history[{i}]"),
            "a Verdict or a dict of an attempt record",
            item,
        ));
    }
    let text: String = item
        .py()
        .import("json")?
        .call_method1("dumps", (item,))
        .map_err(|_| wrong_type(&format!("history[{i}]"), "a JSON-serialisable dict", item))?
        .extract()?;
    AttemptRecord::from_json(&text).map_err(|e| to_py(e.at(&format!("history[{i}]"))))
}

/// The escalation package for a failed call after the attempts in `history`, redacted, by
/// `classifier`'s rules.
pub(crate) fn escalation_report<'py>(
    classifier: &errtriage::Classifier,
    call: Call<'_, 'py>,
    history: Option<&Bound<'py, PyAny>>,
    reproduces: Option<&Bound<'py, PyAny>>,
) -> PyResult<EscalationReport> {
    // Read in signature order after the call's own arguments (checked inside with_input
    // first, so the first wrong argument is the one reported).
    call.with_input(|input: &Input<'_>| {
        let records = match history.filter(|h| !h.is_none()) {
            None => Vec::new(),
            Some(h) if h.is_instance_of::<PyString>() || h.is_instance_of::<PyDict>() => {
                return Err(wrong_type("history", "a sequence of Verdict or dict", h))
            }
            Some(h) => {
                let items = h
                    .try_iter()
                    .map_err(|_| wrong_type("history", "a sequence of Verdict or dict", h))?;
                items
                    .enumerate()
                    .map(|(i, item)| record(i, &item?))
                    .collect::<PyResult<Vec<_>>>()?
            }
        };
        let reproduces = args::flag(reproduces, "reproduces")?;
        Ok(EscalationReport(
            classifier.escalation_report(input, &records, reproduces),
        ))
    })
}

/// Everything support needs about a failed call, secrets redacted. Immutable.
#[pyclass(module = "errtriage", name = "EscalationReport", frozen)]
pub(crate) struct EscalationReport(pub(crate) errtriage::EscalationReport);

#[pymethods]
impl EscalationReport {
    /// The endpoint, secrets in its query and user info redacted.
    #[getter]
    fn endpoint(&self) -> Option<&str> {
        self.0.endpoint.as_deref()
    }

    /// The HTTP method.
    #[getter]
    fn method(&self) -> Option<&str> {
        self.0.method.as_deref()
    }

    /// The HTTP status of the last attempt; None for a transport failure.
    #[getter]
    fn status(&self) -> Option<u16> {
        self.0.status
    }

    /// When the request was made (unix seconds): the caller's `now`, else the response's `Date`.
    #[getter]
    fn request_timestamp(&self) -> Option<i64> {
        self.0.request_timestamp
    }

    /// The request id.
    #[getter]
    fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }

    /// The `Idempotency-Key` the request carried.
    #[getter]
    fn idempotency_key(&self) -> Option<&str> {
        self.0.idempotency_key.as_deref()
    }

    /// `messageId` from the response body.
    #[getter]
    fn message_id(&self) -> Option<&str> {
        self.0.message_id.as_deref()
    }

    /// `externalReference` from the response body.
    #[getter]
    fn external_reference(&self) -> Option<&str> {
        self.0.external_reference.as_deref()
    }

    /// Whether the failure reproduces consistently, as the caller said.
    #[getter]
    fn reproduces(&self) -> Option<bool> {
        self.0.reproduces
    }

    /// Whether the bearer token was freshly acquired, as the caller said.
    #[getter]
    fn token_fresh(&self) -> Option<bool> {
        self.0.token_fresh
    }

    /// The contract of the body.
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        word(py, self.0.shape)
    }

    /// What kind of failure it is.
    #[getter]
    fn category<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        word(py, self.0.category)
    }

    /// What the model recommends.
    #[getter]
    fn action<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        word(py, self.0.action)
    }

    /// The id of the rule that decided; `errtriage.rule(id)` gives the whole rule.
    #[getter]
    fn rule(&self) -> &str {
        self.0.rule.id()
    }

    /// The deciding rule's hint.
    #[getter]
    fn hint(&self) -> &str {
        self.0.rule.hint()
    }

    /// The API's code.
    #[getter]
    fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }

    /// The API's message, redacted.
    #[getter]
    fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }

    /// For a transport failure, `{"kind", "sent", "detail"}` (detail redacted); else None.
    #[getter]
    fn transport<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some((kind, sent, detail)) = &self.0.transport else {
            return Ok(None);
        };
        let dict = PyDict::new(py);
        dict.set_item(intern!(py, "kind"), PyString::intern(py, kind))?;
        dict.set_item(intern!(py, "sent"), *sent)?;
        dict.set_item(intern!(py, "detail"), detail.as_deref())?;
        Ok(Some(dict))
    }

    /// The response headers as `(name, value)` pairs, secret values redacted.
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let pairs = self
            .0
            .headers
            .iter()
            .map(|(name, value)| PyTuple::new(py, [name.as_str(), value.as_str()]))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, pairs)
    }

    /// The error body (its first 64 KiB), redacted; None when empty.
    #[getter]
    fn body(&self) -> Option<&str> {
        self.0.body.as_deref()
    }

    /// Every attempt, this one last, as dicts: `attempt` (from 1), `status`, `rule`, `action`,
    /// `retry_after_ms`, `request_id`.
    #[getter]
    fn attempts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = self
            .0
            .attempts
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let dict = PyDict::new(py);
                dict.set_item(intern!(py, "attempt"), i + 1)?;
                dict.set_item(intern!(py, "status"), a.status)?;
                dict.set_item(intern!(py, "rule"), a.rule.id())?;
                dict.set_item(intern!(py, "action"), word(py, a.action))?;
                dict.set_item(intern!(py, "retry_after_ms"), a.retry_after_ms)?;
                dict.set_item(intern!(py, "request_id"), a.request_id.as_deref())?;
                Ok(dict)
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// The report as text for a support ticket (the core's `to_text`).
    #[getter]
    fn text(&self) -> String {
        self.0.to_text()
    }

    /// Every field in the canonical order: equal to `json.loads(report.to_json())`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        parse_details(py, &self.0.to_json())
    }

    /// The canonical JSON form, one line, byte for byte what every binding gives.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    fn __str__(&self) -> String {
        self.0.to_text()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let repr = |v: Bound<'_, PyAny>| -> PyResult<String> { Ok(v.repr()?.to_string()) };
        Ok(format!(
            "EscalationReport(endpoint={}, status={}, action={}, rule={}, attempts={})",
            repr(self.endpoint().into_bound_py_any(py)?)?,
            repr(self.status().into_bound_py_any(py)?)?,
            repr(self.action(py).into_any())?,
            repr(self.rule().into_bound_py_any(py)?)?,
            self.0.attempts.len(),
        ))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<EscalationReport>() {
            Ok(other) => (self.0 == other.get().0).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }
}
