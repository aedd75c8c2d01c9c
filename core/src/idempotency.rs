//! One idempotency key per payload (seed 001 "Send retry policy"): a retry after an ambiguous
//! failure keeps the same key and the same payload; a changed payload is a new operation with a
//! new key; and a key reused with a changed payload is refused ("Unsafe retry examples").
//! Payloads are remembered by a 64-bit FNV-1a fingerprint of their bytes (not a defence against
//! an adversary, which a client's own payloads are not), keys are UUIDv4 text made from 16
//! random bytes the caller passes in. Memory is bounded: the oldest entries go first.

use alloc::collections::VecDeque;
use alloc::format;
use alloc::string::String;

use crate::error::{quoted, Error};

/// How many payload/key pairs a guard remembers by default.
pub const GUARD_CAPACITY: usize = 1024;

/// The fingerprint of a payload: FNV-1a 64 over its bytes.
pub fn fingerprint(payload: &[u8]) -> u64 {
    payload.iter().fold(0xcbf2_9ce4_8422_2325u64, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The guard: payload fingerprints and their keys, oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyGuard {
    entries: VecDeque<(u64, String)>,
    capacity: usize,
}

impl Default for IdempotencyGuard {
    fn default() -> Self {
        IdempotencyGuard::with_capacity(GUARD_CAPACITY)
    }
}

impl IdempotencyGuard {
    /// A guard that remembers up to `capacity` pairs (at least one).
    pub fn with_capacity(capacity: usize) -> Self {
        IdempotencyGuard {
            entries: VecDeque::new(),
            capacity: capacity.max(1),
        }
    }

    /// The key for `payload`: the one it already has, or a new one made from `random` (16
    /// random bytes from the caller) and remembered.
    pub fn key_for(&mut self, payload: &[u8], random: [u8; 16]) -> String {
        let print = fingerprint(payload);
        if let Some((_, key)) = self.entries.iter().find(|(p, _)| *p == print) {
            return key.clone();
        }
        let key = uuid_v4(random);
        self.remember(print, key.clone());
        key
    }

    /// Checks that `key` goes with `payload` and remembers the pair: a key first seen is
    /// accepted; a key seen with a different payload is an error (a changed payload needs a
    /// new key), so is an empty key.
    pub fn check(&mut self, key: &str, payload: &[u8]) -> Result<(), Error> {
        if key.is_empty() {
            return Err(Error::invalid_value(
                "idempotency_key",
                "a non-empty key",
                "\"\"",
            ));
        }
        let print = fingerprint(payload);
        match self.entries.iter().find(|(_, k)| k == key) {
            Some((p, _)) if *p == print => Ok(()),
            Some(_) => Err(Error::invalid_value(
                "idempotency_key",
                "a new key for a changed payload (a changed payload is a new operation)",
                &format!("{} again with a different payload", quoted(key)),
            )),
            None => {
                self.remember(print, String::from(key));
                Ok(())
            }
        }
    }

    /// Forgets `key` (the operation finished and its key will not be reused).
    pub fn forget(&mut self, key: &str) {
        self.entries.retain(|(_, k)| k != key);
    }

    /// How many pairs are remembered.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn remember(&mut self, print: u64, key: String) {
        if self.entries.len() >= self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back((print, key));
    }
}

/// RFC 9562 UUID version 4 text from 16 random bytes.
fn uuid_v4(mut bytes: [u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    if let Some(b) = bytes.get_mut(6) {
        *b = (*b & 0x0f) | 0x40;
    }
    if let Some(b) = bytes.get_mut(8) {
        *b = (*b & 0x3f) | 0x80;
    }
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(
            HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
        ));
        out.push(char::from(
            HEX.get(usize::from(b & 0xf)).copied().unwrap_or(b'0'),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_per_payload_and_no_reuse_with_a_changed_payload() {
        let mut guard = IdempotencyGuard::default();
        let a = guard.key_for(b"{\"to\":\"+14155550123\"}", [7; 16]);
        assert_eq!(a, "07070707-0707-4707-8707-070707070707");
        assert_eq!(
            guard.key_for(b"{\"to\":\"+14155550123\"}", [9; 16]),
            a,
            "same payload, same key"
        );
        let b = guard.key_for(b"{\"to\":\"+14155550124\"}", [9; 16]);
        assert_ne!(a, b, "changed payload, new key");
        assert!(guard.check(&a, b"{\"to\":\"+14155550123\"}").is_ok());
        let err = guard
            .check(&a, b"{\"to\":\"+14155550999\"}")
            .expect_err("reuse with a changed payload");
        assert_eq!(err.field(), "idempotency_key");
        assert!(guard.check("caller-key", b"x").is_ok());
        assert!(guard.check("caller-key", b"y").is_err());
        guard.forget("caller-key");
        assert!(guard.check("caller-key", b"y").is_ok());
    }

    #[test]
    fn memory_is_bounded() {
        let mut guard = IdempotencyGuard::with_capacity(2);
        for i in 0u8..10 {
            guard.key_for(&[i], [i; 16]);
        }
        assert_eq!(guard.len(), 2);
    }

    #[test]
    fn fingerprint_is_fnv1a() {
        assert_eq!(fingerprint(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
