//! Reading the body: a bounded prefix, then one of empty, JSON, HTML, XML, text or malformed.
//! Linear in the prefix and bounded in memory whatever arrives (DESIGN.md §6): a 1 MB page
//! costs what its first 64 KiB cost.

pub(crate) mod markup;
pub(crate) mod probe;

use crate::headers::{Name, ResponseHeaders};
use probe::Node;

/// How much of a body is read. Error bodies are small; anything larger is classified from
/// this prefix.
pub const BODY_PREFIX_BYTES: usize = 64 * 1024;

/// The body, read.
pub(crate) enum Body<'a> {
    Empty,
    /// A JSON document (its top-level value).
    Json(Node<'a>),
    /// JSON that was valid as far as the prefix goes, but longer than the prefix.
    OversizedJson,
    Html {
        title: Option<&'a str>,
    },
    Xml {
        code: Option<&'a str>,
        message: Option<&'a str>,
        request_id: Option<&'a str>,
    },
    Text(&'a str),
    /// Not UTF-8 (RFC 8259 §8.1), nested past serde_json's recursion limit of 128, a syntax
    /// error, or a document that ends early.
    Malformed,
}

/// Reads `bytes` (the whole body) as far as [`BODY_PREFIX_BYTES`].
pub(crate) fn read<'a>(bytes: &'a [u8], headers: &ResponseHeaders<'_>) -> Body<'a> {
    let truncated = bytes.len() > BODY_PREFIX_BYTES;
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
        b'{' | b'[' | b'"' => json(text, truncated, true),
        b'<' => markup(text, headers.get(Name::ContentType)),
        b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => json(text, truncated, false),
        _ => Body::Text(text),
    }
}

/// `text` as JSON; when it does not parse, malformed if it `looks_like_json`, text otherwise.
fn json(text: &str, truncated: bool, looks_like_json: bool) -> Body<'_> {
    match probe::read(text) {
        Ok(node) => Body::Json(node),
        Err(_) if !looks_like_json => Body::Text(text),
        Err(e) if truncated && e.classify() == serde_json::error::Category::Eof => {
            Body::OversizedJson
        }
        Err(_) => Body::Malformed,
    }
}

fn markup<'a>(text: &'a str, content_type: Option<&str>) -> Body<'a> {
    let start = text.as_bytes().get(..64).unwrap_or(text.as_bytes());
    if markup::is_xml(start) {
        let code = markup::element(text, "Code", false);
        if code.is_some() {
            let message = markup::element(text, "Message", false);
            let request_id = markup::element(text, "RequestId", false)
                .or_else(|| markup::element(text, "RequestID", false));
            return Body::Xml {
                code,
                message,
                request_id,
            };
        }
    }
    if markup::is_html(start, content_type) {
        return Body::Html {
            title: markup::element(text, "title", true).filter(|t| !t.is_empty()),
        };
    }
    Body::Text(text)
}
