//! `errtriage.IdempotencyGuard`: one idempotency key per payload, and no key reused with a
//! changed payload — the core's `IdempotencyGuard` behind a lock, so one guard can be shared
//! between threads. Random bytes for new keys come from the caller, else `os.urandom(16)`.

use std::sync::{Mutex, MutexGuard};

use errtriage::Error;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;

use crate::args::Body;
use crate::errors::{to_py, wrong_type};
use crate::policy::unsigned;

/// Remembers which key goes with which payload (by fingerprint), oldest forgotten first.
#[pyclass(module = "errtriage", name = "IdempotencyGuard", frozen)]
pub(crate) struct IdempotencyGuard(Mutex<errtriage::IdempotencyGuard>);

impl IdempotencyGuard {
    fn lock(&self) -> MutexGuard<'_, errtriage::IdempotencyGuard> {
        // Nothing panics while the lock is held; a poisoned lock still holds a valid guard.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The 16 random bytes of a new key: the caller's, or `os.urandom(16)`.
fn random_bytes(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<[u8; 16]> {
    let random = match obj.filter(|o| !o.is_none()) {
        Some(obj) if obj.is_instance_of::<PyString>() => {
            return Err(wrong_type("random", "bytes or None", obj))
        }
        Some(obj) => Body::named(Some(obj), "random")?.bytes()?.to_vec(),
        None => {
            static URANDOM: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
            let urandom = URANDOM.get_or_try_init(py, || {
                Ok::<_, PyErr>(py.import("os")?.getattr("urandom")?.unbind())
            })?;
            urandom.bind(py).call1((16,))?.extract::<Vec<u8>>()?
        }
    };
    <[u8; 16]>::try_from(random.as_slice()).map_err(|_| {
        to_py(Error::invalid_value(
            "random",
            "exactly 16 bytes",
            &format!("{} bytes", random.len()),
        ))
    })
}

/// A payload: `bytes`, `bytearray`, `memoryview` or `str` (not None).
fn payload<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Body<'py>> {
    match Body::named(Some(obj), "payload") {
        Err(e) if !e.is_instance_of::<PyTypeError>(obj.py()) => Err(e),
        Ok(body) => Ok(body),
        Err(_) => Err(wrong_type(
            "payload",
            "bytes, bytearray, memoryview or str",
            obj,
        )),
    }
}

fn key_arg<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<std::borrow::Cow<'a, str>> {
    let s = obj
        .cast::<PyString>()
        .map_err(|_| wrong_type("key", "str", obj))?;
    crate::args::utf8(s)
}

#[pymethods]
impl IdempotencyGuard {
    /// A guard remembering up to `capacity` payload/key pairs (None: the core's
    /// `GUARD_CAPACITY`).
    #[new]
    #[pyo3(signature = (capacity=None))]
    fn new(capacity: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let guard = match unsigned(capacity, "capacity", u64::from(u32::MAX))? {
            Some(n) => {
                errtriage::IdempotencyGuard::with_capacity(usize::try_from(n).unwrap_or(usize::MAX))
            }
            None => errtriage::IdempotencyGuard::default(),
        };
        Ok(IdempotencyGuard(Mutex::new(guard)))
    }

    /// The key for `payload` (bytes or str): the one it already has, or a new UUIDv4 made from
    /// `random` (exactly 16 bytes; default `os.urandom(16)`) and remembered.
    #[pyo3(signature = (payload, *, random=None))]
    fn key_for(
        &self,
        py: Python<'_>,
        payload: &Bound<'_, PyAny>,
        random: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let payload = self::payload(payload)?;
        let random = random_bytes(py, random)?;
        Ok(self.lock().key_for(payload.bytes()?, random))
    }

    /// Checks that `key` goes with `payload` and remembers the pair. A key seen before with a
    /// different payload (a changed payload needs a new key), or an empty key, is a
    /// `ValueError`.
    fn check(&self, key: &Bound<'_, PyAny>, payload: &Bound<'_, PyAny>) -> PyResult<()> {
        let key = key_arg(key)?;
        let payload = self::payload(payload)?;
        self.lock().check(&key, payload.bytes()?).map_err(to_py)
    }

    /// Forgets `key`: the operation finished and its key will not be used again.
    fn forget(&self, key: &Bound<'_, PyAny>) -> PyResult<()> {
        let key = key_arg(key)?;
        self.lock().forget(&key);
        Ok(())
    }

    fn __len__(&self) -> usize {
        self.lock().len()
    }

    fn __repr__(&self) -> String {
        format!("IdempotencyGuard(len={})", self.lock().len())
    }
}
