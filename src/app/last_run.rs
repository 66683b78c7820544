//! A re-run on unchanged files. A finished `run` leaves `.last-run.json`
//! beside its manifest: the state (size, modification time, and on Unix the
//! change time and inode) of every file it read — the program, settings,
//! reference tables, submissions, the prefecture's bulletins — and of every
//! file it left in the store and the month's output folder, with what it
//! printed and its exit code. The next `run` for that month looks at the same
//! files first; when not one has changed it says so, prints the last run's
//! summary and exits with its code, without reading or writing anything: the
//! results on disk are already the ones a new run would write. `--force`
//! recomputes anyway.
//!
//! File states, not contents: comparing contents would mean reading every
//! submission twice in a run that has to recompute. The same rule as `make`
//! and `git status`, made safer by the change time and inode, which no copy
//! tool can set back; and a file that changes while the run reads it leaves
//! no record, so the next run recomputes.

use crate::app::exit_code::ExitCode;
use crate::config::RunConfig;
use crate::foundation::hash::hex;
use crate::foundation::model::YearMonth;
use crate::ingest;
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::DirEntry;
use std::path::{Path, PathBuf};

/// The record's name in `output/YYYY-MM/`.
pub const LAST_RUN: &str = ".last-run.json";

/// Folders nested deeper than this are not followed (a link back up would
/// otherwise never end); a run that meets one always recomputes.
const MAX_DEPTH: usize = 32;

/// The state of everything a run reads, taken before it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputState(String);

/// What the last run of a month printed and how it ended, when nothing it
/// read or wrote has changed since.
#[derive(Debug)]
pub struct LastRun {
    pub month: YearMonth,
    pub summary: String,
    pub exit_code: ExitCode,
}

#[derive(Serialize, Deserialize)]
struct Record {
    inputs: String,
    results: String,
    exit_code: u8,
    summary: String,
}

impl InputState {
    /// The program, the settings as loaded and every file under the data,
    /// reference, submissions and peer folders (the store and output folders
    /// left out where they lie inside them).
    ///
    /// # Errors
    ///
    /// When a folder cannot be listed or is nested too deep.
    pub fn survey(config: &RunConfig) -> Result<InputState> {
        let mut hasher = Sha256::new();
        hasher.update(env!("CARGO_PKG_VERSION"));
        let exe = std::env::current_exe().context("找不到程序自身")?;
        let mut program = Vec::new();
        push_state(&mut program, &std::fs::metadata(&exe).ok());
        hasher.update(program);
        // What the command line and settings.toml chose: the settings by
        // their file's hash (not by Debug, whose map order may change from
        // one process to the next), the month and the folders.
        let chosen = (
            &config.settings_sha256,
            config.month,
            &config.data_dir,
            &config.out_dir,
            &config.store_dir,
        );
        hasher.update(format!("{chosen:?}"));
        let skip = [config.store_dir.clone(), config.out_dir.clone()];
        let roots = [
            config.data_dir.as_path(),
            &config.reference_dir,
            &config.submissions_dir,
            &config.peers_dir,
        ];
        for root in distinct_roots(&roots) {
            hash_tree(&mut hasher, &root, &skip)?;
        }
        Ok(InputState(hex(&hasher.finalize())))
    }
}

/// The last run of the report month, when its record is there and neither
/// what it read nor what it left in the store and output folder has changed.
/// Anything unreadable or unlike is `None`: the run then recomputes.
pub fn unchanged_since_last_run(config: &RunConfig, inputs: &InputState) -> Option<LastRun> {
    let month = ingest::report_month(&config.submissions_dir, config.month).ok()?;
    let out_dir = config.out_dir.join(month.to_string());
    let text = std::fs::read(out_dir.join(LAST_RUN)).ok()?;
    let record: Record = serde_json::from_slice(&text).ok()?;
    if record.inputs != inputs.0 || record.results != results_state(config, &out_dir).ok()? {
        return None;
    }
    let exit_code = match record.exit_code {
        0 => ExitCode::Ok,
        2 => ExitCode::KeptOut,
        _ => return None,
    };
    Some(LastRun {
        month,
        summary: record.summary,
        exit_code,
    })
}

/// Leaves the record of a finished run of `month`, when what it read is as it
/// was before it started (`before`). Otherwise removes any older record, so
/// the next run recomputes.
///
/// Best effort on purpose: without a record the next run only recomputes,
/// so a record that cannot be written is no reason to fail a finished run.
pub fn remember_run(
    config: &RunConfig,
    month: YearMonth,
    before: &InputState,
    summary: &str,
    exit_code: ExitCode,
) {
    let out_dir = config.out_dir.join(month.to_string());
    let path = out_dir.join(LAST_RUN);
    let record = || -> Result<Option<Vec<u8>>> {
        if InputState::survey(config)? != *before {
            return Ok(None);
        }
        let record = Record {
            inputs: before.0.clone(),
            results: results_state(config, &out_dir)?,
            exit_code: exit_code as u8,
            summary: summary.to_string(),
        };
        Ok(Some(serde_json::to_vec_pretty(&record)?))
    };
    match record() {
        Ok(Some(json)) => {
            let _ = std::fs::write(&path, json);
        }
        _ => {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The state of the store and the month's output folder, the record aside.
fn results_state(config: &RunConfig, out_dir: &Path) -> Result<String> {
    let mut hasher = Sha256::new();
    let record = out_dir.join(LAST_RUN);
    for root in distinct_roots(&[config.store_dir.as_path(), out_dir]) {
        hash_tree(&mut hasher, &root, std::slice::from_ref(&record))?;
    }
    Ok(hex(&hasher.finalize()))
}

/// The roots in order, less any that lies inside one before it (walked once).
fn distinct_roots(roots: &[&Path]) -> Vec<PathBuf> {
    let mut kept: Vec<(PathBuf, PathBuf)> = Vec::new();
    for root in roots {
        let real = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        if !kept.iter().any(|(_, k)| real.starts_with(k)) {
            kept.push((root.to_path_buf(), real));
        }
    }
    kept.into_iter().map(|(root, _)| root).collect()
}

/// Every entry under `root` in name order, with its state; `skip` paths are left out.
fn hash_tree(hasher: &mut Sha256, root: &Path, skip: &[PathBuf]) -> Result<()> {
    hasher.update(root.as_os_str().as_encoded_bytes());
    hasher.update([0]);
    hasher.update(walk(root, skip, 0)?);
    Ok(())
}

/// The states of the entries under `dir` in name order, as the bytes hashed.
/// The entries are looked at side by side (a province's month folders hold
/// a thousand files each) and their states put together in name order.
fn walk(dir: &Path, skip: &[PathBuf], depth: usize) -> Result<Vec<u8>> {
    anyhow::ensure!(depth < MAX_DEPTH, "{} 目录层级过深", dir.display());
    let listing = match std::fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(b"absent\0".to_vec()),
        Err(e) => return Err(e).with_context(|| format!("读取 {} 失败", dir.display())),
    };
    let mut entries = listing
        .map(|e| e.map(|e| (e.path(), e)))
        .collect::<std::io::Result<Vec<_>>>()
        .with_context(|| format!("读取 {} 失败", dir.display()))?;
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let states = (entries.par_iter())
        .map(|(path, entry)| entry_state(path, entry, skip, depth))
        .collect::<Result<Vec<_>>>()?;
    Ok(states.concat())
}

/// One entry's name and state, a folder's with everything in it; nothing
/// for a path left out.
fn entry_state(path: &Path, entry: &DirEntry, skip: &[PathBuf], depth: usize) -> Result<Vec<u8>> {
    // The entry's own state where it is no link (looked up from its folder,
    // not by its whole path again); a link's is the state of what it points to.
    let meta = match entry.file_type() {
        Ok(kind) if !kind.is_symlink() => entry.metadata(),
        _ => std::fs::metadata(path),
    };
    let meta = meta.ok();
    let is_dir = meta.as_ref().is_some_and(std::fs::Metadata::is_dir);
    if skip.iter().any(|s| s == path) || is_dir && same_folder_as_one_of(path, skip) {
        return Ok(Vec::new());
    }
    let mut state = path
        .file_name()
        .unwrap_or_default()
        .as_encoded_bytes()
        .to_vec();
    state.push(0);
    if is_dir {
        state.extend_from_slice(b"dir\0");
        state.extend(walk(path, skip, depth + 1)?);
        state.extend_from_slice(b"end\0");
    } else {
        push_state(&mut state, &meta);
    }
    Ok(state)
}

/// Whether `dir` is one of `skip` named another way (`data/../data/output`
/// for `data/output`, or through a link): the output folder inside the data folder
/// would otherwise count as an input, and no run would ever be unchanged.
fn same_folder_as_one_of(dir: &Path, skip: &[PathBuf]) -> bool {
    let Ok(real) = std::fs::canonicalize(dir) else {
        return false;
    };
    skip.iter()
        .any(|s| std::fs::canonicalize(s).is_ok_and(|s| s == real))
}

/// Size, modification time, and on Unix change time and inode.
fn push_state(state: &mut Vec<u8>, meta: &Option<std::fs::Metadata>) {
    let Some(meta) = meta else {
        state.extend_from_slice(b"unreadable\0");
        return;
    };
    state.extend(meta.len().to_le_bytes());
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    state.extend(modified.to_le_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        state.extend(meta.ctime().to_le_bytes());
        state.extend(meta.ctime_nsec().to_le_bytes());
        state.extend(meta.ino().to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state_of(dir: &Path) -> String {
        let mut hasher = Sha256::new();
        hash_tree(&mut hasher, dir, &[]).unwrap();
        hex(&hasher.finalize())
    }

    #[test]
    fn a_tree_changes_state_with_any_file_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("2026-10");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(sub.join("甲镇.xlsx"), b"one").unwrap();
        let first = state_of(dir.path());
        assert_eq!(state_of(dir.path()), first, "looking does not change it");

        // Same size, new contents: the change time and modification time move.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(sub.join("甲镇.xlsx"), b"two").unwrap();
        let rewritten = state_of(dir.path());
        assert_ne!(rewritten, first);

        std::fs::write(sub.join("乙镇.xlsx"), b"").unwrap();
        let added = state_of(dir.path());
        assert_ne!(added, rewritten);

        std::fs::remove_file(sub.join("乙镇.xlsx")).unwrap();
        std::fs::create_dir(sub.join("乙镇.xlsx")).unwrap();
        assert_ne!(state_of(dir.path()), added, "a file become a folder");
    }

    #[test]
    fn skipped_paths_and_nested_roots_are_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let store = data.join("store");
        std::fs::create_dir_all(&store).unwrap();
        let before = {
            let mut h = Sha256::new();
            hash_tree(&mut h, &data, std::slice::from_ref(&store)).unwrap();
            hex(&h.finalize())
        };
        std::fs::write(store.join("facts.parquet"), b"x").unwrap();
        let after = {
            let mut h = Sha256::new();
            hash_tree(&mut h, &data, std::slice::from_ref(&store)).unwrap();
            hex(&h.finalize())
        };
        assert_eq!(before, after);
        let other = dir.path().join("other");
        let roots = distinct_roots(&[&data, &store, &other]);
        assert_eq!(roots, vec![data.clone(), other]);
    }
}
