//! `explain`: one verdict for a person — what happened, what to do, which rule and why.
//! The words for each category and action are presentation, so they live here; the decision
//! and the hint come from the core.

use std::io::{self, Write};

use serde_json::Value;

fn category_words(category: &str) -> &'static str {
    match category {
        "invalid_request" => "the request itself is wrong (a request-construction defect)",
        "authentication" => "the caller could not be authenticated",
        "authorization" => "the caller is authenticated but not allowed (permission or ownership)",
        "not_found" => "the resource or host does not exist",
        "conflict" => "the request conflicts with the current state",
        "rate_limited" => "the caller is throttled or over quota",
        "transient" => "a transient platform, upstream or network failure",
        "rejected" => "a valid request that was declined",
        _ => "not enough information to say",
    }
}

fn action_words(action: &str) -> &'static str {
    match action {
        "retry" => "retry the same request after the delay",
        "refresh_credentials" => "refresh the credentials once, then retry once",
        "fix_request" => "fix the request; do not retry it unchanged",
        "fix_configuration" => "correct the credentials, client context or account settings",
        "reconcile" => "check whether the request was applied before doing anything else",
        "stop" => "stop: this is a final answer for the user",
        _ => "escalate to support with the request id",
    }
}

fn outcome_words(outcome: &str) -> &'static str {
    match outcome {
        "not_applied" => "the server did not apply it",
        "not_sent" => "it never reached the server",
        _ => "it may or may not have been applied",
    }
}

/// Writes one explained verdict (or the error for an invalid input line).
pub fn write(
    out: &mut impl Write,
    verdict: &Result<String, String>,
    classifier: &errtriage::Classifier,
) -> io::Result<()> {
    let json = match verdict {
        Ok(json) => json,
        Err(message) => return writeln!(out, "invalid input: {message}"),
    };
    let v: Value = serde_json::from_str(json).map_err(io::Error::other)?;
    let s = |name: &str| v.get(name).and_then(Value::as_str);
    let what = match v.get("status").and_then(Value::as_u64) {
        Some(status) => format!("HTTP {status}, {} body", s("shape").unwrap_or("?")),
        None => "no response (transport failure)".to_string(),
    };
    writeln!(out, "what happened: {what}")?;
    if let Some(code) = s("code") {
        writeln!(out, "  code:        {code}")?;
    }
    if let Some(message) = s("message") {
        writeln!(out, "  message:     {message}")?;
    }
    if let Some(id) = s("request_id") {
        writeln!(out, "  request id:  {id}")?;
    }
    if let Some(details) = v.get("details").filter(|d| !d.is_null()) {
        writeln!(out, "  details:     {details}")?;
    }
    let category = s("category").unwrap_or("unknown");
    writeln!(
        out,
        "category:      {category} — {}",
        category_words(category)
    )?;
    writeln!(
        out,
        "outcome:       {}",
        outcome_words(s("outcome").unwrap_or("unknown"))
    )?;
    let action = s("action").unwrap_or("escalate");
    let mut todo = format!("{action} — {}", action_words(action));
    if let Some(ms) = v.get("retry_after_ms").and_then(Value::as_u64) {
        todo.push_str(&format!(" (the server asks to wait {ms} ms)"));
    }
    writeln!(out, "what to do:    {todo}")?;
    writeln!(out, "hint:          {}", s("hint").unwrap_or(""))?;
    let rule = s("rule").unwrap_or("?");
    let source = classifier.rule(rule).map_or("", |r| r.source());
    writeln!(out, "rule:          {rule} ({source})")
}
