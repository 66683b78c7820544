//! Stage 1, ingest: finds the month's submission files and turns each workbook
//! into located tables with cell positions. Each file is read on its own, so
//! files run in parallel and a broken file stays a problem of that file.

pub mod columns;
pub mod discover;
pub mod hidden;
pub mod locate;
pub mod peer_table;
pub mod workbook;

use crate::audit::issue::{Issue, Location, Rule};
use crate::model::YearMonth;
use crate::reference::labels::LabelSynonyms;
use anyhow::{Context, Result};
use locate::{locate_table, Table};
use std::path::{Path, PathBuf};
use workbook::{read_workbook, RawSheet};

pub use discover::{discover_peer_bulletins, discover_submissions, MonthEntries};

/// A month's form is a few hundred kilobytes; anything this large is not one.
const MAX_WORKBOOK_BYTES: u64 = 50_000_000;

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
        .with_context(|| {
            format!(
                "读取报表目录 {} 失败：请确认 --data 指向数据目录，或 settings.toml 中的 submissions_dir 写对了文件夹名",
                submissions_dir.display()
            )
        })?
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

/// Reads one submission and locates its tables, reading header labels with
/// the bureau's own synonyms.
///
/// # Errors
///
/// An issue for the file when it cannot be read or holds no table of the form.
pub fn read_submission(
    file: &SubmissionFile,
    labels: &LabelSynonyms,
) -> Result<RawSubmission, Box<Issue>> {
    if !file.path.is_file() {
        return Err(Box::new(Issue::new(
            Rule::FileUnreadable,
            Location::file(&file.name),
            None,
            "文件不存在".to_string(),
        )));
    }
    let size = std::fs::metadata(&file.path).map_or(0, |m| m.len());
    if size > MAX_WORKBOOK_BYTES {
        return Err(Box::new(Issue::new(
            Rule::FileTooLarge,
            Location::file(&file.name),
            Some(format!("{:.1} MB", size as f64 / 1e6)),
            format!(
                "文件过大（{:.1} MB，上限 {} MB），不像是一个单位一个月的报表；请删除无关的工作表、图片后重新报送",
                size as f64 / 1e6,
                MAX_WORKBOOK_BYTES / 1_000_000
            ),
        )));
    }
    let sheets = read_workbook(&file.path, &file.name)?;
    if sheets.iter().all(|s| s.rows.is_empty()) {
        return Err(Box::new(Issue::new(
            Rule::FileEmpty,
            Location::file(&file.name),
            None,
            "工作簿是空的，没有任何数据".to_string(),
        )));
    }
    let mut tables: Vec<Table> = Vec::new();
    let mut notes = Vec::new();
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
