//! `errtriage`: triage failed HTTP API calls from the command line.
//!
//! ```text
//! errtriage classify [--rules R]… [--summary] [FILE]   NDJSON inputs → one verdict per line
//! errtriage explain [--rules R]… [FILE]                the same inputs, explained for a person
//! errtriage rules [--rules R]… [--json]                the rule table, or every rule as a document
//! ```
//! `--rules FILE` loads a rules document over the built-in rules; it may repeat, and a later
//! file wins over an earlier one.
//! Each verdict line is exactly what `errtriage::classify_json` returns for that input line; a
//! line that is not a valid input gets `{"error": "..."}`, the rest continue, and the exit
//! status is 1 at the end. A blank line is an input too: it gets the core's "input is empty" error.

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
  errtriage rules [--json]                list every rule: id, category, action, source; with
                                          --json, every rule as a rules document
  errtriage --version | --help

  --rules FILE   (any command, repeatable) a rules document over the built-in rules; a later
                 file wins over an earlier one

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
            let o = options(rest, &["--summary"])?;
            let (summary, file) = (o.flag("--summary"), o.file.clone());
            let verdicts = read_inputs(&o.classifier()?, file.as_deref())?;
            let failed = verdicts.iter().any(Result::is_err);
            let stdout = io::stdout();
            let mut out = stdout.lock();
            if summary {
                summary::write(&mut out, &verdicts).map_err(written)?;
            } else {
                for verdict in &verdicts {
                    let line = match verdict {
                        Ok(json) => json.clone(),
                        Err(message) => error_line(message),
                    };
                    writeln!(out, "{line}").map_err(written)?;
                }
            }
            out.flush().map_err(written)?;
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        "explain" => {
            let o = options(rest, &[])?;
            let classifier = o.classifier()?;
            let verdicts = read_inputs(&classifier, o.file.as_deref())?;
            let failed = verdicts.iter().any(Result::is_err);
            let stdout = io::stdout();
            let mut out = stdout.lock();
            for (i, verdict) in verdicts.iter().enumerate() {
                if i > 0 {
                    writeln!(out).map_err(written)?;
                }
                explain::write(&mut out, verdict, &classifier).map_err(written)?;
            }
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        "rules" => {
            let o = options(rest, &["--json"])?;
            if let Some(file) = o.file {
                return Err(format!("unexpected argument {file}\n\n{USAGE}"));
            }
            let classifier = o.classifier()?;
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let io = written;
            if o.flag("--json") {
                out.write_all(classifier.rules_json().as_bytes())
                    .map_err(io)?;
            } else {
                for rule in classifier.rules() {
                    let category = rule.category().map_or("(kept)", |c| c.as_str());
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}",
                        rule.id(),
                        category,
                        rule.action(),
                        rule.source()
                    )
                    .map_err(io)?;
                }
            }
            out.flush().map_err(io)?;
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    }
}

/// A command's options: its flags, `--rules FILE` (repeatable) and at most one input file.
struct Options {
    flags: Vec<String>,
    rules: Vec<String>,
    file: Option<String>,
}

impl Options {
    fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// The built-in rules with each `--rules` document over them, in order.
    fn classifier(&self) -> Result<errtriage::Classifier, String> {
        let mut texts = Vec::with_capacity(self.rules.len());
        for path in &self.rules {
            texts.push(std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?);
        }
        let docs: Vec<&str> = texts.iter().map(String::as_str).collect();
        errtriage::Classifier::layered(&docs).map_err(|e| match self.rules.as_slice() {
            [one] => format!("{one}: {e}"),
            _ => e.to_string(),
        })
    }
}

fn options(args: &[String], flags: &[&str]) -> Result<Options, String> {
    let mut o = Options {
        flags: Vec::new(),
        rules: Vec::new(),
        file: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rules" => match args.next() {
                Some(path) => o.rules.push(path.clone()),
                None => return Err(format!("--rules needs a file\n\n{USAGE}")),
            },
            a if flags.contains(&a) => o.flags.push(a.to_string()),
            a if a.starts_with("--") => return Err(format!("unknown option {a}\n\n{USAGE}")),
            a if o.file.is_none() => o.file = Some(a.to_string()),
            a => return Err(format!("unexpected argument {a}\n\n{USAGE}")),
        }
    }
    o.file = o.file.filter(|f| f != "-");
    Ok(o)
}

/// Classifies every line of FILE (or stdin): the verdict JSON, or the error message (a blank
/// line is the core's `input is empty`, as for `classify_json`).
fn read_inputs(
    classifier: &errtriage::Classifier,
    file: Option<&str>,
) -> Result<Vec<Result<String, String>>, String> {
    let reader: Box<dyn Read> = match file {
        Some(path) => Box::new(std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?),
        None => Box::new(io::stdin()),
    };
    let mut verdicts = Vec::new();
    for (number, line) in BufReader::new(reader).split(b'\n').enumerate() {
        let line = line.map_err(|e| e.to_string())?;
        let verdict = match std::str::from_utf8(&line) {
            Ok(text) => classifier
                .classify_json(text)
                .map_err(|e| format!("line {}: {e}", number + 1)),
            Err(_) => Err(format!("line {}: input is not UTF-8", number + 1)),
        };
        verdicts.push(verdict);
    }
    Ok(verdicts)
}

/// A failed write to stdout as an error message; a reader that went away (`errtriage … | head`)
/// is not an error: the command ends quietly, as Unix filters do.
fn written(e: io::Error) -> String {
    if e.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    e.to_string()
}

fn error_line(message: &str) -> String {
    serde_json::json!({ "error": message }).to_string()
}
