//! The run manifest, `output/YYYY-MM/manifest.json`: every input with its
//! SHA-256, the settings' hash, the program's version, the store's months and
//! every output with its hash — what made which figures. Written last, so a
//! manifest beside the workbooks means the run finished.

use crate::audit::checked::FactsByMonth;
use crate::audit::status;
use crate::config::RunConfig;
use crate::foundation::model::YearMonth;
use crate::normalize::submission::NormalizedSubmission;
use crate::store::Store;
use anyhow::{Context, Result};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

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
        let (sha256, bytes) = crate::foundation::hash::file_sha256_and_size(path)
            .with_context(|| format!("读取 {} 失败", path.display()))?;
        Ok(Entry {
            path: shown.to_string(),
            sha256,
            bytes,
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

/// What a finished run read and wrote.
pub struct RunFiles<'a> {
    pub subs: &'a [NormalizedSubmission],
    /// The prefecture's bulletins read, relative to the data folder.
    pub peer_files: &'a [String],
    pub store: &'a Store,
    /// The months written to the store, and those read from it instead of workbooks.
    pub written: &'a [YearMonth],
    pub from_store: &'a FactsByMonth,
    pub out_dir: &'a Path,
    pub outputs: &'a [PathBuf],
}

/// A path shown relative to `base`, with `/`.
fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The manifest of a finished run: inputs, store months and outputs, hashed.
///
/// # Errors
///
/// When a file to be hashed, or the reference folder, cannot be read.
pub fn run_manifest(config: &RunConfig, month: YearMonth, run: &RunFiles) -> Result<Manifest> {
    let mut inputs = Vec::new();
    // Submissions by the hash of the bytes read, not read again: the
    // manifest names what went into the figures.
    for sub in run.subs {
        let Some(sha256) = &sub.sha256 else { continue };
        inputs.push(Entry {
            path: sub.file.name.clone(),
            sha256: sha256.clone(),
            bytes: sub.bytes,
            note: Some(status(sub).name_zh().to_string()),
        });
    }
    let mut references: Vec<PathBuf> = std::fs::read_dir(&config.reference_dir)
        .with_context(|| format!("读取 {} 失败", config.reference_dir.display()))?
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.is_file())
        .collect();
    references.sort();
    for path in references {
        let shown = relative(&config.data_dir, &path);
        inputs.push(Entry::of_file(&path, &shown, Some("参考表".to_string()))?);
    }
    for name in run.peer_files {
        let path = config.data_dir.join(name);
        inputs.push(Entry::of_file(&path, name, Some("市通报".to_string()))?);
    }
    let mut stored = Vec::new();
    for (m, note) in run.written.iter().map(|m| (m, "本次写入")).chain(
        run.from_store
            .keys()
            .map(|m| (m, "数据目录无报表，取自历史库")),
    ) {
        let path = run.store.month_path(*m);
        stored.push(Entry::of_file(
            &path,
            &relative(&run.store.dir, &path),
            Some(note.to_string()),
        )?);
    }
    stored.sort_by(|a, b| a.path.cmp(&b.path));
    let outputs = run
        .outputs
        .iter()
        .map(|p| Entry::of_file(p, &relative(run.out_dir, p), None))
        .collect::<Result<Vec<_>>>()?;
    Ok(Manifest {
        program: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
        month: month.to_string(),
        county: config.county.clone(),
        settings_sha256: config.settings_sha256.clone(),
        inputs,
        store: stored,
        outputs,
    })
}

/// Writes the manifest as indented JSON, atomically.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_manifest(path: &Path, manifest: &Manifest) -> Result<()> {
    // Written as it is made: a province's manifest is megabytes of JSON.
    crate::foundation::atomic::write_atomically_with(path, |file| {
        let mut out = std::io::BufWriter::new(file);
        serde_json::to_writer_pretty(&mut out, manifest).context("生成运行清单失败")?;
        out.write_all(b"\n")?;
        Ok(out.flush()?)
    })
}
