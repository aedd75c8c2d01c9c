//! The command-line tool as a user runs it: verdict lines are exactly `classify_json`'s output,
//! invalid lines get an error line and a failing exit status, the rest go on.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_errtriage"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn errtriage");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn example() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/failures.ndjson"
    ))
    .expect("example")
}

#[test]
fn each_line_is_what_classify_json_returns() {
    let input = example();
    let out = run(&["classify"], &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = stdout.split_terminator('\n').collect();
    let inputs: Vec<&str> = input.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(inputs.len() >= 24, "the example has a few dozen failures");
    assert_eq!(lines.len(), inputs.len());
    for (line, input) in lines.iter().zip(&inputs) {
        assert_eq!(
            *line,
            errtriage::classify_json(input).expect("valid example line")
        );
    }
}

#[test]
fn invalid_lines_get_an_error_and_the_rest_continue() {
    let input = "{\"status\": 502}\nnot json\n\n{\"status\": 42}\n{\"transport\": {\"kind\": \"reset\", \"sent\": false}}\n";
    let out = run(&["classify", "-"], input);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(
        lines.len(),
        5,
        "a blank line is an error, as in classify_json: {stdout}"
    );
    assert_eq!(lines[0]["rule"], "status.502");
    assert!(lines[1]["error"]
        .as_str()
        .expect("error")
        .starts_with("line 2: input is not valid JSON"));
    assert_eq!(lines[2]["error"], "line 3: input is empty");
    assert_eq!(
        lines[3]["error"],
        "line 4: status: expected an HTTP status from 100 to 599, got 42"
    );
    assert_eq!(lines[4]["rule"], "transport.not_sent");
}

#[test]
fn summary_counts_by_category_and_action() {
    let out = run(
        &["classify", "--summary"],
        "{\"status\": 502}\n{\"status\": 503}\n{\"status\": 401}\nbad\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let row = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} row in\n{text}"))
            .to_string()
    };
    let transient_row = row("transient");
    let transient: Vec<&str> = transient_row.split_whitespace().collect();
    assert_eq!(transient.first(), Some(&"transient"));
    assert_eq!(transient.get(1), Some(&"2"), "two retries: {transient_row}");
    assert_eq!(transient.last(), Some(&"2"));
    assert_eq!(row("authentication").split_whitespace().last(), Some("1"));
    assert!(row("total").ends_with('3'), "{text}");
    assert!(text.contains("1 line(s) were not valid inputs"), "{text}");
}

#[test]
fn explain_reads_like_a_person_wrote_it() {
    let out = run(&["explain"], &example());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("what happened: HTTP 401, oauth body"),
        "{text}"
    );
    assert!(
        text.contains("rule:          oauth.invalid_client (RFC 6749 §5.2"),
        "{text}"
    );
    assert!(text.contains("what happened: no response (transport failure)"));
    assert!(text.contains("(the server asks to wait 12000 ms)"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[], "").status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], "").status.code(), Some(2));
    assert_eq!(run(&["classify", "--nope"], "").status.code(), Some(2));
    assert_eq!(
        run(&["classify", "/no/such/file"], "").status.code(),
        Some(2)
    );
    assert!(run(&["--help"], "").status.success());
    let rules = run(&["rules"], "");
    assert!(
        String::from_utf8(rules.stdout)
            .expect("utf-8")
            .lines()
            .count()
            > 100
    );
}
