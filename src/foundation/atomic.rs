//! Files replaced whole: every output and every file of the store is written
//! beside its final name and renamed into place, so a reader — or a run killed
//! half-way — only ever sees the old file or the new one.
//!
//! One file is made durable on its own by [`write_atomically`] (the manifest,
//! a template); the many files of a run (the month's outputs, the store's
//! archive and months) go through a [`Batch`]: written now, flushed to disk
//! together, renamed into place together.

use anyhow::{Context, Result};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread::JoinHandle;

/// The ending of a file still being written. Leftovers of a killed run are
/// removed by [`sweep_leftovers`]; no reader takes them for data.
pub const PART: &str = ".part";

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// flushed to disk before the rename.
///
/// # Errors
///
/// When the folder cannot be written, or `path` is held open by another
/// program (Excel, WPS) and cannot be replaced; the old file is then intact.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically_with(path, |file| Ok(file.write_all(bytes)?))
}

/// As [`write_atomically`], the contents written by `write` straight into
/// the temporary file (a document not held in memory whole first).
///
/// # Errors
///
/// As [`write_atomically`], and when `write` fails; the old file is then intact.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> Result<()>,
) -> Result<()> {
    let tmp = part_path(path);
    let written = std::fs::File::create(&tmp)
        .map_err(anyhow::Error::from)
        .and_then(|mut file| {
            write(&mut file)?;
            Ok(file.sync_all()?)
        });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.context(format!("写入 {} 失败", tmp.display())));
    }
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| {
            format!(
                "无法替换 {}：如该文件正在 Excel/WPS 或其他程序中打开，请先关闭后重试（原文件未改动）",
                path.display()
            )
        });
    }
    sync_folder(path);
    Ok(())
}

/// As [`write_atomically`], but leaves the file untouched when it already
/// holds `bytes`. Returns whether it was written.
///
/// # Errors
///
/// As [`write_atomically`].
pub fn replace_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    if std::fs::read(path).ok().as_deref() == Some(bytes) {
        return Ok(false);
    }
    write_atomically(path, bytes)?;
    Ok(true)
}

/// Makes `dir` if needed and writes and removes a trial file in it, so a
/// folder the run cannot write stops it before anything is read, naming the
/// folder and the option that moves it (`what`: "输出目录", `option`: "--out").
///
/// # Errors
///
/// When the folder cannot be made or written.
pub fn ensure_writable(dir: &Path, what: &str, option: &str) -> Result<()> {
    let trial = dir.join(format!(".zhaoshang-write-test{PART}"));
    let tried = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&trial, b"ok"))
        .and_then(|()| std::fs::remove_file(&trial));
    tried.with_context(|| {
        format!(
            "无法写入{what} {}。请用 {option} 指定一个可以写入的文件夹，或请管理员开放该文件夹的写入权限；本次运行没有写入任何文件",
            dir.display()
        )
    })
}

/// Files written as `<name>.part` while the run goes on and made durable with
/// one barrier at the end, not one per file (issue 14): [`Batch::commit`]
/// flushes every part to disk in one parallel pass, renames them into place in
/// the order they were staged, then flushes their folders. A run killed or cut
/// off before the commit leaves only parts, swept by the next run; a name is
/// never renamed into place before its bytes are on disk. Parts of a batch
/// dropped without a commit (the run failed) are removed.
///
/// The parts written so far may be flushed ahead, while the run goes on
/// ([`Batch::flush_ahead`]); the commit then flushes only the rest. Several
/// batches are committed with one flush and put in place one after the
/// other by [`commit_in_order`].
///
/// Staging may happen from many threads at once (the archive is written while
/// files are read, in parallel).
#[derive(Debug, Default)]
pub struct Batch {
    staged: Mutex<Staged>,
    /// Parts being flushed ahead of the commit, on a thread of their own,
    /// which gives back the parts it flushed.
    ahead: Mutex<Option<JoinHandle<Result<Vec<PathBuf>>>>>,
}

#[derive(Debug, Default)]
struct Staged {
    /// Final paths, in the order staged.
    order: Vec<PathBuf>,
    seen: BTreeSet<PathBuf>,
    /// Final paths whose parts are written whole, in the order finished.
    written: Vec<PathBuf>,
}

impl Batch {
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Writes `bytes` to `<path>.part`, to be renamed to `path` by
    /// [`Batch::commit`]. A path already staged in this batch is not written
    /// again (the same archive file from two submissions with the same bytes).
    ///
    /// # Errors
    ///
    /// When the part cannot be written; nothing of it is left behind.
    pub fn stage(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        self.stage_with(path, |file| Ok(file.write_all(bytes)?))
    }

    /// As [`Batch::stage`], the part's contents written by `write` (a file
    /// too large to hold in memory first: an archive pack).
    ///
    /// # Errors
    ///
    /// When the part cannot be created or `write` fails; nothing of it is
    /// left behind.
    pub fn stage_with(
        &self,
        path: &Path,
        write: impl FnOnce(&mut std::fs::File) -> Result<()>,
    ) -> Result<()> {
        if !self.claim(path) {
            return Ok(());
        }
        let tmp = part_path(path);
        let written = std::fs::File::create(&tmp)
            .map_err(anyhow::Error::from)
            .and_then(|mut f| write(&mut f));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            self.lock().order.retain(|p| p != path);
            return Err(e.context(format!("写入 {} 失败", tmp.display())));
        }
        self.lock().written.push(path.to_path_buf());
        Ok(())
    }

    /// As [`Batch::stage`], but stages nothing when the file on disk already
    /// holds `bytes`. Returns whether it was staged.
    ///
    /// # Errors
    ///
    /// As [`Batch::stage`].
    pub fn stage_if_changed(&self, path: &Path, bytes: &[u8]) -> Result<bool> {
        if std::fs::read(path).ok().as_deref() == Some(bytes) {
            return Ok(false);
        }
        self.stage(path, bytes)?;
        Ok(true)
    }

    /// The final paths staged so far under `dir` (directly in it), sorted.
    pub fn staged_in(&self, dir: &Path) -> Vec<PathBuf> {
        let staged = self.lock();
        staged
            .seen
            .iter()
            .filter(|p| p.parent() == Some(dir))
            .cloned()
            .collect()
    }

    /// Starts flushing the parts written whole so far to disk, on a thread
    /// of its own, while the run goes on (the store's months and archive
    /// packs while the figures and workbooks are made). Nothing is renamed:
    /// the commit waits for this flush, then flushes what is left. Called
    /// once; a second call while the first flush runs does nothing.
    pub fn flush_ahead(&self) {
        let mut ahead = self.ahead.lock().unwrap_or_else(|p| p.into_inner());
        if ahead.is_some() {
            return;
        }
        let parts: Vec<PathBuf> = self.lock().written.iter().map(|p| part_path(p)).collect();
        *ahead = Some(std::thread::spawn(move || {
            sync_files(&parts)?;
            Ok(parts)
        }));
    }

    /// The barrier: every staged part flushed to disk, renamed into place in
    /// the order staged, and the folders holding them flushed.
    ///
    /// # Errors
    ///
    /// When a part cannot be flushed (nothing is renamed then) or renamed.
    pub fn commit(self) -> Result<()> {
        commit_in_order(vec![self])
    }

    /// The parts flushed ahead, once that flush is over.
    fn flushed_ahead(&self) -> Result<Vec<PathBuf>> {
        let ahead = self.ahead.lock().unwrap_or_else(|p| p.into_inner()).take();
        match ahead.map(JoinHandle::join) {
            None => Ok(Vec::new()),
            Some(Ok(flushed)) => flushed,
            Some(Err(_)) => anyhow::bail!("写入磁盘的线程意外中止"),
        }
    }

    /// Renames every part into place in the order staged, then flushes the
    /// folders holding them. Where a rename fails, it and the parts after it
    /// are removed with the batch.
    fn put_in_place(self) -> Result<()> {
        let order = std::mem::take(&mut self.lock().order);
        for (i, path) in order.iter().enumerate() {
            if let Err(e) = std::fs::rename(part_path(path), path) {
                // The parts not put in place go with the batch.
                self.lock().order = order[i..].to_vec();
                return Err(e).with_context(|| {
                    format!(
                        "无法替换 {}：如该文件正在 Excel/WPS 或其他程序中打开，请先关闭后重试（原文件未改动）",
                        path.display()
                    )
                });
            }
        }
        // The folders of the renamed files, and theirs (a month's folder made
        // by this run must itself be on disk).
        let folders: BTreeSet<&Path> = order
            .iter()
            .filter_map(|p| p.parent())
            .flat_map(|d| d.ancestors().take(3))
            .collect();
        for folder in folders {
            sync_folder_itself(folder);
        }
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Staged> {
        // A panic while holding the lock leaves a consistent list: go on.
        self.staged.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Marks `path` as staged; false when it already was.
    fn claim(&self, path: &Path) -> bool {
        let mut staged = self.lock();
        if !staged.seen.insert(path.to_path_buf()) {
            return false;
        }
        staged.order.push(path.to_path_buf());
        true
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        // A flush still running is waited for: it must not meet parts going.
        let _ = self.flushed_ahead();
        for path in &self.lock().order {
            let _ = std::fs::remove_file(part_path(path));
        }
    }
}

/// Commits `batches` with one barrier: every part of every batch flushed to
/// disk in one pass (what was flushed ahead is not flushed again), then each
/// batch put in place in turn, its folders flushed before the next one's
/// names move (the month's workbooks before the store, docs/history.md).
///
/// # Errors
///
/// When a part cannot be flushed (nothing is renamed then) or renamed (the
/// batches after it are not put in place; their parts are removed).
pub fn commit_in_order(batches: Vec<Batch>) -> Result<()> {
    let mut flushed = BTreeSet::new();
    for batch in &batches {
        flushed.extend(batch.flushed_ahead()?);
    }
    let mut rest = Vec::new();
    for batch in &batches {
        let staged = batch.lock();
        let parts = staged.order.iter().map(|p| part_path(p));
        rest.extend(parts.filter(|part| !flushed.contains(part)));
    }
    sync_files(&rest)?;
    for batch in batches {
        batch.put_in_place()?;
    }
    Ok(())
}

/// Flushes `files` to disk, many at a time: a file system commits the
/// flushes that wait together in one journal write, so the pass costs about
/// as much as a few single flushes, not one per file. Threads, not the rayon
/// pool: they wait on the disk, not on the processor.
fn sync_files(files: &[PathBuf]) -> Result<()> {
    const FLUSHERS: usize = 16;
    if files.is_empty() {
        return Ok(());
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..FLUSHERS.min(files.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let synced = std::fs::File::open(path).and_then(|f| f.sync_all());
                if let Err(e) = synced {
                    let e = anyhow::Error::new(e).context(format!("写入 {} 失败", path.display()));
                    failed
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .get_or_insert(e);
                    break;
                }
            });
        }
    });
    match failed.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// `report.xlsx` → `report.xlsx.part`.
fn part_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(PART);
    path.with_file_name(name)
}

/// Makes the rename itself durable where the system allows it (a power cut
/// right after a run); a failure here loses nothing a re-run would not redo.
fn sync_folder(path: &Path) {
    if let Some(dir) = path.parent() {
        sync_folder_itself(dir);
    }
}

/// Flushes a folder's entries (names renamed into it) where the system allows it.
fn sync_folder_itself(dir: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Removes the `*.part` files a killed run left under `dir` (and its
/// sub-folders). Returns how many were removed.
///
/// # Errors
///
/// When a folder cannot be listed or a leftover cannot be removed.
pub fn sweep_leftovers(dir: &Path) -> Result<usize> {
    if !dir.is_dir() {
        return Ok(0);
    }
    let mut removed = 0;
    for entry in std::fs::read_dir(dir).with_context(|| format!("读取 {} 失败", dir.display()))?
    {
        let path = entry?.path();
        if path.is_dir() {
            removed += sweep_leftovers(&path)?;
        } else if path.to_string_lossy().ends_with(PART) {
            std::fs::remove_file(&path)
                .with_context(|| format!("无法删除上次中断留下的临时文件 {}", path.display()))?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_and_leaves_no_part() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.xlsx");
        write_atomically(&path, b"old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert!(!part_path(&path).exists());
    }

    #[test]
    fn a_batch_shows_nothing_until_its_commit() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.parquet");
        write_atomically(&old, b"before").unwrap();
        let new = dir.path().join("new.xlsx");
        let batch = Batch::new();
        batch.stage(&new, b"bytes").unwrap();
        batch.stage(&new, b"bytes").unwrap();
        assert!(batch.stage_if_changed(&old, b"after").unwrap());
        // Not yet in place: the old file as it was, the new one absent.
        assert!(!new.exists());
        assert_eq!(std::fs::read(&old).unwrap(), b"before");
        assert_eq!(batch.staged_in(dir.path()), vec![new.clone(), old.clone()]);
        batch.commit().unwrap();
        assert_eq!(std::fs::read(&new).unwrap(), b"bytes");
        assert_eq!(std::fs::read(&old).unwrap(), b"after");
        assert_eq!(sweep_leftovers(dir.path()).unwrap(), 0);
    }

    #[test]
    fn a_batch_dropped_without_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.xlsx");
        let batch = Batch::new();
        batch.stage(&path, b"bytes").unwrap();
        assert!(part_path(&path).exists());
        drop(batch);
        assert!(!part_path(&path).exists());
        assert!(!path.exists());
    }

    #[test]
    fn a_batch_flushed_ahead_shows_nothing_until_its_commit() {
        let dir = tempfile::tempdir().unwrap();
        let (early, late) = (dir.path().join("early.zip"), dir.path().join("late.xlsx"));
        let batch = Batch::new();
        batch.stage(&early, b"packed").unwrap();
        batch.flush_ahead();
        batch.flush_ahead();
        // Staged after the flush began: flushed by the commit.
        batch.stage(&late, b"written").unwrap();
        assert!(!early.exists() && !late.exists());
        batch.commit().unwrap();
        assert_eq!(std::fs::read(&early).unwrap(), b"packed");
        assert_eq!(std::fs::read(&late).unwrap(), b"written");
        assert_eq!(sweep_leftovers(dir.path()).unwrap(), 0);
    }

    #[test]
    fn batches_go_in_place_in_order_and_stop_at_one_that_cannot() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("facts.parquet");
        write_atomically(&store, b"before").unwrap();
        let (outputs, later) = (Batch::new(), Batch::new());
        later.stage(&store, b"after").unwrap();
        later.flush_ahead();
        // The outputs go first; one is held open (a folder in its place).
        let bulletin = dir.path().join("通报.xlsx");
        std::fs::create_dir(&bulletin).unwrap();
        std::fs::write(bulletin.join("inside"), b"old").unwrap();
        outputs.stage(&bulletin, b"new").unwrap();
        let e = commit_in_order(vec![outputs, later]).unwrap_err();
        assert!(format!("{e:#}").contains("通报.xlsx"), "{e:#}");
        // The batch after it is not put in place, and leaves no part.
        assert_eq!(std::fs::read(&store).unwrap(), b"before");
        assert_eq!(sweep_leftovers(dir.path()).unwrap(), 0);

        // Both in place when nothing is held open.
        std::fs::remove_dir_all(&bulletin).unwrap();
        let (outputs, later) = (Batch::new(), Batch::new());
        outputs.stage(&bulletin, b"new").unwrap();
        later.stage(&store, b"after").unwrap();
        commit_in_order(vec![outputs, later]).unwrap();
        assert_eq!(std::fs::read(&bulletin).unwrap(), b"new");
        assert_eq!(std::fs::read(&store).unwrap(), b"after");
    }

    #[test]
    fn sweeps_leftovers_in_sub_folders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("charts")).unwrap();
        std::fs::write(dir.path().join("charts/a.png.part"), b"half").unwrap();
        std::fs::write(dir.path().join("b.xlsx"), b"whole").unwrap();
        assert_eq!(sweep_leftovers(dir.path()).unwrap(), 1);
        assert!(dir.path().join("b.xlsx").exists());
        assert!(!dir.path().join("charts/a.png.part").exists());
    }

    #[test]
    fn a_file_that_cannot_be_replaced_is_named_and_left_as_it_was() {
        // A non-empty folder in the file's place cannot be renamed over, as
        // a workbook held open in Excel on Windows cannot.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("通报.xlsx");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inside"), b"old").unwrap();
        let e = write_atomically(&path, b"new").unwrap_err();
        let message = format!("{e:#}");
        assert!(message.contains("通报.xlsx"), "{message}");
        assert!(
            message.contains("请先关闭后重试（原文件未改动）"),
            "{message}"
        );
        assert_eq!(std::fs::read(path.join("inside")).unwrap(), b"old");
        assert!(!part_path(&path).exists());
    }
}
