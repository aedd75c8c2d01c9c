//! Node binding of errtriage (napi-rs): the native half of the npm package `errtriage`.
//!
//! The exports are the one list in `js/exports.rs`, expanded here with `#[napi]` (and in
//! `bindings-wasm` with `#[wasm_bindgen]`); each calls the core through the shared wire module
//! (`js/wire.rs`) and returns one string that `js/api.js` decodes. Argument types were checked
//! in JS; every value check and every message comes from the core. A panic never crosses into Node: each export catches unwinds and
//! returns an internal error instead (and the crate is never built with `panic = "abort"`).

use std::panic::{catch_unwind, AssertUnwindSafe};

use napi_derive::napi;

#[path = "../../js/wire.rs"]
mod wire;

#[macro_use]
#[path = "../../js/exports.rs"]
mod exports;

/// Runs `f`, turning a panic into the wire's internal error.
fn guarded(f: impl FnOnce() -> String) -> String {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("unknown panic");
        wire::internal_error(message)
    })
}

js_exports!(napi);

/// `classifyManyAsync`'s work: the inputs classified on a libuv worker thread, not the main
/// thread; the promise resolves with the same answer string as `classifyMany`.
pub struct ClassifyMany {
    classifier: wire::Classifier,
    texts: Vec<String>,
}

impl napi::Task for ClassifyMany {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> napi::Result<String> {
        Ok(guarded(|| self.classifier.classify_many(&self.texts)))
    }

    fn resolve(&mut self, _env: napi::Env, output: String) -> napi::Result<String> {
        Ok(output)
    }
}

/// `classifyMany` off the main thread, with the built-in rules.
#[napi(js_name = "classifyManyAsync")]
pub fn classify_many_async(texts: Vec<String>) -> napi::bindgen_prelude::AsyncTask<ClassifyMany> {
    napi::bindgen_prelude::AsyncTask::new(ClassifyMany {
        classifier: wire::Classifier::builtin(),
        texts,
    })
}

#[napi]
impl Classifier {
    /// `classifyMany` off the main thread, with these rules (shared with the worker).
    #[napi(js_name = "classifyManyAsync")]
    pub fn classify_many_async(
        &self,
        texts: Vec<String>,
    ) -> napi::bindgen_prelude::AsyncTask<ClassifyMany> {
        napi::bindgen_prelude::AsyncTask::new(ClassifyMany {
            classifier: self.inner.clone(),
            texts,
        })
    }
}
