//! The run manifest, `output/YYYY-MM/manifest.json`: every input with its
//! SHA-256, the settings' hash, the program's version, the store's months and
//! every output with its hash — what made which figures. Written last, so a
//! manifest beside the workbooks means the run finished.

use anyhow::{Context, Result};
use serde::Serialize;
use std::path::Path;

/// One file and its hash.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    /// Relative to the data, output or store folder.
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    /// What became of it (采用, 未采用 …) or what it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Entry {
    /// The entry of a file on disk, shown as `shown`.
    ///
    /// # Errors
    ///
    /// When the file cannot be read.
    pub fn of_file(path: &Path, shown: &str, note: Option<String>) -> Result<Entry> {
        let bytes = std::fs::read(path).with_context(|| format!("读取 {} 失败", path.display()))?;
        Ok(Entry {
            path: shown.to_string(),
            sha256: crate::foundation::hash::bytes_sha256(&bytes),
            bytes: bytes.len() as u64,
            note,
        })
    }
}

/// Everything the manifest records.
#[derive(Clone, Debug, Serialize)]
pub struct Manifest {
    pub program: &'static str,
    pub version: &'static str,
    pub month: String,
    pub county: String,
    pub settings_sha256: String,
    /// Submissions, reference tables and the prefecture's bulletins read.
    pub inputs: Vec<Entry>,
    /// The store's month files this run wrote or read instead of workbooks.
    pub store: Vec<Entry>,
    pub outputs: Vec<Entry>,
}

/// Writes the manifest as indented JSON, atomically.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_manifest(path: &Path, manifest: &Manifest) -> Result<()> {
    let mut json = serde_json::to_vec_pretty(manifest).context("生成运行清单失败")?;
    json.push(b'\n');
    crate::atomic::write_atomically(path, &json)
}
