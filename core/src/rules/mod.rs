//! The rule tables: one file per contract, each rule with a stable id, the category and action
//! it decides, a one-sentence hint and its source (seed section, RFC or vendor documentation).
//! A verdict names the rule that decided it, so every answer traces to one entry here.
//!
//! Matching is data, not code: a code rule names the codes it covers and, for codes that cover
//! several situations, the words its message must (and must not) contain (DESIGN.md §1 rule 3).
//! Within a table the first match wins, so message-specific rules stand before the plain rule.

pub(crate) mod aws;
pub(crate) mod context;
pub(crate) mod core_wrapper;
pub(crate) mod envelope;
pub(crate) mod flat;
pub(crate) mod google;
pub(crate) mod graphql;
pub(crate) mod oauth;
pub(crate) mod odata;
pub(crate) mod status;
pub(crate) mod transport;
pub(crate) mod typed;

use alloc::string::String;
use core::cell::OnceCell;

use crate::vocab::{Action, Category, Sent, TransportKind};

/// One line of the model.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, `family.name` (`core.upstream_error`, `status.502`, `context.token_fresh`).
    pub id: &'static str,
    /// The category it decides; `None` for rules that adjust the action and keep the category.
    pub category: Option<Category>,
    /// The action it decides.
    pub action: Action,
    /// One short sentence on what to do.
    pub hint: &'static str,
    /// Where the rule comes from.
    pub source: &'static str,
    pub(crate) when: When,
}

impl Rule {
    /// The codes this rule matches, empty for rules that do not match on a code.
    pub fn codes(&self) -> &'static [&'static str] {
        match self.when {
            When::Code { codes, .. } => codes,
            _ => &[],
        }
    }
}

/// When a rule applies.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum When {
    /// The contract's code is one of `codes` (exact) and the message matches.
    Code {
        codes: &'static [&'static str],
        message: Words,
    },
    /// The status is within `lo..=hi`.
    Status { lo: u16, hi: u16 },
    /// A transport failure of one of `kinds`, whose sent-state and detail match.
    Transport {
        kinds: &'static [TransportKind],
        not_sent_only: bool,
        detail: Words,
    },
    /// Applied by the code of the pass that owns it (request context, server directives).
    Applied,
}

/// Conditions on the message, compared case-insensitively as substrings: each group of `all`
/// needs one of its words present, and no word of `none` may be present.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Words {
    pub all: &'static [&'static [&'static str]],
    pub none: &'static [&'static str],
}

impl Words {
    /// No condition.
    pub const ANY: Words = Words {
        all: &[],
        none: &[],
    };

    fn matches(&self, message: &Message<'_>) -> bool {
        if self.all.is_empty() && self.none.is_empty() {
            return true;
        }
        let lower = message.lower().as_bytes();
        // A plain window search: messages are short, and `str::contains` would bring the
        // two-way searcher and its panic paths into the WebAssembly module.
        let has = |w: &&str| {
            let word = w.as_bytes();
            let Some(&first) = word.first() else {
                return true;
            };
            // Compare only where the first byte matches: most positions fail at once.
            (0..lower.len())
                .any(|i| lower.get(i) == Some(&first) && lower.get(i..i + word.len()) == Some(word))
        };
        self.all.iter().all(|group| group.iter().any(has)) && !self.none.iter().any(has)
    }
}

/// A message (or transport detail) as the word conditions read it: lower-cased once, on first
/// use, so that each word is a plain substring search. Rule words are lower-case (a test holds it).
pub(crate) struct Message<'a> {
    raw: Option<&'a str>,
    lower: OnceCell<String>,
}

impl<'a> Message<'a> {
    pub(crate) fn new(raw: Option<&'a str>) -> Self {
        Message {
            raw,
            lower: OnceCell::new(),
        }
    }

    fn lower(&self) -> &str {
        self.lower
            .get_or_init(|| self.raw.map(str::to_ascii_lowercase).unwrap_or_default())
    }
}

/// A rule that matches one or more codes, with no message condition.
pub(crate) const fn code(
    id: &'static str,
    codes: &'static [&'static str],
    category: Category,
    action: Action,
    hint: &'static str,
    source: &'static str,
) -> Rule {
    Rule {
        id,
        category: Some(category),
        action,
        hint,
        source,
        when: When::Code {
            codes,
            message: Words::ANY,
        },
    }
}

/// A rule for a code whose message must contain one word of each group of `all` and none of `none`.
#[allow(clippy::too_many_arguments)]
pub(crate) const fn message(
    id: &'static str,
    codes: &'static [&'static str],
    all: &'static [&'static [&'static str]],
    none: &'static [&'static str],
    category: Category,
    action: Action,
    hint: &'static str,
    source: &'static str,
) -> Rule {
    Rule {
        id,
        category: Some(category),
        action,
        hint,
        source,
        when: When::Code {
            codes,
            message: Words { all, none },
        },
    }
}

/// A rule applied by the pass that owns it.
pub(crate) const fn applied(
    id: &'static str,
    category: Option<Category>,
    action: Action,
    hint: &'static str,
    source: &'static str,
) -> Rule {
    Rule {
        id,
        category,
        action,
        hint,
        source,
        when: When::Applied,
    }
}

/// The first rule of `table` whose code and message conditions hold.
pub(crate) fn by_code(
    table: &'static [Rule],
    code: &str,
    message: &Message<'_>,
) -> Option<&'static Rule> {
    table.iter().find(|rule| match &rule.when {
        When::Code {
            codes,
            message: words,
        } => codes.contains(&code) && words.matches(message),
        _ => false,
    })
}

/// The first transport rule for this failure.
pub(crate) fn by_transport(
    kind: TransportKind,
    sent: Sent,
    detail: Option<&str>,
) -> Option<&'static Rule> {
    let detail = Message::new(detail);
    transport::RULES.iter().find(|rule| match &rule.when {
        When::Transport {
            kinds,
            not_sent_only,
            detail: words,
        } => {
            kinds.contains(&kind) && (!not_sent_only || sent == Sent::No) && words.matches(&detail)
        }
        _ => false,
    })
}

/// The first status rule covering `status`.
pub(crate) fn by_status(status: u16) -> Option<&'static Rule> {
    status::RULES
        .iter()
        .find(|rule| matches!(rule.when, When::Status { lo, hi } if lo <= status && status <= hi))
}

/// Every table, in the order the documentation lists them.
static TABLES: &[&[Rule]] = &[
    transport::RULES,
    oauth::RULES,
    core_wrapper::RULES,
    flat::RULES,
    google::RULES,
    aws::RULES,
    odata::RULES,
    typed::CODE_RULES,
    typed::TYPE_RULES,
    graphql::RULES,
    envelope::RULES,
    status::RULES,
];

/// Every rule of the model, table by table, then the request-context and server-directive rules.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    TABLES
        .iter()
        .flat_map(|table| table.iter())
        .chain(context::RULES.iter().copied())
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    all().find(|rule| rule.id == id)
}

/// The position of `rule` in [`all`]: a small integer a binding can send instead of the rule
/// (the JavaScript packages decode verdicts this way). Found by address within each table,
/// then by id for a rule that is not one of the table entries.
pub fn index_of(rule: &Rule) -> Option<usize> {
    let address = rule as *const Rule as usize;
    let size = core::mem::size_of::<Rule>();
    let mut offset = 0;
    for table in TABLES {
        let start = table.as_ptr() as usize;
        let end = start + core::mem::size_of_val(*table);
        if (start..end).contains(&address) && (address - start) % size == 0 {
            return Some(offset + (address - start) / size);
        }
        offset += table.len();
    }
    if let Some(i) = context::RULES.iter().position(|r| core::ptr::eq(*r, rule)) {
        return Some(offset + i);
    }
    all().position(|r| r.id == rule.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_of_finds_every_rule_where_all_lists_it() {
        for (i, rule) in all().enumerate() {
            assert_eq!(index_of(rule), Some(i), "{}", rule.id);
        }
        assert_eq!(index_of(&status::FALLBACK), None);
    }

    #[test]
    fn rule_words_are_lower_case() {
        for rule in all() {
            let words = match &rule.when {
                When::Code { message, .. } => message,
                When::Transport { detail, .. } => detail,
                _ => continue,
            };
            for w in words
                .all
                .iter()
                .flat_map(|g| g.iter())
                .chain(words.none.iter())
            {
                assert_eq!(
                    *w,
                    w.to_ascii_lowercase(),
                    "{}: word {w:?} must be lower-case",
                    rule.id
                );
            }
        }
    }
}
