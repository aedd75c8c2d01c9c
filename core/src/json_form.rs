//! The JSON form of DESIGN.md §1 (vectors, the CLI, `classify_json` in every binding): one
//! object in, the canonical verdict JSON out. Every field is checked, and a wrong one is a
//! typed [`Error`] that names it: no input is silently ignored or guessed at.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use serde_json::{Map, Value};

use crate::base64;
use crate::classify::classify;
use crate::error::{Error, ErrorKind};
use crate::input::{Input, Request, Transport};
use crate::vocab::{Auth, Sent, TransportKind};

const FIELDS: &[&str] = &[
    "status",
    "headers",
    "body",
    "body_base64",
    "transport",
    "request",
    "now",
];
const TRANSPORT_FIELDS: &[&str] = &["kind", "sent", "detail"];
const REQUEST_FIELDS: &[&str] = &[
    "method",
    "endpoint",
    "idempotency_key",
    "token_fresh",
    "auth",
    "attempt",
];

/// Classifies one input in the JSON form and returns the verdict in its canonical JSON form.
///
/// ```
/// let verdict = errtriage::classify_json(r#"{"status": 502, "body": "{\"error\":{\"code\":\"UPSTREAM_ERROR\",\"message\":\"Upstream search failed with status 502.\",\"details\":{\"providerStatus\":502}},\"requestId\":\"req_search_001\"}"}"#).unwrap();
/// assert!(verdict.starts_with(r#"{"shape":"core_wrapper","category":"transient","action":"retry","retryable":true"#));
/// ```
pub fn classify_json(text: &str) -> Result<String, Error> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Error::new(
            ErrorKind::Syntax,
            "",
            format!("input is not valid JSON: {e}"),
        )
    })?;
    let fields = object(&value, "input")?;
    only(fields, FIELDS, "")?;

    let body_bytes: Vec<u8>;
    let body: &[u8] = match (
        field_str(fields, "body")?,
        field_str(fields, "body_base64")?,
    ) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid_value(
                "body_base64",
                "either body or body_base64, not both",
                "both",
            ));
        }
        (Some(text), None) => text.as_bytes(),
        (None, Some(b64)) => {
            body_bytes = base64::decode(b64).ok_or_else(|| {
                Error::invalid_value(
                    "body_base64",
                    "standard base64 (RFC 4648 §4)",
                    "invalid base64",
                )
            })?;
            &body_bytes
        }
        (None, None) => &[],
    };
    let headers = headers(fields.get("headers"))?;

    let status = present(fields, "status");
    let transport = present(fields, "transport");
    let input = match (status, transport) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid_value(
                "transport",
                "either status or transport, not both",
                "both",
            ));
        }
        (None, None) => {
            return Err(Error::new(
                ErrorKind::Value,
                "status",
                String::from("status: required unless transport is given"),
            ))
        }
        (Some(status), None) => {
            let status = status
                .as_i64()
                .ok_or_else(|| Error::wrong_type("status", "an integer", kind(status)))?;
            Input::response(u16::try_from(status).unwrap_or(u16::MAX)).map_err(|_| {
                Error::invalid_value(
                    "status",
                    "an HTTP status from 100 to 599",
                    &format!("{status}"),
                )
            })?
        }
        (None, Some(t)) => Input::transport(transport_failure(t)?),
    };
    let mut input = input
        .with_headers(&headers)
        .with_body(body)
        .with_request(request(present(fields, "request"))?)?;
    if let Some(now) = present(fields, "now") {
        input = input.with_now(
            now.as_i64()
                .ok_or_else(|| Error::wrong_type("now", "an integer (unix seconds)", kind(now)))?,
        );
    }
    Ok(classify(&input).to_json())
}

/// A member that is present and not `null`.
fn present<'v>(fields: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    fields.get(name).filter(|v| !v.is_null())
}

fn object<'v>(value: &'v Value, field: &str) -> Result<&'v Map<String, Value>, Error> {
    value
        .as_object()
        .ok_or_else(|| Error::wrong_type(field, "an object", kind(value)))
}

/// Rejects members not in `allowed`, so a misspelt field is an error, not ignored.
fn only(fields: &Map<String, Value>, allowed: &[&str], prefix: &str) -> Result<(), Error> {
    match fields.keys().find(|k| !allowed.contains(&k.as_str())) {
        None => Ok(()),
        Some(unknown) => {
            let path = format!("{prefix}{unknown}");
            let list = allowed.join(", ");
            Err(Error::new(
                ErrorKind::Value,
                &path,
                format!("{path}: unknown field; expected one of {list}"),
            ))
        }
    }
}

fn field_str<'v>(fields: &'v Map<String, Value>, name: &str) -> Result<Option<&'v str>, Error> {
    named_str(present(fields, name), name)
}

fn named_str<'v>(value: Option<&'v Value>, path: &str) -> Result<Option<&'v str>, Error> {
    match value {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(Error::wrong_type(path, "a string", kind(other))),
    }
}

/// `{"name": "value" | ["v1", "v2"]}` or `[["name", "value"], …]`.
fn headers(value: Option<&Value>) -> Result<Vec<(&str, &str)>, Error> {
    let mut out = Vec::new();
    match value {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (name, value) in map {
                match value {
                    Value::String(v) => out.push((name.as_str(), v.as_str())),
                    Value::Array(values) => {
                        for v in values {
                            let v = named_str(Some(v), &format!("headers.{name}"))?.unwrap_or("");
                            out.push((name.as_str(), v));
                        }
                    }
                    other => {
                        return Err(Error::wrong_type(
                            &format!("headers.{name}"),
                            "a string or an array of strings",
                            kind(other),
                        ))
                    }
                }
            }
        }
        Some(Value::Array(pairs)) => {
            for (i, pair) in pairs.iter().enumerate() {
                let path = format!("headers[{i}]");
                match pair.as_array().map(Vec::as_slice) {
                    Some([Value::String(n), Value::String(v)]) => {
                        out.push((n.as_str(), v.as_str()))
                    }
                    _ => {
                        return Err(Error::wrong_type(
                            &path,
                            "a [name, value] pair of strings",
                            kind(pair),
                        ))
                    }
                }
            }
        }
        Some(other) => {
            return Err(Error::wrong_type(
                "headers",
                "an object or an array of [name, value] pairs",
                kind(other),
            ))
        }
    }
    Ok(out)
}

fn transport_failure(value: &Value) -> Result<Transport<'_>, Error> {
    let fields = object(value, "transport")?;
    only(fields, TRANSPORT_FIELDS, "transport.")?;
    let kind_text = named_str(present(fields, "kind"), "transport.kind")?.ok_or_else(|| {
        Error::new(
            ErrorKind::Value,
            "transport.kind",
            String::from("transport.kind: required"),
        )
    })?;
    let sent = match present(fields, "sent") {
        None => Sent::Unknown,
        Some(Value::Bool(b)) => Sent::from_option(Some(*b)),
        Some(other) => {
            return Err(Error::wrong_type(
                "transport.sent",
                "true, false or null",
                kind(other),
            ))
        }
    };
    Ok(Transport {
        kind: TransportKind::parse(kind_text)?,
        sent,
        detail: named_str(present(fields, "detail"), "transport.detail")?,
    })
}

fn request(value: Option<&Value>) -> Result<Request<'_>, Error> {
    let Some(value) = value else {
        return Ok(Request::default());
    };
    let fields = object(value, "request")?;
    only(fields, REQUEST_FIELDS, "request.")?;
    let token_fresh = match present(fields, "token_fresh") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => {
            return Err(Error::wrong_type(
                "request.token_fresh",
                "true, false or null",
                kind(other),
            ))
        }
    };
    let attempt = match present(fields, "attempt") {
        None => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| Error::wrong_type("request.attempt", "a whole number", kind(v)))?,
        ),
    };
    let auth = named_str(present(fields, "auth"), "request.auth")?
        .map(Auth::parse)
        .transpose()?;
    Ok(Request {
        method: named_str(present(fields, "method"), "request.method")?,
        endpoint: named_str(present(fields, "endpoint"), "request.endpoint")?,
        idempotency_key: named_str(
            present(fields, "idempotency_key"),
            "request.idempotency_key",
        )?,
        token_fresh,
        auth,
        attempt,
    })
}

/// How a JSON value is described in an error message.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fractional number",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
