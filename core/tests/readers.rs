//! The input readers' vectors (`tests/vectors/readers/`): every document read whole through
//! `readers::read_json` and compared whole with the expected items (or the document-level
//! error), and read again through the push/pull `Reader` in chunks of 1, 7 and 4096 bytes,
//! which must give the same items. The Python and JS suites run the same file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use errtriage::readers::{self, Format, Reader};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/readers");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let doc: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            out.extend(doc["cases"].as_array().unwrap().iter().cloned());
        }
    }
    out
}

fn data_of(case: &Value) -> Vec<u8> {
    if let Some(text) = case["data"].as_str() {
        return text.as_bytes().to_vec();
    }
    let b64 = case["data_base64"].as_str().expect("data or data_base64");
    // The vectors' base64 is small: decode it with the alphabet, padding ignored.
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in b64.bytes().filter(|&c| c != b'=') {
        bits = (bits << 6) | alphabet.iter().position(|&a| a == c).unwrap() as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

#[test]
fn every_reader_vector_gives_its_whole_result() {
    let cases = cases();
    assert!(cases.len() >= 15, "only {} reader cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let got = readers::read_json(&data_of(case), case["format"].as_str());
        match (got, case.get("expected"), case.get("error")) {
            (Ok(json), Some(expected), None) => {
                let got: Value = serde_json::from_str(&json).unwrap();
                if &got != expected {
                    failures.push(format!("{name}: got {got}\nexpected {expected}"));
                }
            }
            (Err(e), None, Some(expected)) => {
                let got = serde_json::json!({
                    "kind": format!("{:?}", e.kind()).to_lowercase(),
                    "field": e.field(),
                    "message": e.message(),
                });
                if &got != expected {
                    failures.push(format!("{name}: got {got}, expected {expected}"));
                }
            }
            (got, _, _) => failures.push(format!("{name}: got {got:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn chunked_reading_gives_the_same_items() {
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let data = data_of(&case);
        let Ok(format) = case["format"].as_str().map(Format::parse).transpose() else {
            continue;
        };
        let Ok(whole) = readers::read(&data, format) else {
            continue;
        };
        for size in [1, 7, 4096] {
            let mut reader = Reader::new(whole.format);
            let mut items = Vec::new();
            let mut skipped = 0;
            let mut take = |reader: &mut Reader| {
                while let Some(record) = reader.next() {
                    match record.unwrap().read() {
                        Some(item) => items.push(item),
                        None => skipped += 1,
                    }
                }
            };
            for chunk in data.chunks(size) {
                reader.feed(chunk);
                take(&mut reader);
            }
            reader.end();
            take(&mut reader);
            assert_eq!(items, whole.items, "{name} in chunks of {size}");
            assert_eq!(skipped, whole.skipped, "{name} in chunks of {size}");
        }
    }
}

#[test]
fn a_har_is_read_in_bounded_memory() {
    // 20 000 entries, 200 of them failures; the reader never holds more than one entry and the
    // records of one chunk, however long the file.
    let entry = |i: usize| {
        let status = if i % 100 == 0 { 503 } else { 200 };
        format!(
            r#"{{"startedDateTime": "2025-03-01T10:00:00Z", "request": {{"method": "GET", "url": "https://api.example.com/v1/items/{i}", "headers": []}}, "response": {{"status": {status}, "headers": [{{"name": "Content-Type", "value": "application/json"}}], "content": {{"text": "{{\"message\": \"item {i} {}\"}}"}}}}}}"#,
            "x".repeat(200)
        )
    };
    let mut reader = Reader::new(Format::Har);
    reader.feed(br#"{"log": {"version": "1.2", "creator": {"name": "test"}, "entries": ["#);
    let (mut failures, mut skipped, mut most) = (0, 0, 0);
    for i in 0..20_000 {
        let sep = if i == 0 { "" } else { "," };
        reader.feed(format!("{sep}{}", entry(i)).as_bytes());
        most = most.max(reader.buffered());
        while let Some(record) = reader.next() {
            match record.unwrap().read() {
                Some(item) => {
                    let verdict = errtriage::classify_json(item.input.as_ref().unwrap()).unwrap();
                    assert!(verdict.contains("\"status\":503"), "{verdict}");
                    failures += 1;
                }
                None => skipped += 1,
            }
        }
    }
    reader.feed(b"]}}");
    reader.end();
    assert!(reader.next().is_none());
    assert_eq!((failures, skipped), (200, 19_800));
    assert!(most < 2_000, "the reader held {most} bytes");
}

#[test]
fn formats_are_guessed_from_the_first_bytes() {
    assert_eq!(
        Format::guess(b"\xEF\xBB\xBF\n  {\n \"log\": {"),
        Format::Har
    );
    assert_eq!(Format::guess(b"HTTP/2 502\r\n"), Format::Http);
    assert_eq!(Format::guess(b"{\"status\": 502}"), Format::Ndjson);
    assert_eq!(Format::guess(b""), Format::Ndjson);
}
