//! Reading an input file in constant memory on every core: the core's [`Reader`] frames records
//! (HAR entries, HTTP messages, lines) on this thread, batches of them are read and classified on
//! `jobs` worker threads, and a writer thread hands each batch's result to the sink in input
//! order. At most [`IN_FLIGHT_PER_JOB`] × jobs batches exist at once (a ticket per batch, given
//! back when the sink has taken it), so memory stays bounded however long the input is and
//! however uneven the batches are.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Read, Write};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use errtriage::readers::{Format, Reader, Record};

/// Records per batch, at most.
const BATCH_RECORDS: usize = 512;
/// Bytes of records per batch, at most (a batch of big HAR entries is cut short).
const BATCH_BYTES: usize = 1 << 20;
/// Bytes read from the input at a time.
const CHUNK: usize = 256 * 1024;
/// Batches in flight per worker.
const IN_FLIGHT_PER_JOB: usize = 3;

/// Where the input comes from.
pub struct Source {
    reader: Box<dyn Read + Send>,
    /// The file's size, for the progress line (a file, not stdin).
    size: Option<u64>,
}

/// FILE, or stdin when `None`.
pub fn open(file: Option<&str>) -> Result<Source, String> {
    match file {
        Some(path) => {
            let f = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
            let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
            Ok(Source {
                reader: Box::new(f),
                size,
            })
        }
        None => Ok(Source {
            reader: Box::new(io::stdin()),
            size: None,
        }),
    }
}

/// What takes each batch's result, in input order.
pub trait Sink<T>: Send {
    /// One batch's result.
    fn take(&mut self, result: T) -> io::Result<()>;
}

/// How a run ended.
pub struct Ended<S> {
    /// The sink, with whatever it gathered.
    pub sink: S,
    /// The format read (given or guessed).
    pub format: Format,
    /// The document was not of its format (after the records before the problem): the core's
    /// message.
    pub fatal: Option<String>,
}

/// Reads `source` in `format` (guessed from the first bytes when `None`), gives each batch of
/// records to `work` on `jobs` threads and each result to `sink` in order.
pub fn run<T, S, W>(
    mut source: Source,
    format: Option<Format>,
    jobs: usize,
    work: W,
    sink: S,
) -> Result<Ended<S>, String>
where
    T: Send,
    S: Sink<T>,
    W: Fn(&[Record]) -> T + Sync,
{
    let mut chunk = vec![0u8; CHUNK];
    // Enough of the start to guess the format from.
    let mut first = 0;
    while first < 512 {
        match source.reader.read(&mut chunk[first..]) {
            Ok(0) => break,
            Ok(n) => first += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    let format = format.unwrap_or_else(|| Format::guess(&chunk[..first]));
    let mut reader = Reader::new(format);
    let mut progress = Progress::new(source.size);
    progress.add(first);
    reader.feed(&chunk[..first]);
    let mut batches = Batches {
        reader,
        source,
        chunk,
        ended: first == 0,
        error: None,
    };
    if batches.ended {
        batches.reader.end();
    }
    let mut fatal = None;
    let sink = if jobs <= 1 {
        let mut sink = sink;
        loop {
            match batches.next(&mut progress) {
                Ok(Some(batch)) => {
                    progress.records(batch.len());
                    sink.take(work(&batch)).map_err(crate::written)?;
                }
                Ok(None) => break,
                Err(e) => {
                    fatal = Some(e);
                    break;
                }
            }
        }
        sink
    } else {
        let (work_tx, work_rx) = sync_channel::<(u64, Vec<Record>)>(jobs);
        let work_rx = Mutex::new(work_rx);
        std::thread::scope(|s| -> Result<S, String> {
            let in_flight = IN_FLIGHT_PER_JOB * jobs;
            let (done_tx, done_rx) = sync_channel::<(u64, T)>(in_flight);
            let (ticket_tx, ticket_rx) = sync_channel::<()>(in_flight);
            for _ in 0..in_flight {
                let _ = ticket_tx.send(());
            }
            for _ in 0..jobs {
                let (work_rx, done_tx, work) = (&work_rx, done_tx.clone(), &work);
                s.spawn(move || loop {
                    let job = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, batch)) = job else { return };
                    if done_tx.send((seq, work(&batch))).is_err() {
                        return;
                    }
                });
            }
            drop(done_tx);
            let writer = s.spawn(move || write_in_order(done_rx, ticket_tx, sink));
            let mut seq = 0;
            loop {
                // A ticket first: no more than `in_flight` batches exist at once.
                if ticket_rx.recv().is_err() {
                    break; // the writer stopped (its error is below)
                }
                match batches.next(&mut progress) {
                    Ok(Some(batch)) => {
                        progress.records(batch.len());
                        if work_tx.send((seq, batch)).is_err() {
                            break;
                        }
                        seq += 1;
                    }
                    Ok(None) => break,
                    Err(e) => {
                        fatal = Some(e);
                        break;
                    }
                }
            }
            drop(work_tx);
            match writer.join() {
                Ok(result) => result.map_err(crate::written),
                Err(_) => Err(String::from("internal error: the writer thread stopped")),
            }
        })?
    };
    progress.clear();
    Ok(Ended {
        sink,
        format,
        fatal,
    })
}

/// Batches of records, read from the source as needed.
struct Batches {
    reader: Reader,
    source: Source,
    chunk: Vec<u8>,
    ended: bool,
    /// The document-level error, given after the records before it.
    error: Option<String>,
}

impl Batches {
    fn next(&mut self, progress: &mut Progress) -> Result<Option<Vec<Record>>, String> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        loop {
            match self.reader.next() {
                Some(Ok(record)) => {
                    bytes += record.bytes().len();
                    batch.push(record);
                    if batch.len() >= BATCH_RECORDS || bytes >= BATCH_BYTES {
                        return Ok(Some(batch));
                    }
                    continue;
                }
                Some(Err(e)) => self.error = Some(e.to_string()),
                None => {}
            }
            if !batch.is_empty() {
                return Ok(Some(batch));
            }
            if let Some(e) = self.error.take() {
                return Err(e);
            }
            if self.ended {
                return Ok(None);
            }
            match self.source.reader.read(&mut self.chunk) {
                Ok(0) => {
                    self.ended = true;
                    self.reader.end();
                }
                Ok(n) => {
                    progress.add(n);
                    self.reader.feed(self.chunk.get(..n).unwrap_or(&[]));
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.to_string()),
            }
        }
    }
}

fn write_in_order<T, S: Sink<T>>(
    done: Receiver<(u64, T)>,
    tickets: std::sync::mpsc::SyncSender<()>,
    mut sink: S,
) -> io::Result<S> {
    let mut next = 0;
    let mut pending = BTreeMap::new();
    for (seq, result) in done {
        pending.insert(seq, result);
        while let Some(result) = pending.remove(&next) {
            sink.take(result)?;
            next += 1;
            let _ = tickets.send(());
        }
    }
    Ok(sink)
}

/// The progress line on stderr: only when stderr is a terminal and the input a file.
struct Progress {
    size: Option<u64>,
    read: u64,
    records: u64,
    last: Instant,
    shown: bool,
}

impl Progress {
    fn new(size: Option<u64>) -> Progress {
        Progress {
            size: size.filter(|_| io::stderr().is_terminal()),
            read: 0,
            records: 0,
            last: Instant::now(),
            shown: false,
        }
    }

    fn add(&mut self, bytes: usize) {
        self.read += bytes as u64;
    }

    fn records(&mut self, n: usize) {
        self.records += n as u64;
        let Some(size) = self.size else { return };
        if self.last.elapsed() < Duration::from_millis(200) {
            return;
        }
        self.last = Instant::now();
        let mb = |b: u64| b as f64 / 1e6;
        let pct = (self.read * 100).checked_div(size).unwrap_or(100);
        eprint!(
            "\rerrtriage: {:.1} of {:.1} MB read ({pct}%), {} records\x1b[K",
            mb(self.read),
            mb(size),
            self.records
        );
        let _ = io::stderr().flush();
        self.shown = true;
    }

    fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[K");
        }
    }
}
