//! WebAssembly binding of errtriage (in progress).
