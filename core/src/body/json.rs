//! A JSON reader for error bodies: one pass over the body prefix into a small tree of borrowed
//! spans (strings are decoded only when a recogniser reads them). It is tolerant of one thing
//! only: a document cut off by the prefix keeps everything read before the cut (issue 11 §2:
//! no cliff at 64 KiB), with the containers that were open marked incomplete. Anything else
//! that is not RFC 8259 JSON is invalid.
//!
//! Bounds (DESIGN.md §6): containers nested deeper than [`MAX_DEPTH`] are checked but not built;
//! an object keeps its first [`MAX_MEMBERS`] members and an array its first [`MAX_ITEMS`]
//! elements (the rest are checked and skipped), so the tree is small whatever the body holds.
//! Deep nesting is skipped without recursion.
//!
//! The tree lives in an arena the caller owns (`bumpalo`): one allocation for a body's whole
//! tree instead of one per container, and nothing to walk when it is dropped. Values are `Copy`:
//! a container is a slice of the arena, its texts spans of the document.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use bumpalo::collections::Vec as ArenaVec;
pub(crate) use bumpalo::Bump as Arena;

/// How deep the tree is built.
pub(crate) const MAX_DEPTH: usize = 64;
/// Members kept per object.
pub(crate) const MAX_MEMBERS: usize = 256;
/// Elements kept per array.
pub(crate) const MAX_ITEMS: usize = 16;

/// A string as it stands in the document, between its quotes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Text<'a> {
    raw: &'a str,
    escaped: bool,
}

impl<'a> Text<'a> {
    /// The decoded string (borrowed when it has no escapes). A lone surrogate escape decodes to
    /// U+FFFD, the one decision for it in every language.
    pub(crate) fn decoded(&self) -> Cow<'a, str> {
        if !self.escaped {
            return Cow::Borrowed(self.raw);
        }
        Cow::Owned(unescape(self.raw))
    }

    /// The text as written, escapes and all.
    pub(crate) fn raw(&self) -> &'a str {
        self.raw
    }

    /// Whether the decoded string equals `name`.
    pub(crate) fn is(&self, name: &str) -> bool {
        if self.escaped {
            self.decoded() == name
        } else {
            self.raw == name
        }
    }
}

/// One JSON value: its containers live in the arena (`'t`), its texts in the document (`'a`).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Value<'t, 'a> {
    Null,
    Bool(bool),
    /// A number, as written.
    Num(&'a str),
    Str(Text<'a>),
    Array(&'t [Value<'t, 'a>], Span<'a>),
    Object(&'t [(Text<'a>, Value<'t, 'a>)], Span<'a>),
    /// A container nested past [`MAX_DEPTH`]: checked, not built.
    Deep,
}

/// The text of a container, and whether it was read to its end.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Span<'a> {
    pub raw: &'a str,
    pub complete: bool,
}

/// What reading a body's text gave.
pub(crate) enum Parsed<'t, 'a> {
    /// A whole document.
    Complete(Value<'t, 'a>),
    /// The text ended inside the document: what was read before the end.
    Cut(Value<'t, 'a>),
    /// Not JSON.
    Invalid,
}

/// How much of a document is built.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Containers deeper than this are checked, not built ([`Value::Deep`]).
    pub depth: usize,
    /// Members kept per object.
    pub members: usize,
    /// Elements kept per array.
    pub items: usize,
}

/// The limits for error bodies.
pub(crate) const BODY: Limits = Limits {
    depth: MAX_DEPTH,
    members: MAX_MEMBERS,
    items: MAX_ITEMS,
};

/// Reads `text` as one JSON document into `arena`, with the limits for error bodies.
pub(crate) fn parse<'t, 'a: 't>(text: &'a str, arena: &'t Arena) -> Parsed<'t, 'a> {
    parse_with(text, BODY, arena).0
}

/// Reads `text` as one JSON document within `limits`; also gives the byte offset where reading
/// stopped (the place of the problem when the text is not JSON).
pub(crate) fn parse_with<'t, 'a: 't>(
    text: &'a str,
    limits: Limits,
    arena: &'t Arena,
) -> (Parsed<'t, 'a>, usize) {
    let mut r = Reader {
        s: text,
        i: 0,
        cut: false,
        limits,
        arena,
    };
    let parsed = read_document(&mut r);
    (parsed, r.i)
}

fn read_document<'t, 'a: 't>(r: &mut Reader<'t, 'a>) -> Parsed<'t, 'a> {
    let text = r.s;
    r.space();
    match r.value(0) {
        Err(()) => Parsed::Invalid,
        // Cut inside a top-level scalar: nothing was read, but the text was JSON so far.
        Ok(None) => Parsed::Cut(Value::Deep),
        Ok(Some(v)) if r.cut => Parsed::Cut(v),
        Ok(Some(v)) => {
            r.space();
            if r.i < text.len() {
                Parsed::Invalid
            } else {
                Parsed::Complete(v)
            }
        }
    }
}

struct Reader<'t, 'a> {
    s: &'a str,
    i: usize,
    /// The text ended inside the document; every open container stops where it is.
    cut: bool,
    limits: Limits,
    arena: &'t Arena,
}

impl<'t, 'a: 't> Reader<'t, 'a> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    /// A value at the current position. `Ok(None)` when the text ended before the value was
    /// whole (and `cut` is set); `Err` when it is not JSON.
    fn value(&mut self, depth: usize) -> Result<Option<Value<'t, 'a>>, ()> {
        let Some(b) = self.peek() else {
            self.cut = true;
            return Ok(None);
        };
        match b {
            b'{' | b'[' if depth >= self.limits.depth => {
                self.skip_deep().map(|done| done.then_some(Value::Deep))
            }
            b'{' => self.object(depth).map(Some),
            b'[' => self.array(depth).map(Some),
            b'"' => Ok(self.string()?.map(Value::Str)),
            b't' => self.literal("true", Value::Bool(true)),
            b'f' => self.literal("false", Value::Bool(false)),
            b'n' => self.literal("null", Value::Null),
            b'-' | b'0'..=b'9' => self.number(depth),
            _ => Err(()),
        }
    }

    fn literal(&mut self, word: &str, v: Value<'t, 'a>) -> Result<Option<Value<'t, 'a>>, ()> {
        let rest = self.s.as_bytes().get(self.i..).unwrap_or_default();
        if rest.starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(Some(v))
        } else if word.as_bytes().starts_with(rest) {
            self.i = self.s.len();
            self.cut = true;
            Ok(None)
        } else {
            Err(())
        }
    }

    fn number(&mut self, depth: usize) -> Result<Option<Value<'t, 'a>>, ()> {
        let start = self.i;
        while matches!(
            self.peek(),
            Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
        ) {
            self.i += 1;
        }
        let raw = self.s.get(start..self.i).unwrap_or("");
        if self.i == self.s.len() && depth > 0 {
            // A number that reaches the end of a cut text may itself be cut.
            self.cut = true;
            return Ok(None);
        }
        if is_number(raw.as_bytes()) {
            Ok(Some(Value::Num(raw)))
        } else {
            Err(())
        }
    }

    /// A string; the position is on its opening quote.
    fn string(&mut self) -> Result<Option<Text<'a>>, ()> {
        let bytes = self.s.as_bytes();
        let start = self.i + 1;
        let mut i = start;
        let mut escaped = false;
        loop {
            // Plain bytes in one tight scan; only quotes, escapes and control bytes stop it.
            i += crate::text::find_string_stop(bytes.get(i..).unwrap_or_default())
                .unwrap_or(bytes.len().saturating_sub(i));
            let Some(&b) = bytes.get(i) else {
                self.i = self.s.len();
                self.cut = true;
                return Ok(None);
            };
            match b {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    match bytes.get(i + 1) {
                        None => {
                            self.i = self.s.len();
                            self.cut = true;
                            return Ok(None);
                        }
                        Some(b'u') => {
                            let hex = bytes.get(i + 2..i + 6);
                            match hex {
                                Some(h) if h.iter().all(u8::is_ascii_hexdigit) => i += 6,
                                Some(_) => return Err(()),
                                None if bytes
                                    .get(i + 2..)
                                    .unwrap_or_default()
                                    .iter()
                                    .all(u8::is_ascii_hexdigit) =>
                                {
                                    self.i = self.s.len();
                                    self.cut = true;
                                    return Ok(None);
                                }
                                None => return Err(()),
                            }
                        }
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                        Some(_) => return Err(()),
                    }
                }
                0..=0x1f => return Err(()),
                _ => i += 1,
            }
        }
        self.i = i + 1;
        Ok(Some(Text {
            raw: self.s.get(start..i).unwrap_or(""),
            escaped,
        }))
    }

    fn object(&mut self, depth: usize) -> Result<Value<'t, 'a>, ()> {
        let start = self.i;
        self.i += 1;
        let mut members = ArenaVec::with_capacity_in(4, self.arena);
        self.space();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Value::Object(
                members.into_bump_slice(),
                self.span(start, true),
            ));
        }
        loop {
            self.space();
            match self.peek() {
                None => {
                    self.cut = true;
                    break;
                }
                Some(b'"') => {}
                Some(_) => return Err(()),
            }
            let Some(key) = self.string()? else { break };
            self.space();
            match self.peek() {
                Some(b':') => self.i += 1,
                None => {
                    self.cut = true;
                    break;
                }
                Some(_) => return Err(()),
            }
            self.space();
            let keep = members.len() < self.limits.members;
            let Some(value) = self.value(self.depth_for(keep, depth))? else {
                break;
            };
            if keep {
                members.push((key, value));
            }
            if self.cut {
                break;
            }
            self.space();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Value::Object(
                        members.into_bump_slice(),
                        self.span(start, true),
                    ));
                }
                None => {
                    self.cut = true;
                    break;
                }
                Some(_) => return Err(()),
            }
        }
        Ok(Value::Object(
            members.into_bump_slice(),
            self.span(start, false),
        ))
    }

    fn array(&mut self, depth: usize) -> Result<Value<'t, 'a>, ()> {
        let start = self.i;
        self.i += 1;
        let mut items = ArenaVec::new_in(self.arena);
        self.space();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Value::Array(
                items.into_bump_slice(),
                self.span(start, true),
            ));
        }
        loop {
            self.space();
            let keep = items.len() < self.limits.items;
            let Some(value) = self.value(self.depth_for(keep, depth))? else {
                break;
            };
            if keep {
                items.push(value);
            }
            if self.cut {
                break;
            }
            self.space();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Array(
                        items.into_bump_slice(),
                        self.span(start, true),
                    ));
                }
                None => {
                    self.cut = true;
                    break;
                }
                Some(_) => return Err(()),
            }
        }
        Ok(Value::Array(
            items.into_bump_slice(),
            self.span(start, false),
        ))
    }

    /// The depth to read a member or element at: one deeper when it is kept, else the depth
    /// past the limit, where a container is checked without being built (nothing of it goes
    /// into the arena, which is not given back until the body is done).
    fn depth_for(&self, keep: bool, depth: usize) -> usize {
        if keep {
            depth + 1
        } else {
            self.limits.depth
        }
    }

    fn span(&self, start: usize, complete: bool) -> Span<'a> {
        Span {
            raw: self.s.get(start..self.i).unwrap_or(""),
            complete,
        }
    }

    /// Checks a container too deep to build, without recursion: brackets are counted (each
    /// kind on its own stack of bits), strings and scalars checked as everywhere else.
    /// `Ok(true)` when it closed, `Ok(false)` when the text ended inside it.
    fn skip_deep(&mut self) -> Result<bool, ()> {
        // A stack of open containers as bits: 1 for an object, 0 for an array; the first 64
        // levels in a word of their own (no allocation for the usual skipped member).
        let mut open = Bits::default();
        let mut depth: usize = 0;
        let push = |open: &mut Bits, depth: &mut usize, object: bool| {
            open.set(*depth, object);
            *depth += 1;
        };
        let top_is_object = |open: &Bits, depth: usize| open.get(depth - 1);
        loop {
            self.space();
            let Some(b) = self.peek() else {
                self.cut = true;
                return Ok(false);
            };
            match b {
                b'{' | b'[' => {
                    push(&mut open, &mut depth, b == b'{');
                    self.i += 1;
                    continue;
                }
                b'}' | b']' => {
                    if depth == 0 || top_is_object(&open, depth) != (b == b'}') {
                        return Err(());
                    }
                    depth -= 1;
                    self.i += 1;
                }
                b'"' => {
                    if self.string()?.is_none() {
                        return Ok(false);
                    }
                    if depth > 0 && top_is_object(&open, depth) {
                        self.space();
                        if self.peek() == Some(b':') {
                            self.i += 1;
                            continue;
                        }
                    }
                }
                b',' => {
                    self.i += 1;
                    continue;
                }
                _ => {
                    if self.value(self.limits.depth)?.is_none() {
                        return Ok(false);
                    }
                }
            }
            if depth == 0 {
                return Ok(true);
            }
        }
    }
}

/// A stack of bits: the first 64 in a word, the rest on the heap.
#[derive(Default)]
struct Bits {
    first: u64,
    more: Vec<u64>,
}

impl Bits {
    fn set(&mut self, at: usize, on: bool) {
        let word = match at / 64 {
            0 => &mut self.first,
            n => {
                while self.more.len() < n {
                    self.more.push(0);
                }
                match self.more.get_mut(n - 1) {
                    Some(w) => w,
                    None => return,
                }
            }
        };
        if on {
            *word |= 1 << (at % 64);
        } else {
            *word &= !(1 << (at % 64));
        }
    }

    fn get(&self, at: usize) -> bool {
        let word = match at / 64 {
            0 => Some(self.first),
            n => self.more.get(n - 1).copied(),
        };
        word.is_some_and(|w| w & (1 << (at % 64)) != 0)
    }
}

/// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_number(b: &[u8]) -> bool {
    let mut i = 0;
    let at = |i: usize| b.get(i).copied();
    if at(i) == Some(b'-') {
        i += 1;
    }
    match at(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while matches!(at(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        _ => return false,
    }
    if at(i) == Some(b'.') {
        i += 1;
        let digits = i;
        while matches!(at(i), Some(b'0'..=b'9')) {
            i += 1;
        }
        if i == digits {
            return false;
        }
    }
    if matches!(at(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(at(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let digits = i;
        while matches!(at(i), Some(b'0'..=b'9')) {
            i += 1;
        }
        if i == digits {
            return false;
        }
    }
    i == b.len()
}

/// Decodes the escapes of a string's raw text (already checked by the reader). The text between
/// escapes is copied a run at a time.
pub(crate) fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    loop {
        let rest = chars.as_str();
        // `\\` is ASCII, so both sides of it are character boundaries.
        let run = rest.find('\\').unwrap_or(rest.len());
        out.push_str(rest.get(..run).unwrap_or(""));
        chars = rest.get(run..).unwrap_or("").chars();
        if chars.next().is_none() {
            break;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let unit = hex4(&mut chars);
                let c = match unit {
                    Some(hi @ 0xD800..=0xDBFF) => {
                        // A high surrogate must be followed by `\u` and a low one.
                        let rest = chars.as_str();
                        let low = rest
                            .strip_prefix("\\u")
                            .and_then(|r| r.get(..4))
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                            .filter(|l| (0xDC00..=0xDFFF).contains(l));
                        match low {
                            Some(lo) => {
                                chars = rest.get(6..).unwrap_or("").chars();
                                char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                            }
                            None => None,
                        }
                    }
                    Some(u) => char::from_u32(u),
                    None => None,
                };
                out.push(c.unwrap_or('\u{FFFD}'));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

fn hex4(chars: &mut core::str::Chars<'_>) -> Option<u32> {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next()?.to_digit(16)?;
    }
    Some(v)
}

impl<'t, 'a> Value<'t, 'a> {
    /// The first member called `name` of an object.
    pub(crate) fn get(&self, name: &str) -> Option<&Value<'t, 'a>> {
        match self {
            Value::Object(members, _) => members.iter().find(|(k, _)| k.is(name)).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The first of `names` that the object has, in the order of `names`.
    pub(crate) fn first_of(&self, names: &[&str]) -> Option<&Value<'t, 'a>> {
        // One pass over the members, keeping the best-placed name seen (its first occurrence).
        // A member whose length no name has is passed over on one test of a mask of lengths
        // (an escaped name may decode to any length: it is always tried).
        let bit = |len: usize| 1u64 << len.min(63);
        let lengths = names.iter().fold(0, |m, n| m | bit(n.len()));
        let mut best: Option<(usize, &Value<'t, 'a>)> = None;
        for (key, value) in self.members() {
            if lengths & bit(key.raw.len()) == 0 && !key.escaped {
                continue;
            }
            let limit = best.map_or(names.len(), |(p, _)| p);
            if let Some(p) = names
                .get(..limit)
                .and_then(|n| n.iter().position(|n| key.is(n)))
            {
                best = Some((p, value));
                if p == 0 {
                    break;
                }
            }
        }
        best.map(|(_, v)| v)
    }

    pub(crate) fn members(&self) -> &'t [(Text<'a>, Value<'t, 'a>)] {
        match self {
            Value::Object(members, _) => members,
            _ => &[],
        }
    }

    pub(crate) fn is_object(&self) -> bool {
        matches!(self, Value::Object(..))
    }

    /// A string only.
    pub(crate) fn str(&self) -> Option<Cow<'a, str>> {
        match self {
            Value::Str(t) => Some(t.decoded()),
            _ => None,
        }
    }

    /// A string, or a whole number as text: what a code or an id may be.
    pub(crate) fn text(&self) -> Option<Cow<'a, str>> {
        match self {
            Value::Str(t) => Some(t.decoded()),
            Value::Num(n) if n.bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
                Some(Cow::Borrowed(n))
            }
            _ => None,
        }
    }

    pub(crate) fn boolean(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The first element of an array.
    pub(crate) fn first(&self) -> Option<&Value<'t, 'a>> {
        match self {
            Value::Array(items, _) => items.first(),
            _ => None,
        }
    }

    /// Whether this is an array.
    pub(crate) fn is_array(&self) -> bool {
        matches!(self, Value::Array(..))
    }

    /// The value as compact JSON text, exactly as sent (borrowed from the document where it
    /// stands there compact); `None` for a container the prefix cut.
    pub(crate) fn json(&self) -> Option<Cow<'a, str>> {
        match self {
            Value::Null => Some(Cow::Borrowed("null")),
            Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
            Value::Num(n) => Some(Cow::Borrowed(n)),
            Value::Str(t) => {
                let mut s = String::with_capacity(t.raw.len() + 2);
                s.push('"');
                s.push_str(t.raw);
                s.push('"');
                Some(Cow::Owned(s))
            }
            Value::Array(_, span) | Value::Object(_, span) if span.complete => {
                Some(crate::text::compact_json(span.raw))
            }
            _ => None,
        }
    }

    /// A number of seconds (a JSON number, or a string holding a decimal) in milliseconds.
    pub(crate) fn seconds_ms(&self) -> Option<u64> {
        match self {
            Value::Num(n) => crate::number::decimal_scaled(n, 3),
            Value::Str(t) => {
                let text = t.decoded();
                crate::number::decimal_scaled(&text, 3)
                    .or_else(|| crate::number::iso_duration_ms(&text))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete<'t>(text: &'t str, arena: &'t Arena) -> Value<'t, 't> {
        match parse(text, arena) {
            Parsed::Complete(v) => v,
            _ => panic!("not complete: {text}"),
        }
    }

    #[test]
    fn reads_documents() {
        let arena = Arena::new();
        let v = complete(
            r#" {"a": [1, -2.5e3, true, null], "b": "x\"y\u00e9", "a": 2} "#,
            &arena,
        );
        assert_eq!(
            v.get("a")
                .and_then(Value::first)
                .and_then(Value::text)
                .as_deref(),
            Some("1")
        );
        assert_eq!(v.get("b").and_then(Value::str).as_deref(), Some("x\"yé"));
        assert_eq!(
            v.get("a").and_then(Value::json).as_deref(),
            Some("[1,-2.5e3,true,null]")
        );
        for bad in [
            "{",
            "{\"a\" 1}",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "\"\u{1}\"",
            "[1] 2",
            "nul1",
            "\"\\x\"",
        ] {
            assert!(
                !matches!(parse(bad, &Arena::new()), Parsed::Complete(_)),
                "{bad}"
            );
        }
        assert!(matches!(parse("[1,]", &Arena::new()), Parsed::Invalid));
    }

    #[test]
    fn keeps_what_was_read_before_a_cut() {
        let arena = Arena::new();
        let Parsed::Cut(v) = parse(
            r#"{"error": {"code": "card_declined", "message": "Your card was decl"#,
            &arena,
        ) else {
            panic!("not cut");
        };
        let e = v.get("error").expect("error");
        assert_eq!(
            e.get("code").and_then(Value::str).as_deref(),
            Some("card_declined")
        );
        assert!(e.get("message").is_none());
        assert!(e.json().is_none());
        for cut in ["[tr", "{\"a\":12", "{\"a\"", "\"abc\\u00", "{\"a\":[1,2"] {
            assert!(matches!(parse(cut, &Arena::new()), Parsed::Cut(_)), "{cut}");
        }
    }

    #[test]
    fn deep_nesting_is_checked_without_recursion() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(matches!(parse(&deep, &Arena::new()), Parsed::Complete(_)));
        let objects = "{\"a\":".repeat(50_000) + "1" + &"}".repeat(50_000);
        assert!(matches!(
            parse(&objects, &Arena::new()),
            Parsed::Complete(_)
        ));
        let unbalanced = "[".repeat(200) + &"]".repeat(199);
        assert!(matches!(parse(&unbalanced, &Arena::new()), Parsed::Cut(_)));
        let mismatched = "[".repeat(200) + "}" + &"]".repeat(199);
        assert!(matches!(parse(&mismatched, &Arena::new()), Parsed::Invalid));
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let arena = Arena::new();
        let v = complete(r#""a\ud800b\ud83d\ude00""#, &arena);
        assert_eq!(v.str().as_deref(), Some("a\u{FFFD}b😀"));
    }
}
