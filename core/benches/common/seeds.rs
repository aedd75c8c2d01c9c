//! The bodies the core benchmarks share (`benches/classify.rs`, `benches/instructions.rs`): the
//! seed documents' example bodies, the headers that came with them, and large bodies.
#![allow(dead_code)]

/// The headers sent with each seed body.
pub const HEADERS: [(&str, &str); 3] = [
    ("content-type", "application/json"),
    ("x-request-id", "hdr_1"),
    ("date", "Sat, 22 Nov 2025 00:00:00 GMT"),
];

/// The seed documents' example bodies: name, status, body.
pub fn seed_bodies() -> Vec<(&'static str, u16, String)> {
    let core = |code: &str, message: &str, rid: &str, details: &str| {
        format!(
            r#"{{"error":{{"code":"{code}","message":"{message}","details":{details}}},"requestId":"{rid}"}}"#
        )
    };
    vec![
        ("oauth invalid_client", 401, r#"{"error":"invalid_client","error_description":"Client authentication failed"}"#.to_string()),
        ("oauth unsupported_grant_type", 400, r#"{"error":"unsupported_grant_type","error_description":"Only client_credentials is supported"}"#.to_string()),
        ("oauth missing credentials", 400, r#"{"error":"invalid_request","error_description":"client_id and client_secret are required"}"#.to_string()),
        ("core idempotency key", 400, core("INVALID_REQUEST", "Idempotency-Key header is required", "req_send_001", "{}")),
        ("core invalid token", 401, core("UNAUTHORIZED", "Invalid or missing bearer token", "req_auth_001", "{}")),
        ("core forbidden number", 403, core("FORBIDDEN", "sendFrom is not owned by this API client", "req_send_002", "{}")),
        ("core validation", 400, core("INVALID_REQUEST", "sendFrom must have campaignregId configured", "req_send_003", "{}")),
        ("core upstream", 502, core("UPSTREAM_ERROR", "Upstream search failed with status 502.", "req_search_001", r#"{"providerStatus":502}"#)),
        ("flat customer_not_found", 404, "{\n  \"code\": \"customer_not_found\",\n  \"message\": \"No customer found with ID: invalid_id\",\n  \"request_id\": \"req_7f3a2b1c\",\n  \"metadata\": {\n    \"customer_id\": \"invalid_id\"\n  }\n}".to_string()),
    ]
}

/// Bodies that are not JSON documents, as proxies, gateways and frameworks send them: name,
/// status, content type, body. No verdict comes from a code table on these: every rule the
/// words index does not pass over is tried.
pub fn text_bodies() -> Vec<(&'static str, u16, &'static str, &'static str)> {
    vec![
        ("empty 502", 502, "", ""),
        ("text 502", 502, "text/plain", "Bad Gateway"),
        ("text 429", 429, "text/plain; charset=utf-8", "Too Many Requests: rate limit exceeded, try again in 30 seconds"),
        ("nginx 502 page", 502, "text/html", "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"),
        ("html 503 page", 503, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.</p></body></html>"),
        ("xml 403", 403, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>"),
    ]
}

/// An HTML error page of about `size` bytes.
pub fn html_page(size: usize) -> String {
    let mut p =
        String::from("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>");
    while p.len() < size {
        p.push_str("<p>upstream failure, retry later</p>\n");
    }
    p
}

/// A JSON error document of about `size` bytes (a long array of field errors).
pub fn json_document(size: usize) -> String {
    let mut j = String::from(
        r#"{"code":"validation_error","message":"m","request_id":"r","metadata":{"errors":["#,
    );
    while j.len() < size {
        j.push_str(r#""field is invalid","#);
    }
    j.push_str(r#""last"]}}"#);
    j
}
