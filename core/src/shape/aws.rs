//! AWS error responses: the JSON protocols' `{"__type": "…#ThrottlingException", "message"}`
//! (awsJson1_0/1_1, restJson1, with `x-amzn-ErrorType`), and the XML protocols'
//! `<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId></Error>` (restXml, query).

use alloc::string::String;

use super::{string, Said};
use crate::body::markup::unescape;
use crate::body::probe::{Node, Probe};
use crate::headers::{Name, ResponseHeaders};
use crate::vocab::Shape;

/// The bare error name from `aws.protocoltests#ValidationException:http://…`.
fn error_name(raw: &str) -> &str {
    let name = raw.rsplit_once('#').map_or(raw, |(_, n)| n);
    name.split_once(':').map_or(name, |(n, _)| n).trim()
}

/// A JSON body with `__type`.
pub(super) fn recognise(p: &Probe<'_>) -> Option<Said> {
    let kind = p.aws_type.as_ref().and_then(Node::str)?;
    Some(Said {
        code: Some(String::from(error_name(kind))),
        message: string(&p.message),
        request_id: string(&p.request_id),
        ..Said::new(Shape::AwsJson)
    })
}

/// `x-amzn-ErrorType` on a response whose body names no contract.
pub(super) fn from_error_type_header(headers: &ResponseHeaders<'_>) -> Option<Said> {
    let kind = headers
        .get(Name::AmznErrorType)
        .map(error_name)
        .filter(|k| !k.is_empty())?;
    Some(Said {
        code: Some(String::from(kind)),
        ..Said::new(Shape::AwsJson)
    })
}

/// An XML body with a `<Code>`.
pub(crate) fn from_xml(
    code: Option<&str>,
    message: Option<&str>,
    request_id: Option<&str>,
) -> Said {
    let own = |s: Option<&str>| s.map(|s| String::from(unescape(s)));
    Said {
        code: own(code),
        message: own(message),
        request_id: own(request_id),
        ..Said::new(Shape::AwsXml)
    }
}
