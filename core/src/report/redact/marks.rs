//! Which bytes of a text are replaced. Every scanner marks the ranges it finds; marks may
//! overlap (a `password=` pair and the vendor key that is its value); each maximal marked run
//! becomes one `[REDACTED]`. Marking costs O(1) whatever the range's length (a difference
//! array), so no scanner pays for the length of what it hides.

use alloc::string::String;
use alloc::vec::Vec;

use super::REDACTED;

/// The ranges marked in one text of `len` bytes.
pub(super) struct Marks {
    len: usize,
    /// `delta[i]`: marks starting at `i` minus marks ending at `i`; empty until the first mark.
    delta: Vec<i32>,
}

impl Marks {
    pub(super) fn new(len: usize) -> Self {
        Marks {
            len,
            delta: Vec::new(),
        }
    }

    /// Marks `start..end` (clamped to the text; empty ranges are ignored).
    pub(super) fn mark(&mut self, start: usize, end: usize) {
        let end = end.min(self.len);
        if start >= end {
            return;
        }
        if self.delta.is_empty() {
            self.delta.resize(self.len + 1, 0);
        }
        if let Some(d) = self.delta.get_mut(start) {
            *d = d.saturating_add(1);
        }
        if let Some(d) = self.delta.get_mut(end) {
            *d = d.saturating_sub(1);
        }
    }

    /// Whether anything is marked.
    pub(super) fn any(&self) -> bool {
        !self.delta.is_empty()
    }

    /// `text` with each marked run replaced by [`REDACTED`] (runs widened to whole
    /// characters); `None` when nothing is marked.
    pub(super) fn apply(&self, text: &str) -> Option<String> {
        if !self.any() {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut depth = 0i32;
        let mut copied = 0;
        let mut run_start = None;
        for (i, d) in self.delta.iter().enumerate() {
            let before = depth;
            depth = depth.saturating_add(*d);
            if before <= 0 && depth > 0 {
                run_start = Some(i);
            } else if before > 0 && depth <= 0 {
                if let Some(start) = run_start.take() {
                    copied = replace(&mut out, text, copied, start, i);
                }
            }
        }
        if let Some(start) = run_start {
            copied = replace(&mut out, text, copied, start, text.len());
        }
        out.push_str(text.get(copied..).unwrap_or(""));
        Some(out)
    }
}

/// Copies `text[copied..start]`, then the marker for `start..end` (both widened to character
/// boundaries, never back over what is copied); returns the new copied position.
fn replace(out: &mut String, text: &str, copied: usize, start: usize, end: usize) -> usize {
    let mut start = start.max(copied);
    while start > copied && !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = end.max(start);
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    if end <= copied {
        return copied;
    }
    out.push_str(text.get(copied..start).unwrap_or(""));
    out.push_str(REDACTED);
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_and_adjacent_marks_give_one_marker_each_run() {
        let text = "a=secret1&b=secret2 end";
        let mut m = Marks::new(text.len());
        m.mark(2, 9);
        m.mark(4, 9);
        m.mark(12, 19);
        assert_eq!(
            m.apply(text).as_deref(),
            Some("a=[REDACTED]&b=[REDACTED] end")
        );
        let mut m = Marks::new(3);
        m.mark(0, 99);
        assert_eq!(m.apply("abc").as_deref(), Some("[REDACTED]"));
        assert_eq!(Marks::new(3).apply("abc"), None);
    }

    #[test]
    fn runs_widen_to_whole_characters() {
        let text = "xé!";
        let mut m = Marks::new(text.len());
        m.mark(2, 3);
        assert_eq!(m.apply(text).as_deref(), Some("x[REDACTED]!"));
    }
}
