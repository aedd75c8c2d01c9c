//! `google.rpc.Code` canonical names as Google APIs send them in `error.status`
//! (googleapis google/rpc/code.proto; cloud.google.com/apis/design/errors "Handling errors").
//! `UNKNOWN` is left to the status.

use super::{code, Rule};
use crate::vocab::{Action::*, Category::*};

const SRC: &str = "google/rpc/code.proto; cloud.google.com/apis/design/errors";

pub(crate) static RULES: &[Rule] = &[
    code("google.invalid_argument", &["INVALID_ARGUMENT", "OUT_OF_RANGE"], InvalidRequest, FixRequest, "Fix the argument the message names; do not retry unchanged.", SRC),
    code("google.failed_precondition", &["FAILED_PRECONDITION"], Rejected, FixConfiguration, "The system is not in the state this call needs (an API or setting not enabled, a non-empty resource): fix that state first.", SRC),
    code("google.unauthenticated", &["UNAUTHENTICATED"], Authentication, RefreshCredentials, "The credential is missing, invalid or expired: refresh it once, then retry once.", SRC),
    code("google.permission_denied", &["PERMISSION_DENIED"], Authorization, FixConfiguration, "Grant the caller the permission the message names, or enable the API for the project.", SRC),
    code("google.not_found", &["NOT_FOUND"], NotFound, FixRequest, "Check the resource name: it does not exist or is not visible to this caller.", SRC),
    code("google.already_exists", &["ALREADY_EXISTS"], Conflict, Reconcile, "The resource already exists: fetch it instead of creating it again.", SRC),
    code("google.aborted", &["ABORTED"], Conflict, Retry, "A concurrent change aborted the call: retry the whole read-modify-write sequence.", SRC),
    code("google.resource_exhausted", &["RESOURCE_EXHAUSTED"], RateLimited, Retry, "A rate limit or quota was hit: retry after the delay, or raise the quota.", SRC),
    code("google.cancelled", &["CANCELLED"], Unknown, Stop, "The call was cancelled, usually by the caller; nothing to retry unless you still want the result.", SRC),
    code("google.data_loss", &["DATA_LOSS"], Unknown, Escalate, "The service reports unrecoverable data loss: escalate with the request id.", SRC),
    code("google.internal", &["INTERNAL"], Transient, Retry, "An internal error: retry with bounded backoff.", SRC),
    code("google.unimplemented", &["UNIMPLEMENTED"], InvalidRequest, FixRequest, "The method is not implemented or not enabled for this API version.", SRC),
    code("google.unavailable", &["UNAVAILABLE"], Transient, Retry, "The service is unavailable for now: retry with backoff.", SRC),
    code("google.deadline_exceeded", &["DEADLINE_EXCEEDED"], Transient, Retry, "The deadline passed before the call finished: retry with backoff (the outcome is unknown).", SRC),
];
