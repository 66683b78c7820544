//! Reads a staff-edited reference workbook: a header row found by its labels,
//! then one record per non-blank row. A bad cell here stops the run with the
//! file, sheet, cell and value, since every figure depends on these tables.

use crate::audit::issue::a1;
use crate::ingest::workbook::{read_workbook, RawCell, RawSheet};
use crate::normalize::number::parse_number;
use crate::normalize::text::{normalize_label, strip_unit_suffix};
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
    let sheets = crate::isolation::run_isolated(|| read_workbook(path, &file))
        .map_err(|why| anyhow::anyhow!("{file}: 读取时程序出错，文件可能已损坏（详情：{why}）"))?
        .map_err(|issue| anyhow::anyhow!("{issue}"))?;
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
            "参考表 {file} 中没有找到含有表头「{}」的工作表",
            required.join("、")
        );
    }
    Ok(found)
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
                "{}: 「{label}」不能为空",
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
                _ => bail!("{}: 「{}」不是数字", self.place(row, col), cell.display()),
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
