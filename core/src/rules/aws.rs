//! AWS error codes common to its services (docs.aws.amazon.com "Common Errors", the SDKs'
//! retry classification: throttling and transient error codes in `aws-smithy-runtime` and
//! botocore `retryhandler`).

use super::{code, Rule};
use crate::vocab::{Action::*, Category::*};

const COMMON: &str = "AWS API Reference \"Common Errors\"";
const SDK_RETRY: &str = "AWS SDKs retry behavior (throttling and transient error codes)";

pub(crate) static RULES: &[Rule] = &[
    code(
        "aws.throttling",
        &[
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
            "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
            "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "EC2ThrottledException",
        ],
        RateLimited,
        Retry,
        "Throttled: retry with exponential backoff and jitter, and slow the request rate.",
        SDK_RETRY,
    ),
    code(
        "aws.transient",
        &[
            "InternalFailure", "InternalError", "InternalServerError", "InternalServerException", "ServiceUnavailable",
            "ServiceUnavailableException", "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
            "IDPCommunicationError",
        ],
        Transient,
        Retry,
        "A transient service failure: retry with exponential backoff.",
        SDK_RETRY,
    ),
    code(
        "aws.expired_token",
        &["ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"],
        Authentication,
        RefreshCredentials,
        "The temporary credentials or the signature expired: refresh the credentials (and check the clock), then retry once.",
        COMMON,
    ),
    code(
        "aws.invalid_credentials",
        &[
            "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "InvalidSignatureException",
            "IncompleteSignature", "MissingAuthenticationToken", "InvalidAccessKeyId", "AuthFailure", "NotAuthorized",
        ],
        Authentication,
        FixConfiguration,
        "Check the access key, secret and region used to sign the request.",
        COMMON,
    ),
    code(
        "aws.access_denied",
        &["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException", "OptInRequired"],
        Authorization,
        FixConfiguration,
        "The IAM policy does not allow this action on this resource: grant it, or use another role.",
        COMMON,
    ),
    code(
        "aws.validation",
        &[
            "ValidationException", "ValidationError", "InvalidParameterValue", "InvalidParameterException",
            "InvalidParameterCombination", "MissingParameter", "MalformedQueryString", "InvalidAction",
            "InvalidQueryParameter", "SerializationException", "InvalidRequestException", "InvalidArgument",
        ],
        InvalidRequest,
        FixRequest,
        "Fix the parameter the message names; do not retry unchanged.",
        COMMON,
    ),
    code(
        "aws.not_found",
        &["ResourceNotFoundException", "NotFoundException", "NoSuchKey", "NoSuchBucket", "NoSuchEntity", "NoSuchUpload"],
        NotFound,
        FixRequest,
        "Check the resource name, account and region: it does not exist there.",
        COMMON,
    ),
    code(
        "aws.idempotency_mismatch",
        &["IdempotentParameterMismatch", "IdempotentParameterMismatchException"],
        InvalidRequest,
        FixRequest,
        "The client token was reused with different parameters: use a new token for a changed request.",
        COMMON,
    ),
    code(
        "aws.conflict",
        &[
            "ConditionalCheckFailedException", "ConflictException", "ResourceConflictException", "ResourceInUseException",
            "TransactionConflictException", "OperationAbortedException", "BucketAlreadyExists", "EntityAlreadyExists",
        ],
        Conflict,
        Reconcile,
        "The resource's current state conflicts with the request: read it, then decide.",
        COMMON,
    ),
    code(
        "aws.quota_exceeded",
        &["ServiceQuotaExceededException", "QuotaExceededException"],
        Rejected,
        FixConfiguration,
        "A service quota is exhausted: free capacity or request a quota increase.",
        COMMON,
    ),
];
