//! Stage 1, ingest: finds the month's submission files and turns each workbook
//! into located tables with cell positions. Each file is read on its own, so
//! files run in parallel and a broken file stays a problem of that file.

pub mod discover;
mod guard;
pub mod intake;
mod label_memo;
pub mod locate;
pub mod package;
pub mod peer_bulletin;
pub mod peer_table;
pub mod raw_sheet;
pub mod sheet_xml;
mod stored_copy;
mod styles_part;
pub mod workbook;

use crate::foundation::form_words::LabelSynonyms;
use crate::foundation::issue::{Issue, Location, Rule};
use crate::foundation::limits::ReadLimits;
use crate::foundation::model::YearMonth;
use anyhow::{Context, Result};
pub use intake::{read_file_once, read_file_once_from, Disk, FileBytes, Intake, Open};
use locate::{locate_table, Table};
use std::path::{Path, PathBuf};
use workbook::{read_workbook_bytes, RawSheet};

pub use discover::{discover_peer_bulletins, discover_submissions, files_given, MonthEntries};

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

/// Empties this thread's memos of answers about texts, the header search's
/// and the vocabulary's: worth their memory while files are read, not after.
pub fn forget_memos() {
    label_memo::forget();
    stored_copy::forget_recent_parts();
    sheet_xml::forget_last_sheets();
    crate::foundation::forget_memos();
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

/// The month asked for, or the latest month with a folder of submissions.
///
/// # Errors
///
/// When the month asked for has no folder, or there is no month folder at all.
pub fn report_month(submissions_dir: &Path, asked: Option<YearMonth>) -> Result<YearMonth> {
    let present = months_present(submissions_dir)?;
    match asked {
        Some(month) if present.contains(&month) => Ok(month),
        Some(month) => anyhow::bail!(
            "没有 {month} 的报表目录 {}：请确认 --month 写对了月份，或先建好该目录并放入各单位的报表",
            submissions_dir.join(month.to_string()).display()
        ),
        None => present.last().copied().with_context(|| {
            format!(
                "报表目录 {} 下没有任何月份的子目录（应为 2026-10 这样的名称）",
                submissions_dir.display()
            )
        }),
    }
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
