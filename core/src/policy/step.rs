//! The answer of the retry policy: what to do before (or instead of) the next attempt.

use crate::error::Error;
use crate::vocab::Action;

/// The next step for an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// Wait `delay_ms`, then send the same request again (same idempotency key, same payload).
    Retry {
        /// How long to wait first.
        delay_ms: u64,
    },
    /// Refresh the credentials, then send the request again at once. Granted once per operation.
    Refresh,
    /// The attempt succeeded: the operation is over (only an [`crate::Operation`] says this).
    Done,
    /// Do not send it again: do `action` instead, for `reason`.
    Stop {
        /// What to do instead.
        action: Action,
        /// Why the policy stopped.
        reason: StopReason,
    },
}

impl Step {
    /// Every kind, in declaration order.
    pub const KINDS: &'static [&'static str] = &["retry", "refresh", "done", "stop"];

    /// `retry`, `refresh`, `done` or `stop`: the name every binding uses for the step's kind.
    pub const fn kind(&self) -> &'static str {
        match self {
            Step::Retry { .. } => "retry",
            Step::Refresh => "refresh",
            Step::Done => "done",
            Step::Stop { .. } => "stop",
        }
    }

    /// The step as JSON: `{"step":"retry","delay_ms":125}`, `{"step":"refresh"}`,
    /// `{"step":"done"}`, or `{"step":"stop","action":…,"reason":…,"message":…}` (the reason's
    /// sentence).
    pub fn to_json(&self) -> alloc::string::String {
        use alloc::format;
        match self {
            Step::Retry { delay_ms } => format!("{{\"step\":\"retry\",\"delay_ms\":{delay_ms}}}"),
            Step::Refresh => alloc::string::String::from("{\"step\":\"refresh\"}"),
            Step::Done => alloc::string::String::from("{\"step\":\"done\"}"),
            Step::Stop { action, reason } => {
                let mut out = format!(
                    "{{\"step\":\"stop\",\"action\":\"{}\",\"reason\":\"{}\",\"message\":",
                    action.as_str(),
                    reason.as_str()
                );
                crate::text::push_json_string(&mut out, reason.message());
                out.push('}');
                out
            }
        }
    }
}

macro_rules! reasons {
    ($($(#[$meta:meta])* $variant:ident = $text:literal, $message:literal;)+) => {
        /// Why the policy stopped.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum StopReason {
            $($(#[$meta])* $variant,)+
        }

        impl StopReason {
            /// Every reason, in declaration order.
            pub const ALL: &'static [StopReason] = &[$(StopReason::$variant,)+];

            /// The lower-case name used in JSON and every binding.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(StopReason::$variant => $text,)+
                }
            }

            /// One sentence for a person.
            pub const fn message(self) -> &'static str {
                match self {
                    $(StopReason::$variant => $message,)+
                }
            }

            /// Reads the name back.
            pub fn parse(text: &str) -> Result<Self, Error> {
                match text {
                    $($text => Ok(StopReason::$variant),)+
                    _ => Err(Error::unknown_word("reason", text, &[$($text,)+])),
                }
            }
        }
    };
}

reasons! {
    /// The verdict's action is not a retry: do what it says.
    Final = "final", "The failure is not one to retry: do what the verdict says.";
    /// `max_attempts` reached.
    AttemptsExhausted = "attempts_exhausted", "The attempts allowed for this operation are used up.";
    /// The next delay, with the time taken so far, would pass `max_elapsed_ms`.
    TimeBudgetExhausted = "time_budget_exhausted", "Another attempt would pass the time allowed for this operation (its delays and its calls' own time).";
    /// The server asked for a delay above `max_server_delay_ms`.
    DelayTooLong = "delay_too_long", "The server asked to wait longer than the policy allows; escalate rather than sleep that long.";
    /// A retry signal (`Retry-After` and kin) came with a final status.
    RetrySignalOnFinal = "retry_signal_on_final_status", "The server asked to retry a request it also called final; escalate rather than loop.";
    /// Authentication failed again after the one refresh.
    RefreshFailed = "refresh_failed", "Authentication failed again after a credential refresh: fix the credentials or client context; do not loop on refresh.";
    /// The shared retry budget is empty.
    RetryBudgetEmpty = "retry_budget_empty", "The shared retry budget is empty: the upstream is failing broadly, so stop adding retries.";
    /// The verdict asks for a credential refresh, and the operation was started without a way
    /// to refresh (an [`crate::Operation`] whose caller cannot refresh).
    RefreshUnavailable = "refresh_unavailable", "The credentials need a refresh and this operation has no way to refresh them: refresh them (or give the retry helper a refresh callback), then send again.";
}
