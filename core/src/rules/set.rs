//! A set of rules in the order the model consults them (a user's first, then the built-ins),
//! with the index that keeps matching cheap however many rules a user writes (issue 9 §7):
//! rules that name codes or error types are found through sorted tables of those codes, and
//! the rules that name none are found through what their words need ([`super::gate`]). Whatever
//! the path, the first rule in order whose conditions hold wins, exactly as a scan of the whole
//! list would decide.

use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::cmp::Ordering;

use once_cell::race::OnceBox;

use super::document::{self, Document};
use super::gate::OpenRules;
use super::{builtin as docs, Facts, Known, Rule};
use crate::error::Error;

type Bucket = (String, Vec<u32>);

/// Rules, in order, and their index.
pub(crate) struct RuleSet {
    rules: Vec<Arc<Rule>>,
    /// By exact code (`code`).
    exact: Vec<Bucket>,
    /// By lower-cased code (`code_ci`).
    folded: Vec<Bucket>,
    /// By error type (`type`), for rules that name no code.
    types: Vec<Bucket>,
    /// Response rules that name no code or type, with what each needs.
    open: OpenRules,
    /// Transport rules.
    transport: Vec<u32>,
    /// Positions by id, sorted by id.
    ids: Vec<(String, u32)>,
}

/// Sorted buckets from `(key, position)` pairs given in position order.
fn buckets(mut pairs: Vec<(String, u32)>) -> Vec<Bucket> {
    // A stable sort keeps positions ascending within a key.
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<Bucket> = Vec::new();
    for (key, i) in pairs {
        match out.last_mut() {
            Some((k, list)) if *k == key => {
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            _ => out.push((key, alloc::vec![i])),
        }
    }
    out
}

/// `lower` (lower-case) against `text`, ignoring ASCII case on `text`'s side.
fn cmp_folded(lower: &str, text: &str) -> Ordering {
    lower
        .bytes()
        .cmp(text.bytes().map(|b| b.to_ascii_lowercase()))
}

impl RuleSet {
    pub(crate) fn new(rules: Vec<Arc<Rule>>) -> RuleSet {
        let mut set = RuleSet {
            rules: Vec::new(),
            exact: Vec::new(),
            folded: Vec::new(),
            types: Vec::new(),
            open: OpenRules::default(),
            transport: Vec::new(),
            ids: Vec::with_capacity(rules.len()),
        };
        let (mut exact, mut folded, mut types) = (Vec::new(), Vec::new(), Vec::new());
        for (i, rule) in rules.iter().enumerate() {
            let Ok(i) = u32::try_from(i) else { break };
            let w = &rule.when;
            set.ids.push((rule.id.clone(), i));
            if w.applied {
                continue;
            }
            if !w.transport.is_empty() {
                set.transport.push(i);
            } else if !w.codes.is_empty() || !w.codes_ci.is_empty() {
                // A rule with both lists must match both: indexing it by either is enough.
                if w.codes.is_empty() {
                    folded.extend(w.codes_ci.iter().map(|c| (c.to_ascii_lowercase(), i)));
                } else {
                    exact.extend(w.codes.iter().map(|c| (c.clone(), i)));
                }
            } else if !w.types.is_empty() {
                types.extend(w.types.iter().map(|t| (t.clone(), i)));
            } else {
                set.open.push(i, w);
            }
        }
        set.exact = buckets(exact);
        set.folded = buckets(folded);
        set.types = buckets(types);
        set.open.finish();
        // Ids are unique within a set (documents are checked, layering keeps the first); a
        // stable sort keeps the first of any duplicate first.
        set.ids.sort_by(|a, b| a.0.cmp(&b.0));
        set.ids.dedup_by(|later, first| later.0 == first.0);
        set.rules = rules;
        set
    }

    /// The first rule whose conditions hold for `f`.
    pub(crate) fn find(&self, f: &Facts<'_>) -> Option<&Arc<Rule>> {
        let rule = |i: u32| self.rules.get(i as usize);
        if f.transport.is_some() {
            return self
                .transport
                .iter()
                .filter_map(|&i| rule(i))
                .find(|r| r.when.holds(f));
        }
        let empty: &[u32] = &[];
        let exact = f.code.map_or(empty, |c| lookup(&self.exact, |k| k.cmp(c)));
        let folded = f
            .code
            .map_or(empty, |c| lookup(&self.folded, |k| cmp_folded(k, c)));
        let types = f.kind.map_or(empty, |t| lookup(&self.types, |k| k.cmp(t)));
        let lists: [&[u32]; 3] = [exact, folded, types];
        let mut heads = [0usize; 3];
        let mut open = self.open.candidates(f);
        loop {
            // The next rule in order: the smallest position at the heads of the code tables'
            // lists, unless an open rule comes before it.
            let mut indexed: Option<u32> = None;
            for (list, &h) in lists.iter().zip(&heads) {
                if let Some(&i) = list.get(h) {
                    if indexed.map_or(true, |j| i < j) {
                        indexed = Some(i);
                    }
                }
            }
            let (i, known) = match open.peek_before(indexed) {
                Some(i) => {
                    open.advance();
                    (i, Known::default())
                }
                None => {
                    let i = indexed?;
                    // A rule found in a code table holds for that table's code.
                    let mut found = [false; 3];
                    for ((list, h), found) in lists.iter().zip(&mut heads).zip(&mut found) {
                        if list.get(*h) == Some(&i) {
                            *h += 1;
                            *found = true;
                        }
                    }
                    let [code, code_ci, kind] = found;
                    (
                        i,
                        Known {
                            code,
                            code_ci,
                            kind,
                        },
                    )
                }
            };
            if let Some(r) = rule(i).filter(|r| r.when.holds_known(f, known)) {
                return Some(r);
            }
        }
    }

    /// Every rule, in order.
    pub(crate) fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().map(|r| &**r)
    }

    /// The rule with this id.
    pub(crate) fn rule(&self, id: &str) -> Option<&Rule> {
        self.shared(id).map(|r| &**r)
    }

    /// The rule with this id, shared.
    pub(crate) fn shared(&self, id: &str) -> Option<&Arc<Rule>> {
        let p = self
            .ids
            .binary_search_by(|(k, _)| k.as_str().cmp(id))
            .ok()?;
        let (_, i) = self.ids.get(p)?;
        self.rules.get(*i as usize)
    }

    /// The position of the rule with this id.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        let p = self
            .ids
            .binary_search_by(|(k, _)| k.as_str().cmp(id))
            .ok()?;
        self.ids.get(p).map(|(_, i)| *i as usize)
    }

    pub(crate) fn len(&self) -> usize {
        self.rules.len()
    }
}

fn lookup(buckets: &[Bucket], cmp: impl Fn(&str) -> Ordering) -> &[u32] {
    match buckets.binary_search_by(|(k, _)| cmp(k)) {
        Ok(p) => buckets.get(p).map_or(&[], |(_, l)| l.as_slice()),
        Err(_) => &[],
    }
}

static BUILTIN: OnceBox<RuleSet> = OnceBox::new();

/// The built-in rules, read from their documents on first use.
pub(crate) fn builtin() -> &'static RuleSet {
    BUILTIN.get_or_init(|| alloc::boxed::Box::new(RuleSet::new(builtin_rules())))
}

/// The built-in documents, in order. A document that does not read (a bug a test catches)
/// is left out rather than taking the model down.
fn builtin_rules() -> Vec<Arc<Rule>> {
    let mut rules = Vec::new();
    for (_, text) in docs::documents() {
        if let Ok(doc) = document::parse(text, true, &[]) {
            rules.extend(doc.rules.into_iter().map(Arc::new));
        }
    }
    rules
}

/// The built-in rules with `user` documents layered over them: a later document's rules come
/// before an earlier one's (and replace a rule of the same id), all of them before the
/// built-ins; `disable` lists switch built-ins off.
pub(crate) fn layered(user: &[&str]) -> Result<RuleSet, Error> {
    let builtin = builtin();
    let mut docs: Vec<Document> = Vec::with_capacity(user.len());
    for (n, text) in user.iter().enumerate() {
        let doc = document::parse(text, false, docs::RESERVED_FAMILIES)
            .map_err(|e| in_document(e, n, user.len()))?;
        for (i, id) in doc.disable.iter().enumerate() {
            if builtin.rule(id).is_none() {
                let field = alloc::format!("disable[{i}]");
                return Err(in_document(
                    Error::invalid_value(
                        &field,
                        "the id of a built-in rule (errtriage rules lists them)",
                        &crate::error::quoted(id),
                    ),
                    n,
                    user.len(),
                ));
            }
        }
        docs.push(doc);
    }
    let mut rules: Vec<Arc<Rule>> = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    let disable: Vec<String> = docs
        .iter()
        .flat_map(|d| d.disable.iter().cloned())
        .collect();
    for doc in docs.into_iter().rev() {
        for rule in doc.rules {
            // A later document's rule replaces an earlier one of the same id (a single
            // document's ids are unique already: it was checked).
            if user.len() == 1 || !taken.contains(&rule.id) {
                taken.push(rule.id.clone());
                rules.push(Arc::new(rule));
            }
        }
    }
    let disabled = |id: &str| disable.iter().any(|x| x == id);
    for rule in &builtin.rules {
        let needed_by_the_pass = rule.when.applied;
        if needed_by_the_pass || !disabled(&rule.id) {
            rules.push(Arc::clone(rule));
        }
    }
    Ok(RuleSet::new(rules))
}

/// An error in the `n`th of `count` documents: the path says which when there are several.
fn in_document(e: Error, n: usize, count: usize) -> Error {
    if count <= 1 {
        return e;
    }
    let field = alloc::format!("documents[{n}].{}", e.field());
    let field = field.trim_end_matches('.');
    Error::new(
        e.kind(),
        field,
        alloc::format!("documents[{n}]: {}", e.message()),
    )
}

/// The position of `rule` among the built-in rules ([`super::all`]): a small integer a binding
/// can send instead of the rule. `None` for a user's rule.
pub fn index_of(rule: &Rule) -> Option<usize> {
    if rule.user {
        return None;
    }
    builtin().position(&rule.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_document_reads() {
        for (name, text) in docs::documents() {
            if let Err(e) = document::parse(text, true, &[]) {
                panic!("{name}: {e}");
            }
        }
    }

    #[test]
    fn the_rules_the_pass_applies_itself_are_defined() {
        for id in [
            "status.other",
            "transport.unclassified",
            "transport.body_cut",
            "lifecycle.failed",
            "lifecycle.failed_later",
            "context.token_endpoint",
            "context.token_fresh",
            "context.static_credentials",
            "context.retry_same_key",
            "context.unsafe_retry",
            "directive.should_retry",
            "directive.should_not_retry",
        ] {
            assert!(builtin().rule(id).is_some(), "{id}");
        }
    }

    #[test]
    fn builtin_families_are_reserved_and_ids_unique() {
        let mut ids: Vec<&str> = builtin().rules().map(Rule::id).collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "duplicate built-in ids");
        for id in ids {
            let family = id.split('.').next().unwrap_or("");
            assert!(
                docs::RESERVED_FAMILIES.contains(&family),
                "{id}: family not reserved"
            );
        }
    }
}
