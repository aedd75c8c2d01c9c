//! Never panic, never loop, never lose what the API said: a deterministic mutation fuzzer over
//! the vector bodies (truncations, byte flips, splices, random bytes, deep nesting) plus random
//! headers and contexts. Every input must give a verdict whose JSON parses and whose
//! `retryable` agrees with its `action`. (A seeded xorshift keeps it reproducible without a
//! dependency; `cargo test` runs a few thousand cases in well under a second in release.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::Path;

use errtriage::{
    classify, escalation_report, log_fields, Action, Auth, Input, Request, Sent, Transport,
    TransportKind,
};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn seed_bodies() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut bodies = Vec::new();
    for name in [
        "seed_000_errors.json",
        "seed_002_flat.json",
        "contracts.json",
        "oauth.json",
        "bad_input.json",
    ] {
        let doc: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(dir.join(name)).expect("vector file"))
                .expect("json");
        for case in doc["cases"].as_array().expect("cases") {
            if let Some(body) = case["input"]["body"].as_str() {
                bodies.push(body.as_bytes().to_vec());
            }
        }
    }
    bodies
}

fn mutate(rng: &mut Rng, body: &[u8], bodies: &[Vec<u8>]) -> Vec<u8> {
    let mut b = body.to_vec();
    match rng.below(7) {
        0 => b.truncate(rng.below(b.len() + 1)),
        1 => {
            for _ in 0..=rng.below(4) {
                if !b.is_empty() {
                    let i = rng.below(b.len());
                    b[i] = rng.next() as u8;
                }
            }
        }
        2 => {
            let other = rng.pick(bodies);
            let cut = rng.below(b.len() + 1);
            let from = rng.below(other.len() + 1);
            b.truncate(cut);
            b.extend_from_slice(&other[from..]);
        }
        3 => b = (0..rng.below(300)).map(|_| rng.next() as u8).collect(),
        4 => {
            let depth = rng.below(5000);
            let opens: [&[u8]; 4] = [b"[", b"{\"error\":", b"{\"errors\":[", b"{\"a\":"];
            let open = *rng.pick(&opens);
            b = open.repeat(depth);
        }
        5 => {
            let i = rng.below(b.len() + 1);
            let inserts: [&[u8]; 7] = [
                b"\\u0000",
                b"\xF0\x9F",
                b"\"",
                b"}",
                b"\\",
                b"\xEF\xBB\xBF",
                b"<title>",
            ];
            let insert = *rng.pick(&inserts);
            b.splice(i..i, insert.iter().copied());
        }
        _ => {}
    }
    b
}

#[test]
fn mutated_inputs_always_get_a_consistent_verdict() {
    let bodies = seed_bodies();
    assert!(bodies.len() > 50);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let header_names = [
        "retry-after",
        "date",
        "content-type",
        "www-authenticate",
        "x-request-id",
        "stripe-should-retry",
        "x-ratelimit-reset",
        "x-ratelimit-remaining",
        "retry-after-ms",
        "x-amzn-errortype",
    ];
    let header_values = [
        "",
        "5",
        "-1",
        "99999999999999999999",
        "Sat, 22 Nov 2025 00:00:00 GMT",
        "Bearer error=\"invalid_token\"",
        "Bearer error=",
        "true",
        "false",
        "text/html",
        "1.5e300",
        "NaN",
        "\u{0}",
        "application/problem+json",
    ];
    let methods = ["GET", "POST", "PATCH", "DELETE", "x"];
    for _ in 0..4000 {
        let original = rng.pick(&bodies).clone();
        let body = mutate(&mut rng, &original, &bodies);
        let headers: Vec<(&str, &str)> = (0..rng.below(4))
            .map(|_| (*rng.pick(&header_names), *rng.pick(&header_values)))
            .collect();
        let request = Request {
            method: Some(*rng.pick(&methods)),
            endpoint: Some(*rng.pick(&["/api/auth/token", "/api/core/messages/send", "", "?"])),
            idempotency_key: *rng.pick(&[None, Some("k"), Some("")]),
            token_fresh: *rng.pick(&[None, Some(true), Some(false)]),
            auth: *rng.pick(&[None, Some(Auth::Bearer), Some(Auth::ApiKey)]),
            attempt: None,
        };
        let status = 100 + rng.below(500) as u16;
        let input = Input::response(status)
            .expect("status")
            .with_headers(&headers)
            .with_body(&body)
            .with_request(request)
            .expect("request");
        let input = if rng.below(2) == 0 {
            input.with_now(rng.next() as i64)
        } else {
            input
        };
        let verdict = classify(&input);
        assert_eq!(verdict.retryable, verdict.action == Action::Retry);
        assert!(verdict
            .retry_after_ms
            .is_none_or(|ms| ms <= errtriage::MAX_RETRY_AFTER_MS));
        let json: serde_json::Value =
            serde_json::from_str(&verdict.to_json()).expect("verdict JSON parses");
        if let Some(details) = &verdict.details {
            let parsed: serde_json::Value =
                serde_json::from_str(details).expect("details are JSON");
            assert_eq!(json["details"], parsed);
        }
    }
    for &kind in TransportKind::ALL {
        let detail: String = (0..64)
            .map(|_| char::from(rng.next() as u8 & 0x7f))
            .collect();
        let verdict = classify(&Input::transport(Transport {
            kind,
            sent: Sent::Unknown,
            detail: Some(&detail),
        }));
        assert_eq!(
            verdict.message.as_deref(),
            Some(detail.as_str()),
            "the caller's detail is kept"
        );
    }
}

#[test]
fn what_the_api_said_is_preserved_exactly() {
    let body = br#"{"error":{"code":"UPSTREAM_ERROR","message":"  spaces \u00e9 \"quoted\"  ","details":{"n":1.50,"e":1e3,"s":"a b"}},"requestId":"req_\ud83d\ude00"}"#;
    let verdict = classify(&Input::response(502).expect("status").with_body(body));
    assert_eq!(verdict.code.as_deref(), Some("UPSTREAM_ERROR"));
    assert_eq!(verdict.message.as_deref(), Some("  spaces é \"quoted\"  "));
    assert_eq!(verdict.request_id.as_deref(), Some("req_😀"));
    assert_eq!(
        verdict.details.as_deref(),
        Some(r#"{"n":1.50,"e":1e3,"s":"a b"}"#)
    );
}

#[test]
fn a_huge_body_is_read_from_its_prefix_only() {
    let mut body =
        br#"{"code":"validation_error","message":"m","request_id":"r","metadata":{"x":""#.to_vec();
    body.resize(50 * 1024 * 1024, b'a');
    let verdict = classify(&Input::response(400).expect("status").with_body(&body));
    // What the prefix holds counts (issue 11 §2): the code and message came before the cut; the
    // metadata object did not end inside the prefix, so it is not reported.
    assert_eq!(verdict.shape, errtriage::Shape::Flat);
    assert_eq!(verdict.rule.id(), "flat.validation_error");
    assert_eq!(verdict.request_id.as_deref(), Some("r"));
    assert_eq!(verdict.details, None);
}

/// Reports on a megabyte of hostile input in every place a call carries text: the body, header
/// values (and 100 000 headers), a transport detail, the endpoint. Each must complete (counted:
/// no timing here; `cargo bench -p errtriage --bench report` measures) and stay within the
/// documented bounds whatever it was given.
#[test]
fn hostile_megabyte_reports_complete_and_stay_bounded() {
    const MB: usize = 1024 * 1024;
    let units = [
        "-",
        "a",
        "a=",
        "a-",
        "_",
        "\"",
        "\\",
        "{\"a\":",
        "[",
        "<a ",
        "</",
        "<password>",
        "://",
        "u:p@",
        "Bearer ",
        "Basic ",
        "eyJ.",
        "sk-",
        "ghp_",
        "AKIA",
        "-----BEGIN PRIVATE KEY-----",
        "password=",
        "token: ",
        "\\\"k\\\":",
        "é",
        "\u{1}",
        "a=1&",
        "%",
        "#",
    ];
    let mut completed = 0;
    let mut largest_text = 0;
    for unit in units {
        let big = unit.repeat(MB / unit.len());
        let headers = [
            ("content-type", "text/plain"),
            ("x-debug", big.as_str()),
            ("retry-after", big.as_str()),
            ("x-request-id", big.as_str()),
            ("authorization", big.as_str()),
        ];
        let request = Request {
            method: Some("POST"),
            endpoint: Some(&big),
            idempotency_key: Some(&big),
            ..Request::default()
        };
        let response = Input::response(500)
            .expect("status")
            .with_headers(&headers)
            .with_body(big.as_bytes())
            .with_request(request)
            .expect("request");
        let transport = Input::transport(Transport {
            kind: TransportKind::Reset,
            sent: Sent::Yes,
            detail: Some(&big),
        })
        .with_request(request)
        .expect("request");
        for input in [response, transport] {
            let fields = log_fields(&input);
            let report = escalation_report(&input, &[], Some(true));
            let json = report.to_json();
            let text = report.to_text();
            serde_json::from_str::<serde_json::Value>(&json).expect("report JSON parses");
            serde_json::from_str::<serde_json::Value>(&fields.to_json()).expect("fields parse");
            let marker = 40;
            for (name, value) in [
                ("endpoint", &report.endpoint),
                ("idempotency_key", &report.idempotency_key),
                ("request_id", &report.request_id),
                ("message", &report.message),
            ] {
                let len = value.as_deref().map_or(0, str::len);
                assert!(
                    len <= errtriage::REPORT_MAX_ENDPOINT_BYTES + marker,
                    "{unit:?} {name}: {len}"
                );
            }
            assert!(
                report.body.as_deref().map_or(0, str::len)
                    <= 2 * errtriage::BODY_PREFIX_BYTES + marker
            );
            assert!(report.headers.len() <= errtriage::REPORT_MAX_HEADERS + 1);
            for (name, value) in &report.headers {
                assert!(name.len() <= errtriage::REPORT_MAX_HEADER_NAME_BYTES + marker);
                assert!(
                    value.len() <= errtriage::MAX_HEADER_VALUE_BYTES + marker,
                    "{unit:?}"
                );
            }
            largest_text = largest_text.max(text.len());
            completed += 1;
        }
    }
    // 100 000 headers: 64 listed, one line counts the rest.
    let many: Vec<(&str, &str)> = (0..100_000).map(|_| ("x-a", "b")).collect();
    let input = Input::response(502).expect("status").with_headers(&many);
    let report = escalation_report(&input, &[], None);
    assert_eq!(report.headers.len(), errtriage::REPORT_MAX_HEADERS + 1);
    assert_eq!(
        report.headers.last().map(|(n, v)| (n.as_str(), v.as_str())),
        Some(("[truncated]", "99936 more headers"))
    );
    completed += 1;
    assert_eq!(completed, 2 * units.len() + 1);
    assert!(largest_text < 800 * 1024, "{largest_text}");
}
