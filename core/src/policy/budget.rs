//! A retry budget shared across operations: a token bucket that each retry draws from and each
//! success refills, so that when an upstream fails broadly the clients stop multiplying its load
//! (after the AWS SDKs' "standard" retry quota and gRPC's retry throttling). A transient retry
//! costs more than a throttled one: throttling already comes with the server's own delay.

use alloc::format;

use crate::error::Error;
use crate::vocab::Category;

/// The bucket. Counts are whole tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetryBudget {
    capacity: u32,
    tokens: u32,
    transient_cost: u32,
    throttled_cost: u32,
    success_refill: u32,
}

impl Default for RetryBudget {
    /// 500 tokens; a transient retry costs 5, a throttled one 1; a success returns 1.
    fn default() -> Self {
        RetryBudget {
            capacity: 500,
            tokens: 500,
            transient_cost: 5,
            throttled_cost: 1,
            success_refill: 1,
        }
    }
}

impl RetryBudget {
    /// The fields, by the name every binding and the JSON form give them.
    pub const FIELDS: &'static [&'static str] = &[
        "capacity",
        "transient_cost",
        "throttled_cost",
        "success_refill",
    ];

    /// The error for a value of field `name` its type cannot hold (`got`, as decimal text).
    pub fn out_of_range(name: &str, got: &str) -> Error {
        Error::out_of_range(name, 0, u32::MAX, got)
    }

    /// A full bucket from the fields a caller gave, the others at their defaults (the one place
    /// a partial budget is completed); checked like [`RetryBudget::new`].
    pub fn from_fields(fields: &[(&str, u64)]) -> Result<Self, Error> {
        let d = RetryBudget::default();
        let (mut capacity, mut transient, mut throttled, mut refill) = (
            d.capacity,
            d.transient_cost,
            d.throttled_cost,
            d.success_refill,
        );
        for &(name, value) in fields {
            let slot = match name {
                "capacity" => &mut capacity,
                "transient_cost" => &mut transient,
                "throttled_cost" => &mut throttled,
                "success_refill" => &mut refill,
                _ => return Err(Error::unknown_field(name, RetryBudget::FIELDS)),
            };
            *slot = u32::try_from(value)
                .map_err(|_| RetryBudget::out_of_range(name, &format!("{value}")))?;
        }
        RetryBudget::new(capacity, transient, throttled, refill)
    }

    /// A full bucket of `capacity` tokens with these costs; costs must be at least 1 and at most
    /// the capacity.
    pub fn new(
        capacity: u32,
        transient_cost: u32,
        throttled_cost: u32,
        success_refill: u32,
    ) -> Result<Self, Error> {
        for (field, cost) in [
            ("transient_cost", transient_cost),
            ("throttled_cost", throttled_cost),
        ] {
            if cost == 0 || cost > capacity {
                return Err(Error::invalid_value(
                    field,
                    &format!("from 1 to capacity ({capacity})"),
                    &format!("{cost}"),
                ));
            }
        }
        Ok(RetryBudget {
            capacity,
            tokens: capacity,
            transient_cost,
            throttled_cost,
            success_refill,
        })
    }

    /// Takes the cost of a retry of this category; `false` (and nothing taken) when the bucket
    /// holds less.
    pub fn try_withdraw(&mut self, category: Category) -> bool {
        let cost = if category == Category::RateLimited {
            self.throttled_cost
        } else {
            self.transient_cost
        };
        match self.tokens.checked_sub(cost) {
            Some(left) => {
                self.tokens = left;
                true
            }
            None => false,
        }
    }

    /// A request succeeded: return `success_refill` tokens, up to the capacity.
    pub fn record_success(&mut self) {
        self.tokens = self
            .tokens
            .saturating_add(self.success_refill)
            .min(self.capacity);
    }

    /// Tokens left.
    pub fn tokens(&self) -> u32 {
        self.tokens
    }

    /// The most tokens it holds.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// What a retry of a transient (or any non-throttling) failure costs.
    pub fn transient_cost(&self) -> u32 {
        self.transient_cost
    }

    /// What a retry after throttling costs.
    pub fn throttled_cost(&self) -> u32 {
        self.throttled_cost
    }

    /// What a success returns.
    pub fn success_refill(&self) -> u32 {
        self.success_refill
    }
}
