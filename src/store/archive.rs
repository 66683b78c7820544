//! The raw submissions, kept exactly as received and named by their SHA-256,
//! so a figure can always be traced to the bytes a unit sent, even after the
//! file in data/ was replaced. `sha256sum -c SHA256SUMS` in the folder checks them.
//!
//! A submission is archived from the bytes the run read it from (the file is
//! not opened again), into the run's [`Batch`]: made durable with the rest of
//! the store at the end of the run.

use super::Store;
use crate::atomic::Batch;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The checksum list beside the archived files, in `sha256sum` format.
pub const SUMS: &str = "SHA256SUMS";

/// The archive of one run, taking submissions from many threads as they are read.
pub struct Archiver<'a> {
    store: &'a Store,
    batch: &'a Batch,
    /// The first file that could not be staged; the run stops on it.
    failed: Mutex<Option<anyhow::Error>>,
}

impl Store {
    /// `archive/<sha256>.xlsx`.
    pub fn archive_path(&self, sha256: &str, original: &Path) -> PathBuf {
        let ext = original
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("bin")
            .to_ascii_lowercase();
        self.archive_dir().join(format!("{sha256}.{ext}"))
    }

    fn archive_dir(&self) -> PathBuf {
        self.dir.join("archive")
    }

    /// The run's archive, staging into `batch`.
    ///
    /// # Errors
    ///
    /// When the archive's folder cannot be made.
    pub fn archiver<'a>(&'a self, batch: &'a Batch) -> Result<Archiver<'a>> {
        let dir = self.archive_dir();
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("无法创建存档目录 {}", dir.display()))?;
        Ok(Archiver {
            store: self,
            batch,
            failed: Mutex::new(None),
        })
    }
}

impl Archiver<'_> {
    /// Stages the bytes of `original` under their hash, unless the archive
    /// holds them already (a file of the same SHA-256 is never rewritten).
    pub fn keep(&self, original: &Path, sha256: &str, bytes: &[u8]) {
        let target = self.store.archive_path(sha256, original);
        if target.is_file() {
            return;
        }
        if let Err(e) = self.batch.stage(&target, bytes) {
            let mut failed = self.failed.lock().unwrap_or_else(|p| p.into_inner());
            failed.get_or_insert(e);
        }
    }

    /// Stages the checksum list of the archive as it will be after the
    /// batch's commit.
    ///
    /// # Errors
    ///
    /// When a submission could not be staged, or the folder cannot be listed.
    pub fn finish(self) -> Result<()> {
        if let Some(e) = self.failed.into_inner().unwrap_or_else(|p| p.into_inner()) {
            return Err(e.context("存档报表失败"));
        }
        let dir = self.store.archive_dir();
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .with_context(|| format!("读取存档目录 {} 失败", dir.display()))?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n != SUMS && !n.ends_with(crate::atomic::PART))
            .chain(
                self.batch
                    .staged_in(&dir)
                    .iter()
                    .filter_map(|p| p.file_name()?.to_str().map(String::from)),
            )
            .collect();
        names.sort();
        names.dedup();
        let sums: String = names
            .iter()
            .filter(|n| *n != SUMS)
            .filter_map(|n| Some(format!("{}  {n}\n", n.split_once('.')?.0)))
            .collect();
        self.batch
            .stage_if_changed(&dir.join(SUMS), sums.as_bytes())?;
        Ok(())
    }
}
