//! `errtriage rules --suggest LOG`: what the model does not know yet (issue 14 §3). The
//! failures of a log that only the status decided (a `status.*` rule) or only a generic word
//! rule (`word.*`, `phrase.*`: the message's words, not a code the API documents), grouped by
//! code and message; and a rules document drafted for the most frequent groups that have a code
//! or words to match, each rule with the evidence behind it in its `source`. A person reviews
//! the category and action (drafted as what errtriage decides today) and adopts the document
//! with `--rules`. The draft is checked before it is printed: it loads, and each of its rules
//! decides the failure it was drafted from.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde_json::{json, Value};

/// Distinct groups kept; failures beyond them are counted, not grouped.
const MAX_GROUPS: usize = 50_000;
/// The sample input kept per group (for the check), at most this long.
const MAX_SAMPLE: usize = 64 * 1024;
/// Bytes of a hint or source in a rules document.
const MAX_TEXT: usize = 1024;

/// The families of generic rules: the status alone, or words of the message.
fn generic(rule: &str) -> bool {
    matches!(rule.split('.').next(), Some("status" | "word" | "phrase"))
}

/// One group: failures with the same code and (numbers aside) the same message.
#[derive(Default)]
pub struct Group {
    count: u64,
    statuses: BTreeMap<u64, u64>,
    rules: BTreeMap<String, u64>,
    decisions: BTreeMap<(String, String), u64>,
    message: Option<String>,
    hint: String,
    endpoint: Option<String>,
    sample: Option<String>,
}

/// A group's code and normalized message.
type GroupKey = (Option<String>, Option<String>);

/// The groups of a log.
#[derive(Default)]
pub struct Groups {
    groups: HashMap<GroupKey, Group>,
    pub inputs: u64,
    pub invalid: u64,
    pub skipped: u64,
    generic: u64,
    ungrouped: u64,
}

/// A message with its runs of digits as `#` (ids, counts, times), for grouping.
fn normalized(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(200));
    let mut digits = false;
    for c in message.chars().take(200) {
        if c.is_ascii_digit() {
            if !digits {
                out.push('#');
            }
            digits = true;
        } else {
            out.push(c);
            digits = false;
        }
    }
    out
}

impl Groups {
    /// Counts one verdict and the input it came from.
    pub fn add(&mut self, verdict: &str, input: &str) {
        self.inputs += 1;
        let Ok(v) = serde_json::from_str::<Value>(verdict) else {
            self.invalid += 1;
            return;
        };
        let s = |name: &str| v.get(name).and_then(Value::as_str);
        let rule = s("rule").unwrap_or("");
        let Some(status) = v.get("status").and_then(Value::as_u64) else {
            return; // a transport failure: nothing a rules document about an API's errors says
        };
        if !generic(rule) || status < 400 {
            return;
        }
        self.generic += 1;
        let key = (s("code").map(String::from), s("message").map(normalized));
        if !self.groups.contains_key(&key) && self.groups.len() >= MAX_GROUPS {
            self.ungrouped += 1;
            return;
        }
        let g = self.groups.entry(key).or_default();
        g.count += 1;
        *g.statuses.entry(status).or_default() += 1;
        *g.rules.entry(rule.to_string()).or_default() += 1;
        *g.decisions
            .entry((
                s("category").unwrap_or("unknown").to_string(),
                s("action").unwrap_or("escalate").to_string(),
            ))
            .or_default() += 1;
        if g.message.is_none() {
            g.message = s("message").map(String::from);
            g.hint = s("hint").unwrap_or("").to_string();
            g.endpoint = serde_json::from_str::<Value>(input).ok().and_then(|f| {
                let method = f.pointer("/request/method").and_then(Value::as_str);
                let endpoint = f.pointer("/request/endpoint").and_then(Value::as_str)?;
                Some(match method {
                    Some(m) => format!("{m} {endpoint}"),
                    None => endpoint.to_string(),
                })
            });
            g.sample = (input.len() <= MAX_SAMPLE).then(|| input.to_string());
        }
    }

    pub fn merge(&mut self, other: Groups) {
        for (key, theirs) in other.groups {
            if !self.groups.contains_key(&key) && self.groups.len() >= MAX_GROUPS {
                self.ungrouped += theirs.count;
                continue;
            }
            let g = self.groups.entry(key).or_default();
            if g.count == 0 {
                *g = theirs;
                continue;
            }
            g.count += theirs.count;
            for (k, n) in theirs.statuses {
                *g.statuses.entry(k).or_default() += n;
            }
            for (k, n) in theirs.rules {
                *g.rules.entry(k).or_default() += n;
            }
            for (k, n) in theirs.decisions {
                *g.decisions.entry(k).or_default() += n;
            }
        }
        self.inputs += other.inputs;
        self.invalid += other.invalid;
        self.skipped += other.skipped;
        self.generic += other.generic;
        self.ungrouped += other.ungrouped;
    }
}

/// A rule id from a code or message: `suggested.` and its words, lower case.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('_');
    if out.is_empty() {
        "unnamed".to_string()
    } else {
        out.to_string()
    }
}

/// The words of a message a rule can match: its longest runs of words without digits (at most
/// three, lower case, each at most 120 bytes).
fn message_words(message: &str) -> Vec<String> {
    let mut runs: Vec<String> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let flush = |current: &mut Vec<String>, runs: &mut Vec<String>| {
        if !current.is_empty() {
            let mut run = String::new();
            for w in current.drain(..) {
                if run.len() + w.len() + 1 > 120 {
                    break;
                }
                if !run.is_empty() {
                    run.push(' ');
                }
                run.push_str(&w);
            }
            runs.push(run);
        }
    };
    for word in message.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if word.bytes().any(|b| b.is_ascii_digit()) {
            flush(&mut current, &mut runs);
        } else {
            current.push(word.to_ascii_lowercase());
        }
    }
    flush(&mut current, &mut runs);
    runs.sort_by_key(|r| std::cmp::Reverse(r.len()));
    runs.retain(|r| !r.is_empty());
    runs.truncate(3);
    runs
}

fn counted<K: std::fmt::Display>(map: &BTreeMap<K, u64>) -> String {
    let mut items: Vec<(&K, &u64)> = map.iter().collect();
    items.sort_by(|a, b| b.1.cmp(a.1));
    items
        .iter()
        .map(|(k, n)| format!("{k} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `text` in at most `max` bytes, cut at a character with `…`.
fn clip(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max.saturating_sub('…'.len_utf8());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// Writes the listing (to `report`) and the drafted document (to `out`) for the `top` most
/// frequent groups; `log` names the log in each rule's source.
pub fn write(
    out: &mut impl Write,
    report: &mut impl Write,
    groups: &Groups,
    log: &str,
    top: usize,
) -> Result<(), String> {
    let io = |e: io::Error| e.to_string();
    let mut list: Vec<(&GroupKey, &Group)> = groups.groups.iter().collect();
    list.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
    writeln!(
        report,
        "{} of {} inputs were decided by the status or a generic rule alone, in {} groups{}:",
        groups.generic,
        groups.inputs,
        list.len(),
        if groups.ungrouped > 0 {
            format!(" ({} more past {MAX_GROUPS} groups)", groups.ungrouped)
        } else {
            String::new()
        }
    )
    .map_err(io)?;
    writeln!(
        report,
        "{:>7}  {:24}  {:28}  message",
        "count", "code", "decided by"
    )
    .map_err(io)?;
    for ((code, _), g) in list.iter().take(top.max(20)) {
        writeln!(
            report,
            "{:>7}  {:24}  {:28}  {}",
            g.count,
            clip(code.as_deref().unwrap_or("-"), 24),
            clip(&counted(&g.rules), 28),
            clip(g.message.as_deref().unwrap_or("-"), 80)
        )
        .map_err(io)?;
    }

    let mut rules = Vec::new();
    let mut drafted = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for ((code, _), g) in list.iter() {
        if rules.len() >= top {
            break;
        }
        let statuses: Vec<u64> = g.statuses.keys().copied().collect();
        let mut when = serde_json::Map::new();
        let name = match (code, g.message.as_deref()) {
            (Some(code), _) => {
                when.insert("code".into(), json!([code]));
                code.clone()
            }
            (None, Some(message)) => {
                let words = message_words(message);
                if words.is_empty() {
                    continue;
                }
                when.insert("message".into(), json!({ "all": words }));
                words.join(" ")
            }
            (None, None) => continue, // the status alone: nothing to teach beyond the status
        };
        when.insert(
            "status".into(),
            json!(statuses
                .iter()
                .take(errtriage::MAX_LIST)
                .collect::<Vec<_>>()),
        );
        let mut id = format!("suggested.{}", slug(&name));
        let base = id.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        ids.push(id.clone());
        let ((category, action), _) = g
            .decisions
            .iter()
            .max_by_key(|(_, n)| **n)
            .map(|(k, n)| (k.clone(), *n))
            .unwrap_or_default();
        let mut source = format!(
            "Drafted by errtriage rules --suggest from {log}: {} failures (statuses {}), decided today by {}",
            g.count,
            counted(&g.statuses),
            counted(&g.rules)
        );
        if let Some(m) = &g.message {
            source.push_str(&format!("; e.g. {:?}", clip(m, 160)));
        }
        if let Some(e) = &g.endpoint {
            source.push_str(&format!(" at {}", clip(e, 120)));
        }
        source.push_str(". Review the category and action (drafted as today's decision).");
        let hint = clip(&g.hint, 400);
        // In the rules document's own order: id, when, category, action, hint, source.
        let members = [
            ("id", json!(id)),
            ("when", Value::Object(when)),
            ("category", json!(category)),
            ("action", json!(action)),
            ("hint", json!(hint)),
            ("source", json!(clip(&source, MAX_TEXT))),
        ];
        let body: Vec<String> = members
            .iter()
            .map(|(k, v)| format!("      \"{k}\": {v}"))
            .collect();
        rules.push(format!("    {{\n{}\n    }}", body.join(",\n")));
        drafted.push((id, g));
    }
    let text = format!(
        "{{\n  \"errtriage_rules\": 1,\n  \"rules\": [\n{}\n  ]\n}}",
        rules.join(",\n")
    );
    // The draft must load, and each rule must decide the failure it was drafted from.
    let draft = errtriage::Classifier::new(&text)
        .map_err(|e| format!("internal error: the draft does not load: {e}"))?;
    let mut checked = 0;
    for (id, g) in &drafted {
        let Some(sample) = &g.sample else { continue };
        let decided = draft
            .classify_json(sample)
            .ok()
            .and_then(|v| serde_json::from_str::<Value>(&v).ok())
            .and_then(|v| v.get("rule").and_then(Value::as_str).map(String::from));
        if decided.as_deref() == Some(id.as_str()) {
            checked += 1;
        } else {
            writeln!(
                report,
                "note: {id} does not decide its own sample (decided by {decided:?})"
            )
            .map_err(io)?;
        }
    }
    writeln!(
        report,
        "\ndrafted {} rules ({checked} checked against a sample failure each); review, then use with --rules FILE",
        rules.len()
    )
    .map_err(io)?;
    writeln!(out, "{text}").map_err(io)
}
