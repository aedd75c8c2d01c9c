//! Runs `classify` on one seed body in a loop, for profilers (`valgrind --tool=callgrind`).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]
fn main() {
    let body: &[u8] = if std::env::args().nth(2).as_deref() == Some("oauth") {
        br#"{"error":"invalid_client","error_description":"Client authentication failed"}"#
    } else {
        br#"{"error":{"code":"UPSTREAM_ERROR","message":"Upstream search failed with status 502.","details":{"providerStatus":502}},"requestId":"req_search_001"}"#
    };
    let headers = [
        ("content-type", "application/json"),
        ("x-request-id", "hdr_1"),
        ("date", "Sat, 22 Nov 2025 00:00:00 GMT"),
    ];
    let request = errtriage::Request {
        method: Some("POST"),
        endpoint: Some("/api/core/messages/send"),
        idempotency_key: Some("k-1"),
        ..Default::default()
    };
    let input = errtriage::Input::response(502)
        .unwrap()
        .with_headers(&headers)
        .with_body(body)
        .with_request(request)
        .unwrap();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    for _ in 0..n {
        std::hint::black_box(errtriage::classify(std::hint::black_box(&input)));
    }
}
