//! The command line turned into one job per command, each with exactly the
//! configuration it needs (`run` and `template` write, `status` reads the
//! store, `check` writes nothing). The core never sees clap.

use super::cli::Command;
use crate::config::{Config, Folders, RunConfig, StatusConfig};
use crate::foundation::model::YearMonth;
use crate::foundation::period::ContestPeriod;
use anyhow::Result;
use std::path::PathBuf;

/// One command, with exactly what it needs.
#[derive(Debug)]
pub enum Job {
    /// `run`; `force` recomputes even when nothing changed since the last run.
    Run {
        config: RunConfig,
        force: bool,
    },
    /// `run --period`: the contest bulletin over the period's months.
    Contest {
        run: RunConfig,
        period: ContestPeriod,
    },
    Status(StatusConfig),
    Check {
        config: Config,
        files: Vec<PathBuf>,
    },
    Template {
        run: RunConfig,
        unit: Option<String>,
    },
    Demo {
        data: PathBuf,
        towns: usize,
    },
}

impl Config {
    /// The command line's command, with settings.toml read for the commands
    /// that use it.
    ///
    /// # Errors
    ///
    /// When `--month` is not a month, or settings.toml is missing, has an
    /// unknown key, or a value is out of range.
    pub fn from_cli(command: Command) -> Result<Job> {
        Ok(match command {
            Command::Run {
                period: Some(period),
                data,
                out,
                store,
                ..
            } => Job::Contest {
                period: ContestPeriod::parse(&period).map_err(anyhow::Error::msg)?,
                run: RunConfig::load(&Folders { data, out, store }, None)?,
            },
            Command::Run {
                month,
                data,
                out,
                store,
                force,
                ..
            } => Job::Run {
                config: RunConfig::load(&Folders { data, out, store }, parse_month(month)?)?,
                force,
            },
            Command::Status {
                month, data, store, ..
            } => {
                // The month first: a mistyped --month is named before settings.toml is read.
                let month = parse_month(month)?;
                let (config, _) = Config::read(&data)?;
                Job::Status(StatusConfig {
                    config,
                    month,
                    store_dir: store,
                })
            }
            Command::Check { files, data, .. } => Job::Check {
                config: Config::read(&data)?.0,
                files,
            },
            Command::Template {
                month,
                unit,
                data,
                out,
                store,
                ..
            } => Job::Template {
                run: RunConfig::load(&Folders { data, out, store }, parse_month(month)?)?,
                unit,
            },
            Command::Demo { data, towns, .. } => Job::Demo { data, towns },
        })
    }
}

/// `--month 2026-10`.
fn parse_month(month: Option<String>) -> Result<Option<YearMonth>> {
    month
        .map(|m| {
            YearMonth::parse(&m).ok_or_else(|| anyhow::anyhow!("--month「{m}」应写作 2026-10"))
        })
        .transpose()
}
