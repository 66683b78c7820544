//! Finds the form's table on a sheet: the header row among the first rows, the
//! columns by label, the data rows, the 合计 row, and the text above the header
//! (title and meta row) where the unit, period and money unit are written.

use super::columns::{classify, header_unit_suffix, Column};
use super::workbook::{RawCell, RawSheet};
use crate::model::Indicator;
use crate::normalize::text::{is_total_label, normalize_label};

/// How far down the header may stand.
const HEADER_SEARCH_ROWS: u32 = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    /// 项目明细: one row per project event.
    Detail,
    /// 汇总表: one row per indicator.
    Summary,
}

/// A header cell recognised as one of the form's columns.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderColumn {
    pub column: Column,
    pub col: u32,
    /// A unit written in the header itself, "合同外资(万美元)".
    pub unit_suffix: Option<String>,
}

/// A text cell above the header: the title or the meta row.
#[derive(Clone, Debug, PartialEq)]
pub struct MetaCell {
    pub row: u32,
    pub col: u32,
    pub text: String,
}

/// One located table: everything the normaliser needs, with positions.
#[derive(Clone, Debug)]
pub struct Table {
    pub sheet: usize,
    pub kind: TableKind,
    pub header_row: u32,
    pub columns: Vec<HeaderColumn>,
    /// Rows holding data: every non-blank row between the header and the footer
    /// that is not a total row.
    pub data_rows: Vec<u32>,
    pub total_row: Option<u32>,
    pub meta: Vec<MetaCell>,
}

impl Table {
    pub fn col(&self, column: Column) -> Option<&HeaderColumn> {
        self.columns.iter().find(|h| h.column == column)
    }
}

/// Locates the form's table on `sheet`, or `None` when the sheet holds none.
pub fn locate_table(sheet_index: usize, sheet: &RawSheet) -> Option<Table> {
    let (header_row, columns, kind) = (0..HEADER_SEARCH_ROWS.min(sheet.height()))
        .filter_map(|r| {
            let columns = header_columns(sheet, r);
            table_kind(&columns).map(|kind| (r, columns, kind))
        })
        .next()?;
    let label_cols: Vec<u32> = columns
        .iter()
        .filter(|h| {
            matches!(
                h.column,
                Column::Seq | Column::ProjectName | Column::IndicatorName
            )
        })
        .map(|h| h.col)
        .collect();
    let mut data_rows = Vec::new();
    let mut total_row = None;
    for r in header_row + 1..sheet.height() {
        let row = &sheet.rows[r as usize];
        if row.iter().all(RawCell::is_blank) {
            continue;
        }
        if is_footer(row) {
            break;
        }
        let is_total = label_cols.iter().chain(std::iter::once(&0)).any(|&c| {
            sheet
                .cell(r, c)
                .text()
                .is_some_and(|t| is_total_label(&normalize_label(t)))
        });
        if is_total {
            total_row.get_or_insert(r);
        } else {
            data_rows.push(r);
        }
    }
    let meta = (0..header_row)
        .flat_map(|r| {
            sheet.rows[r as usize]
                .iter()
                .enumerate()
                .filter_map(move |(c, cell)| {
                    let text = cell.text()?.trim();
                    (!text.is_empty()).then(|| MetaCell {
                        row: r,
                        col: c as u32,
                        text: text.to_string(),
                    })
                })
        })
        .collect();
    Some(Table {
        sheet: sheet_index,
        kind,
        header_row,
        columns,
        data_rows,
        total_row,
        meta,
    })
}

fn header_columns(sheet: &RawSheet, row: u32) -> Vec<HeaderColumn> {
    let mut columns: Vec<HeaderColumn> = Vec::new();
    for (c, cell) in sheet.rows[row as usize].iter().enumerate() {
        let Some(text) = cell.text() else { continue };
        let Some(column) = classify(text) else {
            continue;
        };
        // The first column of a kind wins; a repeated header is left to the audit.
        if columns.iter().all(|h| h.column != column) {
            columns.push(HeaderColumn {
                column,
                col: c as u32,
                unit_suffix: header_unit_suffix(text),
            });
        }
    }
    columns
}

fn table_kind(columns: &[HeaderColumn]) -> Option<TableKind> {
    let has = |c: Column| columns.iter().any(|h| h.column == c);
    let amounts = columns
        .iter()
        .filter(|h| matches!(h.column, Column::Amount(i) if i != Indicator::TotalInvestment))
        .count();
    if has(Column::ProjectName) && amounts >= 1 {
        Some(TableKind::Detail)
    } else if has(Column::IndicatorName) && has(Column::ThisMonth) {
        Some(TableKind::Summary)
    } else {
        None
    }
}

fn is_footer(row: &[RawCell]) -> bool {
    row.iter()
        .find_map(|c| c.text().filter(|t| !t.trim().is_empty()))
        .map(normalize_label)
        .is_some_and(|t| {
            ["填表人", "审核人", "联系电话", "负责人", "填报人"]
                .iter()
                .any(|f| t.starts_with(f))
        })
}
