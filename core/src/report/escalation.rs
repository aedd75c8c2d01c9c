//! The escalation package (seed 001 "Suggested escalation package"; seed 000 "Escalation
//! checklist"): endpoint, status, the full error body redacted for secrets, request id,
//! request timestamp, idempotency key, message id, whether it reproduces, whether the token was
//! freshly acquired — plus the attempt history, the rule that decided and the recommended
//! action. As structured data ([`EscalationReport::to_json`]) and as text for a ticket
//! ([`EscalationReport::to_text`]). Every string from the call passes through [`redact`].

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use super::limits::{
    self, REPORT_MAX_BODY_BYTES, REPORT_MAX_HEADERS, REPORT_MAX_HEADER_NAME_BYTES,
    REPORT_MAX_MESSAGE_BYTES,
};
use super::{
    body_ids, endpoint, field, push_bool, push_field, push_number, redact, request_timestamp,
    LogFields,
};
use crate::body::BODY_PREFIX_BYTES;
use crate::classify::classify;
use crate::error::Error;
use crate::http_date;
use alloc::sync::Arc;

use crate::input::{Exchange, Input, MAX_HEADER_VALUE_BYTES};
use crate::rules::Rule;
use crate::text::push_json_string;
use crate::verdict::Verdict;
use crate::vocab::{Action, Category, Shape};

/// One earlier attempt of the same operation, as the report lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptRecord {
    /// Its status; absent for a transport failure.
    pub status: Option<u16>,
    /// The rule that decided its verdict.
    pub rule: Arc<Rule>,
    /// The action its verdict recommended.
    pub action: Action,
    /// The delay its server asked for.
    pub retry_after_ms: Option<u64>,
    /// Its request id.
    pub request_id: Option<String>,
}

impl AttemptRecord {
    /// The record of an attempt whose verdict is `verdict`.
    pub fn from_verdict(verdict: &Verdict) -> Self {
        AttemptRecord {
            status: verdict.status,
            rule: Arc::clone(&verdict.rule),
            action: verdict.action,
            retry_after_ms: verdict.retry_after_ms,
            request_id: verdict.request_id.clone(),
        }
    }

    /// A record from a verdict's parts, as a binding holds them (the rule by id).
    pub fn new(
        status: Option<u16>,
        rule: &str,
        action: Action,
        retry_after_ms: Option<u64>,
        request_id: Option<String>,
    ) -> Result<Self, Error> {
        let rule = crate::rules::set::builtin()
            .shared(rule)
            .cloned()
            .ok_or_else(|| {
                Error::invalid_value(
                    "rule",
                    "the id of a rule of the model",
                    &crate::error::quoted(rule),
                )
            })?;
        Ok(AttemptRecord {
            status,
            rule,
            action,
            retry_after_ms,
            request_id,
        })
    }
}

/// Everything support needs, redacted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EscalationReport {
    /// The endpoint, credentials in its user info, query and fragment redacted.
    pub endpoint: Option<String>,
    /// The HTTP method.
    pub method: Option<String>,
    /// The HTTP status of the last attempt; absent for a transport failure.
    pub status: Option<u16>,
    /// When the request was made (unix seconds).
    pub request_timestamp: Option<i64>,
    /// The request id.
    pub request_id: Option<String>,
    /// The `Idempotency-Key` the request carried.
    pub idempotency_key: Option<String>,
    /// `messageId` from the response body.
    pub message_id: Option<String>,
    /// `externalReference` from the response body.
    pub external_reference: Option<String>,
    /// Whether the failure reproduces consistently, as the caller knows.
    pub reproduces: Option<bool>,
    /// Whether the bearer token was freshly acquired.
    pub token_fresh: Option<bool>,
    /// The contract of the body.
    pub shape: Shape,
    /// What kind of failure it is.
    pub category: Category,
    /// What the model recommends.
    pub action: Action,
    /// The rule that decided (its id, hint and source).
    pub rule: Arc<Rule>,
    /// The API's code.
    pub code: Option<String>,
    /// The API's message, redacted.
    pub message: Option<String>,
    /// For a transport failure: its kind, whether it was sent, and the client's words, redacted.
    pub transport: Option<(String, Option<bool>, Option<String>)>,
    /// The response headers, secret values redacted (the first 64, values to 8 KiB).
    pub headers: Vec<(String, String)>,
    /// The error body, redacted: its first 64 KiB (then cut at the end of a word and marked
    /// `…[truncated: N bytes]`); not-UTF-8 bytes shown as U+FFFD.
    pub body: Option<String>,
    /// Every attempt, this one last.
    pub attempts: Vec<AttemptRecord>,
}

/// The escalation report for the failure `input` describes, after the earlier attempts in
/// `history`; `reproduces` says whether it happens consistently, when the caller knows.
pub fn escalation_report(
    input: &Input<'_>,
    history: &[AttemptRecord],
    reproduces: Option<bool>,
) -> EscalationReport {
    report_for(&classify(input), input, history, reproduces)
}

/// The report for `input`, whose verdict (by whichever rules) is `verdict`.
pub(crate) fn report_for(
    verdict: &Verdict,
    input: &Input<'_>,
    history: &[AttemptRecord],
    reproduces: Option<bool>,
) -> EscalationReport {
    let (message_id, external_reference) = body_ids(input);
    let request = &input.request;
    let prefix = input.body.get(..BODY_PREFIX_BYTES).unwrap_or(input.body);
    let body = (!prefix.trim_ascii().is_empty()).then(|| {
        let text = String::from_utf8_lossy(prefix);
        let cut = input.body.len() > BODY_PREFIX_BYTES;
        // A cut body ends at the end of a word, so no credential is cut in two before it is
        // redacted.
        let shown = if cut {
            crate::text::back_off(&text)
        } else {
            &text
        };
        let mut body = redact::body(shown);
        if !limits::cap(&mut body, REPORT_MAX_BODY_BYTES, input.body.len()) && cut {
            limits::push_marker(&mut body, input.body.len());
        }
        body
    });
    // A transport detail and a transport verdict's message are the detail as cut by
    // `Input::transport`: the marker gives the length the caller passed.
    let is_transport = matches!(input.exchange, Exchange::Transport(_));
    let message_of = |m: &str| {
        let total = if is_transport {
            input.detail_bytes
        } else {
            m.len()
        };
        limits::bounded_of(m, total, REPORT_MAX_MESSAGE_BYTES, redact::text)
    };
    let transport = match &input.exchange {
        Exchange::Transport(t) | Exchange::Partial(_, t) => Some((
            String::from(t.kind.as_str()),
            t.sent.as_option(),
            t.detail.map(message_of),
        )),
        Exchange::Response(_) | Exchange::Lifecycle { .. } => None,
    };
    let mut attempts = history.to_vec();
    attempts.push(AttemptRecord::from_verdict(verdict));
    EscalationReport {
        endpoint: request.endpoint.map(endpoint),
        method: request.method.map(field),
        status: verdict.status,
        request_timestamp: request_timestamp(input),
        request_id: verdict.request_id.as_deref().map(field),
        idempotency_key: request.idempotency_key.map(field),
        message_id,
        external_reference,
        reproduces,
        token_fresh: request.token_fresh,
        shape: verdict.shape,
        category: verdict.category,
        action: verdict.action,
        rule: Arc::clone(&verdict.rule),
        code: verdict.code.as_deref().map(field),
        message: verdict.message.as_deref().map(message_of),
        transport,
        headers: headers(input.headers),
        body,
        attempts,
    }
}

/// The response headers for a report: the first [`REPORT_MAX_HEADERS`], each value redacted
/// (all of it under a secret's name) and bounded; one `[truncated]` entry counts the rest.
fn headers(all: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = all
        .iter()
        .take(REPORT_MAX_HEADERS)
        .map(|(name, value)| {
            let shown = if redact::is_secret_name(name) {
                String::from(redact::REDACTED)
            } else {
                limits::bounded(value, MAX_HEADER_VALUE_BYTES, redact::text)
            };
            (
                limits::bounded(name, REPORT_MAX_HEADER_NAME_BYTES, |n| String::from(n)),
                shown,
            )
        })
        .collect();
    if let Some(more) = all.len().checked_sub(REPORT_MAX_HEADERS).filter(|&n| n > 0) {
        out.push((String::from("[truncated]"), format!("{more} more headers")));
    }
    out
}

impl EscalationReport {
    /// The part of the report that is the playbook's log line.
    fn log_fields(&self) -> LogFields {
        LogFields {
            endpoint: self.endpoint.clone(),
            method: self.method.clone(),
            status: self.status,
            request_timestamp: self.request_timestamp,
            request_id: self.request_id.clone(),
            message_id: self.message_id.clone(),
            external_reference: self.external_reference.clone(),
            idempotency_key: self.idempotency_key.clone(),
        }
    }

    /// The report as one line of JSON (snake_case, fixed order, `null` where absent).
    pub fn to_json(&self) -> String {
        // The log fields first, as `log_fields` writes them, then what only the report has.
        let mut out = self.log_fields().to_json();
        out.pop();
        push_bool(&mut out, "reproduces", self.reproduces);
        push_bool(&mut out, "token_fresh", self.token_fresh);
        push_field(&mut out, "shape", Some(self.shape.as_str()));
        push_field(&mut out, "category", Some(self.category.as_str()));
        push_field(&mut out, "action", Some(self.action.as_str()));
        push_field(&mut out, "rule", Some(&self.rule.id));
        push_field(&mut out, "hint", Some(&self.rule.hint));
        push_field(&mut out, "code", self.code.as_deref());
        push_field(&mut out, "message", self.message.as_deref());
        out.push_str(",\"transport\":");
        match &self.transport {
            Some((kind, sent, detail)) => {
                out.push_str("{\"kind\":");
                push_json_string(&mut out, kind);
                push_bool(&mut out, "sent", *sent);
                push_field(&mut out, "detail", detail.as_deref());
                out.push('}');
            }
            None => out.push_str("null"),
        }
        out.push_str(",\"headers\":[");
        for (i, (name, value)) in self.headers.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            push_json_string(&mut out, name);
            out.push(',');
            push_json_string(&mut out, value);
            out.push(']');
        }
        out.push(']');
        push_field(&mut out, "body", self.body.as_deref());
        out.push_str(",\"attempts\":[");
        for (i, a) in self.attempts.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{{\"attempt\":{}", i + 1);
            out.push_str(",\"status\":");
            push_number(&mut out, a.status.map(i64::from));
            push_field(&mut out, "rule", Some(&a.rule.id));
            push_field(&mut out, "action", Some(a.action.as_str()));
            out.push_str(",\"retry_after_ms\":");
            push_number(
                &mut out,
                a.retry_after_ms
                    .map(|ms| i64::try_from(ms).unwrap_or(i64::MAX)),
            );
            push_field(&mut out, "request_id", a.request_id.as_deref());
            out.push('}');
        }
        out.push_str("]}");
        out
    }

    /// The report as text for a support ticket.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(1024);
        let or_dash = |v: Option<&str>| String::from(v.unwrap_or("-"));
        let yes_no = |v: Option<bool>| match v {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        };
        let _ = writeln!(out, "errtriage escalation report");
        let call = match (&self.method, &self.endpoint) {
            (Some(m), Some(e)) => format!("{m} {e}"),
            (None, Some(e)) => e.clone(),
            (Some(m), None) => m.clone(),
            (None, None) => String::from("-"),
        };
        let _ = writeln!(out, "  endpoint            {call}");
        let status = match (&self.status, &self.transport) {
            (Some(s), _) => format!("{s}"),
            (None, Some((kind, sent, _))) => {
                format!("no response ({kind} failure, sent: {})", yes_no(*sent))
            }
            (None, None) => String::from("-"),
        };
        let _ = writeln!(out, "  status              {status}");
        let when = self.request_timestamp.map_or_else(
            || String::from("-"),
            |t| format!("{} ({t})", http_date::rfc3339(t)),
        );
        let _ = writeln!(out, "  request timestamp   {when}");
        let _ = writeln!(
            out,
            "  request id          {}",
            or_dash(self.request_id.as_deref())
        );
        let _ = writeln!(
            out,
            "  idempotency key     {}",
            or_dash(self.idempotency_key.as_deref())
        );
        let _ = writeln!(
            out,
            "  message id          {}",
            or_dash(self.message_id.as_deref())
        );
        let _ = writeln!(
            out,
            "  external reference  {}",
            or_dash(self.external_reference.as_deref())
        );
        let _ = writeln!(out, "  reproduces          {}", yes_no(self.reproduces));
        let _ = writeln!(out, "  token fresh         {}", yes_no(self.token_fresh));
        let _ = writeln!(out, "decision");
        let _ = writeln!(
            out,
            "  {} / {} / {} (rule {})",
            self.shape, self.category, self.action, self.rule.id
        );
        let _ = writeln!(out, "  {}", self.rule.hint);
        let _ = writeln!(out, "  source: {}", self.rule.source);
        let _ = writeln!(out, "what the API said");
        let _ = writeln!(out, "  code     {}", or_dash(self.code.as_deref()));
        let _ = writeln!(out, "  message  {}", or_dash(self.message.as_deref()));
        if let Some((_, _, Some(detail))) = &self.transport {
            // A transport verdict's message is already the client's detail.
            if self.message.as_deref() != Some(detail.as_str()) {
                let _ = writeln!(out, "  detail   {detail}");
            }
        }
        let _ = writeln!(out, "attempts");
        for (i, a) in self.attempts.iter().enumerate() {
            let status = a
                .status
                .map_or_else(|| String::from("---"), |s| format!("{s}"));
            let wait = a
                .retry_after_ms
                .map_or_else(String::new, |ms| format!(", server asked {ms} ms"));
            let id = a
                .request_id
                .as_deref()
                .map_or_else(String::new, |id| format!(", request id {id}"));
            let _ = writeln!(
                out,
                "  {}. {status} {} -> {}{wait}{id}",
                i + 1,
                a.rule.id,
                a.action
            );
        }
        if !self.headers.is_empty() {
            let _ = writeln!(out, "response headers (redacted)");
            for (name, value) in &self.headers {
                let _ = writeln!(out, "  {name}: {value}");
            }
        }
        if let Some(body) = &self.body {
            let _ = writeln!(out, "error body (redacted)");
            for line in body.lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
        out
    }
}
