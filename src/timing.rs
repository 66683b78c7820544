//! Stage timings of a run, for the benchmark (issue 14): with the environment
//! variable `ZHAOSHANG_TIMINGS` set, each stage's wall time and the peak
//! memory so far are printed on stderr. Nothing is printed otherwise.

use std::time::Instant;

/// The clock of one run.
pub struct Laps {
    last: Instant,
    last_cpu: f64,
    on: bool,
}

impl Laps {
    pub fn start() -> Laps {
        Laps {
            last: Instant::now(),
            last_cpu: cpu_seconds().unwrap_or(0.0),
            on: std::env::var_os("ZHAOSHANG_TIMINGS").is_some(),
        }
    }

    /// Prints the time since the previous lap under `stage`.
    pub fn lap(&mut self, stage: &str) {
        if !self.on {
            return;
        }
        let now = Instant::now();
        let cpu = cpu_seconds().unwrap_or(0.0);
        eprintln!(
            "[timing] {stage:<12} {:>8.3} s wall {:>7.2} s cpu   peak {:>5} MB",
            (now - self.last).as_secs_f64(),
            cpu - self.last_cpu,
            peak_mb().map_or("?".to_string(), |m| m.to_string())
        );
        self.last = now;
        self.last_cpu = cpu;
    }
}

/// The process's peak resident memory (VmHWM), where the system tells it.
fn peak_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// The process's processor time so far, user and system (in ticks of 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // After the command name in parentheses: state is field 3, utime 14, stime 15.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
