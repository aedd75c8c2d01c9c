//! Invariants of the rule tables: unique ids, every rule sourced and hinted, every status and
//! every transport failure covered by a rule of its own table.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::HashSet;

use errtriage::{classify, rules, Input, Sent, Transport, TransportKind};

#[test]
fn ids_are_unique_and_well_formed() {
    let mut seen = HashSet::new();
    for rule in rules::all() {
        assert!(seen.insert(rule.id()), "duplicate rule id {}", rule.id());
        let (family, name) = rule
            .id()
            .split_once('.')
            .unwrap_or_else(|| panic!("{}: no family", rule.id()));
        assert!(!family.is_empty() && !name.is_empty(), "{}", rule.id());
        assert!(
            rule.id()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.'),
            "{}",
            rule.id()
        );
        assert!(!rule.source().is_empty(), "{}: no source", rule.id());
        assert!(
            rule.hint().ends_with('.') && rule.hint().len() > 20,
            "{}: hint {:?}",
            rule.id(),
            rule.hint()
        );
        assert_eq!(rules::find(rule.id()), Some(rule));
    }
    assert!(seen.len() > 100, "{} rules", seen.len());
}

#[test]
fn every_status_has_a_rule_of_its_own_table() {
    for status in 100..=599u16 {
        let input = Input::response(status).expect("valid status");
        let verdict = classify(&input);
        assert!(
            verdict.rule.id().starts_with("status."),
            "{status}: {}",
            verdict.rule.id()
        );
        assert_ne!(
            verdict.rule.id(),
            "status.other",
            "{status}: fell through the table"
        );
        assert_eq!(
            verdict.retryable,
            verdict.action == errtriage::Action::Retry
        );
    }
    for bad in [0u16, 99, 600, 1000, u16::MAX] {
        let err = Input::response(bad).expect_err("out of range");
        assert_eq!(err.field(), "status");
        assert_eq!(err.kind(), errtriage::ErrorKind::Value);
    }
}

#[test]
fn every_transport_failure_has_a_rule() {
    for &kind in TransportKind::ALL {
        for sent in [Sent::Yes, Sent::No, Sent::Unknown] {
            for detail in [
                None,
                Some("certificate has expired"),
                Some("getaddrinfo ENOTFOUND x"),
                Some("ECONNRESET"),
            ] {
                let verdict = classify(&Input::transport(Transport { kind, sent, detail }));
                assert!(
                    verdict.rule.id().starts_with("transport."),
                    "{kind} {sent:?}: {}",
                    verdict.rule.id()
                );
                assert_ne!(verdict.rule.id(), "transport.unclassified");
            }
        }
    }
}

#[test]
fn vocabularies_round_trip() {
    for s in errtriage::Shape::ALL {
        assert_eq!(errtriage::Shape::parse(s.as_str()), Ok(*s));
    }
    for c in errtriage::Category::ALL {
        assert_eq!(errtriage::Category::parse(c.as_str()), Ok(*c));
    }
    for a in errtriage::Action::ALL {
        assert_eq!(errtriage::Action::parse(a.as_str()), Ok(*a));
    }
    let err = TransportKind::parse("carrier-pigeon").expect_err("unknown kind");
    assert_eq!(err.field(), "transport.kind");
    assert!(err.message().contains("\"dns\""), "{err}");
}
