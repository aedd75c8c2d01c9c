//! `errtriage.RetryPolicy`, `Attempts`, `Step` and `RetryBudget`: the core's policy across
//! attempts (DESIGN.md §2), held as is.
//!
//! Every decision, default and check is the core's: a keyword left out (or None) takes the
//! core's `Default`, a configuration is checked by `RetryPolicy::validate` and
//! `RetryBudget::new`, a draw by `Attempts::next`. What the binding adds is where a draw comes
//! from when the caller passes none: the core's `SplitMix64` when the operation was started
//! with a seed (the same delays as in every other language), else Python's `random.random()`.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, MutexGuard};

use errtriage::{Action, Category, Error, SplitMix64, StopReason};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyInt, PyString};
use pyo3::{intern, IntoPyObjectExt};

use crate::args;
use crate::errors::{to_py, wrong_type};
use crate::verdict::Verdict;
use crate::words::word;

/// An unsigned whole-number argument no larger than `max`; None when absent or None.
pub(crate) fn unsigned(
    obj: Option<&Bound<'_, PyAny>>,
    field: &str,
    max: u64,
) -> PyResult<Option<u64>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let got = match args::int(obj, field, "int or None")? {
        Ok(n) => match u64::try_from(n) {
            Ok(n) if n <= max => return Ok(Some(n)),
            _ => n.to_string(),
        },
        Err(text) => text,
    };
    Err(to_py(Error::out_of_range(field, 0, max, &got)))
}

pub(crate) fn u64_arg(obj: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Option<u64>> {
    // Python ints are read through i64, so that is the largest value taken.
    unsigned(obj, field, i64::MAX.unsigned_abs())
}

/// A policy or budget field's int (None when absent or None); a negative one, or one beyond
/// `u64`, is the core's error for the field (`out_of_range`), worded with the field's range.
fn field_value(
    obj: Option<&Bound<'_, PyAny>>,
    field: &str,
    out_of_range: fn(&str, &str) -> Error,
) -> PyResult<Option<u64>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    match args::int(obj, field, "int or None")? {
        Ok(n) => u64::try_from(n)
            .map(Some)
            .map_err(|_| to_py(out_of_range(field, &n.to_string()))),
        Err(text) => Err(to_py(out_of_range(field, &text))),
    }
}

/// A vocabulary word argument (`category`), read by the core's parser.
fn category(obj: &Bound<'_, PyAny>) -> PyResult<Category> {
    let s = obj
        .cast::<PyString>()
        .map_err(|_| wrong_type("category", "str", obj))?;
    Category::parse(&crate::args::utf8(s)?).map_err(to_py)
}

/// A draw for the jitter: a `float` (or `int`), checked for range by the core.
pub(crate) fn draw_arg(obj: &Bound<'_, PyAny>) -> PyResult<f64> {
    if obj.is_instance_of::<PyBool>() {
        return Err(wrong_type("draw", "float or None", obj));
    }
    obj.extract::<f64>()
        .map_err(|_| wrong_type("draw", "float or None", obj))
}

fn hash_of(value: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// How many attempts, how long in all, how to back off; times in milliseconds. Immutable.
#[pyclass(module = "errtriage", name = "RetryPolicy", frozen)]
pub(crate) struct RetryPolicy(pub(crate) errtriage::RetryPolicy);

#[pymethods]
impl RetryPolicy {
    /// Each keyword left out (or None) takes the core's default; the whole is checked by the
    /// core (`ValueError`).
    #[new]
    #[pyo3(signature = (
        *, max_attempts=None, max_elapsed_ms=None, base_delay_ms=None, rate_limited_base_ms=None,
        max_delay_ms=None, max_server_delay_ms=None,
    ))]
    fn new(
        max_attempts: Option<&Bound<'_, PyAny>>,
        max_elapsed_ms: Option<&Bound<'_, PyAny>>,
        base_delay_ms: Option<&Bound<'_, PyAny>>,
        rate_limited_base_ms: Option<&Bound<'_, PyAny>>,
        max_delay_ms: Option<&Bound<'_, PyAny>>,
        max_server_delay_ms: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        // The core completes a partial policy with its defaults and checks it.
        let mut fields: Vec<(&str, u64)> = Vec::with_capacity(6);
        for (name, value) in [
            ("max_attempts", max_attempts),
            ("max_elapsed_ms", max_elapsed_ms),
            ("base_delay_ms", base_delay_ms),
            ("rate_limited_base_ms", rate_limited_base_ms),
            ("max_delay_ms", max_delay_ms),
            ("max_server_delay_ms", max_server_delay_ms),
        ] {
            if let Some(n) = field_value(value, name, errtriage::RetryPolicy::out_of_range)? {
                fields.push((name, n));
            }
        }
        let policy = errtriage::RetryPolicy::from_fields(&fields).map_err(to_py)?;
        Ok(RetryPolicy(policy))
    }

    /// Attempts in all, the first included (a refresh-then-retry counts as one).
    #[getter]
    fn max_attempts(&self) -> u32 {
        self.0.max_attempts
    }

    /// The most time the delays between attempts may add up to.
    #[getter]
    fn max_elapsed_ms(&self) -> u64 {
        self.0.max_elapsed_ms
    }

    /// Backoff base for transient failures.
    #[getter]
    fn base_delay_ms(&self) -> u64 {
        self.0.base_delay_ms
    }

    /// Backoff base for throttling (`rate_limited`).
    #[getter]
    fn rate_limited_base_ms(&self) -> u64 {
        self.0.rate_limited_base_ms
    }

    /// The cap on one backoff delay.
    #[getter]
    fn max_delay_ms(&self) -> u64 {
        self.0.max_delay_ms
    }

    /// A server-given delay above this stops with `escalate` rather than sleeping that long.
    #[getter]
    fn max_server_delay_ms(&self) -> u64 {
        self.0.max_server_delay_ms
    }

    /// The state of one operation under this policy. With a `seed`, the draws a `next()` call
    /// is not given come from the core's SplitMix64 generator seeded with it (the same delays
    /// in every language); without, from `random.random()`.
    #[pyo3(signature = (*, seed=None))]
    fn start(&self, seed: Option<&Bound<'_, PyAny>>) -> PyResult<Attempts> {
        let seed = match seed.filter(|s| !s.is_none()) {
            Some(seed) => {
                if seed.is_instance_of::<PyBool>() || !seed.is_instance_of::<PyInt>() {
                    return Err(wrong_type("seed", "int or None", seed));
                }
                // Any int, as decimal text: the core reads it and words the out-of-range error.
                Some(SplitMix64::parse_seed(&seed.str()?.to_cow()?).map_err(to_py)?)
            }
            None => None,
        };
        Ok(Attempts {
            state: self.0.start(seed).map_err(to_py)?,
        })
    }

    /// Every setting by name, in the core's order.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let p = &self.0;
        let dict = PyDict::new(py);
        dict.set_item(intern!(py, "max_attempts"), p.max_attempts)?;
        dict.set_item(intern!(py, "max_elapsed_ms"), p.max_elapsed_ms)?;
        dict.set_item(intern!(py, "base_delay_ms"), p.base_delay_ms)?;
        dict.set_item(intern!(py, "rate_limited_base_ms"), p.rate_limited_base_ms)?;
        dict.set_item(intern!(py, "max_delay_ms"), p.max_delay_ms)?;
        dict.set_item(intern!(py, "max_server_delay_ms"), p.max_server_delay_ms)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        let p = &self.0;
        format!(
            "RetryPolicy(max_attempts={}, max_elapsed_ms={}, base_delay_ms={}, \
             rate_limited_base_ms={}, max_delay_ms={}, max_server_delay_ms={})",
            p.max_attempts,
            p.max_elapsed_ms,
            p.base_delay_ms,
            p.rate_limited_base_ms,
            p.max_delay_ms,
            p.max_server_delay_ms
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<RetryPolicy>() {
            Ok(other) => (self.0 == other.get().0).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self) -> u64 {
        hash_of(self.0)
    }
}

/// Python's own randomness, for operations started without a seed (the issue: "a binding
/// defaults to its platform's randomness").
pub(crate) fn platform_draw(py: Python<'_>) -> PyResult<f64> {
    static RANDOM: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let random = RANDOM.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("random")?.getattr("random")?.unbind())
    })?;
    random.bind(py).call0()?.extract()
}

/// One operation's progress under a `RetryPolicy`: feed it each failure's verdict.
#[pyclass(module = "errtriage", name = "Attempts")]
pub(crate) struct Attempts {
    state: errtriage::Attempts,
}

#[pymethods]
impl Attempts {
    /// The next step after the failure `verdict` describes. `draw` (in [0, 1)) is the jitter's
    /// random number; when None, one is drawn (see `RetryPolicy.start`). `budget`, if given, is
    /// charged for a retry. Once a step is a stop, every later call answers the same stop.
    #[pyo3(signature = (verdict, *, draw=None, budget=None))]
    fn next(
        &mut self,
        py: Python<'_>,
        verdict: &Bound<'_, PyAny>,
        draw: Option<&Bound<'_, PyAny>>,
        budget: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Step> {
        let verdict = verdict
            .cast::<Verdict>()
            .map_err(|_| wrong_type("verdict", "Verdict", verdict))?;
        let budget = match budget.filter(|b| !b.is_none()) {
            Some(b) => Some(
                b.cast::<RetryBudget>()
                    .map_err(|_| wrong_type("budget", "RetryBudget or None", b))?
                    .clone(),
            ),
            None => None,
        };
        // No draw given: the core's seeded generator draws, else the platform's randomness.
        let draw = match draw.filter(|d| !d.is_none()) {
            Some(d) => Some(draw_arg(d)?),
            None if self.state.is_seeded() => None,
            None => Some(platform_draw(py)?),
        };
        let verdict = &verdict.get().0;
        let step = match &budget {
            Some(b) => {
                let mut bucket = b.get().lock();
                self.state.next(verdict, draw, Some(&mut bucket))
            }
            None => self.state.next(verdict, draw, None),
        };
        step.map(Step).map_err(to_py)
    }

    /// The policy this operation runs under.
    #[getter]
    fn policy(&self) -> RetryPolicy {
        RetryPolicy(*self.state.policy())
    }

    /// How many failures have been fed in (the attempt that just failed is this number).
    #[getter]
    fn failures(&self) -> u32 {
        self.state.failures()
    }

    /// Reports how long an attempt's call took (ms, from a monotonic clock): counted in
    /// `elapsed_ms` against the policy's `max_elapsed_ms`.
    fn record_call_ms(&mut self, ms: &Bound<'_, PyAny>) -> PyResult<()> {
        let ms = u64_arg(Some(ms), "ms")?.ok_or_else(|| wrong_type("ms", "int", ms))?;
        self.state.record_call_ms(ms);
        Ok(())
    }

    /// The time taken so far: the delays granted plus the calls' reported time.
    #[getter]
    fn elapsed_ms(&self) -> u64 {
        self.state.elapsed_ms()
    }

    /// Whether the one credential refresh has been used.
    #[getter]
    fn refreshed(&self) -> bool {
        self.state.refreshed()
    }

    fn __repr__(&self) -> String {
        let seeded = self.state.is_seeded();
        format!(
            "Attempts(failures={}, elapsed_ms={}, refreshed={}, seeded={})",
            self.state.failures(),
            self.state.elapsed_ms(),
            if self.state.refreshed() {
                "True"
            } else {
                "False"
            },
            if seeded { "True" } else { "False" },
        )
    }
}

/// The policy's answer: retry after `delay_ms`, refresh then retry, or stop. Immutable.
#[pyclass(module = "errtriage", name = "Step", frozen)]
pub(crate) struct Step(pub(crate) errtriage::Step);

#[pymethods]
impl Step {
    /// `"retry"`, `"refresh"`, `"done"` (an `Operation`'s success) or `"stop"`.
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        PyString::intern(py, self.0.kind())
    }

    /// For a retry, how long to wait first; else None.
    #[getter]
    fn delay_ms(&self) -> Option<u64> {
        match self.0 {
            errtriage::Step::Retry { delay_ms } => Some(delay_ms),
            _ => None,
        }
    }

    /// For a stop, what to do instead; else None.
    #[getter]
    fn action<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.stop().map(|(action, _)| word(py, action))
    }

    /// For a stop, why the policy stopped; else None.
    #[getter]
    fn reason<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.stop().map(|(_, reason)| word(py, reason))
    }

    /// For a stop, the reason as one sentence for a person; else None.
    #[getter]
    fn message(&self) -> Option<&'static str> {
        self.stop().map(|(_, reason)| reason.message())
    }

    /// Every attribute by name: `kind`, `delay_ms`, `action`, `reason`, `message`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item(intern!(py, "kind"), self.kind(py))?;
        dict.set_item(intern!(py, "delay_ms"), self.delay_ms())?;
        dict.set_item(intern!(py, "action"), self.action(py))?;
        dict.set_item(intern!(py, "reason"), self.reason(py))?;
        dict.set_item(intern!(py, "message"), self.message())?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        match self.0 {
            errtriage::Step::Retry { delay_ms } => {
                format!("Step(kind='retry', delay_ms={delay_ms})")
            }
            errtriage::Step::Refresh => String::from("Step(kind='refresh')"),
            errtriage::Step::Done => String::from("Step(kind='done')"),
            errtriage::Step::Stop { action, reason } => {
                format!(
                    "Step(kind='stop', action='{action}', reason='{}')",
                    reason.as_str()
                )
            }
        }
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Step>() {
            Ok(other) => (self.0 == other.get().0).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self) -> u64 {
        hash_of(self.0)
    }
}

impl Step {
    fn stop(&self) -> Option<(Action, StopReason)> {
        match self.0 {
            errtriage::Step::Stop { action, reason } => Some((action, reason)),
            _ => None,
        }
    }
}

/// A retry budget shared across operations: a token bucket each retry draws from and each
/// success refills. Safe to share between threads.
#[pyclass(module = "errtriage", name = "RetryBudget", frozen)]
pub(crate) struct RetryBudget {
    bucket: Mutex<errtriage::RetryBudget>,
    transient_cost: u32,
    throttled_cost: u32,
    success_refill: u32,
}

impl RetryBudget {
    pub(crate) fn lock(&self) -> MutexGuard<'_, errtriage::RetryBudget> {
        // Nothing panics while the lock is held; a poisoned lock still holds a valid bucket.
        self.bucket.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[pymethods]
impl RetryBudget {
    /// A full bucket. Each keyword left out (or None) takes the core's default; the costs are
    /// checked by the core (`ValueError`).
    #[new]
    #[pyo3(signature = (*, capacity=None, transient_cost=None, throttled_cost=None, success_refill=None))]
    fn new(
        capacity: Option<&Bound<'_, PyAny>>,
        transient_cost: Option<&Bound<'_, PyAny>>,
        throttled_cost: Option<&Bound<'_, PyAny>>,
        success_refill: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        // The core completes a partial budget with its defaults and checks it.
        let mut fields: Vec<(&str, u64)> = Vec::with_capacity(4);
        for (name, value) in [
            ("capacity", capacity),
            ("transient_cost", transient_cost),
            ("throttled_cost", throttled_cost),
            ("success_refill", success_refill),
        ] {
            if let Some(n) = field_value(value, name, errtriage::RetryBudget::out_of_range)? {
                fields.push((name, n));
            }
        }
        let bucket = errtriage::RetryBudget::from_fields(&fields).map_err(to_py)?;
        let (transient_cost, throttled_cost, success_refill) = (
            bucket.transient_cost(),
            bucket.throttled_cost(),
            bucket.success_refill(),
        );
        Ok(RetryBudget {
            bucket: Mutex::new(bucket),
            transient_cost,
            throttled_cost,
            success_refill,
        })
    }

    /// Tokens left.
    #[getter]
    fn tokens(&self) -> u32 {
        self.lock().tokens()
    }

    /// The most tokens it holds.
    #[getter]
    fn capacity(&self) -> u32 {
        self.lock().capacity()
    }

    /// What a retry of a transient (or any non-throttling) failure costs.
    #[getter]
    fn transient_cost(&self) -> u32 {
        self.transient_cost
    }

    /// What a retry of a throttled (`rate_limited`) failure costs.
    #[getter]
    fn throttled_cost(&self) -> u32 {
        self.throttled_cost
    }

    /// What a success returns.
    #[getter]
    fn success_refill(&self) -> u32 {
        self.success_refill
    }

    /// A request succeeded: return `success_refill` tokens, up to the capacity.
    fn record_success(&self) {
        self.lock().record_success();
    }

    /// Takes the cost of a retry of `category`; False (and nothing taken) when the bucket holds
    /// less. `Attempts.next(..., budget=...)` does this itself.
    fn try_withdraw(&self, category: &Bound<'_, PyAny>) -> PyResult<bool> {
        let category = self::category(category)?;
        Ok(self.lock().try_withdraw(category))
    }

    fn __repr__(&self) -> String {
        let b = self.lock();
        format!(
            "RetryBudget(tokens={}, capacity={}, transient_cost={}, throttled_cost={}, success_refill={})",
            b.tokens(),
            b.capacity(),
            self.transient_cost,
            self.throttled_cost,
            self.success_refill
        )
    }
}
