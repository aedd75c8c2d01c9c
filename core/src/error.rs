//! The one error type of the crate: every invalid argument, in every binding, is reported with
//! these messages (DESIGN.md §6). Bindings map [`ErrorKind::Type`] to their language's type
//! error and the other kinds to its value error.

use alloc::format;
use alloc::string::String;
use core::fmt;

/// What was wrong with an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The JSON-form input is not JSON at all.
    Syntax,
    /// A value has the wrong type (a string where an integer belongs).
    Type,
    /// A value has the right type but is out of range or not one of the allowed words.
    Value,
}

/// An invalid input: which field, what kind of problem, and a message for a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    field: String,
    message: String,
}

impl Error {
    /// A new error about `field` (a dotted path such as `request.method`, or empty for the whole input).
    pub fn new(kind: ErrorKind, field: &str, message: String) -> Self {
        Error {
            kind,
            field: String::from(field),
            message,
        }
    }

    /// `field` had a value of the wrong type: `expected` says what it takes, `got` what came.
    pub fn wrong_type(field: &str, expected: &str, got: &str) -> Self {
        Error::new(
            ErrorKind::Type,
            field,
            format!("{field}: expected {expected}, got {got}"),
        )
    }

    /// `field` is required and was not given.
    pub fn required(field: &str) -> Self {
        Error::invalid_value(field, "a value (the field is required)", "none")
    }

    /// `first` and `second` were both given where one of them belongs.
    pub fn either(first: &str, second: &str) -> Self {
        Error::invalid_value(
            second,
            &format!("either {first} or {second}, not both"),
            "both",
        )
    }

    /// `field` had a value of the right type that is not allowed.
    pub fn invalid_value(field: &str, expected: &str, got: &str) -> Self {
        Error::new(
            ErrorKind::Value,
            field,
            format!("{field}: expected {expected}, got {got}"),
        )
    }

    /// `field` takes a whole number from `min` to `max`; `got` (the caller's number, as decimal
    /// text, so that numbers no integer type holds can be named) is outside that range. Every
    /// binding words a number out of range with this: the limit is the range itself.
    pub fn out_of_range(
        field: &str,
        min: impl fmt::Display,
        max: impl fmt::Display,
        got: &str,
    ) -> Self {
        Error::new(
            ErrorKind::Value,
            field,
            format!("{field}: expected a whole number from {min} to {max}, got {got}"),
        )
    }

    /// `field`'s bytes can no longer be read: its buffer was released before the call (a
    /// detached `ArrayBuffer` in JavaScript).
    pub fn detached(field: &str) -> Self {
        Error::invalid_value(field, "bytes that can be read", "a detached buffer")
    }

    /// `field` (a dotted path) is not a field of its object; `allowed` lists those that are.
    pub fn unknown_field(field: &str, allowed: &[&str]) -> Self {
        let mut list = String::new();
        for (i, name) in allowed.iter().enumerate() {
            if i > 0 {
                list.push_str(", ");
            }
            list.push_str(name);
        }
        Error::new(
            ErrorKind::Value,
            field,
            format!("{field}: unknown field; expected one of {list}"),
        )
    }

    /// `field` was not one of `allowed`.
    pub(crate) fn unknown_word(field: &str, got: &str, allowed: &[&str]) -> Self {
        let mut list = String::new();
        for (i, word) in allowed.iter().enumerate() {
            if i > 0 {
                list.push_str(", ");
            }
            list.push('"');
            list.push_str(word);
            list.push('"');
        }
        Error::invalid_value(field, &format!("one of {list}"), &quoted(got))
    }

    /// This error said of a member of `prefix` (`max_attempts: …` becomes `policy.max_attempts:
    /// …`); the kind is kept. Bindings use it for errors about an argument's member.
    pub fn at(self, prefix: &str) -> Self {
        if prefix.is_empty() || self.field().starts_with(prefix) {
            return self;
        }
        let field = if self.field().is_empty() {
            String::from(prefix)
        } else {
            format!("{prefix}.{}", self.field())
        };
        let message = match self.message().strip_prefix(self.field()) {
            Some(rest) if !self.field().is_empty() => format!("{field}{rest}"),
            _ => format!("{field}: {}", self.message()),
        };
        Error::new(self.kind(), &field, message)
    }

    /// What kind of problem it is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The field it concerns, as a dotted path; empty when it concerns the whole input.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The message for a person; it starts with the field's name.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// `text` as a JSON string literal: how messages quote what the caller sent.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    crate::text::push_json_string(&mut out, text);
    out
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}
