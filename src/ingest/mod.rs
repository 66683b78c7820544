//! Stage 1, ingest: finds the month's submission files and turns each workbook
//! into located tables with cell positions. Each file is read on its own, so
//! files run in parallel and a broken file stays a problem of that file.

pub mod columns;
mod guard;
pub mod hidden;
pub mod limits;
pub mod locate;
pub mod package;
pub mod peer_table;
pub mod raw_sheet;
pub mod workbook;

use crate::audit::issue::{Issue, Location, Rule};
use crate::model::YearMonth;
use crate::reference::labels::LabelSynonyms;
use anyhow::{Context, Result};
use limits::ReadLimits;
use locate::{locate_table, Table};
pub use package::{read_file_once, FileBytes};
use std::path::{Path, PathBuf};
use workbook::{read_workbook_bytes, RawSheet};

/// File endings read as workbooks.
const WORKBOOK_EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// A file found under `submissions/YYYY-MM/`.
#[derive(Clone, Debug)]
pub struct SubmissionFile {
    pub path: PathBuf,
    /// The path as shown to people: relative to the data folder.
    pub name: String,
    /// The month of the folder the file was placed in; `None` for a file
    /// checked on its own (`zhaoshang check`).
    pub folder_month: Option<YearMonth>,
}

/// A prefecture bulletin of its counties found under `peers/`.
#[derive(Clone, Debug)]
pub struct PeerFile {
    pub path: PathBuf,
    /// The path as shown to people: relative to the data folder.
    pub name: String,
}

/// One workbook read and its tables located.
#[derive(Clone, Debug)]
pub struct RawSubmission {
    pub file: SubmissionFile,
    pub sheets: Vec<RawSheet>,
    pub tables: Vec<Table>,
    /// Things noticed while reading that the audit must list (hidden sheets left out).
    pub notes: Vec<Issue>,
}

/// The months that have a folder under `submissions_dir`, oldest first.
///
/// # Errors
///
/// When the folder cannot be listed.
pub fn months_present(submissions_dir: &Path) -> Result<Vec<YearMonth>> {
    let mut months = Vec::new();
    for entry in std::fs::read_dir(submissions_dir)
        .with_context(|| format!("读取报表目录 {} 失败", submissions_dir.display()))?
    {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            if let Some(month) = entry.file_name().to_str().and_then(YearMonth::parse) {
                months.push(month);
            }
        }
    }
    months.sort();
    Ok(months)
}

/// Lists the files of the given months, sorted by path. A file that is not a
/// workbook comes back as an issue rather than being skipped.
///
/// # Errors
///
/// When a month's folder exists but cannot be listed.
pub fn discover_submissions(
    data_dir: &Path,
    submissions_dir: &Path,
    months: &[YearMonth],
) -> Result<(Vec<SubmissionFile>, Vec<Issue>)> {
    let mut files = Vec::new();
    let mut issues = Vec::new();
    for &month in months {
        let dir = submissions_dir.join(month.to_string());
        if !dir.is_dir() {
            continue;
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .with_context(|| format!("读取目录 {} 失败", dir.display()))?
            .map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<_>>()?;
        entries.sort();
        for path in entries {
            if path.is_dir() || is_lock_or_hidden(&path) {
                continue;
            }
            let name = display_name(data_dir, &path);
            if is_workbook(&path) {
                files.push(SubmissionFile {
                    path,
                    name,
                    folder_month: Some(month),
                });
            } else {
                issues.push(Issue::new(
                    Rule::FileUnreadable,
                    Location::file(&name),
                    None,
                    "报表目录中的文件不是工作簿（应为 .xlsx/.xls/.xlsm/.ods），未读取".to_string(),
                ));
            }
        }
    }
    Ok((files, issues))
}

/// An Excel/WPS lock file (`~$…`) or a hidden file, never a submission.
fn is_lock_or_hidden(path: &Path) -> bool {
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    file_name.starts_with("~$") || file_name.starts_with('.')
}

/// A path as shown to people: relative to the data folder, with `/`.
fn display_name(data_dir: &Path, path: &Path) -> String {
    path.strip_prefix(data_dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Whether the file's ending is one read as a workbook.
fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORKBOOK_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The prefecture's bulletins: every workbook in `peers_dir` and in its
/// sub-folders one level down (`peers/2026-10/…`), sorted by path; none when
/// the folder does not exist. Other files come back as issues.
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
    let list = |dir: &Path| -> Result<Vec<PathBuf>> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("读取目录 {} 失败", dir.display()))?
            .map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<_>>()?;
        entries.sort();
        Ok(entries)
    };
    let mut paths = Vec::new();
    for path in list(peers_dir)? {
        if path.is_dir() {
            paths.extend(list(&path)?.into_iter().filter(|p| p.is_file()));
        } else {
            paths.push(path);
        }
    }
    paths.sort();
    for path in paths {
        if is_lock_or_hidden(&path) {
            continue;
        }
        let name = display_name(data_dir, &path);
        if is_workbook(&path) {
            files.push(PeerFile { path, name });
        } else {
            let mut issue = Issue::new(
                Rule::FileUnreadable,
                Location::file(&name),
                None,
                "市通报目录中的文件不是工作簿（应为 .xlsx/.xls/.xlsm/.ods），未读取".to_string(),
            );
            issue.unit = Some(crate::normalize::peer_bulletin::AUDIT_UNIT.to_string());
            issues.push(issue);
        }
    }
    Ok((files, issues))
}

/// The SHA-256 of a file as lowercase hex (what `sha256sum` prints), or
/// `None` when it cannot be read.
pub fn file_sha256(path: &std::path::Path) -> Option<String> {
    use sha2::{Digest, Sha256};
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).ok()?;
    Some(hex(&hasher.finalize()))
}

/// The SHA-256 of bytes as lowercase hex.
pub fn bytes_sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads one submission from its bytes (read once by [`read_file_once`]) and
/// locates its tables, reading header labels with the bureau's own synonyms.
///
/// # Errors
///
/// An issue for the file when it cannot be read, is over the limits, or
/// holds no table of the form.
pub fn read_submission(
    file: &SubmissionFile,
    bytes: &[u8],
    labels: &LabelSynonyms,
    limits: &ReadLimits,
) -> Result<RawSubmission, Box<Issue>> {
    let workbook = read_workbook_bytes(bytes, &file.path, &file.name, limits)?;
    let sheets = workbook.sheets;
    if sheets.iter().all(RawSheet::is_empty) {
        return Err(Box::new(Issue::new(
            Rule::FileEmpty,
            Location::file(&file.name),
            None,
            "工作簿是空的，没有任何数据".to_string(),
        )));
    }
    let mut tables: Vec<Table> = Vec::new();
    let mut notes = workbook.notes;
    for (i, sheet) in sheets.iter().enumerate() {
        let Some(table) = locate_table(i, sheet, labels) else {
            continue;
        };
        if sheet.hidden {
            notes.push(Issue::new(
                Rule::HiddenSheet,
                Location {
                    file: file.name.clone(),
                    sheet: Some(sheet.name.clone()),
                    cell: None,
                },
                None,
                "该工作表是隐藏的，其中的报表未统计；如需统计请取消隐藏后重报".to_string(),
            ));
        } else {
            tables.push(table);
        }
    }
    if tables.is_empty() {
        return Err(Box::new(Issue::new(
            Rule::NoTable,
            Location::file(&file.name),
            None,
            "没有找到（未隐藏的）招商引资报表的表头（项目明细应有「项目名称」和外资金额列，汇总表应有「指标」和「本月」列）"
                .to_string(),
        )));
    }
    Ok(RawSubmission {
        file: file.clone(),
        sheets,
        tables,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file is opened once, by `read_file_once`: everything after it
    /// (format, cells, merges, hidden rows, tables) comes from the bytes, so
    /// the file may be gone by then.
    #[test]
    fn a_submission_is_read_from_its_bytes_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("东镇_2026-10.xlsx");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats/c12_东镇_2026-10.libreoffice.xlsx");
        std::fs::copy(fixture, &path).unwrap();
        let limits = ReadLimits::default();
        let bytes = read_file_once(&path, "东镇_2026-10.xlsx", &limits).unwrap();
        std::fs::remove_file(&path).unwrap();
        let file = SubmissionFile {
            path,
            name: "东镇_2026-10.xlsx".to_string(),
            folder_month: None,
        };
        let raw = read_submission(&file, &bytes.bytes, &LabelSynonyms::default(), &limits).unwrap();
        assert!(!raw.tables.is_empty());
        assert!(raw.tables.iter().any(|t| !t.data_rows.is_empty()));
        assert_eq!(bytes.sha256.len(), 64);
    }
}
