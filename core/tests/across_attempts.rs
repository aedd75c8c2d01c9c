//! Runs the across-attempts vectors (`tests/vectors/policy/scenarios.json`,
//! `policy/idempotency.json`, `reports/reports.json`) the way every binding does, through the
//! public API only: classify each input in the JSON form, feed the policy the facts it reads,
//! compare steps; build log fields and escalation reports from the JSON form, compare them
//! whole. (Moved out of `src/` once the JSON entry points for reports existed: issue 12 §4.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::PathBuf;

use errtriage::{
    Action, Category, Classifier, Failure, IdempotencyGuard, RetryBudget, RetryPolicy, Step,
};
use serde_json::Value;

fn load(path: &str) -> Value {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(path);
    serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap()
}

fn policy(v: &Value) -> RetryPolicy {
    let mut p = RetryPolicy::default();
    if let Some(o) = v.as_object() {
        for (k, n) in o {
            let n = n.as_u64().unwrap();
            match k.as_str() {
                "max_attempts" => p.max_attempts = u32::try_from(n).unwrap(),
                "max_elapsed_ms" => p.max_elapsed_ms = n,
                "base_delay_ms" => p.base_delay_ms = n,
                "rate_limited_base_ms" => p.rate_limited_base_ms = n,
                "max_delay_ms" => p.max_delay_ms = n,
                "max_server_delay_ms" => p.max_server_delay_ms = n,
                other => panic!("unknown policy field {other}"),
            }
        }
    }
    p
}

fn step_json(step: Step) -> Value {
    match step {
        Step::Retry { delay_ms } => serde_json::json!({"step": "retry", "delay_ms": delay_ms}),
        Step::Refresh => serde_json::json!({"step": "refresh"}),
        Step::Done => serde_json::json!({"step": "done"}),
        Step::Stop { action, reason } => {
            serde_json::json!({"step": "stop", "action": action.as_str(), "reason": reason.as_str()})
        }
    }
}

#[test]
fn policy_scenarios() {
    let doc = load("policy/scenarios.json");
    let mut count = 0;
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let mut attempts = policy(&case["policy"])
            .start(case["seed"].as_u64())
            .unwrap();
        let mut budget = case["budget"].as_object().map(|b| {
            let n = |k: &str| u32::try_from(b[k].as_u64().unwrap()).unwrap();
            RetryBudget::new(
                n("capacity"),
                n("transient_cost"),
                n("throttled_cost"),
                n("success_refill"),
            )
            .unwrap()
        });
        for (i, step) in case["steps"].as_array().unwrap().iter().enumerate() {
            count += 1;
            let mut got = if step["success"] == Value::Bool(true) {
                budget.as_mut().unwrap().record_success();
                serde_json::json!({})
            } else {
                let input = serde_json::to_string(&step["input"]).unwrap();
                let verdict: Value =
                    serde_json::from_str(&errtriage::classify_json(&input).unwrap()).unwrap();
                let verdict = Failure {
                    action: Action::parse(verdict["action"].as_str().unwrap()).unwrap(),
                    category: Category::parse(verdict["category"].as_str().unwrap()).unwrap(),
                    retry_after_ms: verdict["retry_after_ms"].as_u64(),
                };
                // The attempt's own time, as a helper measures and reports it.
                if let Some(ms) = step["call_ms"].as_u64() {
                    attempts.record_call_ms(ms);
                }
                // No draw given: the core's generator, seeded by the case, draws.
                let draw = step["draw"].as_f64();
                step_json(attempts.next(verdict, draw, budget.as_mut()).unwrap())
            };
            if let Some(b) = &budget {
                got["tokens"] = b.tokens().into();
            }
            assert_eq!(got, step["expect"], "{name}, step {}", i + 1);
        }
    }
    assert!(count >= 30, "{count} steps");
}

#[test]
fn idempotency_ops() {
    let doc = load("policy/idempotency.json");
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let mut guard = case["capacity"]
            .as_u64()
            .map_or_else(IdempotencyGuard::default, |c| {
                IdempotencyGuard::with_capacity(usize::try_from(c).unwrap())
            });
        for (i, op) in case["ops"].as_array().unwrap().iter().enumerate() {
            let at = || format!("{name}, op {}", i + 1);
            if let Some(payload) = op["key_for"].as_str() {
                let hex = op["random_hex"].as_str().unwrap();
                let mut random = [0u8; 16];
                for (j, byte) in random.iter_mut().enumerate() {
                    *byte = u8::from_str_radix(&hex[j * 2..j * 2 + 2], 16).unwrap();
                }
                assert_eq!(
                    guard.key_for(payload.as_bytes(), random),
                    op["expect"]["key"].as_str().unwrap(),
                    "{}",
                    at()
                );
            } else if let Some(check) = op["check"].as_object() {
                let got = match guard.check(
                    check["key"].as_str().unwrap(),
                    check["payload"].as_str().unwrap().as_bytes(),
                ) {
                    Ok(()) => serde_json::json!({"ok": true}),
                    Err(e) => {
                        serde_json::json!({"error": {"kind": "value", "field": e.field(), "message": e.message()}})
                    }
                };
                assert_eq!(got, op["expect"], "{}", at());
            } else if let Some(key) = op["forget"].as_str() {
                guard.forget(key);
            } else if let Some(len) = op["len"].as_u64() {
                assert_eq!(guard.len() as u64, len, "{}", at());
            } else {
                panic!("{}: unknown op", at());
            }
        }
    }
}

/// `ERRTRIAGE_RECORD=1` writes the outputs into a copy of the file for review (never over it).
#[test]
fn reports() {
    let doc = load("reports/reports.json");
    let record = std::env::var_os("ERRTRIAGE_RECORD").is_some();
    let mut recorded = doc.clone();
    for (i, case) in doc["cases"].as_array().unwrap().iter().enumerate() {
        let name = case["name"].as_str().unwrap();
        let input = serde_json::to_string(&case["input"]).unwrap();
        // The report's JSON form: the input with the history and `reproduces` beside it.
        let mut with_history = case["input"].clone();
        with_history["history"] = case["history"].clone();
        with_history["reproduces"] = case["reproduces"].clone();
        let classifier = Classifier::builtin();
        let fields = classifier.log_fields_json(&input).unwrap();
        let report = classifier
            .escalation_report_json(&with_history.to_string())
            .unwrap();
        let got = serde_json::json!({
            "log_fields": serde_json::from_str::<Value>(&fields.to_json()).unwrap(),
            "report": serde_json::from_str::<Value>(&report.to_json()).unwrap(),
            "text": report.to_text(),
        });
        if record {
            recorded["cases"][i]["expect"] = got;
        } else {
            assert_eq!(got, case["expect"], "{name}");
        }
    }
    if record {
        let out = String::from("/tmp/reports.recorded.json");
        fs::write(&out, serde_json::to_string_pretty(&recorded).unwrap()).unwrap();
    }
}
