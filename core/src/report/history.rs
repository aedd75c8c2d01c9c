//! An operation's earlier attempts in the JSON form, read once, in the core (issue 12 §4): an
//! array whose items are attempt records (`{"status", "rule", "action", "retry_after_ms",
//! "request_id"}`) or whole verdicts as `classify_json` writes them. Every binding hands its
//! history over as this JSON; an error names the item (`history[2].rule: …`).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::AttemptRecord;
use crate::error::Error;
use crate::json_form::{named_str, object, present};
use crate::json_tree::Json;
use crate::rules::set::RuleSet;
use crate::vocab::Action;

/// The members of an attempt record.
pub const RECORD_FIELDS: &[&str] = &["status", "rule", "action", "retry_after_ms", "request_id"];

/// The other members a verdict's JSON has (accepted and not read).
const VERDICT_ONLY: &[&str] = &[
    "shape",
    "category",
    "retryable",
    "outcome",
    "code",
    "message",
    "details",
    "hint",
];

/// Reads `history` (a JSON array, `null` for none), the rules named by id from `set`.
pub(crate) fn records(
    value: Option<&Json<'_>>,
    set: &RuleSet,
) -> Result<Vec<AttemptRecord>, Error> {
    let items = match value {
        None | Some(Json::Null) => return Ok(Vec::new()),
        Some(Json::Array(items)) => items,
        Some(other) => {
            return Err(Error::wrong_type(
                "history",
                "an array of attempt records or verdicts",
                other.kind(),
            ))
        }
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| record(item, set).map_err(|e| e.at(&format!("history[{i}]"))))
        .collect()
}

fn record(item: &Json<'_>, set: &RuleSet) -> Result<AttemptRecord, Error> {
    let fields = object(item, "")?;
    if let Some((unknown, _)) = fields
        .iter()
        .find(|(k, _)| !RECORD_FIELDS.contains(&k.as_ref()) && !VERDICT_ONLY.contains(&k.as_ref()))
    {
        return Err(Error::unknown_field(unknown, RECORD_FIELDS));
    }
    let status = match present(fields, "status") {
        None => None,
        Some(v) => {
            let n = v
                .as_i64()
                .ok_or_else(|| Error::wrong_type("status", "an integer or null", v.kind()))?;
            crate::input::Input::response(n)?.status()
        }
    };
    let rule = named_str(fields, "rule", "rule")?.ok_or_else(|| Error::required("rule"))?;
    let action = named_str(fields, "action", "action")?.ok_or_else(|| Error::required("action"))?;
    let action = Action::parse_at(action, "action")?;
    let retry_after_ms = match present(fields, "retry_after_ms") {
        None => None,
        Some(Json::Int(n)) if *n >= 0 => u64::try_from(*n).ok(),
        Some(v) => {
            return Err(Error::wrong_type(
                "retry_after_ms",
                "a whole number or null",
                v.kind(),
            ))
        }
    };
    let request_id = named_str(fields, "request_id", "request_id")?.map(String::from);
    let rule = set.shared(rule).cloned().ok_or_else(|| {
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

impl AttemptRecord {
    /// One attempt record from JSON (a record object, or a verdict's JSON), its rule named by
    /// the built-in rules' ids. Errors name the member (`rule: …`); a binding reading a list
    /// says which item with [`Error::at`].
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let value = crate::json_form::parse_form(text)?;
        record(&value, crate::rules::set::builtin())
    }
}
