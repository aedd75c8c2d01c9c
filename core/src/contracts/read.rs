//! From a read body to what the API said: JSON bodies through the [`super::REGISTRY`] then the
//! generic reader; XML through AWS's `<Code>` reader, SOAP 1.1/1.2 faults and a generic element
//! reader; HTML pages by their title, else their first heading; text as it is. Then what the
//! headers carry: an OAuth `WWW-Authenticate` error, an `x-amzn-ErrorType` code (the body's
//! message is kept), and the request id from the headers public APIs use ([`REQUEST_ID_HEADERS`]).

use alloc::borrow::Cow;

use super::{aws, generic, oauth, recognise, Cx, Said};
use crate::body::markup::{element, local_element, unescape};
use crate::body::Body;
use crate::headers::{Name, ResponseHeaders, REQUEST_ID};
use crate::vocab::Shape;

/// Request-id headers beyond the common ones the header scan knows (each vendor's own docs):
/// Twilio, Slack, Dropbox, Box, Okta, PayPal, Atlassian, Netlify, Fly.io, Vercel, Azure API
/// Management, Facebook, Zoom, AWS API Gateway, Google Cloud, Checkout.com.
pub(crate) const REQUEST_ID_HEADERS: &[&str] = &[
    "twilio-request-id",
    "x-slack-req-id",
    "x-dropbox-request-id",
    "box-request-id",
    "x-okta-request-id",
    "paypal-debug-id",
    "x-arequestid",
    "x-nf-request-id",
    "fly-request-id",
    "x-vercel-id",
    "apim-request-id",
    "x-fb-trace-id",
    "x-fb-request-id",
    "x-zm-trackingid",
    "apigw-requestid",
    "x-amz-apigw-id",
    "x-trace-id",
    "x-b3-traceid",
    "traceparent",
    "x-cloud-trace-context",
    "cko-request-id",
];

/// Headers that carry an error code (Azure Storage and Azure services `x-ms-error-code`; the
/// generic `x-error-code` several gateways send).
pub(crate) const ERROR_CODE_HEADERS: &[&str] =
    &["x-ms-error-code", "x-error-code", "x-amz-error-code"];

/// What the API said, from the body and the headers.
pub(crate) fn said<'a>(body: &Body<'_, 'a>, headers: &ResponseHeaders<'a>) -> Said<'a> {
    let content_type = headers.get(Name::ContentType);
    let mut said = match body {
        Body::Empty => Said::new(Shape::Empty),
        Body::Json { value, .. } => match recognise(
            value,
            &Cx {
                content_type,
                error: value.get("error"),
            },
        ) {
            Some(mut said) => {
                // A delay beside a contract's error (Discord-style `retry_after`, a
                // `retryDelay` in the error object), wherever the contract does not say one.
                if said.delay_ms.is_none() {
                    said.delay_ms = generic::delay(value);
                }
                said
            }
            None => generic::recognise(value),
        },
        Body::Html { title, heading } => Said {
            message: title.or(*heading).map(unescape),
            ..Said::new(Shape::Html)
        },
        Body::Xml(text) => xml(text),
        Body::Text(text) => Said {
            message: Some(Cow::Borrowed(*text)),
            ..Said::new(Shape::Text)
        },
        Body::Malformed => Said::new(Shape::Malformed),
    };
    // Contracts that live in headers, for bodies that name no contract of their own.
    if matches!(
        said.shape,
        Some(Shape::Empty | Shape::Text | Shape::Html | Shape::Json)
    ) {
        if let Some(from_header) = oauth::from_www_authenticate(headers) {
            said = Said {
                request_id: said.request_id,
                failed: true,
                ..from_header
            };
        } else if let Some(code) = aws::error_type_header(headers) {
            said.shape = Some(Shape::AwsJson);
            said.code = Some(Cow::Borrowed(code));
            said.failed = true;
        }
    }
    // Codes some platforms carry in a header, even on a 200 (Azure Storage `x-ms-error-code`).
    if said.code.is_none() {
        if let Some(code) = ERROR_CODE_HEADERS
            .iter()
            .find_map(|name| headers.first(name))
            .filter(|c| !c.is_empty())
        {
            said.code = Some(Cow::Borrowed(code));
            said.failed = true;
        }
    }
    if said.request_id.is_none() {
        said.request_id = REQUEST_ID
            .iter()
            .find_map(|&name| headers.get(name))
            .or_else(|| {
                REQUEST_ID_HEADERS
                    .iter()
                    .find_map(|name| headers.first(name))
            })
            .filter(|v| !v.is_empty())
            .map(Cow::Borrowed);
    }
    said
}

/// An XML body: AWS's `<Error><Code>`, a SOAP fault, or any document with code and message
/// elements (shape `text`: the vocabulary has no generic XML shape).
fn xml<'a>(text: &'a str) -> Said<'a> {
    if let Some(code) = element(text, "Code", false).filter(|c| !c.starts_with('<')) {
        let message = element(text, "Message", false);
        let request_id =
            element(text, "RequestId", false).or_else(|| element(text, "RequestID", false));
        return aws::from_xml(Some(code), message, request_id);
    }
    let own = |s: Option<&'a str>| {
        s.filter(|s| !s.is_empty() && !s.contains('<'))
            .map(unescape)
    };
    let first_local = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| local_element(text, n).filter(|s| !s.is_empty() && !s.contains('<')))
    };
    if let Some(fault) = local_element(text, "Fault") {
        // SOAP 1.1: faultcode/faultstring; SOAP 1.2: Code/Value and Reason/Text.
        let code = local_element(fault, "faultcode").or_else(|| local_element(fault, "Value"));
        let message = local_element(fault, "faultstring").or_else(|| local_element(fault, "Text"));
        let detail_code =
            local_element(fault, "errorcode").or_else(|| local_element(fault, "ErrorCode"));
        return Said {
            code: own(detail_code).or_else(|| own(code)),
            message: own(message),
            request_id: own(first_local(&["RequestId", "requestId", "TraceId"])),
            failed: true,
            ..Said::new(Shape::Text)
        };
    }
    let code = first_local(&["code", "errorCode", "error_code", "ErrorCode", "Code"]);
    let message = first_local(&[
        "message",
        "Message",
        "errorMessage",
        "error_message",
        "description",
        "error",
        "reason",
    ]);
    Said {
        code: own(code),
        message: own(message),
        request_id: own(first_local(&[
            "RequestId",
            "requestId",
            "request_id",
            "TraceId",
        ])),
        failed: code.is_some() || first_local(&["error", "Error", "errors"]).is_some(),
        ..Said::new(Shape::Text)
    }
}
