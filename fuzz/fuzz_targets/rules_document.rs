//! Any text as a rules document: `Classifier::new` loads it or names the problem, never
//! panics. A document that loads classifies a few fixed inputs, and its user rules, as
//! `rules_json()` prints them, load again and print the same.
#![no_main]

use errtriage::{Classifier, Input, Request, Sent, Transport, TransportKind};
use errtriage_fuzz::assert_json;
use libfuzzer_sys::fuzz_target;
use serde_json::value::RawValue;

fn fixed_inputs(classifier: &Classifier) {
    let json_headers = [("content-type", "application/json"), ("retry-after", "3")];
    let inputs = [
        Input::response(429).map(|i| {
            i.with_headers(&json_headers)
                .with_body(br#"{"code":"QUOTA_EXCEEDED","message":"Monthly quota exceeded"}"#)
        }),
        Input::response(403).map(|i| {
            i.with_body(br#"{"error":{"code":"FORBIDDEN","message":"sendFrom is not owned by this API client","details":{}},"requestId":"req_1"}"#)
        }),
        Input::response(500).map(|i| i.with_body(b"<html><title>Oops</title></html>")),
        Input::response(401).and_then(|i| {
            i.with_headers(&[("www-authenticate", "Bearer error=\"invalid_token\"")])
                .with_request(Request {
                    method: Some("POST"),
                    endpoint: Some("/api/core/messages/send"),
                    token_fresh: Some(true),
                    ..Request::default()
                })
        }),
        Ok(Input::transport(Transport {
            kind: TransportKind::Timeout,
            sent: Sent::Yes,
            detail: Some("read timed out"),
        })),
        Ok(Input::lifecycle(Some("message.failed"))
            .with_body(br#"{"status":"failed","error_code":"30003"}"#)),
    ];
    for input in inputs.iter().flatten() {
        let verdict = classifier.classify(input);
        assert_eq!(
            verdict.retryable,
            verdict.action == errtriage::Action::Retry
        );
        assert!(classifier.rule(verdict.rule.id()).is_some(), "{verdict:?}");
    }
    let _ = classifier.classify_json(r#"{"status":429,"body":"{\"code\":\"QUOTA_EXCEEDED\"}"}"#);
}

#[derive(serde::Deserialize)]
struct Printed<'a> {
    #[serde(borrow)]
    rules: Vec<&'a RawValue>,
}

#[derive(serde::Deserialize)]
struct Id {
    id: String,
}

/// The user rules of a printed document, as a document of their own.
fn user_part(classifier: &Classifier, printed: &str) -> String {
    let doc: Printed<'_> = serde_json::from_str(printed)
        .unwrap_or_else(|e| panic!("rules_json() is not a rules document ({e}): {printed}"));
    let user: Vec<&str> = doc
        .rules
        .iter()
        .filter(|raw| {
            let id: Id = serde_json::from_str(raw.get()).expect("a printed rule has an id");
            classifier.rule(&id.id).is_some_and(|r| r.is_user())
        })
        .map(|raw| raw.get())
        .collect();
    format!("{{\"errtriage_rules\":1,\"rules\":[{}]}}", user.join(","))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let classifier = match Classifier::new(&text) {
        Ok(c) => c,
        Err(e) => {
            assert!(!e.message().is_empty(), "an error without a message");
            return;
        }
    };
    fixed_inputs(&classifier);
    let printed = classifier.rules_json();
    assert_json("rules_json()", &printed);
    let users = classifier.rules().filter(|r| r.is_user()).count();
    let document = user_part(&classifier, &printed);
    let again = Classifier::new(&document)
        .unwrap_or_else(|e| panic!("the printed user rules do not load again: {e}\n{document}"));
    assert_eq!(again.rules().filter(|r| r.is_user()).count(), users);
    for rule in classifier.rules().filter(|r| r.is_user()) {
        let copy = again.rule(rule.id()).expect("the rule is there again");
        assert_eq!(
            copy.to_json(),
            rule.to_json(),
            "printed, read and printed again differ"
        );
    }
    fixed_inputs(&again);
});
