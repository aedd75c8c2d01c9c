//! Client errors → transport kinds, once (issue 12 §2): what HTTP clients report when no
//! response arrived — Node system error codes, undici, axios and got codes, Chrome net error
//! names, Python `requests` / `urllib3` / `httpx` / `aiohttp` / standard-library exception
//! classes, Rust's `io::ErrorKind` and reqwest's error classes, libcurl error names, Java
//! exception classes, and the texts curl, Go, hyper and Java write —
//! read as the core's [`TransportKind`] and whether the request was sent. Every binding, the
//! retry helpers and the dashboard ask this table; none keeps its own.
//!
//! A caller hands over every name the error carries, most specific first (for an exception, its
//! classes in method resolution order, then those of what it wraps; for a JS error, for each
//! error along `cause`: `name:code:event`, `name:code`, `code`, `name`), and its message. The
//! names decide when one is known; among them, one that says what happened on the wire (a DNS
//! or socket error wrapped inside a client's error) wins over the client's own class, which wins
//! over a generic wrapper (`requests.exceptions.ConnectionError`, `TypeError: fetch failed`).
//! Whether the request was sent is the chosen entry's, else the first definite answer of another
//! matched name or phrase of the same kind. The message's phrases say more than a generic
//! wrapper, and decide alone only when no name is given at all (a line curl or a Go program
//! logged). An error whose names are all unknown (an `AbortError`, a bug's `TypeError`) is not a
//! transport failure: the answer is `None`, and the caller lets the error propagate.

use crate::text::contains_ignore_ascii_case;
use crate::vocab::{Sent, TransportKind};

/// What the table says of one client error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientFailure {
    /// The transport kind.
    pub kind: TransportKind,
    /// Whether the request was fully written.
    pub sent: Sent,
    /// The name or phrase that decided the kind, as written in the table.
    pub matched: &'static str,
    /// Where the meaning of that name or phrase is documented.
    pub source: &'static str,
}

/// How much a name says: what happened on the wire, a client's specific error, or a wrapper.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Says {
    Wire,
    Client,
    Wrapper,
}

struct Entry {
    /// An exact name, or a prefix ending in `*`.
    name: &'static str,
    kind: TransportKind,
    sent: Sent,
    says: Says,
    source: &'static str,
}

struct Phrase {
    /// Every one of these must occur in the message (ASCII case ignored).
    all: &'static [&'static str],
    kind: TransportKind,
    sent: Sent,
    source: &'static str,
}

use Says::{Client, Wire, Wrapper};
use Sent::{No, Unknown, Yes};
use TransportKind::{Connect, Dns, Other, Reset, Timeout, Tls};

const NODE: &str = "Node.js errors, \"Common system errors\" (nodejs.org/api/errors.html)";
const NODE_DNS: &str = "Node.js dns, \"Error codes\" (nodejs.org/api/dns.html)";
const NODE_TLS: &str = "Node.js tls / OpenSSL X509 verify codes (nodejs.org/api/tls.html)";
const UNDICI: &str = "undici \"Errors\" (undici.nodejs.org/#/docs/api/Errors)";
const AXIOS: &str = "axios \"Handling Errors\", error codes (axios-http.com/docs/handling_errors)";
const GOT: &str = "got \"Errors\", TimeoutError.event (github.com/sindresorhus/got/blob/main/documentation/8-errors.md)";
const KY: &str = "ky \"TimeoutError\" (github.com/sindresorhus/ky#timeouterror)";
const FETCH: &str = "WHATWG Fetch §4.1 \"network error\" as each engine words it (TypeError)";
const CHROME: &str = "Chromium net/base/net_error_list.h";
const REQUESTS: &str =
    "requests \"Exceptions\" (requests.readthedocs.io/en/latest/api/#exceptions)";
const URLLIB3: &str =
    "urllib3 \"Exceptions\" (urllib3.readthedocs.io/en/stable/reference/urllib3.exceptions.html)";
const HTTPX: &str = "httpx \"Exceptions\" (www.python-httpx.org/exceptions/)";
const AIOHTTP: &str = "aiohttp \"Client exceptions\" (docs.aiohttp.org/en/stable/client_reference.html#client-exceptions)";
const PYTHON: &str = "Python \"Built-in Exceptions\", OS exceptions; socket; ssl; http.client";
const CURL: &str = "libcurl \"libcurl-errors\" (curl.se/libcurl/c/libcurl-errors.html)";
const JAVA: &str = "Java SE 17 API: java.net, java.net.http, javax.net.ssl";
const GO: &str = "Go net and net/http error texts (pkg.go.dev/net, pkg.go.dev/net/http)";
const GLIBC: &str = "getaddrinfo(3) / strerror(3) texts (glibc, BSD)";
const RUST_IO: &str = "Rust std::io::ErrorKind (doc.rust-lang.org/std/io/enum.ErrorKind.html)";
const REQWEST: &str =
    "reqwest::Error is_connect / is_timeout / is_body / is_request (docs.rs/reqwest 0.12)";
const HYPER: &str = "hyper / hyper-util error texts (docs.rs/hyper, docs.rs/hyper-util)";

macro_rules! entries {
    ($($name:literal => $kind:ident, $sent:ident, $says:ident, $source:ident;)+) => {
        &[$(Entry { name: $name, kind: $kind, sent: $sent, says: $says, source: $source },)+]
    };
}

/// The names, in the order they are tried for one name (the first entry that matches it).
const NAMES: &[Entry] = entries! {
    // Node system errors and DNS codes: what the socket layer said.
    "ECONNREFUSED" => Connect, No, Wire, NODE;
    "EHOSTUNREACH" => Connect, No, Wire, NODE;
    "ENETUNREACH" => Connect, No, Wire, NODE;
    "EHOSTDOWN" => Connect, No, Wire, NODE;
    "ENETDOWN" => Connect, No, Wire, NODE;
    "EADDRNOTAVAIL" => Connect, No, Wire, NODE;
    "ENOTFOUND" => Dns, No, Wire, NODE_DNS;
    "EAI_AGAIN" => Dns, No, Wire, NODE_DNS;
    "EAI_FAIL" => Dns, No, Wire, NODE_DNS;
    "EAI_NONAME" => Dns, No, Wire, NODE_DNS;
    "EAI_NODATA" => Dns, No, Wire, NODE_DNS;
    "ECONNRESET" => Reset, Unknown, Wire, NODE;
    "EPIPE" => Reset, Unknown, Wire, NODE;
    "ETIMEDOUT" => Timeout, Unknown, Wire, NODE;
    "ERR_TLS_*" => Tls, No, Wire, NODE_TLS;
    "ERR_SSL_*" => Tls, No, Wire, NODE_TLS;
    "CERT_*" => Tls, No, Wire, NODE_TLS;
    "DEPTH_ZERO_SELF_SIGNED_CERT" => Tls, No, Wire, NODE_TLS;
    "SELF_SIGNED_CERT_IN_CHAIN" => Tls, No, Wire, NODE_TLS;
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE" => Tls, No, Wire, NODE_TLS;
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY" => Tls, No, Wire, NODE_TLS;
    "ERR_CERT_*" => Tls, No, Wire, CHROME;
    // Chrome net errors (a HAR's `_error`, an extension's webRequest), without `net::`.
    "ERR_NAME_NOT_RESOLVED" => Dns, No, Wire, CHROME;
    "ERR_NAME_RESOLUTION_FAILED" => Dns, No, Wire, CHROME;
    "ERR_DNS_*" => Dns, No, Wire, CHROME;
    "ERR_CONNECTION_REFUSED" => Connect, No, Wire, CHROME;
    "ERR_CONNECTION_FAILED" => Connect, No, Wire, CHROME;
    "ERR_ADDRESS_UNREACHABLE" => Connect, No, Wire, CHROME;
    "ERR_ADDRESS_INVALID" => Connect, No, Wire, CHROME;
    "ERR_INTERNET_DISCONNECTED" => Connect, No, Wire, CHROME;
    "ERR_CONNECTION_TIMED_OUT" => Timeout, No, Wire, CHROME;
    "ERR_TIMED_OUT" => Timeout, Unknown, Wire, CHROME;
    "ERR_EMPTY_RESPONSE" => Reset, Yes, Wire, CHROME;
    "ERR_CONNECTION_RESET" => Reset, Unknown, Wire, CHROME;
    "ERR_CONNECTION_CLOSED" => Reset, Unknown, Wire, CHROME;
    "ERR_CONNECTION_ABORTED" => Reset, Unknown, Wire, CHROME;
    "ERR_BAD_SSL_*" => Tls, No, Wire, CHROME;
    // undici (Node's fetch).
    "UND_ERR_CONNECT_TIMEOUT" => Timeout, No, Client, UNDICI;
    "UND_ERR_HEADERS_TIMEOUT" => Timeout, Yes, Client, UNDICI;
    "UND_ERR_BODY_TIMEOUT" => Timeout, Yes, Client, UNDICI;
    "UND_ERR_RES_CONTENT_LENGTH_MISMATCH" => Reset, Yes, Client, UNDICI;
    "UND_ERR_REQ_CONTENT_LENGTH_MISMATCH" => Other, No, Client, UNDICI;
    "UND_ERR_SOCKET" => Reset, Unknown, Client, UNDICI;
    "UND_ERR_CLOSED" => Reset, Unknown, Client, UNDICI;
    // axios: ECONNABORTED is its timeout (without `transitional.clarifyTimeoutError`), not the
    // socket error of the same name; ERR_NETWORK is the browser's opaque network error.
    "AxiosError:ECONNABORTED" => Timeout, Unknown, Client, AXIOS;
    "AxiosError:ETIMEDOUT" => Timeout, Unknown, Client, AXIOS;
    "AxiosError:ERR_NETWORK" => Other, Unknown, Wrapper, AXIOS;
    "ECONNABORTED" => Reset, Unknown, Client, NODE;
    // got: the phase a TimeoutError happened in (`event`) says whether the request was sent.
    "TimeoutError:ETIMEDOUT:lookup" => Timeout, No, Client, GOT;
    "TimeoutError:ETIMEDOUT:connect" => Timeout, No, Client, GOT;
    "TimeoutError:ETIMEDOUT:secureConnect" => Timeout, No, Client, GOT;
    "TimeoutError:ETIMEDOUT:send" => Timeout, No, Client, GOT;
    "TimeoutError:ETIMEDOUT:response" => Timeout, Yes, Client, GOT;
    "TimeoutError:ETIMEDOUT:socket" => Timeout, Unknown, Client, GOT;
    "TimeoutError:ETIMEDOUT:request" => Timeout, Unknown, Client, GOT;
    "ReadError:ERR_READING_RESPONSE_STREAM" => Reset, Yes, Client, GOT;
    // fetch's network error is a TypeError with the engine's words (`String(error)`); its
    // `cause`, when there is one (undici), says more and wins.
    "TypeError: fetch failed" => Other, Unknown, Wrapper, FETCH;
    "TypeError: Failed to fetch" => Other, Unknown, Wrapper, FETCH;
    "TypeError: NetworkError when attempting to fetch resource." => Other, Unknown, Wrapper, FETCH;
    "TypeError: Load failed" => Other, Unknown, Wrapper, FETCH;
    "TypeError: Network request failed" => Other, Unknown, Wrapper, FETCH;
    "TypeError: terminated" => Reset, Yes, Client, UNDICI;
    // AbortSignal.timeout(), ky's own timeout: any phase.
    "TimeoutError" => Timeout, Unknown, Client, KY;
    // Python: requests (classes in MRO order: ConnectTimeout before ConnectionError).
    "requests.exceptions.ConnectTimeout" => Timeout, No, Client, REQUESTS;
    "requests.exceptions.ReadTimeout" => Timeout, Yes, Client, REQUESTS;
    "requests.exceptions.SSLError" => Tls, No, Client, REQUESTS;
    "requests.exceptions.ProxyError" => Connect, No, Client, REQUESTS;
    "requests.exceptions.ChunkedEncodingError" => Reset, Yes, Client, REQUESTS;
    "requests.exceptions.Timeout" => Timeout, Unknown, Wrapper, REQUESTS;
    "requests.exceptions.ConnectionError" => Other, Unknown, Wrapper, REQUESTS;
    // urllib3 (what requests wraps). NameResolutionError before NewConnectionError (its base).
    "urllib3.exceptions.NameResolutionError" => Dns, No, Client, URLLIB3;
    "urllib3.exceptions.NewConnectionError" => Connect, No, Client, URLLIB3;
    "urllib3.exceptions.ConnectTimeoutError" => Timeout, No, Client, URLLIB3;
    "urllib3.exceptions.ReadTimeoutError" => Timeout, Yes, Client, URLLIB3;
    "urllib3.exceptions.SSLError" => Tls, No, Client, URLLIB3;
    "urllib3.exceptions.ProxyError" => Connect, No, Client, URLLIB3;
    "urllib3.exceptions.IncompleteRead" => Reset, Yes, Client, URLLIB3;
    "urllib3.exceptions.InvalidChunkLength" => Reset, Yes, Client, URLLIB3;
    "urllib3.exceptions.ProtocolError" => Reset, Unknown, Client, URLLIB3;
    "urllib3.exceptions.MaxRetryError" => Other, Unknown, Wrapper, URLLIB3;
    // httpx (and httpcore, which it wraps, with the same class names).
    "httpx.ConnectTimeout" => Timeout, No, Client, HTTPX;
    "httpx.PoolTimeout" => Timeout, No, Client, HTTPX;
    "httpx.WriteTimeout" => Timeout, No, Client, HTTPX;
    "httpx.ReadTimeout" => Timeout, Yes, Client, HTTPX;
    "httpx.ConnectError" => Connect, No, Client, HTTPX;
    "httpx.ProxyError" => Connect, No, Client, HTTPX;
    "httpx.ReadError" => Reset, Yes, Client, HTTPX;
    "httpx.WriteError" => Reset, No, Client, HTTPX;
    "httpx.RemoteProtocolError" => Reset, Unknown, Client, HTTPX;
    "httpx.CloseError" => Reset, Unknown, Client, HTTPX;
    "httpx.TimeoutException" => Timeout, Unknown, Wrapper, HTTPX;
    "httpx.NetworkError" => Other, Unknown, Wrapper, HTTPX;
    "httpcore.ConnectTimeout" => Timeout, No, Client, HTTPX;
    "httpcore.PoolTimeout" => Timeout, No, Client, HTTPX;
    "httpcore.WriteTimeout" => Timeout, No, Client, HTTPX;
    "httpcore.ReadTimeout" => Timeout, Yes, Client, HTTPX;
    "httpcore.ConnectError" => Connect, No, Client, HTTPX;
    "httpcore.ReadError" => Reset, Yes, Client, HTTPX;
    "httpcore.WriteError" => Reset, No, Client, HTTPX;
    "httpcore.RemoteProtocolError" => Reset, Unknown, Client, HTTPX;
    // aiohttp (specific classes before their bases).
    "aiohttp.client_exceptions.ClientConnectorDNSError" => Dns, No, Client, AIOHTTP;
    "aiohttp.client_exceptions.ClientConnectorCertificateError" => Tls, No, Client, AIOHTTP;
    "aiohttp.client_exceptions.ClientConnectorSSLError" => Tls, No, Client, AIOHTTP;
    "aiohttp.client_exceptions.ClientSSLError" => Tls, No, Client, AIOHTTP;
    "aiohttp.client_exceptions.ClientProxyConnectionError" => Connect, No, Client, AIOHTTP;
    "aiohttp.client_exceptions.ConnectionTimeoutError" => Timeout, No, Client, AIOHTTP;
    "aiohttp.client_exceptions.SocketTimeoutError" => Timeout, Yes, Client, AIOHTTP;
    "aiohttp.client_exceptions.ClientConnectorError" => Connect, No, Client, AIOHTTP;
    "aiohttp.client_exceptions.ServerDisconnectedError" => Reset, Unknown, Client, AIOHTTP;
    "aiohttp.client_exceptions.ClientPayloadError" => Reset, Yes, Client, AIOHTTP;
    "aiohttp.client_exceptions.ServerTimeoutError" => Timeout, Unknown, Client, AIOHTTP;
    "aiohttp.client_exceptions.ClientOSError" => Other, Unknown, Wrapper, AIOHTTP;
    "aiohttp.client_exceptions.ClientConnectionError" => Other, Unknown, Wrapper, AIOHTTP;
    // The Python standard library: what the socket layer said.
    "socket.gaierror" => Dns, No, Wire, PYTHON;
    "ssl.SSLCertVerificationError" => Tls, No, Wire, PYTHON;
    "ssl.SSLError" => Tls, No, Wire, PYTHON;
    "builtins.ConnectionRefusedError" => Connect, No, Wire, PYTHON;
    "builtins.ConnectionResetError" => Reset, Unknown, Wire, PYTHON;
    "builtins.ConnectionAbortedError" => Reset, Unknown, Wire, PYTHON;
    "builtins.BrokenPipeError" => Reset, Unknown, Wire, PYTHON;
    "http.client.IncompleteRead" => Reset, Yes, Client, PYTHON;
    "http.client.RemoteDisconnected" => Reset, Unknown, Client, PYTHON;
    "builtins.TimeoutError" => Timeout, Unknown, Wrapper, PYTHON;
    "urllib.error.URLError" => Other, Unknown, Wrapper, PYTHON;
    // libcurl.
    "CURLE_COULDNT_RESOLVE_HOST" => Dns, No, Wire, CURL;
    "CURLE_COULDNT_RESOLVE_PROXY" => Dns, No, Wire, CURL;
    "CURLE_COULDNT_CONNECT" => Connect, No, Wire, CURL;
    "CURLE_SSL_CONNECT_ERROR" => Tls, No, Wire, CURL;
    "CURLE_PEER_FAILED_VERIFICATION" => Tls, No, Wire, CURL;
    "CURLE_SSL_CACERT_BADFILE" => Tls, No, Wire, CURL;
    "CURLE_OPERATION_TIMEDOUT" => Timeout, Unknown, Wire, CURL;
    "CURLE_SEND_ERROR" => Reset, No, Wire, CURL;
    "CURLE_RECV_ERROR" => Reset, Yes, Wire, CURL;
    "CURLE_GOT_NOTHING" => Reset, Yes, Wire, CURL;
    "CURLE_PARTIAL_FILE" => Reset, Yes, Wire, CURL;
    "CURLE_HTTP2_STREAM" => Reset, Unknown, Wire, CURL;
    // Rust: the io::ErrorKind a socket error carries, and reqwest's own classification (names
    // as errtriage-reqwest collects them: `reqwest::Error::connect`, then each source's kind).
    "std::io::ErrorKind::ConnectionRefused" => Connect, No, Wire, RUST_IO;
    "std::io::ErrorKind::HostUnreachable" => Connect, No, Wire, RUST_IO;
    "std::io::ErrorKind::NetworkUnreachable" => Connect, No, Wire, RUST_IO;
    "std::io::ErrorKind::AddrNotAvailable" => Connect, No, Wire, RUST_IO;
    "std::io::ErrorKind::ConnectionReset" => Reset, Unknown, Wire, RUST_IO;
    "std::io::ErrorKind::ConnectionAborted" => Reset, Unknown, Wire, RUST_IO;
    "std::io::ErrorKind::BrokenPipe" => Reset, Unknown, Wire, RUST_IO;
    "std::io::ErrorKind::UnexpectedEof" => Reset, Unknown, Wire, RUST_IO;
    "std::io::ErrorKind::TimedOut" => Timeout, Unknown, Wrapper, RUST_IO;
    "reqwest::Error::connect" => Connect, No, Client, REQWEST;
    "reqwest::Error::timeout" => Timeout, Unknown, Client, REQWEST;
    "reqwest::Error::body" => Reset, Unknown, Client, REQWEST;
    "reqwest::Error::request" => Other, Unknown, Wrapper, REQWEST;
    // Java.
    "java.net.UnknownHostException" => Dns, No, Wire, JAVA;
    "java.net.ConnectException" => Connect, No, Wire, JAVA;
    "java.net.NoRouteToHostException" => Connect, No, Wire, JAVA;
    "java.net.http.HttpConnectTimeoutException" => Timeout, No, Client, JAVA;
    "java.net.http.HttpTimeoutException" => Timeout, Unknown, Client, JAVA;
    "java.net.SocketTimeoutException" => Timeout, Unknown, Wire, JAVA;
    "javax.net.ssl.SSLHandshakeException" => Tls, No, Wire, JAVA;
    "javax.net.ssl.SSLException" => Tls, No, Wire, JAVA;
    "java.net.SocketException" => Reset, Unknown, Wire, JAVA;
    "java.io.EOFException" => Reset, Unknown, Wire, JAVA;
};

macro_rules! phrases {
    ($([$($all:literal),+] => $kind:ident, $sent:ident, $source:ident;)+) => {
        &[$(Phrase { all: &[$($all),+], kind: $kind, sent: $sent, source: $source },)+]
    };
}

/// Phrases of messages, tried in order (the first whose words all occur wins).
const PHRASES: &[Phrase] = phrases! {
    ["no such host"] => Dns, No, GO;
    ["could not resolve host"] => Dns, No, CURL;
    ["could not resolve proxy"] => Dns, No, CURL;
    ["name or service not known"] => Dns, No, GLIBC;
    ["nodename nor servname provided"] => Dns, No, GLIBC;
    ["temporary failure in name resolution"] => Dns, No, GLIBC;
    ["name resolution"] => Dns, No, GLIBC;
    ["getaddrinfo"] => Dns, No, NODE_DNS;
    ["failed to lookup address"] => Dns, No, HYPER;
    ["dns error"] => Dns, No, HYPER;
    ["connection refused"] => Connect, No, GLIBC;
    ["failed to connect to"] => Connect, No, CURL;
    ["no route to host"] => Connect, No, GLIBC;
    ["network is unreachable"] => Connect, No, GLIBC;
    ["tls handshake timeout"] => Timeout, No, GO;
    ["awaiting headers"] => Timeout, Yes, GO;
    ["read timed out"] => Timeout, Yes, JAVA;
    ["connect timed out"] => Timeout, No, JAVA;
    ["connection timed out"] => Timeout, No, GLIBC;
    ["dial tcp", "i/o timeout"] => Timeout, No, GO;
    ["i/o timeout"] => Timeout, Unknown, GO;
    ["context deadline exceeded"] => Timeout, Unknown, GO;
    ["timed out"] => Timeout, Unknown, GLIBC;
    ["timeout"] => Timeout, Unknown, AXIOS;
    ["x509:"] => Tls, No, GO;
    ["tls:"] => Tls, No, GO;
    ["certificate"] => Tls, No, CURL;
    ["ssl routines"] => Tls, No, CURL;
    ["ssl_error"] => Tls, No, CURL;
    ["ssl connect error"] => Tls, No, CURL;
    ["handshake failure"] => Tls, No, CURL;
    ["empty reply from server"] => Reset, Yes, CURL;
    ["recv failure"] => Reset, Yes, CURL;
    ["connection reset"] => Reset, Unknown, GLIBC;
    ["broken pipe"] => Reset, Unknown, GLIBC;
    ["socket hang up"] => Reset, Unknown, NODE;
    ["other side closed"] => Reset, Unknown, UNDICI;
    ["unexpected eof"] => Reset, Unknown, GO;
    ["server closed idle connection"] => Reset, Unknown, GO;
    ["connection closed before message completed"] => Reset, Unknown, HYPER;
};

/// At most this many names are read (a cause chain past it is a loop or a bug).
pub const MAX_CLIENT_ERROR_NAMES: usize = 64;

/// At most this much of the message is read (the transport detail's bound).
const MAX_MESSAGE_BYTES: usize = crate::input::MAX_TRANSPORT_DETAIL_BYTES;

fn entry_for(name: &str) -> Option<&'static Entry> {
    let name = name.strip_prefix("net::").unwrap_or(name);
    NAMES.iter().find(|e| match e.name.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => e.name == name,
    })
}

fn phrases_in(message: &str) -> impl Iterator<Item = &'static Phrase> + '_ {
    PHRASES
        .iter()
        .filter(move |p| p.all.iter().all(|w| contains_ignore_ascii_case(message, w)))
}

/// The transport kind and sent-state of a client error, from the names it carries (most
/// specific first) and its message; `None` when nothing says it is a transport failure.
///
/// ```
/// use errtriage::{transport_failure, Sent, TransportKind};
///
/// // requests' ConnectionError wrapping urllib3's NameResolutionError wrapping socket.gaierror.
/// let names = ["requests.exceptions.ConnectionError", "urllib3.exceptions.NameResolutionError", "socket.gaierror"];
/// let failure = transport_failure(&names, Some("Failed to resolve 'api.example.com'")).unwrap();
/// assert_eq!((failure.kind, failure.sent), (TransportKind::Dns, Sent::No));
/// assert_eq!(transport_failure(&["AbortError"], Some("This operation was aborted")), None);
/// ```
pub fn transport_failure(names: &[&str], message: Option<&str>) -> Option<ClientFailure> {
    let names = names.get(..MAX_CLIENT_ERROR_NAMES).unwrap_or(names);
    let message = message.map(|m| crate::text::head(m, MAX_MESSAGE_BYTES));
    let matched = || names.iter().filter_map(|n| entry_for(n));
    // The most telling entry; among equals, the first given.
    let mut best: Option<&Entry> = None;
    for e in matched() {
        if best.map_or(true, |b| e.says < b.says) {
            best = Some(e);
        }
    }
    let phrase_sent = |kind| {
        message
            .into_iter()
            .flat_map(phrases_in)
            .filter(move |p| p.kind == kind)
            .map(|p| p.sent)
            .find(|s| *s != Unknown)
    };
    match best {
        Some(e) => {
            let sent = if e.sent != Unknown {
                e.sent
            } else {
                matched()
                    .filter(|o| o.kind == e.kind)
                    .map(|o| o.sent)
                    .find(|s| *s != Unknown)
                    .or_else(|| phrase_sent(e.kind))
                    .unwrap_or(Unknown)
            };
            // A wrapper alone says little: a phrase of the message may say more (requests'
            // ConnectionError around a refused connection it did not keep as a cause). And a
            // client's "could not connect" class covers a failed DNS lookup or TLS handshake
            // (httpx's ConnectError, aiohttp's ClientConnectorError): its message tells which.
            let refinable = (e.says == Wrapper && e.kind == Other)
                || (e.says != Wire && matches!(e.kind, Connect | Other));
            let better = |p: &&Phrase| {
                if e.kind == Other {
                    p.kind != Other
                } else {
                    matches!(p.kind, Dns | Tls)
                }
            };
            if refinable {
                if let Some(p) = message.and_then(|m| phrases_in(m).find(better)) {
                    return Some(ClientFailure {
                        kind: p.kind,
                        sent: p.sent,
                        matched: p.all.first().copied().unwrap_or(""),
                        source: p.source,
                    });
                }
            }
            Some(ClientFailure {
                kind: e.kind,
                sent,
                matched: e.name,
                source: e.source,
            })
        }
        // Only a name says an error is a transport failure at all (a bug's message may say
        // "timeout" too): a message decides alone only when no name is given, as for the text
        // curl or a Go program logged.
        None if !names.is_empty() => None,
        None => {
            let p = phrases_in(message?).next()?;
            let sent = if p.sent != Unknown {
                p.sent
            } else {
                phrase_sent(p.kind).unwrap_or(Unknown)
            };
            Some(ClientFailure {
                kind: p.kind,
                sent,
                matched: p.all.first().copied().unwrap_or(""),
                source: p.source,
            })
        }
    }
}

impl ClientFailure {
    /// `{"kind": …, "sent": true|false|null, "matched": …, "source": …}`.
    pub fn to_json(&self) -> alloc::string::String {
        let mut out = alloc::string::String::from("{\"kind\":\"");
        out.push_str(self.kind.as_str());
        out.push_str("\",\"sent\":");
        out.push_str(match self.sent.as_option() {
            Some(true) => "true",
            Some(false) => "false",
            None => "null",
        });
        out.push_str(",\"matched\":");
        crate::text::push_json_string(&mut out, self.matched);
        out.push_str(",\"source\":");
        crate::text::push_json_string(&mut out, self.source);
        out.push('}');
        out
    }
}

/// [`transport_failure`] in the JSON form: `{"names": [...], "message": "..."}` in, the
/// failure's JSON (or `null`) out.
pub fn transport_failure_json(text: &str) -> Result<alloc::string::String, crate::Error> {
    use crate::json_tree::{member, Json};
    use crate::Error;
    let value = crate::json_tree::parse(text).map_err(|e| {
        Error::new(
            crate::ErrorKind::Syntax,
            "",
            alloc::format!("input is not valid JSON: {e}"),
        )
    })?;
    let fields = value
        .members()
        .ok_or_else(|| Error::wrong_type("input", "an object", value.kind()))?;
    if let Some((unknown, _)) = fields
        .iter()
        .find(|(k, _)| k.as_ref() != "names" && k.as_ref() != "message")
    {
        return Err(Error::unknown_field(unknown, &["names", "message"]));
    }
    let mut names = alloc::vec::Vec::new();
    match member(fields, "names") {
        None | Some(Json::Null) => {}
        Some(Json::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                names.push(item.as_str().ok_or_else(|| {
                    Error::wrong_type(&alloc::format!("names[{i}]"), "a string", item.kind())
                })?);
            }
        }
        Some(other) => {
            return Err(Error::wrong_type(
                "names",
                "an array of strings",
                other.kind(),
            ))
        }
    }
    let message = match member(fields, "message") {
        None | Some(Json::Null) => None,
        Some(m) => Some(
            m.as_str()
                .ok_or_else(|| Error::wrong_type("message", "a string", m.kind()))?,
        ),
    };
    Ok(match transport_failure(&names, message) {
        Some(f) => f.to_json(),
        None => alloc::string::String::from("null"),
    })
}
