//! `errtriage.classify_arrow` (issue 14 §5): a table of failed calls in, a struct column of
//! verdicts out, with no Python call per row.
//!
//! Data comes in through the Arrow PyCapsule interface (`__arrow_c_stream__`, or
//! `__arrow_c_array__` for a single record batch), so pyarrow, Polars, DuckDB, pandas (through
//! pyarrow) and PySpark's `mapInArrow` batches are all read without copying and without
//! importing any of them. Each row becomes the core's `Input` (the same constructors and
//! validation as `classify`), the core classifies it with the GIL released, and the verdicts go
//! back as one `StructArray` behind an [`ArrowVerdicts`] object that exports itself through the
//! same interface (`pa.array(v)`, `pl.Series(v)`, `pa.table(v)`, ...).
//!
//! A row the core rejects (a status out of range, an unknown transport kind, neither a status
//! nor a transport kind) is not an exception: its verdict fields are null and `error` holds the
//! core's message, the message `classify_json` raises for that row. A column of a type it
//! cannot read is a `TypeError` for the whole call, before any row is classified.
//!
//! The unsafe code is the C Data interface itself: taking ownership of the structs a producer
//! hands over in its capsules, and handing ours over in capsules that release them if never
//! consumed.

use std::ffi::CStr;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::ffi::{from_ffi, to_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::types::{
    Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch, RecordBatchIterator, StructArray};
use arrow_schema::{ArrowError, DataType, Field, Fields, SchemaRef};
use errtriage::{Auth, Error, Input, Request, Sent, Transport, TransportKind};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};

use crate::errors::to_py;

/// The column names `classify_arrow` reads, each the keyword argument of the same name.
pub(crate) const COLUMNS: [&str; 13] = [
    "status",
    "headers",
    "body",
    "transport_kind",
    "transport_sent",
    "transport_detail",
    "method",
    "endpoint",
    "idempotency_key",
    "token_fresh",
    "auth",
    "attempt",
    "now",
];

/// The output's fields: the verdict's, in its JSON form's order, then `error`.
fn verdict_fields() -> Fields {
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    Fields::from(vec![
        text("shape"),
        text("category"),
        text("action"),
        Field::new("retryable", DataType::Boolean, true),
        text("outcome"),
        Field::new("status", DataType::Int32, true),
        text("code"),
        text("message"),
        text("request_id"),
        text("details"),
        Field::new("retry_after_ms", DataType::Int64, true),
        text("hint"),
        text("rule"),
        text("error"),
    ])
}

fn arrow_err(e: ArrowError) -> PyErr {
    PyValueError::new_err(format!("data: not readable as Arrow: {e}"))
}

/// The record batches of `data`, read through its PyCapsule interface.
pub(crate) fn read(data: &Bound<'_, PyAny>) -> PyResult<(SchemaRef, Vec<RecordBatch>)> {
    let py = data.py();
    if data.hasattr(pyo3::intern!(py, "__arrow_c_stream__"))? {
        let capsule = data.call_method0(pyo3::intern!(py, "__arrow_c_stream__"))?;
        let capsule = capsule.cast::<PyCapsule>()?;
        let ptr = capsule.pointer_checked(Some(c"arrow_array_stream"))?;
        // SAFETY: the capsule named "arrow_array_stream" holds an ArrowArrayStream (the
        // PyCapsule interface); `from_raw` moves it out and leaves a released one in its place,
        // so the capsule's own destructor then has nothing to release.
        let reader = unsafe {
            ArrowArrayStreamReader::from_raw(ptr.as_ptr().cast::<FFI_ArrowArrayStream>())
        }
        .map_err(arrow_err)?;
        let schema = arrow_array::RecordBatchReader::schema(&reader);
        let batches = reader.collect::<Result<Vec<_>, _>>().map_err(arrow_err)?;
        // The C Data interface trusts the producer, and arrow-rs reads string values without
        // checking them: every imported array is validated first (linear in its size).
        for batch in &batches {
            for column in batch.columns() {
                column.to_data().validate_full().map_err(arrow_err)?;
            }
        }
        return Ok((schema, batches));
    }
    if data.hasattr(pyo3::intern!(py, "__arrow_c_array__"))? {
        let pair = data.call_method0(pyo3::intern!(py, "__arrow_c_array__"))?;
        let pair = pair.cast::<PyTuple>()?;
        let schema = pair.get_item(0)?;
        let schema = schema.cast::<PyCapsule>()?;
        let array = pair.get_item(1)?;
        let array = array.cast::<PyCapsule>()?;
        let schema_ptr = schema.pointer_checked(Some(c"arrow_schema"))?;
        let array_ptr = array.pointer_checked(Some(c"arrow_array"))?;
        // SAFETY: the capsules named "arrow_schema" and "arrow_array" hold an ArrowSchema and
        // an ArrowArray (the PyCapsule interface). The schema is only borrowed (its capsule
        // releases it); the array is moved out, leaving a released one for its capsule.
        let data = unsafe {
            let schema = &*schema_ptr.as_ptr().cast::<FFI_ArrowSchema>();
            let array = FFI_ArrowArray::from_raw(array_ptr.as_ptr().cast::<FFI_ArrowArray>());
            from_ffi(array, schema)
        }
        .map_err(arrow_err)?;
        data.validate_full().map_err(arrow_err)?;
        if !matches!(data.data_type(), DataType::Struct(_)) {
            return Err(PyTypeError::new_err(format!(
                "data: expected a table or a record batch (a struct array), got an array of {}",
                data.data_type()
            )));
        }
        let array = StructArray::from(data);
        if array.null_count() > 0 {
            // A record batch has no null rows (arrow-rs would panic converting one).
            return Err(PyValueError::new_err(
                "data: expected a record batch, got a struct array with null rows",
            ));
        }
        let batch = RecordBatch::from(array);
        return Ok((batch.schema(), vec![batch]));
    }
    Err(crate::errors::wrong_type(
        "data",
        "an Arrow table or record batch (an object with __arrow_c_stream__ or __arrow_c_array__)",
        data,
    ))
}

/// A text column: any of Arrow's string types (and, for the body, its binary types).
enum Text<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
    Binary(&'a arrow_array::BinaryArray),
    LargeBinary(&'a arrow_array::LargeBinaryArray),
    BinaryView(&'a arrow_array::BinaryViewArray),
}

impl<'a> Text<'a> {
    fn new(array: &'a dyn Array, binary: bool) -> Option<Self> {
        Some(match array.data_type() {
            DataType::Utf8 => Text::Utf8(array.as_string()),
            DataType::LargeUtf8 => Text::Large(array.as_string()),
            DataType::Utf8View => Text::View(array.as_string_view()),
            DataType::Binary if binary => Text::Binary(array.as_binary()),
            DataType::LargeBinary if binary => Text::LargeBinary(array.as_binary()),
            DataType::BinaryView if binary => Text::BinaryView(array.as_binary_view()),
            _ => return None,
        })
    }

    fn bytes(&self, i: usize) -> Option<&'a [u8]> {
        macro_rules! at {
            ($a:expr, $f:expr) => {
                if $a.is_null(i) {
                    None
                } else {
                    Some($f($a.value(i)))
                }
            };
        }
        match self {
            Text::Utf8(a) => at!(a, str::as_bytes),
            Text::Large(a) => at!(a, str::as_bytes),
            Text::View(a) => at!(a, str::as_bytes),
            Text::Binary(a) => at!(a, |b| b),
            Text::LargeBinary(a) => at!(a, |b| b),
            Text::BinaryView(a) => at!(a, |b| b),
        }
    }

    /// The row's text (text fields are read from string columns only, which hold UTF-8: every
    /// imported array is validated).
    fn str(&self, i: usize) -> Option<&'a str> {
        let at = |valid: bool, v: &'a str| valid.then_some(v);
        match self {
            Text::Utf8(a) => at(a.is_valid(i), a.value(i)),
            Text::Large(a) => at(a.is_valid(i), a.value(i)),
            Text::View(a) => at(a.is_valid(i), a.value(i)),
            _ => self.bytes(i).and_then(|b| std::str::from_utf8(b).ok()),
        }
    }
}

/// An integer column of any width, read as `i64` (an unsigned value past `i64::MAX` as
/// `i64::MAX`, which every field it feeds rejects as out of range).
fn int_at(array: &dyn Array, i: usize) -> Option<i64> {
    if array.is_null(i) {
        return None;
    }
    macro_rules! v {
        ($t:ty) => {
            i64::try_from(array.as_primitive::<$t>().value(i)).unwrap_or(i64::MAX)
        };
    }
    Some(match array.data_type() {
        DataType::Int8 => v!(Int8Type),
        DataType::Int16 => v!(Int16Type),
        DataType::Int32 => v!(Int32Type),
        DataType::Int64 => v!(Int64Type),
        DataType::UInt8 => v!(UInt8Type),
        DataType::UInt16 => v!(UInt16Type),
        DataType::UInt32 => v!(UInt32Type),
        DataType::UInt64 => v!(UInt64Type),
        _ => return None,
    })
}

fn is_int(t: &DataType) -> bool {
    t.is_integer()
}

/// The headers column: a `map<string, string>`, or a list of `struct<name, value>` (any two
/// string fields: `key`/`value` as Polars writes a map); a null entry or value is skipped.
struct HeaderColumn<'a> {
    offsets: Vec<usize>,
    entries: &'a StructArray,
    names: Text<'a>,
    values: Text<'a>,
    array: &'a dyn Array,
}

impl<'a> HeaderColumn<'a> {
    fn new(array: &'a dyn Array) -> Option<Self> {
        let (offsets, entries): (Vec<usize>, &StructArray) = match array.data_type() {
            DataType::Map(_, _) => {
                let map = array.as_map();
                let offsets = map.value_offsets().iter().map(|&o| o as usize).collect();
                (offsets, map.entries())
            }
            DataType::List(_) => {
                let list = array.as_list::<i32>();
                let offsets = list.value_offsets().iter().map(|&o| o as usize).collect();
                (offsets, list.values().as_struct_opt()?)
            }
            DataType::LargeList(_) => {
                let list = array.as_list::<i64>();
                let offsets = list.value_offsets().iter().map(|&o| o as usize).collect();
                (offsets, list.values().as_struct_opt()?)
            }
            _ => return None,
        };
        if entries.num_columns() != 2 {
            return None;
        }
        let names = Text::new(entries.column(0).as_ref(), false)?;
        let values = Text::new(entries.column(1).as_ref(), false)?;
        Some(HeaderColumn {
            offsets,
            entries,
            names,
            values,
            array,
        })
    }

    fn pairs(&self, i: usize, out: &mut Vec<(&'a str, &'a str)>) {
        out.clear();
        if self.array.is_null(i) {
            return;
        }
        let (Some(&start), Some(&end)) = (self.offsets.get(i), self.offsets.get(i + 1)) else {
            return;
        };
        for j in start..end {
            if self.entries.is_null(j) {
                continue;
            }
            if let (Some(n), Some(v)) = (self.names.str(j), self.values.str(j)) {
                out.push((n, v));
            }
        }
    }
}

/// The columns of one batch, checked once.
struct Batch<'a> {
    len: usize,
    status: Option<&'a dyn Array>,
    headers: Option<HeaderColumn<'a>>,
    body: Option<Text<'a>>,
    kind: Option<Text<'a>>,
    sent: Option<&'a arrow_array::BooleanArray>,
    detail: Option<Text<'a>>,
    method: Option<Text<'a>>,
    endpoint: Option<Text<'a>>,
    idempotency_key: Option<Text<'a>>,
    token_fresh: Option<&'a arrow_array::BooleanArray>,
    auth: Option<Text<'a>>,
    attempt: Option<&'a dyn Array>,
    now: Option<&'a dyn Array>,
}

fn type_error(column: &str, name: &str, expected: &str, got: &DataType) -> PyErr {
    to_py(Error::wrong_type(
        column,
        expected,
        &format!("column {name:?} of type {got}"),
    ))
}

impl<'a> Batch<'a> {
    /// `names[k]` is the data's column for `COLUMNS[k]`, if it has one.
    fn new(batch: &'a RecordBatch, names: &[Option<String>; 13]) -> PyResult<Self> {
        let col = |k: usize| -> Option<(&'a dyn Array, &'static str, &str)> {
            let name = names.get(k)?.as_deref()?;
            let field = COLUMNS.get(k).copied()?;
            batch
                .column_by_name(name)
                .map(|c| (c.as_ref(), field, name))
        };
        let int = |k: usize| -> PyResult<Option<&'a dyn Array>> {
            match col(k) {
                None => Ok(None),
                Some((a, _, _)) if is_int(a.data_type()) => Ok(Some(a)),
                Some((a, field, name)) => {
                    Err(type_error(field, name, "an integer column", a.data_type()))
                }
            }
        };
        let text = |k: usize, binary: bool| -> PyResult<Option<Text<'a>>> {
            match col(k) {
                None => Ok(None),
                Some((a, field, name)) => Text::new(a, binary).map(Some).ok_or_else(|| {
                    let expected = if binary {
                        "a string or binary column"
                    } else {
                        "a string column"
                    };
                    type_error(field, name, expected, a.data_type())
                }),
            }
        };
        let boolean = |k: usize| -> PyResult<Option<&'a arrow_array::BooleanArray>> {
            match col(k) {
                None => Ok(None),
                Some((a, field, name)) => a
                    .as_boolean_opt()
                    .map(Some)
                    .ok_or_else(|| type_error(field, name, "a boolean column", a.data_type())),
            }
        };
        let headers = match col(1) {
            None => None,
            Some((a, field, name)) => Some(HeaderColumn::new(a).ok_or_else(|| {
                type_error(
                    field,
                    name,
                    "a map<string, string> column or a list of struct<name: string, value: string>",
                    a.data_type(),
                )
            })?),
        };
        Ok(Batch {
            len: batch.num_rows(),
            status: int(0)?,
            headers,
            body: text(2, true)?,
            kind: text(3, false)?,
            sent: boolean(4)?,
            detail: text(5, false)?,
            method: text(6, false)?,
            endpoint: text(7, false)?,
            idempotency_key: text(8, false)?,
            token_fresh: boolean(9)?,
            auth: text(10, false)?,
            attempt: int(11)?,
            now: int(12)?,
        })
    }
}

fn bool_at(a: Option<&arrow_array::BooleanArray>, i: usize) -> Option<bool> {
    a.filter(|a| !a.is_null(i)).map(|a| a.value(i))
}

fn str_at<'a>(t: &Option<Text<'a>>, i: usize) -> Option<&'a str> {
    t.as_ref().and_then(|t| t.str(i))
}

/// The verdict builders, one row appended at a time.
struct Out {
    shape: StringBuilder,
    category: StringBuilder,
    action: StringBuilder,
    retryable: BooleanBuilder,
    outcome: StringBuilder,
    status: Int32Builder,
    code: StringBuilder,
    message: StringBuilder,
    request_id: StringBuilder,
    details: StringBuilder,
    retry_after_ms: Int64Builder,
    hint: StringBuilder,
    rule: StringBuilder,
    error: StringBuilder,
}

impl Out {
    fn new(rows: usize) -> Self {
        let text = || StringBuilder::with_capacity(rows, rows * 8);
        Out {
            shape: text(),
            category: text(),
            action: text(),
            retryable: BooleanBuilder::with_capacity(rows),
            outcome: text(),
            status: Int32Builder::with_capacity(rows),
            code: text(),
            message: text(),
            request_id: text(),
            details: text(),
            retry_after_ms: Int64Builder::with_capacity(rows),
            hint: text(),
            rule: text(),
            error: text(),
        }
    }

    fn push(&mut self, verdict: Result<errtriage::Verdict, Error>) {
        match verdict {
            Ok(v) => {
                self.shape.append_value(v.shape.as_str());
                self.category.append_value(v.category.as_str());
                self.action.append_value(v.action.as_str());
                self.retryable.append_value(v.retryable);
                self.outcome.append_value(v.outcome.as_str());
                self.status.append_option(v.status.map(i32::from));
                self.code.append_option(v.code.as_deref());
                self.message.append_option(v.message.as_deref());
                self.request_id.append_option(v.request_id.as_deref());
                self.details.append_option(v.details.as_deref());
                self.retry_after_ms.append_option(
                    v.retry_after_ms
                        .map(|ms| i64::try_from(ms).unwrap_or(i64::MAX)),
                );
                self.hint.append_value(v.hint());
                self.rule.append_value(v.rule.id());
                self.error.append_null();
            }
            Err(e) => {
                for b in [
                    &mut self.shape,
                    &mut self.category,
                    &mut self.action,
                    &mut self.outcome,
                    &mut self.code,
                    &mut self.message,
                    &mut self.request_id,
                    &mut self.details,
                    &mut self.hint,
                    &mut self.rule,
                ] {
                    b.append_null();
                }
                self.retryable.append_null();
                self.status.append_null();
                self.retry_after_ms.append_null();
                self.error.append_value(e.message());
            }
        }
    }

    fn finish(mut self) -> StructArray {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.shape.finish()),
            Arc::new(self.category.finish()),
            Arc::new(self.action.finish()),
            Arc::new(self.retryable.finish()),
            Arc::new(self.outcome.finish()),
            Arc::new(self.status.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.message.finish()),
            Arc::new(self.request_id.finish()),
            Arc::new(self.details.finish()),
            Arc::new(self.retry_after_ms.finish()),
            Arc::new(self.hint.finish()),
            Arc::new(self.rule.finish()),
            Arc::new(self.error.finish()),
        ];
        StructArray::new(verdict_fields(), columns, None)
    }
}

/// Classifies row `i` of `b`: the `Input` built as `classify` builds it, checked by the core.
fn row(
    classifier: &errtriage::Classifier,
    b: &Batch<'_>,
    i: usize,
    headers: &[(&str, &str)],
) -> Result<errtriage::Verdict, Error> {
    let status = b.status.and_then(|a| int_at(a, i));
    let transport = match str_at(&b.kind, i) {
        None => None,
        Some(kind) => Some(Transport {
            kind: TransportKind::parse(kind)?,
            sent: Sent::from_option(bool_at(b.sent, i)),
            detail: str_at(&b.detail, i),
        }),
    };
    let input = match (status, transport) {
        (Some(status), Some(t)) => Input::response(status)?.cut_off(t),
        (Some(status), None) => Input::response(status)?,
        (None, Some(t)) => Input::transport(t),
        // Neither: the JSON form's answer for an input without them (an error), in the core's
        // words.
        (None, None) => return classifier.classify_form("{}"),
    };
    let attempt = match b.attempt.and_then(|a| int_at(a, i)) {
        None => None,
        Some(n) => {
            Some(u32::try_from(n).map_err(|_| Request::attempt_out_of_range(&format!("{n}")))?)
        }
    };
    let auth = str_at(&b.auth, i).map(Auth::parse).transpose()?;
    let request = Request {
        method: str_at(&b.method, i),
        endpoint: str_at(&b.endpoint, i),
        idempotency_key: str_at(&b.idempotency_key, i),
        token_fresh: bool_at(b.token_fresh, i),
        auth,
        attempt,
    };
    let body = b.body.as_ref().and_then(|t| t.bytes(i)).unwrap_or(&[]);
    let mut input = input
        .with_headers(headers)
        .with_body(body)
        .with_request(request)?;
    if let Some(now) = b.now.and_then(|a| int_at(a, i)) {
        input = input.with_now(now);
    }
    Ok(crate::classifier::classify_in_scratch(classifier, &input))
}

/// Every row of `batches`, classified (called with the GIL released).
fn classify_batches(
    classifier: &errtriage::Classifier,
    batches: &[Batch<'_>],
    rows: usize,
) -> StructArray {
    let mut out = Out::new(rows);
    let mut headers = Vec::new();
    for b in batches {
        for i in 0..b.len {
            match &b.headers {
                Some(h) => h.pairs(i, &mut headers),
                None => headers.clear(),
            }
            out.push(row(classifier, b, i, &headers));
        }
    }
    out.finish()
}

/// Reads `data` and classifies every row with `classifier`'s rules; `names[k]` is the column
/// named for `COLUMNS[k]` (`None`: the column of that name, if the data has one).
pub(crate) fn classify(
    py: Python<'_>,
    classifier: &errtriage::Classifier,
    data: &Bound<'_, PyAny>,
    names: [Option<String>; 13],
) -> PyResult<ArrowVerdicts> {
    let (schema, batches) = read(data)?;
    let mut resolved: [Option<String>; 13] = Default::default();
    for ((slot, given), field) in resolved.iter_mut().zip(names).zip(COLUMNS) {
        *slot = match given {
            Some(name) => {
                if schema.column_with_name(&name).is_none() {
                    let columns: Vec<&str> =
                        schema.fields().iter().map(|f| f.name().as_str()).collect();
                    return Err(to_py(Error::invalid_value(
                        field,
                        &format!("the name of a column of data (one of {columns:?})"),
                        &format!("{name:?}"),
                    )));
                }
                Some(name)
            }
            None => schema.column_with_name(field).map(|_| String::from(field)),
        };
    }
    let views = batches
        .iter()
        .map(|b| Batch::new(b, &resolved))
        .collect::<PyResult<Vec<_>>>()?;
    let rows = batches.iter().map(RecordBatch::num_rows).sum();
    let array = py.detach(|| classify_batches(classifier, &views, rows));
    Ok(ArrowVerdicts(array))
}

/// The verdicts of `classify_arrow`: one Arrow struct column (the verdict's fields and
/// `error`), handed to any Arrow library through the PyCapsule interface.
#[pyclass(module = "errtriage", name = "ArrowVerdicts", frozen)]
pub(crate) struct ArrowVerdicts(StructArray);

fn capsule<'py, T: Send + 'static>(
    py: Python<'py>,
    value: T,
    name: &'static CStr,
) -> PyResult<Bound<'py, PyCapsule>> {
    // The value is dropped with the capsule: a struct the consumer moved out is released
    // already (its `release` is null) and dropping it does nothing; one never consumed is
    // released by its `Drop`.
    PyCapsule::new_with_value(py, value, name)
}

#[pymethods]
impl ArrowVerdicts {
    /// The column as an Arrow C array: `(schema capsule, array capsule)`.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        // The interface lets a producer ignore a requested schema; the consumer casts.
        let _ = requested_schema;
        let (array, schema) = to_ffi(&self.0.to_data()).map_err(arrow_err)?;
        let schema = capsule(py, schema, c"arrow_schema")?;
        let array = capsule(py, array, c"arrow_array")?;
        PyTuple::new(py, [schema, array])
    }

    /// The column's type as an Arrow C schema capsule.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = FFI_ArrowSchema::try_from(self.0.data_type()).map_err(arrow_err)?;
        capsule(py, schema, c"arrow_schema")
    }

    /// The column as an Arrow C stream of one record batch whose columns are the verdict's
    /// fields (so `pa.table(v)` and `pl.DataFrame(v)` give one column per field).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let batch = RecordBatch::from(self.0.clone());
        let schema = batch.schema();
        let reader = RecordBatchIterator::new([Ok(batch)], schema);
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        capsule(py, stream, c"arrow_array_stream")
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __repr__(&self) -> String {
        let errors = self.0.column(13).null_count();
        format!(
            "ArrowVerdicts(rows={}, errors={})",
            self.0.len(),
            self.0.len() - errors
        )
    }
}
