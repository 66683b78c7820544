//! `zhaoshang`: parse the command line, run, print, map to an exit code.

use clap::Parser;
use std::path::PathBuf;
use zhaoshang::cli::{Cli, Command};
use zhaoshang::config::{Config, Folders};
use zhaoshang::exit_code::ExitCode;
use zhaoshang::model::YearMonth;
use zhaoshang::{demo, pipeline, summary};

fn main() -> std::process::ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code.into(),
        Err(e) => {
            eprintln!("错误：{e:#}");
            ExitCode::Fatal.into()
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
            Ok(outcome.exit_code())
        }
        Command::Status { month, data, store } => {
            let month = parse_month(month)?;
            let out = PathBuf::from("output");
            let config = Config::load(&Folders { data, out, store }, month)?;
            print!(
                "{}",
                summary::status_report(&pipeline::year_status(&config)?)
            );
            Ok(ExitCode::Ok)
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
            Ok(checked.exit_code())
        }
        Command::Demo { data } => {
            demo::write_demo(&data)?;
            println!("演示数据已写入 {}", data.display());
            Ok(ExitCode::Ok)
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
