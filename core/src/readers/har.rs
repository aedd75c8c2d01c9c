//! HAR 1.2 files (W3C "HTTP Archive (HAR) format"): the entries of `log.entries`, each the
//! JSON form of one failed call. A HAR is one JSON document, often of hundreds of megabytes:
//! the framer walks it byte by byte, keeping only the entry it is inside, and hands each entry's
//! text on as a record; reading an entry is [`read`].
//!
//! What is read from an entry (the choices of reading a HAR faithfully, nothing about the
//! failure itself):
//! - an entry is a failure when it has no response, a response `_error` (Chrome's name for a
//!   request that got none, e.g. `net::ERR_NAME_NOT_RESOLVED`), a status that is not a positive
//!   number, or a status of 400 or more; other entries are skipped (a HAR holds every request);
//! - a response gives `status`, `headers` (HTTP/2 pseudo-headers such as `:status` left out) and
//!   `content.text` as `body` (`body_base64` when `content.encoding` is `base64`);
//! - no response gives `transport`: the kind and sent-state the core's client-error table gives
//!   the error name ([`crate::transport_failure`]), `other` and unknown for a name it does not
//!   know, the name itself verbatim as `detail`;
//! - the request gives `method` (upper case), `endpoint` (the URL's path and query),
//!   `idempotency_key` (the `Idempotency-Key` header) and `auth` (`bearer` or `basic` from
//!   `Authorization`, `api_key` from `X-Api-Key`; nothing when the export stripped them);
//! - `startedDateTime` (ISO 8601) gives `now`, in unix seconds.

use alloc::borrow::Cow;
use alloc::collections::VecDeque;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::form::{self, Object};
use super::{not_format, Item, Location, Record};
use crate::error::{Error, ErrorKind};
use crate::json_tree::{member, Json};

/// Where the framer stands in the document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the top-level `{`.
    Start,
    /// Inside the document, outside `log.entries`.
    Outside,
    /// Inside `log.entries`, between elements.
    Entries,
    /// After the top-level object.
    Done,
}

/// The byte-level state of the walk.
#[derive(Default)]
pub(crate) struct Framer {
    place: Option<Place>,
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// The last string closed at depth 1 or 2 (a key candidate), at most 16 bytes.
    string: Vec<u8>,
    /// Whether `string` overflowed 16 bytes.
    long: bool,
    /// The key whose value comes next, at depth 1 or 2.
    key: Vec<u8>,
    /// Depth 2 is the `log` object.
    in_log: bool,
    /// `log.entries` was found.
    found: bool,
    /// The element being captured (depth when it started; its kind).
    capture: Option<(usize, u8)>,
    entry: Vec<u8>,
    entries: u64,
}

const KEY_MAX: usize = 16;

impl Framer {
    fn place(&self) -> Place {
        self.place.unwrap_or(Place::Start)
    }

    pub(crate) fn feed(&mut self, chunk: &[u8], out: &mut VecDeque<Record>) -> Result<(), Error> {
        let mut i = 0;
        while let Some(&b) = chunk.get(i) {
            // Inside an element: copy up to the next byte that matters in one go.
            if let Some((start_depth, kind)) = self.capture {
                if self.in_string {
                    let run = chunk
                        .get(i..)
                        .and_then(|rest| rest.iter().position(|&c| c == b'"' || c == b'\\'))
                        .unwrap_or(chunk.len() - i);
                    if run > 0 && !self.escaped {
                        self.entry
                            .extend_from_slice(chunk.get(i..i + run).unwrap_or(&[]));
                        i += run;
                        continue;
                    }
                }
                let scalar_end = kind != b'{'
                    && kind != b'['
                    && kind != b'"'
                    && !self.in_string
                    && self.depth == start_depth
                    && matches!(b, b',' | b']' | b' ' | b'\t' | b'\n' | b'\r');
                if scalar_end {
                    self.finish_entry(false, out);
                    continue;
                }
                self.entry.push(b);
                let was_string = self.in_string;
                self.step(b);
                let closed = match kind {
                    b'{' | b'[' => self.depth == start_depth && !self.in_string,
                    b'"' => was_string && !self.in_string && self.depth == start_depth,
                    _ => false,
                };
                if closed {
                    self.finish_entry(false, out);
                }
                i += 1;
                continue;
            }
            match self.place() {
                Place::Start => {
                    match b {
                        b' ' | b'\t' | b'\n' | b'\r' => {}
                        0xEF | 0xBB | 0xBF if self.depth == 0 => {}
                        b'{' => {
                            self.place = Some(Place::Outside);
                            self.depth = 1;
                        }
                        _ => return Err(not_har()),
                    }
                    i += 1;
                }
                Place::Entries if !self.in_string && self.depth == 3 => {
                    match b {
                        b' ' | b'\t' | b'\n' | b'\r' | b',' => {}
                        b']' => {
                            self.place = Some(Place::Outside);
                            self.step(b);
                        }
                        _ => {
                            self.capture = Some((3, b));
                            self.entry.clear();
                            continue;
                        }
                    }
                    i += 1;
                }
                Place::Outside | Place::Entries => {
                    // Skip a string's contents quickly when it is not a key that matters.
                    if self.in_string && (self.depth > 2 || self.long) && !self.escaped {
                        let run = chunk
                            .get(i..)
                            .and_then(|rest| rest.iter().position(|&c| c == b'"' || c == b'\\'))
                            .unwrap_or(chunk.len() - i);
                        if run > 0 {
                            i += run;
                            continue;
                        }
                    }
                    self.walk(b);
                    if self.depth == 0 {
                        self.place = Some(Place::Done);
                    }
                    i += 1;
                }
                Place::Done => {
                    if !b.is_ascii_whitespace() {
                        return Err(not_format(String::from(
                            "not a HAR file: something follows the top-level object",
                        )));
                    }
                    i += 1;
                }
            }
        }
        Ok(())
    }

    /// Strings and nesting: the one tokenizer of the walk.
    fn step(&mut self, b: u8) {
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
            }
            return;
        }
        match b {
            b'"' => self.in_string = true,
            b'{' | b'[' => self.depth += 1,
            b'}' | b']' => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
    }

    /// A byte outside `log.entries`' elements: keys at depth 1 (`log`) and 2 (`entries`).
    fn walk(&mut self, b: u8) {
        let depth = self.depth;
        if self.in_string {
            let closing = !self.escaped && b == b'"';
            if !closing && depth <= 2 {
                if self.string.len() < KEY_MAX {
                    self.string.push(b);
                } else {
                    self.long = true;
                }
            }
            self.step(b);
            return;
        }
        match b {
            b'"' => {
                self.string.clear();
                self.long = false;
            }
            b':' if depth <= 2 => {
                self.key.clear();
                if !self.long {
                    self.key.extend_from_slice(&self.string);
                }
            }
            b',' if depth <= 2 => self.key.clear(),
            b'{' if depth == 1 && self.key == b"log" => self.in_log = true,
            b'[' if depth == 2 && self.in_log && self.key == b"entries" && !self.found => {
                self.found = true;
                self.place = Some(Place::Entries);
            }
            b'}' if depth == 2 => self.in_log = false,
            _ => {}
        }
        self.step(b);
    }

    fn finish_entry(&mut self, cut: bool, out: &mut VecDeque<Record>) {
        self.capture = None;
        self.entries += 1;
        out.push_back(Record {
            location: Location::Entry(self.entries),
            bytes: core::mem::take(&mut self.entry),
            cut,
        });
    }

    pub(crate) fn end(&mut self, out: &mut VecDeque<Record>) -> Result<(), Error> {
        let mut cut_inside = false;
        if let Some((start_depth, kind)) = self.capture {
            let scalar = !matches!(kind, b'{' | b'[' | b'"');
            let whole = scalar && self.depth == start_depth && !self.in_string;
            cut_inside = !whole;
            self.finish_entry(!whole, out);
        }
        match self.place() {
            Place::Done if self.found => Ok(()),
            Place::Start => Err(not_format(String::from("not a HAR file: it is empty"))),
            _ if !self.found => Err(not_har()),
            Place::Entries | Place::Outside if !cut_inside => {
                // Cut off between entries: what may have followed is missing, and says so.
                self.entries += 1;
                out.push_back(Record {
                    location: Location::Entry(self.entries),
                    bytes: Vec::new(),
                    cut: true,
                });
                Ok(())
            }
            _ => Ok(()),
        }
    }

    pub(crate) fn buffered(&self) -> usize {
        self.entry.len()
    }
}

fn not_har() -> Error {
    not_format(String::from(
        "not a HAR file: expected a JSON object with log.entries",
    ))
}

fn entry_error(message: String) -> Error {
    Error::new(ErrorKind::Value, "", message)
}

/// One entry as an item, or `None` when it is not a failure.
pub(crate) fn read(record: &Record) -> Option<Item> {
    let mut item = Item {
        location: record.location,
        input: Err(entry_error(String::from(if record.bytes.is_empty() {
            "the HAR file ends early: it is cut off after the entries above"
        } else {
            "the HAR file ends inside this entry"
        }))),
        url: None,
        extra: Vec::new(),
    };
    if record.cut {
        return Some(item);
    }
    let Ok(text) = core::str::from_utf8(&record.bytes) else {
        item.input = Err(entry_error(String::from("the entry is not UTF-8")));
        return Some(item);
    };
    let entry = match crate::json_tree::parse(text) {
        Ok(entry) => entry,
        Err(e) => {
            item.input = Err(entry_error(format!("the entry is not valid JSON: {e}")));
            return Some(item);
        }
    };
    let Some(fields) = entry.members() else {
        item.input = Err(entry_error(format!(
            "expected an object, got {}",
            entry.kind()
        )));
        return Some(item);
    };
    let request = member(fields, "request")
        .and_then(Json::members)
        .unwrap_or(&[]);
    let response = member(fields, "response").and_then(Json::members);
    let status = response
        .and_then(|r| member(r, "status"))
        .map_or(0, status_of);
    let error = response
        .and_then(|r| member(r, "_error"))
        .filter(|e| truthy(e));
    if status > 0 && status < 400 && error.is_none() {
        return None;
    }
    let url = member(request, "url").and_then(Json::as_str);
    item.url = url.map(String::from);

    let mut form = Object::new();
    match response {
        Some(response) if status > 0 && error.is_none() => {
            form.int("status", status);
            let headers = list(response, "headers");
            form.pairs(
                "headers",
                headers.iter().filter_map(|h| {
                    let h = h.members()?;
                    let name = member(h, "name")?.as_str()?;
                    if name.starts_with(':') {
                        return None;
                    }
                    let value: &str = match member(h, "value") {
                        Some(Json::Str(v)) => v,
                        _ => "",
                    };
                    Some((name, value))
                }),
            );
            let content = member(response, "content")
                .and_then(Json::members)
                .unwrap_or(&[]);
            if let Some(text) = member(content, "text").and_then(Json::as_str) {
                if member(content, "encoding").and_then(Json::as_str) == Some("base64") {
                    let packed: String =
                        text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
                    if !packed.is_empty() {
                        form.str("body_base64", &packed);
                    }
                } else {
                    form::body(&mut form, text.as_bytes());
                }
            }
        }
        _ => {
            let detail = error
                .and_then(Json::as_str)
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .unwrap_or("no response (status 0)");
            form.raw("transport", &transport(detail));
        }
    }
    let mut req = Object::new();
    if let Some(method) = member(request, "method").and_then(Json::as_str) {
        req.str("method", &method.to_ascii_uppercase());
    }
    if let Some(url) = url.filter(|u| !u.is_empty()) {
        req.str("endpoint", endpoint_of(url));
    }
    let headers = list(request, "headers");
    if let Some(key) = header(headers, "idempotency-key") {
        req.str("idempotency_key", key);
    }
    if let Some(auth) = auth(headers) {
        req.str("auth", auth);
    }
    if !req.is_empty() {
        form.raw("request", &req.finish());
    }
    if let Some(now) = member(fields, "startedDateTime")
        .and_then(Json::as_str)
        .and_then(unix_seconds)
    {
        form.int("now", now);
    }
    item.input = Ok(form.finish());
    Some(item)
}

/// A status as a HAR writes it: a number (or a string of digits, as some exporters write it).
fn status_of(value: &Json<'_>) -> i64 {
    match value {
        Json::Int(n) => *n,
        Json::Str(s) => s.trim().parse().unwrap_or(0),
        _ => 0,
    }
}

fn truthy(value: &Json<'_>) -> bool {
    match value {
        Json::Null | Json::Bool(false) | Json::Int(0) => false,
        Json::Str(s) => !s.is_empty(),
        _ => true,
    }
}

fn list<'v, 'a>(members: &'v [(Cow<'a, str>, Json<'a>)], name: &str) -> &'v [Json<'a>] {
    match member(members, name) {
        Some(Json::Array(items)) => items,
        _ => &[],
    }
}

/// The first value of a header in a HAR name/value list, case-insensitively.
fn header<'v>(headers: &'v [Json<'_>], name: &str) -> Option<&'v str> {
    headers.iter().find_map(|h| {
        let h = h.members()?;
        if !member(h, "name")?.as_str()?.eq_ignore_ascii_case(name) {
            return None;
        }
        member(h, "value")?.as_str()
    })
}

fn auth(headers: &[Json<'_>]) -> Option<&'static str> {
    if let Some(authorization) = header(headers, "authorization") {
        let scheme = authorization.split_ascii_whitespace().next().unwrap_or("");
        if scheme.eq_ignore_ascii_case("bearer") {
            return Some("bearer");
        }
        if scheme.eq_ignore_ascii_case("basic") {
            return Some("basic");
        }
    }
    header(headers, "x-api-key").map(|_| "api_key")
}

/// The JSON form's `transport` for a HAR `_error` name.
fn transport(detail: &str) -> String {
    let name = detail
        .get(..5)
        .filter(|p| p.eq_ignore_ascii_case("net::"))
        .map_or(detail, |_| detail.get(5..).unwrap_or(""))
        .to_ascii_uppercase();
    let known = crate::client_errors::transport_failure(&[name.as_str()], None);
    let mut t = Object::new();
    t.str("kind", known.map_or("other", |k| k.kind.as_str()));
    t.raw(
        "sent",
        match known.and_then(|k| k.sent.as_option()) {
            Some(true) => "true",
            Some(false) => "false",
            None => "null",
        },
    );
    t.str("detail", detail);
    t.finish()
}

/// The path and query of an absolute URL, what the JSON form calls the endpoint (`/v1/items?page=2`), or the text as given when it is
/// not one.
pub fn endpoint_of(url: &str) -> &str {
    let Some((_, rest)) = split_scheme(url) else {
        return url;
    };
    let start = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let path = rest.get(start..).unwrap_or("");
    let path = path.split('#').next().unwrap_or("");
    if path.is_empty() || path.starts_with('?') {
        // No path: the root's (`https://h?q` is `/?q`); the slash is not in the text, so the
        // query alone is returned only when there is one.
        return if path.is_empty() { "/" } else { path };
    }
    path
}

/// The host (and port) of an absolute URL, lower case, without user information.
pub fn host_of(url: &str) -> Option<String> {
    let (_, rest) = split_scheme(url)?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end)?;
    let host = authority.rsplit('@').next().unwrap_or(authority);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// `scheme://rest` → (`scheme`, `rest`).
fn split_scheme(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let mut chars = scheme.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then_some((scheme, rest))
}

/// Unix seconds of an ISO 8601 date-time (`2025-03-01T10:00:00.123+01:00`); one without an
/// offset is read as UTC.
fn unix_seconds(text: &str) -> Option<i64> {
    let b = text.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        core::str::from_utf8(digits).ok()?.parse().ok()
    };
    let sep = |at: usize, c: u8| (b.get(at) == Some(&c)).then_some(());
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    sep(4, b'-')?;
    sep(7, b'-')?;
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || !(1..=12).contains(&month) {
        return None;
    }
    let (hour, minute) = (num(11, 2)?, num(14, 2)?);
    sep(13, b':')?;
    let mut i = 16;
    let mut second = 0;
    if b.get(i) == Some(&b':') {
        second = num(17, 2)?;
        i = 19;
        if matches!(b.get(i), Some(b'.' | b',')) {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset = match b.get(i) {
        None | Some(b'Z' | b'z') if b.len() <= i + 1 => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let h = num(i + 1, 2)?;
            let m = match b.get(i + 3) {
                Some(b':') => num(i + 4, 2)?,
                Some(_) => num(i + 3, 2)?,
                None => 0,
            };
            let minutes = h * 60 + m;
            if sign == b'+' {
                minutes * 60
            } else {
                -minutes * 60
            }
        }
        _ => return None,
    };
    let seconds = crate::http_date::seconds(year, month, day, hour * 3600 + minute * 60 + second)?;
    Some(seconds - offset)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn reads_iso_dates() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_seconds("1970-01-01T01:00:00.999+01:00"), Some(0));
        assert_eq!(
            unix_seconds("2025-03-01T10:00:00-0030"),
            Some(1_740_823_200 + 1800)
        );
        assert_eq!(unix_seconds("1970-01-01T00:01"), Some(60));
        assert_eq!(unix_seconds("yesterday"), None);
        assert_eq!(unix_seconds("1970-13-01T00:00:00Z"), None);
    }

    #[test]
    fn endpoints_and_hosts() {
        assert_eq!(
            endpoint_of("https://api.example.com/v1/x?a=1#frag"),
            "/v1/x?a=1"
        );
        assert_eq!(endpoint_of("https://api.example.com"), "/");
        assert_eq!(endpoint_of("/v1/x"), "/v1/x");
        assert_eq!(
            host_of("https://u:p@API.example.com:8443/v1").as_deref(),
            Some("api.example.com:8443")
        );
        assert_eq!(host_of("/v1"), None);
    }
}
