//! Python arguments → the core's borrowed input types.
//!
//! Each function accepts what a Python caller naturally has (any mapping or list of pairs for
//! headers; `bytes`, `bytearray`, `memoryview` or `str` for a body; plain `int`, `bool`, `str`
//! for the context) and borrows from the Python objects wherever it can, so a call copies no
//! header and usually no body. Values are checked by the core (`Input::response`,
//! `Request::validate`, `TransportKind::parse`, `Auth::parse`); this module checks only Python
//! types, and words those errors through the core's `Error::wrong_type`.

use errtriage::{Auth, Error, Input, Request, Sent, TransportKind};
use pyo3::exceptions::PyOverflowError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyList, PyMemoryView, PyString, PyTuple};

use crate::errors::{retarget, to_py, wrong_type};

/// One header as Python strings, kept alive while the core borrows their text.
pub(crate) type HeaderPair<'py> = (Bound<'py, PyString>, Bound<'py, PyString>);

/// An int argument, refusing `bool` (an `int` subclass that is never meant as a number here)
/// and `float`. `Ok(Err(text))` is an int too large for `i64`, with its decimal text.
fn int(obj: &Bound<'_, PyAny>, field: &str, expected: &str) -> PyResult<Result<i64, String>> {
    if obj.is_instance_of::<PyBool>() {
        return Err(wrong_type(field, expected, obj));
    }
    match obj.extract::<i64>() {
        Ok(n) => Ok(Ok(n)),
        // `extract` goes through `__index__`, so NumPy integers are accepted; only a true
        // int overflows.
        Err(e) if e.is_instance_of::<PyOverflowError>(obj.py()) => Ok(Err(obj.str()?.to_string())),
        Err(_) => Err(wrong_type(field, expected, obj)),
    }
}

/// The response status, checked by the core's `Input::response`.
pub(crate) fn response(status: &Bound<'_, PyAny>) -> PyResult<Input<'static>> {
    let got = match int(status, "status", "int")? {
        Ok(n) => match u16::try_from(n) {
            Ok(n) => return Input::response(n).map_err(to_py),
            Err(_) => n.to_string(),
        },
        Err(text) => text,
    };
    // Beyond u16: the core's own "out of range" error, naming the caller's number.
    match Input::response(0) {
        Err(e) => Err(to_py(retarget(e, "0", &got))),
        // Unreachable while the core rejects 0; a u16 cannot carry the number anyway.
        Ok(_) => Err(to_py(Error::invalid_value(
            "status",
            "an HTTP status",
            &got,
        ))),
    }
}

/// The caller's clock (unix seconds).
pub(crate) fn now(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<i64>> {
    let Some(obj) = obj else { return Ok(None) };
    match int(obj, "now", "int or None")? {
        Ok(n) => Ok(Some(n)),
        Err(text) => Err(to_py(Error::invalid_value(
            "now",
            "unix seconds within 64 bits",
            &text,
        ))),
    }
}

/// A `str` argument, or `None`.
pub(crate) fn text<'a>(
    obj: Option<&'a Bound<'_, PyAny>>,
    field: &str,
) -> PyResult<Option<&'a str>> {
    let Some(obj) = obj else { return Ok(None) };
    let s = obj
        .cast::<PyString>()
        .map_err(|_| wrong_type(field, "str or None", obj))?;
    utf8(s, field).map(Some)
}

/// The `classify_json` argument: a `str`, nothing else.
pub(crate) fn json_text<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<&'a str> {
    let s = obj
        .cast::<PyString>()
        .map_err(|_| wrong_type("text", "str", obj))?;
    utf8(s, "text")
}

/// The UTF-8 text of a Python string; a lone surrogate (from `surrogateescape` decoding, say)
/// cannot be UTF-8 and is a `ValueError`.
fn utf8<'a>(s: &'a Bound<'_, PyString>, field: &str) -> PyResult<&'a str> {
    s.to_str().map_err(|_| {
        to_py(Error::invalid_value(
            field,
            "text that can be encoded as UTF-8",
            "a str with a lone surrogate",
        ))
    })
}

/// `True`, `False` or `None`.
pub(crate) fn flag(obj: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Option<bool>> {
    let Some(obj) = obj else { return Ok(None) };
    obj.cast::<PyBool>()
        .map(|b| Some(b.is_true()))
        .map_err(|_| wrong_type(field, "bool or None", obj))
}

/// Whether a transport failure happened after the request was fully written.
pub(crate) fn sent(obj: &Bound<'_, PyAny>) -> PyResult<Sent> {
    let sent = if obj.is_none() {
        None
    } else {
        flag(Some(obj), "transport.sent")?
    };
    Ok(Sent::from_option(sent))
}

/// The transport failure's kind, one of the core's words.
pub(crate) fn transport_kind(obj: &Bound<'_, PyAny>) -> PyResult<TransportKind> {
    let field = "transport.kind";
    let s = obj
        .cast::<PyString>()
        .map_err(|_| wrong_type(field, "str", obj))?;
    TransportKind::parse(utf8(s, field)?).map_err(to_py)
}

/// The request-context keywords shared by `classify` and `classify_transport`.
pub(crate) struct Context<'a, 'py> {
    pub method: Option<&'a Bound<'py, PyAny>>,
    pub endpoint: Option<&'a Bound<'py, PyAny>>,
    pub idempotency_key: Option<&'a Bound<'py, PyAny>>,
    pub token_fresh: Option<&'a Bound<'py, PyAny>>,
    pub auth: Option<&'a Bound<'py, PyAny>>,
    pub attempt: Option<&'a Bound<'py, PyAny>>,
}

impl<'a> Context<'a, '_> {
    /// The core's `Request`; its values are checked when the input takes it (`with_request`).
    pub(crate) fn request(&self) -> PyResult<Request<'a>> {
        Ok(Request {
            method: text(self.method, "request.method")?,
            endpoint: text(self.endpoint, "request.endpoint")?,
            idempotency_key: text(self.idempotency_key, "request.idempotency_key")?,
            token_fresh: flag(self.token_fresh, "request.token_fresh")?,
            auth: match text(self.auth, "request.auth")? {
                Some(word) => Some(Auth::parse(word).map_err(to_py)?),
                None => None,
            },
            attempt: self.attempt.map(attempt).transpose()?,
        })
    }
}

/// The attempt number; the core says which numbers are allowed.
fn attempt(obj: &Bound<'_, PyAny>) -> PyResult<u32> {
    let field = "request.attempt";
    let got = match int(obj, field, "int or None")? {
        Ok(n) => match u32::try_from(n) {
            Ok(n) => return Ok(n),
            Err(_) => n.to_string(),
        },
        Err(text) => text,
    };
    // Beyond u32: the core's error for an attempt it refuses, naming the caller's number.
    let probe = Request {
        attempt: Some(0),
        ..Request::default()
    };
    Err(to_py(match probe.validate() {
        Err(e) => retarget(e, "0", &got),
        Ok(()) => Error::invalid_value(field, "an attempt number within 32 bits", &got),
    }))
}

/// A response body, holding whatever Python object owns the bytes.
pub(crate) enum Body<'py> {
    Empty,
    Bytes(Bound<'py, PyBytes>),
    Text(Bound<'py, PyString>),
    /// A `bytearray`'s contents, copied: Python code could resize it while the core reads.
    Copied(Vec<u8>),
}

impl<'py> Body<'py> {
    /// Reads the `body` argument.
    pub(crate) fn new(obj: Option<&Bound<'py, PyAny>>) -> PyResult<Self> {
        let Some(obj) = obj else {
            return Ok(Body::Empty);
        };
        if let Ok(b) = obj.cast::<PyBytes>() {
            Ok(Body::Bytes(b.clone()))
        } else if let Ok(s) = obj.cast::<PyString>() {
            utf8(s, "body")?;
            Ok(Body::Text(s.clone()))
        } else if let Ok(b) = obj.cast::<PyByteArray>() {
            Ok(Body::Copied(b.to_vec()))
        } else if obj.is_instance_of::<PyMemoryView>() {
            // The buffer protocol is not in the abi3-py310 API; `tobytes()` also handles
            // non-contiguous views.
            Ok(Body::Bytes(
                obj.call_method0("tobytes")?.cast_into::<PyBytes>()?,
            ))
        } else {
            Err(wrong_type(
                "body",
                "bytes, bytearray, memoryview, str or None",
                obj,
            ))
        }
    }

    /// The bytes the core reads.
    pub(crate) fn bytes(&self) -> PyResult<&[u8]> {
        Ok(match self {
            Body::Empty => &[],
            Body::Bytes(b) => b.as_bytes(),
            Body::Text(s) => utf8(s, "body")?.as_bytes(),
            Body::Copied(v) => v,
        })
    }
}

/// Reads the `headers` argument: a mapping (a `dict`, `requests`' `CaseInsensitiveDict`,
/// `httpx.Headers`, an `email.message.Message`, a multidict) or an iterable of `(name, value)`
/// pairs. A mapping's value may also be a list or tuple of values, as in the JSON form. Repeated
/// names are kept in order: the core decides which one counts.
pub(crate) fn headers<'py>(obj: Option<&Bound<'py, PyAny>>) -> PyResult<Vec<HeaderPair<'py>>> {
    let mut out = Vec::new();
    let Some(obj) = obj else { return Ok(out) };
    // dict, list and tuple first, read without calling back into Python: they are the common
    // cases, and probing them for `items` would cost a failed attribute lookup (an exception).
    if let Ok(dict) = obj.cast::<PyDict>() {
        for (name, value) in dict.iter() {
            push_named(&mut out, &name, &value)?;
        }
    } else if let Ok(list) = obj.cast::<PyList>() {
        pairs(&mut out, list.iter().map(Ok), false)?;
    } else if let Ok(tuple) = obj.cast::<PyTuple>() {
        pairs(&mut out, tuple.iter().map(Ok), false)?;
    } else if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
    {
        return Err(headers_type(obj));
    } else if let Some(multi_items) = optional_attr(obj, intern!(obj.py(), "multi_items"))? {
        // httpx.Headers: `items()` would join repeated headers with ", ".
        pairs(&mut out, multi_items.call0()?.try_iter()?, true)?;
    } else if let Some(items) = optional_attr(obj, intern!(obj.py(), "items"))? {
        pairs(&mut out, items.call0()?.try_iter()?, true)?;
    } else if let Ok(iter) = obj.try_iter() {
        pairs(&mut out, iter, false)?;
    } else {
        return Err(headers_type(obj));
    }
    Ok(out)
}

/// `obj.name`, or None when it has no such attribute (or it is None).
///
/// Through the builtin `getattr(obj, name, None)`: CPython answers a missing attribute there
/// without creating an AttributeError, which `getattr_opt` cannot avoid under the abi3 API and
/// which costs more than the rest of a classification (~1 µs for a `CaseInsensitiveDict`).
fn optional_attr<'py>(
    obj: &Bound<'py, PyAny>,
    name: &Bound<'py, PyString>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    static GETATTR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let py = obj.py();
    let getattr = GETATTR.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("builtins")?.getattr("getattr")?.unbind())
    })?;
    let value = getattr.bind(py).call1((obj, name, py.None()))?;
    Ok(if value.is_none() { None } else { Some(value) })
}

fn headers_type(obj: &Bound<'_, PyAny>) -> PyErr {
    wrong_type(
        "headers",
        "a mapping, an iterable of (name, value) pairs or None",
        obj,
    )
}

/// The `(name, value)` pairs of an iteration; `from_mapping` when they came from `items()`,
/// whose values may be lists of values.
fn pairs<'py>(
    out: &mut Vec<HeaderPair<'py>>,
    items: impl Iterator<Item = PyResult<Bound<'py, PyAny>>>,
    from_mapping: bool,
) -> PyResult<()> {
    for (i, pair) in items.enumerate() {
        let pair = pair?;
        let items = pair
            .cast::<PyTuple>()
            .ok()
            .filter(|t| t.len() == 2)
            .map(|t| (t.get_item(0), t.get_item(1)))
            .or_else(|| {
                let l = pair.cast::<PyList>().ok().filter(|l| l.len() == 2)?;
                Some((l.get_item(0), l.get_item(1)))
            });
        match items {
            Some((Ok(name), Ok(value))) if from_mapping => push_named(out, &name, &value)?,
            Some((Ok(name), Ok(value))) => {
                match (name.cast_into::<PyString>(), value.cast_into::<PyString>()) {
                    (Ok(n), Ok(v)) => out.push((n, v)),
                    _ => return Err(pair_type(i, &pair)),
                }
            }
            _ => return Err(pair_type(i, &pair)),
        }
    }
    Ok(())
}

fn pair_type(i: usize, pair: &Bound<'_, PyAny>) -> PyErr {
    wrong_type(
        &format!("headers[{i}]"),
        "a (name, value) pair of str",
        pair,
    )
}

/// One mapping entry: the value is a `str`, or a list or tuple of `str` for a repeated header.
fn push_named<'py>(
    out: &mut Vec<HeaderPair<'py>>,
    name: &Bound<'py, PyAny>,
    value: &Bound<'py, PyAny>,
) -> PyResult<()> {
    let name = name
        .cast::<PyString>()
        .map_err(|_| wrong_type("headers", "str header names", name))?;
    if let Ok(v) = value.cast::<PyString>() {
        out.push((name.clone(), v.clone()));
        return Ok(());
    }
    let field = format!("headers.{name}");
    let values = if let Ok(list) = value.cast::<PyList>() {
        list.iter().collect::<Vec<_>>()
    } else if let Ok(tuple) = value.cast::<PyTuple>() {
        tuple.iter().collect()
    } else {
        return Err(wrong_type(&field, "str or a list of str", value));
    };
    for v in values {
        let v = v
            .cast_into::<PyString>()
            .map_err(|e| wrong_type(&field, "str or a list of str", &e.into_inner()))?;
        out.push((name.clone(), v));
    }
    Ok(())
}

/// The pairs as the core's borrowed `&[(&str, &str)]`.
pub(crate) fn borrow<'a>(pairs: &'a [HeaderPair<'_>]) -> PyResult<Vec<(&'a str, &'a str)>> {
    pairs
        .iter()
        .map(|(name, value)| Ok((utf8(name, "headers")?, utf8(value, "headers")?)))
        .collect()
}
