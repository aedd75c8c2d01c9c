//! `classify --summary`: counts, streamed (each batch counted where it was classified, the
//! counts merged in order; no verdict is kept). Without `--by`, the table of categories (rows)
//! by actions (columns); with `--by KEYS`, one row per distinct combination of the keys, most
//! frequent first, as a table, CSV or JSON (`--output`).

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use errtriage::readers::{host_of, Item};
use serde_json::Value;

/// What a summary can count by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Category,
    Action,
    Rule,
    Code,
    Shape,
    Host,
    Endpoint,
    Status,
}

impl Key {
    pub const ALL: [Key; 8] = [
        Key::Category,
        Key::Action,
        Key::Rule,
        Key::Code,
        Key::Shape,
        Key::Host,
        Key::Endpoint,
        Key::Status,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Key::Category => "category",
            Key::Action => "action",
            Key::Rule => "rule",
            Key::Code => "code",
            Key::Shape => "shape",
            Key::Host => "host",
            Key::Endpoint => "endpoint",
            Key::Status => "status",
        }
    }

    /// `category,rule` → the keys, in order.
    pub fn list(text: &str) -> Result<Vec<Key>, String> {
        let mut keys = Vec::new();
        for word in text.split(',').map(str::trim) {
            let key = Key::ALL
                .into_iter()
                .find(|k| k.name() == word)
                .ok_or_else(|| {
                    let names: Vec<&str> = Key::ALL.iter().map(|k| k.name()).collect();
                    format!(
                        "--by: unknown key {word:?}; expected some of {}",
                        names.join(", ")
                    )
                })?;
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}

/// How a `--by` summary is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Table,
    Csv,
    Json,
}

impl Output {
    pub fn parse(text: &str) -> Result<Output, String> {
        match text {
            "table" => Ok(Output::Table),
            "csv" => Ok(Output::Csv),
            "json" => Ok(Output::Json),
            other => Err(format!(
                "--output: expected table, csv or json, got {other:?}"
            )),
        }
    }
}

/// Counts by the keys' values (`None`: the verdict has none, e.g. no code).
#[derive(Default)]
pub struct Counts {
    pub groups: HashMap<Vec<Option<String>>, u64>,
    pub inputs: u64,
    pub invalid: u64,
    pub skipped: u64,
}

impl Counts {
    /// Counts one verdict of `item`.
    pub fn add(&mut self, by: &[Key], verdict: &str, item: &Item) {
        self.inputs += 1;
        let Ok(v) = serde_json::from_str::<Value>(verdict) else {
            self.invalid += 1;
            return;
        };
        let needs_form = by.iter().any(|k| matches!(k, Key::Host | Key::Endpoint));
        let form: Option<Value> = if needs_form {
            item.input
                .as_deref()
                .ok()
                .and_then(|f| serde_json::from_str(f).ok())
        } else {
            None
        };
        let endpoint = || {
            form.as_ref()
                .and_then(|f| f.pointer("/request/endpoint"))
                .and_then(Value::as_str)
                .map(String::from)
        };
        let key: Vec<Option<String>> = by
            .iter()
            .map(|k| match k {
                Key::Host => item
                    .url
                    .as_deref()
                    .and_then(host_of)
                    .or_else(|| endpoint().as_deref().and_then(host_of)),
                Key::Endpoint => endpoint(),
                Key::Status => v
                    .get("status")
                    .and_then(Value::as_u64)
                    .map(|s| s.to_string()),
                other => v
                    .get(other.name())
                    .and_then(Value::as_str)
                    .map(String::from),
            })
            .collect();
        *self.groups.entry(key).or_default() += 1;
    }

    pub fn merge(&mut self, other: Counts) {
        for (key, n) in other.groups {
            *self.groups.entry(key).or_default() += n;
        }
        self.inputs += other.inputs;
        self.invalid += other.invalid;
        self.skipped += other.skipped;
    }

    /// The groups, most frequent first (then by the keys' values).
    fn sorted(&self) -> Vec<(&Vec<Option<String>>, u64)> {
        let mut rows: Vec<_> = self.groups.iter().map(|(k, n)| (k, *n)).collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        rows
    }
}

/// The table of counts by category (rows) and action (columns), then the invalid inputs;
/// `counts` are by `[Category, Action]`.
pub fn write_matrix(out: &mut impl Write, counts: &Counts) -> io::Result<()> {
    let mut cells: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for (key, n) in &counts.groups {
        let field = |i: usize| key.get(i).and_then(|v| v.as_deref()).unwrap_or("?");
        *cells.entry((field(0), field(1))).or_default() += n;
    }
    let categories: Vec<&str> = errtriage::Category::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    let actions: Vec<&str> = errtriage::Action::ALL.iter().map(|a| a.as_str()).collect();
    let width = categories
        .iter()
        .map(|c| c.len())
        .max()
        .unwrap_or(8)
        .max("category".len());
    write!(out, "{:width$}", "category")?;
    for action in &actions {
        write!(out, "  {action:>w$}", w = action.len())?;
    }
    writeln!(out, "  {:>5}", "total")?;
    let mut column_totals = vec![0u64; actions.len()];
    for category in &categories {
        let row: Vec<u64> = actions
            .iter()
            .map(|a| cells.get(&(*category, *a)).copied().unwrap_or(0))
            .collect();
        let total: u64 = row.iter().sum();
        if total == 0 {
            continue;
        }
        write!(out, "{category:width$}")?;
        for ((n, action), column) in row.iter().zip(&actions).zip(column_totals.iter_mut()) {
            *column += n;
            let cell = if *n == 0 {
                "-".to_string()
            } else {
                n.to_string()
            };
            write!(out, "  {cell:>w$}", w = action.len())?;
        }
        writeln!(out, "  {total:>5}")?;
    }
    write!(out, "{:width$}", "total")?;
    for (n, action) in column_totals.iter().zip(&actions) {
        write!(out, "  {n:>w$}", w = action.len())?;
    }
    writeln!(out, "  {:>5}", column_totals.iter().sum::<u64>())?;
    footer(out, counts)
}

fn footer(out: &mut impl Write, counts: &Counts) -> io::Result<()> {
    if counts.invalid > 0 {
        writeln!(out, "\n{} line(s) were not valid inputs", counts.invalid)?;
    }
    if counts.skipped > 0 {
        writeln!(
            out,
            "{} successful entries or responses were skipped",
            counts.skipped
        )?;
    }
    Ok(())
}

/// The `--by` summary in `output`.
pub fn write_by(
    out: &mut impl Write,
    by: &[Key],
    output: Output,
    counts: &Counts,
) -> io::Result<()> {
    let rows = counts.sorted();
    match output {
        Output::Table => {
            let cell = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
            let mut widths: Vec<usize> = by.iter().map(|k| k.name().len()).collect();
            for (key, _) in &rows {
                for (w, v) in widths.iter_mut().zip(key.iter()) {
                    *w = (*w).max(cell(v).chars().count());
                }
            }
            let count_width = rows
                .iter()
                .map(|(_, n)| n.to_string().len())
                .max()
                .unwrap_or(0)
                .max("count".len());
            write!(out, "{:>count_width$}", "count")?;
            // The last column is not padded: no trailing white space.
            let last = by.len().saturating_sub(1);
            for (i, (k, w)) in by.iter().zip(&widths).enumerate() {
                let w = if i == last { 0 } else { *w };
                write!(out, "  {:w$}", k.name())?;
            }
            writeln!(out)?;
            for (key, n) in &rows {
                write!(out, "{n:>count_width$}")?;
                for (i, (v, w)) in key.iter().zip(&widths).enumerate() {
                    let w = if i == last { 0 } else { *w };
                    write!(out, "  {:w$}", cell(v))?;
                }
                writeln!(out)?;
            }
            writeln!(
                out,
                "{:>count_width$}  total",
                counts.inputs - counts.invalid
            )?;
            footer(out, counts)
        }
        Output::Csv => {
            let names: Vec<&str> = by.iter().map(|k| k.name()).collect();
            writeln!(out, "{},count", names.join(","))?;
            for (key, n) in &rows {
                let cells: Vec<String> = key
                    .iter()
                    .map(|v| csv_cell(v.as_deref().unwrap_or("")))
                    .collect();
                writeln!(out, "{},{n}", cells.join(","))?;
            }
            Ok(())
        }
        Output::Json => {
            let groups: Vec<Value> = rows
                .iter()
                .map(|(key, n)| {
                    let mut row = serde_json::Map::new();
                    for (k, v) in by.iter().zip(key.iter()) {
                        row.insert(
                            k.name().to_string(),
                            v.clone().map_or(Value::Null, Value::String),
                        );
                    }
                    row.insert("count".to_string(), Value::from(*n));
                    Value::Object(row)
                })
                .collect();
            let doc = serde_json::json!({
                "by": by.iter().map(|k| k.name()).collect::<Vec<_>>(),
                "groups": groups,
                "inputs": counts.inputs,
                "invalid": counts.invalid,
                "skipped": counts.skipped,
            });
            writeln!(out, "{doc}")
        }
    }
}

/// RFC 4180: quoted when it holds a comma, a quote or a line break.
fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
