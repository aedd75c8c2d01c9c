//! Across attempts (DESIGN.md §2): a deterministic policy fed with each failure's verdict,
//! answering the next step — retry after N ms, refresh credentials then retry, or stop with an
//! action and a reason. It enforces seed 001's playbook: bounded retries with capped
//! exponential backoff and full jitter ("Step 3: apply the right retry rule"; jitter after AWS
//! Architecture Blog "Exponential Backoff And Jitter"), a longer base for throttling than for
//! transient failures, the server's delay over backoff while within a cap, at most one
//! credential refresh followed by one retry ("Token refresh policy": do not build an infinite
//! token-refresh loop), and an optional retry budget shared across operations.
//! No clock and no randomness inside: the caller passes each random draw (or a seeded
//! [`SplitMix64`]), so a scenario gives the same delays in every language.

mod budget;
mod rng;
mod step;

pub use budget::RetryBudget;
pub use rng::SplitMix64;
pub use step::{Step, StopReason};

use alloc::format;

use crate::error::Error;
use crate::verdict::Verdict;
use crate::vocab::{Action, Category};

/// The configuration: how many attempts, how long in all, how to back off. Times in ms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (a refresh-then-retry counts as one).
    pub max_attempts: u32,
    /// The most time the operation may take: the delays between attempts plus the calls' own
    /// time, as reported with [`Attempts::record_call_ms`].
    pub max_elapsed_ms: u64,
    /// Backoff base for transient failures: the n-th retry waits up to `base · 2ⁿ⁻¹`.
    pub base_delay_ms: u64,
    /// Backoff base for throttling (`rate_limited`), longer: the server is asking for less.
    pub rate_limited_base_ms: u64,
    /// The cap on one backoff delay.
    pub max_delay_ms: u64,
    /// A server-given delay above this stops with `escalate` rather than sleeping that long.
    pub max_server_delay_ms: u64,
}

impl Default for RetryPolicy {
    /// Four attempts within a minute; 250 ms (transient) and 1 s (throttling) bases, 20 s cap;
    /// server delays up to a minute are honoured.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            max_elapsed_ms: 60_000,
            base_delay_ms: 250,
            rate_limited_base_ms: 1_000,
            max_delay_ms: 20_000,
            max_server_delay_ms: 60_000,
        }
    }
}

impl RetryPolicy {
    /// The fields, by the name every binding and the JSON form give them.
    pub const FIELDS: &'static [&'static str] = &[
        "max_attempts",
        "max_elapsed_ms",
        "base_delay_ms",
        "rate_limited_base_ms",
        "max_delay_ms",
        "max_server_delay_ms",
    ];

    /// A policy from the fields a caller gave, the others at their defaults, checked with
    /// [`RetryPolicy::validate`]: the one place a partial policy is completed (keyword
    /// arguments, option objects and the JSON form all come here). An unknown name is an error.
    pub fn from_fields(fields: &[(&str, u64)]) -> Result<Self, Error> {
        let mut policy = RetryPolicy::default();
        for &(name, value) in fields {
            match name {
                "max_attempts" => {
                    policy.max_attempts = u32::try_from(value)
                        .map_err(|_| Error::out_of_range(name, 1, u32::MAX, &format!("{value}")))?;
                }
                "max_elapsed_ms" => policy.max_elapsed_ms = value,
                "base_delay_ms" => policy.base_delay_ms = value,
                "rate_limited_base_ms" => policy.rate_limited_base_ms = value,
                "max_delay_ms" => policy.max_delay_ms = value,
                "max_server_delay_ms" => policy.max_server_delay_ms = value,
                _ => return Err(Error::unknown_field(name, RetryPolicy::FIELDS)),
            }
        }
        policy.validate()?;
        Ok(policy)
    }

    /// The error for a value of field `name` that its type cannot hold (`got`, the caller's
    /// number as decimal text: a negative one, or one beyond any integer type), worded with the
    /// field's own range, the same in every binding.
    pub fn out_of_range(name: &str, got: &str) -> Error {
        match name {
            "max_attempts" => Error::out_of_range(name, 1, u32::MAX, got),
            _ => Error::out_of_range(name, 0, u64::MAX, got),
        }
    }

    /// Checks the configuration: at least one attempt, bases within the cap.
    pub fn validate(&self) -> Result<(), Error> {
        if self.max_attempts == 0 {
            return Err(Error::invalid_value("max_attempts", "at least 1", "0"));
        }
        for (field, base) in [
            ("base_delay_ms", self.base_delay_ms),
            ("rate_limited_base_ms", self.rate_limited_base_ms),
        ] {
            if base > self.max_delay_ms {
                return Err(Error::invalid_value(
                    field,
                    &format!("at most max_delay_ms ({})", self.max_delay_ms),
                    &format!("{base}"),
                ));
            }
        }
        Ok(())
    }

    /// The state of one operation under this policy (checked with [`RetryPolicy::validate`]).
    ///
    /// With a `seed`, the draws that [`Attempts::next`] is not given come from a
    /// [`SplitMix64`] seeded with it, one per call, so a scenario gives the same delays in
    /// every language.
    pub fn start(&self, seed: Option<u64>) -> Result<Attempts, Error> {
        self.validate()?;
        Ok(Attempts {
            policy: *self,
            failures: 0,
            retries: 0,
            elapsed_ms: 0,
            refreshed: false,
            stopped: None,
            rng: seed.map(SplitMix64::new),
        })
    }

    /// The backoff for the retry that follows `retries` earlier ones: full jitter,
    /// `draw · min(cap, base · 2^retries)`.
    pub fn backoff_ms(&self, category: Category, retries: u32, draw: f64) -> u64 {
        let base = if category == Category::RateLimited {
            self.rate_limited_base_ms
        } else {
            self.base_delay_ms
        };
        let ceiling = base
            .saturating_mul(1u64 << retries.min(40))
            .min(self.max_delay_ms);
        // `as` truncates toward zero and saturates; draw is in [0, 1), so this stays below ceiling.
        (draw * ceiling as f64) as u64
    }
}

/// What the policy reads of a failure's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Failure {
    /// The action the verdict recommends.
    pub action: Action,
    /// Its category (throttling backs off from a longer base, and costs less budget).
    pub category: Category,
    /// The delay the server asked for.
    pub retry_after_ms: Option<u64>,
}

impl From<&Verdict> for Failure {
    fn from(verdict: &Verdict) -> Self {
        Failure {
            action: verdict.action,
            category: verdict.category,
            retry_after_ms: verdict.retry_after_ms,
        }
    }
}

/// One operation's progress under a [`RetryPolicy`].
#[derive(Clone, Debug, PartialEq)]
pub struct Attempts {
    policy: RetryPolicy,
    failures: u32,
    retries: u32,
    elapsed_ms: u64,
    refreshed: bool,
    stopped: Option<Step>,
    rng: Option<SplitMix64>,
}

impl Attempts {
    /// The next step after a failure: a [`Verdict`], or just the [`Failure`] facts the policy
    /// reads. `draw` is a random number in `[0, 1)` for the jitter; when `None`, the seeded
    /// generator draws, only when a backoff needs a draw (an error then when the operation was
    /// started without a seed). `budget`, if
    /// given, is charged for a retry. Once a step is `Stop`, every later call answers the same
    /// stop.
    pub fn next(
        &mut self,
        failure: impl Into<Failure>,
        draw: Option<f64>,
        budget: Option<&mut RetryBudget>,
    ) -> Result<Step, Error> {
        if let Some(draw) = draw {
            check_draw(draw)?;
        }
        if let Some(stopped) = self.stopped {
            return Ok(stopped);
        }
        self.failures = self.failures.saturating_add(1);
        let step = match self.decide(failure.into(), draw, budget) {
            Ok(step) => step,
            Err(e) => {
                // Nothing was decided: the failure is not counted.
                self.failures = self.failures.saturating_sub(1);
                return Err(e);
            }
        };
        if let Step::Stop { .. } = step {
            self.stopped = Some(step);
        }
        Ok(step)
    }

    /// The draw for a backoff: the one given, else the seeded generator's next (drawn only when
    /// a backoff needs one, so a stop or a server-given delay consumes none).
    fn draw(&mut self, given: Option<f64>) -> Result<f64, Error> {
        match (given, self.rng.as_mut()) {
            (Some(draw), _) => Ok(draw),
            (None, Some(rng)) => Ok(rng.next_draw()),
            (None, None) => Err(Error::invalid_value(
                "draw",
                "a random number in [0, 1), or a seed given to start",
                "none",
            )),
        }
    }

    fn decide(
        &mut self,
        verdict: Failure,
        draw: Option<f64>,
        budget: Option<&mut RetryBudget>,
    ) -> Result<Step, Error> {
        let policy = self.policy;
        let stop = |action, reason| Step::Stop { action, reason };
        Ok(match verdict.action {
            Action::RefreshCredentials if self.refreshed => {
                stop(Action::FixConfiguration, StopReason::RefreshFailed)
            }
            Action::RefreshCredentials | Action::Retry if self.failures >= policy.max_attempts => {
                stop(Action::Escalate, StopReason::AttemptsExhausted)
            }
            Action::RefreshCredentials => {
                self.refreshed = true;
                Step::Refresh
            }
            Action::Retry => {
                let delay_ms = match verdict.retry_after_ms {
                    Some(ms) if ms > policy.max_server_delay_ms => {
                        return Ok(stop(Action::Escalate, StopReason::DelayTooLong))
                    }
                    // A server delay of 0 on throttling (a `Retry-After` date already past, or
                    // `0`) backs off as usual: retrying at once is what the server was refusing.
                    Some(0) if verdict.category == Category::RateLimited => {
                        policy.backoff_ms(verdict.category, self.retries, self.draw(draw)?)
                    }
                    Some(ms) => ms,
                    None => policy.backoff_ms(verdict.category, self.retries, self.draw(draw)?),
                };
                if self.elapsed_ms.saturating_add(delay_ms) > policy.max_elapsed_ms {
                    return Ok(stop(Action::Escalate, StopReason::TimeBudgetExhausted));
                }
                if let Some(budget) = budget {
                    if !budget.try_withdraw(verdict.category) {
                        return Ok(stop(Action::Escalate, StopReason::RetryBudgetEmpty));
                    }
                }
                self.retries = self.retries.saturating_add(1);
                self.elapsed_ms = self.elapsed_ms.saturating_add(delay_ms);
                Step::Retry { delay_ms }
            }
            Action::FixRequest | Action::FixConfiguration | Action::Stop
                if verdict.retry_after_ms.is_some() =>
            {
                stop(Action::Escalate, StopReason::RetrySignalOnFinal)
            }
            action => stop(action, StopReason::Final),
        })
    }

    /// The policy this operation runs under.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// How many failures have been fed in (the attempt that just failed is this number).
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The time the operation has taken so far: the delays granted plus the calls' own time
    /// reported with [`Attempts::record_call_ms`].
    pub fn elapsed_ms(&self) -> u64 {
        self.elapsed_ms
    }

    /// Reports how long an attempt's call took (measured by the caller with a monotonic clock:
    /// the core has none). It counts in [`Attempts::elapsed_ms`] against
    /// [`RetryPolicy::max_elapsed_ms`], so the next failure stops with
    /// [`StopReason::TimeBudgetExhausted`] once calls and delays together pass it. Report each
    /// call once, before feeding its failure to [`Attempts::next`].
    pub fn record_call_ms(&mut self, ms: u64) {
        self.elapsed_ms = self.elapsed_ms.saturating_add(ms);
    }

    /// Whether the one credential refresh has been used.
    pub fn refreshed(&self) -> bool {
        self.refreshed
    }

    /// Whether draws come from a seeded generator when `next` is given none.
    pub fn is_seeded(&self) -> bool {
        self.rng.is_some()
    }
}

/// A draw must be a random number in `[0, 1)`.
fn check_draw(draw: f64) -> Result<(), Error> {
    if (0.0..1.0).contains(&draw) {
        Ok(())
    } else {
        Err(Error::invalid_value(
            "draw",
            "a random number in [0, 1)",
            "a number outside it",
        ))
    }
}
