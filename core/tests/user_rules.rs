//! Runs the user-rules vectors (`tests/vectors/user_rules/`): each file is a rules document, its
//! inputs and the whole verdicts expected with the document loaded; `invalid_documents.json`
//! holds documents that must be refused, with the exact error (kind, field, message). The Python,
//! Node and WebAssembly suites run the same files. With `ERRTRIAGE_WRITE_ERRORS=1` the errors of
//! invalid documents that have none yet are written (a maintainer's aid; review the diff).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::PathBuf;

use errtriage::{Classifier, ErrorKind};
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/user_rules")
}

fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Syntax => "syntax",
        ErrorKind::Type => "type",
        ErrorKind::Value => "value",
    }
}

#[test]
fn every_document_gives_its_verdicts() {
    let mut count = 0;
    for entry in fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "invalid_documents.json" {
            continue;
        }
        let doc: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let classifier = Classifier::new(&doc["rules"].to_string())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in doc["cases"].as_array().unwrap() {
            let got = classifier
                .classify_json(&case["input"].to_string())
                .unwrap_or_else(|e| panic!("{}: {e}", case["name"]));
            let got: Value = serde_json::from_str(&got).unwrap();
            assert_eq!(got, case["expect"], "{}", case["name"]);
            count += 1;
        }
        // The document reads back from what `rules --json` prints of it.
        let printed = classifier.rules_json();
        let again = Classifier::new(&user_part(&printed)).unwrap();
        assert_eq!(
            again.rules().filter(|r| r.is_user()).count(),
            classifier.rules().filter(|r| r.is_user()).count()
        );
    }
    assert!(count >= 10, "only {count} user-rule cases");
}

/// The user rules of a printed document, as a document of their own.
fn user_part(printed: &str) -> String {
    let doc: Value = serde_json::from_str(printed).unwrap();
    let rules: Vec<Value> = doc["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            let family = r["id"].as_str().unwrap().split('.').next().unwrap();
            family == "acme"
        })
        .cloned()
        .collect();
    serde_json::json!({"errtriage_rules": 1, "rules": rules}).to_string()
}

#[test]
fn every_invalid_document_gives_its_error() {
    let path = dir().join("invalid_documents.json");
    let mut doc: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    let write = std::env::var_os("ERRTRIAGE_WRITE_ERRORS").is_some();
    let mut wrote = false;
    for case in doc["cases"].as_array_mut().unwrap() {
        let text = case["rules_text"].as_str().unwrap().to_string();
        let err = match Classifier::new(&text) {
            Ok(_) => panic!("{}: accepted", case["name"]),
            Err(e) => e,
        };
        let got = serde_json::json!({
            "kind": kind_name(err.kind()),
            "field": err.field(),
            "message": err.message(),
        });
        if case.get("error").is_none() && write {
            case["error"] = got;
            wrote = true;
            continue;
        }
        assert_eq!(got, case["error"], "{}", case["name"]);
    }
    if wrote {
        fs::write(&path, serde_json::to_string_pretty(&doc).unwrap() + "\n").unwrap();
    }
}

#[test]
fn builtin_rules_read_back_from_their_printed_form() {
    let builtin = Classifier::builtin();
    let printed = builtin.rules_json();
    let doc: Value = serde_json::from_str(&printed).unwrap();
    let rules = doc["rules"].as_array().unwrap();
    assert_eq!(rules.len(), builtin.rules().count());
    // Every built-in rule, printed and read back as a user rule under another family, has the
    // same conditions: the format a user copies is the format the model is written in.
    let mut renamed = Vec::new();
    for r in rules {
        if r["when"].get("applied").is_some() || r.get("category").is_none() {
            continue;
        }
        let mut r = r.clone();
        let id = r["id"].as_str().unwrap().replace('.', "_");
        r["id"] = Value::from(format!("copy.{id}"));
        renamed.push(r);
    }
    let text = serde_json::json!({"errtriage_rules": 1, "rules": renamed}).to_string();
    let copy = Classifier::new(&text).unwrap();
    for original in builtin.rules().filter(|r| r.category().is_some()) {
        let Some(c) = copy.rule(&format!("copy.{}", original.id().replace('.', "_"))) else {
            continue;
        };
        let strip = |s: String| s.split_once(",\"when\":").unwrap().1.to_string();
        assert_eq!(
            strip(c.to_json()),
            strip(original.to_json()),
            "{}",
            original.id()
        );
    }
}
