//! `errtriage`: triage failed HTTP API calls from the command line.
//!
//! ```text
//! errtriage classify [--format F] [--keep NAME]… [--jobs N] [--summary [--by KEYS] [--output O]] [FILE]
//! errtriage explain [--format F] [FILE]                 the same inputs, explained for a person
//! errtriage rules [--json] | --suggest LOG [--top N]    the rule table; a draft for a log
//! ```
//! Inputs are read by the core's readers (`errtriage::readers`): HAR files, `curl -si` output,
//! NDJSON in the JSON form with members of its own. `classify` streams: records are framed on
//! the main thread, classified in batches on every core, and written in input order, so memory
//! stays bounded whatever the input's size. Each verdict line is exactly what
//! `errtriage::classify_json` returns for that input (with `--keep`, the named members of the
//! log line are appended); an input that cannot be classified gets `{"error": "..."}`, the rest
//! continue, and the exit status is 1 at the end.

mod explain;
mod input;
mod suggest;
mod summary;

use std::io::{self, Write};
use std::process::ExitCode;

use errtriage::readers::{Format, Item, Record};

const USAGE: &str = "\
errtriage — what to do about a failed HTTP API call

usage:
  errtriage classify [OPTIONS] [FILE]    read inputs (stdin when FILE is absent or -), write one
                                         verdict per line, in input order
      --format har|http|ndjson           the input's format; guessed from its first bytes when
                                         absent (a status line: http; an object starting with
                                         \"log\": har; else ndjson)
      --keep NAME                        (repeatable) copy the log line's member NAME (an id, a
                                         timestamp) onto its verdict line, to join them back
      --jobs N                           worker threads (default: every core)
      --summary                          counts instead of verdicts: by category and action, or
        --by KEYS                          by some of category,action,rule,code,shape,host,
                                           endpoint,status (comma-separated)
        --output table|csv|json            how a --by summary is written (default: table)
  errtriage explain [--format F] [FILE]  the same inputs, explained for a person
                                         (curl -si URL | errtriage explain)
  errtriage rules [--json]               list every rule: id, category, action, source; with
                                         --json, every rule as a rules document
  errtriage rules --suggest LOG [--top N] [--format F]
                                         the failures of LOG that only the status or a generic
                                         rule decided, grouped by code and message (on stderr),
                                         and a rules document drafted for the N (default 10)
                                         most frequent (on stdout), to review and load with --rules
  errtriage --version | --help

  --rules FILE   (any command, repeatable) a rules document over the built-in rules; a later
                 file wins over an earlier one

formats:
  ndjson  one input per line in the JSON form: {\"status\": 502, \"headers\": {...}, \"body\": \"...\",
          \"request\": {\"method\": \"POST\", \"endpoint\": \"...\", \"idempotency_key\": \"...\"}}
          or {\"transport\": {\"kind\": \"timeout\", \"sent\": true}}; other members (ts, id, ...)
          are allowed and passed through with --keep
  har     a HAR 1.2 file (a browser's or proxy's export): one input per failed entry (status
          400 or more, or no response); successful entries are skipped
  http    raw responses as curl -si prints them, one or several: one input per response with
          status 400 or more

exit status:
  0  every input was classified
  1  some inputs could not be (each got an {\"error\": ...} line or an \"invalid input\" block);
     the others were
  2  usage error, unreadable file or rules document, or an input that is not of its format
     (a HAR without log.entries); verdicts for what came before it were written
  A closed stdout (errtriage ... | head) ends the command quietly with status 0.";

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
        "classify" => classify(&options(
            rest,
            &["--summary"],
            &["--format", "--keep", "--jobs", "--by", "--output"],
        )?),
        "explain" => explain(&options(rest, &[], &["--format"])?),
        "rules" => {
            let o = options(rest, &["--json"], &["--suggest", "--top", "--format"])?;
            if let Some(file) = &o.file {
                return Err(format!("unexpected argument {file}\n\n{USAGE}"));
            }
            match o.value("--suggest") {
                Some(log) => suggest(&o, log),
                None => rules(&o),
            }
        }
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    }
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The output: a buffered stdout.
fn stdout() -> io::BufWriter<io::Stdout> {
    io::BufWriter::with_capacity(256 * 1024, io::stdout())
}

/// One batch classified: the verdict lines, or the counts.
struct Lines {
    bytes: Vec<u8>,
    failed: bool,
}

struct Writer {
    out: io::BufWriter<io::Stdout>,
    failed: bool,
}

impl input::Sink<Lines> for Writer {
    fn take(&mut self, lines: Lines) -> io::Result<()> {
        self.failed |= lines.failed;
        self.out.write_all(&lines.bytes)
    }
}

struct Summing(summary::Counts);

impl input::Sink<summary::Counts> for Summing {
    fn take(&mut self, counts: summary::Counts) -> io::Result<()> {
        self.0.merge(counts);
        Ok(())
    }
}

/// A verdict for `item`: the verdict JSON, or the message for its error line.
fn verdict_of(classifier: &errtriage::Classifier, item: &Item) -> Result<String, String> {
    let at = item.location;
    match &item.input {
        Ok(form) => classifier
            .classify_json(form)
            .map_err(|e| format!("{at}: {e}")),
        Err(e) => Err(format!("{at}: {e}")),
    }
}

/// `"name":value` members of `item` named by `keep`, to append to its line.
fn kept(keep: &[String], item: &Item, line: &mut Vec<u8>) {
    for name in keep {
        if let Some(value) = item.extra(name) {
            line.push(b',');
            line.extend_from_slice(json_string(name).as_bytes());
            line.push(b':');
            line.extend_from_slice(value.as_bytes());
        }
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn jobs_of(o: &Options) -> Result<usize, String> {
    match o.value("--jobs") {
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        Some(n) => n
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=256).contains(n))
            .ok_or_else(|| format!("--jobs: expected a number from 1 to 256, got {n:?}")),
    }
}

fn format_of(o: &Options) -> Result<Option<Format>, String> {
    o.value("--format")
        .map(|f| Format::parse(f).map_err(|e| format!("--{e}")))
        .transpose()
}

fn classify(o: &Options) -> Result<ExitCode, String> {
    let classifier = o.classifier()?;
    let format = format_of(o)?;
    let jobs = jobs_of(o)?;
    let keep: Vec<String> = o.values("--keep").map(String::from).collect();
    // A kept member may not hide one of the verdict's own.
    if let Some(sample) = classifier
        .classify_json("{\"status\": 500}")
        .ok()
        .and_then(|v| serde_json::from_str::<serde_json::Value>(&v).ok())
    {
        if let Some(name) = keep
            .iter()
            .find(|k| sample.get(k.as_str()).is_some() || *k == "error")
        {
            return Err(format!(
                "--keep {name}: the verdict has a member of that name"
            ));
        }
    }
    let source = input::open(o.file.as_deref())?;
    if !o.flag("--summary") {
        if o.value("--by").is_some() || o.value("--output").is_some() {
            return Err(format!("--by and --output go with --summary\n\n{USAGE}"));
        }
        let work = |records: &[Record]| {
            let mut lines = Lines {
                bytes: Vec::with_capacity(records.len() * 400),
                failed: false,
            };
            for item in records.iter().filter_map(Record::read) {
                match verdict_of(&classifier, &item) {
                    Ok(verdict) => {
                        let (body, close) = verdict.split_at(verdict.len().saturating_sub(1));
                        lines.bytes.extend_from_slice(body.as_bytes());
                        kept(&keep, &item, &mut lines.bytes);
                        lines.bytes.extend_from_slice(close.as_bytes());
                    }
                    Err(message) => {
                        lines.failed = true;
                        lines.bytes.extend_from_slice(b"{\"error\":");
                        lines
                            .bytes
                            .extend_from_slice(json_string(&message).as_bytes());
                        kept(&keep, &item, &mut lines.bytes);
                        lines.bytes.push(b'}');
                    }
                }
                lines.bytes.push(b'\n');
            }
            lines
        };
        let sink = Writer {
            out: stdout(),
            failed: false,
        };
        let ended = input::run(source, format, jobs, work, sink)?;
        let mut writer = ended.sink;
        writer.out.flush().map_err(written)?;
        if let Some(fatal) = ended.fatal {
            return Err(fatal);
        }
        return Ok(exit(writer.failed));
    }
    let by = match o.value("--by") {
        Some(keys) => Some(summary::Key::list(keys)?),
        None => None,
    };
    let output = o
        .value("--output")
        .map(summary::Output::parse)
        .transpose()?;
    if by.is_none() && output.is_some() {
        return Err(format!("--output goes with --by\n\n{USAGE}"));
    }
    let keys = by
        .clone()
        .unwrap_or_else(|| vec![summary::Key::Category, summary::Key::Action]);
    let work = |records: &[Record]| {
        let mut counts = summary::Counts::default();
        for record in records {
            let Some(item) = record.read() else {
                counts.skipped += 1;
                continue;
            };
            match verdict_of(&classifier, &item) {
                Ok(verdict) => counts.add(&keys, &verdict, &item),
                Err(_) => {
                    counts.inputs += 1;
                    counts.invalid += 1;
                }
            }
        }
        counts
    };
    let ended = input::run(
        source,
        format,
        jobs,
        work,
        Summing(summary::Counts::default()),
    )?;
    let counts = ended.sink.0;
    let mut out = stdout();
    match &by {
        None => summary::write_matrix(&mut out, &counts),
        Some(by) => summary::write_by(
            &mut out,
            by,
            output.unwrap_or(summary::Output::Table),
            &counts,
        ),
    }
    .map_err(written)?;
    out.flush().map_err(written)?;
    if let Some(fatal) = ended.fatal {
        return Err(fatal);
    }
    Ok(exit(counts.invalid > 0))
}

fn explain(o: &Options) -> Result<ExitCode, String> {
    let classifier = o.classifier()?;
    let source = input::open(o.file.as_deref())?;
    struct Explaining<'c> {
        out: io::BufWriter<io::Stdout>,
        classifier: &'c errtriage::Classifier,
        first: bool,
        failed: bool,
        skipped: u64,
    }
    impl input::Sink<Vec<Record>> for Explaining<'_> {
        fn take(&mut self, records: Vec<Record>) -> io::Result<()> {
            for record in records {
                let Some(item) = record.read() else {
                    self.skipped += 1;
                    continue;
                };
                let verdict = verdict_of(self.classifier, &item);
                self.failed |= verdict.is_err();
                if !self.first {
                    writeln!(self.out)?;
                }
                self.first = false;
                if !matches!(item.location, errtriage::readers::Location::Line(_)) {
                    match &item.url {
                        Some(url) => writeln!(self.out, "{}: {url}", item.location)?,
                        None => writeln!(self.out, "{}:", item.location)?,
                    }
                }
                explain::write(&mut self.out, &verdict, self.classifier)?;
            }
            self.out.flush()
        }
    }
    let sink = Explaining {
        out: stdout(),
        classifier: &classifier,
        first: true,
        failed: false,
        skipped: 0,
    };
    // A person reads this: one thread, each input as soon as it is read.
    let ended = input::run(source, format_of(o)?, 1, |r: &[Record]| r.to_vec(), sink)?;
    let mut sink = ended.sink;
    if sink.first && sink.skipped > 0 {
        writeln!(
            sink.out,
            "no failure: {} successful {} skipped",
            sink.skipped,
            if ended.format == Format::Har {
                "entries"
            } else {
                "responses"
            }
        )
        .map_err(written)?;
    }
    sink.out.flush().map_err(written)?;
    if let Some(fatal) = ended.fatal {
        return Err(fatal);
    }
    Ok(exit(sink.failed))
}

fn rules(o: &Options) -> Result<ExitCode, String> {
    if o.value("--top").is_some() || o.value("--format").is_some() {
        return Err(format!("--top and --format go with --suggest\n\n{USAGE}"));
    }
    let classifier = o.classifier()?;
    let mut out = stdout();
    if o.flag("--json") {
        out.write_all(classifier.rules_json().as_bytes())
            .map_err(written)?;
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
            .map_err(written)?;
        }
    }
    out.flush().map_err(written)?;
    Ok(ExitCode::SUCCESS)
}

struct Grouping(suggest::Groups);

impl input::Sink<suggest::Groups> for Grouping {
    fn take(&mut self, groups: suggest::Groups) -> io::Result<()> {
        self.0.merge(groups);
        Ok(())
    }
}

fn suggest(o: &Options, log: &str) -> Result<ExitCode, String> {
    if o.flag("--json") {
        return Err(format!("--json does not go with --suggest\n\n{USAGE}"));
    }
    let classifier = o.classifier()?;
    let top = match o.value("--top") {
        None => 10,
        Some(n) => n
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=errtriage::MAX_RULES).contains(n))
            .ok_or_else(|| {
                format!(
                    "--top: expected a number from 1 to {}, got {n:?}",
                    errtriage::MAX_RULES
                )
            })?,
    };
    let source = input::open(Some(log).filter(|l| *l != "-"))?;
    let work = |records: &[Record]| {
        let mut groups = suggest::Groups::default();
        for record in records {
            let Some(item) = record.read() else {
                groups.skipped += 1;
                continue;
            };
            match (verdict_of(&classifier, &item), &item.input) {
                (Ok(verdict), Ok(input)) => groups.add(&verdict, input),
                _ => {
                    groups.inputs += 1;
                    groups.invalid += 1;
                }
            }
        }
        groups
    };
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let ended = input::run(
        source,
        format_of(o)?,
        jobs,
        work,
        Grouping(suggest::Groups::default()),
    )?;
    if let Some(fatal) = ended.fatal {
        return Err(fatal);
    }
    let groups = ended.sink.0;
    let mut out = stdout();
    let stderr = io::stderr();
    let mut report = stderr.lock();
    suggest::write(&mut out, &mut report, &groups, log, top)?;
    out.flush().map_err(written)?;
    Ok(exit(groups.invalid > 0))
}

/// A command's options: its flags, options with a value, `--rules FILE` (repeatable) and at
/// most one input file.
struct Options {
    flags: Vec<String>,
    values: Vec<(String, String)>,
    rules: Vec<String>,
    file: Option<String>,
}

impl Options {
    fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// The last value given to option `name`.
    fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.values
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
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

fn options(args: &[String], flags: &[&str], valued: &[&str]) -> Result<Options, String> {
    let mut o = Options {
        flags: Vec::new(),
        values: Vec::new(),
        rules: Vec::new(),
        file: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |what: &str| match inline.clone().or_else(|| args.next().cloned()) {
            Some(v) => Ok(v),
            None => Err(format!("{name} needs {what}\n\n{USAGE}")),
        };
        match name {
            "--rules" => {
                let path = value("a file")?;
                o.rules.push(path);
            }
            n if valued.contains(&n) => {
                let v = value("a value")?;
                o.values.push((n.to_string(), v));
            }
            n if flags.contains(&n) && inline.is_none() => o.flags.push(n.to_string()),
            a if a.starts_with("--") => return Err(format!("unknown option {a}\n\n{USAGE}")),
            a if o.file.is_none() => o.file = Some(a.to_string()),
            a => return Err(format!("unexpected argument {a}\n\n{USAGE}")),
        }
    }
    o.file = o.file.filter(|f| f != "-");
    Ok(o)
}

/// A failed write to stdout as an error message; a reader that went away (`errtriage … | head`)
/// is not an error: the command ends quietly, as Unix filters do.
fn written(e: io::Error) -> String {
    if e.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    e.to_string()
}
