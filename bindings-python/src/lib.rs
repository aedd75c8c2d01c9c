//! Python binding of errtriage (in progress).
