//! The history store: what survives from run to run, kept for years.
//!
//! ```text
//! store/
//!   facts/year=2026/month=10/facts.parquet   the month's accepted facts (Hive layout)
//!   archive/2026-10.zip                      every submission read, named by its hash,
//!                                            packed by month folder, with its SHA256SUMS
//!   revisions.parquet                        every change to a stored month ever found
//! ```
//!
//! A month's file is replaced whole (see [`crate::foundation::atomic`]), so a run killed
//! at any moment leaves each month as it was before or as it is after. The
//! files of a run are written into one [`crate::foundation::atomic::Batch`] and made
//! durable together.

pub mod archive;
pub mod facts;
pub mod parquet;
pub mod revision_log;

use crate::foundation::model::YearMonth;
use anyhow::{Context, Result};
use facts::{read_facts, StoredFact};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The store's folder.
#[derive(Clone, Debug)]
pub struct Store {
    pub dir: PathBuf,
}

/// What writing a month did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// The month was not in the store.
    Added,
    /// The month's facts changed and were replaced.
    Replaced,
    /// The same facts were already stored; the file was left untouched.
    Unchanged,
}

impl Store {
    /// The store at `dir`, with the leftovers of a killed run removed.
    ///
    /// # Errors
    ///
    /// When a leftover temporary file cannot be removed.
    pub fn open(dir: &Path) -> Result<Store> {
        crate::foundation::atomic::sweep_leftovers(dir)?;
        Ok(Store {
            dir: dir.to_path_buf(),
        })
    }

    /// `facts/year=2026/month=10/facts.parquet`; the month is not zero-padded,
    /// so DuckDB and Spark read the partition as a number.
    pub fn month_path(&self, month: YearMonth) -> PathBuf {
        self.dir
            .join("facts")
            .join(format!("year={}", month.year))
            .join(format!("month={}", month.month))
            .join("facts.parquet")
    }

    /// The month's stored facts; `None` when the month is not in the store.
    ///
    /// # Errors
    ///
    /// When the month's file exists but cannot be read.
    pub fn read_month(&self, month: YearMonth) -> Result<Option<Vec<StoredFact>>> {
        let path = self.month_path(month);
        if !path.is_file() {
            return Ok(None);
        }
        read_facts(&path).map(Some)
    }

    /// The stored facts of those of `months` that are not in `on_file` (last
    /// year's workbooks cleared away from data/, say) and are in the store.
    ///
    /// # Errors
    ///
    /// When a stored month cannot be read.
    pub fn read_months_not_on_file(
        &self,
        months: &[YearMonth],
        on_file: &BTreeSet<YearMonth>,
    ) -> Result<BTreeMap<YearMonth, Vec<StoredFact>>> {
        let mut found = BTreeMap::new();
        for &m in months.iter().filter(|m| !on_file.contains(m)) {
            if let Some(facts) = self.read_month(m)? {
                found.insert(m, facts);
            }
        }
        Ok(found)
    }

    /// Replaces the month's facts with `parquet` (its [`facts::facts_to_frame`]
    /// as [`parquet::to_bytes`] writes it) when `batch` is committed;
    /// identical bytes leave the file untouched.
    ///
    /// # Errors
    ///
    /// When the store's folder cannot be written.
    pub fn write_month(
        &self,
        month: YearMonth,
        parquet: &[u8],
        batch: &crate::foundation::atomic::Batch,
    ) -> Result<Written> {
        let path = self.month_path(month);
        let existed = path.is_file();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("无法创建历史库目录 {}", dir.display()))?;
        }
        let written = match (batch.stage_if_changed(&path, parquet)?, existed) {
            (false, _) => Written::Unchanged,
            (true, true) => Written::Replaced,
            (true, false) => Written::Added,
        };
        Ok(written)
    }
}
