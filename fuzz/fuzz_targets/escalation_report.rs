//! The escalation report and log fields of inputs decoded like `typed_input`, with secrets
//! planted where redaction must always hide them (headers named for a credential, an
//! `access_token` query parameter): none may appear in the JSON or text report or the log
//! fields, whatever else the input holds; both JSON forms must be valid JSON.
#![no_main]

use errtriage::{classify, escalation_report, log_fields, AttemptRecord};
use errtriage_fuzz::{assert_json, Fields};
use libfuzzer_sys::fuzz_target;

/// (header name, value, the secret part that must never be shown).
const PLANTED: &[(&str, &str, &str)] = &[
    (
        "authorization",
        "Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "4eC39HqLyjWDarjtT1zdp7dc",
    ),
    (
        "Cookie",
        "session=Zq8Xw2Vr5Ty7Ui9Op1As3Df6",
        "Zq8Xw2Vr5Ty7Ui9Op1As3Df6",
    ),
    (
        "X-Functions-Key",
        "Fk9vQ2xLm3Np7Rs1Tu5Wx8Yz0Ab4Cd6E",
        "Fk9vQ2xLm3Np7Rs1Tu5Wx8Yz0Ab4Cd6E",
    ),
    (
        "Proxy-Authorization",
        "Basic YWxhZGRpbjpvcGVuc2VzYW1lMTIzNDU2",
        "YWxhZGRpbjpvcGVuc2VzYW1lMTIzNDU2",
    ),
];

/// Planted in the endpoint's query.
const QUERY_SECRET: &str = "Qt7Hn2Kp9Lm4Rx6Vb8Nc1Zs3";

fn check(what: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(
            !text.contains(secret),
            "{what} shows the planted secret {secret}:\n{text}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let mut fields = Fields::decode(data);
    let mut secrets: Vec<&str> = PLANTED.iter().map(|p| p.2).collect();
    if let Some(endpoint) = fields.endpoint.as_mut() {
        // A fragment would hold the parameter in another form: plant only where it is a
        // query parameter.
        if !endpoint.contains('#') {
            let sep = if endpoint.contains('?') { '&' } else { '?' };
            endpoint.push(sep);
            endpoint.push_str("access_token=");
            endpoint.push_str(QUERY_SECRET);
            secrets.push(QUERY_SECRET);
        }
    }
    let mut headers: Vec<(&str, &str)> = PLANTED.iter().map(|p| (p.0, p.1)).collect();
    headers.extend(fields.header_refs());
    let reproduces = match data.len() % 3 {
        0 => None,
        n => Some(n == 1),
    };
    fields.with_input(&headers, |input| {
        let verdict = classify(input);
        let history: Vec<AttemptRecord> = (0..data.len() % 3)
            .map(|_| AttemptRecord::from_verdict(&verdict))
            .collect();
        let report = escalation_report(input, &history, reproduces);
        let json = report.to_json();
        assert_json("the report", &json);
        check("the JSON report", &json, &secrets);
        check("the text report", &report.to_text(), &secrets);
        let log = log_fields(input).to_json();
        assert_json("the log fields", &log);
        check("the log fields", &log, &secrets);
    });
});
