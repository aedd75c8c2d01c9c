//! The sentence an operation stops with, the same in every language: what to do, after how many
//! attempts, the last failure (its status or transport kind, rule and request id), why the
//! policy stopped, and the verdict's hint.

use alloc::format;
use alloc::string::String;

use crate::policy::StopReason;
use crate::verdict::Verdict;
use crate::vocab::Action;

/// `escalate after 4 attempts (status 503, rule status.503, request id r1): The attempts
/// allowed … are used up. A 503 …`.
pub(super) fn stop_message(
    action: Action,
    reason: StopReason,
    attempts: u32,
    verdict: &Verdict,
) -> String {
    let plural = if attempts == 1 { "" } else { "s" };
    let what = match verdict.status {
        Some(status) => format!("status {status}"),
        None => String::from("a transport failure"),
    };
    let id = match verdict.request_id.as_deref() {
        Some(id) => format!(", request id {id}"),
        None => String::new(),
    };
    format!(
        "{action} after {attempts} attempt{plural} ({what}, rule {rule}{id}): {why} {hint}",
        rule = verdict.rule.id(),
        why = reason.message(),
        hint = verdict.hint(),
    )
}
