//! HTML and XML bodies: the `<title>` of a gateway page, and the `<Code>`, `<Message>` and
//! `<RequestId>` of an AWS XML error (the S3 REST and AWS Query protocols). A plain scan over
//! the bounded prefix, no parser: these pages are read for a few words, not for structure.

use alloc::borrow::Cow;
use alloc::string::String;

use crate::text::starts_with_ignore_ascii_case;

/// The text inside the first `<tag …>…</tag>` of `doc`; the tag name is matched ignoring case
/// when `ignore_case`, exactly otherwise. White space around the text is trimmed.
pub(crate) fn element<'a>(doc: &'a str, tag: &str, ignore_case: bool) -> Option<&'a str> {
    let bytes = doc.as_bytes();
    let same = |at: usize, what: &[u8]| -> bool {
        match bytes.get(at..at.saturating_add(what.len())) {
            Some(s) if ignore_case => s.eq_ignore_ascii_case(what),
            Some(s) => s == what,
            None => false,
        }
    };
    let tag = tag.as_bytes();
    let mut i = 0;
    while let Some(lt) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        let open = i + lt;
        let after = open + 1 + tag.len();
        if same(open + 1, tag)
            && matches!(bytes.get(after), Some(b'>' | b' ' | b'\t' | b'\n' | b'\r'))
        {
            let gt = bytes.get(after..)?.iter().position(|&b| b == b'>')? + after;
            let start = gt + 1;
            let mut j = start;
            while let Some(lt2) = bytes
                .get(j..)
                .and_then(|rest| rest.iter().position(|&b| b == b'<'))
            {
                let close = j + lt2;
                if bytes.get(close + 1) == Some(&b'/') && same(close + 2, tag) {
                    return doc.get(start..close).map(str::trim);
                }
                j = close + 1;
            }
            return None;
        }
        i = open + 1;
    }
    None
}

/// The text inside the first element whose local name (after any `prefix:`) is `local`, such as
/// `<soap:faultstring>` or `<faultstring>`; white space trimmed, entities left as they are.
pub(crate) fn local_element<'a>(doc: &'a str, local: &str) -> Option<&'a str> {
    let bytes = doc.as_bytes();
    let is_name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':');
    let mut i = 0;
    while let Some(lt) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        let open = i + lt;
        let name_len = bytes
            .get(open + 1..)?
            .iter()
            .take_while(|b| is_name(b))
            .count();
        let name = doc.get(open + 1..open + 1 + name_len)?;
        let own = name.rsplit(':').next().unwrap_or(name);
        let after = open + 1 + name_len;
        if own == local && matches!(bytes.get(after), Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
            let gt = bytes.get(after..)?.iter().position(|&b| b == b'>')? + after;
            if bytes.get(gt.checked_sub(1)?) == Some(&b'/') {
                return Some("");
            }
            let start = gt + 1;
            let rest = doc.get(start..)?;
            let mut close = String::from("</");
            close.push_str(name);
            let end = rest.find(close.as_str())?;
            return rest.get(..end).map(str::trim);
        }
        i = open + 1;
    }
    None
}

/// Replaces the five predefined XML/HTML entities (and numeric ones) in `text`.
pub(crate) fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let tail = rest.get(amp..).unwrap_or("");
        let decoded = tail.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = tail.get(1..semi)?;
            let c = match name {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let code = if let Some(hex) =
                        name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
                    {
                        u32::from_str_radix(hex, 16).ok()?
                    } else {
                        name.strip_prefix('#')?.parse().ok()?
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = tail.get(used..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether a body that starts with `<` is an HTML page.
pub(crate) fn is_html(start: &[u8], content_type: Option<&str>) -> bool {
    const OPENINGS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<title",
        b"<center",
        b"<h1",
    ];
    OPENINGS
        .iter()
        .any(|o| starts_with_ignore_ascii_case(start, o))
        || content_type.is_some_and(|ct| crate::text::contains_ignore_ascii_case(ct, "html"))
}

/// Whether a body that starts with `<` is XML.
pub(crate) fn is_xml(start: &[u8], content_type: Option<&str>) -> bool {
    const OPENINGS: &[&[u8]] = &[
        b"<?xml",
        b"<Error",
        b"<Response",
        b"<error",
        b"<errors",
        b"<fault",
    ];
    OPENINGS.iter().any(|o| start.starts_with(o))
        || starts_with_ignore_ascii_case(start, b"<soap")
        || crate::text::contains_ignore_ascii_case(
            core::str::from_utf8(start).unwrap_or(""),
            ":envelope",
        )
        || content_type.is_some_and(|ct| crate::text::contains_ignore_ascii_case(ct, "xml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_elements() {
        let page = "<html><head><TITLE lang=en> 502 Bad Gateway </TITLE></head></html>";
        assert_eq!(element(page, "title", true), Some("502 Bad Gateway"));
        assert_eq!(element(page, "title", false), None);
        let xml = "<Error><Code>NoSuchKey</Code><Message>a &amp; b</Message><RequestId>R1</RequestId></Error>";
        assert_eq!(element(xml, "Code", false), Some("NoSuchKey"));
        assert_eq!(
            unescape(element(xml, "Message", false).unwrap_or("")),
            "a & b"
        );
        assert_eq!(element("<Codex>1</Codex>", "Code", false), None);
        assert_eq!(element("<Code>unclosed", "Code", false), None);
        let soap = "<s:Envelope><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>Bad</faultstring></s:Fault></s:Body></s:Envelope>";
        assert_eq!(local_element(soap, "faultstring"), Some("Bad"));
        assert_eq!(
            local_element(soap, "Fault").map(|f| f.starts_with("<faultcode>")),
            Some(true)
        );
        assert_eq!(local_element("<a:Textual>x</a:Textual>", "Text"), None);
    }

    #[test]
    fn unescapes_entities() {
        assert_eq!(
            unescape("&lt;x&gt; &#65;&#x42; &bogus; &"),
            "<x> AB &bogus; &"
        );
    }
}
