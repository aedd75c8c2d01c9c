//! The vocabulary words as shared, interned Python strings.
//!
//! A verdict's `shape`, `category`, `action` and `outcome` are always one of a few dozen words
//! from the core's `ALL` lists. Making each once, at first use, and handing out the same
//! object afterwards saves building a new `str` on every attribute access and `to_dict()`, and
//! lets `verdict.action is errtriage.ACTIONS[0]` hold for the same word.

use errtriage::{Action, Auth, Category, Outcome, Shape, StopReason, TransportKind};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyTuple};

/// A vocabulary of the core: its words in order, and the Python strings made from them.
pub(crate) trait Vocabulary: Copy + PartialEq + 'static {
    const ALL: &'static [Self];
    fn text(self) -> &'static str;
    fn cache() -> &'static PyOnceLock<Vec<Py<PyString>>>;
}

macro_rules! vocabulary {
    ($($t:ty),+) => {$(
        impl Vocabulary for $t {
            const ALL: &'static [Self] = <$t>::ALL;
            fn text(self) -> &'static str {
                self.as_str()
            }
            fn cache() -> &'static PyOnceLock<Vec<Py<PyString>>> {
                static CACHE: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();
                &CACHE
            }
        }
    )+};
}

vocabulary!(
    Shape,
    Category,
    Action,
    Outcome,
    TransportKind,
    Auth,
    StopReason
);

fn table<V: Vocabulary>(py: Python<'_>) -> &Vec<Py<PyString>> {
    V::cache().get_or_init(py, || {
        V::ALL
            .iter()
            .map(|w| PyString::intern(py, w.text()).unbind())
            .collect()
    })
}

/// The Python string for `word`.
pub(crate) fn word<V: Vocabulary>(py: Python<'_>, word: V) -> Bound<'_, PyString> {
    V::ALL
        .iter()
        .position(|w| *w == word)
        .and_then(|i| table::<V>(py).get(i))
        .map(|s| s.bind(py).clone())
        // Every value is in ALL; this only keeps the lookup total.
        .unwrap_or_else(|| PyString::new(py, word.text()))
}

/// Every word of the vocabulary, in the core's order, as a tuple.
pub(crate) fn all<V: Vocabulary>(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    PyTuple::new(py, table::<V>(py).iter().map(|s| s.bind(py)))
}
