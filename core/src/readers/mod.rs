//! Input readers (issue 14 §1): the files people have at hand when calls fail — a HAR 1.2
//! export, raw HTTP responses as `curl -si` prints them, a log in the JSON form with members of
//! its own — read into inputs in the JSON form, one per failure, for [`crate::classify_json`]
//! or [`crate::Classifier::classify_json`]. The CLI, every binding and the dashboard read files
//! with this module, so a file gives the same inputs everywhere.
//!
//! Reading is streamed and split in two steps so that a caller can spread the work over
//! threads: a [`Reader`] is fed bytes in chunks of any size and hands out [`Record`]s (the bytes
//! of one HAR entry, one HTTP message or one log line, in order, with where they stand), holding
//! no more than one record's bytes whatever the input's size; [`Record::read`] then turns one
//! record into an [`Item`] (the JSON form, or why the record cannot be one). [`read`] does both
//! for a whole document in memory (the bindings' `read_inputs` / `readInputs`).
//!
//! A bad record is an [`Item`] with an error and reading goes on; only a document that is not
//! of its format at all (a HAR without `log.entries`) ends reading with an [`Error`].

mod form;
mod har;
mod http;
mod ndjson;

pub use har::{endpoint_of, host_of};

use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write};

use crate::error::{Error, ErrorKind};
use crate::text::push_json_string;

/// The formats read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// A HAR 1.2 file (`{"log": {"entries": [...]}}`): one input per failed entry (status 400
    /// or more, or no response at all); successful entries are counted as skipped.
    Har,
    /// Raw HTTP responses as `curl -si` prints them (status line, headers, blank line, body),
    /// one or several in a stream: one input per failed response (status 400 or more); other
    /// responses (a `100 Continue`, a redirect, a success) are counted as skipped.
    Http,
    /// One input in the JSON form per line. Members the JSON form does not have (`ts`, `id`,
    /// …) are passed through beside the input ([`Item::extra`]) instead of being rejected.
    Ndjson,
}

impl Format {
    /// Every format, in the order of their names in messages.
    pub const ALL: [Format; 3] = [Format::Har, Format::Http, Format::Ndjson];

    /// The format's name: `har`, `http` or `ndjson`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Har => "har",
            Format::Http => "http",
            Format::Ndjson => "ndjson",
        }
    }

    /// The format called `name`.
    pub fn parse(name: &str) -> Result<Format, Error> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == name)
            .ok_or_else(|| {
                Error::invalid_value(
                    "format",
                    "one of har, http, ndjson",
                    &crate::error::quoted(name),
                )
            })
    }

    /// The format a document starting with `head` is in: `http` when it starts with a status
    /// line (`HTTP/`), `har` when it is an object whose first member is `log`, else `ndjson`.
    /// A few hundred bytes are enough; white space and a byte order mark are skipped.
    pub fn guess(head: &[u8]) -> Format {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let head = head.get(start..).unwrap_or(&[]);
        if head.starts_with(b"HTTP/") {
            return Format::Http;
        }
        if let Some(rest) = head.strip_prefix(b"{") {
            let start = rest
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(rest.len());
            if rest.get(start..).is_some_and(|r| r.starts_with(b"\"log\"")) {
                return Format::Har;
            }
        }
        Format::Ndjson
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a record stands in its document (1-based), named as messages name it: `entry 3`,
/// `response 2`, `line 17`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// The n-th element of a HAR's `log.entries`.
    Entry(u64),
    /// The n-th HTTP message of a stream.
    Response(u64),
    /// The n-th line of a log.
    Line(u64),
}

impl Location {
    /// The word: `entry`, `response` or `line`.
    pub const fn word(self) -> &'static str {
        match self {
            Location::Entry(_) => "entry",
            Location::Response(_) => "response",
            Location::Line(_) => "line",
        }
    }

    /// The 1-based number.
    pub const fn number(self) -> u64 {
        match self {
            Location::Entry(n) | Location::Response(n) | Location::Line(n) => n,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.word(), self.number())
    }
}

/// One input read from a document: the JSON form, or why the record is not one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Where it stands.
    pub location: Location,
    /// The input in the JSON form (text for `classify_json`), or the problem with the record
    /// (for a log line, the error `classify_json` gives that line).
    pub input: Result<String, Error>,
    /// The request's URL as the document gives it (HAR entries).
    pub url: Option<String>,
    /// A log line's members that are not the JSON form's, in order: the name and the value's
    /// JSON text exactly as written.
    pub extra: Vec<(String, String)>,
}

impl Item {
    /// The JSON text of the extra member `name`, as written.
    pub fn extra(&self, name: &str) -> Option<&str> {
        self.extra
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// `{"line": 3, "input": "…", "extra": {…}}`, or `{"entry": 3, "error": "…", "url": "…"}`:
    /// the location's word and number, then the input's JSON text (or the error's message),
    /// then `url` and `extra` when there are any.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(64 + self.input.as_ref().map_or(0, String::len));
        out.push_str("{\"");
        out.push_str(self.location.word());
        out.push_str("\":");
        let _ = write!(out, "{}", self.location.number());
        match &self.input {
            Ok(input) => {
                out.push_str(",\"input\":");
                push_json_string(&mut out, input);
            }
            Err(e) => {
                out.push_str(",\"error\":");
                push_json_string(&mut out, e.message());
            }
        }
        if let Some(url) = &self.url {
            out.push_str(",\"url\":");
            push_json_string(&mut out, url);
        }
        if !self.extra.is_empty() {
            out.push_str(",\"extra\":{");
            for (i, (name, value)) in self.extra.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json_string(&mut out, name);
                out.push(':');
                out.push_str(value);
            }
            out.push('}');
        }
        out.push('}');
        out
    }
}

/// The bytes of one record, in order, as a [`Reader`] framed them; [`Record::read`] makes the
/// [`Item`]. Records are independent of each other: they may be read on any thread.
#[derive(Clone, Debug)]
pub struct Record {
    location: Location,
    bytes: Vec<u8>,
    /// The document ended inside this record (a HAR entry cut off).
    cut: bool,
}

impl Record {
    /// Where the record stands.
    pub fn location(&self) -> Location {
        self.location
    }

    /// The record's bytes, as they stand in the document.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The record as an input, or `None` when it is not a failure (a successful HAR entry or
    /// HTTP response: counted as skipped, not an input).
    pub fn read(&self) -> Option<Item> {
        match self.location {
            Location::Line(_) => Some(ndjson::read(self)),
            Location::Entry(_) => har::read(self),
            Location::Response(_) => http::read(self),
        }
    }
}

enum Framer {
    Ndjson(ndjson::Framer),
    Har(har::Framer),
    Http(http::Framer),
}

/// A push/pull reader: [`Reader::feed`] it chunks of any size, [`Reader::end`] it at the end,
/// and take the records with [`Reader::next`] in between. It holds the bytes of the record it
/// is framing (one HAR entry, one HTTP message, one line) and the records framed from the last
/// chunk, never the whole document.
///
/// ```
/// use errtriage::readers::{Format, Reader};
///
/// let mut reader = Reader::new(Format::Ndjson);
/// reader.feed(b"{\"status\": 502, \"ts\": \"12:00\"}\n{\"sta");
/// reader.feed(b"tus\": 404}\n");
/// reader.end();
/// let mut items = Vec::new();
/// while let Some(record) = reader.next() {
///     items.extend(record?.read());
/// }
/// assert_eq!(items[0].input.as_deref(), Ok(r#"{"status": 502}"#));
/// assert_eq!(items[0].extra("ts"), Some("\"12:00\""));
/// assert_eq!(items[1].location.to_string(), "line 2");
/// # Ok::<(), errtriage::Error>(())
/// ```
pub struct Reader {
    framer: Framer,
    ready: VecDeque<Record>,
    failed: Option<Error>,
    ended: bool,
}

impl Reader {
    /// A reader of `format`.
    pub fn new(format: Format) -> Reader {
        Reader {
            framer: match format {
                Format::Ndjson => Framer::Ndjson(ndjson::Framer::default()),
                Format::Har => Framer::Har(har::Framer::default()),
                Format::Http => Framer::Http(http::Framer::default()),
            },
            ready: VecDeque::new(),
            failed: None,
            ended: false,
        }
    }

    /// The format read.
    pub fn format(&self) -> Format {
        match self.framer {
            Framer::Ndjson(_) => Format::Ndjson,
            Framer::Har(_) => Format::Har,
            Framer::Http(_) => Format::Http,
        }
    }

    /// Reads the next chunk of the document.
    pub fn feed(&mut self, chunk: &[u8]) {
        if self.ended || self.failed.is_some() {
            return;
        }
        let result = match &mut self.framer {
            Framer::Ndjson(f) => {
                f.feed(chunk, &mut self.ready);
                Ok(())
            }
            Framer::Har(f) => f.feed(chunk, &mut self.ready),
            Framer::Http(f) => {
                f.feed(chunk, false, &mut self.ready);
                Ok(())
            }
        };
        if let Err(e) = result {
            self.failed = Some(e);
        }
    }

    /// Says the document has ended: the last record is framed.
    pub fn end(&mut self) {
        if self.ended || self.failed.is_some() {
            self.ended = true;
            return;
        }
        self.ended = true;
        let result = match &mut self.framer {
            Framer::Ndjson(f) => {
                f.end(&mut self.ready);
                Ok(())
            }
            Framer::Har(f) => f.end(&mut self.ready),
            Framer::Http(f) => {
                f.feed(&[], true, &mut self.ready);
                Ok(())
            }
        };
        if let Err(e) = result {
            self.failed = Some(e);
        }
    }

    /// The next record framed, `None` when more bytes (or the end) are needed, or an error when
    /// the document is not of its format (after the records framed before the problem); after
    /// an error the reader gives nothing more.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Result<Record, Error>> {
        match self.ready.pop_front() {
            Some(record) => Some(Ok(record)),
            None => self.failed.take().map(Err),
        }
    }

    /// How many bytes the reader holds now (the record being framed and those not taken).
    pub fn buffered(&self) -> usize {
        let framing = match &self.framer {
            Framer::Ndjson(f) => f.buffered(),
            Framer::Har(f) => f.buffered(),
            Framer::Http(f) => f.buffered(),
        };
        framing + self.ready.iter().map(|r| r.bytes.len()).sum::<usize>()
    }
}

/// A whole document, read: its format, the inputs in order, and how many records were not
/// failures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    /// The format read (given, or guessed from the first bytes).
    pub format: Format,
    /// One item per failure, in the document's order.
    pub items: Vec<Item>,
    /// Successful HAR entries and HTTP responses, not read as inputs.
    pub skipped: u64,
}

impl Read {
    /// `{"format": "har", "items": [...], "skipped": 12}` with each item's [`Item::to_json`].
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"format\":\"");
        out.push_str(self.format.as_str());
        out.push_str("\",\"items\":[");
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&item.to_json());
        }
        out.push_str("],\"skipped\":");
        let _ = write!(out, "{}", self.skipped);
        out.push('}');
        out
    }
}

/// Reads a whole document in `format` (guessed with [`Format::guess`] when `None`).
///
/// ```
/// use errtriage::readers::{read, Format};
///
/// let curl = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\n\r\nslow down";
/// let read = read(curl, None)?;
/// assert_eq!(read.format, Format::Http);
/// assert_eq!(read.skipped, 1);
/// let verdict = errtriage::classify_json(read.items[0].input.as_ref().unwrap())?;
/// assert!(verdict.contains(r#""retry_after_ms":3000"#));
/// # Ok::<(), errtriage::Error>(())
/// ```
pub fn read(data: &[u8], format: Option<Format>) -> Result<Read, Error> {
    let format = format.unwrap_or_else(|| Format::guess(data.get(..512).unwrap_or(data)));
    let mut reader = Reader::new(format);
    reader.feed(data);
    reader.end();
    let mut items = Vec::new();
    let mut skipped = 0;
    while let Some(record) = reader.next() {
        match record?.read() {
            Some(item) => items.push(item),
            None => skipped += 1,
        }
    }
    Ok(Read {
        format,
        items,
        skipped,
    })
}

/// [`read`] for the bindings: the format by name (`None`: guessed), the result as
/// [`Read::to_json`].
pub fn read_json(data: &[u8], format: Option<&str>) -> Result<String, Error> {
    let format = format.map(Format::parse).transpose()?;
    read(data, format).map(|r| r.to_json())
}

/// A document-level error: the document is not of its format.
fn not_format(message: String) -> Error {
    Error::new(ErrorKind::Value, "", message)
}
