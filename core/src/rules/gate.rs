//! The open rules — those that name no code or error type, so the sorted code tables of
//! [`super::set`] cannot find them — and what each needs before its conditions are worth trying
//! (issue 15: an empty or short text body used to try every phrase of the lexicon, 4–10 µs).
//!
//! Each open rule carries a [`Gate`] read from its `when` once: the statuses it can accept, and
//! for its message and code-word conditions the word openings (first letter and the class of
//! the second, [`super::words::Key`]) a text must have for them to hold. The rules are also
//! filed by the openings of one pattern list they need, so a failure's candidates are the rules
//! that need no words plus those filed under the openings its message and code words have. A
//! gate is a necessary condition only: [`super::When::holds`] still decides, so the rule found
//! is the one a scan of every rule would find.

use alloc::vec::Vec;

use super::words::{Key, Openings, WordStarts, Words, ALL_OPENINGS, KEYS};
use super::{Facts, When};

/// The words (of 64 bits, one per open rule) of candidates kept on the stack: the built-in
/// open rules fit; a larger set (a user's document of hundreds of word rules) is walked rule by
/// rule, each gate still applied.
const INLINE_WORDS: usize = 8;

/// The statuses' classes the rules that need no words are filed by: no status, 1xx … 5xx, and
/// any other.
const CLASSES: usize = 7;

fn class_of(status: Option<u16>) -> usize {
    match status {
        None => 0,
        Some(s @ 100..=599) => usize::from(s / 100),
        Some(_) => 6,
    }
}

/// The open rules, in order, their gates, and the tables that file them by openings.
#[derive(Default)]
pub(crate) struct OpenRules {
    /// Positions in the rule set, ascending.
    positions: Vec<u32>,
    gates: Vec<Gate>,
    /// Bits (one per open rule) of the rules filed under no opening, by the class of status
    /// they can accept.
    always: [Vec<u64>; CLASSES],
    message: Filed,
    code: Filed,
}

/// Open rules by key, in compressed rows: the rules under key `k` are
/// `rules[starts[k]..starts[k + 1]]` (places in `positions`).
#[derive(Default)]
struct Filed {
    starts: Vec<u32>,
    rules: Vec<u32>,
    /// `(key, place)` pairs before [`OpenRules::finish`] files them.
    pending: Vec<(Key, u32)>,
}

impl Filed {
    fn finish(&mut self) {
        // A counting sort by key: the places stay in order within a key, as they were pushed.
        let pending = core::mem::take(&mut self.pending);
        let mut starts = alloc::vec![0u32; KEYS + 1];
        for &(k, _) in &pending {
            if let Some(n) = starts.get_mut(usize::from(k) + 1) {
                *n += 1;
            }
        }
        for k in 0..KEYS {
            let before = starts.get(k).copied().unwrap_or(0);
            if let Some(n) = starts.get_mut(k + 1) {
                *n += before;
            }
        }
        let mut next = starts.clone();
        let mut rules = alloc::vec![0u32; pending.len()];
        for (k, place) in pending {
            if let Some(at) = next.get_mut(usize::from(k)) {
                if let Some(slot) = rules.get_mut(*at as usize) {
                    *slot = place;
                }
                *at += 1;
            }
        }
        self.starts = starts;
        self.rules = rules;
    }

    fn under(&self, key: Key) -> &[u32] {
        let k = usize::from(key);
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&a), Some(&b)) => self.rules.get(a as usize..b as usize).unwrap_or_default(),
            _ => &[],
        }
    }

    fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

impl OpenRules {
    /// Adds the rule at `position` (after every rule added before it).
    pub(crate) fn push(&mut self, position: u32, w: &When) {
        let Ok(place) = u32::try_from(self.positions.len()) else {
            return;
        };
        self.positions.push(position);
        self.gates.push(Gate::of(w));
        // Filed by the message's openings when it names message words, else by the code's.
        let filed = match (w.message.keys(), w.code_words.keys()) {
            (Some(keys), _) => Some((&mut self.message, keys)),
            (None, Some(keys)) => Some((&mut self.code, keys)),
            (None, None) => None,
        };
        match filed {
            Some((table, keys)) => table.pending.extend(keys.into_iter().map(|k| (k, place))),
            None => {
                let word = place as usize / 64;
                let gate = self.gates.last().copied();
                for (class, bits) in self.always.iter_mut().enumerate() {
                    if !gate.is_some_and(|g| g.may_accept(class)) {
                        continue;
                    }
                    if bits.len() <= word {
                        bits.resize(word + 1, 0);
                    }
                    if let Some(w) = bits.get_mut(word) {
                        *w |= 1 << (place % 64);
                    }
                }
            }
        }
    }

    /// Files the rules added: call once, after the last [`OpenRules::push`].
    pub(crate) fn finish(&mut self) {
        for bits in &mut self.always {
            bits.resize(self.positions.len().div_ceil(64), 0);
        }
        self.message.finish();
        self.code.finish();
    }

    /// The open rules that may hold for `f`, in order (found as they are asked for).
    pub(crate) fn candidates<'s, 'f>(&'s self, f: &'s Facts<'f>) -> Candidates<'s, 'f> {
        Candidates {
            rules: self,
            facts: f,
            bits: Keyed::NotYet,
            place: 0,
            settled: false,
        }
    }

    /// The bits of the rules filed under no opening (for `f`'s class of status) or under one
    /// `f`'s texts have; `None` when a text had more words than its starts keep, or the rules
    /// do not fit the stack buffer.
    fn keyed(&self, f: &Facts<'_>) -> Option<Bits> {
        let always = self.always.get(class_of(f.status))?;
        let mut bits = Bits::from(always)?;
        let mut file = |table: &Filed, scan: Option<(&str, &WordStarts)>| -> Option<()> {
            if table.is_empty() {
                return Some(());
            }
            let Some((text, starts)) = scan else {
                return Some(());
            };
            for key in starts.keys(text)? {
                for &place in table.under(key) {
                    bits.set(place as usize);
                }
            }
            Some(())
        };
        file(&self.message, f.message_scan())?;
        if f.code.is_some() {
            file(&self.code, f.code_scan())?;
        }
        Some(bits)
    }
}

/// A set of open rules' places, on the stack.
struct Bits([u64; INLINE_WORDS]);

impl Bits {
    /// `None` when the rules are too many for the stack buffer.
    fn from(words: &[u64]) -> Option<Bits> {
        let mut b = Bits([0; INLINE_WORDS]);
        b.0.get_mut(..words.len())?.copy_from_slice(words);
        Some(b)
    }

    fn set(&mut self, place: usize) {
        if let Some(w) = self.0.get_mut(place / 64) {
            *w |= 1 << (place % 64);
        }
    }

    /// The first place from `from` on, below `end`.
    fn next(&self, from: usize, end: usize) -> usize {
        let mut word = from / 64;
        let mut w = self.0.get(word).copied().unwrap_or(0) & (u64::MAX << (from % 64));
        while w == 0 {
            word += 1;
            if word * 64 >= end {
                return end;
            }
            w = self.0.get(word).copied().unwrap_or(0);
        }
        (word * 64 + w.trailing_zeros() as usize).min(end)
    }
}

/// The open rules that may hold for one failure, in order. Nothing is read from the failure
/// until a candidate is asked for before a bound: a rule the code tables find first decides
/// without the message's words being scanned.
pub(crate) struct Candidates<'s, 'f> {
    rules: &'s OpenRules,
    facts: &'s Facts<'f>,
    bits: Keyed,
    /// The place in `positions` of the next candidate once `settled`; before, a place no later
    /// than it (its position is a lower bound).
    place: usize,
    settled: bool,
}

/// The keyed candidates, found on first need.
enum Keyed {
    NotYet,
    /// Every open rule is a candidate (its gate still applies): a text had more words than its
    /// starts keep, or the open rules do not fit the stack buffer.
    All,
    Some(Bits),
}

impl Candidates<'_, '_> {
    /// The position in the rule set of the next candidate, if it comes before `bound` (any
    /// when `None`).
    pub(crate) fn peek_before(&mut self, bound: Option<u32>) -> Option<u32> {
        let first = self.rules.positions.get(self.place).copied()?;
        if bound.is_some_and(|b| b <= first) {
            return None;
        }
        if !self.settled {
            self.settle();
            self.settled = true;
        }
        let p = self.rules.positions.get(self.place).copied()?;
        bound.map_or(true, |b| p < b).then_some(p)
    }

    /// Passes over the candidate [`Candidates::peek_before`] gave.
    pub(crate) fn advance(&mut self) {
        self.place += 1;
        self.settled = false;
    }

    /// Moves `place` to the first candidate from it on whose gate the failure passes.
    fn settle(&mut self) {
        if matches!(self.bits, Keyed::NotYet) {
            self.bits = self.rules.keyed(self.facts).map_or(Keyed::All, Keyed::Some);
        }
        let end = self.rules.positions.len();
        while self.place < end {
            if let Keyed::Some(bits) = &self.bits {
                self.place = bits.next(self.place, end);
                if self.place >= end {
                    return;
                }
            }
            let admitted = self
                .rules
                .gates
                .get(self.place)
                .is_some_and(|g| g.admits(self.facts));
            if admitted {
                return;
            }
            self.place += 1;
        }
    }
}

/// What an open rule needs before its conditions are worth trying.
#[derive(Clone, Copy, Debug)]
struct Gate {
    /// The statuses it can accept, as an inclusive hull; `None` when it names no status
    /// condition (and then accepts a failure without a status).
    status: Option<(u16, u16)>,
    /// Whether it can decide a quiet 2xx (it names the status or `success: true`).
    quiet: bool,
    /// The openings its message condition needs (`None`: no message needed).
    message: Option<Openings>,
    /// The openings its code-word condition needs.
    code: Option<Openings>,
}

/// What a word condition needs of a text: the openings of the pattern list it is filed by
/// ([`Words::keys`]), `ALL_OPENINGS` when no list can be keyed; `None` when it needs no text.
fn need(words: &Words) -> Option<Openings> {
    if words.all.is_empty() && words.any.is_empty() {
        return None;
    }
    Some(words.keys().map_or(ALL_OPENINGS, |keys| {
        keys.into_iter().fold(0, |m, k| m | super::words::bit(k))
    }))
}

/// Whether the text `scan` gives (read only when something is needed) has one of `need`.
fn met<'a>(
    need: Option<Openings>,
    scan: impl FnOnce() -> Option<(&'a str, &'a WordStarts)>,
) -> bool {
    let Some(need) = need else {
        return true;
    };
    scan().is_some_and(|(_, starts)| starts.openings() & need != 0)
}

impl Gate {
    fn of(w: &When) -> Gate {
        let named = !w.status.is_empty() || !w.not_status.is_empty() || w.success.is_some();
        let mut hull = w
            .status
            .iter()
            .fold(None, |h: Option<(u16, u16)>, &(lo, hi)| {
                Some(h.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))))
            })
            .unwrap_or((0, u16::MAX));
        if w.success == Some(true) {
            hull = (hull.0.max(200), hull.1.min(299));
        }
        Gate {
            status: named.then_some(hull),
            quiet: !w.status.is_empty() || w.success == Some(true),
            message: need(&w.message),
            code: need(&w.code_words),
        }
    }

    /// Whether a status of this class (`class_of`) may pass the gate.
    fn may_accept(&self, class: usize) -> bool {
        let Some((lo, hi)) = self.status else {
            return true;
        };
        match class {
            0 => false,
            1..=5 => {
                let c = u16::try_from(class).unwrap_or(0) * 100;
                lo <= c + 99 && c <= hi
            }
            _ => lo < 100 || hi > 599,
        }
    }

    fn admits(&self, f: &Facts<'_>) -> bool {
        if let Some((lo, hi)) = self.status {
            if !f.status.is_some_and(|s| lo <= s && s <= hi) {
                return false;
            }
        }
        if f.quiet_success && !self.quiet {
            return false;
        }
        met(self.message, || f.message_scan()) && met(self.code, || f.code_scan())
    }
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;

    use super::super::set::{self, RuleSet};
    use super::super::{Facts, Rule};
    use crate::input::Request;
    use crate::vocab::Shape;

    /// The rule a scan of every rule in order finds: what the index must agree with.
    fn scanned<'s>(set: &'s RuleSet, f: &Facts<'_>) -> Option<&'s Rule> {
        set.rules().find(|r| r.when.holds(f))
    }

    fn facts<'a>(
        status: Option<u16>,
        code: Option<&'a str>,
        message: Option<&'a str>,
        request: &'a Request<'a>,
        quiet_success: bool,
    ) -> Facts<'a> {
        Facts {
            status,
            shape: Shape::Json,
            code,
            code_words: core::cell::OnceCell::new(),
            kind: None,
            message,
            message_starts: core::cell::OnceCell::new(),
            headers: None,
            request,
            transport: None,
            quiet_success,
        }
    }

    /// Texts made from every pattern the rules name, as messages and codes are written: the
    /// pattern, shouted with underscores, negated, inflected, cut short by a letter, inside a
    /// sentence, and past the word starts a text keeps.
    fn texts(set: &RuleSet) -> Vec<String> {
        let mut patterns: Vec<String> = Vec::new();
        for rule in set.rules() {
            for words in [&rule.when.message, &rule.when.code_words] {
                let all = words.all.iter().flatten();
                for p in all.chain(&words.any).chain(&words.none) {
                    patterns.push(p.text.clone());
                }
            }
        }
        patterns.sort();
        patterns.dedup();
        let filler = "word ".repeat(70);
        let mut texts = Vec::new();
        for (n, p) in patterns.iter().enumerate() {
            let shout = p.to_ascii_uppercase().replace(' ', "_");
            let short: String = p
                .chars()
                .take(p.chars().count().saturating_sub(1))
                .collect();
            texts.push(p.clone());
            texts.push(shout);
            texts.push(format!("The request was not {p}"));
            texts.push(format!("{p}s"));
            texts.push(short);
            if let Some(next) = patterns.get(n + 7) {
                texts.push(format!("Error: {p}, then {next}."));
            }
            if n % 9 == 0 {
                texts.push(format!("{filler}{p}"));
            }
        }
        texts.push(String::new());
        texts.push("<html><head><title>502 Bad Gateway</title></head></html>".to_string());
        texts
    }

    fn agree(set: &RuleSet, label: &str) -> usize {
        let request = Request::default();
        let statuses = [
            None,
            Some(200),
            Some(400),
            Some(401),
            Some(403),
            Some(404),
            Some(409),
            Some(422),
            Some(429),
            Some(500),
            Some(502),
            Some(503),
            Some(700),
        ];
        let texts = texts(set);
        let mut checked = 0;
        for (n, text) in texts.iter().enumerate() {
            let status = statuses.get(n % statuses.len()).copied().flatten();
            let other = statuses
                .get((n * 7 + 3) % statuses.len())
                .copied()
                .flatten();
            let cases = [
                (status, None, Some(text.as_str()), false),
                (other, Some(text.as_str()), None, false),
                (status, Some("E_UNKNOWN"), Some(text.as_str()), false),
                (Some(200), None, Some(text.as_str()), n % 2 == 0),
                (None, Some(text.as_str()), Some(text.as_str()), false),
            ];
            for (status, code, message, quiet) in cases {
                let f = facts(status, code, message, &request, quiet);
                let want = scanned(set, &f).map(Rule::id);
                let f = facts(status, code, message, &request, quiet);
                let got = set.find(&f).map(|r| r.id());
                assert_eq!(
                    got, want,
                    "{label}: status {status:?} code {code:?} message {message:?}"
                );
                checked += 1;
            }
        }
        checked
    }

    #[test]
    fn the_index_finds_what_a_scan_of_every_rule_finds() {
        assert!(agree(set::builtin(), "built-in") > 10_000);
    }

    #[test]
    fn a_large_user_document_finds_what_a_scan_finds() {
        // More open rules than the stack buffer holds (walked rule by rule), with statuses,
        // prefixes, one-letter prefixes, `all` items and `none`.
        let mut rules = Vec::new();
        for i in 0..700 {
            let when = match i % 6 {
                0 => format!(r#"{{"message": {{"any": ["quota {i}", "limit*"]}}}}"#),
                1 => format!(
                    r#"{{"message": {{"all": ["rate", ["limit", "cap {i}"]]}}, "status": [429, 429]}}"#
                ),
                2 => format!(
                    r#"{{"code_words": {{"any": ["q*", "busy {i}"]}}, "status": [500, 599]}}"#
                ),
                3 => format!(
                    r#"{{"message": {{"none": ["retry"]}}, "status": [{}, {}]}}"#,
                    400 + i % 100,
                    400 + i % 100
                ),
                4 => format!(r#"{{"message": {{"any": ["e.{i}", "-x"]}}}}"#),
                _ => format!(
                    r#"{{"status": [{}, {}], "success": false}}"#,
                    400 + i % 100,
                    450 + i % 100
                ),
            };
            rules.push(format!(
                r#"{{"id": "acme.r{i}", "when": {when}, "category": "rejected", "action": "fix_configuration", "hint": "Acme {i}.", "source": "test"}}"#
            ));
        }
        let doc = format!(
            r#"{{"errtriage_rules": 1, "rules": [{}]}}"#,
            rules.join(",")
        );
        let set = set::layered(&[&doc]).expect("the document reads");
        assert!(agree(&set, "user") > 10_000);
    }
}
