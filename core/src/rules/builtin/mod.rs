//! The built-in rules documents, in the order the model consults them (DESIGN.md §1
//! "Precedence of rules"): each named contract's rules (from its file under `contracts/`), the
//! evidence lexicon (code words, then message phrases, under `evidence/`), header evidence,
//! phrases that restate a status line, the status table, transport failures, and the rules the
//! pass applies itself (request context, server directives, fallbacks).

use alloc::string::String;
use alloc::vec::Vec;

use super::{Rule, When};
use crate::contracts::REGISTRY;
use crate::vocab::{Action, Category};

/// Families a user's rule may not use: they are the model's own.
pub(crate) const RESERVED_FAMILIES: &[&str] = &[
    "aws",
    "body",
    "context",
    "core",
    "directive",
    "envelope",
    "errtriage",
    "evidence",
    "flat",
    "generic",
    "google",
    "graphql",
    "header",
    "jsonapi",
    "lifecycle",
    "oauth",
    "odata",
    "phrase",
    "problem",
    "status",
    "transport",
    "typed",
    "word",
];

/// Every built-in document, named, in order.
pub(crate) fn documents() -> Vec<(&'static str, &'static str)> {
    let mut docs: Vec<(&'static str, &'static str)> = REGISTRY
        .iter()
        .map(|c| (c.shape.as_str(), c.rules))
        .collect();
    docs.extend([
        (
            "evidence/code_words",
            include_str!("../../evidence/code_words.json"),
        ),
        (
            "evidence/phrases",
            include_str!("../../evidence/phrases.json"),
        ),
        ("rules/headers", include_str!("headers.json")),
        (
            "evidence/restated",
            include_str!("../../evidence/restated.json"),
        ),
        ("rules/status", include_str!("status.json")),
        ("rules/transport", include_str!("transport.json")),
        ("rules/context", include_str!("context.json")),
        ("rules/lifecycle", include_str!("lifecycle.json")),
    ]);
    docs
}

/// A rule for the impossible case of a built-in set that did not load (tests hold that it does).
pub(crate) fn last_resort() -> Rule {
    let (id, hint) = (
        "status.other",
        "An unexpected status: escalate with the request id.",
    );
    Rule {
        json_tail: Rule::json_tail(id, hint),
        id: String::from(id),
        category: Some(Category::Unknown),
        action: Action::Escalate,
        hint: String::from(hint),
        source: String::from("RFC 9110 §15"),
        when: When {
            applied: true,
            ..When::default()
        },
        user: false,
    }
}
