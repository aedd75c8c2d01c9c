//! Benchmark (not a test): instruction counts, for a machine too noisy for wall-clock ratios.
//! Runs `classify` (and `to_json`) on the seed bodies of `benches/classify.rs`, or a
//! validate-only parse of the same bytes, `CALLS` times inside one function each
//! (`measured_classify`, `measured_to_json`, `measured_parse`), after one warm-up call that
//! loads the built-in rules; `scripts/bench.sh` runs it under
//! `valgrind --tool=callgrind --toggle-collect=…` and divides. Without valgrind it only runs.
//! `text` runs `classify` on the bodies that are not JSON ([`seeds::text_bodies`]); `scratch`
//! runs `Classifier::classify_ref` on the seed bodies with one [`Scratch`] kept across calls.
//! `form` runs `classify_json` on the seed inputs in the JSON form, as the CLI reads a line.
//! Usage: `instructions classify|scratch|form|to_json|parse|text|json64k|json1m|html64k|html1m [calls]`.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use errtriage::{classify, Classifier, Input, Request, Scratch, Verdict};
use serde::de::IgnoredAny;

#[path = "common/seeds.rs"]
mod seeds;

#[inline(never)]
fn measured_classify(inputs: &[Input<'_>], calls: usize) -> usize {
    let mut n = 0;
    for _ in 0..calls {
        for input in inputs {
            n += classify(black_box(input)).status.unwrap_or(0) as usize;
        }
    }
    n
}

/// `classify_ref` with one scratch kept across the calls, as the bindings call it (the
/// verdict's texts borrowed, not copied).
#[inline(never)]
fn measured_classify_ref(inputs: &[Input<'_>], calls: usize) -> usize {
    let (classifier, mut scratch) = (Classifier::builtin(), Scratch::new());
    let mut n = 0;
    for _ in 0..calls {
        for input in inputs {
            n += classifier
                .classify_ref(&mut scratch, black_box(input))
                .status
                .unwrap_or(0) as usize;
        }
    }
    n
}

/// `classify_json` on the seed inputs in the JSON form (what the CLI does for each line).
#[inline(never)]
fn measured_form(forms: &[String], calls: usize) -> usize {
    let mut n = 0;
    for _ in 0..calls {
        for form in forms {
            n += errtriage::classify_json(black_box(form)).map_or(0, |v| v.len());
        }
    }
    n
}

#[inline(never)]
fn measured_to_json(verdicts: &[Verdict], calls: usize) -> usize {
    let mut n = 0;
    for _ in 0..calls {
        for v in verdicts {
            n += black_box(v).to_json().len();
        }
    }
    n
}

#[inline(never)]
fn measured_parse(bodies: &[&[u8]], calls: usize) -> usize {
    let mut n = 0;
    for _ in 0..calls {
        for body in bodies {
            n += serde_json::from_slice::<IgnoredAny>(black_box(body)).is_ok() as usize;
        }
    }
    n
}

/// `s` as a JSON string.
fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("classify", String::as_str);
    let calls: usize = args.get(2).and_then(|c| c.parse().ok()).unwrap_or(100);
    let request = Request {
        method: Some("POST"),
        endpoint: Some("/api/core/messages/send"),
        idempotency_key: Some("k-1"),
        ..Request::default()
    };
    let bodies = seeds::seed_bodies();
    let large = |size: usize| match mode {
        m if m.starts_with("html") => seeds::html_page(size),
        _ => seeds::json_document(size),
    };
    let big = match mode {
        "json64k" | "html64k" => Some(large(64 * 1024)),
        "json1m" | "html1m" => Some(large(1024 * 1024)),
        _ => None,
    };
    let texts = seeds::text_bodies();
    let typed: Vec<[(&str, &str); 1]> = texts
        .iter()
        .map(|(_, _, ct, _)| [("content-type", *ct)])
        .collect();
    let inputs: Vec<Input<'_>> = match &big {
        Some(body) => vec![Input::response(502).unwrap().with_body(body.as_bytes())],
        None if mode == "text" => texts
            .iter()
            .zip(&typed)
            .map(|((_, status, _, body), headers)| {
                Input::response(*status)
                    .unwrap()
                    .with_headers(headers)
                    .with_body(body.as_bytes())
            })
            .collect(),
        None => bodies
            .iter()
            .map(|(_, status, body)| {
                Input::response(*status)
                    .unwrap()
                    .with_headers(&seeds::HEADERS)
                    .with_body(body.as_bytes())
                    .with_request(request)
                    .unwrap()
            })
            .collect(),
    };
    // Warm-up: the built-in rules are read on the first call.
    let verdicts: Vec<Verdict> = inputs.iter().map(classify).collect();
    let n = match mode {
        "parse" => {
            let raw: Vec<&[u8]> = bodies.iter().map(|(_, _, b)| b.as_bytes()).collect();
            measured_parse(&raw, calls)
        }
        "to_json" => measured_to_json(&verdicts, calls),
        "scratch" => measured_classify_ref(&inputs, calls),
        "form" => {
            let forms: Vec<String> = bodies
                .iter()
                .map(|(_, status, body)| {
                    let headers: Vec<String> = seeds::HEADERS
                        .iter()
                        .map(|(k, v)| format!("{}:{}", json(k), json(v)))
                        .collect();
                    format!(
                        r#"{{"status":{status},"headers":{{{}}},"body":{},"request":{{"method":"POST","endpoint":"/api/core/messages/send","idempotency_key":"k-1"}}}}"#,
                        headers.join(","),
                        json(body)
                    )
                })
                .collect();
            measured_form(&forms, calls)
        }
        _ => measured_classify(&inputs, calls),
    };
    println!("{mode} {calls} calls x {} inputs: {n}", inputs.len());
}
