//! Python arguments → the core's borrowed input types.
//!
//! Each function accepts what a Python caller naturally has (any mapping or list of pairs for
//! headers; `bytes`, `bytearray`, `memoryview` or `str` for a body; plain `int`, `bool`, `str`
//! for the context). A body is borrowed from its Python object wherever it can be (`bytes`,
//! `str`); headers are copied into one buffer. Values are checked by the core (`Input::response`,
//! `Request::validate`, `TransportKind::parse`, `Auth::parse`); this module checks only Python
//! types, and words those errors through the core's `Error::wrong_type`.

use std::borrow::Cow;

use errtriage::{Auth, Error, Input, Request, Sent, TransportKind};
use pyo3::exceptions::PyOverflowError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple,
};

use crate::errors::{to_py, wrong_type};

/// An int argument, refusing `bool` (an `int` subclass that is never meant as a number here)
/// and `float`. `Ok(Err(text))` is an int too large for `i64`, with its decimal text.
pub(crate) fn int(
    obj: &Bound<'_, PyAny>,
    field: &str,
    expected: &str,
) -> PyResult<Result<i64, String>> {
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

/// The response status, checked by the core's `Input::response` (which takes any `i64`).
pub(crate) fn response(status: &Bound<'_, PyAny>) -> PyResult<Input<'static>> {
    match int(status, "status", "int")? {
        Ok(n) => Input::response(n).map_err(to_py),
        // Beyond i64 the core cannot be handed the number: its error names the caller's text.
        Err(got) => Err(to_py(Input::status_out_of_range(&got))),
    }
}

/// The caller's clock (unix seconds).
pub(crate) fn now(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<i64>> {
    let Some(obj) = obj else { return Ok(None) };
    match int(obj, "now", "int or None")? {
        Ok(n) => Ok(Some(n)),
        Err(text) => Err(to_py(Error::out_of_range("now", i64::MIN, i64::MAX, &text))),
    }
}

/// A `str` argument, or `None`.
pub(crate) fn text<'a>(
    obj: Option<&'a Bound<'_, PyAny>>,
    field: &str,
) -> PyResult<Option<Cow<'a, str>>> {
    let Some(obj) = obj else { return Ok(None) };
    let s = obj
        .cast::<PyString>()
        .map_err(|_| wrong_type(field, "str or None", obj))?;
    utf8(s).map(Some)
}

/// The `classify_json` argument: a `str`, nothing else.
pub(crate) fn json_text<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, str>> {
    let s = obj
        .cast::<PyString>()
        .map_err(|_| wrong_type("text", "str", obj))?;
    utf8(s)
}

/// The text of a Python string, borrowed as UTF-8 when it is valid UTF-8 (every string without
/// a lone surrogate). A lone surrogate (from `surrogateescape` decoding, say, or a `"\ud800"`
/// literal) reads as U+FFFD, the decision the core makes for a lone `\ud800` escape in the JSON
/// form and JavaScript's for a lone surrogate in a string: the string is read as UTF-16 (as a
/// JSON escape or a JS string is), so a high surrogate followed by a low one is the character
/// they make together, and every other surrogate is one U+FFFD.
pub(crate) fn utf8<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    if let Ok(text) = s.to_str() {
        return Ok(Cow::Borrowed(text));
    }
    let py = s.py();
    let units = s.call_method1(
        intern!(py, "encode"),
        (intern!(py, "utf-16-le"), intern!(py, "surrogatepass")),
    )?;
    let units = units.cast::<PyBytes>()?.as_bytes();
    let units = units.chunks_exact(2).map(|pair| match *pair {
        [lo, hi] => u16::from_le_bytes([lo, hi]),
        _ => 0xFFFD,
    });
    Ok(Cow::Owned(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    ))
}

/// A Python string kept for the length of a call: the string itself when its text borrows as
/// UTF-8, or the text read from it (see [`utf8`]) when it has a lone surrogate.
pub(crate) enum Text<'py> {
    Py(Bound<'py, PyString>),
    Owned(String),
}

impl<'py> Text<'py> {
    pub(crate) fn new(s: &Bound<'py, PyString>) -> PyResult<Self> {
        Ok(match utf8(s)? {
            Cow::Borrowed(_) => Text::Py(s.clone()),
            Cow::Owned(text) => Text::Owned(text),
        })
    }

    pub(crate) fn as_str(&self) -> PyResult<&str> {
        match self {
            // Borrowed before, so it borrows again.
            Text::Py(s) => s.to_str(),
            Text::Owned(text) => Ok(text),
        }
    }
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
    TransportKind::parse(&utf8(s)?).map_err(to_py)
}

/// The request-context keywords shared by `classify` and `classify_transport`.
#[derive(Default)]
pub(crate) struct Context<'a, 'py> {
    pub method: Option<&'a Bound<'py, PyAny>>,
    pub endpoint: Option<&'a Bound<'py, PyAny>>,
    pub idempotency_key: Option<&'a Bound<'py, PyAny>>,
    pub token_fresh: Option<&'a Bound<'py, PyAny>>,
    pub auth: Option<&'a Bound<'py, PyAny>>,
    pub attempt: Option<&'a Bound<'py, PyAny>>,
}

impl<'a> Context<'a, '_> {
    /// The context's text, read from its Python strings; [`RequestText::request`] lends it to
    /// the core.
    pub(crate) fn text(&self) -> PyResult<RequestText<'a>> {
        Ok(RequestText {
            method: text(self.method, "request.method")?,
            endpoint: text(self.endpoint, "request.endpoint")?,
            idempotency_key: text(self.idempotency_key, "request.idempotency_key")?,
            token_fresh: flag(self.token_fresh, "request.token_fresh")?,
            auth: match text(self.auth, "request.auth")? {
                Some(word) => Some(Auth::parse(&word).map_err(to_py)?),
                None => None,
            },
            attempt: self.attempt.map(attempt).transpose()?,
        })
    }
}

/// The request context read from Python: its strings borrowed, or owned when one had a lone
/// surrogate.
pub(crate) struct RequestText<'a> {
    method: Option<Cow<'a, str>>,
    endpoint: Option<Cow<'a, str>>,
    idempotency_key: Option<Cow<'a, str>>,
    token_fresh: Option<bool>,
    auth: Option<Auth>,
    attempt: Option<u32>,
}

impl RequestText<'_> {
    /// The core's `Request`; its values are checked when the input takes it (`with_request`).
    pub(crate) fn request(&self) -> Request<'_> {
        Request {
            method: self.method.as_deref(),
            endpoint: self.endpoint.as_deref(),
            idempotency_key: self.idempotency_key.as_deref(),
            token_fresh: self.token_fresh,
            auth: self.auth,
            attempt: self.attempt,
        }
    }
}

/// The attempt number; the core says which numbers are allowed.
pub(crate) fn attempt(obj: &Bound<'_, PyAny>) -> PyResult<u32> {
    let field = "request.attempt";
    let got = match int(obj, field, "int or None")? {
        Ok(n) => match u32::try_from(n) {
            Ok(n) => return Ok(n),
            Err(_) => n.to_string(),
        },
        Err(text) => text,
    };
    // Outside u32: the core's wording for an attempt out of range.
    Err(to_py(Request::attempt_out_of_range(&got)))
}

/// A response body, holding whatever Python object owns the bytes.
pub(crate) enum Body<'py> {
    Empty,
    Bytes(Bound<'py, PyBytes>),
    Text(Text<'py>),
    /// A `bytearray`'s contents, copied: Python code could resize it while the core reads.
    Copied(Vec<u8>),
}

impl<'py> Body<'py> {
    /// Reads the `body` argument, whole (for what reports its length: `log_fields`,
    /// `escalation_report`, an operation's attempts).
    pub(crate) fn new(obj: Option<&Bound<'py, PyAny>>) -> PyResult<Self> {
        Self::named(obj, "body")
    }

    /// Reads the `body` argument for a classification: at most the core's prefix and one byte
    /// more (so the core still knows the body was longer), whatever the body's type. A 100 MB
    /// `str`, `bytearray` or `memoryview` costs what a 64 KiB one costs: only that much is
    /// sliced, encoded or copied (`bytes` are borrowed either way).
    pub(crate) fn prefix(obj: Option<&Bound<'py, PyAny>>) -> PyResult<Self> {
        const LIMIT: usize = errtriage::BODY_PREFIX_BYTES + 1;
        let Some(obj) = obj else {
            return Ok(Body::Empty);
        };
        let long = !obj.is_instance_of::<PyBytes>()
            && (obj.is_instance_of::<PyString>()
                || obj.is_instance_of::<PyByteArray>()
                || obj.is_instance_of::<PyMemoryView>())
            // A 0-dimensional memoryview has no length: one item, read whole.
            && obj.len().is_ok_and(|n| n > LIMIT);
        if long {
            // The first LIMIT characters of a `str` (each at least one byte of UTF-8), bytes of
            // a `bytearray`, or rows of a `memoryview` (its C-order bytes start with theirs):
            // the first LIMIT bytes of the body are theirs, and there are more than the prefix.
            let head = obj.get_item(pyo3::types::PySlice::new(obj.py(), 0, LIMIT as isize, 1))?;
            return Self::named(Some(&head), "body");
        }
        Self::named(Some(obj), "body")
    }

    /// Reads a bytes-like or `str` argument called `field` (a body, an idempotency payload).
    pub(crate) fn named(obj: Option<&Bound<'py, PyAny>>, field: &str) -> PyResult<Self> {
        let Some(obj) = obj else {
            return Ok(Body::Empty);
        };
        if let Ok(b) = obj.cast::<PyBytes>() {
            Ok(Body::Bytes(b.clone()))
        } else if let Ok(s) = obj.cast::<PyString>() {
            Ok(Body::Text(Text::new(s)?))
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
                field,
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
            Body::Text(t) => t.as_str()?.as_bytes(),
            Body::Copied(v) => v,
        })
    }
}

/// The headers' text, copied back to back into one buffer: a fixed few allocations however
/// many headers there are, and no Python object kept alive or reference-counted per header
/// while the core reads them (headers are short, so copying costs less than holding them).
#[derive(Default)]
pub(crate) struct HeaderText {
    text: String,
    /// Where each header's name and value end in `text`; each name starts where the previous
    /// value ended.
    ends: Vec<(usize, usize)>,
}

impl HeaderText {
    /// Reads the `headers` argument: a mapping (a `dict`, `requests`' `CaseInsensitiveDict`,
    /// `httpx.Headers`, an `email.message.Message`, a multidict) or an iterable of
    /// `(name, value)` pairs. A mapping's value may also be a list or tuple of values, as in the
    /// JSON form. Repeated names are kept in order: the core decides which one counts.
    pub(crate) fn new(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut out = HeaderText::default();
        let Some(obj) = obj else { return Ok(out) };
        // dict, list and tuple first, read without calling back into Python: they are the
        // common cases, and probing them for `items` would cost an attribute lookup.
        if let Ok(dict) = obj.cast::<PyDict>() {
            out.reserve(dict.len());
            for (name, value) in dict.iter() {
                out.push_named(&name, &value)?;
            }
        } else if let Ok(list) = obj.cast::<PyList>() {
            out.reserve(list.len());
            out.push_pairs(list.iter().map(Ok), false)?;
        } else if let Ok(tuple) = obj.cast::<PyTuple>() {
            out.reserve(tuple.len());
            out.push_pairs(tuple.iter().map(Ok), false)?;
        } else if obj.is_instance_of::<PyString>()
            || obj.is_instance_of::<PyBytes>()
            || obj.is_instance_of::<PyByteArray>()
        {
            return Err(headers_type(obj));
        } else if let Some(multi_items) = optional_attr(obj, intern!(obj.py(), "multi_items"))? {
            // httpx.Headers: `items()` would join repeated headers with ", ".
            out.push_pairs(multi_items.call0()?.try_iter()?, true)?;
        } else if let Some(items) = optional_attr(obj, intern!(obj.py(), "items"))? {
            out.push_pairs(items.call0()?.try_iter()?, true)?;
        } else if let Ok(iter) = obj.try_iter() {
            out.push_pairs(iter, false)?;
        } else {
            return Err(headers_type(obj));
        }
        Ok(out)
    }

    fn reserve(&mut self, headers: usize) {
        self.ends.reserve(headers);
        self.text.reserve(headers * 32);
    }

    fn push(&mut self, name: &str, value: &str) {
        self.text.push_str(name);
        let name_end = self.text.len();
        self.text.push_str(value);
        self.ends.push((name_end, self.text.len()));
    }

    /// The `(name, value)` pairs of an iteration; `from_mapping` when they came from `items()`,
    /// whose values may be lists of values.
    fn push_pairs<'py>(
        &mut self,
        items: impl Iterator<Item = PyResult<Bound<'py, PyAny>>>,
        from_mapping: bool,
    ) -> PyResult<()> {
        for (i, pair) in items.enumerate() {
            let pair = pair?;
            let bad_pair = || {
                wrong_type(
                    &format!("headers[{i}]"),
                    "a (name, value) pair of str",
                    &pair,
                )
            };
            if let Ok(t) = pair.cast::<PyTuple>() {
                if t.len() != 2 {
                    return Err(bad_pair());
                }
                // Borrowed from the tuple, which outlives the copy of their text.
                let (name, value) = (t.get_borrowed_item(0)?, t.get_borrowed_item(1)?);
                self.push_item(&name, &value, from_mapping, bad_pair)?;
            } else if let Ok(l) = pair.cast::<PyList>() {
                match (l.len(), l.get_item(0), l.get_item(1)) {
                    (2, Ok(name), Ok(value)) => {
                        self.push_item(&name, &value, from_mapping, bad_pair)?
                    }
                    _ => return Err(bad_pair()),
                }
            } else {
                return Err(bad_pair());
            }
        }
        Ok(())
    }

    fn push_item(
        &mut self,
        name: &Bound<'_, PyAny>,
        value: &Bound<'_, PyAny>,
        from_mapping: bool,
        bad_pair: impl Fn() -> PyErr,
    ) -> PyResult<()> {
        if from_mapping {
            return self.push_named(name, value);
        }
        match (name.cast::<PyString>(), header_value(value)?) {
            (Ok(n), Some(v)) => {
                self.push(&utf8(n)?, &v);
                Ok(())
            }
            _ => Err(bad_pair()),
        }
    }

    /// One mapping entry: the value is a `str`, or a list or tuple of `str` for a repeated
    /// header.
    fn push_named(&mut self, name: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let name = name
            .cast::<PyString>()
            .map_err(|_| wrong_type("headers", "str header names", name))?;
        let name_text = &*utf8(name)?;
        if let Some(v) = header_value(value)? {
            self.push(name_text, &v);
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
            let text =
                header_value(&v)?.ok_or_else(|| wrong_type(&field, "str or a list of str", &v))?;
            self.push(name_text, &text);
        }
        Ok(())
    }

    /// The headers as the core borrows them.
    pub(crate) fn pairs(&self) -> Vec<(&str, &str)> {
        let mut start = 0;
        self.ends
            .iter()
            .map(|&(name_end, value_end)| {
                // Every offset is a `push_str` boundary, so `get` always succeeds.
                let name = self.text.get(start..name_end).unwrap_or_default();
                let value = self.text.get(name_end..value_end).unwrap_or_default();
                start = value_end;
                (name, value)
            })
            .collect()
    }
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

/// A header value: a `str`, or a number given as one (an `int`, not a `bool`; a finite
/// `float`) read as its decimal text (`30`, `1.5`; a float with no fraction has none:
/// `30.0` is `30`, as a JavaScript number is written). None for any other type, which the
/// caller words as the wrong type it is.
fn header_value<'a>(value: &'a Bound<'_, PyAny>) -> PyResult<Option<Cow<'a, str>>> {
    if let Ok(v) = value.cast::<PyString>() {
        return utf8(v).map(Some);
    }
    if value.is_instance_of::<PyBool>() {
        return Ok(None);
    }
    if value.is_instance_of::<PyInt>() {
        // int's own text, whatever the size (and not an IntEnum's or another subclass's str).
        let py = value.py();
        let text = py
            .get_type::<PyInt>()
            .getattr(intern!(py, "__repr__"))?
            .call1((value,))?;
        return Ok(Some(Cow::Owned(
            text.cast::<PyString>()?.to_str()?.to_owned(),
        )));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        let v = f.value();
        // Rust writes an f64 as the shortest decimal that reads back as it, never with an
        // exponent.
        return Ok(v.is_finite().then(|| Cow::Owned(format!("{v}"))));
    }
    Ok(None)
}

fn headers_type(obj: &Bound<'_, PyAny>) -> PyErr {
    wrong_type(
        "headers",
        "a mapping, an iterable of (name, value) pairs or None",
        obj,
    )
}

/// The `transport=` keyword of `log_fields` and `escalation_report`: a mapping with the JSON
/// form's members `kind`, `sent` and `detail` (the arguments of `classify_transport`).
pub(crate) struct TransportArg<'py> {
    kind: TransportKind,
    sent: Sent,
    detail: Option<Text<'py>>,
}

impl<'py> TransportArg<'py> {
    pub(crate) fn new(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        const FIELDS: &[&str] = &["kind", "sent", "detail"];
        let items = optional_attr(obj, intern!(obj.py(), "items"))?
            .filter(|_| !obj.is_instance_of::<PyString>())
            .ok_or_else(|| {
                wrong_type(
                    "transport",
                    "a mapping with kind, sent and detail, or None",
                    obj,
                )
            })?;
        let (mut kind, mut sent, mut detail) = (None, Sent::Unknown, None);
        for pair in items.call0()?.try_iter()? {
            let (name, value): (Bound<'py, PyAny>, Bound<'py, PyAny>) = pair?.extract()?;
            let name = name
                .cast::<PyString>()
                .map_err(|_| wrong_type("transport", "str member names", &name))?;
            match &*utf8(name)? {
                "kind" => kind = Some(transport_kind(&value)?),
                "sent" => sent = self::sent(&value)?,
                "detail" if value.is_none() => detail = None,
                "detail" => {
                    let s = value
                        .cast::<PyString>()
                        .map_err(|_| wrong_type("transport.detail", "str or None", &value))?;
                    detail = Some(Text::new(s)?);
                }
                other => {
                    return Err(to_py(Error::unknown_field(
                        &format!("transport.{other}"),
                        FIELDS,
                    )))
                }
            }
        }
        // A missing kind: the JSON form's error for the same object.
        let kind = kind.ok_or_else(|| {
            to_py(
                errtriage::classify_json(r#"{"transport":{"sent":null}}"#)
                    .err()
                    .unwrap_or_else(|| Error::invalid_value("transport.kind", "a kind", "none")),
            )
        })?;
        Ok(TransportArg { kind, sent, detail })
    }

    /// The core's `Transport`, borrowing the detail from its Python string.
    pub(crate) fn transport(&self) -> PyResult<errtriage::Transport<'_>> {
        Ok(errtriage::Transport {
            kind: self.kind,
            sent: self.sent,
            detail: match &self.detail {
                Some(d) => Some(d.as_str()?),
                None => None,
            },
        })
    }
}

/// Everything `classify` takes, with a transport failure as the alternative to a status: the
/// arguments of `log_fields` and `escalation_report`.
pub(crate) struct Call<'a, 'py> {
    pub status: Option<&'a Bound<'py, PyAny>>,
    pub body: Option<&'a Bound<'py, PyAny>>,
    pub headers: Option<&'a Bound<'py, PyAny>>,
    pub context: Context<'a, 'py>,
    pub now: Option<&'a Bound<'py, PyAny>>,
    pub transport: Option<&'a Bound<'py, PyAny>>,
}

impl Call<'_, '_> {
    /// Builds the core's `Input` (arguments read in signature order, as `classify` reads them)
    /// and hands it to `f`. A status with a transport failure is a partial response: the status
    /// and headers arrived and the body was cut off (the JSON form's `status` with `transport`).
    pub(crate) fn with_input<T>(self, f: impl FnOnce(&Input<'_>) -> PyResult<T>) -> PyResult<T> {
        let status = self.status.filter(|s| !s.is_none());
        let transport = self.transport.filter(|t| !t.is_none());
        let input = match status {
            Some(status) => Some(response(status)?),
            None => None,
        };
        let body = Body::new(self.body)?;
        let headers = HeaderText::new(self.headers)?;
        let request = self.context.text()?;
        let now = now(self.now)?;
        let transport = transport.map(TransportArg::new).transpose()?;
        let transport = match &transport {
            Some(t) => Some(t.transport()?),
            None => None,
        };
        let input = match (input, transport) {
            (Some(input), None) => input,
            (Some(input), Some(t)) => input.cut_off(t),
            (None, Some(t)) => Input::transport(t),
            // Neither: the JSON form's own error for the same input, so the wording is the
            // core's.
            (None, None) => {
                return Err(to_py(errtriage::classify_json("{}").err().unwrap_or_else(
                    || Error::invalid_value("status", "a status or a transport failure", "none"),
                )))
            }
        };
        let headers = headers.pairs();
        let mut input = input
            .with_headers(&headers)
            .with_body(body.bytes()?)
            .with_request(request.request())
            .map_err(to_py)?;
        if let Some(now) = now {
            input = input.with_now(now);
        }
        f(&input)
    }
}
