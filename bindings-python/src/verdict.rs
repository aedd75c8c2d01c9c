//! `errtriage.Verdict`: the core's `Verdict`, held as is and shown to Python through read-only
//! attributes.
//!
//! A frozen `#[pyclass]` wrapping the Rust value costs far less to return than building a dict
//! of thirteen fields (TOOLCHAIN.md: ~750 ns against ~1,700 ns), and fields a caller never
//! reads are never converted. Equality, hashing and `to_json` all come from the core value, so
//! two verdicts are equal exactly when the core says so.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::{intern, IntoPyObjectExt};

use errtriage::{Action, Category, Outcome, Shape};

use crate::errors::to_py;
use crate::words::word;

/// What one failed call means and what to do about it. Made only by `classify`,
/// `classify_transport` and friends; immutable, comparable and hashable.
#[pyclass(module = "errtriage", name = "Verdict", frozen)]
pub(crate) struct Verdict(pub(crate) errtriage::Verdict);

/// The Python value of the JSON text `details` (or any compact JSON the core wrote), built by
/// the core's rule for it (`errtriage::details`): without recursion, so any depth converts, and
/// a number outside the range the core keeps as a number is its exact text, a `str` — so
/// `json.dumps` always writes JSON back. Otherwise it equals `json.loads(text)`.
pub(crate) fn parse_details<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    use errtriage::details::DetailsToken as T;
    enum Open<'py> {
        List(Bound<'py, PyList>),
        Dict(Bound<'py, PyDict>, Option<Bound<'py, PyString>>),
    }
    let mut stack: Vec<Open<'py>> = Vec::new();
    for token in errtriage::details::tokens(text).map_err(to_py)? {
        let value = match &token {
            T::Key(k) => {
                if let Some(Open::Dict(_, key)) = stack.last_mut() {
                    *key = Some(PyString::new(py, k));
                }
                continue;
            }
            T::Array => {
                stack.push(Open::List(PyList::empty(py)));
                continue;
            }
            T::Object => {
                stack.push(Open::Dict(PyDict::new(py), None));
                continue;
            }
            T::End => match stack.pop() {
                Some(Open::List(l)) => l.into_any(),
                Some(Open::Dict(d, _)) => d.into_any(),
                None => py.None().into_bound(py),
            },
            _ => leaf(py, &token)?,
        };
        match stack.last_mut() {
            None => return Ok(value),
            Some(Open::List(l)) => l.append(value)?,
            Some(Open::Dict(d, key)) => {
                if let Some(key) = key.take() {
                    d.set_item(key, value)?;
                }
            }
        }
    }
    Ok(py.None().into_bound(py))
}

/// `repr` of the value [`parse_details`] gives, written without recursion when Python's own
/// `repr` would recurse too deep.
fn details_repr(py: Python<'_>, text: &str) -> PyResult<String> {
    let value = parse_details(py, text)?;
    if let Ok(r) = value.repr() {
        return Ok(r.to_cow()?.into_owned());
    }
    use errtriage::details::DetailsToken as T;
    let mut out = String::new();
    // Per open container: whether it is a dict, and whether it has an item yet.
    let mut open: Vec<(bool, bool)> = Vec::new();
    for token in errtriage::details::tokens(text).map_err(to_py)? {
        let before = |out: &mut String, open: &mut Vec<(bool, bool)>| {
            if let Some((dict, any)) = open.last_mut() {
                if !*dict && *any {
                    out.push_str(", ");
                }
                *any = true;
            }
        };
        match &token {
            T::Key(k) => {
                if let Some((_, any)) = open.last_mut() {
                    if *any {
                        out.push_str(", ");
                    }
                    *any = true;
                }
                out.push_str(&PyString::new(py, k).repr()?.to_cow()?);
                out.push_str(": ");
            }
            T::Array | T::Object => {
                before(&mut out, &mut open);
                let dict = matches!(token, T::Object);
                out.push(if dict { '{' } else { '[' });
                open.push((dict, false));
            }
            T::End => {
                if let Some((dict, _)) = open.pop() {
                    out.push(if dict { '}' } else { ']' });
                }
            }
            _ => {
                before(&mut out, &mut open);
                out.push_str(&leaf(py, &token)?.repr()?.to_cow()?);
            }
        }
    }
    Ok(out)
}

/// The Python value of a leaf token (null, bool, number, string).
fn leaf<'py>(
    py: Python<'py>,
    token: &errtriage::details::DetailsToken<'_>,
) -> PyResult<Bound<'py, PyAny>> {
    use errtriage::details::DetailsToken as T;
    Ok(match token {
        T::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        T::Number(n) if n.contains(['.', 'e', 'E']) => {
            PyFloat::new(py, n.parse::<f64>().unwrap_or(f64::NAN)).into_any()
        }
        T::Number(n) => match n.parse::<i64>() {
            Ok(i) => i.into_bound_py_any(py)?,
            Err(_) => py.get_type::<PyInt>().call1((*n,))?,
        },
        T::Str(s) | T::Key(s) => PyString::new(py, s).into_any(),
        _ => py.None().into_bound(py),
    })
}

/// A verdict's fields in order, as `__reduce__` hands them to `_restore`.
type VerdictState<'a> = (
    &'a str,
    &'a str,
    &'a str,
    bool,
    &'a str,
    Option<u16>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<u64>,
    &'a str,
);

/// Rebuilds a pickled verdict. Every word is read back by the core's `parse` and the rule by
/// `rules::find`, so a pickle from a version whose vocabulary or rules differ is refused with the
/// core's message rather than turned into a verdict the model never gave. A verdict decided by a
/// user's rule carries that rule (`rule_json`, its rules-document form), read back by the core as
/// a one-rule document.
#[pyfunction]
#[pyo3(signature = (state, rule_json=None, /))]
pub(crate) fn _restore(state: VerdictState<'_>, rule_json: Option<&str>) -> PyResult<Verdict> {
    let (
        shape,
        category,
        action,
        retryable,
        outcome,
        status,
        code,
        message,
        request_id,
        details,
        retry_after_ms,
        rule,
    ) = state;
    let not_found = || {
        to_py(errtriage::Error::invalid_value(
            "rule",
            "the id of a rule of this version of errtriage",
            &format!("{rule:?}"),
        ))
    };
    let rule = match rule_json {
        None => errtriage::rules::find(rule).ok_or_else(not_found)?.clone(),
        Some(text) => {
            let document = format!(r#"{{"errtriage_rules": 1, "rules": [{text}]}}"#);
            let classifier = errtriage::Classifier::new(&document).map_err(to_py)?;
            classifier
                .rule(rule)
                .filter(|r| r.is_user())
                .ok_or_else(not_found)?
                .clone()
        }
    };
    Ok(Verdict(errtriage::Verdict {
        shape: Shape::parse(shape).map_err(to_py)?,
        category: Category::parse(category).map_err(to_py)?,
        action: Action::parse(action).map_err(to_py)?,
        retryable,
        outcome: Outcome::parse(outcome).map_err(to_py)?,
        status,
        code: code.map(String::from),
        message: message.map(String::from),
        request_id: request_id.map(String::from),
        details: details.map(String::from),
        retry_after_ms,
        rule: Arc::new(rule),
    }))
}

#[pymethods]
impl Verdict {
    /// The error contract recognised (`"core_wrapper"`, `"problem"`, `"html"`, …).
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        word(py, self.0.shape)
    }

    /// What kind of failure it is (`"transient"`, `"authentication"`, …).
    #[getter]
    fn category<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        word(py, self.0.category)
    }

    /// What to do next (`"retry"`, `"refresh_credentials"`, `"reconcile"`, …).
    #[getter]
    fn action<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        word(py, self.0.action)
    }

    /// True exactly when `action` is `"retry"`.
    #[getter]
    fn retryable(&self) -> bool {
        self.0.retryable
    }

    /// Whether the server applied the request (`"not_applied"`, `"unknown"`, `"not_sent"`, `"applied"`).
    #[getter]
    fn outcome<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        word(py, self.0.outcome)
    }

    /// The HTTP status; None for a transport failure.
    #[getter]
    fn status(&self) -> Option<u16> {
        self.0.status
    }

    /// The machine-readable code, as the API sent it.
    #[getter]
    fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }

    /// The human-readable message, as the API sent it.
    #[getter]
    fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }

    /// The request id, from the body or the usual headers.
    #[getter]
    fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }

    /// Route-specific context as the API sent it, parsed (a new object on each access, so the
    /// verdict itself stays unchanged); None when absent.
    #[getter]
    fn details(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match &self.0.details {
            Some(text) => Ok(parse_details(py, text)?.unbind()),
            None => Ok(py.None()),
        }
    }

    /// The delay the server asked for, in milliseconds (capped by the core).
    #[getter]
    fn retry_after_ms(&self) -> Option<u64> {
        self.0.retry_after_ms
    }

    /// One short sentence on what to do (the deciding rule's hint).
    #[getter]
    fn hint(&self) -> &str {
        self.0.hint()
    }

    /// The id of the rule that decided; `errtriage.rule(id)` (or the classifier's `rule(id)`
    /// for a user's rule) gives the whole rule.
    #[getter]
    fn rule(&self) -> &str {
        self.0.rule.id()
    }

    /// Every field in the canonical order, with `details` parsed: equal to
    /// `json.loads(verdict.to_json())`.
    /// The OpenTelemetry attributes of this verdict as attempt `attempt`: `error.type`,
    /// `http.response.status_code`, `http.request.resend_count`, `errtriage.rule`,
    /// `errtriage.category`, `errtriage.action` (names and rules the core's), those that apply.
    #[pyo3(signature = (attempt=None))]
    fn otel_attributes<'py>(
        &self,
        py: Python<'py>,
        attempt: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let attempt = match attempt.filter(|a| !a.is_none()) {
            Some(a) => Some(crate::args::attempt(a)?),
            None => None,
        };
        // The attempt is checked as the request context's is (it counts from 1).
        errtriage::Request {
            attempt,
            ..errtriage::Request::default()
        }
        .validate()
        .map_err(crate::errors::to_py)?;
        let dict = PyDict::new(py);
        for (name, value) in self.0.otel_attributes(attempt) {
            match value {
                errtriage::AttributeValue::Str(s) => dict.set_item(name, s)?,
                errtriage::AttributeValue::Int(n) => dict.set_item(name, n)?,
            }
        }
        Ok(dict)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let v = &self.0;
        let dict = PyDict::new(py);
        dict.set_item(intern!(py, "shape"), word(py, v.shape))?;
        dict.set_item(intern!(py, "category"), word(py, v.category))?;
        dict.set_item(intern!(py, "action"), word(py, v.action))?;
        dict.set_item(intern!(py, "retryable"), v.retryable)?;
        dict.set_item(intern!(py, "outcome"), word(py, v.outcome))?;
        dict.set_item(intern!(py, "status"), v.status)?;
        dict.set_item(intern!(py, "code"), v.code.as_deref())?;
        dict.set_item(intern!(py, "message"), v.message.as_deref())?;
        dict.set_item(intern!(py, "request_id"), v.request_id.as_deref())?;
        dict.set_item(intern!(py, "details"), self.details(py)?)?;
        dict.set_item(intern!(py, "retry_after_ms"), v.retry_after_ms)?;
        dict.set_item(intern!(py, "hint"), v.hint())?;
        dict.set_item(intern!(py, "rule"), v.rule.id())?;
        Ok(dict)
    }

    /// The canonical JSON form, byte for byte what `classify_json` returns for the same input.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut out = String::from("Verdict(");
        for (i, (name, value)) in self.to_dict(py)?.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&name.str()?.to_cow()?);
            out.push('=');
            match (&*name.str()?.to_cow()?, &self.0.details) {
                ("details", Some(text)) => out.push_str(&details_repr(py, text)?),
                _ => out.push_str(&value.repr()?.to_cow()?),
            }
        }
        out.push(')');
        Ok(out)
    }

    /// Pickling: the fields as the core holds them (`details` as its JSON text), rebuilt by
    /// `_restore` through the core's own `parse` and rule lookup; a user's rule travels with the
    /// verdict in its rules-document form.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let v = &self.0;
        let restore = py.import("errtriage._native")?.getattr("_restore")?;
        let state: VerdictState<'_> = (
            v.shape.as_str(),
            v.category.as_str(),
            v.action.as_str(),
            v.retryable,
            v.outcome.as_str(),
            v.status,
            v.code.as_deref(),
            v.message.as_deref(),
            v.request_id.as_deref(),
            v.details.as_deref(),
            v.retry_after_ms,
            v.rule.id(),
        );
        let args = if v.rule.is_user() {
            (state, v.rule.to_json()).into_pyobject(py)?
        } else {
            (state,).into_pyobject(py)?
        };
        Ok((restore, args))
    }

    /// A verdict is immutable, so a copy is the verdict itself (as for `str` and `tuple`).
    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (memo, /))]
    fn __deepcopy__(slf: Py<Self>, memo: &Bound<'_, PyAny>) -> Py<Self> {
        let _ = memo;
        slf
    }

    /// Equal when every field is equal; a verdict never equals another type.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Verdict>() {
            Ok(other) => (self.0 == other.get().0).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self) -> u64 {
        let v = &self.0;
        let mut h = DefaultHasher::new();
        (
            v.shape,
            v.category,
            v.action,
            v.retryable,
            v.outcome,
            v.status,
        )
            .hash(&mut h);
        (
            &v.code,
            &v.message,
            &v.request_id,
            &v.details,
            v.retry_after_ms,
        )
            .hash(&mut h);
        v.rule.id().hash(&mut h);
        h.finish()
    }
}
