//! Stage timings of a run, for the benchmark (issue 14): with the environment
//! variable `ZHAOSHANG_TIMINGS` set, each stage's wall time and the peak
//! memory so far are printed on stderr. Nothing is printed otherwise.

use std::time::Instant;

/// The clock of one run.
pub struct Laps {
    last: Instant,
    on: bool,
}

impl Laps {
    pub fn start() -> Laps {
        Laps {
            last: Instant::now(),
            on: std::env::var_os("ZHAOSHANG_TIMINGS").is_some(),
        }
    }

    /// Prints the time since the previous lap under `stage`.
    pub fn lap(&mut self, stage: &str) {
        if !self.on {
            return;
        }
        let now = Instant::now();
        eprintln!(
            "[timing] {stage:<12} {:>8.3} s   peak {:>5} MB",
            (now - self.last).as_secs_f64(),
            peak_mb().map_or("?".to_string(), |m| m.to_string())
        );
        self.last = now;
    }
}

/// The process's peak resident memory (VmHWM), where the system tells it.
fn peak_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
