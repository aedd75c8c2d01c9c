//! AWS error responses: the JSON protocols' `{"__type": "…#ThrottlingException", "message"}`
//! (awsJson1_0/1_1, restJson1, with `x-amzn-ErrorType`), and the XML protocols'
//! `<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId></Error>` (restXml, query).
//! Rules: the codes common to AWS services (docs.aws.amazon.com "Common Errors") and the SDKs'
//! retry classification (throttling and transient codes in `aws-smithy-runtime`, botocore).

use super::{get, string, Contract, Cx, Said, MESSAGE, REQUEST_ID};
use crate::body::json::Value;
use crate::body::markup::unescape;
use crate::headers::{Name, ResponseHeaders};
use crate::text::contains_ignore_ascii_case;
use crate::vocab::Shape;

pub(crate) static CONTRACT: Contract = Contract {
    shape: Shape::AwsJson,
    recognise,
    rules: RULES,
};

/// The bare error name from `aws.protocoltests#ValidationException:http://…`.
pub(crate) fn error_name(raw: &str) -> &str {
    let name = raw.rsplit_once('#').map_or(raw, |(_, n)| n);
    name.split_once(':').map_or(name, |(n, _)| n).trim()
}

/// A JSON body with `__type`, or with a `code` when the content type is AWS JSON
/// (`application/x-amz-json-1.0`/`1.1`, issue 10 §11).
fn recognise<'v, 't, 'a>(body: &'v Value<'t, 'a>, cx: &Cx<'v, 't, 'a>) -> Option<Said<'a>> {
    let amz_json = cx
        .content_type
        .is_some_and(|ct| contains_ignore_ascii_case(ct, "x-amz-json"));
    let kind = body.get("__type").and_then(Value::str).or_else(|| {
        amz_json
            .then(|| get(body, &["code", "Code"]).and_then(Value::str))
            .flatten()
    })?;
    Some(Said {
        code: Some(super::narrowed(kind, error_name)),
        message: string(get(body, MESSAGE)).or_else(|| string(body.get("errorMessage"))),
        request_id: string(get(body, REQUEST_ID)),
        ..Said::new(Shape::AwsJson)
    })
}

/// `x-amzn-ErrorType` on a response: the code of a body that names no contract of its own.
pub(crate) fn error_type_header<'a>(headers: &ResponseHeaders<'a>) -> Option<&'a str> {
    headers
        .get(Name::AmznErrorType)
        .map(error_name)
        .filter(|k| !k.is_empty())
}

/// An XML body with a `<Code>`.
pub(crate) fn from_xml<'a>(
    code: Option<&'a str>,
    message: Option<&'a str>,
    request_id: Option<&'a str>,
) -> Said<'a> {
    let own = |s: Option<&'a str>| s.map(unescape);
    Said {
        code: own(code),
        message: own(message),
        request_id: own(request_id),
        ..Said::new(Shape::AwsXml)
    }
}

/// The rules, in the rules-document form (first match wins).
const RULES: &str = r##"{"errtriage_rules": 1, "rules": [
  {"id": "aws.throttling", "when": {"shape": ["aws_json", "aws_xml"], "code": ["Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "EC2ThrottledException"]}, "category": "rate_limited", "action": "retry",
   "hint": "Throttled: retry with exponential backoff and jitter, and slow the request rate.",
   "source": "AWS SDKs retry behavior (throttling and transient error codes)"},
  {"id": "aws.transient", "when": {"shape": ["aws_json", "aws_xml"], "code": ["InternalFailure", "InternalError", "InternalServerError", "InternalServerException", "ServiceUnavailable", "ServiceUnavailableException", "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "IDPCommunicationError"]}, "category": "transient", "action": "retry",
   "hint": "A transient service failure: retry with exponential backoff.",
   "source": "AWS SDKs retry behavior (throttling and transient error codes)"},
  {"id": "aws.expired_token", "when": {"shape": ["aws_json", "aws_xml"], "code": ["ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"]}, "category": "authentication", "action": "refresh_credentials",
   "hint": "The temporary credentials or the signature expired: refresh the credentials (and check the clock), then retry once.",
   "source": "AWS API Reference \"Common Errors\""},
  {"id": "aws.invalid_credentials", "when": {"shape": ["aws_json", "aws_xml"], "code": ["InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature", "MissingAuthenticationToken", "InvalidAccessKeyId", "AuthFailure", "NotAuthorized"]}, "category": "authentication", "action": "fix_configuration",
   "hint": "Check the access key, secret and region used to sign the request.",
   "source": "AWS API Reference \"Common Errors\""},
  {"id": "aws.access_denied", "when": {"shape": ["aws_json", "aws_xml"], "code": ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException", "OptInRequired"]}, "category": "authorization", "action": "fix_configuration",
   "hint": "The IAM policy does not allow this action on this resource: grant it, or use another role.",
   "source": "AWS API Reference \"Common Errors\""},
  {"id": "aws.validation", "when": {"shape": ["aws_json", "aws_xml"], "code": ["ValidationException", "ValidationError", "InvalidParameterValue", "InvalidParameterException", "InvalidParameterCombination", "MissingParameter", "MalformedQueryString", "InvalidAction", "InvalidQueryParameter", "SerializationException", "InvalidRequestException", "InvalidArgument"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "Fix the parameter the message names; do not retry unchanged.",
   "source": "AWS API Reference \"Common Errors\""},
  {"id": "aws.not_found", "when": {"shape": ["aws_json", "aws_xml"], "code": ["ResourceNotFoundException", "NotFoundException", "NoSuchKey", "NoSuchBucket", "NoSuchEntity", "NoSuchUpload"]}, "category": "not_found", "action": "fix_request",
   "hint": "Check the resource name, account and region: it does not exist there.",
   "source": "AWS API Reference \"Common Errors\""},
  {"id": "aws.idempotency_mismatch", "when": {"shape": ["aws_json", "aws_xml"], "code": ["IdempotentParameterMismatch", "IdempotentParameterMismatchException"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "The client token was reused with different parameters: use a new token for a changed request.",
   "source": "AWS API Reference \"Common Errors\""},
  {"id": "aws.conflict", "when": {"shape": ["aws_json", "aws_xml"], "code": ["ConditionalCheckFailedException", "ConflictException", "ResourceConflictException", "ResourceInUseException", "TransactionConflictException", "OperationAbortedException", "BucketAlreadyExists", "EntityAlreadyExists"]}, "category": "conflict", "action": "reconcile",
   "hint": "The resource's current state conflicts with the request: read it, then decide.",
   "source": "AWS API Reference \"Common Errors\""},
  {"id": "aws.quota_exceeded", "when": {"shape": ["aws_json", "aws_xml"], "code": ["ServiceQuotaExceededException", "QuotaExceededException"]}, "category": "rejected", "action": "fix_configuration",
   "hint": "A service quota is exhausted: free capacity or request a quota increase.",
   "source": "AWS API Reference \"Common Errors\""}
]}"##;
