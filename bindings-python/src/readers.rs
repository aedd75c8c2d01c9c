//! `errtriage.read_inputs`: the core's input readers (HAR, `curl -si` output, NDJSON with
//! members of its own) over a whole document, answered as the core's JSON (decoded by the
//! package's `read_inputs`).

use pyo3::prelude::*;

use crate::args::{self, Body};
use crate::errors::{guard, to_py};

/// The core's `readers::read_json`: `data` (bytes-like or str), `format` (`"har"`, `"http"`,
/// `"ndjson"`, or None to guess) → the result's JSON text.
#[pyfunction]
#[pyo3(signature = (data, format=None))]
pub(crate) fn _read_inputs(
    data: &Bound<'_, PyAny>,
    format: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    guard(|| {
        let body = Body::named(Some(data), "data")?;
        let format = args::text(format, "format")?;
        errtriage::readers::read_json(body.bytes()?, format.as_deref()).map_err(to_py)
    })
}
