//! Benchmark (not a test): `escalation_report` (built, then written as JSON and as text) and
//! `log_fields` on bodies of 16, 32 and 64 KiB and 1 MB, for bodies that once made the report
//! quadratic (one character repeated) and bodies full of credentials, plus a header value and a
//! transport detail of the same sizes. Prints µs per call and the ratio of each doubling: a
//! linear report doubles (≈ 2.0×); past the 64 KiB body prefix and the value bounds it stays
//! flat (≈ 1.0× from 64 KiB to 1 MB). Run with `cargo bench -p errtriage --bench report`.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use errtriage::{escalation_report, log_fields, Input, Request, Sent, Transport, TransportKind};

const SIZES: [(&str, usize); 4] = [
    ("16 KiB", 16 * 1024),
    ("32 KiB", 32 * 1024),
    ("64 KiB", 64 * 1024),
    ("1 MB", 1024 * 1024),
];

/// Median µs per call of `f`: at least 5 calls and about 300 ms in all.
fn measure(mut f: impl FnMut()) -> f64 {
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < 5
        || (start.elapsed() < Duration::from_millis(300) && samples.len() < 10_000)
    {
        let t = Instant::now();
        f();
        samples.push(t.elapsed().as_secs_f64() * 1e6);
    }
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// `unit` repeated until the text is `size` bytes long.
fn repeated(unit: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + unit.len());
    while s.len() < size {
        s.push_str(unit);
    }
    s.truncate(size);
    s
}

fn json_with_credentials(size: usize) -> String {
    let mut body = String::from(
        r#"{"error":{"code":"UNAUTHORIZED","message":"Invalid API key provided: sk_live_4eC39HqLyjWDarjtT1zdp7dc","details":{"items":["#,
    );
    let item = r#"{"password":"hunter2!xyz","api_key":"AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW","note":"token ghp_0123456789abcdefghijABCDEFGHIJ012345 rotated","requestId":"req_5f2a9c1d"},"#;
    while body.len() + item.len() + 16 < size {
        body.push_str(item);
    }
    body.push_str(r#"{}]}},"requestId":"req_1"}"#);
    body
}

fn text_with_credentials(size: usize) -> String {
    repeated(
        "auth failed: Authorization: Bearer 8f14e45fceea167a5a36dedd4bea2543 key=AKIAIOSFODNN7EXAMPLE password: hunter2 url postgres://app:s3cr3t@db:5432/x\n",
        size,
    )
}

fn main() {
    type Make = fn(usize) -> String;
    let bodies: [(&str, &str, Make); 7] = [
        ("'-' repeated", "text/plain", |n| repeated("-", n)),
        ("'a=' repeated", "text/plain", |n| repeated("a=", n)),
        ("'\"' repeated", "application/json", |n| repeated("\"", n)),
        ("'{\"a\":' repeated", "application/json", |n| {
            repeated("{\"a\":", n)
        }),
        (
            "JSON, credentials",
            "application/json",
            json_with_credentials,
        ),
        ("text, credentials", "text/plain", text_with_credentials),
        (
            "form, credentials",
            "application/x-www-form-urlencoded",
            |n| repeated("client_id=c1&client_secret=s3cr3t&grant_type=password&", n),
        ),
    ];
    let request = Request {
        method: Some("POST"),
        endpoint: Some("https://api.example.com/v1/messages?api_key=k&limit=5"),
        ..Request::default()
    };
    println!(
        "{:<24} {:<10} {:>14} {:>12} {:>9}",
        "input", "size", "report µs", "log µs", "×doubling"
    );
    let row = |name: &str, size: &str, report: f64, log: f64, previous: &mut Option<f64>| {
        let ratio = previous.map_or_else(String::new, |p| format!("{:.2}×", report / p));
        println!("{name:<24} {size:<10} {report:>14.1} {log:>12.1} {ratio:>9}");
        *previous = Some(report);
    };
    for (name, content_type, make) in bodies {
        let mut previous = None;
        for (label, size) in SIZES {
            let body = make(size);
            let headers = [("content-type", content_type)];
            let input = Input::response(400)
                .unwrap()
                .with_headers(&headers)
                .with_body(body.as_bytes())
                .with_request(request)
                .unwrap();
            let report = measure(|| {
                let r = escalation_report(black_box(&input), &[], None);
                black_box((r.to_json(), r.to_text()));
            });
            let log = measure(|| {
                black_box(log_fields(black_box(&input)).to_json());
            });
            row(name, label, report, log, &mut previous);
        }
    }
    let mut previous = None;
    for (label, size) in SIZES {
        let value = repeated("-", size);
        let headers = [("content-type", "text/plain"), ("x-debug", value.as_str())];
        let input = Input::response(500).unwrap().with_headers(&headers);
        let report = measure(|| {
            let r = escalation_report(black_box(&input), &[], None);
            black_box((r.to_json(), r.to_text()));
        });
        let log = measure(|| {
            black_box(log_fields(black_box(&input)).to_json());
        });
        row("header value '-'", label, report, log, &mut previous);
    }
    let mut previous = None;
    for (label, size) in SIZES {
        let detail = repeated("-", size);
        let input = Input::transport(Transport {
            kind: TransportKind::Other,
            sent: Sent::Unknown,
            detail: Some(&detail),
        });
        let report = measure(|| {
            let r = escalation_report(black_box(&input), &[], None);
            black_box((r.to_json(), r.to_text()));
        });
        let log = measure(|| {
            black_box(log_fields(black_box(&input)).to_json());
        });
        row("transport detail '-'", label, report, log, &mut previous);
    }
    let mut previous = None;
    for (label, size) in SIZES {
        let endpoint = format!("https://api.example.com/x?{}", repeated("a=", size));
        let input = Input::response(500)
            .unwrap()
            .with_request(Request {
                endpoint: Some(&endpoint),
                ..Request::default()
            })
            .unwrap();
        let report = measure(|| {
            let r = escalation_report(black_box(&input), &[], None);
            black_box((r.to_json(), r.to_text()));
        });
        let log = measure(|| {
            black_box(log_fields(black_box(&input)).to_json());
        });
        row("endpoint 'a=' query", label, report, log, &mut previous);
    }
}
