//! Failures with no response (seed 001 "Step 1": network or transport failure before any
//! application response arrived). Nothing reached the server for DNS, connect and TLS
//! failures; for timeouts and resets it depends on whether the request was fully sent
//! (seed 001 "Category D": network timeout with ambiguous request outcome).
//! The detail words are those of getaddrinfo, Node (`ENOTFOUND`, `EAI_AGAIN`), OpenSSL and
//! Python's `ssl`/`socket` errors.

use super::{Rule, When, Words};
use crate::vocab::{Action, Action::*, Category, Category::*, TransportKind, TransportKind::*};

const fn transport(
    id: &'static str,
    kinds: &'static [TransportKind],
    not_sent_only: bool,
    detail: Words,
    category: Category,
    action: Action,
    hint: &'static str,
) -> Rule {
    Rule {
        id,
        category: Some(category),
        action,
        hint,
        source: "seed 001 \"Step 1\", \"Category D\", \"Safe retry examples\"",
        when: When::Transport {
            kinds,
            not_sent_only,
            detail,
        },
    }
}

const NAME_NOT_FOUND: Words = Words {
    all: &[&[
        "enotfound",
        "nxdomain",
        "name or service not known",
        "nodename nor servname",
        "no address associated",
        "eai_noname",
        "no such host",
        "name_not_resolved",
        "could not resolve host",
        "host not found",
    ]],
    none: &["eai_again", "temporary"],
};
const INTERRUPTED: Words = Words {
    all: &[&[
        "timeout",
        "timed out",
        "reset",
        "eof",
        "closed",
        "econnreset",
        "broken pipe",
    ]],
    none: &["certificate", "cert_", "verify"],
};

pub(crate) static RULES: &[Rule] = &[
    transport("transport.dns_not_found", &[Dns], false, NAME_NOT_FOUND, NotFound, FixConfiguration, "The API host name does not exist: check the configured base URL."),
    transport("transport.dns", &[Dns], false, Words::ANY, Transient, Retry, "Name resolution failed for now: retry with backoff (nothing was sent)."),
    transport("transport.connect", &[Connect], false, Words::ANY, Transient, Retry, "The connection could not be made: retry with backoff (nothing was sent); if it persists, check the host, port and network."),
    transport("transport.tls_interrupted", &[Tls], false, INTERRUPTED, Transient, Retry, "The TLS handshake was interrupted: retry with backoff (nothing was sent)."),
    transport("transport.tls", &[Tls], false, Words::ANY, Authentication, FixConfiguration, "The TLS handshake failed: check the URL's host name, the CA bundle, any client certificate and the clock."),
    transport("transport.not_sent", &[Timeout, Reset, Other], true, Words::ANY, Transient, Retry, "The request was not fully sent, so the server cannot have applied it: retry with backoff."),
    transport("transport.timeout", &[Timeout], false, Words::ANY, Transient, Retry, "Timed out after sending: the outcome is unknown; retry only what is safe to repeat (idempotent, or with the same Idempotency-Key)."),
    transport("transport.reset", &[Reset], false, Words::ANY, Transient, Retry, "The connection dropped after sending: the outcome is unknown; retry only what is safe to repeat."),
    transport("transport.other", &[Other], false, Words::ANY, Transient, Retry, "The exchange failed after sending: the outcome is unknown; retry only what is safe to repeat."),
];

/// Whether the request cannot have reached the server.
pub(crate) fn never_sent(kind: TransportKind, sent: crate::vocab::Sent) -> bool {
    matches!(kind, Dns | Connect | Tls) || sent == crate::vocab::Sent::No
}

/// Never chosen while every kind has a rule (a test holds that); here so the pass needs no `unwrap`.
pub(crate) static FALLBACK: Rule = transport(
    "transport.unclassified",
    &[],
    false,
    Words::ANY,
    Transient,
    Retry,
    "The exchange failed without a response: retry only what is safe to repeat.",
);
