//! `errtriage.Classifier`: the built-in model with a user's rules document over it (issue 9 §2),
//! and the three classifying calls every classifier shares with the module-level functions
//! (which are the built-in classifier's).
//!
//! The document is handed to the core as text, whatever form it came in (`str`, UTF-8 `bytes`,
//! or a `dict` serialised by `json.dumps`); the core reads and checks it, and its errors become
//! `TypeError` / `ValueError` as every other core error does. The Python object holds the core's
//! `Classifier` (its rules read and indexed once, shared behind an `Arc`), so it is immutable and
//! can be used from any number of threads at once.

use errtriage::Input;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyString};

use crate::args::{self, Body, Call, Context, TransportArg};
use crate::errors::{guard, to_py, wrong_type};
use crate::report;
use crate::rule::Rule;
use crate::verdict::Verdict;

/// The arguments of `classify`, read in signature order, so that the first wrong one is the one
/// reported.
pub(crate) struct Response<'a, 'py> {
    pub status: &'a Bound<'py, PyAny>,
    pub body: Option<&'a Bound<'py, PyAny>>,
    pub headers: Option<&'a Bound<'py, PyAny>>,
    pub context: Context<'a, 'py>,
    pub now: Option<&'a Bound<'py, PyAny>>,
    /// A transport failure that cut the body off: a partial response.
    pub transport: Option<&'a Bound<'py, PyAny>>,
}

/// `classify` with `classifier`'s rules.
pub(crate) fn response(
    classifier: &errtriage::Classifier,
    a: Response<'_, '_>,
) -> PyResult<Verdict> {
    let input = args::response(a.status)?;
    let body = Body::prefix(a.body)?;
    let headers = args::HeaderText::new(a.headers)?;
    let request = a.context.text()?;
    let now = args::now(a.now)?;
    let transport = a
        .transport
        .filter(|t| !t.is_none())
        .map(TransportArg::new)
        .transpose()?;
    let input = match &transport {
        Some(t) => input.cut_off(t.transport()?),
        None => input,
    };
    let headers = headers.pairs();
    let mut input = input
        .with_headers(&headers)
        .with_body(body.bytes()?)
        .with_request(request.request())
        .map_err(to_py)?;
    if let Some(now) = now {
        input = input.with_now(now);
    }
    Ok(Verdict(classify_in_scratch(classifier, &input)))
}

/// `classify_transport` with `classifier`'s rules.
pub(crate) fn transport(
    classifier: &errtriage::Classifier,
    kind: &Bound<'_, PyAny>,
    sent: &Bound<'_, PyAny>,
    detail: Option<&Bound<'_, PyAny>>,
    context: Context<'_, '_>,
) -> PyResult<Verdict> {
    let detail = args::text(detail, "transport.detail")?;
    let transport = errtriage::Transport {
        kind: args::transport_kind(kind)?,
        sent: args::sent(sent)?,
        detail: detail.as_deref(),
    };
    let request = context.text()?;
    let input = Input::transport(transport)
        .with_request(request.request())
        .map_err(to_py)?;
    Ok(Verdict(classify_in_scratch(classifier, &input)))
}

/// `classify_lifecycle` with `classifier`'s rules: a failure reported after the request was
/// accepted (a webhook event), its payload read like a body.
pub(crate) fn lifecycle(
    classifier: &errtriage::Classifier,
    body: Option<&Bound<'_, PyAny>>,
    headers: Option<&Bound<'_, PyAny>>,
    event: Option<&Bound<'_, PyAny>>,
    context: Context<'_, '_>,
) -> PyResult<Verdict> {
    let body = Body::prefix(body)?;
    let headers = args::HeaderText::new(headers)?;
    let event = args::text(event, "lifecycle.event")?;
    let request = context.text()?;
    let headers = headers.pairs();
    let input = Input::lifecycle(event.as_deref())
        .with_headers(&headers)
        .with_body(body.bytes()?)
        .with_request(request.request())
        .map_err(to_py)?;
    Ok(Verdict(classify_in_scratch(classifier, &input)))
}

/// `classify_json` with `classifier`'s rules. Any problem with the input, even a wrongly typed
/// field inside it, is a `ValueError`: the argument itself is a well-typed `str`.
pub(crate) fn json(
    classifier: &errtriage::Classifier,
    text: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let text = args::json_text(text)?;
    classifier.classify_json(&text).map_err(|e| {
        let err = pyo3::exceptions::PyValueError::new_err(e.message().to_owned());
        crate::errors::with_fields(err, &e)
    })
}

/// One item of `classify_many` as the JSON form's text: a `str` as is, a `dict` through
/// `json.dumps` (as a rules document is read).
fn form_text(item: &Bound<'_, PyAny>, field: &str) -> PyResult<String> {
    if let Ok(s) = item.cast::<PyString>() {
        return Ok(args::utf8(s)?.into_owned());
    }
    if item.is_instance_of::<PyDict>() {
        return dumps(item);
    }
    Err(wrong_type(
        field,
        "str or dict (an input in the JSON form)",
        item,
    ))
}

/// `json.dumps(value)`, looked up once.
fn dumps(value: &Bound<'_, PyAny>) -> PyResult<String> {
    static DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let py = value.py();
    let dumps = DUMPS.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("json")?.getattr("dumps")?.unbind())
    })?;
    let text = dumps.bind(py).call1((value,))?;
    let text = text.cast::<PyString>()?;
    Ok(args::utf8(text)?.into_owned())
}

/// `classify_many` with `classifier`'s rules: every item read first (with the GIL), then all of
/// them classified by the core with the GIL released. The first bad item raises, its index in
/// the error's field (`inputs[3].status: …`), as `classify_json` raises for that item alone.
pub(crate) fn many(
    py: Python<'_>,
    classifier: &errtriage::Classifier,
    inputs: &Bound<'_, PyAny>,
) -> PyResult<Vec<Verdict>> {
    if inputs.is_instance_of::<PyString>() || inputs.is_instance_of::<PyDict>() {
        // One input where many were expected: iterating it would read its characters or keys.
        return Err(wrong_type(
            "inputs",
            "an iterable of inputs in the JSON form",
            inputs,
        ));
    }
    let items = inputs
        .try_iter()
        .map_err(|_| wrong_type("inputs", "an iterable of inputs in the JSON form", inputs))?;
    let mut texts = Vec::with_capacity(inputs.len().unwrap_or(0));
    for (i, item) in items.enumerate() {
        texts.push(form_text(&item?, &format!("inputs[{i}]"))?);
    }
    let verdicts = py.detach(|| {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                classifier
                    .classify_form(text)
                    .map(Verdict)
                    .map_err(|e| e.at(&format!("inputs[{i}]")))
            })
            .collect::<Result<Vec<_>, _>>()
    });
    verdicts.map_err(|e| {
        // Every problem inside an item is a ValueError, as classify_json raises it.
        let err = pyo3::exceptions::PyValueError::new_err(e.message().to_owned());
        crate::errors::with_fields(err, &e)
    })
}

/// The built-in model with your rules over them: a rules document
/// (`{"errtriage_rules": 1, "rules": [...], "disable": [...]}`) as `str`, UTF-8 `bytes` or a
/// parsed `dict`. Your rules win over the built-ins; `disable` switches built-ins off by id.
/// Immutable and safe to share across threads.
#[pyclass(module = "errtriage", name = "Classifier", frozen)]
pub(crate) struct Classifier(pub(crate) errtriage::Classifier);

/// The document's text, as the core reads it.
fn document_text(rules: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = rules.cast::<PyString>() {
        return Ok(args::utf8(s)?.into_owned());
    }
    if let Ok(b) = rules.cast::<PyBytes>() {
        return match std::str::from_utf8(b.as_bytes()) {
            Ok(text) => Ok(text.to_owned()),
            Err(e) => Err(to_py(errtriage::Error::invalid_value(
                "rules",
                "UTF-8 text",
                &format!("bytes that are not UTF-8 (at byte {})", e.valid_up_to()),
            ))),
        };
    }
    if rules.is_instance_of::<PyDict>() {
        return dumps(rules);
    }
    Err(wrong_type("rules", "str, bytes or dict", rules))
}

#[pymethods]
impl Classifier {
    #[new]
    fn new(py: Python<'_>, rules: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(|| {
            let text = document_text(rules)?;
            // Reading and indexing a large document takes a while: other threads run meanwhile.
            let classifier = py
                .detach(|| errtriage::Classifier::new(&text))
                .map_err(to_py)?;
            Ok(Classifier(classifier))
        })
    }

    /// The built-in model alone (what the module-level functions classify with).
    #[staticmethod]
    fn builtin() -> Self {
        Classifier(errtriage::Classifier::builtin())
    }

    /// Classifies a response: its status, body and headers, and what you know of the request.
    #[pyo3(signature = (
        status, body=None, headers=None, *,
        method=None, endpoint=None, idempotency_key=None, token_fresh=None, auth=None,
        attempt=None, now=None, transport=None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn classify<'py>(
        &self,
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
        let args = Response {
            status,
            body,
            headers,
            context,
            now,
            transport,
        };
        guard(|| response(&self.0, args))
    }

    /// Classifies a failure with no response: its transport kind and whether it was sent.
    #[pyo3(signature = (
        kind, *, sent, detail=None,
        method=None, endpoint=None, idempotency_key=None, token_fresh=None, auth=None, attempt=None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn classify_transport<'py>(
        &self,
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
        guard(|| transport(&self.0, kind, sent, detail, context))
    }

    /// Classifies a failure reported after the request was accepted (a webhook's event).
    #[pyo3(signature = (
        body=None, headers=None, *, event=None,
        method=None, endpoint=None, idempotency_key=None, token_fresh=None, auth=None, attempt=None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn classify_lifecycle<'py>(
        &self,
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
        guard(|| lifecycle(&self.0, body, headers, event, context))
    }

    /// Classifies one input in the JSON form: the verdict's canonical JSON, byte for byte what
    /// the core and every other binding give with the same rules. Any problem with the input,
    /// even a wrongly typed field inside it, is a `ValueError`.
    fn classify_json(&self, text: &Bound<'_, PyAny>) -> PyResult<String> {
        guard(|| json(&self.0, text))
    }

    /// Classifies many inputs in the JSON form (each a `str` or a `dict`, as `classify_json`
    /// reads it) with the GIL released: a list of verdicts, in order, each the verdict
    /// `classify_json` gives for that item. The first bad item raises `ValueError` (`TypeError`
    /// for an item that is neither `str` nor `dict`), its index in the message.
    fn classify_many(&self, py: Python<'_>, inputs: &Bound<'_, PyAny>) -> PyResult<Vec<Verdict>> {
        guard(|| many(py, &self.0, inputs))
    }

    /// Classifies every row of an Arrow table or record batch (anything with
    /// `__arrow_c_stream__` or `__arrow_c_array__`) with the GIL released: an `ArrowVerdicts`
    /// struct column, one verdict per row. Each keyword names the column read for that field
    /// (by default the column of the keyword's own name, if there is one).
    #[pyo3(signature = (
        data, *, status=None, headers=None, body=None, transport_kind=None,
        transport_sent=None, transport_detail=None, method=None, endpoint=None,
        idempotency_key=None, token_fresh=None, auth=None, attempt=None, now=None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn classify_arrow(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        status: Option<String>,
        headers: Option<String>,
        body: Option<String>,
        transport_kind: Option<String>,
        transport_sent: Option<String>,
        transport_detail: Option<String>,
        method: Option<String>,
        endpoint: Option<String>,
        idempotency_key: Option<String>,
        token_fresh: Option<String>,
        auth: Option<String>,
        attempt: Option<String>,
        now: Option<String>,
    ) -> PyResult<crate::arrow::ArrowVerdicts> {
        let names = [
            status,
            headers,
            body,
            transport_kind,
            transport_sent,
            transport_detail,
            method,
            endpoint,
            idempotency_key,
            token_fresh,
            auth,
            attempt,
            now,
        ];
        guard(|| crate::arrow::classify(py, &self.0, data, names))
    }

    /// The fields to log for a failed call (`classify`'s arguments, or `transport=` alone).
    #[pyo3(signature = (
        status=None, body=None, headers=None, *,
        method=None, endpoint=None, idempotency_key=None, token_fresh=None, auth=None,
        attempt=None, now=None, transport=None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn log_fields<'py>(
        &self,
        py: Python<'py>,
        status: Option<&Bound<'py, PyAny>>,
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
    ) -> PyResult<Bound<'py, PyDict>> {
        let context = Context {
            method,
            endpoint,
            idempotency_key,
            token_fresh,
            auth,
            attempt,
        };
        let call = Call {
            status,
            body,
            headers,
            context,
            now,
            transport,
        };
        guard(|| report::log_fields(py, &self.0, call))
    }

    /// The escalation package for a failed call after the attempts in `history` (verdicts or
    /// attempt-record dicts), redacted.
    #[pyo3(signature = (
        status=None, body=None, headers=None, *,
        method=None, endpoint=None, idempotency_key=None, token_fresh=None, auth=None,
        attempt=None, now=None, transport=None, history=None, reproduces=None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn escalation_report<'py>(
        &self,
        status: Option<&Bound<'py, PyAny>>,
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
        history: Option<&Bound<'py, PyAny>>,
        reproduces: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<report::EscalationReport> {
        let context = Context {
            method,
            endpoint,
            idempotency_key,
            token_fresh,
            auth,
            attempt,
        };
        let call = Call {
            status,
            body,
            headers,
            context,
            now,
            transport,
        };
        guard(|| report::escalation_report(&self.0, call, history, reproduces))
    }

    /// Every rule in the order they are consulted: the document's, then the built-ins it left on.
    fn rules(&self) -> Vec<Rule> {
        self.0.rules().map(Rule::of).collect()
    }

    /// The rule with this id (a user's or a built-in left on), or None.
    fn rule(&self, id: &str) -> Option<Rule> {
        self.0.rule(id).map(Rule::of)
    }

    /// Every rule as one rules document (what `errtriage rules --json` prints).
    fn rules_json(&self) -> String {
        self.0.rules_json()
    }

    fn __repr__(&self) -> String {
        let (mut all, mut user) = (0usize, 0usize);
        for r in self.0.rules() {
            all += 1;
            user += usize::from(r.is_user());
        }
        format!("Classifier(rules={all}, user_rules={user})")
    }

    /// A classifier is immutable, so a copy is the classifier itself.
    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (memo, /))]
    fn __deepcopy__(slf: Py<Self>, memo: &Bound<'_, PyAny>) -> Py<Self> {
        let _ = memo;
        slf
    }
}

thread_local! {
    /// The memory this thread's calls read bodies into, kept between calls.
    static SCRATCH: std::cell::RefCell<errtriage::Scratch> =
        std::cell::RefCell::new(errtriage::Scratch::new());
}

/// `classifier.classify(input)`, with this thread's scratch when it is free (it always is, but
/// for a call made while the thread is being torn down).
pub(crate) fn classify_in_scratch(
    classifier: &errtriage::Classifier,
    input: &Input<'_>,
) -> errtriage::Verdict {
    let kept = SCRATCH.try_with(|scratch| {
        let mut scratch = scratch.try_borrow_mut().ok()?;
        Some(classifier.classify_ref(&mut scratch, input).into_owned())
    });
    kept.ok()
        .flatten()
        .unwrap_or_else(|| classifier.classify(input))
}
