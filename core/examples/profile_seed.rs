//! Profiling aid (not a test): classifies the seed bodies in a loop, for `valgrind --tool=callgrind`.
#![allow(missing_docs, clippy::unwrap_used)]
use errtriage::{classify, Input, Request};
fn main() {
    let bodies: [(u16, &[u8]); 4] = [
        (400, br#"{"error":"invalid_request","error_description":"client_id and client_secret are required"}"#),
        (400, br#"{"error":{"code":"INVALID_REQUEST","message":"sendFrom must have campaignregId configured","details":{}},"requestId":"req_send_003"}"#),
        (502, br#"{"error":{"code":"UPSTREAM_ERROR","message":"Upstream search failed with status 502.","details":{"providerStatus":502}},"requestId":"req_search_001"}"#),
        (404, b"{\n  \"code\": \"customer_not_found\",\n  \"message\": \"No customer found with ID: invalid_id\",\n  \"request_id\": \"req_7f3a2b1c\",\n  \"metadata\": {\n    \"customer_id\": \"invalid_id\"\n  }\n}"),
    ];
    let headers = [
        ("content-type", "application/json"),
        ("x-request-id", "hdr_1"),
        ("date", "Sat, 22 Nov 2025 00:00:00 GMT"),
    ];
    let request = Request {
        method: Some("POST"),
        endpoint: Some("/api/core/messages/send"),
        idempotency_key: Some("k-1"),
        ..Request::default()
    };
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    for _ in 0..n {
        for (status, body) in bodies {
            let input = Input::response(status)
                .unwrap()
                .with_headers(&headers)
                .with_body(body)
                .with_request(request)
                .unwrap();
            std::hint::black_box(classify(&input));
        }
    }
}
