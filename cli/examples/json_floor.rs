//! The benchmark floor of `scripts/bench-cli.sh`: what it costs only to parse each NDJSON line
//! with serde_json and print it back, one line per line, on one thread, buffered — the work any
//! line-by-line JSON tool does before deciding anything.

use std::io::{self, BufRead, BufWriter, Write};

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut out = BufWriter::with_capacity(256 * 1024, io::stdout());
    for line in stdin.lock().split(b'\n') {
        let line = line?;
        match serde_json::from_slice::<serde_json::Value>(&line) {
            Ok(value) => serde_json::to_writer(&mut out, &value)?,
            Err(e) => write!(out, "{{\"error\":{:?}}}", e.to_string())?,
        }
        out.write_all(b"\n")?;
    }
    out.flush()
}
