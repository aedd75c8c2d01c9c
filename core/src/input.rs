//! What the caller knows about one failed call (DESIGN.md §1 "Input"): the response (status,
//! headers, body bytes) or the transport failure, plus the request context. Everything is
//! borrowed: classification copies only the few strings a verdict keeps.

use alloc::format;

use crate::error::Error;
use crate::vocab::{Auth, Sent, TransportKind};

/// Lowest and highest status accepted (RFC 9110 §15: three digits, first digit 1–5).
pub const STATUS_RANGE: (u16, u16) = (100, 599);

/// How much of one header value the model reads (and a report shows): the first 8 KiB, the
/// usual limit of servers and proxies on a whole header line. The rest is ignored.
pub const MAX_HEADER_VALUE_BYTES: usize = 8 * 1024;

/// How much of a transport failure's detail the model keeps: the first 4 KiB, ending at a
/// word, so the verdict's message is bounded whatever the client library wrote.
pub const MAX_TRANSPORT_DETAIL_BYTES: usize = 4 * 1024;

/// Header name/value pairs as received; names are compared case-insensitively and a name may
/// repeat (the first usable value wins).
pub type Headers<'a> = &'a [(&'a str, &'a str)];

/// A failure with no HTTP response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transport<'a> {
    /// How it failed.
    pub kind: TransportKind,
    /// Whether the request was fully written before it failed.
    pub sent: Sent,
    /// The client library's own words (`getaddrinfo ENOTFOUND api.example.com`,
    /// `certificate has expired`), used to tell permanent from temporary failures. Only the
    /// first [`MAX_TRANSPORT_DETAIL_BYTES`] are read.
    pub detail: Option<&'a str>,
}

/// What the caller knows about the request that failed. All fields are optional; each one
/// only adjusts the action, never the facts the server gave (DESIGN.md §1 rule 5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Request<'a> {
    /// The HTTP method (`GET`, `POST`, …), compared case-insensitively.
    pub method: Option<&'a str>,
    /// The endpoint path or URL that was called (`/api/core/messages/send`).
    pub endpoint: Option<&'a str>,
    /// The `Idempotency-Key` the request carried, if any.
    pub idempotency_key: Option<&'a str>,
    /// `true` when the bearer token was acquired just before this call.
    pub token_fresh: Option<bool>,
    /// The authentication scheme the request used.
    pub auth: Option<Auth>,
    /// Which attempt this was (1 for the first). Recorded for the retry policy and reports;
    /// it does not change a single verdict.
    pub attempt: Option<u32>,
}

impl<'a> Request<'a> {
    /// Checks the fields a caller types by hand: a method must be an HTTP token (RFC 9110 §9.1),
    /// an attempt counts from 1.
    pub fn validate(&self) -> Result<(), Error> {
        if let Some(method) = self.method {
            let is_token = !method.is_empty()
                && method
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !is_token {
                return Err(Error::invalid_value(
                    "request.method",
                    "an HTTP method such as \"POST\"",
                    &crate::error::quoted(method),
                ));
            }
        }
        if self.attempt == Some(0) {
            return Err(Request::attempt_out_of_range("0"));
        }
        Ok(())
    }

    /// The error for an attempt number outside 1 to 2^32 − 1 (`got`, as decimal text): the one
    /// wording of every binding, whatever integer type its caller's number came in.
    pub fn attempt_out_of_range(got: &str) -> Error {
        Error::out_of_range("request.attempt", 1, u32::MAX, got)
    }
}

/// A response status, or a failure with no response: exactly one of the two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exchange<'a> {
    Response(u16),
    Transport(Transport<'a>),
    /// The status and headers arrived, then the body was cut off (issue 10 §9).
    Partial(u16, Transport<'a>),
    /// A failure reported after the request was accepted (a webhook's event); the body is the
    /// event's payload, and `event` its name when the caller knows it (`message.failed`).
    Lifecycle {
        event: Option<&'a str>,
    },
}

/// One failed call, ready to classify. Build it with [`Input::response`] or [`Input::transport`];
/// the status is checked once there, so [`crate::classify`] itself cannot fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Input<'a> {
    pub(crate) exchange: Exchange<'a>,
    pub(crate) headers: Headers<'a>,
    pub(crate) body: &'a [u8],
    pub(crate) request: Request<'a>,
    pub(crate) now: Option<i64>,
    /// The length of the transport detail as given, before [`MAX_TRANSPORT_DETAIL_BYTES`]
    /// cut it (0 without one).
    pub(crate) detail_bytes: usize,
}

impl<'a> Input<'a> {
    /// A response with this status; an error unless it is within 100..=599. Any integer
    /// type is accepted, so a binding hands over the caller's number as it came and the message
    /// quotes it.
    pub fn response(status: impl Into<i64>) -> Result<Self, Error> {
        let status: i64 = status.into();
        let (lo, hi) = STATUS_RANGE;
        match u16::try_from(status) {
            Ok(s) if (lo..=hi).contains(&s) => Ok(Input {
                exchange: Exchange::Response(s),
                headers: &[],
                body: &[],
                request: Request::default(),
                now: None,
                detail_bytes: 0,
            }),
            _ => Err(Input::status_out_of_range(&format!("{status}"))),
        }
    }

    /// The error for a status outside 100..=599 (`got`, as decimal text, so that a number no
    /// integer type holds can be named): every binding's wording.
    pub fn status_out_of_range(got: &str) -> Error {
        Error::invalid_value("status", "an HTTP status from 100 to 599", got)
    }

    /// A failure reported after the request was accepted and applied: a lifecycle event such as
    /// a webhook saying a message failed or was undelivered (seed 001 "Recommended operational
    /// posture"). Give the event's payload with [`Input::with_body`]; `event` is its name when
    /// known (`message.failed`), kept as the code when the payload names none.
    pub fn lifecycle(event: Option<&'a str>) -> Self {
        Input {
            exchange: Exchange::Lifecycle { event },
            headers: &[],
            body: &[],
            request: Request::default(),
            now: None,
            detail_bytes: 0,
        }
    }

    /// A failure with no response at all. A detail longer than
    /// [`MAX_TRANSPORT_DETAIL_BYTES`] is cut there (at the end of a word).
    pub fn transport(transport: Transport<'a>) -> Self {
        let detail_bytes = transport.detail.map_or(0, str::len);
        let detail = transport
            .detail
            .map(|d| crate::text::head(d, MAX_TRANSPORT_DETAIL_BYTES));
        Input {
            exchange: Exchange::Transport(Transport {
                detail,
                ..transport
            }),
            headers: &[],
            body: &[],
            request: Request::default(),
            now: None,
            detail_bytes,
        }
    }

    /// The body of this response was cut off by `transport` (a reset or timeout while it was
    /// read): what arrived is classified and the outcome is unknown. No effect on a transport
    /// failure, which has no status.
    pub fn cut_off(mut self, transport: Transport<'a>) -> Self {
        if let Exchange::Response(status) | Exchange::Partial(status, _) = self.exchange {
            self.detail_bytes = transport.detail.map_or(0, str::len);
            let detail = transport
                .detail
                .map(|d| crate::text::head(d, MAX_TRANSPORT_DETAIL_BYTES));
            self.exchange = Exchange::Partial(
                status,
                Transport {
                    detail,
                    ..transport
                },
            );
        }
        self
    }

    /// The response headers.
    pub fn with_headers(mut self, headers: Headers<'a>) -> Self {
        self.headers = headers;
        self
    }

    /// The response body, as received (any bytes; only a bounded prefix is read).
    pub fn with_body(mut self, body: &'a [u8]) -> Self {
        self.body = body;
        self
    }

    /// The request context; checked with [`Request::validate`].
    pub fn with_request(mut self, request: Request<'a>) -> Result<Self, Error> {
        request.validate()?;
        self.request = request;
        Ok(self)
    }

    /// The current unix time in seconds, used for an HTTP-date `Retry-After` when the response
    /// has no `Date` header (the core has no clock).
    pub fn with_now(mut self, now: i64) -> Self {
        self.now = Some(now);
        self
    }

    /// The status, absent for a transport failure.
    pub fn status(&self) -> Option<u16> {
        match self.exchange {
            Exchange::Response(status) | Exchange::Partial(status, _) => Some(status),
            Exchange::Transport(_) | Exchange::Lifecycle { .. } => None,
        }
    }

    /// The transport failure, if this is one.
    pub fn transport_failure(&self) -> Option<&Transport<'a>> {
        match &self.exchange {
            Exchange::Response(_) | Exchange::Lifecycle { .. } => None,
            Exchange::Transport(t) | Exchange::Partial(_, t) => Some(t),
        }
    }

    /// The headers.
    pub fn headers(&self) -> Headers<'a> {
        self.headers
    }

    /// The body bytes.
    pub fn body(&self) -> &'a [u8] {
        self.body
    }

    /// The request context.
    pub fn request(&self) -> &Request<'a> {
        &self.request
    }

    /// The caller's clock, if given.
    pub fn now(&self) -> Option<i64> {
        self.now
    }
}
