//! The progress bar on stderr while a run reads its files (issue 14): drawn
//! only when stderr is a terminal and the reading has already taken more than
//! a second, so a small county's run and any log or pipe see nothing of it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long reading goes on before the bar appears.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// The bar of one reading pass; ticked from many threads.
pub struct Reading {
    bar: ProgressBar,
    started: Instant,
    /// Whether the bar may ever be drawn: stderr is a terminal.
    drawable: bool,
    shown: AtomicBool,
}

impl Reading {
    /// A bar for `files` files, hidden for now.
    pub fn start(files: usize) -> Reading {
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("读取报表 {bar:40} {pos}/{len} 个文件 {elapsed}")
        {
            bar.set_style(style);
        }
        Reading {
            bar,
            started: Instant::now(),
            drawable: std::io::stderr().is_terminal(),
            shown: AtomicBool::new(false),
        }
    }

    /// One more file read and checked.
    pub fn file_done(&self) {
        self.bar.inc(1);
        if self.drawable
            && self.started.elapsed() > QUIET_FOR
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Reading is over: the bar is cleared from the screen.
    pub fn finish(self) {
        self.bar.finish_and_clear();
    }

    /// Whether the bar has been drawn.
    pub fn was_shown(&self) -> bool {
        self.shown.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_off_a_terminal_is_never_drawn() {
        // Under the test runner stderr is a pipe or a file, or a terminal
        // the bar may use only after a second.
        let reading = Reading::start(3);
        for _ in 0..3 {
            reading.file_done();
        }
        assert!(!reading.was_shown() || std::io::stderr().is_terminal());
        assert_eq!(reading.bar.position(), 3);
        reading.finish();
    }
}
