//! `errtriage.Rule`, `errtriage.rules()` and `errtriage.rule(id)`: the core's rules, read only.
//! Every verdict names the rule that decided it; these let a Python caller look the rule up (its
//! category, action, hint and source document) without a copy of the table here. A
//! `Classifier`'s `rules()` and `rule(id)` give the same objects for its user rules too.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::words::word;

/// A rule as the core holds it: a built-in one borrowed from the core's table for the life of
/// the process, a user's one shared with the classifier or verdict it came from.
enum Held {
    Builtin(&'static errtriage::Rule),
    Shared(Arc<errtriage::Rule>),
}

impl Deref for Held {
    type Target = errtriage::Rule;

    fn deref(&self) -> &errtriage::Rule {
        match self {
            Held::Builtin(rule) => rule,
            Held::Shared(rule) => rule,
        }
    }
}

/// One line of the model: the id a verdict names, what the rule decides and where it comes from.
#[pyclass(module = "errtriage", name = "Rule", frozen)]
pub(crate) struct Rule(Held);

impl Rule {
    /// A rule of a classifier's set: a built-in is the core's own `'static` rule, a user's rule
    /// is copied (a small value; the set shares it with no one outside the core).
    pub(crate) fn of(rule: &errtriage::Rule) -> Rule {
        if !rule.is_user() {
            if let Some(builtin) = errtriage::rules::find(rule.id()) {
                return Rule(Held::Builtin(builtin));
            }
        }
        Rule(Held::Shared(Arc::new(rule.clone())))
    }
}

#[pymethods]
impl Rule {
    /// Stable id, `family.name` (`"core.upstream_error"`, `"status.502"`, `"acme.quota"`).
    #[getter]
    fn id(&self) -> &str {
        self.0.id()
    }

    /// The category it decides; None for rules that adjust only the action.
    #[getter]
    fn category<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.0.category().map(|c| word(py, c))
    }

    /// The action it decides.
    #[getter]
    fn action<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        word(py, self.0.action())
    }

    /// One short sentence on what to do.
    #[getter]
    fn hint(&self) -> &str {
        self.0.hint()
    }

    /// Where the rule comes from (seed section, RFC, vendor documentation, or the `source` of a
    /// user's rule).
    #[getter]
    fn source(&self) -> &str {
        self.0.source()
    }

    /// Whether the rule came from a user's rules document.
    #[getter]
    fn is_user(&self) -> bool {
        self.0.is_user()
    }

    /// The codes the rule matches; empty for rules that do not match on a code.
    #[getter]
    fn codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let codes: Vec<&str> = self.0.codes().collect();
        PyTuple::new(py, codes)
    }

    /// The rule in the rules-document form, one JSON object (the core's printing): a rule to copy
    /// into a document of your own and change.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let id = PyString::new(py, self.0.id()).repr()?;
        let category = self.category(py).into_pyobject(py)?.repr()?;
        let action = self.action(py).repr()?;
        Ok(format!(
            "Rule(id={id}, category={category}, action={action})"
        ))
    }

    /// Equal when the rules are the same in every respect (id, conditions, outcome, source).
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Rule>() {
            Ok(other) => (*self.0 == *other.get().0).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self) -> u64 {
        let mut h = DefaultHasher::new();
        self.0.id().hash(&mut h);
        h.finish()
    }
}
