//! Bytes split into status, headers, body and request fields (`errtriage_fuzz::Fields`), built
//! into an `Input` through the public API, then classified: never a panic, and the verdict
//! keeps its invariants.
#![no_main]

use errtriage::{classify, Action, Classifier};
use errtriage_fuzz::{assert_json, Fields};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let fields = Fields::decode(data);
    let headers = fields.header_refs();
    fields.with_input(&headers, |input| {
        let verdict = classify(input);
        assert_eq!(
            verdict.retryable,
            verdict.action == Action::Retry,
            "{verdict:?}"
        );
        assert_eq!(verdict.status, input.status());
        if let Some(ms) = verdict.retry_after_ms {
            assert!(ms <= errtriage::MAX_RETRY_AFTER_MS, "{verdict:?}");
        }
        assert_json("the verdict", &verdict.to_json());
        assert_eq!(Classifier::builtin().classify(input), verdict);
    });
});
