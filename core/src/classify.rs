//! The pass (DESIGN.md §4): input → body → shape → code and message rules → status fallback →
//! request context → server directives → verdict. Each step lives in its own module; this one
//! only sequences them and cannot fail.

use alloc::string::String;

use crate::body;
use crate::context;
use crate::directives;
use crate::headers::ResponseHeaders;
use crate::input::{Exchange, Input, Transport};
use crate::rules::{
    self, context as directive_rules, status::not_processed, transport::never_sent, Rule,
};
use crate::shape::{self, Said};
use crate::verdict::Verdict;
use crate::vocab::{Action, Category, Outcome, Shape};

/// Classifies one failed call. Never panics; every input gets a verdict.
pub fn classify(input: &Input<'_>) -> Verdict {
    match input.exchange {
        Exchange::Transport(transport) => classify_transport(input, &transport),
        Exchange::Response(status) => classify_response(input, status),
    }
}

fn classify_transport(input: &Input<'_>, t: &Transport<'_>) -> Verdict {
    let rule = rules::by_transport(t.kind, t.sent, t.detail).unwrap_or(&rules::transport::FALLBACK);
    let outcome = if never_sent(t.kind, t.sent) {
        Outcome::NotSent
    } else {
        Outcome::Unknown
    };
    let category = rule.category.unwrap_or(Category::Transient);
    let rule = context::adjust(rule.action, outcome, &input.request).unwrap_or(rule);
    Verdict {
        shape: Shape::Transport,
        category,
        action: rule.action,
        retryable: rule.action == Action::Retry,
        outcome,
        status: None,
        code: None,
        message: t.detail.map(String::from),
        request_id: None,
        details: None,
        retry_after_ms: None,
        rule,
    }
}

fn classify_response(input: &Input<'_>, status: u16) -> Verdict {
    let headers = &ResponseHeaders::scan(input.headers);
    let body = body::read(input.body, headers);
    let said = shape::detect(&body, headers);

    // Rules 2–4: a known code (with its message rules), else the status alone.
    let rule = code_rule(&said)
        .or_else(|| rules::by_status(status))
        .unwrap_or(&rules::status::FALLBACK);
    let category = rule.category.unwrap_or(Category::Unknown);
    let outcome = outcome(category, status);

    // Rule 5: the request context adjusts the action.
    let mut rule = context::adjust(rule.action, outcome, &input.request).unwrap_or(rule);

    // The server's explicit retry signal refines the answer.
    match directives::should_retry(headers) {
        Some(true)
            if matches!(
                rule.action,
                Action::Reconcile | Action::Escalate | Action::Stop
            ) =>
        {
            rule = &directive_rules::SERVER_SAYS_RETRY;
        }
        Some(false) if rule.action == Action::Retry => {
            rule = &directive_rules::SERVER_SAYS_NO_RETRY
        }
        _ => {}
    }
    let retry_after_ms = directives::delay_ms(headers, said.delay_ms, status, input.now);

    Verdict {
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

/// The code table of the recognised contract, looked up with the code (and the message).
fn code_rule(said: &Said) -> Option<&'static Rule> {
    let code = said.code.as_deref()?;
    let message = &rules::Message::new(said.message.as_deref());
    let table = match said.shape? {
        Shape::Oauth => rules::oauth::RULES,
        Shape::CoreWrapper => rules::core_wrapper::RULES,
        Shape::Flat => rules::flat::RULES,
        Shape::Google => rules::google::RULES,
        Shape::AwsJson | Shape::AwsXml => rules::aws::RULES,
        Shape::Odata => rules::odata::RULES,
        Shape::Graphql => rules::graphql::RULES,
        Shape::Envelope => rules::envelope::RULES,
        Shape::Typed => {
            return rules::by_code(rules::typed::CODE_RULES, code, message).or_else(|| {
                let kind = said.kind.as_deref()?;
                rules::by_code(rules::typed::TYPE_RULES, kind, message)
            })
        }
        _ => return None,
    };
    rules::by_code(table, code, message)
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
