//! `errtriage`: triage failed HTTP API calls from the command line.
//!
//! ```text
//! errtriage classify [--summary] [FILE]   NDJSON inputs (stdin by default) → one verdict per line
//! errtriage explain [FILE]                the same inputs, explained for a person
//! errtriage rules                         the rule table: id, category, action, source
//! ```
//! Each verdict line is exactly what `errtriage::classify_json` returns for that input line; a
//! line that is not a valid input gets `{"error": "..."}`, the rest continue, and the exit
//! status is 1 at the end. Blank lines are skipped.

mod explain;
mod summary;

use std::io::{self, BufRead, BufReader, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
errtriage — what to do about a failed HTTP API call

usage:
  errtriage classify [--summary] [FILE]   read NDJSON inputs (stdin when FILE is absent or -),
                                          write one verdict per line; --summary prints counts
                                          by category and action instead
  errtriage explain [FILE]                the same inputs, explained for a person
  errtriage rules                         list every rule: id, category, action, source
  errtriage --version | --help

An input line is the JSON form: {\"status\": 502, \"headers\": {...}, \"body\": \"...\",
\"request\": {\"method\": \"POST\", \"endpoint\": \"...\", \"idempotency_key\": \"...\"}}
or {\"transport\": {\"kind\": \"timeout\", \"sent\": true}}.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("errtriage: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => return Err(format!("a command is required\n\n{USAGE}")),
    };
    match command {
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        "-V" | "--version" => {
            println!("errtriage {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        "classify" => {
            let (summary, file) = options(rest, true)?;
            let verdicts = read_inputs(file.as_deref())?;
            let failed = verdicts.iter().any(Result::is_err);
            let stdout = io::stdout();
            let mut out = stdout.lock();
            if summary {
                summary::write(&mut out, &verdicts).map_err(|e| e.to_string())?;
            } else {
                for verdict in &verdicts {
                    let line = match verdict {
                        Ok(json) => json.clone(),
                        Err(message) => error_line(message),
                    };
                    writeln!(out, "{line}").map_err(|e| e.to_string())?;
                }
            }
            out.flush().map_err(|e| e.to_string())?;
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        "explain" => {
            let (_, file) = options(rest, false)?;
            let verdicts = read_inputs(file.as_deref())?;
            let failed = verdicts.iter().any(Result::is_err);
            let stdout = io::stdout();
            let mut out = stdout.lock();
            for (i, verdict) in verdicts.iter().enumerate() {
                if i > 0 {
                    writeln!(out).map_err(|e| e.to_string())?;
                }
                explain::write(&mut out, verdict).map_err(|e| e.to_string())?;
            }
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        "rules" => {
            if !rest.is_empty() {
                return Err(format!("rules takes no arguments\n\n{USAGE}"));
            }
            for rule in errtriage::rules::all() {
                let category = rule.category.map_or("(kept)", |c| c.as_str());
                println!(
                    "{}\t{}\t{}\t{}",
                    rule.id, category, rule.action, rule.source
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    }
}

/// `[--summary] [FILE]`.
fn options(args: &[String], summary_allowed: bool) -> Result<(bool, Option<String>), String> {
    let (mut summary, mut file) = (false, None);
    for arg in args {
        match arg.as_str() {
            "--summary" if summary_allowed => summary = true,
            a if a.starts_with("--") => return Err(format!("unknown option {a}\n\n{USAGE}")),
            a if file.is_none() => file = Some(a.to_string()),
            a => return Err(format!("unexpected argument {a}\n\n{USAGE}")),
        }
    }
    Ok((summary, file.filter(|f| f != "-")))
}

/// Classifies every non-blank line of FILE (or stdin): the verdict JSON, or the error message.
fn read_inputs(file: Option<&str>) -> Result<Vec<Result<String, String>>, String> {
    let reader: Box<dyn Read> = match file {
        Some(path) => Box::new(std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?),
        None => Box::new(io::stdin()),
    };
    let mut verdicts = Vec::new();
    for (number, line) in BufReader::new(reader).split(b'\n').enumerate() {
        let line = line.map_err(|e| e.to_string())?;
        let verdict = match std::str::from_utf8(&line) {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => {
                errtriage::classify_json(text).map_err(|e| format!("line {}: {e}", number + 1))
            }
            Err(_) => Err(format!("line {}: input is not UTF-8", number + 1)),
        };
        verdicts.push(verdict);
    }
    Ok(verdicts)
}

fn error_line(message: &str) -> String {
    serde_json::json!({ "error": message }).to_string()
}
