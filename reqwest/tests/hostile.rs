//! The middleware against the hostile server (tests/server/hostile.py), every scenario of
//! tests/vectors/policy/server_scenarios.json: the same steps and the same request counts as
//! errtriage's Python and JavaScript helpers get.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use errtriage::{RetryPolicy, Step};
use errtriage_reqwest::{Errtriage, Refresh, Stopped, Triage};
use reqwest_middleware::ClientBuilder;
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn policy(v: &Value) -> RetryPolicy {
    let fields: Vec<(&str, u64)> = v
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, n)| (k.as_str(), n.as_u64().unwrap()))
        .collect();
    RetryPolicy::from_fields(&fields).unwrap()
}

async fn seen_count(client: &reqwest::Client, base: &str, run: &str) -> Value {
    let bytes = client
        .get(format!("{base}/count/{run}"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    serde_json::from_slice::<Value>(&bytes).unwrap()["requests"].clone()
}

fn step_of(step: &Step) -> Value {
    match step {
        Step::Stop { action, reason } => {
            serde_json::json!({"step": "stop", "action": action.as_str(), "reason": reason.as_str()})
        }
        other => serde_json::json!({"step": other.kind()}),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_server_scenario() {
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/vectors/policy/server_scenarios.json"))
            .unwrap(),
    )
    .unwrap();
    let mut server = Command::new("python3")
        .arg(repo().join("tests/server/hostile.py"))
        .args(["--lifetime", "120"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs the hostile server");
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = format!("http://127.0.0.1:{}", line.trim());
    let plain = reqwest::Client::new();
    let mut failures = Vec::new();
    for (i, case) in doc["cases"].as_array().unwrap().iter().enumerate() {
        let name = case["name"].as_str().unwrap();
        let run = format!("reqwest-{}-{i}", std::process::id());
        let url = format!("{base}/{}/{run}", case["behaviour"].as_str().unwrap());
        let mut middleware = Errtriage::new().policy(policy(&doc["policy"])).seed(1);
        if let Some(ms) = case["attempt_timeout_ms"].as_u64() {
            middleware = middleware.attempt_timeout(Duration::from_millis(ms));
        }
        if case["refresh"] == Value::Bool(true) {
            let refresh: Refresh = Arc::new(|request: &mut reqwest::Request| {
                request
                    .headers_mut()
                    .insert("authorization", "Bearer fresh".parse().unwrap());
                Box::pin(async { Ok(()) })
            });
            middleware = middleware.refresh(refresh);
        }
        let client = ClientBuilder::new(reqwest::Client::new())
            .with(middleware)
            .build();
        let method =
            reqwest::Method::from_bytes(case["method"].as_str().unwrap().as_bytes()).unwrap();
        let mut request = client
            .request(method, &url)
            .header("authorization", "Bearer stale");
        if let Some(key) = case["idempotency_key"].as_str() {
            request = request.header("idempotency-key", key);
        }
        if let Some(payload) = case["payload"].as_str() {
            request = request.body(payload.to_owned());
        }
        let got = match request.send().await {
            Ok(response) => match response.extensions().get::<Triage>() {
                Some(triage) => step_of(&triage.step),
                None => serde_json::json!({"step": "done"}),
            },
            Err(reqwest_middleware::Error::Middleware(e)) => match e.downcast_ref::<Stopped>() {
                Some(stopped) => step_of(&stopped.triage.step),
                None => serde_json::json!({"error": format!("{e:#}")}),
            },
            Err(reqwest_middleware::Error::Reqwest(e)) => {
                serde_json::json!({"transport_error": e.to_string()})
            }
        };
        let expect = &case["expect"];
        let mut want = serde_json::Map::new();
        for k in ["step", "action", "reason"] {
            if let Some(v) = expect.get(k) {
                want.insert(k.into(), v.clone());
            }
        }
        let want = Value::Object(want);
        println!(
            "{:<100} {} requests, {got}",
            name,
            seen_count(&plain, &base, &run).await
        );
        if got != want {
            failures.push(format!("{name}: got {got}, expected {want}"));
        }
        let seen: Value = serde_json::from_slice(
            &plain
                .get(format!("{base}/count/{run}"))
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap(),
        )
        .unwrap();
        if seen["requests"] != expect["requests"] {
            failures.push(format!(
                "{name}: the server received {}, expected {}",
                seen["requests"], expect["requests"]
            ));
        }
        if expect["same_key_and_payload"] == Value::Bool(true) {
            let keys: Vec<&Value> = seen["keys"].as_array().unwrap().iter().collect();
            assert!(
                keys.iter().all(|k| *k == &case["idempotency_key"]),
                "{name}: {keys:?}"
            );
        }
    }
    drop(server.stdin.take());
    let _ = server.wait();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A failed response's body is read only up to the core's prefix, and the caller still gets all
/// of it; a success is handed over untouched.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_caller_gets_the_whole_body() {
    let mut server = Command::new("python3")
        .arg(repo().join("tests/server/hostile.py"))
        .args(["--lifetime", "60"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = format!("http://127.0.0.1:{}", line.trim());
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(Errtriage::new().seed(1))
        .build();
    let response = client
        .get(format!("{base}/big-400/r1"))
        .send()
        .await
        .unwrap();
    let triage = response.extensions().get::<Triage>().cloned().unwrap();
    assert_eq!(step_of(&triage.step)["action"], "fix_request");
    assert_eq!(triage.history.len(), 1);
    assert_eq!(response.bytes().await.unwrap().len(), 100_000);
    // 503 first, retried; the 201 is handed over as it came.
    let done = client
        .get(format!("{base}/503-once/r2"))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status().as_u16(), 201);
    assert!(done.extensions().get::<Triage>().is_none());
    assert_eq!(&done.bytes().await.unwrap()[..], br#"{"id": "msg_1"}"#);
    drop(server.stdin.take());
    let _ = server.wait();
}
