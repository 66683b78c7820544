//! The raw submissions, kept exactly as received and named by their SHA-256,
//! so a figure can always be traced to the bytes a unit sent, even after the
//! file in data/ was replaced. `sha256sum -c SHA256SUMS` in the folder checks them.

use super::Store;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The checksum list beside the archived files, in `sha256sum` format.
pub const SUMS: &str = "SHA256SUMS";

impl Store {
    /// `archive/<sha256>.xlsx`.
    pub fn archive_path(&self, sha256: &str, original: &Path) -> PathBuf {
        let ext = original
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("bin")
            .to_ascii_lowercase();
        self.dir.join("archive").join(format!("{sha256}.{ext}"))
    }

    /// Copies each file into the archive unless it is there already, then
    /// rewrites the checksum list. Returns the archived paths, in order.
    ///
    /// # Errors
    ///
    /// When a file cannot be read or the archive cannot be written.
    pub fn archive_files(&self, files: &[(&Path, &str)]) -> Result<Vec<PathBuf>> {
        let dir = self.dir.join("archive");
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("无法创建存档目录 {}", dir.display()))?;
        let mut archived = Vec::new();
        for &(path, sha256) in files {
            let target = self.archive_path(sha256, path);
            if !target.is_file() {
                let bytes = std::fs::read(path)
                    .with_context(|| format!("存档时读取 {} 失败", path.display()))?;
                crate::foundation::atomic::write_atomically(&target, &bytes)?;
            }
            archived.push(target);
        }
        write_sums(&dir)?;
        Ok(archived)
    }
}

/// `SHA256SUMS` listing every archived file; the hash is the file's name.
fn write_sums(dir: &Path) -> Result<()> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("读取存档目录 {} 失败", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n != SUMS && !n.ends_with(crate::foundation::atomic::PART))
        .collect();
    names.sort();
    let sums: String = names
        .iter()
        .filter_map(|n| Some(format!("{}  {n}\n", n.split_once('.')?.0)))
        .collect();
    crate::foundation::atomic::replace_if_changed(&dir.join(SUMS), sums.as_bytes())?;
    Ok(())
}
