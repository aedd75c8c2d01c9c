//! Rules back in the rules-document form (issue 9 §4): `errtriage rules --json` prints every
//! rule this way, so the format is learnt by example and a rule can be copied and changed.
//! Reading what this prints gives the same rules (a test holds it).

use alloc::format;
use alloc::string::String;

use super::words::{Pattern, Words};
use super::{HeaderIs, HeaderTest, Range, Rule, When};
use crate::text::push_json_string;

/// A whole document holding `rules` (user rules print as written; built-ins as data).
pub(crate) fn document<'r>(rules: impl Iterator<Item = &'r Rule>) -> String {
    let mut out = String::from("{\"errtriage_rules\":1,\"rules\":[");
    for (i, r) in rules.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("\n ");
        out.push_str(&rule(r));
    }
    out.push_str("\n]}\n");
    out
}

/// One rule as a JSON object.
pub(crate) fn rule(r: &Rule) -> String {
    let mut out = String::from("{\"id\":");
    push_json_string(&mut out, &r.id);
    out.push_str(",\"when\":");
    when(&mut out, &r.when);
    if let Some(c) = r.category {
        out.push_str(",\"category\":\"");
        out.push_str(c.as_str());
        out.push('"');
    }
    out.push_str(",\"action\":\"");
    out.push_str(r.action.as_str());
    out.push_str("\",\"hint\":");
    push_json_string(&mut out, &r.hint);
    out.push_str(",\"source\":");
    push_json_string(&mut out, &r.source);
    out.push('}');
    out
}

fn when(out: &mut String, w: &When) {
    let mut first = true;
    let mut key = |out: &mut String, name: &str| {
        out.push_str(if first { "{\"" } else { ",\"" });
        first = false;
        out.push_str(name);
        out.push_str("\":");
    };
    if w.applied {
        key(out, "applied");
        out.push_str("true");
    }
    if !w.transport.is_empty() {
        key(out, "transport");
        list(out, w.transport.iter().map(|k| k.as_str()));
    }
    if let Some(s) = w.sent {
        key(out, "sent");
        out.push_str(match s {
            crate::vocab::Sent::Yes => "\"yes\"",
            crate::vocab::Sent::No => "\"no\"",
            crate::vocab::Sent::Unknown => "\"unknown\"",
        });
    }
    if !w.detail.is_empty() {
        key(out, "detail");
        words(out, &w.detail);
    }
    if !w.shapes.is_empty() {
        key(out, "shape");
        list(out, w.shapes.iter().map(|s| s.as_str()));
    }
    for (name, values) in [
        ("code", &w.codes),
        ("code_ci", &w.codes_ci),
        ("type", &w.types),
    ] {
        if !values.is_empty() {
            key(out, name);
            list(out, values.iter().map(String::as_str));
        }
    }
    if !w.code_words.is_empty() {
        key(out, "code_words");
        words(out, &w.code_words);
    }
    if !w.message.is_empty() {
        key(out, "message");
        words(out, &w.message);
    }
    if !w.status.is_empty() {
        key(out, "status");
        ranges(out, &w.status);
    }
    if !w.not_status.is_empty() {
        key(out, "not_status");
        ranges(out, &w.not_status);
    }
    if let Some(ok) = w.success {
        key(out, "success");
        out.push_str(if ok { "true" } else { "false" });
    }
    if !w.headers.is_empty() {
        key(out, "headers");
        out.push('[');
        for (i, h) in w.headers.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            header(out, h);
        }
        out.push(']');
    }
    for (name, values) in [
        ("method", &w.methods),
        ("endpoint", &w.endpoints),
        ("host", &w.hosts),
    ] {
        if !values.is_empty() {
            key(out, name);
            list(out, values.iter().map(String::as_str));
        }
    }
    if first {
        out.push('{');
    }
    out.push('}');
}

fn list<'s>(out: &mut String, items: impl Iterator<Item = &'s str>) {
    out.push('[');
    for (i, s) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, s);
    }
    out.push(']');
}

fn patterns<'p>(out: &mut String, items: impl Iterator<Item = &'p Pattern>) {
    out.push('[');
    for (i, p) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, &p.written());
    }
    out.push(']');
}

fn words(out: &mut String, w: &Words) {
    let mut first = true;
    let mut key = |out: &mut String, name: &str| {
        out.push_str(if first { "{\"" } else { ",\"" });
        first = false;
        out.push_str(name);
        out.push_str("\":");
    };
    if !w.all.is_empty() {
        key(out, "all");
        out.push('[');
        for (i, group) in w.all.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match group.as_slice() {
                [one] => push_json_string(out, &one.written()),
                many => patterns(out, many.iter()),
            }
        }
        out.push(']');
    }
    if !w.any.is_empty() {
        key(out, "any");
        patterns(out, w.any.iter());
    }
    if !w.none.is_empty() {
        key(out, "none");
        patterns(out, w.none.iter());
    }
    out.push('}');
}

fn ranges(out: &mut String, rs: &[Range]) {
    let one = |out: &mut String, &(lo, hi): &Range| {
        if lo == hi {
            out.push_str(&format!("{lo}"));
        } else if lo % 100 == 0 && hi == lo + 99 {
            out.push_str(&format!("\"{}xx\"", lo / 100));
        } else {
            out.push_str(&format!("[{lo},{hi}]"));
        }
    };
    match rs {
        [single] => one(out, single),
        many => {
            out.push('[');
            for (i, r) in many.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                // Two single statuses would read back as a range: write them as pairs.
                let ambiguous = many.len() == 2 && many.iter().all(|(lo, hi)| lo == hi);
                if ambiguous {
                    out.push_str(&format!("[{},{}]", r.0, r.1));
                } else {
                    one(out, r);
                }
            }
            out.push(']');
        }
    }
}

fn header(out: &mut String, h: &HeaderTest) {
    out.push_str("{\"name\":");
    push_json_string(out, &h.name);
    if let Some(p) = &h.param {
        out.push_str(",\"param\":");
        push_json_string(out, p);
    }
    match &h.test {
        HeaderIs::Present(b) => out.push_str(if *b {
            ",\"present\":true"
        } else {
            ",\"present\":false"
        }),
        HeaderIs::Equals(v) => {
            out.push_str(",\"equals\":");
            push_json_string(out, v);
        }
        HeaderIs::Scheme(v) => {
            out.push_str(",\"scheme\":");
            push_json_string(out, v);
        }
        HeaderIs::Number(op, n) => {
            let name = super::Compare::NAMES
                .iter()
                .find(|(_, o)| o == op)
                .map_or("eq", |(n, _)| n);
            out.push_str(&format!(",\"{name}\":{n}"));
        }
    }
    out.push('}');
}
