//! The command line (clap derive structs, nothing else).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// 招商引资月度统计：读取各单位报表，审核、汇总并生成通报。
#[derive(Parser, Debug)]
#[command(name = "zhaoshang", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the monthly job: read, check, aggregate, write the bulletin and the audit.
    Run {
        /// Report month, YYYY-MM; default: the latest month under the submissions folder.
        #[arg(long)]
        month: Option<String>,
        /// Data folder holding settings.toml, reference/ and submissions/.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Output folder; results go to OUT/YYYY-MM/.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// History store: facts by month and archived submissions, kept for years.
        #[arg(long, default_value = "store")]
        store: PathBuf,
    },
    /// Who submitted which months this year, the units to chase (催报), and rejections with reasons.
    Status {
        /// Report month, YYYY-MM; default: the latest month under the submissions folder.
        #[arg(long)]
        month: Option<String>,
        /// Data folder holding settings.toml, reference/ and submissions/.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// History store, for months whose workbooks are no longer in the data folder.
        #[arg(long, default_value = "store")]
        store: PathBuf,
    },
    /// Check submissions on receipt without writing the bulletin; exit 0 when no file has an error.
    Check {
        /// Submission workbooks. A file inside a YYYY-MM folder is checked against that month.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Data folder holding settings.toml and reference/.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// Write the demo county's reference tables and submissions (seeded, reproducible).
    Demo {
        /// Folder to write into.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Extra towns with submissions on the same form, for a larger county (the benchmark).
        #[arg(long, default_value_t = 0)]
        towns: usize,
    },
}
