//! How a run takes a submission in: the file opened once, through an
//! [`Open`] (a test counts the opens with its own), and its bytes handed, as
//! read, to whatever keeps them (the run's archive), so nothing opens the
//! file a second time (issue 14).

use super::package::{mb, too_large};
use super::SubmissionFile;
use crate::foundation::issue::{Issue, Location, Rule};
use crate::foundation::limits::ReadLimits;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Opens a submission for reading.
pub trait Open: Sync {
    /// # Errors
    ///
    /// As [`File::open`].
    fn open(&self, path: &Path) -> io::Result<File>;
}

/// The files on disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct Disk;

impl Open for Disk {
    fn open(&self, path: &Path) -> io::Result<File> {
        File::open(path)
    }
}

/// Given each file's bytes as soon as they are read (the run's archive).
pub type Keep<'a> = &'a (dyn Fn(&SubmissionFile, &FileBytes) + Sync);

/// How the files of a run are opened and who keeps their bytes.
#[derive(Clone, Copy)]
pub struct Intake<'a> {
    pub open: &'a dyn Open,
    /// `None` for `check` and `status`, which keep nothing.
    pub keep: Option<Keep<'a>>,
}

impl Intake<'static> {
    /// Files on disk, bytes kept by nobody.
    pub fn disk() -> Intake<'static> {
        Intake {
            open: &Disk,
            keep: None,
        }
    }
}

/// One file's bytes, read once: parsed, hashed and archived from memory.
#[derive(Clone, Debug)]
pub struct FileBytes {
    pub bytes: Vec<u8>,
    /// SHA-256 as lowercase hex.
    pub sha256: String,
}

/// Reads the file at `path` into memory, once, refusing it before reading
/// when it is larger than the limit.
///
/// # Errors
///
/// [`Rule::FileTooLarge`] when over the limit, [`Rule::FileUnreadable`] when
/// the file is missing or cannot be read.
pub fn read_file_once(
    path: &Path,
    display_name: &str,
    limits: &ReadLimits,
) -> Result<FileBytes, Box<Issue>> {
    read_file_once_from(&Disk, path, display_name, limits)
}

/// As [`read_file_once`], the file opened through `open`: exactly once.
///
/// # Errors
///
/// As [`read_file_once`].
pub fn read_file_once_from(
    open: &dyn Open,
    path: &Path,
    display_name: &str,
    limits: &ReadLimits,
) -> Result<FileBytes, Box<Issue>> {
    let unreadable = |why: String| {
        Box::new(Issue::new(
            Rule::FileUnreadable,
            Location::file(display_name),
            None,
            why,
        ))
    };
    let max = limits.file_bytes();
    let refuse = |size: u64| {
        too_large(
            display_name,
            mb(size),
            format!(
                "文件过大（{}，上限 {} MB），不像是一个单位一个月的报表；请删除无关的工作表、图片后重新报送",
                mb(size),
                limits.file_mb
            ),
        )
    };
    let file = match open.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(unreadable("文件不存在".to_string()))
        }
        Err(e) => return Err(unreadable(format!("无法打开文件（详情：{e}）"))),
    };
    let metadata = file.metadata();
    if !metadata.as_ref().is_ok_and(std::fs::Metadata::is_file) {
        return Err(unreadable("不是文件，无法读取".to_string()));
    }
    let size = metadata.map_or(0, |m| m.len());
    if size > max {
        return Err(refuse(size));
    }
    // Bounded again while reading: the file may have grown since.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(format!("读取文件失败（详情：{e}）")))?;
    if bytes.len() as u64 > max {
        return Err(refuse(bytes.len() as u64));
    }
    let sha256 = crate::foundation::hash::bytes_sha256(&bytes);
    Ok(FileBytes { bytes, sha256 })
}
