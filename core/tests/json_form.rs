//! The JSON form's argument checking: each wrong field is a typed error that names it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use errtriage::{classify_json, ErrorKind};

fn err(text: &str) -> (ErrorKind, String, String) {
    let e = classify_json(text).expect_err(text);
    (e.kind(), e.field().to_string(), e.message().to_string())
}

#[test]
fn wrong_fields_are_named() {
    let cases: &[(&str, ErrorKind, &str)] = &[
        ("not json", ErrorKind::Syntax, ""),
        ("[]", ErrorKind::Type, "input"),
        ("{}", ErrorKind::Value, "status"),
        (r#"{"status": "502"}"#, ErrorKind::Type, "status"),
        (r#"{"status": 502.5}"#, ErrorKind::Type, "status"),
        (r#"{"status": 42}"#, ErrorKind::Value, "status"),
        (r#"{"status": 70000}"#, ErrorKind::Value, "status"),
        (r#"{"status": 502, "bogus": 1}"#, ErrorKind::Value, "bogus"),
        (
            r#"{"status": 502, "headers": "x"}"#,
            ErrorKind::Type,
            "headers",
        ),
        (
            r#"{"status": 502, "headers": {"a": 1}}"#,
            ErrorKind::Type,
            "headers.a",
        ),
        (
            r#"{"status": 502, "headers": [["a"]]}"#,
            ErrorKind::Type,
            "headers[0]",
        ),
        (r#"{"status": 502, "body": 5}"#, ErrorKind::Type, "body"),
        (
            r#"{"status": 502, "body": "a", "body_base64": "YQ=="}"#,
            ErrorKind::Value,
            "body_base64",
        ),
        (
            r#"{"status": 502, "body_base64": "***"}"#,
            ErrorKind::Value,
            "body_base64",
        ),
        (
            r#"{"status": 502, "transport": {"kind": "pigeon"}}"#,
            ErrorKind::Value,
            "transport.kind",
        ),
        (
            r#"{"transport": {"kind": "pigeon"}}"#,
            ErrorKind::Value,
            "transport.kind",
        ),
        (r#"{"transport": {}}"#, ErrorKind::Value, "transport.kind"),
        (
            r#"{"transport": {"kind": "dns", "sent": "yes"}}"#,
            ErrorKind::Type,
            "transport.sent",
        ),
        (
            r#"{"transport": {"kind": "dns", "extra": 1}}"#,
            ErrorKind::Value,
            "transport.extra",
        ),
        (
            r#"{"status": 502, "request": {"method": 1}}"#,
            ErrorKind::Type,
            "request.method",
        ),
        (
            r#"{"status": 502, "request": {"method": "PO ST"}}"#,
            ErrorKind::Value,
            "request.method",
        ),
        (
            r#"{"status": 502, "request": {"auth": "kerberos"}}"#,
            ErrorKind::Value,
            "request.auth",
        ),
        (
            r#"{"status": 502, "request": {"attempt": 0}}"#,
            ErrorKind::Value,
            "request.attempt",
        ),
        (
            r#"{"status": 502, "request": {"token_fresh": "yes"}}"#,
            ErrorKind::Type,
            "request.token_fresh",
        ),
        (
            r#"{"status": 502, "request": {"idempotencyKey": "k"}}"#,
            ErrorKind::Value,
            "request.idempotencyKey",
        ),
        (r#"{"status": 502, "now": "today"}"#, ErrorKind::Type, "now"),
    ];
    for (text, kind, field) in cases {
        let (k, f, message) = err(text);
        assert_eq!((k, f.as_str()), (*kind, *field), "{text}: {message}");
        if !field.is_empty() {
            assert!(
                message.starts_with(field),
                "{text}: message {message:?} should name {field}"
            );
        }
    }
}

#[test]
fn null_means_absent() {
    let a = classify_json(
        r#"{"status": 502, "headers": null, "body": null, "transport": null, "request": null, "now": null}"#,
    );
    let b = classify_json(r#"{"status": 502}"#);
    assert_eq!(a, b);
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(
        classify_json(&deep).is_err(),
        "a deeply nested input document is an error, not a crash"
    );
}
