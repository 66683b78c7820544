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
    /// Write the form each unit fills in for a month (one per unit, or --unit's), into OUT/templates/YYYY-MM/.
    Template {
        /// Report month of the form, YYYY-MM; default: the month after the latest folder of submissions.
        #[arg(long)]
        month: Option<String>,
        /// Only this unit's form (a name or alias from regions.xlsx).
        #[arg(long)]
        unit: Option<String>,
        /// Data folder holding settings.toml, reference/ and submissions/.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Output folder; forms go to OUT/templates/YYYY-MM/.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// History store, for the 1-N月累计 and 去年同期 carried into the form.
        #[arg(long, default_value = "store")]
        store: PathBuf,
    },
    /// Write the demo county's reference tables and submissions (seeded, reproducible).
    Demo {
        /// Folder to write into.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
}
