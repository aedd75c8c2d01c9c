//! The fixed vocabulary of a verdict (DESIGN.md §1): shapes, categories, actions, outcomes,
//! transport kinds and whether a request was sent. Every enum crosses every language boundary
//! as the same lower-case string, given by `as_str` and read back by `parse`.

use crate::error::Error;

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $field:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order (the order bindings use for compact encodings).
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The lower-case name used in JSON and in every binding.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// Reads the lower-case name back; anything else is a `Value` error naming `field`.
            pub fn parse(text: &str) -> Result<Self, Error> {
                Self::parse_at(text, $field)
            }

            /// [`Self::parse`], with the error naming `field` (a path in a rules document).
            pub(crate) fn parse_at(text: &str, field: &str) -> Result<Self, Error> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => Err(Error::unknown_word(field, text, &[$($text,)+])),
                }
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// Which error contract the response body follows.
    Shape, "shape" {
        /// No response arrived: DNS, connect, TLS, timeout, reset.
        Transport = "transport",
        /// RFC 6749 §5.2 token-endpoint errors and RFC 6750 bearer errors (body or `WWW-Authenticate`).
        Oauth = "oauth",
        /// The CORE wrapper `{"error":{"code","message","details"},"requestId"}` (seed 000).
        CoreWrapper = "core_wrapper",
        /// The flat `{"code","message","request_id","metadata"}` contract (seed 002).
        Flat = "flat",
        /// RFC 9457 problem details.
        Problem = "problem",
        /// Google `google.rpc.Status` (`{"error":{"code":403,"status":"PERMISSION_DENIED",…}}`).
        Google = "google",
        /// AWS JSON protocols (`__type`).
        AwsJson = "aws_json",
        /// AWS XML protocols (`<Error><Code>`).
        AwsXml = "aws_xml",
        /// OData / Microsoft Graph / Azure (`{"error":{"code","message","innererror"}}`).
        Odata = "odata",
        /// Stripe-style typed errors (`{"error":{"type","code","message"}}`; OpenAI, Anthropic).
        Typed = "typed",
        /// GraphQL `errors` with `message`, `path`, `extensions`.
        Graphql = "graphql",
        /// JSON:API `errors` with `status`, `code`, `title`, `detail`.
        Jsonapi = "jsonapi",
        /// `{"ok": false}` / `{"success": false}` envelopes.
        Envelope = "envelope",
        /// Any other JSON, classified by status and whatever code/message fields it has.
        Json = "json",
        /// An HTML page, typically from a gateway or proxy.
        Html = "html",
        /// Plain text.
        Text = "text",
        /// No body (or only white space).
        Empty = "empty",
        /// Looks like JSON but does not parse, nests too deep, or is not UTF-8.
        Malformed = "malformed",
    }
}

vocabulary! {
    /// What kind of failure this is (the seed playbook's categories A–D and the distinctions it asks to keep).
    Category, "category" {
        /// A: a request-construction defect.
        InvalidRequest = "invalid_request",
        /// B: the caller could not be authenticated.
        Authentication = "authentication",
        /// C: authenticated, but not allowed, or not the owner.
        Authorization = "authorization",
        /// The resource (or host) does not exist.
        NotFound = "not_found",
        /// The request conflicts with the current state of the resource.
        Conflict = "conflict",
        /// Throttled or over quota for now.
        RateLimited = "rate_limited",
        /// D: a transient platform, upstream or network failure.
        Transient = "transient",
        /// A valid request that was declined (a declined card, a missing account setting).
        Rejected = "rejected",
        /// Not enough to say.
        Unknown = "unknown",
    }
}

vocabulary! {
    /// What the caller should do next.
    Action, "action" {
        /// Send the same request again, unchanged, after the delay.
        Retry = "retry",
        /// Refresh the credentials once, then retry once.
        RefreshCredentials = "refresh_credentials",
        /// The request is wrong: fix it; do not retry unchanged.
        FixRequest = "fix_request",
        /// Credentials, client context, ownership or account settings need correcting.
        FixConfiguration = "fix_configuration",
        /// The outcome is unknown and repeating is unsafe: check what happened first.
        Reconcile = "reconcile",
        /// A final answer: do not retry, tell the user.
        Stop = "stop",
        /// Hand it to support or engineering with the escalation package.
        Escalate = "escalate",
    }
}

vocabulary! {
    /// Did the server apply the request?
    Outcome, "outcome" {
        /// The server refused or did not process it.
        NotApplied = "not_applied",
        /// It may or may not have been applied (timeouts after sending, most 5xx).
        Unknown = "unknown",
        /// It never left the client.
        NotSent = "not_sent",
        /// It was accepted and applied, and failed later (a lifecycle event such as a message
        /// reported undelivered by webhook, seed 001 "Recommended operational posture").
        Applied = "applied",
    }
}

vocabulary! {
    /// How a request failed when no response arrived.
    TransportKind, "transport.kind" {
        /// Name resolution failed.
        Dns = "dns",
        /// The TCP connection could not be made (refused, unreachable).
        Connect = "connect",
        /// The TLS handshake failed.
        Tls = "tls",
        /// No answer in time.
        Timeout = "timeout",
        /// The connection was reset or closed mid-exchange.
        Reset = "reset",
        /// Anything else.
        Other = "other",
    }
}

vocabulary! {
    /// The authentication scheme the request used, when the caller says so.
    Auth, "request.auth" {
        /// An OAuth bearer token, which can be refreshed.
        Bearer = "bearer",
        /// HTTP Basic credentials.
        Basic = "basic",
        /// A static API or license key, which cannot be refreshed.
        ApiKey = "api_key",
        /// No credentials.
        None = "none",
    }
}

/// Was the request fully written before the transport failed?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Sent {
    /// It was fully written: the server may have acted on it.
    Yes,
    /// It was not (or not completely) written.
    No,
    /// The client cannot tell; treated like `Yes` (the outcome is unknown).
    #[default]
    Unknown,
}

impl Sent {
    /// `Some(true)` → `Yes`, `Some(false)` → `No`, `None` → `Unknown`.
    pub const fn from_option(sent: Option<bool>) -> Self {
        match sent {
            Some(true) => Sent::Yes,
            Some(false) => Sent::No,
            None => Sent::Unknown,
        }
    }

    /// The inverse of [`Sent::from_option`].
    pub const fn as_option(self) -> Option<bool> {
        match self {
            Sent::Yes => Some(true),
            Sent::No => Some(false),
            Sent::Unknown => None,
        }
    }
}
