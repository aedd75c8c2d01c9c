//! Runs the operation driver's scenarios (`tests/vectors/policy/operations.json`) and the client
//! error table's cases (`tests/vectors/policy/client_errors.json`) through the public JSON
//! entry points, the way every binding does.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::Path;

use errtriage::{Classifier, Operation, RetryBudget};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/policy")
        .join(name);
    serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap()
}

/// The step JSON as a vector states it: `verdict` replaced by its rule.
fn as_expected(step: &Value, want: &Value) -> Value {
    let mut got = step.as_object().unwrap().clone();
    let rule = got.remove("verdict").unwrap();
    got.insert(
        "rule".into(),
        rule.get("rule").cloned().unwrap_or(Value::Null),
    );
    // Members a vector leaves out (or gives as null for rule) are not compared.
    let want = want.as_object().unwrap();
    got.retain(|k, v| match want.get(k) {
        None => false,
        Some(Value::Null) if k == "rule" => {
            *v = Value::Null;
            true
        }
        Some(_) => true,
    });
    Value::Object(got)
}

#[test]
fn operation_scenarios() {
    let doc = load("operations.json");
    let mut failures = Vec::new();
    let cases = doc["cases"].as_array().unwrap();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let options = serde_json::to_string(&case["options"]).unwrap();
        let started = Operation::start_json(&Classifier::builtin(), &options);
        if let Some(error) = case.get("error") {
            match started {
                Err(e) => assert_eq!(e.message(), error.as_str().unwrap(), "{name}"),
                Ok(_) => failures.push(format!("{name}: started, expected {error}")),
            }
            continue;
        }
        let mut op = started.unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut budget = case
            .get("budget")
            .map(|b| RetryBudget::from_json(&b.to_string()).unwrap());
        for (i, a) in case["attempts"].as_array().unwrap().iter().enumerate() {
            let text = serde_json::to_string(&a["attempt"]).unwrap();
            let draw = a.get("draw").and_then(Value::as_f64);
            let got = op.feed_json(&text, draw, budget.as_mut());
            match (got, a.get("error")) {
                (Err(e), Some(want)) => {
                    if e.message() != want.as_str().unwrap() {
                        failures.push(format!("{name} [{i}]: error {e}, expected {want}"));
                    }
                }
                (Err(e), None) => failures.push(format!("{name} [{i}]: error {e}")),
                (Ok(out), want) => {
                    let step: Value = serde_json::from_str(&out).unwrap();
                    match want {
                        Some(w) => {
                            failures.push(format!("{name} [{i}]: {out}, expected error {w}"))
                        }
                        None => {
                            let got = as_expected(&step, &a["expect"]);
                            if got != a["expect"] {
                                failures.push(format!(
                                    "{name} [{i}]:\n  got    {got}\n  expect {}\n  whole  {out}",
                                    a["expect"]
                                ));
                            }
                        }
                    }
                }
            }
            if let (Some(tokens), Some(b)) = (a.get("tokens"), budget.as_ref()) {
                if u64::from(b.tokens()) != tokens.as_u64().unwrap() {
                    failures.push(format!(
                        "{name} [{i}]: {} tokens, expected {tokens}",
                        b.tokens()
                    ));
                }
            }
        }
        let history: Vec<Value> = serde_json::from_str::<Vec<Value>>(&op.history_json())
            .unwrap()
            .into_iter()
            .map(|v| v["rule"].clone())
            .collect();
        let want = case["history"].as_array().unwrap();
        let matches = history.len() == want.len()
            && history.iter().zip(want).all(|(g, w)| w.is_null() || g == w);
        if !matches {
            failures.push(format!("{name}: history {history:?}, expected {want:?}"));
        }
    }
    assert!(cases.len() >= 15);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn client_errors_read_as_transport_kinds() {
    let doc = load("client_errors.json");
    let mut failures = Vec::new();
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let input = serde_json::json!({"names": case["names"], "message": case["message"]});
        let out = errtriage::transport_failure_json(&input.to_string()).unwrap();
        let got: Value = serde_json::from_str(&out).unwrap();
        let got = match got {
            Value::Null => Value::Null,
            v => serde_json::json!({"kind": v["kind"], "sent": v["sent"]}),
        };
        if got != case["expect"] {
            failures.push(format!("{name}: got {got}, expected {}", case["expect"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn otel_attributes_of_verdicts() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/otel/attributes.json");
    let doc: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    for case in doc["cases"].as_array().unwrap() {
        let verdict: Value =
            serde_json::from_str(&errtriage::classify_json(&case["input"].to_string()).unwrap())
                .unwrap();
        let mut parts = verdict.clone();
        parts["attempt"] = case["attempt"].clone();
        let out = errtriage::otel_attributes_from_json(&parts.to_string()).unwrap();
        let got: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(got, case["expect"], "{}", case["name"]);
    }
}
