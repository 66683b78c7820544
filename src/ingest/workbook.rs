//! Opens one workbook (xlsx, xlsm, xls, ods) with calamine and keeps every cell
//! with its position. Nothing is interpreted here.

use super::hidden::{hidden_rows_and_columns, Hidden};
use crate::audit::issue::{Issue, Location, Rule};
use calamine::{open_workbook_auto, Data, Dimensions, Reader, SheetType, SheetVisible, Sheets};
use std::io::{Read, Seek};
use std::path::Path;

/// A cell as the file holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum RawCell {
    Empty,
    Number(f64),
    Text(String),
    /// An Excel date serial.
    Date(f64),
    Bool(bool),
    /// An Excel error value such as `#DIV/0!`.
    Error(String),
    /// A formula saved without its calculated value (files written by programs,
    /// or never recalculated): the formula's text.
    FormulaNoValue(String),
}

impl RawCell {
    /// The cell as a person sees it, for messages.
    pub fn display(&self) -> String {
        match self {
            RawCell::Empty => String::new(),
            RawCell::Number(n) | RawCell::Date(n) => format_number(*n),
            RawCell::Text(s) => s.clone(),
            RawCell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            RawCell::Error(e) => e.clone(),
            RawCell::FormulaNoValue(f) => format!("={f}"),
        }
    }

    pub fn is_blank(&self) -> bool {
        match self {
            RawCell::Empty => true,
            RawCell::Text(s) => s.trim().is_empty() || s.chars().all(|c| c == '\u{3000}'),
            _ => false,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            RawCell::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// Prints a float without a trailing `.0` for whole numbers.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A block of merged cells, zero-based and inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    pub first: (u32, u32),
    pub last: (u32, u32),
}

impl Merge {
    pub fn contains(&self, row: u32, col: u32) -> bool {
        (self.first.0..=self.last.0).contains(&row) && (self.first.1..=self.last.1).contains(&col)
    }
}

/// One worksheet: `rows[r][c]` is the cell at zero-based (r, c).
#[derive(Clone, Debug)]
pub struct RawSheet {
    pub name: String,
    /// Hidden in Excel/WPS: what the unit sees does not include it.
    pub hidden: bool,
    pub rows: Vec<Vec<RawCell>>,
    /// Merged cells where the format records them (.xlsx, .xls); empty for .ods.
    pub merges: Vec<Merge>,
    /// Rows and columns hidden in Excel/WPS (.xlsx, .xlsm only; none for the others).
    pub hidden_cells: Hidden,
}

impl RawSheet {
    pub fn cell(&self, row: u32, col: u32) -> &RawCell {
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .unwrap_or(&RawCell::Empty)
    }

    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }

    /// The merged block covering a cell, if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<&Merge> {
        self.merges.iter().find(|m| m.contains(row, col))
    }
}

/// Reads every sheet of the workbook at `path`.
///
/// # Errors
///
/// A [`Rule::FileUnreadable`] issue naming `display_name` when the file is not a
/// workbook calamine can open, or a sheet cannot be read.
pub fn read_workbook(path: &Path, display_name: &str) -> Result<Vec<RawSheet>, Box<Issue>> {
    let unreadable = |why: String| {
        Box::new(Issue::new(
            Rule::FileUnreadable,
            Location::file(display_name),
            None,
            format!(
                "无法读取该工作簿：文件可能已损坏、设有密码或不是 Excel/WPS 文件，请另存为 .xlsx 后重新报送（详情：{why}）"
            ),
        ))
    };
    if is_encrypted_ooxml(path) {
        return Err(Box::new(Issue::new(
            Rule::FileEncrypted,
            Location::file(display_name),
            None,
            "文件设有打开密码（已加密），无法读取；请在 Excel/WPS 中取消密码（文件—信息—保护工作簿）后重新报送".to_string(),
        )));
    }
    let mut workbook = open_workbook_auto(path).map_err(|e| unreadable(e.to_string()))?;
    // Chart and macro sheets hold no cells; only worksheets are read.
    let metadata: Vec<(String, bool)> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    let mut hidden_cells = hidden_rows_and_columns(path);
    let mut sheets = Vec::with_capacity(metadata.len());
    for (name, hidden) in metadata {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| unreadable(format!("工作表「{name}」: {e}")))?;
        let mut rows: Vec<Vec<RawCell>> = Vec::new();
        if let (Some((r0, c0)), Some((r1, c1))) = (range.start(), range.end()) {
            rows = vec![vec![RawCell::Empty; c1 as usize + 1]; r1 as usize + 1];
            for (r, c, value) in range.used_cells() {
                let (r, c) = (r + r0 as usize, c + c0 as usize);
                rows[r][c] = convert(value);
            }
        }
        if let Ok(formulas) = workbook.worksheet_formula(&name) {
            mark_formulas_without_value(&mut rows, &formulas);
        }
        let merges = merged_cells(&mut workbook, &name);
        let hidden_cells = hidden_cells.remove(&name).unwrap_or_default();
        sheets.push(RawSheet {
            name,
            hidden,
            rows,
            merges,
            hidden_cells,
        });
    }
    Ok(sheets)
}

/// An .xlsx/.xlsm saved with a password to open is not a zip but an OLE
/// compound file holding the encrypted package.
fn is_encrypted_ooxml(path: &Path) -> bool {
    const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let ooxml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "xlsx" | "xlsm"));
    let mut head = [0u8; 8];
    ooxml
        && std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok()
        && head == OLE_MAGIC
}

/// The merged blocks of a sheet. Only the header needs them, and a layout
/// without them still reads (docs/inputs.md), so a failure here is no merges.
fn merged_cells<R: Read + Seek>(workbook: &mut Sheets<R>, name: &str) -> Vec<Merge> {
    let dimensions: Vec<Dimensions> = match workbook {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    dimensions
        .into_iter()
        .map(|d| Merge {
            first: d.start,
            last: d.end,
        })
        .collect()
}

/// A formula cell whose value is blank has no cached result: say so rather
/// than let it read as an empty cell.
fn mark_formulas_without_value(rows: &mut Vec<Vec<RawCell>>, formulas: &calamine::Range<String>) {
    let Some((r0, c0)) = formulas.start() else {
        return;
    };
    for (r, c, formula) in formulas.used_cells() {
        if formula.trim().is_empty() {
            continue;
        }
        let (r, c) = (r + r0 as usize, c + c0 as usize);
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        if rows[r].len() <= c {
            rows[r].resize(c + 1, RawCell::Empty);
        }
        if rows[r][c].is_blank() {
            rows[r][c] = RawCell::FormulaNoValue(formula.clone());
        }
    }
}

fn convert(value: &Data) -> RawCell {
    match value {
        Data::Empty => RawCell::Empty,
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Float(f) => RawCell::Number(*f),
        Data::String(s) => RawCell::Text(s.clone()),
        Data::Bool(b) => RawCell::Bool(*b),
        Data::DateTime(dt) => RawCell::Date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => RawCell::Text(s.clone()),
        Data::Error(e) => RawCell::Error(format!("{e}")),
    }
}
