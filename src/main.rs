//! `zhaoshang`: parse the command line, run, print, map to an exit code.

use clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand;
use clap::Parser;
use std::path::PathBuf;
use zhaoshang::cli::{Cli, Command};
use zhaoshang::config::{Config, Folders};
use zhaoshang::exit_code::ExitCode;
use zhaoshang::model::YearMonth;
use zhaoshang::{demo, fatal, pipeline, template, terminal};

fn main() -> std::process::ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // No command given: the help, and the mistake's exit code.
        Err(e) if e.kind() == DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::Fatal.into();
        }
        Err(e) if e.use_stderr() => {
            eprintln!("{}", fatal::usage_error_zh(&e));
            return ExitCode::Fatal.into();
        }
        // --help, --version, or no arguments at all: the help, as asked.
        Err(e) => {
            let _ = e.print();
            return ExitCode::Ok.into();
        }
    };
    match run(cli) {
        Ok(code) => code.into(),
        Err(e) => {
            eprintln!("{}", fatal::describe(&e));
            ExitCode::Fatal.into()
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run {
            period: Some(period),
            data,
            out,
            store,
            ..
        } => {
            let period =
                zhaoshang::period::ContestPeriod::parse(&period).map_err(anyhow::Error::msg)?;
            let config = Config::load(&Folders { data, out, store }, None)?;
            let outcome = zhaoshang::contest_run::run_period(&config, period)?;
            print!("{}", zhaoshang::contest_run::summary_zh(&outcome));
            Ok(if outcome.kept_out == 0 {
                ExitCode::Ok
            } else {
                ExitCode::KeptOut
            })
        }
        Command::Run {
            month,
            data,
            out,
            store,
            ..
        } => {
            let month = parse_month(month)?;
            let config = Config::load(&Folders { data, out, store }, month)?;
            let outcome = pipeline::run_month(&config)?;
            print!("{}", terminal::terminal_summary(&outcome));
            Ok(outcome.exit_code())
        }
        Command::Status {
            month, data, store, ..
        } => {
            let month = parse_month(month)?;
            let out = PathBuf::from("output");
            let config = Config::load(&Folders { data, out, store }, month)?;
            print!(
                "{}",
                terminal::status_report(&pipeline::year_status(&config)?)
            );
            Ok(ExitCode::Ok)
        }
        Command::Check { files, data, .. } => {
            let folders = Folders {
                data,
                out: PathBuf::from("output"),
                store: PathBuf::from("store"),
            };
            let config = Config::load(&folders, None)?;
            let checked = pipeline::check_files(&config, &files)?;
            print!("{}", terminal::check_report(&checked));
            Ok(checked.exit_code())
        }
        Command::Template {
            month,
            unit,
            data,
            out,
            store,
            ..
        } => {
            let month = parse_month(month)?;
            let config = Config::load(&Folders { data, out, store }, month)?;
            let written = template::write_templates(&config, unit.as_deref())?;
            println!("已生成 {} 份报表模板：", written.len());
            for path in written {
                println!("  {}", path.display());
            }
            Ok(ExitCode::Ok)
        }
        Command::Demo { data, towns, .. } => {
            demo::write_demo(&data, towns)?;
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
