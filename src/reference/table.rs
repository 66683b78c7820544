//! Reads a staff-edited reference workbook: a header row found by its labels,
//! then one record per non-blank row. A bad cell here stops the run with the
//! file, sheet, cell and value, since every figure depends on these tables.

use crate::foundation::issue::{a1, Issue};
use crate::foundation::money::strip_unit_suffix;
use crate::foundation::number::parse_number;
use crate::foundation::text::normalize_label;
use crate::ingest::workbook::{read_workbook, RawCell, RawSheet};
use anyhow::{bail, Result};
use std::path::Path;

/// One sheet of a reference workbook with its header located.
pub struct RefSheet {
    pub file: String,
    pub sheet: RawSheet,
    /// (normalised label without unit suffix, raw label, column)
    pub header: Vec<(String, String, u32)>,
    pub rows: Vec<u32>,
}

/// Reads every sheet of `path` that has a header row holding all of `required`.
///
/// # Errors
///
/// When the file cannot be read or no sheet has such a header.
pub fn read_ref_sheets(path: &Path, required: &[&str]) -> Result<Vec<RefSheet>> {
    let file = path.display().to_string();
    // A reader's panic on a damaged table is a message naming it, not a crash.
    let sheets = crate::foundation::isolation::run_isolated(|| read_workbook(path, &file))
        .map_err(|why| anyhow::anyhow!("{file}: 读取时程序出错，文件可能已损坏（详情：{why}）"))?
        .map_err(|issue| unreadable(path, &issue))?;
    let mut found = Vec::new();
    for sheet in sheets {
        let header_row = (0..sheet.height().min(10)).find(|&r| {
            let labels: Vec<String> = sheet
                .row(r)
                .cells()
                .filter_map(|c| c.text().map(normalize_label))
                .collect();
            required
                .iter()
                .all(|req| labels.iter().any(|l| strip_unit_suffix(l) == *req))
        });
        let Some(header_row) = header_row else {
            continue;
        };
        let header = sheet
            .row(header_row)
            .iter()
            .filter_map(|(c, cell)| {
                let raw = cell.text()?.trim().to_string();
                let label = strip_unit_suffix(&normalize_label(&raw)).to_string();
                Some((label, raw, c))
            })
            .collect();
        let rows = sheet
            .present_rows()
            .filter(|&(r, row)| r > header_row && !row.cells().all(RawCell::is_blank))
            .map(|(r, _)| r)
            .collect();
        found.push(RefSheet {
            file: file.clone(),
            sheet,
            header,
            rows,
        });
    }
    if found.is_empty() {
        bail!(
            "参考表 {file} 中没有找到含有表头「{}」的工作表：表头应在前 10 行内，请对照 docs/inputs.md 改正",
            required.join("、")
        );
    }
    Ok(found)
}

/// Why a reference table cannot be read, in words for the bureau's own
/// staff: these are tables they keep, not a unit's submission to send back.
fn unreadable(path: &Path, issue: &Issue) -> anyhow::Error {
    let dir = path.parent().unwrap_or(Path::new("."));
    let message = if !dir.is_dir() {
        format!(
            "参考表目录 {} 不存在。请确认 --data 指向数据目录，或 settings.toml 中的 reference_dir 写对了文件夹名",
            dir.display()
        )
    } else if !path.exists() {
        format!(
            "找不到参考表 {}。参考表是本局自己维护的 Excel 表：请从备份中找回该文件放回 {}（要看它的格式，可运行 zhaoshang demo --data 示例目录）",
            path.display(),
            dir.display()
        )
    } else {
        // The reader's own wording speaks to a unit; its detail is what matters here.
        let detail = issue
            .message
            .split_once("详情：")
            .map_or(issue.message.as_str(), |(_, d)| d.trim_end_matches('）'));
        format!(
            "参考表 {} 无法打开：文件可能已损坏、设有密码或不是 Excel 工作簿。请用 Excel/WPS 打开检查，取消密码后另存为 .xlsx，或从备份中恢复（详情：{detail}）",
            path.display()
        )
    };
    anyhow::anyhow!(message)
}

impl RefSheet {
    pub fn col(&self, label: &str) -> Option<u32> {
        self.header
            .iter()
            .find(|(l, _, _)| l == label)
            .map(|(_, _, c)| *c)
    }

    fn place(&self, row: u32, col: u32) -> String {
        format!(
            "{} 工作表「{}」{}",
            self.file,
            self.sheet.name,
            a1(row, col)
        )
    }

    /// The trimmed text of a cell, `None` when blank.
    pub fn text(&self, row: u32, label: &str) -> Option<String> {
        let cell = self.sheet.cell(row, self.col(label)?);
        (!cell.is_blank()).then(|| cell.display().trim().to_string())
    }

    /// A required text cell.
    ///
    /// # Errors
    ///
    /// When the cell is blank.
    pub fn required_text(&self, row: u32, label: &str) -> Result<String> {
        match self.text(row, label) {
            Some(t) => Ok(t),
            None => bail!(
                "{}: 「{label}」不能为空，请填写或删除这一行",
                self.place(row, self.col(label).unwrap_or(0))
            ),
        }
    }

    /// A number cell at `col`, `None` when blank.
    ///
    /// # Errors
    ///
    /// When the cell holds text that is not a number.
    pub fn number_at(&self, row: u32, col: u32) -> Result<Option<f64>> {
        match self.sheet.cell(row, col) {
            RawCell::Number(n) => Ok(Some(*n)),
            RawCell::Empty => Ok(None),
            cell => match parse_number(&cell.display()) {
                Ok(n) if n.is_some_and(|n| n.unit.is_none() && !n.percent) => {
                    Ok(n.map(|n| n.value))
                }
                Ok(None) => Ok(None),
                _ => bail!(
                    "{}: 「{}」不是数字，请改为数字",
                    self.place(row, col),
                    cell.display()
                ),
            },
        }
    }

    /// Where a cell is, for callers' own messages.
    pub fn where_is(&self, row: u32, label: &str) -> String {
        self.place(row, self.col(label).unwrap_or(0))
    }
}

/// Splits an alias list written as "杨舍、杨舍镇" or "杨舍,杨舍镇".
pub fn split_list(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', ';', '；', '/'])
        .map(normalize_label)
        .filter(|s| !s.is_empty())
        .collect()
}
