//! `errtriage.Rule`, `errtriage.rules()` and `errtriage.rule(id)`: the core's rule table, read
//! only. Every verdict names the rule that decided it; these let a Python caller look the rule
//! up (its category, action, hint and source document) without a copy of the table here.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::words::word;

/// One line of the model: the id a verdict names, what the rule decides and where it comes from.
#[pyclass(module = "errtriage", name = "Rule", frozen)]
pub(crate) struct Rule(&'static errtriage::Rule);

#[pymethods]
impl Rule {
    /// Stable id, `family.name` (`"core.upstream_error"`, `"status.502"`).
    #[getter]
    fn id(&self) -> &'static str {
        self.0.id
    }

    /// The category it decides; None for rules that adjust only the action.
    #[getter]
    fn category<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.0.category.map(|c| word(py, c))
    }

    /// The action it decides.
    #[getter]
    fn action<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        word(py, self.0.action)
    }

    /// One short sentence on what to do.
    #[getter]
    fn hint(&self) -> &'static str {
        self.0.hint
    }

    /// Where the rule comes from (seed section, RFC, vendor documentation).
    #[getter]
    fn source(&self) -> &'static str {
        self.0.source
    }

    /// The codes the rule matches; empty for rules that do not match on a code.
    #[getter]
    fn codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.0.codes().iter().map(|c| PyString::new(py, c)))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let id = PyString::new(py, self.0.id).repr()?;
        let category = self.category(py).into_pyobject(py)?.repr()?;
        let action = self.action(py).repr()?;
        Ok(format!(
            "Rule(id={id}, category={category}, action={action})"
        ))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Rule>() {
            Ok(other) => (self.0.id == other.get().0.id).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self) -> u64 {
        let mut h = DefaultHasher::new();
        self.0.id.hash(&mut h);
        h.finish()
    }
}

/// Every rule of the model, in the core's documented order.
#[pyfunction]
pub(crate) fn rules() -> Vec<Rule> {
    errtriage::rules::all().map(Rule).collect()
}

/// The rule with this id, or None.
#[pyfunction]
pub(crate) fn rule(id: &str) -> Option<Rule> {
    errtriage::rules::find(id).map(Rule)
}
