//! The answer (DESIGN.md §1 "Output: the verdict") and its canonical JSON form: the fields in
//! the table's order, snake_case, `null` where absent, one line. The same verdict gives the same
//! bytes in every language because every language calls this.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::sync::Arc;

use crate::rules::Rule;
use crate::text::push_json_string;
use crate::vocab::{Action, Category, Outcome, Shape};

/// What one failed call means and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The error contract recognised.
    pub shape: Shape,
    /// What kind of failure it is.
    pub category: Category,
    /// What to do next.
    pub action: Action,
    /// `true` exactly when `action` is [`Action::Retry`].
    pub retryable: bool,
    /// Whether the server applied the request.
    pub outcome: Outcome,
    /// The HTTP status; absent for a transport failure.
    pub status: Option<u16>,
    /// The machine-readable code, as the API sent it.
    pub code: Option<String>,
    /// The human-readable message, as the API sent it.
    pub message: Option<String>,
    /// The request id, from the body or the usual headers.
    pub request_id: Option<String>,
    /// Route-specific context as compact JSON text, exactly as sent (key order, numbers).
    pub details: Option<String>,
    /// The delay the server asked for, in milliseconds, at most one day.
    pub retry_after_ms: Option<u64>,
    /// The rule that decided.
    pub rule: Arc<Rule>,
}

/// Appends `n` in decimal.
fn push_decimal(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    out.push_str(core::str::from_utf8(digits.get(at..).unwrap_or_default()).unwrap_or("0"));
}

impl Verdict {
    /// One short sentence on what to do (the deciding rule's hint).
    pub fn hint(&self) -> &str {
        &self.rule.hint
    }

    /// The verdict as a [`VerdictRef`] borrowing its texts (the rule is shared).
    pub fn borrowed(&self) -> VerdictRef<'_> {
        VerdictRef {
            shape: self.shape,
            category: self.category,
            action: self.action,
            retryable: self.retryable,
            outcome: self.outcome,
            status: self.status,
            code: self.code.as_deref().map(Cow::Borrowed),
            message: self.message.as_deref().map(Cow::Borrowed),
            request_id: self.request_id.as_deref().map(Cow::Borrowed),
            details: self.details.as_deref().map(Cow::Borrowed),
            retry_after_ms: self.retry_after_ms,
            rule: Arc::clone(&self.rule),
        }
    }

    /// The canonical JSON form: one line, fields in order.
    pub fn to_json(&self) -> String {
        self.borrowed().to_json()
    }
}

/// A [`Verdict`] whose texts borrow from the input where the API's words stand there as they
/// are (issue 15 §1): the code, message, request id and details are copied only when the caller
/// asks for an owned verdict ([`VerdictRef::into_owned`]). The bindings and the CLI write it
/// straight to their own form; [`crate::Classifier::classify_ref`] gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerdictRef<'a> {
    /// [`Verdict::shape`].
    pub shape: Shape,
    /// [`Verdict::category`].
    pub category: Category,
    /// [`Verdict::action`].
    pub action: Action,
    /// [`Verdict::retryable`].
    pub retryable: bool,
    /// [`Verdict::outcome`].
    pub outcome: Outcome,
    /// [`Verdict::status`].
    pub status: Option<u16>,
    /// [`Verdict::code`], borrowed where the input has it as it is.
    pub code: Option<Cow<'a, str>>,
    /// [`Verdict::message`], borrowed where the input has it as it is.
    pub message: Option<Cow<'a, str>>,
    /// [`Verdict::request_id`], borrowed where the input has it as it is.
    pub request_id: Option<Cow<'a, str>>,
    /// [`Verdict::details`], borrowed where the input has them compact.
    pub details: Option<Cow<'a, str>>,
    /// [`Verdict::retry_after_ms`].
    pub retry_after_ms: Option<u64>,
    /// [`Verdict::rule`].
    pub rule: Arc<Rule>,
}

impl VerdictRef<'_> {
    /// The verdict with its texts owned.
    pub fn into_owned(self) -> Verdict {
        Verdict {
            shape: self.shape,
            category: self.category,
            action: self.action,
            retryable: self.retryable,
            outcome: self.outcome,
            status: self.status,
            code: self.code.map(Cow::into_owned),
            message: self.message.map(Cow::into_owned),
            request_id: self.request_id.map(Cow::into_owned),
            details: self.details.map(Cow::into_owned),
            retry_after_ms: self.retry_after_ms,
            rule: self.rule,
        }
    }

    /// One short sentence on what to do (the deciding rule's hint).
    pub fn hint(&self) -> &str {
        &self.rule.hint
    }

    /// The canonical JSON form: one line, fields in order (the one writer of it;
    /// [`Verdict::to_json`] comes here).
    pub fn to_json(&self) -> String {
        // Room for every field as it stands (escapes may need a little more).
        let len = |v: Option<&str>| v.map_or(4, |v| v.len() + 8);
        let mut out = String::with_capacity(
            200 + len(self.code.as_deref())
                + len(self.message.as_deref())
                + len(self.request_id.as_deref())
                + len(self.details.as_deref())
                + self.rule.json_tail.len(),
        );
        out.push_str("{\"shape\":\"");
        out.push_str(self.shape.as_str());
        out.push_str("\",\"category\":\"");
        out.push_str(self.category.as_str());
        out.push_str("\",\"action\":\"");
        out.push_str(self.action.as_str());
        out.push_str("\",\"retryable\":");
        out.push_str(if self.retryable { "true" } else { "false" });
        out.push_str(",\"outcome\":\"");
        out.push_str(self.outcome.as_str());
        out.push_str("\",\"status\":");
        match self.status {
            Some(status) => push_decimal(&mut out, u64::from(status)),
            None => out.push_str("null"),
        }
        for (name, value) in [
            ("code", self.code.as_deref()),
            ("message", self.message.as_deref()),
            ("request_id", self.request_id.as_deref()),
        ] {
            out.push_str(",\"");
            out.push_str(name);
            out.push_str("\":");
            match value {
                Some(v) => push_json_string(&mut out, v),
                None => out.push_str("null"),
            }
        }
        out.push_str(",\"details\":");
        out.push_str(self.details.as_deref().unwrap_or("null"));
        out.push_str(",\"retry_after_ms\":");
        match self.retry_after_ms {
            Some(ms) => push_decimal(&mut out, ms),
            None => out.push_str("null"),
        }
        // `,"hint":…,"rule":…}`, escaped once when the rule was read.
        out.push_str(&self.rule.json_tail);
        out
    }
}
