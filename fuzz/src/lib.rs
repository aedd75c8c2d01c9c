//! The byte format the `typed_input` and `escalation_report` targets decode into an
//! [`errtriage::Input`], built only through the core's public API. `fuzz/seed.sh` writes the
//! vectors of `tests/vectors/` in this format, so the mutator starts from real responses.
//!
//! ```text
//! byte 0     bits 0-1 exchange: 0 response, 1 transport failure, 2 lifecycle event,
//!                     3 response whose body was cut off by a transport failure (`cut_off`)
//!            bit 2 method, 3 endpoint, 4 idempotency key, 5 transport detail,
//!            6 lifecycle event name, 7 `now` — each present when its bit is set
//! bytes 1-2  status, little-endian v: 100 + v % 500; v = 0xFFFF gives 42 (an argument error)
//! byte 3     bits 0-2 transport kind (TransportKind::ALL[n % 6]), bits 3-4 sent
//!            (0 no, 1 yes, else unknown), bits 5-6 token_fresh (1 false, 2 true, else absent)
//! byte 4     bits 0-2 auth (0 absent, n: Auth::ALL[n - 1], past the end absent),
//!            bits 3-7 attempt (0 absent)
//! bytes 5-12 now, i64 little-endian
//! then, separated by NUL bytes: headers (`name: value` lines; a line without `:` is a name
//! with an empty value), method, endpoint, idempotency key, transport detail, lifecycle event,
//! and the body: everything after the sixth NUL, any bytes.
//! ```
//!
//! A shorter input reads as if padded with zero bytes; text is read as UTF-8, lossily.

use errtriage::{Auth, Input, Request, Sent, Transport, TransportKind};

/// Length of the fixed part before the NUL-separated fields.
pub const FIXED: usize = 13;

/// The decoded fields, owned; [`Fields::input`] borrows them into an [`Input`].
#[derive(Debug)]
pub struct Fields {
    pub exchange: u8,
    pub status: i64,
    pub kind: TransportKind,
    pub sent: Sent,
    pub token_fresh: Option<bool>,
    pub auth: Option<Auth>,
    pub attempt: Option<u32>,
    pub now: Option<i64>,
    pub headers: Vec<(String, String)>,
    pub method: Option<String>,
    pub endpoint: Option<String>,
    pub idempotency_key: Option<String>,
    pub detail: Option<String>,
    pub event: Option<String>,
    pub body: Vec<u8>,
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl Fields {
    /// Reads `data` in the format above.
    pub fn decode(data: &[u8]) -> Fields {
        let mut fixed = [0u8; FIXED];
        let n = data.len().min(FIXED);
        fixed[..n].copy_from_slice(&data[..n]);
        let rest = &data[n..];
        let mut parts = rest.splitn(7, |&b| b == 0);
        let mut next = || parts.next().unwrap_or(&[]);
        let (headers, method, endpoint, key, detail, event, body) =
            (next(), next(), next(), next(), next(), next(), next());
        let flags = fixed[0];
        let on = |bit: u8| flags & (1 << bit) != 0;
        let v = u16::from_le_bytes([fixed[1], fixed[2]]);
        let status = if v == 0xFFFF {
            42
        } else {
            100 + i64::from(v % 500)
        };
        let kinds = TransportKind::ALL;
        let kind = kinds[usize::from(fixed[3] & 7) % kinds.len()];
        let sent = match (fixed[3] >> 3) & 3 {
            0 => Sent::No,
            1 => Sent::Yes,
            _ => Sent::Unknown,
        };
        let token_fresh = match (fixed[3] >> 5) & 3 {
            1 => Some(false),
            2 => Some(true),
            _ => None,
        };
        let auth = match usize::from(fixed[4] & 7) {
            0 => None,
            a => Auth::ALL.get(a - 1).copied(),
        };
        let attempt = match fixed[4] >> 3 {
            0 => None,
            a => Some(u32::from(a)),
        };
        let now = on(7).then(|| i64::from_le_bytes(fixed[5..13].try_into().unwrap()));
        let headers = text(headers)
            .split('\n')
            .filter(|l| !l.is_empty())
            .map(|line| match line.split_once(':') {
                Some((name, value)) => (name.to_string(), value.trim_start().to_string()),
                None => (line.to_string(), String::new()),
            })
            .collect();
        Fields {
            exchange: flags & 3,
            status,
            kind,
            sent,
            token_fresh,
            auth,
            attempt,
            now,
            headers,
            method: on(2).then(|| text(method)),
            endpoint: on(3).then(|| text(endpoint)),
            idempotency_key: on(4).then(|| text(key)),
            detail: on(5).then(|| text(detail)),
            event: on(6).then(|| text(event)),
            body: body.to_vec(),
        }
    }

    /// The request context.
    pub fn request(&self) -> Request<'_> {
        Request {
            method: self.method.as_deref(),
            endpoint: self.endpoint.as_deref(),
            idempotency_key: self.idempotency_key.as_deref(),
            token_fresh: self.token_fresh,
            auth: self.auth,
            attempt: self.attempt,
        }
    }

    /// The transport failure of a transport or cut-off exchange.
    pub fn transport(&self) -> Transport<'_> {
        Transport {
            kind: self.kind,
            sent: self.sent,
            detail: self.detail.as_deref(),
        }
    }

    /// The header pairs as the core takes them.
    pub fn header_refs(&self) -> Vec<(&str, &str)> {
        self.headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }

    /// Builds the input through the public API and hands it to `f`; `None` when the core
    /// rejects an argument (a status outside 100–599, a method that is not a token, attempt 0),
    /// after checking that it says which field.
    pub fn with_input<R>(
        &self,
        headers: &[(&str, &str)],
        f: impl FnOnce(&Input<'_>) -> R,
    ) -> Option<R> {
        let base = match self.exchange {
            1 => Input::transport(self.transport()),
            2 => Input::lifecycle(self.event.as_deref()),
            mode => match Input::response(self.status) {
                Ok(input) if mode == 3 => input.cut_off(self.transport()),
                Ok(input) => input,
                Err(e) => {
                    assert_eq!(e.field(), "status", "{e}");
                    return None;
                }
            },
        };
        let input = match base
            .with_headers(headers)
            .with_body(&self.body)
            .with_request(self.request())
        {
            Ok(input) => input,
            Err(e) => {
                assert!(e.field().starts_with("request."), "{e}");
                return None;
            }
        };
        let input = match self.now {
            Some(now) => input.with_now(now),
            None => input,
        };
        Some(f(&input))
    }
}

/// Panics unless `text` is one JSON value.
pub fn assert_json(what: &str, text: &str) {
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        panic!("{what} is not valid JSON ({e}): {text}");
    }
}
