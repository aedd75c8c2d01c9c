//! Writing the JSON form: an object's members one by one, strings escaped the crate's one way.

use alloc::string::String;
use core::fmt::Write;

use crate::text::push_json_string;

/// A JSON object being written.
pub(crate) struct Object {
    out: String,
    empty: bool,
}

impl Object {
    pub(crate) fn new() -> Object {
        Object {
            out: String::from("{"),
            empty: true,
        }
    }

    fn key(&mut self, name: &str) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        push_json_string(&mut self.out, name);
        self.out.push(':');
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.empty
    }

    pub(crate) fn str(&mut self, name: &str, value: &str) {
        self.key(name);
        push_json_string(&mut self.out, value);
    }

    pub(crate) fn int(&mut self, name: &str, value: i64) {
        self.key(name);
        let _ = write!(self.out, "{value}");
    }

    /// A member whose value is JSON text already.
    pub(crate) fn raw(&mut self, name: &str, json: &str) {
        self.key(name);
        self.out.push_str(json);
    }

    /// `[["name", "value"], …]`.
    pub(crate) fn pairs<'p>(
        &mut self,
        name: &str,
        pairs: impl Iterator<Item = (&'p str, &'p str)>,
    ) {
        self.key(name);
        self.out.push('[');
        for (i, (n, v)) in pairs.enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push('[');
            push_json_string(&mut self.out, n);
            self.out.push(',');
            push_json_string(&mut self.out, v);
            self.out.push(']');
        }
        self.out.push(']');
    }

    pub(crate) fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

/// The standard base64 (RFC 4648 §4) of `bytes`, padded.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sym = |n: u32| char::from(ALPHABET.get((n & 63) as usize).copied().unwrap_or(b'A'));
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        out.push(sym(n >> 18));
        out.push(sym(n >> 12));
        out.push(if chunk.len() > 1 { sym(n >> 6) } else { '=' });
        out.push(if chunk.len() > 2 { sym(n) } else { '=' });
    }
    out
}

/// A body: `body` when it is UTF-8, else `body_base64`.
pub(crate) fn body(form: &mut Object, bytes: &[u8]) {
    if bytes.is_empty() {
        return;
    }
    match core::str::from_utf8(bytes) {
        Ok(text) => form.str("body", text),
        Err(_) => form.str("body_base64", &base64(bytes)),
    }
}
