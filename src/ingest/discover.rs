//! What is in a month folder: every entry is a workbook to read, a lock or
//! hidden file to mention, or something else that is not read, with why. The
//! same judgement serves `run` (the month folders, the prefecture's bulletins)
//! and `check` (files named on the command line).

use super::{PeerFile, SubmissionFile};
use crate::foundation::issue::{Issue, Location, Rule, PEER_BULLETINS};
use crate::foundation::model::YearMonth;
use crate::foundation::unit_id::UnitId;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// File endings read as workbooks, by `run` and `check` alike. calamine reads
/// each; the content decides the reader, the ending only says "a workbook".
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "xlsb"];

/// The formats above as the bureau's messages name them.
pub const WORKBOOK_FORMATS_ZH: &str = ".xlsx、.xlsm、.xls、.ods 或 .xlsb";

/// What an entry of a month folder is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A workbook format the product reads.
    Workbook,
    /// A lock file, a hidden file or one the system makes: never a
    /// submission, listed for the record (info).
    Skipped(String),
    /// Anything else (a folder, a PDF, a picture, a zip archive …): a unit's
    /// entry that cannot be read, with why and what to do (error).
    NotAWorkbook(String),
}

/// Tells what `path` is, from its name and whether it is a folder; the bytes
/// of a workbook are judged when it is read.
pub fn classify_entry(path: &Path) -> Entry {
    match classify_by_name(path) {
        Entry::Workbook if path.is_dir() => Entry::NotAWorkbook(is_a_folder(path)),
        entry => entry,
    }
}

/// [`classify_entry`] without asking the file system whether a name that
/// reads as a workbook is a folder: where that is told later (the reading
/// fails) or need not be (a month folder's entries are listed alike,
/// workbooks or not), a province's 22,000 files are not each looked up.
pub fn classify_by_name(path: &Path) -> Entry {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if let Some(why) = skipped_because(name) {
        return Entry::Skipped(why);
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if WORKBOOK_EXTENSIONS.contains(&ext.as_str()) {
        return Entry::Workbook;
    }
    match path.is_dir() {
        true => Entry::NotAWorkbook(is_a_folder(path)),
        false => Entry::NotAWorkbook(not_a_workbook_because(&ext)),
    }
}

/// Why a folder among the reports is not read.
fn is_a_folder(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    format!("「{name}」是一个文件夹，不是报表文件，未读取；文件夹里的文件也不读取，报表请直接放在月份目录下")
}

/// Why a lock, hidden or system file is passed over; `None` for any other name.
fn skipped_because(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let why = if name.starts_with("~$") {
        "Excel/WPS 的锁定文件（本目录中有工作簿正被打开，关闭后会自动删除），不是报表，未读取"
    } else if name.starts_with(".~lock.") || name.starts_with(".~") {
        "WPS/LibreOffice 的锁定文件（本目录中有工作簿正被打开，关闭后会自动删除），不是报表，未读取"
    } else if matches!(lower.as_str(), "thumbs.db" | "desktop.ini" | ".ds_store") {
        "操作系统自动生成的文件，不是报表，未读取"
    } else if name.starts_with('.') {
        "隐藏文件（名称以「.」开头），不是报表，未读取"
    } else {
        return None;
    };
    Some(why.to_string())
}

/// What a file of another format is and what the unit should send instead.
fn not_a_workbook_because(ext: &str) -> String {
    let send = format!("请报送 {WORKBOOK_FORMATS_ZH} 格式的报表");
    match ext {
        "pdf" => format!("PDF 文件，不是 Excel/WPS 工作簿，无法读取其中的数据；{send}（盖章扫描件可另行留存，不放在报表目录中）"),
        "jpg" | "jpeg" | "png" | "gif" | "bmp" | "tif" | "tiff" | "webp" | "heic" => {
            format!("图片文件（.{ext}），无法读取其中的数据；{send}")
        }
        "zip" | "rar" | "7z" | "gz" | "tgz" | "tar" | "bz2" | "xz" => format!(
            "压缩包（.{ext}），不会解压读取；请解压后把其中的报表放入本目录"
        ),
        "doc" | "docx" | "wps" | "rtf" | "odt" => {
            format!("文字处理文档（.{ext}），不是表格；{send}")
        }
        "et" | "ett" => format!(
            "WPS 表格的专用格式（.{ext}），无法读取；请在 WPS 中「另存为」Excel 工作簿（.xlsx）后报送"
        ),
        "csv" | "txt" => format!(
            "文本文件（.{ext}），不是工作簿；请在 Excel/WPS 中另存为 .xlsx 后报送"
        ),
        "" => format!("没有扩展名，不是可读取的工作簿；{send}"),
        _ => format!("不是可读取的工作簿（.{ext}）；{send}"),
    }
}

/// The issue for a unit's entry that is not a workbook (its unit and month
/// are set by the caller, who knows the units).
pub fn not_a_workbook_issue(name: &str, why: &str) -> Issue {
    Issue::new(
        Rule::NotAWorkbook,
        Location::file(name),
        None,
        why.to_string(),
    )
}

/// The issue for a lock, hidden or system file: for the record only.
pub fn skipped_issue(name: &str, why: &str, month: Option<YearMonth>) -> Issue {
    Issue::new(
        Rule::EntrySkipped,
        Location::file(name),
        None,
        why.to_string(),
    )
    .filed_under(None, month)
}

/// The entries of the month folders that are to be read as submissions, and
/// the lock, hidden and system files passed over (as info issues).
#[derive(Clone, Debug, Default)]
pub struct MonthEntries {
    /// Every entry but the skipped ones, sorted by path: workbooks and the
    /// entries that are not (read as [`Entry::NotAWorkbook`] when checked).
    pub files: Vec<SubmissionFile>,
    pub skipped: Vec<Issue>,
}

/// Lists every entry of the given months' folders, sorted by path. Months
/// without a folder have no entries.
///
/// # Errors
///
/// When a month's folder exists but cannot be listed.
pub fn discover_submissions(
    data_dir: &Path,
    submissions_dir: &Path,
    months: &[YearMonth],
) -> Result<MonthEntries> {
    // The months' folders are listed side by side (a province's folders
    // hold a thousand files each) and put together in the months' order.
    let listed: Vec<Result<MonthEntries>> = (months.par_iter())
        .map(|&month| month_entries(data_dir, submissions_dir, month))
        .collect();
    let mut found = MonthEntries::default();
    // A folder that cannot be listed: the first in the months' order is named.
    for entries in listed {
        let entries = entries?;
        found.files.extend(entries.files);
        found.skipped.extend(entries.skipped);
    }
    Ok(found)
}

/// The entries of one month's folder, sorted by path; none without a folder.
fn month_entries(
    data_dir: &Path,
    submissions_dir: &Path,
    month: YearMonth,
) -> Result<MonthEntries> {
    let mut found = MonthEntries::default();
    let dir = submissions_dir.join(month.to_string());
    if !dir.is_dir() {
        return Ok(found);
    }
    for path in sorted_entries(&dir)? {
        let name = display_name(data_dir, &path);
        match classify_by_name(&path) {
            Entry::Skipped(why) => {
                found.skipped.push(skipped_issue(&name, &why, Some(month)));
            }
            Entry::Workbook | Entry::NotAWorkbook(_) => found.files.push(SubmissionFile {
                path,
                name,
                folder_month: Some(month),
            }),
        }
    }
    Ok(found)
}

/// The files named on the command line (`zhaoshang check`), judged as in a
/// month folder: lock and hidden files are passed over, anything else is to
/// be read. A file in a `YYYY-MM` folder is for that month.
pub fn files_given(paths: &[PathBuf]) -> MonthEntries {
    let mut found = MonthEntries::default();
    for path in paths {
        let name = path.display().to_string();
        let folder_month = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .and_then(YearMonth::parse);
        match classify_entry(path) {
            Entry::Skipped(why) => found.skipped.push(skipped_issue(&name, &why, folder_month)),
            Entry::Workbook | Entry::NotAWorkbook(_) => found.files.push(SubmissionFile {
                path: path.clone(),
                name,
                folder_month,
            }),
        }
    }
    found
}

/// The entries of `dir`, sorted by path.
fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("读取目录 {} 失败", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("读取目录 {} 失败", dir.display()))?;
    entries.sort();
    Ok(entries)
}

/// A path as shown to people: relative to the data folder, with `/`.
pub fn display_name(data_dir: &Path, path: &Path) -> String {
    path.strip_prefix(data_dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The prefecture's bulletins: every workbook in `peers_dir` and in its
/// sub-folders one level down (`peers/2026-10/…`), sorted by path; none when
/// the folder does not exist. Other entries come back as issues: lock and
/// hidden files as info, anything else as not a workbook.
///
/// # Errors
///
/// When the folder exists but cannot be listed.
pub fn discover_peer_bulletins(
    data_dir: &Path,
    peers_dir: &Path,
) -> Result<(Vec<PeerFile>, Vec<Issue>)> {
    let mut files = Vec::new();
    let mut issues = Vec::new();
    if !peers_dir.is_dir() {
        return Ok((files, issues));
    }
    let mut paths = Vec::new();
    for path in sorted_entries(peers_dir)? {
        let folder = path.is_dir() && skipped_because(&display_name(peers_dir, &path)).is_none();
        if folder {
            paths.extend(sorted_entries(&path)?.into_iter().filter(|p| !p.is_dir()));
        } else {
            paths.push(path);
        }
    }
    paths.sort();
    for path in paths {
        let name = display_name(data_dir, &path);
        let issue = match classify_entry(&path) {
            Entry::Workbook => {
                files.push(PeerFile { path, name });
                continue;
            }
            Entry::Skipped(why) => skipped_issue(&name, &why, None),
            Entry::NotAWorkbook(why) => Issue::new(
                Rule::NotAWorkbook,
                Location::file(&name),
                None,
                format!("市通报目录中的这一项未读取：{why}"),
            ),
        };
        issues.push(issue.filed_under(Some(&UnitId::from(PEER_BULLETINS)), None));
    }
    Ok((files, issues))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_by_name() {
        let kind = |name: &str| classify_entry(Path::new(name));
        for workbook in [
            "东镇.xlsx",
            "东镇.XLSX",
            "a.xlsm",
            "a.xls",
            "a.ods",
            "a.xlsb",
        ] {
            assert_eq!(kind(workbook), Entry::Workbook, "{workbook}");
        }
        for skipped in [
            "~$东镇.xlsx",
            ".~lock.东镇.xlsx#",
            ".DS_Store",
            "Thumbs.db",
            ".hidden.xlsx",
        ] {
            assert!(matches!(kind(skipped), Entry::Skipped(_)), "{skipped}");
        }
        let why = |name: &str| match kind(name) {
            Entry::NotAWorkbook(why) => why,
            other => panic!("{name}: {other:?}"),
        };
        assert!(why("东镇.pdf").starts_with("PDF 文件"));
        assert!(why("东镇.JPG").starts_with("图片文件（.jpg）"));
        assert!(why("报表.zip").contains("请解压后"));
        assert!(why("东镇.et").contains("另存为"));
        assert!(why("东镇").starts_with("没有扩展名"));
        assert!(why("东镇.numbers").contains(WORKBOOK_FORMATS_ZH));
    }

    #[test]
    fn a_folder_is_not_a_workbook_whatever_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("x.xlsx");
        std::fs::create_dir(&folder).unwrap();
        match classify_entry(&folder) {
            Entry::NotAWorkbook(why) => assert!(why.contains("「x.xlsx」是一个文件夹"), "{why}"),
            other => panic!("{other:?}"),
        }
    }
}
