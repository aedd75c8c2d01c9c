//! Runs every shared vector in `tests/vectors/*.json` through `classify_json` and compares the
//! whole verdict, and every invalid input in `tests/vectors/errors/*.json` against the error it
//! must give. The Python, Node and WebAssembly suites run the same files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

const VERDICT_KEYS: [&str; 13] = [
    "shape",
    "category",
    "action",
    "retryable",
    "outcome",
    "status",
    "code",
    "message",
    "request_id",
    "details",
    "retry_after_ms",
    "hint",
    "rule",
];

fn vector_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn load(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_vector_gives_its_whole_verdict() {
    let mut count = 0;
    let mut failures = Vec::new();
    for path in vector_files(&vectors_dir()) {
        let doc = load(&path);
        let cases = doc["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no cases", path.display()));
        assert!(!cases.is_empty(), "{}: empty", path.display());
        for case in cases {
            let name = case["name"].as_str().expect("case name");
            let input = serde_json::to_string(&case["input"]).expect("input");
            count += 1;
            match errtriage::classify_json(&input) {
                Err(e) => failures.push(format!("{name}: error {e}")),
                Ok(out) => {
                    let got: Value = serde_json::from_str(&out).expect("verdict is JSON");
                    if got != case["expect"] {
                        failures.push(format!(
                            "{name}:\n  got    {got}\n  expect {}",
                            case["expect"]
                        ));
                    }
                    // Canonical order, every key, one line.
                    let positions: Vec<usize> = VERDICT_KEYS
                        .iter()
                        .map(|k| {
                            out.find(&format!("\"{k}\":"))
                                .unwrap_or_else(|| panic!("{name}: no {k}"))
                        })
                        .collect();
                    assert!(
                        positions.windows(2).all(|w| w[0] < w[1]),
                        "{name}: keys out of order in {out}"
                    );
                    assert_eq!(
                        got.as_object().map(|o| o.len()),
                        Some(VERDICT_KEYS.len()),
                        "{name}: extra keys"
                    );
                    assert!(!out.contains('\n'), "{name}: verdict spans lines");
                    // classify_form (the bindings' batch calls) gives the same verdict.
                    let form = errtriage::Classifier::builtin().classify_form(&input);
                    assert_eq!(
                        form.map(|v| v.to_json()).ok(),
                        Some(out),
                        "{name}: classify_form"
                    );
                }
            }
        }
    }
    assert!(count >= 80, "only {count} vectors");
    assert!(
        failures.is_empty(),
        "{} of {count} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_invalid_input_gives_its_error() {
    let mut count = 0;
    for path in vector_files(&vectors_dir().join("errors")) {
        let doc = load(&path);
        for case in doc["cases"].as_array().expect("cases") {
            let name = case["name"].as_str().expect("name");
            let text = case["input_text"].as_str().expect("input_text");
            let want = &case["error"];
            count += 1;
            let err = errtriage::classify_json(text).expect_err(name);
            let kind = match err.kind() {
                errtriage::ErrorKind::Syntax => "syntax",
                errtriage::ErrorKind::Type => "type",
                errtriage::ErrorKind::Value => "value",
            };
            assert_eq!(kind, want["kind"], "{name}: kind ({err})");
            assert_eq!(err.field(), want["field"], "{name}: field ({err})");
            assert_eq!(err.message(), want["message"], "{name}: message");
            let form = errtriage::Classifier::builtin().classify_form(text);
            assert_eq!(form.err(), Some(err), "{name}: classify_form");
        }
    }
    assert!(count >= 10, "only {count} invalid-input vectors");
}
