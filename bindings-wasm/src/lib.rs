//! WebAssembly binding of errtriage (wasm-bindgen): the wasm half of the npm package
//! `errtriage-wasm`, for browsers, edge runtimes and Node.
//!
//! The exports are the one list in `js/exports.rs`, expanded here with `#[wasm_bindgen]` (and
//! in `bindings-node` with `#[napi]`), so they are the Node addon's one for one and speak the
//! same wire (`js/wire.rs`). Only plain values cross: numbers, strings, `Uint8Array` bodies
//! (copied into linear memory for the call).
//!
//! Panics: wasm32-unknown-unknown cannot unwind, so a panic traps. [`start`] installs a hook
//! that keeps the panic's message; the JS layer catches the trap (`WebAssembly.RuntimeError`),
//! reads the message with [`take_panic`] and throws a readable `Error`. The core is written
//! never to panic; this is the net under it.

use std::cell::RefCell;

use wasm_bindgen::prelude::wasm_bindgen;

#[path = "../../js/wire.rs"]
mod wire;

#[macro_use]
#[path = "../../js/exports.rs"]
mod exports;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs when the module is instantiated: keep each panic's message for [`take_panic`].
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        // The payload, not `PanicHookInfo`'s Display: its location formatting is kilobytes of
        // wasm, and the message is what makes the error readable.
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| String::from(*s))
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| String::from("panic"));
        LAST_PANIC.with(|last| {
            if let Ok(mut last) = last.try_borrow_mut() {
                *last = Some(message);
            }
        });
    }));
}

/// The last panic as an encoded internal error, once (then `undefined` until the next one).
#[wasm_bindgen(js_name = "takePanic")]
pub fn take_panic() -> Option<String> {
    LAST_PANIC
        .with(|last| last.try_borrow_mut().ok().and_then(|mut l| l.take()))
        .map(|message| wire::internal_error(&message))
}

/// wasm cannot unwind: a panic traps, and [`start`]'s hook keeps its message for
/// [`take_panic`]. So an export's answer is its closure's.
fn guarded(f: impl FnOnce() -> String) -> String {
    f()
}

js_exports!(wasm_bindgen);
