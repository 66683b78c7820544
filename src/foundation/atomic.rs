//! Files replaced whole: every output and every file of the store is written
//! beside its final name and renamed into place, so a reader — or a run killed
//! half-way — only ever sees the old file or the new one.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

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
    let tmp = part_path(path);
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("写入 {} 失败", tmp.display()));
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

/// `report.xlsx` → `report.xlsx.part`.
fn part_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(PART);
    path.with_file_name(name)
}

/// Makes the rename itself durable where the system allows it (a power cut
/// right after a run); a failure here loses nothing a re-run would not redo.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
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
