//! `zhaoshang`: parse the command line, run, print, map to an exit code.

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;
use zhaoshang::audit::{self, Status};
use zhaoshang::cli::{Cli, Command};
use zhaoshang::config::{Config, Folders};
use zhaoshang::model::YearMonth;
use zhaoshang::{demo, pipeline, summary, template};

/// Exit codes: 0 all good; 2 some submissions were kept out (run) or have errors (check); 1 fatal.
const EXIT_REJECTED: u8 = 2;
const EXIT_FATAL: u8 = 1;

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误：{e:#}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run {
            month,
            data,
            out,
            store,
        } => {
            let month = parse_month(month)?;
            let config = Config::load(&Folders { data, out, store }, month)?;
            let outcome = pipeline::run_month(&config)?;
            print!("{}", summary::terminal_summary(&outcome));
            Ok(
                if outcome.rejected.is_empty() && outcome.unidentified.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(EXIT_REJECTED)
                },
            )
        }
        Command::Status { month, data, store } => {
            let month = parse_month(month)?;
            let out = PathBuf::from("output");
            let config = Config::load(&Folders { data, out, store }, month)?;
            print!(
                "{}",
                summary::status_report(&pipeline::year_status(&config)?)
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { files, data } => {
            let folders = Folders {
                data,
                out: PathBuf::from("output"),
                store: PathBuf::from("store"),
            };
            let config = Config::load(&folders, None)?;
            let checked = pipeline::check_files(&config, &files)?;
            print!("{}", summary::check_report(&checked));
            let any_error = checked.iter().any(|s| audit::status(s) == Status::Rejected);
            Ok(if any_error {
                ExitCode::from(EXIT_REJECTED)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Template {
            month,
            unit,
            data,
            out,
            store,
        } => {
            let month = parse_month(month)?;
            let config = Config::load(&Folders { data, out, store }, month)?;
            let written = template::write_templates(&config, unit.as_deref())?;
            println!("已生成 {} 份报表模板：", written.len());
            for path in written {
                println!("  {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { data } => {
            demo::write_demo(&data)?;
            println!("演示数据已写入 {}", data.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `--month 2026-10`.
fn parse_month(month: Option<String>) -> anyhow::Result<Option<YearMonth>> {
    month
        .map(|m| {
            YearMonth::parse(&m).ok_or_else(|| anyhow::anyhow!("--month「{m}」应写作 2026-10"))
        })
        .transpose()
}
