//! Any bytes, read as UTF-8 (lossily), through `classify_json`: an answer or an argument
//! error, never a panic; an answer is valid JSON and the same the second time.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match errtriage::classify_json(&text) {
        Ok(verdict) => {
            errtriage_fuzz::assert_json("the verdict", &verdict);
            assert_eq!(errtriage::classify_json(&text).ok(), Some(verdict));
        }
        Err(e) => assert!(!e.message().is_empty(), "an error without a message"),
    }
});
