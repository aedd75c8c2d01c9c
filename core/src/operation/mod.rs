//! The operation driver (issue 12 §1): every decision across the attempts of one operation,
//! written once. A retry helper in any language does the I/O, the clock and the sleeping, and
//! asks this everything else: start an operation (its policy, seed, whether the caller can
//! refresh credentials, the request it sends), then feed it each attempt's result — a response
//! (status, headers, body prefix), a response whose body was cut off, or a transport failure —
//! and carry out the [`Step`] it answers: `done`, `retry` after N ms, `refresh` then send again,
//! or `stop` with an action, a reason and a sentence for a person.
//!
//! It owns:
//! - **what counts as success**: a 2xx whose body (when given) does not say it failed — the
//!   verdict is the status line's own `unknown`/`stop` — and a 304 Not Modified (RFC 9110
//!   §15.4.5: the cached copy is current). Any other response is a failure to classify; a 2xx
//!   saying `ok: false` is one;
//! - **what the history holds**: every failure's verdict, in order, the last included;
//! - **the stop texts** ([`Operation::stop_message`]);
//! - **a refresh the caller cannot do**: `stop` with `refresh_credentials` and
//!   `refresh_unavailable`, never a silent resend;
//! - **the token after a refresh**: the attempt right after a refresh is sent with a fresh
//!   token, so a 401 to it is `fix_configuration`, never a second refresh;
//! - **the idempotency key**: one per operation, the one the caller gave or the first one an
//!   attempt was seen sending ([`Operation::observe`]); an attempt sending another key, or a
//!   payload other than the first one, is an error: a changed payload is a new operation;
//! - **the time budget**, the delays plus the calls' own time ([`Operation::record_call_ms`]),
//!   and the shared [`RetryBudget`], charged for each retry and refilled by each success;
//! - the escalation report of the last failure, with the earlier attempts.

mod json;
mod text;

use alloc::string::String;
use alloc::vec::Vec;

use crate::classifier::Classifier;
use crate::error::Error;
use crate::idempotency::fingerprint;
use crate::input::{Input, Request};
use crate::policy::{Attempts, RetryBudget, RetryPolicy, Step, StopReason};
use crate::report::{report_for, AttemptRecord, EscalationReport};
use crate::verdict::Verdict;
use crate::vocab::{Action, Auth, Category, Sent, TransportKind};

/// How an operation starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OperationOptions<'a> {
    /// The policy (attempts, time, backoff).
    pub policy: RetryPolicy,
    /// Seeds the core's [`crate::SplitMix64`] for the jitter draws `feed` is not given.
    pub seed: Option<u64>,
    /// Whether the caller can refresh credentials when asked (a refresh callback).
    pub can_refresh: bool,
    /// The request every attempt sends: method, endpoint, idempotency key, token freshness and
    /// authentication scheme (`attempt` is counted by the operation and must be absent).
    pub request: Request<'a>,
}

/// One operation in progress: see the module documentation.
#[derive(Clone, Debug)]
pub struct Operation {
    classifier: Classifier,
    attempts: Attempts,
    can_refresh: bool,
    method: Option<String>,
    endpoint: Option<String>,
    key: Option<String>,
    token_fresh: Option<bool>,
    auth: Option<Auth>,
    payload: Option<u64>,
    just_refreshed: bool,
    history: Vec<Verdict>,
    last: Option<Step>,
    /// The attempt that ended the operation (its success, or the failure it stopped at).
    ended_at: Option<u32>,
    message: Option<String>,
    report: Option<EscalationReport>,
}

impl Operation {
    /// Starts an operation classified by the built-in rules.
    pub fn start(options: OperationOptions<'_>) -> Result<Self, Error> {
        Operation::start_with(&Classifier::builtin(), options)
    }

    /// Starts an operation whose failures are classified by `classifier` (a user's rules).
    pub fn start_with(
        classifier: &Classifier,
        options: OperationOptions<'_>,
    ) -> Result<Self, Error> {
        let request = options.request;
        request.validate()?;
        if let Some(n) = request.attempt {
            return Err(Error::invalid_value(
                "request.attempt",
                "no attempt number (the operation counts its attempts)",
                &alloc::format!("{n}"),
            ));
        }
        Ok(Operation {
            classifier: classifier.clone(),
            attempts: options.policy.start(options.seed)?,
            can_refresh: options.can_refresh,
            method: request.method.map(String::from),
            endpoint: request.endpoint.map(String::from),
            key: request.idempotency_key.map(String::from),
            token_fresh: request.token_fresh,
            auth: request.auth,
            payload: None,
            just_refreshed: false,
            history: Vec::new(),
            last: None,
            ended_at: None,
            message: None,
            report: None,
        })
    }

    /// Whether a helper should read the body of a response with this status before feeding
    /// it: every status but a success's (2xx, 304). A success is fed without its body, so a
    /// helper never reads (and uses up) the stream of a download; a caller who holds the body
    /// anyway may give it, and a 2xx whose body says it failed is then a failure.
    pub fn wants_body(status: u16) -> bool {
        !matches!(status, 200..=299 | 304)
    }

    /// The transport failure of a response whose body was cut off while it was read (a reset
    /// after the status and headers arrived: the request was sent): give it to
    /// [`Input::cut_off`]. `detail` is what the client said.
    pub fn body_cut(detail: Option<&str>) -> crate::input::Transport<'_> {
        crate::input::Transport {
            kind: TransportKind::Reset,
            sent: Sent::Yes,
            detail,
        }
    }

    /// Feeds an attempt the caller gave up on after `after_ms` (its own per-attempt timeout):
    /// a `timeout` whose request may have been sent, with the core's detail.
    pub fn feed_timed_out(
        &mut self,
        after_ms: u64,
        draw: Option<f64>,
        budget: Option<&mut RetryBudget>,
    ) -> Result<Step, Error> {
        let detail =
            alloc::format!("the attempt took longer than {after_ms} ms (the per-attempt timeout)");
        let input = Input::transport(crate::input::Transport {
            kind: TransportKind::Timeout,
            sent: Sent::Unknown,
            detail: Some(&detail),
        });
        self.feed(&input, draw, budget)
    }

    /// The number of the attempt about to be sent (1 for the first); once the operation is
    /// over, the attempt that ended it.
    pub fn attempt(&self) -> u32 {
        self.ended_at
            .unwrap_or_else(|| self.attempts.failures().saturating_add(1))
    }

    /// The request context of the attempt about to be sent: the operation's request, its
    /// attempt number, and a fresh token right after a refresh.
    pub fn request(&self) -> Request<'_> {
        Request {
            method: self.method.as_deref(),
            endpoint: self.endpoint.as_deref(),
            idempotency_key: self.key.as_deref(),
            token_fresh: if self.just_refreshed {
                Some(true)
            } else {
                self.token_fresh
            },
            auth: self.auth,
            attempt: Some(self.attempt()),
        }
    }

    /// The idempotency key every attempt of this operation sends, if it has one.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// What an attempt was seen sending (the method and `Idempotency-Key` of the request a
    /// client's response or error carries, and its payload), before its result is fed. A method
    /// or key the operation was not given is taken from here; a key other than the operation's,
    /// or, once it has a key, a payload other than the first one seen, is an error: a changed
    /// payload is a new operation, with a new key.
    pub fn observe(&mut self, sent: Request<'_>, payload: Option<&[u8]>) -> Result<(), Error> {
        sent.validate()?;
        if let Some(method) = sent.method {
            if self.method.is_none() {
                self.method = Some(String::from(method));
            }
        }
        match (self.key.as_deref(), sent.idempotency_key) {
            (Some(mine), Some(theirs)) if mine != theirs => {
                return Err(Error::invalid_value(
                    "request.idempotency_key",
                    &alloc::format!(
                        "the operation's key {} (a changed key is a new operation)",
                        crate::error::quoted(mine)
                    ),
                    &crate::error::quoted(theirs),
                ));
            }
            (None, Some(theirs)) => self.key = Some(String::from(theirs)),
            _ => {}
        }
        // Only a keyed operation is held to one payload: a key reused with another payload is
        // what servers refuse (or worse, answer with the first payload's result).
        if let Some(payload) = payload.filter(|_| self.key.is_some()) {
            let print = fingerprint(payload);
            match self.payload {
                Some(first) if first != print => {
                    return Err(Error::invalid_value(
                        "payload",
                        "the payload the operation's first attempt sent (a changed payload is a new operation, with a new idempotency key)",
                        "a different payload",
                    ));
                }
                _ => self.payload = Some(print),
            }
        }
        Ok(())
    }

    /// Reports how long the attempt's call took, measured by the caller with a monotonic
    /// clock; it counts in the policy's time budget with the delays.
    pub fn record_call_ms(&mut self, ms: u64) {
        self.attempts.record_call_ms(ms);
    }

    /// Feeds the result of the attempt about to be sent (its request context is the
    /// operation's: [`Operation::request`]; the input's own is not read) and answers the next
    /// step. `draw` is the jitter's random number in `[0, 1)`, drawn from the seed when `None`;
    /// `budget`, the retry budget shared with other operations. Once the operation is done or
    /// stopped, every later call answers the same step.
    pub fn feed(
        &mut self,
        input: &Input<'_>,
        draw: Option<f64>,
        budget: Option<&mut RetryBudget>,
    ) -> Result<Step, Error> {
        if let Some(last @ (Step::Done | Step::Stop { .. })) = self.last {
            return Ok(last);
        }
        // The request's strings are copied (a few bytes), so the input can outlive the
        // borrow of `self` that the policy's update needs.
        let (method, endpoint, key) =
            (self.method.clone(), self.endpoint.clone(), self.key.clone());
        let request = Request {
            method: method.as_deref(),
            endpoint: endpoint.as_deref(),
            idempotency_key: key.as_deref(),
            ..self.request()
        };
        let input = input.with_request(request)?;
        let verdict = self.classifier.classify(&input);
        if succeeded(&verdict) {
            if let Some(budget) = budget {
                budget.record_success();
            }
            self.last = Some(Step::Done);
            self.ended_at = Some(self.attempt());
            return Ok(Step::Done);
        }
        let step = match self.attempts.next(&verdict, draw, budget)? {
            Step::Refresh if !self.can_refresh => Step::Stop {
                action: Action::RefreshCredentials,
                reason: StopReason::RefreshUnavailable,
            },
            step => step,
        };
        self.just_refreshed = step == Step::Refresh;
        if let Step::Stop { action, reason } = step {
            self.ended_at = Some(self.attempts.failures());
            let attempts = u32::try_from(self.history.len())
                .unwrap_or(u32::MAX)
                .saturating_add(1);
            self.message = Some(text::stop_message(action, reason, attempts, &verdict));
            let earlier: Vec<AttemptRecord> = self
                .history
                .iter()
                .map(AttemptRecord::from_verdict)
                .collect();
            self.report = Some(report_for(&verdict, &input, &earlier, None));
        }
        self.history.push(verdict);
        self.last = Some(step);
        Ok(step)
    }

    /// The last step answered, if any.
    pub fn last_step(&self) -> Option<Step> {
        self.last
    }

    /// Every failure's verdict so far, oldest first, the last one included.
    pub fn history(&self) -> &[Verdict] {
        &self.history
    }

    /// The last failure's verdict.
    pub fn last_verdict(&self) -> Option<&Verdict> {
        self.history.last()
    }

    /// After a stop, one sentence for a person: the action, the attempts, the last failure,
    /// the reason's sentence and the verdict's hint.
    pub fn stop_message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// After a stop, the escalation report of the last failure with the earlier attempts,
    /// redacted; `reproduces` as the caller knows it.
    pub fn escalation_report(&self, reproduces: Option<bool>) -> Option<EscalationReport> {
        self.report.clone().map(|mut r| {
            r.reproduces = reproduces;
            r
        })
    }

    /// The policy's state (failures, elapsed time, whether the refresh was used).
    pub fn attempts(&self) -> &Attempts {
        &self.attempts
    }
}

/// Whether an attempt's verdict is a success: a 2xx the body does not contradict (the status
/// line's own verdict: `unknown` / `stop`), or a 304.
fn succeeded(verdict: &Verdict) -> bool {
    let plain = verdict.category == Category::Unknown && verdict.action == Action::Stop;
    match verdict.status {
        Some(200..=299) => plain,
        Some(304) => plain,
        _ => false,
    }
}
