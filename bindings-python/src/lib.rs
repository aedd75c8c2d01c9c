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
mod arrow;
mod classifier;
mod errors;
mod idempotency;
mod operation;
mod policy;
mod readers;
mod report;
mod rule;
mod verdict;
mod words;

use pyo3::prelude::*;

/// The compiled half of the `errtriage` package; import `errtriage`, not this module.
#[pymodule]
mod _native {
    use errtriage::{Action, Auth, Category, Outcome, Shape, StopReason, TransportKind};
    use pyo3::prelude::*;

    #[pymodule_export]
    use crate::arrow::ArrowVerdicts;
    #[pymodule_export]
    use crate::classifier::Classifier;
    #[pymodule_export]
    use crate::idempotency::IdempotencyGuard;
    #[pymodule_export]
    use crate::operation::{_client_failure, Operation};
    #[pymodule_export]
    use crate::policy::{Attempts, RetryBudget, RetryPolicy, Step};
    #[pymodule_export]
    use crate::readers::_read_inputs;
    #[pymodule_export]
    use crate::report::EscalationReport;
    #[pymodule_export]
    use crate::rule::Rule;
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
