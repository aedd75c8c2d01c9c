//! `classify --summary`: how many failures fall in each category, and what to do about them.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::Value;

/// Writes a table of counts by category (rows) and action (columns), then the invalid lines.
pub fn write(out: &mut impl Write, verdicts: &[Result<String, String>]) -> io::Result<()> {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut invalid = 0;
    for verdict in verdicts {
        let parsed = verdict
            .as_ref()
            .ok()
            .and_then(|json| serde_json::from_str::<Value>(json).ok());
        match parsed {
            Some(v) => {
                let field = |name: &str| {
                    v.get(name)
                        .and_then(Value::as_str)
                        .unwrap_or("?")
                        .to_string()
                };
                *counts
                    .entry((field("category"), field("action")))
                    .or_default() += 1;
            }
            None => invalid += 1,
        }
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
    let mut column_totals = vec![0usize; actions.len()];
    for category in &categories {
        let row: Vec<usize> = actions
            .iter()
            .map(|a| {
                counts
                    .get(&(category.to_string(), a.to_string()))
                    .copied()
                    .unwrap_or(0)
            })
            .collect();
        let total: usize = row.iter().sum();
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
    writeln!(out, "  {:>5}", column_totals.iter().sum::<usize>())?;
    if invalid > 0 {
        writeln!(out, "\n{invalid} line(s) were not valid inputs")?;
    }
    Ok(())
}
