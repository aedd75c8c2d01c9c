//! The wire between the errtriage core and the JavaScript layer (`js/api.js`) shared by the
//! Node addon (`bindings-node`, napi-rs) and the WebAssembly package (`bindings-wasm`,
//! wasm-bindgen). Both crates include this one file (`#[path]`), so the two packages speak the
//! same format and give the same answers.
//!
//! Why a wire format: building a thirteen-field JS object across napi or wasm costs more than
//! classifying (TOOLCHAIN.md, "Cost of crossing the boundary"). So the core's answer crosses
//! as ONE string that the JS side decodes into a plain object:
//!
//! - a header of small numbers: the tag and the vocabulary indexes (`Shape as u8`, …) one
//!   code unit each, the status and the rule's index in [`errtriage::rules::all`] two 7-bit
//!   units each (the JS side holds the vocabularies and the rule table, fetched once with
//!   [`meta`]: interned strings, no per-call copies of ids and hints); a rule from a user's
//!   rules document has no such index: it is sent as [`USER_RULE`], and its id follows the texts
//!   (the JS side looks it up in that classifier's table, from [`Classifier::load`]);
//! - wide numbers (lengths, `retry_after_ms`) as four 7-bit units, stored `+ 1` so 0 is
//!   "absent";
//! - then the optional texts (code, message, request id, details) back to back, each length in
//!   UTF-16 code units so JS can `slice` them out.
//!
//! Every unit of a verdict's header is ASCII (issue 15 §2), so a verdict whose texts are ASCII
//! is a one-byte string in V8: created from UTF-8 without a two-byte copy, read with the fast
//! `charCodeAt`/`slice`. Other answers (errors, steps, batches) keep 15-bit units.
//!
//! Errors cross the same way (tag [`TAG_ERROR`]): the core's kind, field and message, so the JS
//! layer throws `TypeError`/`RangeError`/`SyntaxError` with the core's own text.
//!
//! Header strings come in length-prefixed (`<utf16 len>:<name><utf16 len>:<value>`…), so any
//! character, NUL included, survives; the request context comes as one string too
//! ([`decode_request`]): each napi argument costs a conversion, so fewer is faster.

use std::string::String;
use std::vec::Vec;

use errtriage::{
    rules, Action, Attempts, Auth, Category, Error, ErrorKind, Failure, IdempotencyGuard, Input,
    Outcome, Request, RetryBudget, RetryPolicy, Rule, Sent, Shape, SplitMix64, Step, StopReason,
    Transport, TransportKind, Verdict, VerdictRef, BODY_PREFIX_BYTES, MAX_RETRY_AFTER_MS,
    STATUS_RANGE,
};

/// First unit of an encoded verdict.
pub const TAG_VERDICT: u32 = 0;
/// First unit of an encoded error.
pub const TAG_ERROR: u32 = 1;
/// Error kind sent for a panic caught at the boundary (after the core's three kinds).
const KIND_INTERNAL: u32 = 3;
/// Rule index sent for a rule missing from [`rules::all`] (a core bug); decodes to no rule.
const UNKNOWN_RULE: u32 = 0x3FFF;
/// Rule index sent for a user's rule, whose id ends the encoded verdict.
const USER_RULE: u32 = 0x3FFE;

/// Classifies a response with the built-in rules. `headers` and `request` are in the encodings
/// described above.
pub fn classify(status: f64, body: &[u8], headers: Option<&str>, request: Option<&str>) -> String {
    Classifier::builtin().classify(status, body, headers, request)
}

/// Classifies a failure with no response, with the built-in rules.
pub fn classify_transport(
    kind: &str,
    sent: Option<bool>,
    detail: Option<&str>,
    request: Option<&str>,
) -> String {
    Classifier::builtin().classify_transport(kind, sent, detail, request)
}

/// The core's JSON form with the built-in rules: the canonical verdict JSON (it starts with
/// `{`), or an encoded error.
pub fn classify_json(text: &str) -> String {
    Classifier::builtin().classify_json(text)
}

/// A classifier on the wire (behind the JS `Classifier` and the module-level functions): the
/// built-in rules, or a user's rules document over them. A clone shares the rules (an `Arc`).
#[derive(Clone)]
pub struct Classifier {
    core: errtriage::Classifier,
}

impl Default for Classifier {
    fn default() -> Self {
        Classifier::builtin()
    }
}

impl Classifier {
    /// The built-in rules alone (allocates nothing).
    pub fn builtin() -> Self {
        Classifier {
            core: errtriage::Classifier::builtin(),
        }
    }

    /// Reads a rules document (the core validates it) and, on success, answers this
    /// classifier's rule table as JSON: `{"user":[rule…],"order":[number…]}`, the user rules
    /// (`meta`'s rule objects) in the order the classifier consults them, and every rule of
    /// [`errtriage::Classifier::rules`] in order as a number: a built-in rule's index in
    /// [`rules::all`], a user rule's position in `user` plus the number of built-in rules. On
    /// failure, an encoded error, and the classifier is unchanged.
    pub fn load(&mut self, document: &str) -> String {
        let core = match errtriage::Classifier::new(document) {
            Ok(core) => core,
            Err(error) => return encode_error(&error),
        };
        let mut user = String::with_capacity(1024);
        let mut order = String::with_capacity(1024);
        let builtin = rules::all().count();
        let mut users = 0;
        for (i, rule) in core.rules().enumerate() {
            if i > 0 {
                order.push(',');
            }
            let number = if rule.is_user() {
                if users > 0 {
                    user.push(',');
                }
                push_rule(&mut user, rule);
                users += 1;
                Some(builtin + users - 1)
            } else {
                rules::index_of(rule)
            };
            match number {
                Some(n) => order.push_str(&format!("{n}")),
                None => order.push_str("null"),
            }
        }
        self.core = core;
        format!("{{\"user\":[{user}],\"order\":[{order}]}}")
    }

    /// Classifies a response.
    pub fn classify(
        &self,
        status: f64,
        body: &[u8],
        headers: Option<&str>,
        request: Option<&str>,
    ) -> String {
        response_input(status)
            .and_then(|input| self.finish(input, body, headers, request))
            .unwrap_or_else(|error| encode_error(&error))
    }

    /// Classifies a failure with no response.
    pub fn classify_transport(
        &self,
        kind: &str,
        sent: Option<bool>,
        detail: Option<&str>,
        request: Option<&str>,
    ) -> String {
        let input = TransportKind::parse(kind).map(|kind| {
            Input::transport(Transport {
                kind,
                sent: Sent::from_option(sent),
                detail,
            })
        });
        input
            .and_then(|input| self.finish(input, &[], None, request))
            .unwrap_or_else(|error| encode_error(&error))
    }

    /// The core's JSON form: the canonical verdict JSON (it starts with `{`), or an encoded
    /// error.
    pub fn classify_json(&self, text: &str) -> String {
        self.core
            .classify_json(text)
            .unwrap_or_else(|error| encode_error(&error))
    }

    /// `classifyMany`: each input in the JSON form classified in order, the answers (encoded
    /// verdicts) each behind its length in UTF-16 units (two 15-bit units, as `push_wide`).
    /// The first bad input ends the list with its encoded error, said of `inputs[i]`.
    pub fn classify_many(&self, texts: &[String]) -> String {
        let mut out = String::with_capacity(texts.len() * 96);
        for (i, text) in texts.iter().enumerate() {
            let verdict = self
                .core
                .classify_form(text)
                .map_err(|e| e.at(&format!("inputs[{i}]")));
            let failed = verdict.is_err();
            let one = answer(verdict);
            push_wide(&mut out, utf16_len(&one));
            out.push_str(&one);
            if failed {
                break;
            }
        }
        out
    }

    /// Every rule of this classifier as one rules document (`errtriage rules --json`).
    pub fn rules_json(&self) -> String {
        self.core.rules_json()
    }

    /// The encoded verdict for `input` (with `body`, `headers` and `request`).
    fn finish(
        &self,
        input: Input<'_>,
        body: &[u8],
        headers: Option<&str>,
        request: Option<&str>,
    ) -> Result<String, Error> {
        with_input(input, body, headers, request, &mut |input: &Input<'_>| {
            classify_encoded(&self.core, input)
        })
    }
}

thread_local! {
    /// The memory this thread's calls read bodies into, kept between calls (napi's main thread
    /// and each of its async workers, the one thread of wasm).
    static SCRATCH: core::cell::RefCell<errtriage::Scratch> =
        core::cell::RefCell::new(errtriage::Scratch::new());
}

/// `input`'s verdict, encoded: classified with this thread's scratch when it is free (it always
/// is, but for a call made while the thread is being torn down), its texts written from the
/// input without an owned copy.
fn classify_encoded(core: &errtriage::Classifier, input: &Input<'_>) -> String {
    let kept = SCRATCH.try_with(|scratch| {
        let mut scratch = scratch.try_borrow_mut().ok()?;
        Some(encode_verdict(&core.classify_ref(&mut scratch, input)))
    });
    kept.ok().flatten().unwrap_or_else(|| {
        encode_verdict(&core.classify_ref(&mut errtriage::Scratch::new(), input))
    })
}

fn answer(verdict: Result<Verdict, Error>) -> String {
    match verdict {
        Ok(verdict) => encode_verdict(&verdict.borrowed()),
        Err(error) => encode_error(&error),
    }
}

/// An encoded error for an argument the JS layer rejected, worded by the core: a wrong type
/// (`Error::wrong_type`) or, with `wrong_type` false, a wrong value (`Error::invalid_value`).
pub fn argument_error(wrong_type: bool, field: &str, expected: &str, got: &str) -> String {
    encode_error(&if wrong_type {
        Error::wrong_type(field, expected, got)
    } else {
        Error::invalid_value(field, expected, got)
    })
}

/// The encoded error for a body or payload whose buffer was detached before the call.
pub fn detached_error(field: &str) -> String {
    encode_error(&Error::detached(field))
}

/// An encoded internal error for a panic caught at the boundary.
pub fn internal_error(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 32);
    push_unit(&mut out, TAG_ERROR);
    push_unit(&mut out, KIND_INTERNAL);
    push_wide(&mut out, 1);
    out.push_str("errtriage: internal error (a bug, please report it): ");
    out.push_str(message);
    out
}

/// Everything the JS layer needs once, at load: the version, the vocabularies in declaration
/// order (so `x as u8` indexes them), the rule table in [`rules::all`] order and the limits,
/// as JSON. Written by hand: serde_json's `Value` serializer would add kilobytes to the wasm.
pub fn meta() -> String {
    let mut out = String::with_capacity(32 * 1024);
    out.push_str("{\"version\":");
    push_json_string(&mut out, env!("CARGO_PKG_VERSION"));
    out.push_str(",\"vocabulary\":{\"shape\":");
    push_words(&mut out, Shape::ALL.iter().map(|x| x.as_str()));
    out.push_str(",\"category\":");
    push_words(&mut out, Category::ALL.iter().map(|x| x.as_str()));
    out.push_str(",\"action\":");
    push_words(&mut out, Action::ALL.iter().map(|x| x.as_str()));
    out.push_str(",\"outcome\":");
    push_words(&mut out, Outcome::ALL.iter().map(|x| x.as_str()));
    out.push_str(",\"transportKind\":");
    push_words(&mut out, TransportKind::ALL.iter().map(|x| x.as_str()));
    out.push_str(",\"auth\":");
    push_words(&mut out, Auth::ALL.iter().map(|x| x.as_str()));
    out.push_str(",\"stepKind\":");
    push_words(&mut out, Step::KINDS.iter().copied());
    out.push_str(",\"stopReason\":");
    push_words(&mut out, StopReason::ALL.iter().map(|x| x.as_str()));
    out.push_str("},\"stopMessages\":");
    push_words(&mut out, StopReason::ALL.iter().map(|x| x.message()));
    out.push_str(",\"rules\":[");
    for (i, rule) in rules::all().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_rule(&mut out, rule);
    }
    let (lo, hi) = STATUS_RANGE;
    out.push_str(&format!(
        "],\"limits\":{{\"statusRange\":[{lo},{hi}],\"maxRetryAfterMs\":{MAX_RETRY_AFTER_MS},\"bodyPrefixBytes\":{BODY_PREFIX_BYTES}}}}}"
    ));
    out
}

/// One rule as the JS layer's rule object: id, category, action, hint, source.
fn push_rule(out: &mut String, rule: &Rule) {
    out.push_str("{\"id\":");
    push_json_string(out, rule.id());
    out.push_str(",\"category\":");
    match rule.category() {
        Some(category) => push_json_string(out, category.as_str()),
        None => out.push_str("null"),
    }
    out.push_str(",\"action\":");
    push_json_string(out, rule.action().as_str());
    out.push_str(",\"hint\":");
    push_json_string(out, rule.hint());
    out.push_str(",\"source\":");
    push_json_string(out, rule.source());
    out.push('}');
}

fn push_words<'a>(out: &mut String, words: impl Iterator<Item = &'a str>) {
    out.push('[');
    for (i, word) in words.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, word);
    }
    out.push(']');
}

/// `text` as a JSON string literal (RFC 8259 §7).
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `Input::response` for a JS number: the JS layer passes safe integers only (|n| < 2^53),
/// exact as `i64`, so the core checks the range and words the error with the caller's number.
fn response_input(status: f64) -> Result<Input<'static>, Error> {
    Input::response(status as i64)
}

/// Completes `input` with the encoded headers, body and request context, and hands it to `f`
/// (the input borrows the decoded headers, which live only here).
/// Not generic over `f` on purpose: one copy of the decoding serves every export (wasm size).
fn with_input<R>(
    input: Input<'_>,
    body: &[u8],
    headers: Option<&str>,
    request: Option<&str>,
    f: &mut dyn FnMut(&Input<'_>) -> R,
) -> Result<R, Error> {
    let pairs = match headers {
        Some(encoded) => decode_headers(encoded)?,
        None => Vec::new(),
    };
    let mut input = input.with_headers(&pairs).with_body(body);
    if let Some(encoded) = request {
        let (request, now) = decode_request(encoded)?;
        input = input.with_request(request)?;
        if let Some(now) = now {
            input = input.with_now(now);
        }
    }
    Ok(f(&input))
}

/// Reads the request context: method, endpoint, idempotency key and auth as `~` (absent) or
/// `<utf16 len>:<text>`; token freshness as `~`, `t` or `f`; attempt and now as `~` or
/// `<integer>;` (the JS type checks made them integers: attempt within u32, now a safe integer).
fn decode_request(encoded: &str) -> Result<(Request<'_>, Option<i64>), Error> {
    let malformed = || Error::wrong_type("request", "the wire encoding of js/api.js", "garbage");
    let mut rest = encoded;
    let method = next_text(&mut rest)?;
    let endpoint = next_text(&mut rest)?;
    let idempotency_key = next_text(&mut rest)?;
    let auth = next_text(&mut rest)?.map(Auth::parse).transpose()?;
    let token_fresh = next_flag(&mut rest)?;
    let attempt = next_integer(&mut rest)?
        .map(|n| {
            n.value
                .and_then(|v| u32::try_from(v).ok())
                .ok_or_else(|| Request::attempt_out_of_range(n.text))
        })
        .transpose()?;
    let now = next_integer(&mut rest)?
        .map(|n| {
            n.value
                .ok_or_else(|| Error::out_of_range("request.now", i64::MIN, i64::MAX, n.text))
        })
        .transpose()?;
    if !rest.is_empty() {
        return Err(malformed());
    }
    let request = Request {
        method,
        endpoint,
        idempotency_key,
        token_fresh,
        auth,
        attempt,
    };
    Ok((request, now))
}

/// One text field of the request encoding: `~` or `<utf16 len>:<text>`.
fn next_text<'a>(rest: &mut &'a str) -> Result<Option<&'a str>, Error> {
    if let Some(after) = rest.strip_prefix('~') {
        *rest = after;
        return Ok(None);
    }
    let (value, after) = take_prefixed(rest)?;
    *rest = after;
    Ok(Some(value))
}

/// One integer field of the request encoding: `~` or `<integer>;`.
fn next_integer<'a>(rest: &mut &'a str) -> Result<Option<Int<'a>>, Error> {
    if let Some(after) = rest.strip_prefix('~') {
        *rest = after;
        return Ok(None);
    }
    let malformed = || Error::wrong_type("request", "the wire encoding of js/api.js", "garbage");
    let end = rest.find(';').ok_or_else(malformed)?;
    let text = rest.get(..end).ok_or_else(malformed)?;
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed());
    }
    *rest = rest.get(end + 1..).ok_or_else(malformed)?;
    Ok(Some(Int {
        text,
        value: text.parse().ok(),
    }))
}

/// A whole number as JS wrote it (in decimal, exactly, even beyond 2^53), and its value when
/// it fits an `i64`: the text names the caller's number in a range error.
#[derive(Clone, Copy, Debug)]
struct Int<'a> {
    text: &'a str,
    value: Option<i64>,
}

/// Splits `<len>:<name><len>:<value>…` (lengths in UTF-16 code units) into pairs.
fn decode_headers(mut rest: &str) -> Result<Vec<(&str, &str)>, Error> {
    let mut pairs = Vec::new();
    while !rest.is_empty() {
        let (name, after) = take_prefixed(rest)?;
        let (value, after) = take_prefixed(after)?;
        pairs.push((name, value));
        rest = after;
    }
    Ok(pairs)
}

fn take_prefixed(text: &str) -> Result<(&str, &str), Error> {
    let malformed = || Error::wrong_type("headers", "the wire encoding of js/api.js", "garbage");
    let colon = text.find(':').ok_or_else(malformed)?;
    let units: usize = text
        .get(..colon)
        .and_then(|n| n.parse().ok())
        .ok_or_else(malformed)?;
    let rest = text.get(colon + 1..).ok_or_else(malformed)?;
    let mut seen = 0;
    let end = rest
        .char_indices()
        .find_map(|(at, c)| {
            if seen == units {
                return Some(at);
            }
            seen += c.len_utf16();
            None
        })
        .unwrap_or(rest.len());
    if seen != units {
        return Err(malformed());
    }
    Ok((
        rest.get(..end).ok_or_else(malformed)?,
        rest.get(end..).ok_or_else(malformed)?,
    ))
}

// ---- Across attempts (DESIGN.md §2) and escalation (§3) ------------------------------------
//
// State (an operation's attempts, a retry budget, an idempotency guard) lives in Rust, in a
// napi or wasm-bindgen class around [`Operation`], [`RetryBudget`] or [`IdempotencyGuard`]
// (wasm-bindgen 0.2.130 registers its classes with a `FinalizationRegistry`, so the JS side never
// calls `.free()`). Answers cross as strings as above: a step, a key, JSON, or an error.

/// A [`RetryPolicy`] from six `~` (absent: the core's default) or `<integer>;`, in the
/// struct's field order; answers the whole policy as six `<integer>;` once the core has
/// validated it, or an encoded error.
pub fn policy(encoded: &str) -> String {
    match decode_policy(encoded) {
        Ok(p) => format!(
            "{};{};{};{};{};{};",
            p.max_attempts,
            p.max_elapsed_ms,
            p.base_delay_ms,
            p.rate_limited_base_ms,
            p.max_delay_ms,
            p.max_server_delay_ms
        ),
        Err(error) => encode_error(&error),
    }
}

fn decode_policy(encoded: &str) -> Result<RetryPolicy, Error> {
    // Only the fields given: the core completes the policy with its defaults and checks it.
    let mut fields: Vec<(&str, u64)> = Vec::with_capacity(6);
    let mut rest = encoded;
    for field in RetryPolicy::FIELDS {
        if let Some(n) = next_integer(&mut rest)? {
            fields.push((field, whole(n, field)?));
        }
    }
    if !rest.is_empty() {
        return Err(malformed("policy"));
    }
    RetryPolicy::from_fields(&fields)
}

/// An integer the JS layer checked (a non-negative safe integer) in the core's field type.
fn whole<T: TryFrom<i64> + Max>(n: Int<'_>, field: &str) -> Result<T, Error> {
    n.value
        .and_then(|v| T::try_from(v).ok())
        .ok_or_else(|| Error::out_of_range(field, 0, T::MAX, n.text))
}

/// The largest value of each integer type the wire converts into, for [`whole`]'s message.
trait Max: core::fmt::Display + Sized {
    const MAX: Self;
}

impl Max for u16 {
    const MAX: u16 = u16::MAX;
}

impl Max for u32 {
    const MAX: u32 = u32::MAX;
}

impl Max for u64 {
    const MAX: u64 = u64::MAX;
}

fn malformed(field: &str) -> Error {
    Error::wrong_type(field, "the wire encoding of js/api.js", "garbage")
}

/// One operation's [`Attempts`] (which holds its seeded generator, when seeded): the state
/// behind a JS `Attempts`.
#[derive(Default)]
pub struct Operation {
    attempts: Option<Attempts>,
}

impl Operation {
    /// Starts under a policy as [`policy`] answered it, with a generator seeded by `seed`
    /// (decimal, 0..2^64) when given. Answers `""`, or an encoded error.
    pub fn start(&mut self, policy: &str, seed: Option<&str>) -> String {
        let started = decode_policy(policy).and_then(|p| {
            let seed = seed.map(SplitMix64::parse_seed).transpose()?;
            p.start(seed)
        });
        match started {
            Ok(attempts) => {
                self.attempts = Some(attempts);
                String::new()
            }
            Err(error) => encode_error(&error),
        }
    }

    /// [`Attempts::next`] for a verdict given by the three fields the policy reads. `draw`
    /// absent: the seeded generator draws (one draw per call). Answers the encoded step:
    /// tag 0, the kind's index in [`STEP_KINDS`], then the delay in decimal (retry) or the
    /// action's and the reason's indexes (stop); or an encoded error.
    pub fn next(
        &mut self,
        action: &str,
        category: &str,
        retry_after_ms: Option<f64>,
        draw: Option<f64>,
        budget: Option<&mut RetryBudget>,
    ) -> String {
        match self.step(action, category, retry_after_ms, draw, budget) {
            Ok(step) => encode_step(step),
            Err(error) => encode_error(&error),
        }
    }

    fn step(
        &mut self,
        action: &str,
        category: &str,
        retry_after_ms: Option<f64>,
        draw: Option<f64>,
        budget: Option<&mut RetryBudget>,
    ) -> Result<Step, Error> {
        let failure = Failure {
            action: Action::parse(action)?,
            category: Category::parse(category)?,
            // A non-negative safe integer (checked in JS): exact.
            retry_after_ms: retry_after_ms.map(|ms| ms as u64),
        };
        let attempts = self
            .attempts
            .as_mut()
            .ok_or_else(|| malformed("attempts"))?;
        // No draw: the seeded generator draws (the JS layer passes Math.random() when unseeded).
        attempts.next(failure, draw, budget)
    }

    /// Failures fed in so far.
    pub fn failures(&self) -> u32 {
        self.attempts.as_ref().map_or(0, Attempts::failures)
    }

    /// Reports an attempt's own time (ms; a whole number checked in JS): counted in
    /// `elapsed_ms` against the time budget (`Attempts::record_call_ms`).
    pub fn record_call_ms(&mut self, ms: f64) {
        if let Some(attempts) = self.attempts.as_mut() {
            attempts.record_call_ms(ms as u64);
        }
    }

    /// The time taken so far, delays and reported calls (ms; exact in a JS number below 2^53).
    pub fn elapsed_ms(&self) -> f64 {
        self.attempts
            .as_ref()
            .map_or(0.0, |a| a.elapsed_ms() as f64)
    }

    /// Whether the one credential refresh has been used.
    pub fn refreshed(&self) -> bool {
        self.attempts.as_ref().is_some_and(Attempts::refreshed)
    }
}

fn encode_step(step: Step) -> String {
    let mut out = String::with_capacity(24);
    push_unit(&mut out, TAG_VERDICT);
    match step {
        Step::Retry { delay_ms } => {
            push_unit(&mut out, 0);
            out.push_str(&format!("{delay_ms}"));
        }
        Step::Refresh => push_unit(&mut out, 1),
        Step::Done => push_unit(&mut out, 2),
        Step::Stop { action, reason } => {
            push_unit(&mut out, 3);
            push_unit(&mut out, action as u32);
            push_unit(&mut out, reason as u32);
        }
    }
    out
}

// ---- The operation driver and the client-error table (issue 12): cold paths, as JSON --------

/// An operation under the core's driver (behind the JS `Operation` that `withRetry` runs on).
/// Options, attempts and steps cross as the core's JSON form ([`errtriage::Operation`]).
#[derive(Default)]
pub struct Driver {
    op: Option<errtriage::Operation>,
}

impl Driver {
    /// Starts from options in the JSON form with `classifier`'s rules: `""`, or an encoded
    /// error.
    pub fn start(&mut self, classifier: &Classifier, options: &str) -> String {
        match errtriage::Operation::start_json(&classifier.core, options) {
            Ok(op) => {
                self.op = Some(op);
                String::new()
            }
            Err(error) => encode_error(&error),
        }
    }

    /// Feeds one attempt in the JSON form: the step's JSON, or an encoded error.
    pub fn feed(
        &mut self,
        attempt: &str,
        draw: Option<f64>,
        budget: Option<&mut RetryBudget>,
    ) -> String {
        match self.op.as_mut() {
            Some(op) => op
                .feed_json(attempt, draw, budget)
                .unwrap_or_else(|error| encode_error(&error)),
            None => encode_error(&Error::invalid_value(
                "operation",
                "a started operation",
                "none",
            )),
        }
    }

    /// Whether the draw comes from the seed when none is given.
    pub fn seeded(&self) -> bool {
        self.op.as_ref().is_some_and(|op| op.attempts().is_seeded())
    }

    /// Every failure's verdict so far, as a JSON array.
    pub fn history(&self) -> String {
        self.op
            .as_ref()
            .map_or_else(|| String::from("[]"), errtriage::Operation::history_json)
    }

    /// After a stop, the escalation report's JSON, a NUL and its text; else `""`.
    pub fn report(&self, reproduces: Option<bool>) -> String {
        match self
            .op
            .as_ref()
            .and_then(|op| op.escalation_report(reproduces))
        {
            Some(report) => {
                let mut out = report.to_json();
                out.push('\0');
                out.push_str(&report.to_text());
                out
            }
            None => String::new(),
        }
    }
}

/// Whether to read the body of a response with this status before feeding it.
pub fn wants_body(status: f64) -> bool {
    !(0.0..=f64::from(u16::MAX)).contains(&status)
        || errtriage::Operation::wants_body(status as u16)
}

/// A verdict's OpenTelemetry attributes: the verdict's members and `attempt` as JSON in, the
/// attributes' JSON object out, or an encoded error.
pub fn otel_attributes(input: &str) -> String {
    errtriage::otel_attributes_from_json(input).unwrap_or_else(|error| encode_error(&error))
}

/// The client-error table: `{"names": [...], "message": ...}` in, the failure's JSON or `null`
/// out, or an encoded error.
pub fn transport_failure(input: &str) -> String {
    errtriage::transport_failure_json(input).unwrap_or_else(|error| encode_error(&error))
}

/// The input readers: a document and an optional format name in, `readers::Read`'s JSON out
/// (always starting with `{`), or an encoded error.
pub fn read_inputs(data: &[u8], format: Option<&str>) -> String {
    errtriage::readers::read_json(data, format).unwrap_or_else(|error| encode_error(&error))
}

/// A [`RetryBudget`]: `None`, the core's default; else four `<integer>;` (capacity, transient
/// cost, throttled cost, success refill), checked by [`RetryBudget::new`].
pub fn budget(encoded: Option<&str>) -> Result<RetryBudget, Error> {
    let Some(mut rest) = encoded else {
        return Ok(RetryBudget::default());
    };
    // Only the fields given (`~` is absent): the core completes and checks the budget.
    let mut fields: Vec<(&str, u64)> = Vec::with_capacity(4);
    for field in RetryBudget::FIELDS {
        if let Some(n) = next_integer(&mut rest)? {
            fields.push((field, whole(n, field)?));
        }
    }
    if !rest.is_empty() {
        return Err(malformed("budget"));
    }
    RetryBudget::from_fields(&fields)
}

/// `budget` as a `""`-or-error answer, storing the budget in `slot` on success.
pub fn configure_budget(slot: &mut RetryBudget, encoded: Option<&str>) -> String {
    match budget(encoded) {
        Ok(b) => {
            *slot = b;
            String::new()
        }
        Err(error) => encode_error(&error),
    }
}

/// A guard remembering `capacity` pairs (the JS layer passes a non-negative safe integer;
/// beyond `usize` saturates), or the core's default.
pub fn guard(capacity: Option<f64>) -> IdempotencyGuard {
    capacity.map_or_else(IdempotencyGuard::default, |n| {
        IdempotencyGuard::with_capacity(n as usize)
    })
}

/// [`IdempotencyGuard::key_for`] with 16 random bytes; the key, or an encoded error.
pub fn key_for(guard: &mut IdempotencyGuard, payload: &[u8], random: &[u8]) -> String {
    match <[u8; 16]>::try_from(random) {
        Ok(random) => guard.key_for(payload, random),
        Err(_) => encode_error(&Error::invalid_value(
            "random",
            "16 random bytes",
            &format!("{} bytes", random.len()),
        )),
    }
}

/// [`IdempotencyGuard::check`]: `""`, or an encoded error.
pub fn check(guard: &mut IdempotencyGuard, key: &str, payload: &[u8]) -> String {
    guard
        .check(key, payload)
        .err()
        .map_or_else(String::new, |error| encode_error(&error))
}

/// [`errtriage::Classifier::log_fields_json`] (`escalation` false) or
/// [`errtriage::Classifier::escalation_report_json`] of an input in the JSON form, with the
/// built-in rules: the log fields' JSON, or the report's JSON, a NUL and its text; or an
/// encoded error.
pub fn report_json(escalation: bool, input: &str) -> String {
    let classifier = errtriage::Classifier::builtin();
    let out = if escalation {
        classifier.escalation_report_json(input).map(|report| {
            let mut out = report.to_json();
            out.push('\0');
            out.push_str(&report.to_text());
            out
        })
    } else {
        classifier
            .log_fields_json(input)
            .map(|fields| fields.to_json())
    };
    out.unwrap_or_else(|error| encode_error(&error))
}

fn next_flag(rest: &mut &str) -> Result<Option<bool>, Error> {
    let flag = match rest.as_bytes().first() {
        Some(b't') => Some(true),
        Some(b'f') => Some(false),
        Some(b'~') => None,
        _ => return Err(malformed("request")),
    };
    *rest = rest.get(1..).ok_or_else(|| malformed("request"))?;
    Ok(flag)
}

fn encode_verdict(v: &VerdictRef<'_>) -> String {
    // `details` as JSON that `JSON.parse` reads without loss of range (the core's rule:
    // a number out of range is its exact text, a string).
    let details = v
        .details
        .as_deref()
        .map(errtriage::details::portable_details);
    let texts = [
        v.code.as_deref(),
        v.message.as_deref(),
        v.request_id.as_deref(),
        details.as_deref(),
    ];
    let capacity =
        30 + v.rule.id().len() + texts.iter().map(|t| t.map_or(0, str::len)).sum::<usize>();
    let mut out = String::with_capacity(capacity);
    push_unit(&mut out, TAG_VERDICT);
    push_unit(&mut out, v.shape as u32);
    push_unit(&mut out, v.category as u32);
    push_unit(&mut out, v.action as u32);
    push_unit(&mut out, v.outcome as u32);
    push_unit(&mut out, u32::from(v.retryable));
    push_ascii(&mut out, v.status.map_or(0, u32::from), 2);
    let rule = if v.rule.is_user() {
        USER_RULE
    } else {
        rules::index_of(&v.rule)
            .and_then(|i| u32::try_from(i).ok())
            .filter(|&i| i < USER_RULE)
            .unwrap_or(UNKNOWN_RULE)
    };
    push_ascii(&mut out, rule, 2);
    push_ascii(
        &mut out,
        v.retry_after_ms.map_or(0, |ms| {
            u32::try_from(ms.saturating_add(1)).unwrap_or(u32::MAX)
        }),
        4,
    );
    for text in texts {
        push_ascii(&mut out, text.map_or(0, |t| utf16_len(t) + 1), 4);
    }
    for text in texts.into_iter().flatten() {
        out.push_str(text);
    }
    if rule == USER_RULE {
        out.push_str(v.rule.id());
    }
    out
}

fn encode_error(error: &Error) -> String {
    let mut out = String::with_capacity(error.field().len() + error.message().len() + 8);
    push_unit(&mut out, TAG_ERROR);
    push_unit(
        &mut out,
        match error.kind() {
            ErrorKind::Syntax => 0,
            ErrorKind::Type => 1,
            ErrorKind::Value => 2,
        },
    );
    push_wide(&mut out, utf16_len(error.field()) + 1);
    out.push_str(error.field());
    out.push_str(error.message());
    out
}

/// One small number as one UTF-16 code unit (callers keep it below 0xD800).
fn push_unit(out: &mut String, n: u32) {
    out.push(char::from_u32(n.min(0xD7FF)).unwrap_or('\u{D7FF}'));
}

/// A number below `2^(7 × units)` as `units` 7-bit (ASCII) units, high first; larger ones are
/// capped (every number sent fits: statuses, rule indexes, lengths of a bounded prefix, delays
/// of at most a day).
fn push_ascii(out: &mut String, n: u32, units: u32) {
    let n = n.min((1 << (7 * units)) - 1);
    for k in (0..units).rev() {
        out.push(char::from(((n >> (7 * k)) & 0x7F) as u8));
    }
}

/// A number below 2^30 as two 15-bit units, high first.
fn push_wide(out: &mut String, n: u32) {
    let n = n.min((1 << 30) - 1);
    push_unit(out, n >> 15);
    push_unit(out, n & 0x7FFF);
}

fn utf16_len(text: &str) -> u32 {
    let units = if text.is_ascii() {
        text.len()
    } else {
        text.chars().map(char::len_utf16).sum()
    };
    u32::try_from(units).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_survive_any_character() {
        let encoded = "3:a\0b2:\u{1F600}0:1:x0:0:";
        let pairs = decode_headers(encoded).unwrap();
        assert_eq!(pairs, vec![("a\0b", "\u{1F600}"), ("", "x"), ("", "")]);
    }

    #[test]
    fn malformed_headers_are_an_error_not_a_panic() {
        for bad in ["x", "3:ab", "2:\u{1F600}", "1:a", "99999999999999999999:a"] {
            assert!(decode_headers(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn request_round_trips() {
        let (request, now) = decode_request("4:POST~1:k~f2;-5;").unwrap();
        assert_eq!(request.method, Some("POST"));
        assert_eq!(request.endpoint, None);
        assert_eq!(request.idempotency_key, Some("k"));
        assert_eq!(request.token_fresh, Some(false));
        assert_eq!(request.attempt, Some(2));
        assert_eq!(now, Some(-5));
        let (empty, now) = decode_request("~~~~~~~").unwrap();
        assert_eq!(empty, Request::default());
        assert_eq!(now, None);
        for bad in ["", "~~~~~~", "~~~~x~~", "~~~~~1~", "~~~~~-1;~", "~~~~~~~x"] {
            assert!(decode_request(bad).is_err(), "{bad:?}");
        }
    }

    const ACME: &str = r#"{"errtriage_rules": 1, "disable": ["status.403"], "rules": [
        {"id": "acme.quota", "when": {"code": ["QUOTA_EXCEEDED"]}, "category": "rejected",
         "action": "fix_configuration", "hint": "Raise the quota.", "source": "Acme"}]}"#;

    #[test]
    fn a_user_rule_crosses_by_id_and_built_ins_by_index() {
        let mut acme = Classifier::builtin();
        let table = acme.load(ACME);
        assert!(
            table.starts_with("{\"user\":[{\"id\":\"acme.quota\""),
            "{table}"
        );
        let builtin = rules::all().count();
        assert!(table.contains(&format!("\"order\":[{builtin},")), "{table}");
        let by_user = acme.classify(429.0, br#"{"code": "QUOTA_EXCEEDED"}"#, None, None);
        let rule_at = |wire: &str| {
            let units: Vec<u32> = wire.chars().skip(8).take(2).map(u32::from).collect();
            (units[0] << 7) | units[1]
        };
        assert_eq!(rule_at(&by_user), USER_RULE);
        assert!(by_user.ends_with("acme.quota"), "{by_user:?}");
        let by_builtin = acme.classify(502.0, b"", None, None);
        let index = rules::index_of(rules::find("status.502").unwrap()).unwrap();
        assert_eq!(rule_at(&by_builtin), index as u32);
        assert!(by_builtin.is_ascii(), "{by_builtin:?}");
        assert_eq!(by_builtin, classify(502.0, b"", None, None));
    }

    #[test]
    fn a_refused_document_leaves_the_classifier_as_it_was() {
        let mut acme = Classifier::builtin();
        acme.load(ACME);
        let error = acme.load("{");
        assert_eq!(error.chars().next(), char::from_u32(TAG_ERROR));
        assert!(acme
            .classify_json(r#"{"status": 429, "body": "{\"code\": \"QUOTA_EXCEEDED\"}"}"#)
            .contains("acme.quota"));
    }

    #[test]
    fn status_beyond_u16_keeps_the_callers_number() {
        let encoded = classify(70000.0, b"", None, None);
        assert!(encoded.ends_with("got 70000"), "{encoded:?}");
    }
}
