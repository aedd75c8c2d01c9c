//! Reading the body: a bounded prefix, then one of empty, JSON, HTML, XML, text or malformed.
//! Linear in the prefix and bounded in memory whatever arrives (DESIGN.md §6): a 1 MB page
//! costs what its first 64 KiB cost. A JSON body longer than the prefix keeps what the prefix
//! holds (issue 11 §2): an error object, code, message, request id or delay read before the
//! cut count as if the body ended there.

pub(crate) mod json;
pub(crate) mod markup;

use crate::headers::{Name, ResponseHeaders};
use json::{Arena, Parsed, Value};

/// How much of a body is read. Error bodies are small; anything larger is classified from
/// this prefix.
pub const BODY_PREFIX_BYTES: usize = 64 * 1024;

/// The body, read.
pub(crate) enum Body<'t, 'a> {
    Empty,
    /// A JSON document (its top-level value), or what the prefix held of a longer one; its
    /// containers live in the caller's arena (`'t`).
    Json {
        value: Value<'t, 'a>,
    },
    Html {
        title: Option<&'a str>,
        heading: Option<&'a str>,
    },
    /// An XML document: its text, for the readers of `<Code>`, SOAP faults and the like.
    Xml(&'a str),
    Text(&'a str),
    /// Not UTF-8 (RFC 8259 §8.1), a syntax error, or a whole body that ends inside its JSON.
    Malformed,
}

/// Reads `bytes` (the whole body) as far as [`BODY_PREFIX_BYTES`], a JSON tree into `arena`.
pub(crate) fn read<'t, 'a: 't>(
    bytes: &'a [u8],
    headers: &ResponseHeaders<'_>,
    arena: &'t Arena,
) -> Body<'t, 'a> {
    read_cut(bytes, headers, false, arena)
}

/// [`read`] of a body that may have been cut off (`cut`: a partial response, whose bytes are
/// what arrived): what was read before the end counts, as for a body longer than the prefix.
pub(crate) fn read_cut<'t, 'a: 't>(
    bytes: &'a [u8],
    headers: &ResponseHeaders<'_>,
    cut: bool,
    arena: &'t Arena,
) -> Body<'t, 'a> {
    let truncated = cut || bytes.len() > BODY_PREFIX_BYTES;
    let prefix = bytes.get(..BODY_PREFIX_BYTES).unwrap_or(bytes);
    let prefix = prefix
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(prefix)
        .trim_ascii();
    let text = match core::str::from_utf8(prefix) {
        Ok(text) => text,
        // The prefix may end inside a character; that is not the body's fault.
        Err(e) if truncated && e.error_len().is_none() => prefix
            .get(..e.valid_up_to())
            .and_then(|p| core::str::from_utf8(p).ok())
            .unwrap_or(""),
        Err(_) => return Body::Malformed,
    };
    let Some(&first) = text.as_bytes().first() else {
        return Body::Empty;
    };
    match first {
        b'{' | b'[' | b'"' => json(text, truncated, true, arena),
        b'<' => markup(text, headers.get(Name::ContentType)),
        b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => json(text, truncated, false, arena),
        _ => Body::Text(text),
    }
}

/// `text` as JSON; when it does not parse, malformed if it `looks_like_json`, text otherwise.
fn json<'t, 'a: 't>(
    text: &'a str,
    truncated: bool,
    looks_like_json: bool,
    arena: &'t Arena,
) -> Body<'t, 'a> {
    match json::parse(text, arena) {
        Parsed::Complete(value) => Body::Json { value },
        Parsed::Cut(value) if truncated => Body::Json { value },
        _ if !looks_like_json => Body::Text(text),
        _ => Body::Malformed,
    }
}

fn markup<'t, 'a: 't>(text: &'a str, content_type: Option<&str>) -> Body<'t, 'a> {
    let start = text.as_bytes().get(..64).unwrap_or(text.as_bytes());
    if markup::is_xml(start, None) {
        return Body::Xml(text);
    }
    if markup::is_html(start, content_type) {
        return Body::Html {
            title: markup::element(text, "title", true).filter(|t| !t.is_empty()),
            heading: markup::element(text, "h1", true)
                .filter(|t| !t.is_empty() && !t.contains('<')),
        };
    }
    if markup::is_xml(start, content_type) {
        return Body::Xml(text);
    }
    Body::Text(text)
}
