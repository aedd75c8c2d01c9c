//! The JSON form of DESIGN.md §1 (vectors, the CLI, `classify_json` in every binding): one
//! object in, the canonical verdict JSON out. Every field is checked, and a wrong one is a
//! typed [`Error`] that names it: no input is silently ignored or guessed at.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::base64;
use crate::body::json::Arena;
use crate::classify::classify_in;
use crate::error::{Error, ErrorKind};
use crate::input::{Input, Request, Transport};
use crate::json_tree::{member, Json};
use crate::rules::set::RuleSet;
use crate::vocab::{Auth, Sent, TransportKind};

pub(crate) type Members<'v, 'a> = &'v [(Cow<'a, str>, Json<'a>)];

pub(crate) const FIELDS: &[&str] = &[
    "status",
    "headers",
    "body",
    "body_base64",
    "transport",
    "lifecycle",
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
    classify_json_with(crate::rules::set::builtin(), text)
}

/// [`classify_json`] with the rules of `set`: the verdict is written from the input's own texts
/// (a [`crate::VerdictRef`]), without an owned copy.
pub(crate) fn classify_json_with(set: &RuleSet, text: &str) -> Result<String, Error> {
    with_input(text, |input| {
        classify_in(set, &Arena::new(), input).to_json()
    })
}

/// Reads `text` in the JSON form and hands the input to `f` (for the report functions' tests).
pub(crate) fn with_input<R>(text: &str, f: impl FnOnce(&Input<'_>) -> R) -> Result<R, Error> {
    with_input_and(text, &[], |input, _| Ok(f(input)))
}

/// Parses `text` as JSON (the syntax errors of the JSON form).
pub(crate) fn parse_form(text: &str) -> Result<Json<'_>, Error> {
    if text
        .bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return Err(Error::new(
            ErrorKind::Syntax,
            "",
            String::from("input is empty"),
        ));
    }
    crate::json_tree::parse(text).map_err(|e| {
        Error::new(
            ErrorKind::Syntax,
            "",
            format!("input is not valid JSON: {e}"),
        )
    })
}

/// [`with_input`] for an object that has members of its own beside the JSON form's (`extra`):
/// `f` gets the input and every member, to read its own.
pub(crate) fn with_input_and<R>(
    text: &str,
    extra: &[&str],
    f: impl FnOnce(&Input<'_>, Members<'_, '_>) -> Result<R, Error>,
) -> Result<R, Error> {
    // The reading is one function whatever `f` is (through `dyn`): instantiated once per caller,
    // it was the JSON form reader copied into every caller of the wasm build.
    let mut f = Some(f);
    let mut out = None;
    read_input(text, extra, &mut |input, fields| {
        if let Some(f) = f.take() {
            out = Some(f(input, fields));
        }
    })?;
    out.unwrap_or_else(|| {
        Err(Error::new(
            ErrorKind::Value,
            "",
            String::from("internal error: the input was not read"),
        ))
    })
}

fn read_input(
    text: &str,
    extra: &[&str],
    f: &mut dyn FnMut(&Input<'_>, Members<'_, '_>),
) -> Result<(), Error> {
    // Nothing but JSON white space is no input: the one answer for it everywhere (the CLI gives
    // it for a blank NDJSON line too, as JSON Lines has no blank lines).
    let value = parse_form(text)?;
    let fields = object(&value, "input")?;
    if let Some((unknown, _)) = fields
        .iter()
        .find(|(k, _)| !FIELDS.contains(&k.as_ref()) && !extra.contains(&k.as_ref()))
    {
        let mut allowed: Vec<&str> = FIELDS.to_vec();
        allowed.extend_from_slice(extra);
        return Err(Error::unknown_field(unknown, &allowed));
    }

    let body_bytes: Vec<u8>;
    let body: &[u8] = match (
        named_str(fields, "body", "body")?,
        named_str(fields, "body_base64", "body_base64")?,
    ) {
        (Some(_), Some(_)) => {
            return Err(Error::either("body", "body_base64"));
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
    let headers = headers_of(present(fields, "headers"))?;

    let lifecycle = present(fields, "lifecycle");
    if let Some(l) = lifecycle {
        if present(fields, "status").is_some() || present(fields, "transport").is_some() {
            return Err(Error::invalid_value(
                "lifecycle",
                "a lifecycle event alone (it has no status or transport failure: the request was accepted earlier)",
                "lifecycle with status or transport",
            ));
        }
        let l = object(l, "lifecycle")?;
        only(l, &["event"], "lifecycle.")?;
        let event = named_str(l, "event", "lifecycle.event")?;
        let mut input = Input::lifecycle(event)
            .with_headers(&headers)
            .with_body(body)
            .with_request(request(present(fields, "request"))?)?;
        if let Some(now) = present(fields, "now") {
            input = input.with_now(now.as_i64().ok_or_else(|| {
                Error::wrong_type("now", "an integer (unix seconds)", now.kind())
            })?);
        }
        f(&input, fields);
        return Ok(());
    }
    let input = match (present(fields, "status"), present(fields, "transport")) {
        (Some(status), Some(t)) => {
            // A partial response: the status and headers arrived, the body was cut off.
            let status = status
                .as_i64()
                .ok_or_else(|| Error::wrong_type("status", "an integer", status.kind()))?;
            Input::response(status)?.cut_off(transport_failure(t)?)
        }
        (None, None) => {
            return Err(Error::new(
                ErrorKind::Value,
                "status",
                String::from("status: required unless transport or lifecycle is given"),
            ));
        }
        (Some(status), None) => {
            let status = status
                .as_i64()
                .ok_or_else(|| Error::wrong_type("status", "an integer", status.kind()))?;
            Input::response(status)?
        }
        (None, Some(t)) => Input::transport(transport_failure(t)?),
    };
    let mut input = input
        .with_headers(&headers)
        .with_body(body)
        .with_request(request(present(fields, "request"))?)?;
    if let Some(now) = present(fields, "now") {
        input = input
            .with_now(now.as_i64().ok_or_else(|| {
                Error::wrong_type("now", "an integer (unix seconds)", now.kind())
            })?);
    }
    f(&input, fields);
    Ok(())
}

/// A member that is present and not `null`.
pub(crate) fn present<'v, 'a>(fields: Members<'v, 'a>, name: &str) -> Option<&'v Json<'a>> {
    member(fields, name).filter(|v| !v.is_null())
}

pub(crate) fn object<'v, 'a>(value: &'v Json<'a>, field: &str) -> Result<Members<'v, 'a>, Error> {
    value
        .members()
        .ok_or_else(|| Error::wrong_type(field, "an object", value.kind()))
}

/// Rejects members not in `allowed`, so a misspelt field is an error, not ignored.
pub(crate) fn only(fields: Members<'_, '_>, allowed: &[&str], prefix: &str) -> Result<(), Error> {
    match fields.iter().find(|(k, _)| !allowed.contains(&k.as_ref())) {
        None => Ok(()),
        Some((unknown, _)) => Err(Error::unknown_field(&format!("{prefix}{unknown}"), allowed)),
    }
}

/// Member `name`, which must be a string when present; errors name it `path`.
pub(crate) fn named_str<'v>(
    fields: Members<'v, '_>,
    name: &str,
    path: &str,
) -> Result<Option<&'v str>, Error> {
    match present(fields, name) {
        None => Ok(None),
        Some(value) => value
            .as_str()
            .map(Some)
            .ok_or_else(|| Error::wrong_type(path, "a string", value.kind())),
    }
}

/// `{"name": "value" | ["v1", "v2"]}` or `[["name", "value"], …]`.
pub(crate) fn headers_of<'v>(
    value: Option<&'v Json<'_>>,
) -> Result<Vec<(&'v str, &'v str)>, Error> {
    let mut out = Vec::new();
    match value {
        None => {}
        Some(Json::Object(map)) => {
            for (name, value) in map {
                let wrong = |v: &Json<'_>| {
                    Error::wrong_type(
                        &format!("headers.{name}"),
                        "a string or an array of strings",
                        v.kind(),
                    )
                };
                match value {
                    Json::Str(v) => out.push((name.as_ref(), v.as_ref())),
                    Json::Array(values) => {
                        for v in values {
                            out.push((name.as_ref(), v.as_str().ok_or_else(|| wrong(v))?));
                        }
                    }
                    other => return Err(wrong(other)),
                }
            }
        }
        Some(Json::Array(pairs)) => {
            for (i, pair) in pairs.iter().enumerate() {
                match pair {
                    Json::Array(p) => match p.as_slice() {
                        [Json::Str(n), Json::Str(v)] => out.push((n.as_ref(), v.as_ref())),
                        _ => {
                            return Err(Error::wrong_type(
                                &format!("headers[{i}]"),
                                "a [name, value] pair of strings",
                                pair.kind(),
                            ))
                        }
                    },
                    _ => {
                        return Err(Error::wrong_type(
                            &format!("headers[{i}]"),
                            "a [name, value] pair of strings",
                            pair.kind(),
                        ))
                    }
                }
            }
        }
        Some(other) => {
            return Err(Error::wrong_type(
                "headers",
                "an object or an array of [name, value] pairs",
                other.kind(),
            ));
        }
    }
    Ok(out)
}

fn transport_failure<'v>(value: &'v Json<'_>) -> Result<Transport<'v>, Error> {
    let fields = object(value, "transport")?;
    only(fields, TRANSPORT_FIELDS, "transport.")?;
    let kind = named_str(fields, "kind", "transport.kind")?.ok_or_else(|| {
        Error::new(
            ErrorKind::Value,
            "transport.kind",
            String::from("transport.kind: required"),
        )
    })?;
    let sent = match present(fields, "sent") {
        None => Sent::Unknown,
        Some(Json::Bool(b)) => Sent::from_option(Some(*b)),
        Some(other) => {
            return Err(Error::wrong_type(
                "transport.sent",
                "true, false or null",
                other.kind(),
            ))
        }
    };
    Ok(Transport {
        kind: TransportKind::parse(kind)?,
        sent,
        detail: named_str(fields, "detail", "transport.detail")?,
    })
}

pub(crate) fn request<'v>(value: Option<&'v Json<'_>>) -> Result<Request<'v>, Error> {
    let Some(value) = value else {
        return Ok(Request::default());
    };
    let fields = object(value, "request")?;
    only(fields, REQUEST_FIELDS, "request.")?;
    let token_fresh = match present(fields, "token_fresh") {
        None => None,
        Some(Json::Bool(b)) => Some(*b),
        Some(other) => {
            return Err(Error::wrong_type(
                "request.token_fresh",
                "true, false or null",
                other.kind(),
            ))
        }
    };
    let attempt = match present(fields, "attempt") {
        None => None,
        Some(v) => {
            let n = v
                .as_i64()
                .ok_or_else(|| Error::wrong_type("request.attempt", "a whole number", v.kind()))?;
            Some(u32::try_from(n).map_err(|_| Request::attempt_out_of_range(&format!("{n}")))?)
        }
    };
    let auth = named_str(fields, "auth", "request.auth")?
        .map(Auth::parse)
        .transpose()?;
    Ok(Request {
        method: named_str(fields, "method", "request.method")?,
        endpoint: named_str(fields, "endpoint", "request.endpoint")?,
        idempotency_key: named_str(fields, "idempotency_key", "request.idempotency_key")?,
        token_fresh,
        auth,
        attempt,
    })
}
