//! How the core's errors and the binding's own argument checks become Python exceptions.
//!
//! Every message is built by the core (`errtriage::Error`), so a wrong argument reads the same
//! in Python as in the JSON form, the CLI and the other bindings (DESIGN.md §6). Only the
//! mapping to exception classes is decided here: a wrong type is a `TypeError`, anything else a
//! `ValueError`, and a panic — which the core promises never to raise — a `RuntimeError`
//! rather than pyo3's `PanicException`, which derives from `BaseException` and would slip past
//! a caller's `except Exception`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use errtriage::{Error, ErrorKind};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;

/// A core error as the matching Python exception: `Type` → `TypeError`, else `ValueError`.
pub(crate) fn to_py(error: Error) -> PyErr {
    let err = match error.kind() {
        ErrorKind::Type => PyTypeError::new_err(error.message().to_owned()),
        ErrorKind::Syntax | ErrorKind::Value => PyValueError::new_err(error.message().to_owned()),
    };
    with_fields(err, &error)
}

/// The core's kind name (`syntax`, `type`, `value`).
fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Syntax => "syntax",
        ErrorKind::Type => "type",
        ErrorKind::Value => "value",
    }
}

/// `err` with the core error's `kind` and `field` as attributes (as the JS packages' errors
/// carry `.field`), so a caller, and the differential test, can tell what the core said.
pub(crate) fn with_fields(err: PyErr, error: &Error) -> PyErr {
    Python::attach(|py| {
        let value = err.value(py);
        // Setting an attribute on a fresh exception instance cannot fail; if it did, the
        // exception is still the right one with the right message.
        let _ = value.setattr("kind", kind_name(error.kind()));
        let _ = value.setattr("field", error.field());
    });
    err
}

/// `field` got a Python object of the wrong type; `expected` names the Python types it takes.
pub(crate) fn wrong_type(field: &str, expected: &str, got: &Bound<'_, PyAny>) -> PyErr {
    to_py(Error::wrong_type(field, expected, &type_name(got)))
}

/// The name a Python programmer knows the object's type by (`str`, `float`, `NoneType`).
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .qualname()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| String::from("an object"))
}

/// Runs `f`, turning a panic into a `RuntimeError` (see the module comment).
pub(crate) fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(PyRuntimeError::new_err(format!(
            "errtriage internal error (please report it): {what}"
        )))
    })
}
