//! OData codes as Microsoft Graph and Azure Resource Manager send them
//! (learn.microsoft.com: Microsoft Graph "Error responses and resource types"; Azure
//! "Troubleshoot common Azure deployment errors").

use super::{code, Rule};
use crate::vocab::{Action::*, Category::*};

const GRAPH: &str = "Microsoft Graph \"Error responses and resource types\"";
const AZURE: &str = "Azure Resource Manager common error codes";

pub(crate) static RULES: &[Rule] = &[
    code(
        "odata.token_expired",
        &["InvalidAuthenticationToken", "ExpiredAuthenticationToken"],
        Authentication,
        RefreshCredentials,
        "The access token is expired or not yet valid: refresh it once, then retry once.",
        GRAPH,
    ),
    code(
        "odata.authentication_failed",
        &[
            "AuthenticationFailed",
            "InvalidAuthenticationTokenTenant",
            "unauthenticated",
        ],
        Authentication,
        FixConfiguration,
        "Check the credentials and the tenant the token was issued for.",
        AZURE,
    ),
    code(
        "odata.access_denied",
        &[
            "Authorization_RequestDenied",
            "AuthorizationFailed",
            "accessDenied",
            "ErrorAccessDenied",
            "Forbidden",
            "AuthorizationPermissionMismatch",
        ],
        Authorization,
        FixConfiguration,
        "Grant the app or user the permission this call needs (and admin consent where required).",
        GRAPH,
    ),
    code(
        "odata.not_found",
        &[
            "Request_ResourceNotFound",
            "ResourceNotFound",
            "itemNotFound",
            "ErrorItemNotFound",
            "ResourceGroupNotFound",
            "NotFound",
        ],
        NotFound,
        FixRequest,
        "Check the id, path and tenant: the resource does not exist there.",
        GRAPH,
    ),
    code(
        "odata.throttled",
        &[
            "TooManyRequests",
            "activityLimitReached",
            "ApplicationThrottled",
            "throttledRequest",
        ],
        RateLimited,
        Retry,
        "Throttled: wait for Retry-After, then retry.",
        GRAPH,
    ),
    code(
        "odata.transient",
        &[
            "serviceNotAvailable",
            "ServiceUnavailable",
            "generalException",
            "InternalServerError",
            "ServerBusy",
            "timeout",
            "OperationTimedOut",
            "InternalError",
        ],
        Transient,
        Retry,
        "A transient service failure: retry with backoff.",
        GRAPH,
    ),
    code(
        "odata.bad_request",
        &[
            "BadRequest",
            "invalidRequest",
            "InvalidRequest",
            "Request_BadRequest",
            "InvalidParameter",
            "InvalidRequestContent",
            "InvalidResourceName",
            "invalidRange",
            "malformedRequest",
        ],
        InvalidRequest,
        FixRequest,
        "Fix the request as the message says; do not retry unchanged.",
        GRAPH,
    ),
    code(
        "odata.conflict",
        &[
            "nameAlreadyExists",
            "Conflict",
            "resourceModified",
            "ErrorIrresolvableConflict",
            "preconditionFailed",
        ],
        Conflict,
        Reconcile,
        "The resource changed or already exists: read its current state, then decide.",
        GRAPH,
    ),
    code(
        "odata.quota",
        &["quotaLimitReached", "QuotaExceeded"],
        Rejected,
        FixConfiguration,
        "A quota is used up: free space or raise the limit.",
        AZURE,
    ),
];
