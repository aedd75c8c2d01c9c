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
    // Written from another thread: a long input's verdicts fill the stdout pipe before the
    // input is all written.
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        // A command that does not read its input (usage errors) closes the pipe early.
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("wait");
    writer.join().expect("stdin writer");
    output
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

fn stdout_of(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

fn reader_case(name: &str) -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/readers/readers.json"
    ))
    .expect("reader vectors");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    doc["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["name"] == name)
        .and_then(|c| c["data"].as_str())
        .unwrap_or_else(|| panic!("no case {name}"))
        .to_string()
}

/// What `classify_json` says of each input the core's reader finds in `data`.
fn expected_lines(data: &str) -> Vec<String> {
    let read = errtriage::readers::read(data.as_bytes(), None).expect("readable");
    read.items
        .iter()
        .map(|item| match &item.input {
            Ok(form) => errtriage::classify_json(form).unwrap_or_else(|e| {
                serde_json::json!({"error": format!("{}: {e}", item.location)}).to_string()
            }),
            Err(e) => serde_json::json!({"error": format!("{}: {e}", item.location)}).to_string(),
        })
        .collect()
}

#[test]
fn a_har_gives_the_verdicts_of_classify_json_entry_by_entry() {
    let har = reader_case("har_failures_only");
    for args in [
        &["classify"][..],
        &["classify", "--format", "har"],
        &["classify", "--jobs", "1"],
    ] {
        let out = run(args, &har);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines: Vec<String> = stdout_of(&out).lines().map(String::from).collect();
        assert_eq!(lines, expected_lines(&har), "{args:?}");
    }
    // The summary by rule counts the same verdicts.
    let out = run(
        &["classify", "--summary", "--by", "rule", "--output", "csv"],
        &har,
    );
    let csv = stdout_of(&out);
    assert!(csv.starts_with("rule,count\n"), "{csv}");
    assert!(csv.contains("\ntransport.other,2\n"), "{csv}");
    assert!(csv.contains("\ncontext.retry_same_key,1\n"), "{csv}");
}

#[test]
fn a_curl_stream_is_explained() {
    let out = run(&["explain"], &reader_case("http_curl_stream"));
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(
        text.starts_with("response 2:\nwhat happened: HTTP 502"),
        "{text}"
    );
    assert!(
        text.contains("(the server asks to wait 12000 ms)"),
        "{text}"
    );
    assert!(
        text.contains("response 5:\nwhat happened: HTTP 404"),
        "{text}"
    );
    let ok = run(
        &["explain"],
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}",
    );
    assert_eq!(
        stdout_of(&ok),
        "no failure: 1 successful responses skipped\n"
    );
}

#[test]
fn log_lines_keep_the_members_asked_for() {
    let log = "{\"ts\": \"t1\", \"status\": 502, \"id\": {\"n\": 1}}\n{\"status\": 503}\nnope\n{\"id\": 9, \"status\": 42}\n";
    let out = run(&["classify", "--keep", "id", "--keep", "ts"], log);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let first = errtriage::classify_json("{\"status\": 502}").unwrap();
    let mut expected: serde_json::Value = serde_json::from_str(&first).unwrap();
    expected["id"] = serde_json::json!({"n": 1});
    expected["ts"] = serde_json::json!("t1");
    assert_eq!(lines[0], expected);
    assert_eq!(
        stdout_of(&out).lines().nth(1).unwrap(),
        errtriage::classify_json("{\"status\": 503}").unwrap(),
        "a line without the members is the verdict as classify_json gives it"
    );
    assert!(lines[2]["error"]
        .as_str()
        .unwrap()
        .starts_with("line 3: input is not valid JSON"));
    assert_eq!(
        lines[3]["id"], 9,
        "an error line keeps them too: {}",
        lines[3]
    );
    assert_eq!(
        run(&["classify", "--keep", "rule"], log).status.code(),
        Some(2)
    );
}

#[test]
fn every_core_gives_the_order_of_one() {
    let mut log = String::new();
    for i in 0..6000 {
        match i % 4 {
            0 => log.push_str(&format!("{{\"status\": {}, \"n\": {i}}}\n", 400 + i % 100)),
            1 => log.push_str("{\"transport\": {\"kind\": \"reset\", \"sent\": false}}\n"),
            2 => log.push_str(&format!(
                "{{\"status\": 429, \"headers\": {{\"retry-after\": \"{}\"}}}}\n",
                i % 60
            )),
            _ => log.push_str(
                "{\"status\": 503, \"body\": \"{\\\"error\\\": {\\\"code\\\": \\\"BUSY\\\"}}\"}\n",
            ),
        }
    }
    let one = run(&["classify", "--jobs", "1", "--keep", "n"], &log);
    let four = run(&["classify", "--jobs", "4", "--keep", "n"], &log);
    assert!(one.status.success());
    assert_eq!(stdout_of(&one).lines().count(), 6000);
    assert_eq!(one.stdout, four.stdout);
    let by = [
        "classify",
        "--summary",
        "--by",
        "status,action",
        "--output",
        "json",
    ];
    let summary: serde_json::Value = serde_json::from_str(&stdout_of(&run(&by, &log))).unwrap();
    assert_eq!(summary["inputs"], 6000);
    let total: u64 = summary["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 6000);
}

#[test]
fn a_file_not_of_its_format_exits_2() {
    let out = run(&["classify", "--format", "har"], "{\"status\": 502}\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a HAR file"));
    assert_eq!(
        run(&["classify", "--format", "xml"], "").status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["classify", "--summary", "--by", "colour"], "")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["classify", "--by", "rule"], "").status.code(),
        Some(2)
    );
}

#[test]
fn suggest_drafts_rules_that_decide_their_failures() {
    let mut log = String::new();
    for i in 0..30 {
        log.push_str(&format!(
            "{{\"status\": 409, \"body\": \"{{\\\"error\\\": {{\\\"code\\\": \\\"ORDER_LOCKED\\\", \\\"message\\\": \\\"Order {i} is held\\\"}}}}\"}}\n"
        ));
    }
    log.push_str("{\"status\": 502}\n");
    let dir = std::env::temp_dir().join(format!("errtriage-cli-suggest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("log.ndjson");
    std::fs::write(&path, &log).unwrap();
    let out = run(&["rules", "--suggest", path.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(report.contains("31 of 31 inputs"), "{report}");
    let draft = stdout_of(&out);
    let classifier = errtriage::Classifier::new(&draft).expect("the draft loads");
    let verdict = classifier
        .classify_json(log.lines().next().unwrap())
        .unwrap();
    assert!(
        verdict.contains("\"rule\":\"suggested.order_locked\""),
        "{verdict}"
    );
    assert!(draft.contains("30 failures (statuses 409 ×30)"), "{draft}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_dashboard_example_har_summary_by_rule_counts_classify_json_verdicts() {
    let har = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../dashboard/examples/failures.har"
    ))
    .expect("example HAR");
    // Repeated, so that the batches are spread over the worker threads.
    let entries_start = har.find("\"entries\"").expect("entries");
    let open = entries_start + har[entries_start..].find('[').expect("[");
    let close = har.rfind(']').expect("]");
    let inner = &har[open + 1..close];
    let many = format!(
        "{}{}{}",
        &har[..=open],
        vec![inner; 40].join(","),
        &har[close..]
    );
    let mut expected: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for line in expected_lines(&many) {
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        *expected
            .entry(v["rule"].as_str().unwrap_or("").to_string())
            .or_default() += 1;
    }
    let out = run(
        &[
            "classify",
            "--summary",
            "--by",
            "rule",
            "--output",
            "json",
            "--jobs",
            "3",
        ],
        &many,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let got: std::collections::BTreeMap<String, u64> = summary["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["rule"].as_str().unwrap().to_string(),
                g["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert!(summary["skipped"].as_u64().unwrap() > 0);
    let lines = run(&["classify", "--jobs", "3"], &many);
    assert_eq!(
        stdout_of(&lines)
            .lines()
            .map(String::from)
            .collect::<Vec<_>>(),
        expected_lines(&many)
    );
}
