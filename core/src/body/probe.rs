//! A single-pass reading of a JSON error body that keeps only the members some contract uses
//! (`error`, `code`, `message`, `requestId`, `details`, …) and skips everything else without
//! building it. Nested objects under those members are read the same way, so no byte is parsed
//! twice. serde_json's recursion limit (128) bounds the nesting; the body prefix bounds the size.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// A JSON value as far as classification needs it.
#[derive(Debug)]
pub(crate) enum Node<'a> {
    Str(Cow<'a, str>),
    /// A whole number, as text (`10000`).
    Num(String),
    /// A number with a fraction or exponent; kept as a float, never formatted.
    Float(f64),
    Bool(bool),
    Null,
    Object(Box<Probe<'a>>),
    /// An array: only its first element is kept.
    Array {
        first: Option<Box<Node<'a>>>,
    },
}

impl<'a> Node<'a> {
    /// A string, or a number as text: what a code or id may be.
    pub fn text(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            Node::Num(n) => Some(n),
            _ => None,
        }
    }

    /// A string only.
    pub fn str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn object(&self) -> Option<&Probe<'a>> {
        match self {
            Node::Object(p) => Some(p),
            _ => None,
        }
    }

    /// The first element of an array, if it is an object.
    pub fn first_object(&self) -> Option<&Probe<'a>> {
        match self {
            Node::Array { first: Some(first) } => first.object(),
            _ => None,
        }
    }

    pub fn boolean(&self) -> Option<bool> {
        match self {
            Node::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A number of seconds (a JSON number, or a string holding a decimal) in milliseconds.
    pub fn seconds_ms(&self) -> Option<u64> {
        match self {
            Node::Num(n) | Node::Str(Cow::Owned(n)) => crate::number::decimal_scaled(n, 3),
            Node::Str(Cow::Borrowed(s)) => crate::number::decimal_scaled(s, 3),
            Node::Float(f) => crate::number::float_seconds_ms(*f),
            _ => None,
        }
    }
}

/// The members of one JSON object that some contract reads. Each keeps its first occurrence.
#[derive(Debug, Default)]
pub(crate) struct Probe<'a> {
    pub error: Option<Node<'a>>,
    pub errors: Option<Node<'a>>,
    pub error_description: Option<Node<'a>>,
    pub code: Option<Node<'a>>,
    pub message: Option<Node<'a>>,
    pub request_id: Option<Node<'a>>,
    pub details: Option<&'a RawValue>,
    pub metadata: Option<&'a RawValue>,
    pub kind: Option<Node<'a>>,
    pub aws_type: Option<Node<'a>>,
    pub status: Option<Node<'a>>,
    pub title: Option<Node<'a>>,
    pub detail: Option<Node<'a>>,
    pub instance: Option<Node<'a>>,
    pub ok: Option<Node<'a>>,
    pub success: Option<Node<'a>>,
    pub inner_error: Option<Node<'a>>,
    pub extensions: Option<&'a RawValue>,
    pub error_uri: Option<Node<'a>>,
    pub retry_after: Option<Node<'a>>,
    pub retry_delay: Option<Node<'a>>,
    pub at_type: Option<Node<'a>>,
    pub decline_code: Option<&'a RawValue>,
    pub param: Option<&'a RawValue>,
    pub target: Option<Node<'a>>,
    /// GraphQL's `locations` or `path` was present.
    pub graphql_position: bool,
    /// JSON:API's `source` (the pointer to the offending member).
    pub source: Option<&'a RawValue>,
    /// The playbook's logging fields (seed 001 "Good client logging fields").
    pub message_id: Option<Node<'a>>,
    pub external_reference: Option<Node<'a>>,
    /// A `data` envelope, where APIs put what they return (`{"data": {"messageId": …}}`).
    pub data: Option<Node<'a>>,
}

/// The members we keep, by every spelling the contracts use.
enum Key {
    Error,
    Errors,
    ErrorDescription,
    Code,
    Message,
    RequestId,
    Details,
    Metadata,
    Kind,
    AwsType,
    Status,
    Title,
    Detail,
    Instance,
    Ok,
    Success,
    InnerError,
    Extensions,
    ErrorUri,
    RetryAfter,
    RetryDelay,
    AtType,
    DeclineCode,
    Param,
    Target,
    GraphqlPosition,
    Source,
    MessageId,
    ExternalReference,
    Data,
    Other,
}

impl Key {
    fn of(name: &str) -> Key {
        match name {
            "error" => Key::Error,
            "errors" => Key::Errors,
            "error_description" => Key::ErrorDescription,
            "code" | "Code" => Key::Code,
            "message" | "Message" => Key::Message,
            "requestId" | "request_id" | "requestID" | "RequestId" | "request-id" => Key::RequestId,
            "details" => Key::Details,
            "metadata" => Key::Metadata,
            "type" => Key::Kind,
            "__type" => Key::AwsType,
            "status" => Key::Status,
            "title" => Key::Title,
            "detail" => Key::Detail,
            "instance" => Key::Instance,
            "ok" => Key::Ok,
            "success" => Key::Success,
            "innererror" | "innerError" => Key::InnerError,
            "extensions" => Key::Extensions,
            "error_uri" => Key::ErrorUri,
            "retry_after" | "retryAfter" => Key::RetryAfter,
            "retryDelay" => Key::RetryDelay,
            "@type" => Key::AtType,
            "decline_code" => Key::DeclineCode,
            "param" => Key::Param,
            "target" => Key::Target,
            "locations" | "path" => Key::GraphqlPosition,
            "source" => Key::Source,
            "messageId" | "message_id" => Key::MessageId,
            "externalReference" | "external_reference" => Key::ExternalReference,
            "data" => Key::Data,
            _ => Key::Other,
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key::of(v))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Stores `$value` in `$slot` unless it already holds the first occurrence.
macro_rules! first {
    ($map:ident, $slot:expr, $ty:ty) => {
        if $slot.is_none() {
            $slot = Some($map.next_value::<$ty>()?);
        } else {
            $map.next_value::<IgnoredAny>()?;
        }
    };
}

/// Reads an object's members straight into a boxed probe (the struct is large; it is built
/// in place rather than moved).
fn read_probe<'de, A: MapAccess<'de>>(mut map: A) -> Result<Box<Probe<'de>>, A::Error> {
    let mut p = Box::<Probe<'de>>::default();
    while let Some(key) = map.next_key::<Key>()? {
        match key {
            Key::Error => first!(map, p.error, Node),
            Key::Errors => first!(map, p.errors, Node),
            Key::ErrorDescription => first!(map, p.error_description, Node),
            Key::Code => first!(map, p.code, Node),
            Key::Message => first!(map, p.message, Node),
            Key::RequestId => first!(map, p.request_id, Node),
            Key::Details => first!(map, p.details, &'de RawValue),
            Key::Metadata => first!(map, p.metadata, &'de RawValue),
            Key::Kind => first!(map, p.kind, Node),
            Key::AwsType => first!(map, p.aws_type, Node),
            Key::Status => first!(map, p.status, Node),
            Key::Title => first!(map, p.title, Node),
            Key::Detail => first!(map, p.detail, Node),
            Key::Instance => first!(map, p.instance, Node),
            Key::Ok => first!(map, p.ok, Node),
            Key::Success => first!(map, p.success, Node),
            Key::InnerError => first!(map, p.inner_error, Node),
            Key::Extensions => first!(map, p.extensions, &'de RawValue),
            Key::ErrorUri => first!(map, p.error_uri, Node),
            Key::RetryAfter => first!(map, p.retry_after, Node),
            Key::RetryDelay => first!(map, p.retry_delay, Node),
            Key::AtType => first!(map, p.at_type, Node),
            Key::DeclineCode => first!(map, p.decline_code, &'de RawValue),
            Key::Param => first!(map, p.param, &'de RawValue),
            Key::Target => first!(map, p.target, Node),
            Key::GraphqlPosition => {
                p.graphql_position = true;
                map.next_value::<IgnoredAny>()?;
            }
            Key::Source => first!(map, p.source, &'de RawValue),
            Key::MessageId => first!(map, p.message_id, Node),
            Key::ExternalReference => first!(map, p.external_reference, Node),
            Key::Data => first!(map, p.data, Node),
            Key::Other => {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
    Ok(p)
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(String::from(v))))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node<'de>, E> {
        Ok(Node::Num(format!("{v}")))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node<'de>, E> {
        Ok(Node::Num(format!("{v}")))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node<'de>, E> {
        Ok(Node::Float(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node<'de>, E> {
        Ok(Node::Bool(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Node<'de>, A::Error> {
        Ok(Node::Object(read_probe(map)?))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let first = seq
            .next_element::<FirstElement<'de>>()?
            .and_then(|f| f.0)
            .map(|p| Box::new(Node::Object(p)));
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Node::Array { first })
    }
}

/// The first element of an array, kept only when it is an object (as in `errors: [{…}]`).
/// Anything else is skipped without recursion, so arrays nested deep cost no stack.
struct FirstElement<'a>(Option<Box<Probe<'a>>>);

impl<'de> Deserialize<'de> for FirstElement<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FirstElement<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FirstElement<'de>, A::Error> {
                Ok(FirstElement(Some(read_probe(map)?)))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<FirstElement<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(FirstElement(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<FirstElement<'de>, E> {
                Ok(FirstElement(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<FirstElement<'de>, E> {
                Ok(FirstElement(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<FirstElement<'de>, E> {
                Ok(FirstElement(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<FirstElement<'de>, E> {
                Ok(FirstElement(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<FirstElement<'de>, E> {
                Ok(FirstElement(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<FirstElement<'de>, E> {
                Ok(FirstElement(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Google's `details` array: the `google.rpc.RetryInfo` delay, if one is there. Read with the
/// JSON-form tree reader, which the crate has anyway (one reader fewer in the wasm module).
pub(crate) fn retry_info_delay(details: &RawValue) -> Option<String> {
    use crate::json_tree::{member, Json};
    let Ok(Json::Array(entries)) = serde_json::from_str::<Json<'_>>(details.get()) else {
        return None;
    };
    entries.iter().filter_map(Json::members).find_map(|entry| {
        let is_retry_info = member(entry, "@type")
            .and_then(Json::as_str)
            .is_some_and(|t| t.ends_with("google.rpc.RetryInfo"));
        is_retry_info
            .then(|| {
                member(entry, "retryDelay")
                    .and_then(Json::as_str)
                    .map(String::from)
            })
            .flatten()
    })
}

/// Reads a whole JSON document into a [`Node`].
pub(crate) fn read(text: &str) -> Result<Node<'_>, serde_json::Error> {
    serde_json::from_str(text)
}
