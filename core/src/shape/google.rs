//! Google APIs' `google.rpc.Status` in JSON (AIP-193, cloud.google.com/apis/design/errors):
//! `{"error": {"code": 403, "message", "status": "PERMISSION_DENIED", "details": […]}}`.
//! The canonical `status` name is the code; a `google.rpc.RetryInfo` in `details` is a delay.

use super::{raw, string, Said};
use crate::body::probe::{retry_info_delay, Node, Probe};
use crate::vocab::Shape;

/// An `error` object whose `code` is a number and whose `status` is a canonical code name.
pub(super) fn recognise(p: &Probe<'_>, e: &Probe<'_>) -> Option<Said> {
    if !matches!(e.code, Some(Node::Num(_))) {
        return None;
    }
    let status = e.status.as_ref().and_then(Node::str)?;
    let delay_ms = e
        .details
        .and_then(retry_info_delay)
        .and_then(|d| duration_ms(&d));
    Some(Said {
        code: Some(status.into()),
        message: string(&e.message),
        request_id: string(&p.request_id),
        details: raw(e.details),
        delay_ms,
        ..Said::new(Shape::Google)
    })
}

/// A protobuf JSON `Duration` (`"30s"`, `"1.5s"`) in milliseconds.
fn duration_ms(text: &str) -> Option<u64> {
    crate::number::decimal_scaled(text.trim_ascii().strip_suffix('s')?, 3)
}
