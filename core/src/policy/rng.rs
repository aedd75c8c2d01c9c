//! A seeded random generator for reproducible jitter (SplitMix64, Steele, Lea and Flood 2014):
//! the same seed gives the same draws in every language, because every language calls this.
//! The core itself never draws: callers pass a draw, or a generator they seeded.

/// SplitMix64: tiny, fast, and statistically fine for jitter (not for secrets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator that starts from `seed`.
    pub const fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// A seed written in decimal, as bindings pass one (their integers may not fit `u64`).
    pub fn parse_seed(text: &str) -> Result<u64, crate::error::Error> {
        let text = text.trim_ascii();
        let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        digits
            .then(|| text.parse::<u64>().ok())
            .flatten()
            .ok_or_else(|| {
                crate::error::Error::invalid_value(
                    "seed",
                    "a whole number from 0 to 18446744073709551615",
                    text,
                )
            })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A draw in `[0, 1)` with 53 random bits, as jitter takes it.
    pub fn next_draw(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// 16 random bytes, as an idempotency key takes them.
    pub fn next_bytes(&mut self) -> [u8; 16] {
        let (a, b) = (self.next_u64().to_le_bytes(), self.next_u64().to_le_bytes());
        let mut out = [0u8; 16];
        for (slot, byte) in out.iter_mut().zip(a.iter().chain(b.iter())) {
            *slot = *byte;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    #[test]
    fn matches_the_reference_sequence() {
        // Reference values of SplitMix64 for seed 1234567 (from the published C implementation).
        let mut rng = SplitMix64::new(1_234_567);
        assert_eq!(rng.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next_u64(), 3_203_168_211_198_807_973);
        assert_eq!(SplitMix64::parse_seed("42"), Ok(42));
        assert!(SplitMix64::parse_seed("-1").is_err());
        assert!(SplitMix64::parse_seed("18446744073709551616").is_err());
        let d = SplitMix64::new(7).next_draw();
        assert!((0.0..1.0).contains(&d));
    }
}
