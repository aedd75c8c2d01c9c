//! The redaction corpus (`tests/vectors/redaction/`, written by
//! `scripts/gen_redaction_corpus.py`): every case through `log_fields` and `escalation_report`,
//! in its JSON and text forms. No planted secret may appear (nor, for a secret of 24 characters
//! or more, its last 12 characters); every look-alike must survive. Prints the figures
//! (`cargo test -p errtriage --test redaction_corpus -- --nocapture`). The Python and JS suites
//! run the same files with the same checks.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::{Path, PathBuf};

use errtriage::{
    escalation_report, log_fields, Auth, Input, Request, Sent, Transport, TransportKind,
};
use serde_json::Value;

fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/redaction");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// What a case's input holds, owned, so that an [`Input`] can borrow it.
struct Owned {
    status: Option<i64>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    request: Value,
    transport: Option<(TransportKind, Option<bool>, Option<String>)>,
    now: Option<i64>,
}

fn owned(input: &Value) -> Owned {
    let headers = match &input["headers"] {
        Value::Array(pairs) => pairs
            .iter()
            .map(|p| {
                (
                    p[0].as_str().unwrap().to_string(),
                    p[1].as_str().unwrap().to_string(),
                )
            })
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect(),
        _ => Vec::new(),
    };
    let transport = input["transport"].as_object().map(|t| {
        (
            TransportKind::parse(t["kind"].as_str().unwrap()).unwrap(),
            t.get("sent").and_then(Value::as_bool),
            t.get("detail").and_then(Value::as_str).map(String::from),
        )
    });
    Owned {
        status: input["status"].as_i64(),
        headers,
        body: input["body"]
            .as_str()
            .map(|b| b.as_bytes().to_vec())
            .unwrap_or_default(),
        request: input["request"].clone(),
        transport,
        now: input["now"].as_i64(),
    }
}

/// The three outputs of one case: log fields JSON, report JSON, report text.
fn outputs(o: &Owned) -> [String; 3] {
    let pairs: Vec<(&str, &str)> = o
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let text = |k: &str| o.request[k].as_str();
    let request = Request {
        method: text("method"),
        endpoint: text("endpoint"),
        idempotency_key: text("idempotency_key"),
        token_fresh: o.request["token_fresh"].as_bool(),
        auth: text("auth").map(|a| Auth::parse(a).unwrap()),
        attempt: o.request["attempt"]
            .as_u64()
            .map(|a| u32::try_from(a).unwrap()),
    };
    let mut input = match &o.transport {
        Some((kind, sent, detail)) => Input::transport(Transport {
            kind: *kind,
            sent: Sent::from_option(*sent),
            detail: detail.as_deref(),
        }),
        None => Input::response(o.status.unwrap()).unwrap(),
    }
    .with_headers(&pairs)
    .with_body(&o.body)
    .with_request(request)
    .unwrap();
    if let Some(now) = o.now {
        input = input.with_now(now);
    }
    let report = escalation_report(&input, &[], None);
    [
        log_fields(&input).to_json(),
        report.to_json(),
        report.to_text(),
    ]
}

/// `s` as it appears inside a JSON string.
fn json_escaped(s: &str) -> String {
    let quoted = serde_json::to_string(s).unwrap();
    quoted[1..quoted.len() - 1].to_string()
}

/// The strings whose presence means the secret leaked: itself and, when long, its tail.
fn probes(secret: &str) -> Vec<String> {
    let chars: Vec<char> = secret.chars().collect();
    let mut out = vec![secret.to_string()];
    if chars.len() >= 24 {
        out.push(chars[chars.len() - 12..].iter().collect());
    }
    out
}

#[test]
fn no_planted_secret_reaches_a_report_and_every_look_alike_stays() {
    let (mut cases, mut planted, mut look_alikes) = (0, 0, 0);
    let mut leaks = Vec::new();
    let mut lost = Vec::new();
    let mut by_place: Vec<(String, usize, usize)> = Vec::new();
    for path in corpus_files() {
        let doc: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let place = path.file_stem().unwrap().to_string_lossy().to_string();
        let (mut place_planted, mut place_leaked) = (0, 0);
        for case in doc["cases"].as_array().expect("cases") {
            cases += 1;
            let name = case["name"].as_str().unwrap();
            let [fields, json, text] = outputs(&owned(&case["input"]));
            for secret in case["secrets"].as_array().unwrap() {
                let secret = secret.as_str().unwrap();
                planted += 1;
                place_planted += 1;
                let leaked = probes(secret).iter().any(|p| {
                    let escaped = json_escaped(p);
                    text.contains(p.as_str())
                        || json.contains(escaped.as_str())
                        || fields.contains(escaped.as_str())
                });
                if leaked {
                    place_leaked += 1;
                    leaks.push(format!("{name}: {secret}"));
                }
            }
            for keep in case["keep"].as_array().unwrap() {
                let keep = keep.as_str().unwrap();
                look_alikes += 1;
                if !text.contains(keep) || !json.contains(json_escaped(keep).as_str()) {
                    lost.push(format!("{name}: {keep}"));
                }
            }
        }
        by_place.push((place, place_planted, place_leaked));
    }
    println!("redaction corpus: {cases} cases");
    for (place, p, l) in &by_place {
        println!("  {place:<14} {p:>5} planted {l:>5} leaked");
    }
    println!(
        "  {:<14} {planted:>5} planted {:>5} leaked; {look_alikes} look-alikes, {} lost (false positives)",
        "all",
        leaks.len(),
        lost.len()
    );
    for leak in leaks.iter().take(400) {
        println!("LEAK {leak}");
    }
    for l in &lost {
        println!("LOST {l}");
    }
    assert!(planted >= 500, "only {planted} planted secrets");
    assert!(
        leaks.is_empty() && lost.is_empty(),
        "{} of {planted} planted secrets leaked, {} of {look_alikes} look-alikes lost",
        leaks.len(),
        lost.len()
    );
}
