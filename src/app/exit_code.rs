//! The exit codes the README promises, by name: scripts and schedulers read
//! them, so each has one meaning.

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitCode {
    /// No unit's data for the month was kept out — units that sent nothing
    /// are only chased (`run`); no file has an error (`check`).
    Ok = 0,
    /// Settings, reference tables or an output folder stopped the run;
    /// nothing was decided about the submissions.
    Fatal = 1,
    /// The run finished, but some unit's data was kept out, a file could not
    /// be tied to a unit, or nothing arrived for the month (`run`); some file
    /// has an error (`check`).
    KeptOut = 2,
}

impl ExitCode {
    /// [`ExitCode::KeptOut`] when something was kept out, else [`ExitCode::Ok`].
    pub fn kept_out_if(kept_out: bool) -> ExitCode {
        if kept_out {
            ExitCode::KeptOut
        } else {
            ExitCode::Ok
        }
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code as u8)
    }
}
