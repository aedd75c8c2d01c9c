//! The operation driver in the JSON form, the way the bindings cross it (cold paths cross as
//! JSON, issue 12 §4): options in, each attempt in, each step out.
//!
//! Options: `{"policy": {field: n, …}, "seed": n, "can_refresh": bool, "request": {"method",
//! "endpoint", "idempotency_key", "token_fresh", "auth"}}`, every member optional, the policy's
//! missing fields at their defaults.
//!
//! An attempt: the JSON form of one input (`status`, `headers`, `body` / `body_base64`,
//! `transport`, `now`) with `{"status": 200}` for a success, plus `call_ms` (the call's own
//! time), `request` (what the attempt was seen sending: `method`, `idempotency_key`),
//! `payload` / `payload_base64` (its body, to hold the operation to one payload), and the two
//! things only a helper sees: `"body_cut": "<what the client said>"` with a `status` (the body
//! was cut off while read: [`Operation::body_cut`]) and `"timed_out_ms": n` alone (the helper
//! gave up on the attempt after n ms: [`Operation::feed_timed_out`]).
//!
//! A step: `{"step", "delay_ms"?, "action"?, "reason"?, "message"?, "attempt", "elapsed_ms",
//! "verdict"}` — `attempt` the number of the attempt just fed, `message` the stop sentence,
//! `verdict` that attempt's verdict (`null` for a success).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Operation, OperationOptions};
use crate::base64;
use crate::classifier::Classifier;
use crate::error::Error;
use crate::json_form::{
    named_str, object, only, parse_form, present, request, with_input_and, Members,
};
use crate::json_tree::Json;
use crate::policy::{RetryBudget, RetryPolicy, Step};

const OPTIONS: &[&str] = &["policy", "seed", "can_refresh", "request"];
const ATTEMPT: &[&str] = &[
    "call_ms",
    "payload",
    "payload_base64",
    "body_cut",
    "timed_out_ms",
];
const OBSERVED: &[&str] = &["method", "idempotency_key"];

fn whole(value: &Json<'_>, field: &str) -> Result<u64, Error> {
    match value {
        Json::Int(n) => {
            u64::try_from(*n).map_err(|_| Error::out_of_range(field, 0, u64::MAX, &format!("{n}")))
        }
        Json::BigUint => Err(Error::out_of_range(field, 0, u64::MAX, "a larger number")),
        other => Err(Error::wrong_type(field, "a whole number", other.kind())),
    }
}

fn flag(fields: Members<'_, '_>, name: &str) -> Result<Option<bool>, Error> {
    match present(fields, name) {
        None => Ok(None),
        Some(Json::Bool(b)) => Ok(Some(*b)),
        Some(other) => Err(Error::wrong_type(name, "true or false", other.kind())),
    }
}

/// A policy from a JSON object of its fields (`null` or absent: the default).
pub(crate) fn policy_of(value: Option<&Json<'_>>, path: &str) -> Result<RetryPolicy, Error> {
    let Some(value) = value else {
        return Ok(RetryPolicy::default());
    };
    let members = object(value, path)?;
    let mut fields: Vec<(&str, u64)> = Vec::with_capacity(members.len());
    for (name, v) in members {
        if !RetryPolicy::FIELDS.contains(&name.as_ref()) {
            return Err(Error::unknown_field(
                &format!("{path}.{name}"),
                RetryPolicy::FIELDS,
            ));
        }
        fields.push((name.as_ref(), whole(v, &format!("{path}.{name}"))?));
    }
    // A value the policy refuses is named as every binding's constructor names it.
    RetryPolicy::from_fields(&fields)
}

impl RetryPolicy {
    /// A policy from the JSON object of its fields (`{"max_attempts": 3}`), the others at their
    /// defaults.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let value = parse_form(text)?;
        policy_of(Some(&value), "policy").map_err(unprefixed)
    }
}

impl RetryBudget {
    /// A full budget from the JSON object of its fields (`{"capacity": 10}`), the others at
    /// their defaults.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let value = parse_form(text)?;
        let members = object(&value, "budget")?;
        let mut fields: Vec<(&str, u64)> = Vec::with_capacity(members.len());
        for (name, v) in members {
            if !RetryBudget::FIELDS.contains(&name.as_ref()) {
                return Err(Error::unknown_field(name, RetryBudget::FIELDS));
            }
            fields.push((name.as_ref(), whole(v, name)?));
        }
        RetryBudget::from_fields(&fields)
    }
}

impl Operation {
    /// Starts an operation from its options in the JSON form (module documentation).
    pub fn start_json(classifier: &Classifier, options: &str) -> Result<Self, Error> {
        let value = parse_form(options)?;
        let fields = object(&value, "options")?;
        only(fields, OPTIONS, "")?;
        let seed = present(fields, "seed")
            .map(|v| whole(v, "seed"))
            .transpose()?;
        Operation::start_with(
            classifier,
            OperationOptions {
                policy: policy_of(present(fields, "policy"), "policy")?,
                seed,
                can_refresh: flag(fields, "can_refresh")?.unwrap_or(false),
                request: request(present(fields, "request"))?,
            },
        )
    }

    /// Feeds one attempt in the JSON form and answers the step as JSON (module documentation).
    /// `draw` as for [`Operation::feed`].
    pub fn feed_json(
        &mut self,
        attempt: &str,
        draw: Option<f64>,
        mut budget: Option<&mut RetryBudget>,
    ) -> Result<String, Error> {
        let number = self.attempt();
        if let Some(step) = self.feed_helper_only(attempt, draw, budget.as_deref_mut())? {
            return Ok(self.step_json(step, number));
        }
        let step = with_input_and(attempt, ATTEMPT, |input, fields| {
            self.observe_json(fields)?;
            if let Some(ms) = present(fields, "call_ms") {
                let ms = whole(ms, "call_ms")?;
                self.record_call_ms(ms);
            }
            self.feed(input, draw, budget)
        })?;
        Ok(self.step_json(step, number))
    }

    /// An attempt that is only `timed_out_ms` (with `call_ms`), or a `body_cut` with its status
    /// and headers: fed here, the core making the transport failure. `None` for any other.
    fn feed_helper_only(
        &mut self,
        attempt: &str,
        draw: Option<f64>,
        budget: Option<&mut RetryBudget>,
    ) -> Result<Option<Step>, Error> {
        let value = parse_form(attempt)?;
        let fields = object(&value, "input")?;
        if let Some(ms) = present(fields, "timed_out_ms") {
            only(
                fields,
                &[
                    "timed_out_ms",
                    "call_ms",
                    "request",
                    "payload",
                    "payload_base64",
                ],
                "",
            )?;
            let after = whole(ms, "timed_out_ms")?;
            self.observe_json(fields)?;
            if let Some(ms) = present(fields, "call_ms") {
                let ms = whole(ms, "call_ms")?;
                self.record_call_ms(ms);
            }
            return self.feed_timed_out(after, draw, budget).map(Some);
        }
        let Some(cut) = present(fields, "body_cut") else {
            return Ok(None);
        };
        if present(fields, "transport").is_some() || present(fields, "body").is_some() {
            return Err(Error::either("transport", "body_cut"));
        }
        let detail = cut
            .as_str()
            .ok_or_else(|| Error::wrong_type("body_cut", "a string", cut.kind()))?;
        // The JSON form of the partial response, with the core's transport failure.
        let status = present(fields, "status").ok_or_else(|| Error::required("status"))?;
        let status = status
            .as_i64()
            .ok_or_else(|| Error::wrong_type("status", "an integer", status.kind()))?;
        let transport = Operation::body_cut(Some(detail));
        let headers = crate::json_form::headers_of(present(fields, "headers"))?;
        self.observe_json(fields)?;
        if let Some(ms) = present(fields, "call_ms") {
            let ms = whole(ms, "call_ms")?;
            self.record_call_ms(ms);
        }
        let mut input = crate::input::Input::response(status)?
            .cut_off(transport)
            .with_headers(&headers);
        if let Some(now) = present(fields, "now") {
            input = input.with_now(now.as_i64().ok_or_else(|| {
                Error::wrong_type("now", "an integer (unix seconds)", now.kind())
            })?);
        }
        self.feed(&input, draw, budget).map(Some)
    }

    /// Reads an attempt's `request` and `payload` members into [`Operation::observe`].
    fn observe_json(&mut self, fields: Members<'_, '_>) -> Result<(), Error> {
        if let Some(observed) = present(fields, "request") {
            only(object(observed, "request")?, OBSERVED, "request.")?;
        }
        let sent = request(present(fields, "request"))?;
        let decoded: Vec<u8>;
        let payload: Option<&[u8]> = match (
            named_str(fields, "payload", "payload")?,
            named_str(fields, "payload_base64", "payload_base64")?,
        ) {
            (Some(_), Some(_)) => return Err(Error::either("payload", "payload_base64")),
            (Some(text), None) => Some(text.as_bytes()),
            (None, Some(b64)) => {
                decoded = base64::decode(b64).ok_or_else(|| {
                    Error::invalid_value(
                        "payload_base64",
                        "standard base64 (RFC 4648 §4)",
                        "invalid base64",
                    )
                })?;
                Some(&decoded)
            }
            (None, None) => None,
        };
        self.observe(sent, payload)
    }

    /// The step JSON for `step`, answered to attempt `number`.
    fn step_json(&self, step: Step, number: u32) -> String {
        let mut out = String::with_capacity(256);
        out.push_str("{\"step\":\"");
        out.push_str(step.kind());
        out.push('"');
        match step {
            Step::Retry { delay_ms } => out.push_str(&format!(",\"delay_ms\":{delay_ms}")),
            Step::Stop { action, reason } => {
                out.push_str(&format!(
                    ",\"action\":\"{}\",\"reason\":\"{}\",\"message\":",
                    action.as_str(),
                    reason.as_str()
                ));
                crate::text::push_json_string(&mut out, self.stop_message().unwrap_or(""));
            }
            Step::Refresh | Step::Done => {}
        }
        out.push_str(&format!(
            ",\"attempt\":{number},\"elapsed_ms\":{},\"verdict\":",
            self.attempts.elapsed_ms()
        ));
        match (step, self.last_verdict()) {
            (Step::Done, _) | (_, None) => out.push_str("null"),
            (_, Some(v)) => out.push_str(&v.to_json()),
        }
        out.push('}');
        out
    }

    /// Every failure's verdict so far as a JSON array.
    pub fn history_json(&self) -> String {
        let mut out = String::from("[");
        for (i, v) in self.history.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&v.to_json());
        }
        out.push(']');
        out
    }
}

/// The error without a leading `policy.` in its field (for [`RetryPolicy::from_json`], whose
/// fields are the object's own).
fn unprefixed(error: Error) -> Error {
    match error.field().strip_prefix("policy.") {
        Some(field) => {
            let field = String::from(field);
            let message = error
                .message()
                .strip_prefix("policy.")
                .map_or_else(|| String::from(error.message()), String::from);
            Error::new(error.kind(), &field, message)
        }
        None => error,
    }
}
