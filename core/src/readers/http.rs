//! Raw HTTP responses as `curl -si` (or `curl -sv`'s stdout, `nc`, a proxy's dump) prints them:
//! a status line (`HTTP/1.1 502 Bad Gateway`, `HTTP/2 429`), header lines, a blank line and the
//! body; several in one stream (`curl -si a b`, a `100 Continue` before the answer, redirects
//! followed with `-L`). Lines may end in CRLF or LF.
//!
//! Where a body ends: after `Content-Length` bytes when the next message (or the end) stands
//! there; otherwise (no length, or a length that does not fit, as when curl decompressed the
//! body) before the next line that is a status line, or at the end of the stream. A 1xx, 204 or
//! 304 response has no body. Responses under 400 are skipped; each other one is an input with
//! its status, headers in order and body (`body_base64` when it is not UTF-8).

use alloc::collections::VecDeque;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::form::{self, Object};
use super::{Item, Location, Record};
use crate::error::{Error, ErrorKind};

/// The messages of a stream.
#[derive(Default)]
pub(crate) struct Framer {
    buf: Vec<u8>,
    /// Where the search for the next status line resumes, relative to `buf`.
    scan: usize,
    messages: u64,
}

impl Framer {
    pub(crate) fn feed(&mut self, chunk: &[u8], ended: bool, out: &mut VecDeque<Record>) {
        self.buf.extend_from_slice(chunk);
        let mut start = 0;
        loop {
            let data = self.buf.get(start..).unwrap_or(&[]);
            // Blank lines between messages are nothing.
            let skip = data
                .iter()
                .position(|b| !matches!(b, b'\r' | b'\n'))
                .unwrap_or(data.len());
            if skip == data.len() {
                start = self.buf.len();
                self.scan = 0;
                break;
            }
            let data = data.get(skip..).unwrap_or(&[]);
            let from = self.scan.saturating_sub(start + skip);
            match extent(data, ended, from) {
                Extent::Message { len, next } => {
                    self.messages += 1;
                    out.push_back(Record {
                        location: Location::Response(self.messages),
                        bytes: data.get(..len).unwrap_or(data).to_vec(),
                        cut: false,
                    });
                    start += skip + next;
                    self.scan = 0;
                }
                Extent::More { scanned } => {
                    start += skip;
                    self.scan = start + scanned;
                    break;
                }
            }
        }
        self.buf.drain(..start.min(self.buf.len()));
        self.scan = self.scan.saturating_sub(start);
    }

    pub(crate) fn buffered(&self) -> usize {
        self.buf.len()
    }
}

enum Extent {
    /// A message of `len` bytes; the next starts at `next`.
    Message { len: usize, next: usize },
    /// More bytes are needed; the search for a status line got to `scanned`.
    More { scanned: usize },
}

/// Whether a status line (`HTTP/1.1 502 …`, `HTTP/2 502`) starts `line`: the status.
fn status_line(line: &[u8]) -> Option<u16> {
    let rest = line.strip_prefix(b"HTTP/")?;
    let (version, rest) = rest.split_at(rest.iter().position(|&b| b == b' ')?);
    let version_ok = match version {
        [major] => major.is_ascii_digit(),
        [major, b'.', minor] => major.is_ascii_digit() && minor.is_ascii_digit(),
        _ => false,
    };
    let digits = rest.get(1..4)?;
    if !version_ok
        || !digits.iter().all(u8::is_ascii_digit)
        || !matches!(rest.get(4), None | Some(b' ' | b'\r' | b'\n'))
    {
        return None;
    }
    digits
        .iter()
        .try_fold(0u16, |n, d| Some(n * 10 + u16::from(d - b'0')))
}

/// The end of the head (the blank line) and the start of the body.
fn head_end(data: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while let Some(p) = data.get(i..)?.iter().position(|&b| b == b'\n') {
        let nl = i + p;
        match data.get(nl + 1..) {
            Some([b'\n', ..]) => return Some((nl, nl + 2)),
            Some([b'\r', b'\n', ..]) => return Some((nl, nl + 3)),
            Some([b'\r']) | Some([]) => return None,
            _ => i = nl + 1,
        }
    }
    None
}

/// The start of the next line (from `from`) that is a status line: the index of its `\n`.
fn next_status_line(data: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(p) = data.get(i..)?.iter().position(|&b| b == b'\n') {
        let nl = i + p;
        if status_line(data.get(nl + 1..)?).is_some() {
            return Some(nl);
        }
        i = nl + 1;
    }
    None
}

/// A header's value in a head, case-insensitively.
fn header_value<'a>(head: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    head.split(|&b| b == b'\n').skip(1).find_map(|line| {
        let colon = line.iter().position(|&b| b == b':')?;
        let (n, v) = line.split_at(colon);
        n.eq_ignore_ascii_case(name)
            .then(|| v.get(1..).unwrap_or(&[]).trim_ascii())
    })
}

fn extent(data: &[u8], ended: bool, from: usize) -> Extent {
    // The longest status line prefix a cut-off search could be inside.
    const KEEP: usize = 16;
    let until_next = |from: usize| match next_status_line(data, from) {
        Some(nl) => {
            let len = if nl > 0 && data.get(nl - 1) == Some(&b'\r') {
                nl - 1
            } else {
                nl
            };
            Extent::Message { len, next: nl + 1 }
        }
        None if ended => Extent::Message {
            len: data.len(),
            next: data.len(),
        },
        None => Extent::More {
            scanned: data.len().saturating_sub(KEEP).max(from),
        },
    };
    let Some(status) = status_line(data) else {
        // Not a message: everything up to the next status line, as one bad record.
        return until_next(from);
    };
    let Some((head, body)) = head_end(data) else {
        return if ended {
            Extent::Message {
                len: data.len(),
                next: data.len(),
            }
        } else {
            Extent::More { scanned: 0 }
        };
    };
    if matches!(status, 100..=199 | 204 | 304) {
        return Extent::Message {
            len: body,
            next: body,
        };
    }
    let length = header_value(data.get(..head).unwrap_or(&[]), b"content-length")
        .and_then(|v| core::str::from_utf8(v).ok())
        .and_then(|v| v.parse::<usize>().ok());
    if let Some(length) = length {
        let end = body.saturating_add(length);
        match data.get(end..) {
            None if !ended => return Extent::More { scanned: from },
            None => {}
            Some(after) => {
                let rest = after
                    .strip_prefix(b"\r\n")
                    .or_else(|| after.strip_prefix(b"\n"))
                    .unwrap_or(after);
                let newline = after.len() - rest.len();
                if (rest.is_empty() && ended) || status_line(rest).is_some() {
                    return Extent::Message {
                        len: end,
                        next: end + newline,
                    };
                }
                // The next status line may be arriving.
                let arriving = rest.len() < 14
                    && (b"HTTP/".starts_with(rest) || rest.starts_with(b"HTTP/"))
                    || after == b"\r";
                if arriving && !ended {
                    return Extent::More { scanned: from };
                }
            }
        }
    }
    until_next(from.max(body.saturating_sub(1)))
}

fn message_error(message: String) -> Error {
    Error::new(ErrorKind::Value, "", message)
}

/// One message as an item, or `None` when it is not a failure.
pub(crate) fn read(record: &Record) -> Option<Item> {
    let mut item = Item {
        location: record.location,
        input: Err(message_error(String::from(
            "expected a status line such as \"HTTP/1.1 502 Bad Gateway\"",
        ))),
        url: None,
        extra: Vec::new(),
    };
    let data = record.bytes.as_slice();
    let Some(status) = status_line(data) else {
        return Some(item);
    };
    if status < 400 {
        return None;
    }
    let (head, body) = match head_end(data) {
        Some((head, body)) => (
            data.get(..head).unwrap_or(data),
            data.get(body..).unwrap_or(&[]),
        ),
        None => (data, &[][..]),
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    for (i, line) in head.split(|&b| b == b'\n').enumerate().skip(1) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let text = String::from_utf8_lossy(line);
        if matches!(line.first(), Some(b' ' | b'\t')) {
            // An obsolete folded line continues the previous value (RFC 9112 §5.2).
            match headers.last_mut() {
                Some((_, value)) => {
                    value.push(' ');
                    value.push_str(text.trim());
                    continue;
                }
                None => {
                    item.input = Err(message_error(format!(
                        "header line {i} has no \"Name: value\": {}",
                        text.trim()
                    )));
                    return Some(item);
                }
            }
        }
        let Some((name, value)) = text.split_once(':') else {
            item.input = Err(message_error(format!(
                "header line {i} has no \"Name: value\": {}",
                text.trim()
            )));
            return Some(item);
        };
        if name.is_empty()
            || name
                .bytes()
                .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
        {
            item.input = Err(message_error(format!(
                "header line {i} has an invalid name: {}",
                text.trim()
            )));
            return Some(item);
        }
        headers.push((String::from(name), String::from(value.trim())));
    }
    let mut form = Object::new();
    form.int("status", i64::from(status));
    if !headers.is_empty() {
        form.pairs(
            "headers",
            headers.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        );
    }
    form::body(&mut form, body);
    item.input = Ok(form.finish());
    Some(item)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn frame(chunks: &[&[u8]]) -> Vec<Vec<u8>> {
        let mut f = Framer::default();
        let mut out = VecDeque::new();
        for c in chunks {
            f.feed(c, false, &mut out);
        }
        f.feed(&[], true, &mut out);
        out.into_iter().map(|r| r.bytes).collect()
    }

    #[test]
    fn frames_by_length_or_by_the_next_status_line() {
        let stream = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 502 Bad Gateway\r\nContent-Length: 5\r\n\r\nhelloHTTP/2 404\r\n\r\nnot here\nHTTP/1.1 500 x\n\n{}";
        let whole = frame(&[stream]);
        assert_eq!(whole.len(), 4);
        assert!(whole[1].ends_with(b"\r\n\r\nhello"));
        assert_eq!(whole[2], b"HTTP/2 404\r\n\r\nnot here");
        assert_eq!(whole[3], b"HTTP/1.1 500 x\n\n{}");
        let bytes: Vec<&[u8]> = stream.chunks(1).collect();
        assert_eq!(frame(&bytes), whole, "byte by byte");
        let sevens: Vec<&[u8]> = stream.chunks(7).collect();
        assert_eq!(frame(&sevens), whole);
    }

    #[test]
    fn a_wrong_length_falls_back_to_the_next_status_line() {
        let stream =
            b"HTTP/1.1 503 x\r\nContent-Length: 999\r\n\r\nshort\r\nHTTP/1.1 429 y\r\n\r\n";
        let framed = frame(&[stream]);
        assert_eq!(framed.len(), 2);
        assert!(framed[0].ends_with(b"short"));
    }
}
