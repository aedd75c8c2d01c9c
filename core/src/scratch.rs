//! Memory one caller keeps between calls (issue 15 §1): the arena a body's JSON tree is read
//! into, given back whole at the start of the next call instead of being allocated and freed
//! on every call. A caller that classifies in a loop (a binding, a CLI worker) keeps one per
//! thread and passes it to [`crate::Classifier::classify_ref`]; the verdict is the same as
//! [`crate::Classifier::classify`]'s, which uses a fresh arena.

use crate::body::json::Arena;

/// How much arena a scratch keeps between calls: after a body whose tree needed more (a large
/// document of small members), the arena is let go when the call ends.
pub const SCRATCH_KEEP_BYTES: usize = 256 * 1024;

/// Reusable memory for [`crate::Classifier::classify_ref`]. `Send`, not `Sync`: one per thread.
#[derive(Default)]
pub struct Scratch {
    arena: Arena,
}

impl Scratch {
    /// An empty scratch; it allocates on its first use.
    pub fn new() -> Self {
        Scratch::default()
    }

    /// The arena, emptied for the next body.
    pub(crate) fn arena(&mut self) -> &Arena {
        self.arena.reset();
        &self.arena
    }

    /// After a call: an arena grown past [`SCRATCH_KEEP_BYTES`] is let go now, not kept until
    /// the next call.
    pub(crate) fn trim(&mut self) {
        if self.arena.allocated_bytes() > SCRATCH_KEEP_BYTES {
            self.arena = Arena::new();
        }
    }
}

impl core::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Scratch")
            .field("allocated_bytes", &self.arena.allocated_bytes())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Classifier, Input};

    #[test]
    fn a_scratch_gives_back_what_one_large_body_needed() {
        let (classifier, mut scratch) = (Classifier::builtin(), Scratch::new());
        // Objects of many small members: a tree larger than the scratch keeps.
        let members: alloc::vec::Vec<alloc::string::String> = (0..200)
            .map(|i| alloc::format!("\"m{i}\":{{\"a\":1,\"b\":[1,2]}}"))
            .collect();
        let row = alloc::format!("{{{}}}", members.join(","));
        let body = alloc::format!("[{}]", [row.as_str(); 16].join(","));
        let big = Input::response(500).unwrap().with_body(body.as_bytes());
        let small = Input::response(503)
            .unwrap()
            .with_body(br#"{"error": {"code": "BUSY"}}"#);
        // The large body's tree does need more than a scratch keeps.
        let arena = Arena::new();
        let headers = crate::headers::ResponseHeaders::scan(&[]);
        let _tree = crate::body::read(body.as_bytes(), &headers, &arena);
        assert!(arena.allocated_bytes() > SCRATCH_KEEP_BYTES);
        for input in [&small, &big, &small] {
            let verdict = classifier.classify_ref(&mut scratch, input).into_owned();
            assert_eq!(verdict, classifier.classify(input));
            assert!(scratch.arena.allocated_bytes() <= SCRATCH_KEEP_BYTES);
        }
    }
}
