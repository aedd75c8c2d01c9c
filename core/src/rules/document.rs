//! Rules documents: the versioned JSON schema a user writes to teach errtriage an API, and in
//! which the built-in rules are written too (issue 9 §2, §3). Every member is checked and a
//! wrong one is an [`Error`] naming its JSON path (`rules[3].when.status`), in the same words in
//! every language because every language calls this.
//!
//! ```json
//! {"errtriage_rules": 1,
//!  "disable": ["status.403"],
//!  "rules": [
//!   {"id": "acme.quota_exceeded",
//!    "when": {"code": ["QUOTA_EXCEEDED"], "status": [400, 499]},
//!    "category": "rejected", "action": "fix_configuration",
//!    "hint": "The monthly quota is spent: raise it in the Acme console.",
//!    "source": "Acme API \"Errors\""}]}
//! ```
//!
//! Bounds: [`MAX_RULES`] rules per document, [`MAX_LIST`] entries per list, patterns of at most
//! [`MAX_PATTERN`] bytes, ids of at most [`MAX_ID`] bytes, hints and sources of at most
//! [`MAX_TEXT`] bytes. No regular expressions: words, prefixes and numbers only.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::words::{Pattern, Words};
use super::{Compare, HeaderIs, HeaderTest, Range, Rule, When};
use crate::error::{quoted, Error, ErrorKind};
use crate::json_tree::{member, Json};
use crate::vocab::{Action, Category, Sent, Shape, TransportKind};

/// The schema version this core reads.
pub const VERSION: i64 = 1;
/// Rules per document.
pub const MAX_RULES: usize = 10_000;
/// Entries per list (codes, words, statuses, headers, …).
pub const MAX_LIST: usize = 256;
/// Bytes per word pattern.
pub const MAX_PATTERN: usize = 128;
/// Bytes per id.
pub const MAX_ID: usize = 128;
/// Bytes per hint or source.
pub const MAX_TEXT: usize = 1024;

type Members<'v, 'a> = &'v [(Cow<'a, str>, Json<'a>)];

/// A document, read and checked.
pub(crate) struct Document {
    pub rules: Vec<Rule>,
    /// Built-in rule ids switched off.
    pub disable: Vec<String>,
}

const TOP: &[&str] = &["errtriage_rules", "rules", "disable"];
const RULE: &[&str] = &["id", "when", "category", "action", "hint", "source"];
const WHEN: &[&str] = &[
    "shape",
    "code",
    "code_ci",
    "type",
    "code_words",
    "message",
    "status",
    "not_status",
    "success",
    "headers",
    "method",
    "endpoint",
    "host",
    "transport",
    "sent",
    "detail",
];
const WORDS: &[&str] = &["all", "any", "none"];
const HEADER: &[&str] = &[
    "name", "param", "present", "equals", "lt", "le", "eq", "ge", "gt", "scheme",
];

/// Reads a document. `builtin` documents may use `"applied": true` and the built-in families;
/// a user's may not use `reserved` families.
pub(crate) fn parse(text: &str, builtin: bool, reserved: &[&str]) -> Result<Document, Error> {
    let value: Json<'_> = crate::json_tree::parse(text).map_err(|e| {
        Error::new(
            ErrorKind::Syntax,
            "",
            format!("rules document is not valid JSON: {e}"),
        )
    })?;
    let top = object(&value, "rules document", "")?;
    only(top, TOP, "", builtin)?;
    match member(top, "errtriage_rules") {
        None => {
            return Err(Error::new(
                ErrorKind::Value,
                "errtriage_rules",
                String::from("errtriage_rules: required (the schema version, 1)"),
            ))
        }
        Some(Json::Int(VERSION)) => {}
        Some(Json::Int(n)) => {
            return Err(Error::invalid_value(
                "errtriage_rules",
                "schema version 1",
                &format!("{n}"),
            ))
        }
        Some(other) => {
            return Err(Error::wrong_type(
                "errtriage_rules",
                "an integer",
                other.kind(),
            ))
        }
    }
    let mut disable = Vec::new();
    if let Some(list) = member(top, "disable") {
        for (i, item) in array(list, "disable", MAX_LIST)?.iter().enumerate() {
            let field = format!("disable[{i}]");
            disable.push(String::from(string(item, &field)?));
        }
    }
    let rules_json = member(top, "rules")
        .ok_or_else(|| Error::new(ErrorKind::Value, "rules", String::from("rules: required")))?;
    let items = array(rules_json, "rules", MAX_RULES)?;
    let mut rules: Vec<Rule> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        rules.push(rule(item, &index("rules", i), builtin, reserved)?);
    }
    // Duplicate ids, reported at the later place with the earlier one named.
    let mut ids: Vec<(&str, usize)> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    ids.sort();
    let duplicate = ids
        .windows(2)
        .filter_map(|w| match w {
            [(a, first), (b, later)] if a == b => Some((*later, *first, *a)),
            _ => None,
        })
        .min();
    if let Some((later, first, id)) = duplicate {
        return Err(Error::invalid_value(
            &format!("rules[{later}].id"),
            &format!("an id not used before (rules[{first}] has it)"),
            &quoted(id),
        ));
    }
    Ok(Document { rules, disable })
}

fn rule(item: &Json<'_>, at: &str, builtin: bool, reserved: &[&str]) -> Result<Rule, Error> {
    let m = object(item, "an object", at)?;
    only(m, RULE, at, builtin)?;
    let id = required_string(m, "id", at)?;
    check_id(id, &dot(at, "id"), reserved)?;
    let when_at = dot(at, "when");
    let when_json = member(m, "when").ok_or_else(|| required(&when_at))?;
    let mut when = self::when(when_json, &when_at, builtin)?;
    if builtin && member(when_json.members().unwrap_or(&[]), "applied").is_some() {
        when.applied = true;
    }
    let category = match member(m, "category") {
        None if builtin => None,
        None => return Err(required(&dot(at, "category"))),
        Some(c) => Some(Category::parse_at(
            string(c, &dot(at, "category"))?,
            &dot(at, "category"),
        )?),
    };
    let action_at = dot(at, "action");
    let action = Action::parse_at(required_string(m, "action", at)?, &action_at)?;
    let hint = text_field(m, "hint", at)?;
    let source = text_field(m, "source", at)?;
    Ok(Rule {
        json_tail: Rule::json_tail(id, &hint),
        id: String::from(id),
        category,
        action,
        hint,
        source,
        when,
        user: !builtin,
    })
}

/// Ids are `family.name`: lower-case ASCII letters, digits, `_` and `-`, one dot or more.
fn check_id(id: &str, field: &str, reserved: &[&str]) -> Result<(), Error> {
    let well_formed = id.len() <= MAX_ID
        && id.split('.').count() >= 2
        && id.split('.').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        });
    if !well_formed {
        return Err(Error::invalid_value(
            field,
            &format!("an id such as \"acme.quota_exceeded\" (family.name: lower-case letters, digits, _ and -, at most {MAX_ID} bytes)"),
            &quoted(id),
        ));
    }
    let family = id.split('.').next().unwrap_or("");
    if reserved.contains(&family) {
        return Err(Error::invalid_value(
            field,
            &format!("an id outside the built-in families (\"{family}\" is one: name your own, such as \"acme\")"),
            &quoted(id),
        ));
    }
    Ok(())
}

fn when(v: &Json<'_>, at: &str, builtin: bool) -> Result<When, Error> {
    let m = object(v, "an object", at)?;
    let mut allowed: Vec<&str> = WHEN.to_vec();
    if builtin {
        allowed.push("applied");
    }
    only(m, &allowed, at, false)?;
    let f = |name: &str| dot(at, name);
    let mut w = When::default();
    for (name, value) in m {
        let field = f(name);
        match name.as_ref() {
            "shape" => {
                w.shapes = strings(value, &field)?
                    .iter()
                    .enumerate()
                    .map(|(i, s)| Shape::parse_at(s, &index(&field, i)))
                    .collect::<Result<_, _>>()?
            }
            "code" => w.codes = owned(strings(value, &field)?),
            "code_ci" => w.codes_ci = owned(strings(value, &field)?),
            "type" => w.types = owned(strings(value, &field)?),
            "code_words" => w.code_words = words(value, &field)?,
            "message" => w.message = words(value, &field)?,
            "detail" => w.detail = words(value, &field)?,
            "status" => w.status = ranges(value, &field)?,
            "not_status" => w.not_status = ranges(value, &field)?,
            "success" => {
                w.success = Some(match value {
                    Json::Bool(b) => *b,
                    other => return Err(Error::wrong_type(&field, "true or false", other.kind())),
                })
            }
            "headers" => {
                w.headers = array(value, &field, MAX_LIST)?
                    .iter()
                    .enumerate()
                    .map(|(i, h)| header(h, &index(&field, i)))
                    .collect::<Result<_, _>>()?
            }
            "method" => w.methods = owned(strings(value, &field)?),
            "endpoint" => w.endpoints = owned(strings(value, &field)?),
            "host" => w.hosts = owned(strings(value, &field)?),
            "transport" => {
                w.transport = strings(value, &field)?
                    .iter()
                    .enumerate()
                    .map(|(i, s)| TransportKind::parse_at(s, &index(&field, i)))
                    .collect::<Result<_, _>>()?
            }
            "sent" => {
                w.sent = Some(match string(value, &field)? {
                    "yes" => Sent::Yes,
                    "no" => Sent::No,
                    "unknown" => Sent::Unknown,
                    other => {
                        return Err(Error::unknown_word(
                            &field,
                            other,
                            &["yes", "no", "unknown"],
                        ))
                    }
                })
            }
            "applied" => {}
            _ => {}
        }
    }
    let has_condition = w != When::default() || (builtin && member(m, "applied").is_some());
    if !has_condition {
        return Err(Error::invalid_value(
            at,
            "at least one condition (a rule with none would decide every failure)",
            "{}",
        ));
    }
    if (w.sent.is_some() || !w.detail.is_empty()) && w.transport.is_empty() {
        return Err(Error::invalid_value(
            &f(if w.sent.is_some() { "sent" } else { "detail" }),
            "a condition beside \"transport\" (it concerns transport failures only)",
            "a condition without \"transport\"",
        ));
    }
    Ok(w)
}

fn words(v: &Json<'_>, at: &str) -> Result<Words, Error> {
    let m = object(v, "an object with all, any or none", at)?;
    only(m, WORDS, at, false)?;
    let mut w = Words::default();
    for (name, value) in m {
        let field = dot(at, name);
        let items = array(value, &field, MAX_LIST)?;
        for (i, item) in items.iter().enumerate() {
            let item_at = index(&field, i);
            match (name.as_ref(), item) {
                ("all", Json::Array(alts)) => {
                    if alts.is_empty() {
                        return Err(Error::invalid_value(
                            &item_at,
                            "a word or a non-empty list of words",
                            "[]",
                        ));
                    }
                    if alts.len() > MAX_LIST {
                        return Err(too_many(&item_at, MAX_LIST, alts.len()));
                    }
                    let mut group = Vec::with_capacity(alts.len());
                    for (j, alt) in alts.iter().enumerate() {
                        group.push(pattern(alt, &index(&item_at, j))?);
                    }
                    w.all.push(group);
                }
                ("all", _) => w.all.push(alloc::vec![pattern(item, &item_at)?]),
                ("any", _) => w.any.push(pattern(item, &item_at)?),
                _ => w.none.push(pattern(item, &item_at)?),
            }
        }
    }
    if w.is_empty() {
        return Err(Error::invalid_value(
            at,
            "at least one word in all, any or none",
            "none",
        ));
    }
    Ok(w)
}

fn pattern(v: &Json<'_>, at: &str) -> Result<Pattern, Error> {
    let s = string(v, at)?;
    let core = s.strip_suffix('*').unwrap_or(s);
    if core.trim().is_empty() || core.len() > MAX_PATTERN || core.contains('*') {
        return Err(Error::invalid_value(
            at,
            &format!("a word or phrase of 1 to {MAX_PATTERN} bytes, with at most a trailing *"),
            &quoted(s),
        ));
    }
    Ok(Pattern::new(s))
}

/// `403`, `"4xx"`, `[400, 499]`, or a list of these.
fn ranges(v: &Json<'_>, at: &str) -> Result<Vec<Range>, Error> {
    if let Json::Array(items) = v {
        let is_pair = items.len() == 2 && items.iter().all(|i| matches!(i, Json::Int(_)));
        if !is_pair {
            if items.is_empty() {
                return Err(Error::invalid_value(
                    at,
                    "a status, a range or a non-empty list of them",
                    "[]",
                ));
            }
            if items.len() > MAX_LIST {
                return Err(too_many(at, MAX_LIST, items.len()));
            }
            return items
                .iter()
                .enumerate()
                .map(|(i, item)| range(item, &index(at, i)))
                .collect();
        }
    }
    Ok(alloc::vec![range(v, at)?])
}

fn range(v: &Json<'_>, at: &str) -> Result<Range, Error> {
    let status = |n: i64| -> Result<u16, Error> {
        u16::try_from(n)
            .ok()
            .filter(|s| (100..=599).contains(s))
            .ok_or_else(|| Error::invalid_value(at, "a status from 100 to 599", &format!("{n}")))
    };
    match v {
        Json::Int(n) => {
            let s = status(*n)?;
            Ok((s, s))
        }
        Json::Str(s) => {
            let b = s.as_bytes();
            match b {
                [d @ b'1'..=b'5', b'x' | b'X', b'x' | b'X'] => {
                    let lo = u16::from(d - b'0') * 100;
                    Ok((lo, lo + 99))
                }
                _ => Err(Error::invalid_value(
                    at,
                    "a status class such as \"4xx\"",
                    &quoted(s),
                )),
            }
        }
        Json::Array(pair) => match pair.as_slice() {
            [Json::Int(lo), Json::Int(hi)] => {
                let (lo, hi) = (status(*lo)?, status(*hi)?);
                if lo > hi {
                    return Err(Error::invalid_value(
                        at,
                        "a range [low, high] with low <= high",
                        &format!("[{lo}, {hi}]"),
                    ));
                }
                Ok((lo, hi))
            }
            _ => Err(Error::wrong_type(
                at,
                "a status, \"4xx\" or [low, high]",
                "an array",
            )),
        },
        other => Err(Error::wrong_type(
            at,
            "a status, \"4xx\" or [low, high]",
            other.kind(),
        )),
    }
}

fn header(v: &Json<'_>, at: &str) -> Result<HeaderTest, Error> {
    let m = object(v, "an object", at)?;
    only(m, HEADER, at, false)?;
    let name = required_string(m, "name", at)?;
    if name.is_empty() || name.len() > MAX_PATTERN {
        return Err(Error::invalid_value(
            &dot(at, "name"),
            "a header name",
            &quoted(name),
        ));
    }
    let param = match member(m, "param") {
        Some(p) => Some(String::from(string(p, &dot(at, "param"))?)),
        None => None,
    };
    let mut tests: Vec<HeaderIs> = Vec::new();
    for (key, value) in m {
        let field = dot(at, key);
        match key.as_ref() {
            "present" => match value {
                Json::Bool(b) => tests.push(HeaderIs::Present(*b)),
                other => return Err(Error::wrong_type(&field, "true or false", other.kind())),
            },
            "equals" => tests.push(HeaderIs::Equals(String::from(string(value, &field)?))),
            "scheme" => tests.push(HeaderIs::Scheme(String::from(string(value, &field)?))),
            k => {
                if let Some((_, op)) = Compare::NAMES.iter().find(|(n, _)| *n == k) {
                    match value {
                        Json::Int(n) => tests.push(HeaderIs::Number(*op, *n)),
                        other => return Err(Error::wrong_type(&field, "an integer", other.kind())),
                    }
                }
            }
        }
    }
    match tests.len() {
        1 => Ok(HeaderTest {
            name: name.to_ascii_lowercase(),
            param,
            test: tests.remove(0),
        }),
        _ => Err(Error::invalid_value(
            at,
            "exactly one test: present, equals, scheme, lt, le, eq, ge or gt",
            &format!("{} tests", tests.len()),
        )),
    }
}

// ---- small readers, each naming the path on failure ----

/// `at.name`, built without the formatting machinery (documents have thousands of paths).
fn dot(at: &str, name: &str) -> String {
    let mut s = String::with_capacity(at.len() + 1 + name.len());
    s.push_str(at);
    if !at.is_empty() {
        s.push('.');
    }
    s.push_str(name);
    s
}

/// `at[i]`.
fn index(at: &str, i: usize) -> String {
    let mut digits = [0u8; 20];
    let mut n = i;
    let mut len = 0;
    loop {
        if let Some(d) = digits.get_mut(len) {
            *d = b'0' + (n % 10) as u8;
        }
        len += 1;
        n /= 10;
        if n == 0 || len == digits.len() {
            break;
        }
    }
    let mut s = String::with_capacity(at.len() + 2 + len);
    s.push_str(at);
    s.push('[');
    for d in digits.iter().take(len).rev() {
        s.push(char::from(*d));
    }
    s.push(']');
    s
}

fn required(field: &str) -> Error {
    Error::new(ErrorKind::Value, field, format!("{field}: required"))
}

fn too_many(field: &str, max: usize, got: usize) -> Error {
    Error::invalid_value(field, &format!("at most {max} entries"), &format!("{got}"))
}

fn object<'v, 'a>(v: &'v Json<'a>, what: &str, at: &str) -> Result<Members<'v, 'a>, Error> {
    v.members().ok_or_else(|| {
        if at.is_empty() {
            Error::new(
                ErrorKind::Type,
                "",
                format!("rules document: expected a JSON object, got {}", v.kind()),
            )
        } else {
            Error::wrong_type(at, what, v.kind())
        }
    })
}

fn only(m: Members<'_, '_>, allowed: &[&str], at: &str, lenient: bool) -> Result<(), Error> {
    for (name, _) in m {
        if !(allowed.contains(&name.as_ref()) || lenient && name.starts_with("//")) {
            let field = if at.is_empty() {
                String::from(name.as_ref())
            } else {
                dot(at, name)
            };
            return Err(Error::unknown_field(&field, allowed));
        }
    }
    Ok(())
}

fn array<'v, 'a>(v: &'v Json<'a>, at: &str, max: usize) -> Result<&'v [Json<'a>], Error> {
    match v {
        Json::Array(items) if items.len() > max => Err(too_many(at, max, items.len())),
        Json::Array(items) => Ok(items),
        other => Err(Error::wrong_type(at, "an array", other.kind())),
    }
}

fn string<'v>(v: &'v Json<'_>, at: &str) -> Result<&'v str, Error> {
    v.as_str()
        .ok_or_else(|| Error::wrong_type(at, "a string", v.kind()))
}

fn required_string<'v>(m: Members<'v, '_>, name: &str, at: &str) -> Result<&'v str, Error> {
    let field = dot(at, name);
    string(member(m, name).ok_or_else(|| required(&field))?, &field)
}

fn text_field(m: Members<'_, '_>, name: &str, at: &str) -> Result<String, Error> {
    let field = dot(at, name);
    let s = required_string(m, name, at)?;
    if s.trim().is_empty() || s.len() > MAX_TEXT {
        return Err(Error::invalid_value(
            &field,
            &format!("a text of 1 to {MAX_TEXT} bytes"),
            &quoted(s.get(..64).unwrap_or(s)),
        ));
    }
    Ok(String::from(s))
}

/// A string or a list of strings (one or more), each non-empty.
fn strings<'v>(v: &'v Json<'_>, at: &str) -> Result<Vec<&'v str>, Error> {
    let list: Vec<&str> = match v {
        Json::Str(s) => alloc::vec![s.as_ref()],
        Json::Array(items) => {
            if items.is_empty() {
                return Err(Error::invalid_value(
                    at,
                    "a string or a non-empty list of strings",
                    "[]",
                ));
            }
            if items.len() > MAX_LIST {
                return Err(too_many(at, MAX_LIST, items.len()));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, item)| string(item, &index(at, i)))
                .collect::<Result<_, _>>()?
        }
        other => {
            return Err(Error::wrong_type(
                at,
                "a string or a list of strings",
                other.kind(),
            ))
        }
    };
    for (i, s) in list.iter().enumerate() {
        if s.is_empty() || s.len() > MAX_PATTERN * 2 {
            let field = if matches!(v, Json::Array(_)) {
                index(at, i)
            } else {
                String::from(at)
            };
            return Err(Error::invalid_value(
                &field,
                &format!("a string of 1 to {} bytes", MAX_PATTERN * 2),
                &quoted(s),
            ));
        }
    }
    Ok(list)
}

fn owned(list: Vec<&str>) -> Vec<String> {
    list.into_iter().map(String::from).collect()
}
