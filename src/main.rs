//! `zhaoshang`: parse the command line, run, print, map to an exit code.

use clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand;
use clap::Parser;
use zhaoshang::app::cli::Cli;
use zhaoshang::app::exit_code::ExitCode;
use zhaoshang::app::jobs::Job;
use zhaoshang::app::{contest, fatal, last_run, pipeline, terminal};
use zhaoshang::config::Config;
use zhaoshang::{demo, template};

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
    match Config::from_cli(cli.command)? {
        Job::Run { config, force } => {
            // What the run reads, looked at before it starts: unchanged since
            // the last run, the results on disk stand; changed while it runs,
            // no record is left.
            let inputs = last_run::InputState::survey(&config).ok();
            let last = inputs.as_ref().filter(|_| !force);
            if let Some(last) = last.and_then(|i| last_run::unchanged_since_last_run(&config, i)) {
                print!("{}", terminal::unchanged_summary(&last));
                return Ok(last.exit_code);
            }
            let outcome = pipeline::run_month(&config)?;
            let summary = terminal::terminal_summary(&outcome);
            print!("{summary}");
            if let Some(inputs) = &inputs {
                last_run::remember_run(
                    &config,
                    outcome.month,
                    inputs,
                    &summary,
                    outcome.exit_code(),
                );
            }
            Ok(outcome.exit_code())
        }
        Job::Contest { run, period } => {
            let outcome = contest::run_period(&run, period)?;
            print!("{}", contest::summary_zh(&outcome));
            Ok(ExitCode::kept_out_if(outcome.kept_out > 0))
        }
        Job::Status(config) => {
            let receipts = pipeline::year_status(&config)?;
            print!("{}", terminal::status_report(&receipts));
            Ok(ExitCode::Ok)
        }
        Job::Check { config, files } => {
            let checked = pipeline::check_files(&config, &files)?;
            print!("{}", terminal::check_report(&checked));
            Ok(ExitCode::kept_out_if(checked.any_rejected()))
        }
        Job::Template { run, unit } => {
            let written = template::write_templates(&run, unit.as_deref())?;
            println!("已生成 {} 份报表模板：", written.len());
            for path in written {
                println!("  {}", path.display());
            }
            Ok(ExitCode::Ok)
        }
        Job::Demo { data, towns } => {
            demo::write_demo(&data, towns)?;
            println!("演示数据已写入 {}", data.display());
            Ok(ExitCode::Ok)
        }
    }
}
