//! Node binding of errtriage (in progress).
