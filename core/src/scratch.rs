//! Memory one caller keeps between calls (issue 15 §1): the arena a body's JSON tree is read
//! into, given back whole at the start of the next call instead of being allocated and freed
//! on every call. A caller that classifies in a loop (a binding, a CLI worker) keeps one per
//! thread and passes it to [`crate::Classifier::classify_ref`]; the verdict is the same as
//! [`crate::Classifier::classify`]'s, which uses a fresh arena.

use crate::body::json::Arena;

/// How much arena a scratch keeps between calls: after a body whose tree needed more (a large
/// document of small members), the arena is let go and the next call starts a new one.
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
        if self.arena.allocated_bytes() > SCRATCH_KEEP_BYTES {
            self.arena = Arena::new();
        } else {
            self.arena.reset();
        }
        &self.arena
    }
}

impl core::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Scratch")
            .field("allocated_bytes", &self.arena.allocated_bytes())
            .finish()
    }
}
