//! The pass (DESIGN.md §4): input → body → what the API said → rules → server directives →
//! request context → verdict. Each step lives in its own module; this one only sequences them
//! and cannot fail.
//!
//! Rules are consulted in one order (DESIGN.md §1 "Precedence of rules"): a user's rules, the
//! named contracts' codes (with their message rules), the evidence lexicon (code words, message
//! phrases), header evidence, phrases that restate a status line, and last the status alone.
//! In a 2xx response whose body does not say it failed, only rules that name the status apply
//! (so a success stays `status.2xx`, issue 10 §4).

use alloc::borrow::Cow;
use alloc::sync::Arc;

use crate::body;
use crate::body::json::Arena;
use crate::context;
use crate::contracts::read::said;
use crate::directives;
use crate::headers::ResponseHeaders;
use crate::input::{Exchange, Input, Transport};
use crate::rules::set::RuleSet;
use crate::rules::{Facts, Rule};
use crate::verdict::{Verdict, VerdictRef};
use crate::vocab::{Action, Category, Outcome, Sent, Shape, TransportKind};

/// Classifies one failed call with the built-in rules. Never panics; every input gets a verdict.
pub fn classify(input: &Input<'_>) -> Verdict {
    classify_with(crate::rules::set::builtin(), input)
}

/// Classifies one failed call with `set`, a body's JSON tree in a fresh arena.
pub(crate) fn classify_with(set: &RuleSet, input: &Input<'_>) -> Verdict {
    classify_in(set, &Arena::new(), input).into_owned()
}

/// Classifies one failed call with `set`, a body's JSON tree in `arena`; the verdict's texts
/// borrow from `input`.
pub(crate) fn classify_in<'a>(set: &RuleSet, arena: &Arena, input: &Input<'a>) -> VerdictRef<'a> {
    match input.exchange {
        Exchange::Transport(transport) => classify_transport(set, input, &transport),
        Exchange::Response(status) => classify_response(set, arena, input, status, None),
        Exchange::Partial(status, transport) => {
            classify_response(set, arena, input, status, Some(&transport))
        }
        Exchange::Lifecycle { event } => classify_lifecycle(set, arena, input, event),
    }
}

/// A failure reported after the request was accepted (seed 001 "Recommended operational
/// posture": "later lifecycle failure delivered by webhook"). The payload is read like a body
/// and the rules that do not need a status decide the category; the outcome is `applied`, and
/// nothing is sent again as the same request: an action that would resend it becomes
/// `lifecycle.failed_later` (a new attempt is a new operation with a new Idempotency-Key).
fn classify_lifecycle<'a>(
    set: &RuleSet,
    arena: &Arena,
    input: &Input<'a>,
    event: Option<&'a str>,
) -> VerdictRef<'a> {
    let headers = &ResponseHeaders::scan(input.headers);
    let body = body::read(input.body, headers, arena);
    let mut said = said(&body, headers);
    if said.code.is_none() {
        said.code = event.map(Cow::Borrowed);
    }
    let facts = said_facts(&said, None, headers, &input.request, false);
    let found = set.find(&facts).cloned();
    let category = found
        .as_ref()
        .and_then(|r| r.category)
        .unwrap_or(Category::Unknown);
    let resends = |r: &Arc<Rule>| matches!(r.action, Action::Retry | Action::Reconcile);
    let rule = match found {
        Some(r) if !resends(&r) => r,
        Some(_) => fallback("lifecycle.failed_later"),
        None => fallback("lifecycle.failed"),
    };
    VerdictRef {
        shape: said.shape.unwrap_or(Shape::Json),
        category,
        action: rule.action,
        retryable: false,
        outcome: Outcome::Applied,
        status: None,
        code: said.code,
        message: said.message,
        request_id: said.request_id,
        details: said.details,
        retry_after_ms: None,
        rule,
    }
}

/// The rule `id` of the built-in set (the pass's own rules: fallbacks, context, directives).
fn own(id: &str) -> Option<&'static Arc<Rule>> {
    crate::rules::set::builtin().shared(id)
}

/// The pass's own rule `id` (a test holds that the built-in documents define it).
fn fallback(id: &str) -> Arc<Rule> {
    own(id)
        .cloned()
        .unwrap_or_else(|| Arc::new(crate::rules::builtin::last_resort()))
}

/// The facts the rules read of what the API said.
fn said_facts<'a>(
    said: &'a crate::contracts::Said,
    status: Option<u16>,
    headers: &'a ResponseHeaders<'a>,
    request: &'a crate::input::Request<'a>,
    quiet_success: bool,
) -> Facts<'a> {
    Facts {
        status,
        shape: said.shape.unwrap_or(Shape::Json),
        code: said.code.as_deref(),
        code_words: core::cell::OnceCell::new(),
        kind: said.kind.as_deref(),
        message: said.message.as_deref(),
        message_starts: core::cell::OnceCell::new(),
        headers: Some(headers),
        request,
        transport: None,
        quiet_success,
    }
}

/// Whether the transport failure happened before anything reached the server.
pub(crate) fn never_sent(kind: TransportKind, sent: Sent) -> bool {
    matches!(
        kind,
        TransportKind::Dns | TransportKind::Connect | TransportKind::Tls
    ) || sent == Sent::No
}

fn classify_transport<'a>(set: &RuleSet, input: &Input<'a>, t: &Transport<'a>) -> VerdictRef<'a> {
    let facts = Facts {
        status: None,
        shape: Shape::Transport,
        code: None,
        code_words: core::cell::OnceCell::new(),
        kind: None,
        message: None,
        message_starts: core::cell::OnceCell::new(),
        headers: None,
        request: &input.request,
        transport: Some(t),
        quiet_success: false,
    };
    let rule = set
        .find(&facts)
        .cloned()
        .unwrap_or_else(|| fallback("transport.unclassified"));
    let outcome = if never_sent(t.kind, t.sent) {
        Outcome::NotSent
    } else {
        Outcome::Unknown
    };
    let category = rule.category.unwrap_or(Category::Transient);
    let rule = context::adjust(rule.action, outcome, &input.request)
        .cloned()
        .unwrap_or(rule);
    VerdictRef {
        shape: Shape::Transport,
        category,
        action: rule.action,
        retryable: rule.action == Action::Retry,
        outcome,
        status: None,
        code: None,
        message: t.detail.map(Cow::Borrowed),
        request_id: None,
        details: None,
        retry_after_ms: None,
        rule,
    }
}

fn classify_response<'a>(
    set: &RuleSet,
    arena: &Arena,
    input: &Input<'a>,
    status: u16,
    cut: Option<&Transport<'_>>,
) -> VerdictRef<'a> {
    let headers = &ResponseHeaders::scan(input.headers);
    let body = body::read_cut(input.body, headers, cut.is_some(), arena);
    let said = said(&body, headers);
    let success = (200..=299).contains(&status);
    let quiet = success && !said.failed;
    let facts = said_facts(&said, Some(status), headers, &input.request, quiet);
    let mut rule = set
        .find(&facts)
        .cloned()
        .unwrap_or_else(|| fallback("status.other"));
    // A response cut off mid-body (issue 10 §9): the server answered, but whether it applied the
    // request is not known from a body that did not arrive. A cut success is retried only as the
    // request context allows (the context rules below turn a keyless POST into `reconcile`).
    if cut.is_some() && success {
        if let Some(r) = own("transport.body_cut") {
            rule = Arc::clone(r);
        }
    }
    let category = rule.category.unwrap_or(Category::Unknown);
    let outcome = match cut {
        Some(_) => Outcome::Unknown,
        None => outcome(category, status),
    };

    // The server's explicit retry signal refines the answer, before the request context
    // (so a `Stripe-Should-Retry: true` never resends a keyless POST, issue 10 §11).
    match directives::should_retry(headers) {
        Some(true)
            if matches!(
                rule.action,
                Action::Reconcile | Action::Escalate | Action::Stop
            ) =>
        {
            if let Some(r) = own("directive.should_retry") {
                rule = Arc::clone(r);
            }
        }
        Some(false) if rule.action == Action::Retry => {
            if let Some(r) = own("directive.should_not_retry") {
                rule = Arc::clone(r);
            }
        }
        _ => {}
    }
    // Rule 5: the request context adjusts the action.
    if let Some(adjusted) = context::adjust(rule.action, outcome, &input.request) {
        rule = Arc::clone(adjusted);
    }
    let retry_after_ms = directives::delay_ms(headers, said.delay_ms, status, input.now);

    VerdictRef {
        shape: said.shape.unwrap_or(Shape::Json),
        category,
        action: rule.action,
        retryable: rule.action == Action::Retry,
        outcome,
        status: Some(status),
        code: said.code,
        message: said.message,
        request_id: said.request_id,
        details: said.details,
        retry_after_ms,
        rule,
    }
}

/// Whether the server applied the request: refusals were not applied; transient failures are
/// unknown unless the status says the request was never processed (DESIGN.md: "most 5xx").
fn outcome(category: Category, status: u16) -> Outcome {
    match category {
        Category::Transient if not_processed(status) => Outcome::NotApplied,
        Category::Transient | Category::Unknown => Outcome::Unknown,
        _ => Outcome::NotApplied,
    }
}

/// Statuses whose server did not process the request, so repeating it is always safe
/// (RFC 9110 §15.5.9 408, §15.5.20 421, §15.6.4 503; RFC 8470 425; RFC 6585 429;
/// Cloudflare 521–523, where the origin never received it; 529).
pub(crate) fn not_processed(status: u16) -> bool {
    matches!(status, 408 | 421 | 425 | 429 | 503 | 521..=523 | 529)
}
