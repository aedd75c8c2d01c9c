//! The Rust runner of the differential test (issue 11 §7, `scripts/differential.sh`): reads an
//! NDJSON file of JSON-form inputs and writes, per line, `classify_json(line)` or the error as
//! `{"error":{"kind":…,"field":…,"message":…}}`, the form every language's runner writes.
//!
//!     cargo run --release -p errtriage --example differential -- IN OUT
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;

/// `text` as a JSON string literal, escaped as `JSON.stringify` and Python's
/// `json.dumps(ensure_ascii=False)` escape it.
fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (input, output) = match (args.next(), args.next()) {
        (Some(i), Some(o)) => (i, o),
        _ => {
            eprintln!("usage: differential IN OUT");
            std::process::exit(2);
        }
    };
    let bytes = std::fs::read(&input).expect("read the inputs");
    let text = String::from_utf8(bytes).expect("the inputs are UTF-8");
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.last() == Some(&"") {
        lines.pop();
    }
    let mut out = String::new();
    for line in &lines {
        match errtriage::classify_json(line) {
            Ok(verdict) => out.push_str(&verdict),
            Err(e) => {
                let kind = match e.kind() {
                    errtriage::ErrorKind::Syntax => "syntax",
                    errtriage::ErrorKind::Type => "type",
                    errtriage::ErrorKind::Value => "value",
                };
                out.push_str("{\"error\":{\"kind\":");
                push_string(&mut out, kind);
                out.push_str(",\"field\":");
                push_string(&mut out, e.field());
                out.push_str(",\"message\":");
                push_string(&mut out, e.message());
                out.push_str("}}");
            }
        }
        out.push('\n');
    }
    std::fs::write(&output, out).expect("write the outputs");
    eprintln!("rust: {} inputs", lines.len());
}
