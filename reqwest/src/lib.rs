//! # errtriage-reqwest
//!
//! A [`reqwest_middleware`] middleware that retries, refreshes credentials once and stops by
//! errtriage's operation driver ([`errtriage::Operation`]): what counts as success, each delay
//! (the server's `Retry-After` within the policy's cap, else capped backoff with full jitter),
//! when to stop and why, are the core's, the same as in errtriage's Python and JavaScript
//! helpers. A POST without an `Idempotency-Key` whose outcome is unknown is never sent again.
//!
//! ```no_run
//! use errtriage_reqwest::Errtriage;
//! use reqwest_middleware::ClientBuilder;
//!
//! # async fn run() -> Result<(), reqwest_middleware::Error> {
//! let client = ClientBuilder::new(reqwest::Client::new()).with(Errtriage::new()).build();
//! let response = client.get("http://127.0.0.1:8080/v1/items").send().await?;
//! if let Some(triage) = response.extensions().get::<errtriage_reqwest::Triage>() {
//!     // The operation stopped on this response: what to do instead, and why.
//!     eprintln!("{}", triage.message);
//! }
//! # Ok(()) }
//! ```
//!
//! What it does with each attempt's result:
//! - a response whose status the core wants read ([`errtriage::Operation::wants_body`]: every
//!   status but a success's) has its body read up to the core's prefix
//!   ([`errtriage::BODY_PREFIX_BYTES`]), never more, and the caller gets the whole response
//!   back: the prefix joined to the rest of the stream. A body cut off while read is the core's
//!   partial response;
//! - a transport error is read by the core's client-error table from reqwest's own
//!   classification and the `io::ErrorKind`s of its sources ([`errtriage::transport_failure`]);
//! - an attempt past [`Errtriage::attempt_timeout`] is given up and fed as such.
//!
//! On a stop it hands back the last response, with a [`Triage`] in its extensions (the step, the
//! core's sentence and every failure's verdict); after a transport error or an attempt timeout,
//! a [`Stopped`] error carrying the [`Triage`] and the last error. A request whose body cannot
//! be cloned (a stream) is sent once, as it is.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use errtriage::{
    Classifier, Input, Operation, OperationOptions, Request as CoreRequest, RetryBudget,
    RetryPolicy, Step, Transport, Verdict,
};
use futures_util::StreamExt;
use http::Extensions;
use reqwest::{Request, Response};
use reqwest_middleware::{Middleware, Next, Result};

/// A core call's result.
type CoreResult<T> = std::result::Result<T, errtriage::Error>;

/// A credential refresh: given the request about to be sent again, refresh the credentials and
/// update the request (its `Authorization` header).
pub type Refresh =
    Arc<dyn Fn(&mut Request) -> Pin<Box<dyn Future<Output = Result<()>> + Send>> + Send + Sync>;

/// What the operation stopped with, in the last response's extensions.
#[derive(Clone, Debug)]
pub struct Triage {
    /// The driver's last step (a `Step::Stop`).
    pub step: Step,
    /// The core's sentence for a person.
    pub message: String,
    /// Every failure's verdict, oldest first, the last one included.
    pub history: Vec<Verdict>,
}

/// The middleware. Cheap to clone; a shared [`RetryBudget`] is shared by its clones.
#[derive(Clone)]
pub struct Errtriage {
    policy: RetryPolicy,
    classifier: Classifier,
    budget: Option<Arc<Mutex<RetryBudget>>>,
    refresh: Option<Refresh>,
    attempt_timeout: Option<Duration>,
    seed: Option<u64>,
}

impl Default for Errtriage {
    fn default() -> Self {
        Errtriage::new()
    }
}

impl Errtriage {
    /// The core's default policy, the built-in rules, no budget, no refresh.
    pub fn new() -> Self {
        Errtriage {
            policy: RetryPolicy::default(),
            classifier: Classifier::builtin(),
            budget: None,
            refresh: None,
            attempt_timeout: None,
            seed: None,
        }
    }

    /// Runs operations under `policy`.
    pub fn policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Classifies with `classifier` (a user's rules over the built-in ones).
    pub fn classifier(mut self, classifier: Classifier) -> Self {
        self.classifier = classifier;
        self
    }

    /// Charges `budget`, shared with other operations, for each retry.
    pub fn budget(mut self, budget: Arc<Mutex<RetryBudget>>) -> Self {
        self.budget = Some(budget);
        self
    }

    /// Refreshes credentials, once per operation, when the verdict asks for it; without it
    /// such a failure stops (`refresh_unavailable`).
    pub fn refresh(mut self, refresh: Refresh) -> Self {
        self.refresh = Some(refresh);
        self
    }

    /// Gives up on an attempt after `timeout` (a `timeout` that may have been sent).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Draws the jitter from the core's `SplitMix64` seeded with `seed` (reproducible delays);
    /// otherwise from the clock's nanoseconds, which is enough for jitter.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    fn feed(&self, op: &mut Operation, input: &Input<'_>) -> CoreResult<Step> {
        let draw = self.draw();
        match &self.budget {
            Some(b) => {
                let mut bucket = b.lock().unwrap_or_else(|e| e.into_inner());
                op.feed(input, draw, Some(&mut bucket))
            }
            None => op.feed(input, draw, None),
        }
    }

    fn feed_timed_out(&self, op: &mut Operation, after: Duration) -> CoreResult<Step> {
        let draw = self.draw();
        let ms = u64::try_from(after.as_millis()).unwrap_or(u64::MAX);
        match &self.budget {
            Some(b) => {
                let mut bucket = b.lock().unwrap_or_else(|e| e.into_inner());
                op.feed_timed_out(ms, draw, Some(&mut bucket))
            }
            None => op.feed_timed_out(ms, draw, None),
        }
    }

    fn draw(&self) -> Option<f64> {
        if self.seed.is_some() {
            return None;
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        Some(f64::from(nanos % 1_000_000_000) / 1e9)
    }
}

/// The outcome of one attempt, ready to feed.
enum Outcome {
    /// A response; `body` the prefix read when the core wanted it, `cut` what ended it early.
    Response {
        response: ResponseParts,
        body: Vec<u8>,
        cut: Option<String>,
    },
    Failed(reqwest_middleware::Error),
    TimedOut(Duration),
}

/// A response taken apart so that its body prefix can be read and joined back.
struct ResponseParts {
    status: u16,
    headers: Vec<(String, String)>,
    rebuilt: Response,
}

/// Reads up to the core's prefix of `response`'s body, and gives back a response whose body is
/// that prefix followed by the rest of the stream (nothing is lost), the prefix, and the
/// error that cut the body off, if one did.
async fn read_prefix(response: Response) -> (ResponseParts, Vec<u8>, Option<String>) {
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let version = response.version();
    let header_map = response.headers().clone();
    let extensions = response.extensions().clone();
    let url = response.url().clone();
    let mut stream = response.bytes_stream();
    let mut prefix: Vec<u8> = Vec::new();
    let mut chunks: Vec<Bytes> = Vec::new();
    let mut cut = None;
    while prefix.len() < errtriage::BODY_PREFIX_BYTES {
        match stream.next().await {
            None => break,
            Some(Ok(chunk)) => {
                let room = errtriage::BODY_PREFIX_BYTES - prefix.len();
                prefix.extend_from_slice(chunk.get(..room.min(chunk.len())).unwrap_or(&chunk));
                chunks.push(chunk);
            }
            Some(Err(e)) => {
                cut = Some(error_text(&e));
                break;
            }
        }
    }
    let head = futures_util::stream::iter(chunks.into_iter().map(Ok::<Bytes, reqwest::Error>));
    let body = reqwest::Body::wrap_stream(head.chain(stream));
    let mut builder = http::Response::builder().status(status).version(version);
    if let Some(h) = builder.headers_mut() {
        *h = header_map;
    }
    let rebuilt = match builder.body(body) {
        Ok(mut r) => {
            *r.extensions_mut() = extensions;
            let mut response = Response::from(r);
            // `From<http::Response>` has no URL to give: keep the original's.
            response.extensions_mut().insert(url);
            response
        }
        // Status and headers came from a valid response: building cannot fail. Should it,
        // the prefix still decides, with an empty response in its place.
        Err(_) => Response::from(http::Response::new(reqwest::Body::from(Vec::new()))),
    };
    (
        ResponseParts {
            status,
            headers,
            rebuilt,
        },
        prefix,
        cut,
    )
}

/// An error and its sources, joined with `: ` (what the client said, for the core's detail).
fn error_text(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = s.source();
    }
    text
}

/// The names a transport error carries for the core's table: reqwest's classification, then
/// the `io::ErrorKind` of each source.
fn error_names(error: &reqwest_middleware::Error) -> (Vec<String>, String) {
    let mut names = Vec::new();
    match error {
        reqwest_middleware::Error::Reqwest(e) => {
            if e.is_timeout() {
                names.push(String::from("reqwest::Error::timeout"));
            }
            if e.is_connect() {
                names.push(String::from("reqwest::Error::connect"));
            }
            if e.is_body() {
                names.push(String::from("reqwest::Error::body"));
            }
            if e.is_request() {
                names.push(String::from("reqwest::Error::request"));
            }
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                if let Some(io) = s.downcast_ref::<std::io::Error>() {
                    names.push(format!("std::io::ErrorKind::{:?}", io.kind()));
                }
                source = s.source();
            }
            (names, error_text(e))
        }
        reqwest_middleware::Error::Middleware(e) => (names, format!("{e:#}")),
    }
}

#[async_trait::async_trait]
impl Middleware for Errtriage {
    async fn handle(
        &self,
        req: Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> Result<Response> {
        // A body that cannot be cloned (a stream) cannot be sent twice: once, as it is.
        let Some(mut template) = req.try_clone() else {
            return next.run(req, extensions).await;
        };
        drop(req);
        let method = template.method().as_str().to_owned();
        let endpoint = template.url().path().to_owned();
        let key = template
            .headers()
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let payload: Option<Vec<u8>> = template
            .body()
            .and_then(|b| b.as_bytes())
            .map(<[u8]>::to_vec);
        let mut op = Operation::start_with(
            &self.classifier,
            OperationOptions {
                policy: self.policy,
                seed: self.seed,
                can_refresh: self.refresh.is_some(),
                request: CoreRequest {
                    method: Some(&method),
                    endpoint: Some(&endpoint),
                    idempotency_key: key.as_deref(),
                    ..CoreRequest::default()
                },
            },
        )
        .map_err(|e| reqwest_middleware::Error::middleware(CoreError(e)))?;
        loop {
            let Some(attempt) = template.try_clone() else {
                return next.run(template, extensions).await;
            };
            op.observe(CoreRequest::default(), payload.as_deref())
                .map_err(|e| reqwest_middleware::Error::middleware(CoreError(e)))?;
            let started = Instant::now();
            let sent = next.clone().run(attempt, extensions);
            let outcome = match self.attempt_timeout {
                Some(limit) => match tokio::time::timeout(limit, sent).await {
                    Ok(result) => to_outcome(result).await,
                    Err(_) => Outcome::TimedOut(limit),
                },
                None => to_outcome(sent.await).await,
            };
            op.record_call_ms(u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
            let (step, last) = match outcome {
                Outcome::TimedOut(limit) => {
                    let step = self.feed_timed_out(&mut op, limit);
                    (step, Last::TimedOut)
                }
                Outcome::Failed(error) => {
                    let (names, message) = error_names(&error);
                    let names: Vec<&str> = names.iter().map(String::as_str).collect();
                    match errtriage::transport_failure(&names, Some(&message)) {
                        // Not a transport failure (a bug, a builder error): the caller's.
                        None => return Err(error),
                        Some(found) => {
                            let input = Input::transport(Transport {
                                kind: found.kind,
                                sent: found.sent,
                                detail: Some(&message),
                            });
                            (self.feed(&mut op, &input), Last::Error(error))
                        }
                    }
                }
                Outcome::Response {
                    response,
                    body,
                    cut,
                } => {
                    let headers: Vec<(&str, &str)> = response
                        .headers
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    let step = Input::response(response.status).and_then(|input| {
                        let input = input.with_headers(&headers).with_body(&body);
                        let input = match cut.as_deref() {
                            Some(detail) => input.cut_off(Operation::body_cut(Some(detail))),
                            None => input,
                        };
                        self.feed(&mut op, &input)
                    });
                    (step, Last::Response(response.rebuilt))
                }
            };
            let step = step.map_err(|e| reqwest_middleware::Error::middleware(CoreError(e)))?;
            match step {
                // Only a response is a success; the arms keep the compiler's match whole.
                Step::Done => match last {
                    Last::Response(response) => return Ok(response),
                    Last::Error(error) => return Err(error),
                    Last::TimedOut => continue,
                },
                Step::Retry { delay_ms } => {
                    tokio::time::sleep(Duration::from_millis(delay_ms)).await;
                }
                Step::Refresh => {
                    if let Some(refresh) = &self.refresh {
                        refresh(&mut template).await?;
                    }
                }
                Step::Stop { .. } => {
                    let triage = Triage {
                        step,
                        message: op.stop_message().unwrap_or_default().to_owned(),
                        history: op.history().to_vec(),
                    };
                    return match last {
                        Last::Response(mut response) => {
                            response.extensions_mut().insert(triage);
                            Ok(response)
                        }
                        Last::Error(error) => Err(reqwest_middleware::Error::middleware(Stopped {
                            triage,
                            error: Some(error),
                        })),
                        Last::TimedOut => Err(reqwest_middleware::Error::middleware(Stopped {
                            triage,
                            error: None,
                        })),
                    };
                }
            }
        }
    }
}

/// What the last attempt left: its response, its error, or nothing (it timed out).
enum Last {
    Response(Response),
    Error(reqwest_middleware::Error),
    TimedOut,
}

async fn to_outcome(result: Result<Response>) -> Outcome {
    match result {
        Err(error) => Outcome::Failed(error),
        Ok(response) if Operation::wants_body(response.status().as_u16()) => {
            let (response, body, cut) = read_prefix(response).await;
            Outcome::Response {
                response,
                body,
                cut,
            }
        }
        Ok(response) => Outcome::Response {
            response: ResponseParts {
                status: response.status().as_u16(),
                headers: Vec::new(),
                rebuilt: response,
            },
            body: Vec::new(),
            cut: None,
        },
    }
}

/// An argument error from the core (an invalid method or key), as a middleware error.
#[derive(Debug)]
struct CoreError(errtriage::Error);

impl std::fmt::Display for CoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.message())
    }
}

impl std::error::Error for CoreError {}

/// The operation stopped on an attempt that brought no response: a transport error (`error`,
/// also this error's `source()`) or an attempt past the timeout (`error` is `None`). The
/// [`Triage`] says what to do instead — for a POST without a key whose outcome is unknown,
/// `reconcile`.
#[derive(Debug)]
pub struct Stopped {
    /// What the operation stopped with.
    pub triage: Triage,
    /// The last attempt's transport error, if it had one.
    pub error: Option<reqwest_middleware::Error>,
}

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.triage.message)
    }
}

impl std::error::Error for Stopped {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}
