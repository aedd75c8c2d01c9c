//! The wire between the errtriage core and the JavaScript layer (`js/api.js`) shared by the
//! Node addon (`bindings-node`, napi-rs) and the WebAssembly package (`bindings-wasm`,
//! wasm-bindgen). Both crates include this one file (`#[path]`), so the two packages speak the
//! same format and give the same answers.
//!
//! Why a wire format: building a thirteen-field JS object across napi or wasm costs more than
//! classifying (TOOLCHAIN.md, "Cost of crossing the boundary"). So the core's answer crosses
//! as ONE string that the JS side decodes into a plain object:
//!
//! - a header of small numbers, each one UTF-16 code unit (`char` below 0xD800): the tag, the
//!   vocabulary indexes (`Shape as u8`, …), the status and the rule's index in
//!   [`errtriage::rules::all`] (the JS side holds the vocabularies and the rule table, fetched
//!   once with [`meta`]: interned strings, no per-call copies of ids and hints);
//! - wide numbers (lengths, `retry_after_ms`) as two 15-bit units, stored `+ 1` so 0 is "absent";
//! - then the optional texts (code, message, request id, details) back to back, each length in
//!   UTF-16 code units so JS can `slice` them out.
//!
//! Errors cross the same way (tag [`TAG_ERROR`]): the core's kind, field and message, so the JS
//! layer throws `TypeError`/`RangeError`/`SyntaxError` with the core's own text.
//!
//! Header strings come in length-prefixed (`<utf16 len>:<name><utf16 len>:<value>`…), so any
//! character, NUL included, survives; the request context comes as one string too
//! ([`decode_request`]): each napi argument costs a conversion, so fewer is faster.

use std::string::String;
use std::vec::Vec;

use errtriage::{
    classify as classify_input, classify_json as core_classify_json, rules, Action, Auth, Category,
    Error, ErrorKind, Input, Outcome, Request, Sent, Shape, Transport, TransportKind, Verdict,
    BODY_PREFIX_BYTES, MAX_RETRY_AFTER_MS, STATUS_RANGE,
};

/// First unit of an encoded verdict.
pub const TAG_VERDICT: u32 = 0;
/// First unit of an encoded error.
pub const TAG_ERROR: u32 = 1;
/// Error kind sent for a panic caught at the boundary (after the core's three kinds).
const KIND_INTERNAL: u32 = 3;
/// Rule index sent for a rule missing from [`rules::all`] (a core bug); decodes to no rule.
const UNKNOWN_RULE: u32 = 0xD7FF;

/// Classifies a response. `headers` and `request` are in the encodings described above.
pub fn classify(status: f64, body: &[u8], headers: Option<&str>, request: Option<&str>) -> String {
    match response_input(status).and_then(|input| finish(input, body, headers, request)) {
        Ok(verdict) => encode_verdict(&verdict),
        Err(error) => encode_error(&error),
    }
}

/// Classifies a failure with no response.
pub fn classify_transport(
    kind: &str,
    sent: Option<bool>,
    detail: Option<&str>,
    request: Option<&str>,
) -> String {
    let input = TransportKind::parse(kind).map(|kind| {
        Input::transport(Transport {
            kind,
            sent: Sent::from_option(sent),
            detail,
        })
    });
    match input.and_then(|input| finish(input, &[], None, request)) {
        Ok(verdict) => encode_verdict(&verdict),
        Err(error) => encode_error(&error),
    }
}

/// The core's JSON form: the canonical verdict JSON (it starts with `{`), or an encoded error.
pub fn classify_json(text: &str) -> String {
    core_classify_json(text).unwrap_or_else(|error| encode_error(&error))
}

/// An encoded error for an argument the JS layer rejected, worded by the core: a wrong type
/// (`Error::wrong_type`) or, with `wrong_type` false, a wrong value (`Error::invalid_value`).
pub fn argument_error(wrong_type: bool, field: &str, expected: &str, got: &str) -> String {
    encode_error(&if wrong_type {
        Error::wrong_type(field, expected, got)
    } else {
        Error::invalid_value(field, expected, got)
    })
}

/// An encoded internal error for a panic caught at the boundary.
pub fn internal_error(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 32);
    push_unit(&mut out, TAG_ERROR);
    push_unit(&mut out, KIND_INTERNAL);
    push_wide(&mut out, 1);
    out.push_str("errtriage: internal error (a bug, please report it): ");
    out.push_str(message);
    out
}

/// Everything the JS layer needs once, at load: the version, the vocabularies in declaration
/// order (so `x as u8` indexes them), the rule table in [`rules::all`] order and the limits,
/// as JSON. Written by hand: serde_json's `Value` serializer would add kilobytes to the wasm.
pub fn meta() -> String {
    let mut out = String::with_capacity(32 * 1024);
    out.push_str("{\"version\":");
    push_json_string(&mut out, env!("CARGO_PKG_VERSION"));
    out.push_str(",\"vocabulary\":{\"shape\":");
    push_words(&mut out, Shape::ALL.iter().map(|x| x.as_str()));
    out.push_str(",\"category\":");
    push_words(&mut out, Category::ALL.iter().map(|x| x.as_str()));
    out.push_str(",\"action\":");
    push_words(&mut out, Action::ALL.iter().map(|x| x.as_str()));
    out.push_str(",\"outcome\":");
    push_words(&mut out, Outcome::ALL.iter().map(|x| x.as_str()));
    out.push_str(",\"transportKind\":");
    push_words(&mut out, TransportKind::ALL.iter().map(|x| x.as_str()));
    out.push_str(",\"auth\":");
    push_words(&mut out, Auth::ALL.iter().map(|x| x.as_str()));
    out.push_str("},\"rules\":[");
    for (i, rule) in rules::all().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"id\":");
        push_json_string(&mut out, rule.id);
        out.push_str(",\"category\":");
        match rule.category {
            Some(category) => push_json_string(&mut out, category.as_str()),
            None => out.push_str("null"),
        }
        out.push_str(",\"action\":");
        push_json_string(&mut out, rule.action.as_str());
        out.push_str(",\"hint\":");
        push_json_string(&mut out, rule.hint);
        out.push_str(",\"source\":");
        push_json_string(&mut out, rule.source);
        out.push('}');
    }
    let (lo, hi) = STATUS_RANGE;
    out.push_str(&format!(
        "],\"limits\":{{\"statusRange\":[{lo},{hi}],\"maxRetryAfterMs\":{MAX_RETRY_AFTER_MS},\"bodyPrefixBytes\":{BODY_PREFIX_BYTES}}}}}"
    ));
    out
}

fn push_words<'a>(out: &mut String, words: impl Iterator<Item = &'a str>) {
    out.push('[');
    for (i, word) in words.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, word);
    }
    out.push(']');
}

/// `text` as a JSON string literal (RFC 8259 §7).
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `Input::response` for a JS number: the JS layer passes safe integers only (|n| < 2^53),
/// exact as `i64`, so the core checks the range and words the error with the caller's number.
fn response_input(status: f64) -> Result<Input<'static>, Error> {
    Input::response(status as i64)
}

fn finish(
    input: Input<'_>,
    body: &[u8],
    headers: Option<&str>,
    request: Option<&str>,
) -> Result<Verdict, Error> {
    let pairs = match headers {
        Some(encoded) => decode_headers(encoded)?,
        None => Vec::new(),
    };
    let mut input = input.with_headers(&pairs).with_body(body);
    if let Some(encoded) = request {
        let (request, now) = decode_request(encoded)?;
        input = input.with_request(request)?;
        if let Some(now) = now {
            input = input.with_now(now);
        }
    }
    Ok(classify_input(&input))
}

/// Reads the request context: method, endpoint, idempotency key and auth as `~` (absent) or
/// `<utf16 len>:<text>`; token freshness as `~`, `t` or `f`; attempt and now as `~` or
/// `<integer>;` (the JS type checks made them integers: attempt within u32, now a safe integer).
fn decode_request(encoded: &str) -> Result<(Request<'_>, Option<i64>), Error> {
    let malformed = || Error::wrong_type("request", "the wire encoding of js/api.js", "garbage");
    let mut rest = encoded;
    let method = next_text(&mut rest)?;
    let endpoint = next_text(&mut rest)?;
    let idempotency_key = next_text(&mut rest)?;
    let auth = next_text(&mut rest)?.map(Auth::parse).transpose()?;
    let token_fresh = match rest.as_bytes().first() {
        Some(b't') => Some(true),
        Some(b'f') => Some(false),
        Some(b'~') => None,
        _ => return Err(malformed()),
    };
    rest = rest.get(1..).ok_or_else(malformed)?;
    let attempt = next_integer(&mut rest)?
        .map(|n| u32::try_from(n).map_err(|_| malformed()))
        .transpose()?;
    let now = next_integer(&mut rest)?;
    if !rest.is_empty() {
        return Err(malformed());
    }
    let request = Request {
        method,
        endpoint,
        idempotency_key,
        token_fresh,
        auth,
        attempt,
    };
    Ok((request, now))
}

/// One text field of the request encoding: `~` or `<utf16 len>:<text>`.
fn next_text<'a>(rest: &mut &'a str) -> Result<Option<&'a str>, Error> {
    if let Some(after) = rest.strip_prefix('~') {
        *rest = after;
        return Ok(None);
    }
    let (value, after) = take_prefixed(rest)?;
    *rest = after;
    Ok(Some(value))
}

/// One integer field of the request encoding: `~` or `<integer>;`.
fn next_integer(rest: &mut &str) -> Result<Option<i64>, Error> {
    if let Some(after) = rest.strip_prefix('~') {
        *rest = after;
        return Ok(None);
    }
    let malformed = || Error::wrong_type("request", "the wire encoding of js/api.js", "garbage");
    let end = rest.find(';').ok_or_else(malformed)?;
    let value = rest
        .get(..end)
        .and_then(|n| n.parse().ok())
        .ok_or_else(malformed)?;
    *rest = rest.get(end + 1..).ok_or_else(malformed)?;
    Ok(Some(value))
}

/// Splits `<len>:<name><len>:<value>…` (lengths in UTF-16 code units) into pairs.
fn decode_headers(mut rest: &str) -> Result<Vec<(&str, &str)>, Error> {
    let mut pairs = Vec::new();
    while !rest.is_empty() {
        let (name, after) = take_prefixed(rest)?;
        let (value, after) = take_prefixed(after)?;
        pairs.push((name, value));
        rest = after;
    }
    Ok(pairs)
}

fn take_prefixed(text: &str) -> Result<(&str, &str), Error> {
    let malformed = || Error::wrong_type("headers", "the wire encoding of js/api.js", "garbage");
    let colon = text.find(':').ok_or_else(malformed)?;
    let units: usize = text
        .get(..colon)
        .and_then(|n| n.parse().ok())
        .ok_or_else(malformed)?;
    let rest = text.get(colon + 1..).ok_or_else(malformed)?;
    let mut seen = 0;
    let end = rest
        .char_indices()
        .find_map(|(at, c)| {
            if seen == units {
                return Some(at);
            }
            seen += c.len_utf16();
            None
        })
        .unwrap_or(rest.len());
    if seen != units {
        return Err(malformed());
    }
    Ok((
        rest.get(..end).ok_or_else(malformed)?,
        rest.get(end..).ok_or_else(malformed)?,
    ))
}

fn encode_verdict(v: &Verdict) -> String {
    let texts = [&v.code, &v.message, &v.request_id, &v.details];
    let capacity = 18
        + texts
            .iter()
            .map(|t| t.as_ref().map_or(0, String::len))
            .sum::<usize>();
    let mut out = String::with_capacity(capacity);
    push_unit(&mut out, TAG_VERDICT);
    push_unit(&mut out, v.shape as u32);
    push_unit(&mut out, v.category as u32);
    push_unit(&mut out, v.action as u32);
    push_unit(&mut out, v.outcome as u32);
    push_unit(&mut out, u32::from(v.retryable));
    push_unit(&mut out, v.status.map_or(0, u32::from));
    push_unit(&mut out, rule_index(v));
    push_wide(
        &mut out,
        v.retry_after_ms.map_or(0, |ms| {
            u32::try_from(ms.saturating_add(1)).unwrap_or(u32::MAX)
        }),
    );
    for text in texts {
        push_wide(&mut out, text.as_deref().map_or(0, |t| utf16_len(t) + 1));
    }
    for text in texts.into_iter().flatten() {
        out.push_str(text);
    }
    out
}

fn encode_error(error: &Error) -> String {
    let mut out = String::with_capacity(error.field().len() + error.message().len() + 8);
    push_unit(&mut out, TAG_ERROR);
    push_unit(
        &mut out,
        match error.kind() {
            ErrorKind::Syntax => 0,
            ErrorKind::Type => 1,
            ErrorKind::Value => 2,
        },
    );
    push_wide(&mut out, utf16_len(error.field()) + 1);
    out.push_str(error.field());
    out.push_str(error.message());
    out
}

/// The verdict's rule as an index into [`rules::all`] (the order of [`meta`]'s table).
fn rule_index(v: &Verdict) -> u32 {
    rules::index_of(v.rule)
        .and_then(|i| u32::try_from(i).ok())
        .unwrap_or(UNKNOWN_RULE)
}

/// One small number as one UTF-16 code unit (callers keep it below 0xD800).
fn push_unit(out: &mut String, n: u32) {
    out.push(char::from_u32(n.min(0xD7FF)).unwrap_or('\u{D7FF}'));
}

/// A number below 2^30 as two 15-bit units, high first.
fn push_wide(out: &mut String, n: u32) {
    let n = n.min((1 << 30) - 1);
    push_unit(out, n >> 15);
    push_unit(out, n & 0x7FFF);
}

fn utf16_len(text: &str) -> u32 {
    let units = if text.is_ascii() {
        text.len()
    } else {
        text.chars().map(char::len_utf16).sum()
    };
    u32::try_from(units).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_survive_any_character() {
        let encoded = "3:a\0b2:\u{1F600}0:1:x0:0:";
        let pairs = decode_headers(encoded).unwrap();
        assert_eq!(pairs, vec![("a\0b", "\u{1F600}"), ("", "x"), ("", "")]);
    }

    #[test]
    fn malformed_headers_are_an_error_not_a_panic() {
        for bad in ["x", "3:ab", "2:\u{1F600}", "1:a", "99999999999999999999:a"] {
            assert!(decode_headers(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn request_round_trips() {
        let (request, now) = decode_request("4:POST~1:k~f2;-5;").unwrap();
        assert_eq!(request.method, Some("POST"));
        assert_eq!(request.endpoint, None);
        assert_eq!(request.idempotency_key, Some("k"));
        assert_eq!(request.token_fresh, Some(false));
        assert_eq!(request.attempt, Some(2));
        assert_eq!(now, Some(-5));
        let (empty, now) = decode_request("~~~~~~~").unwrap();
        assert_eq!(empty, Request::default());
        assert_eq!(now, None);
        for bad in ["", "~~~~~~", "~~~~x~~", "~~~~~1~", "~~~~~-1;~", "~~~~~~~x"] {
            assert!(decode_request(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn status_beyond_u16_keeps_the_callers_number() {
        let encoded = classify(70000.0, b"", None, None);
        assert!(encoded.ends_with("got 70000"), "{encoded:?}");
    }
}
