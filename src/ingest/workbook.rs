//! Opens one workbook (xlsx, xlsm, xlsb, xls, ods) from its bytes with calamine
//! and keeps every non-blank cell with its position. Nothing is interpreted
//! here. The format is told by content, not by name; every read is bounded by
//! [`ReadLimits`] (docs/robustness.md).

use super::intake::read_file_once;
use super::package::{check_package, sniff, Content, PackageKind};
use super::raw_sheet::count_stored;
use super::sheet_xml::{hidden_and_merged, hidden_and_merged_held, MAX_MERGES};
use super::stored_copy::{inflated_copy, InflatedCopy};
use crate::foundation::issue::{Issue, Location, Rule};
use crate::foundation::limits::ReadLimits;
use calamine::{
    Data, DataRef, Dimensions, Ods, Reader, SheetType, SheetVisible, Sheets, Xls, Xlsb, Xlsx,
};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

pub use super::raw_sheet::{format_number, Merge, RawCell, RawSheet, Row};

/// The last row and column a worksheet can have (Excel 2007 and later).
const MAX_ROW: u32 = 1_048_575;
const MAX_COL: u32 = 16_383;

/// A workbook read, with what was noticed on the way (a format mismatch).
#[derive(Debug)]
pub struct Workbook {
    pub sheets: Vec<RawSheet>,
    pub notes: Vec<Issue>,
}

/// Reads every sheet of the workbook at `path` (reference tables, the
/// prefecture's bulletins), with the default limits.
///
/// # Errors
///
/// As [`read_workbook_bytes`], and when the file cannot be read.
pub fn read_workbook(path: &Path, display_name: &str) -> Result<Vec<RawSheet>, Box<Issue>> {
    let limits = ReadLimits::default();
    let file = read_file_once(path, display_name, &limits)?;
    Ok(read_workbook_bytes(&file.bytes, path, display_name, &limits)?.sheets)
}

fn unreadable(display_name: &str, why: String) -> Box<Issue> {
    Box::new(Issue::new(
        Rule::FileUnreadable,
        Location::file(display_name),
        None,
        format!(
            "无法读取该工作簿：文件可能已损坏、设有密码或不是 Excel/WPS 文件，请另存为 .xlsx 后重新报送（详情：{why}）"
        ),
    ))
}

/// Reads every worksheet of the workbook in `bytes`; `path` gives only the
/// name's ending, to warn when it does not match the content.
///
/// # Errors
///
/// A [`Rule::FileUnreadable`] issue when the bytes are not a workbook calamine
/// can open or a sheet cannot be read; [`Rule::FileEncrypted`] for an .xlsx
/// with a password to open; [`Rule::FileTooLarge`] or [`Rule::SheetTooLarge`]
/// when over the limits.
pub fn read_workbook_bytes(
    bytes: &[u8],
    path: &Path,
    display_name: &str,
    limits: &ReadLimits,
) -> Result<Workbook, Box<Issue>> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let fail = |why: String| unreadable(display_name, why);
    let mut inflated: Option<InflatedCopy> = None;
    let (mut workbook, real) = match sniff(bytes) {
        Content::Zip => match check_package(bytes, display_name, limits)? {
            (PackageKind::Xlsx, zip) => {
                // The parts calamine and sheet_xml both read, inflated once.
                inflated = inflated_copy(zip);
                let package: &[u8] = inflated.as_ref().map_or(bytes, |c| &c.bytes);
                let x = Xlsx::new(Cursor::new(package)).map_err(|e| fail(e.to_string()))?;
                (Sheets::Xlsx(x), "xlsx")
            }
            (PackageKind::Xlsb, _) => {
                let x = Xlsb::new(Cursor::new(bytes)).map_err(|e| fail(e.to_string()))?;
                (Sheets::Xlsb(x), "xlsb")
            }
            (PackageKind::Ods, _) => {
                super::guard::check_ods(bytes, display_name, limits)?;
                let x = Ods::new(Cursor::new(bytes)).map_err(|e| fail(e.to_string()))?;
                (Sheets::Ods(x), "ods")
            }
        },
        Content::Cfb => {
            super::guard::check_xls(bytes, display_name, limits)?;
            match Xls::new(Cursor::new(bytes)) {
                Ok(x) => (Sheets::Xls(x), "xls"),
                // An .xlsx saved with a password to open is an OLE compound
                // file holding the encrypted package, not an .xls.
                Err(_) if matches!(ext.as_str(), "xlsx" | "xlsm") => {
                    return Err(Box::new(Issue::new(
                        Rule::FileEncrypted,
                        Location::file(display_name),
                        None,
                        "文件设有打开密码（已加密），无法读取；请在 Excel/WPS 中取消密码（文件—信息—保护工作簿）后重新报送".to_string(),
                    )))
                }
                Err(e) => return Err(fail(e.to_string())),
            }
        }
        Content::Other => {
            return Err(fail(
                "文件内容既不是 .xlsx/.xlsm/.ods 的压缩包，也不是 .xls".to_string(),
            ))
        }
    };
    let mut notes = Vec::new();
    let expected = if ext == "xlsm" { "xlsx" } else { ext.as_str() };
    if expected != real {
        notes.push(Issue::new(
            Rule::FileFormatMismatch,
            Location::file(display_name),
            Some(format!(".{ext}")),
            format!(
                "文件名是 .{ext}，内容却是 {}；已按实际格式读取。请在 Excel/WPS 中另存为 .xlsx 后报送",
                format_name(real)
            ),
        ));
    }
    // Chart and macro sheets hold no cells; only worksheets are read.
    let metadata: Vec<(String, bool)> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    let mut sheets = Vec::with_capacity(metadata.len());
    let mut stored = 0u64;
    for (name, hidden) in metadata {
        let mut sink = CellSink::new(&name, display_name, limits, stored);
        read_cells(&mut workbook, &name, &mut sink)
            .map_err(|e| e.unwrap_or_else(|why| fail(format!("工作表「{name}」: {why}"))))?;
        let mut sheet = RawSheet::from_cells(&name, sink.into_cells());
        stored += sheet.cell_count() as u64;
        sheet.hidden = hidden;
        if real != "xlsx" {
            sheet.merges = merged_cells(&mut workbook, &name);
        }
        sheets.push(sheet);
    }
    // Once every sheet is within the limits: a refused file is not read again.
    // An .xlsx's hidden rows and merged blocks come from one pass of our own
    // over each sheet's XML (calamine's merged-cell reader would be another).
    if real == "xlsx" {
        let mut extras = match &inflated {
            Some(copy) => hidden_and_merged_held(&copy.bytes, &copy.held_parts(), limits),
            None => hidden_and_merged(bytes, limits),
        };
        for sheet in &mut sheets {
            let xml = extras.remove(&sheet.name).unwrap_or_default();
            sheet.hidden_cells = xml.hidden;
            sheet.merges = (xml.merges.into_iter())
                .map(|(first, last)| Merge { first, last })
                .collect();
        }
    }
    Ok(Workbook { sheets, notes })
}

fn format_name(real: &str) -> &'static str {
    match real {
        "xls" => "Excel 97-2003 工作簿（.xls）",
        "xlsb" => "Excel 二进制工作簿（.xlsb）",
        "ods" => "OpenDocument 表格（.ods）",
        _ => "Excel 工作簿（.xlsx）",
    }
}

/// Why a sheet could not be read: an issue already worded, or a reader's error.
type SheetError = Result<Box<Issue>, String>;

/// Takes a sheet's cells one by one where the format allows (.xlsx, .xlsb:
/// calamine's streaming cell readers), else from calamine's range (.xls,
/// .ods, which calamine reads whole when it opens them, bounded by the checks
/// in `guard` beforehand).
fn read_cells(
    workbook: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
    sink: &mut CellSink,
) -> Result<(), SheetError> {
    match workbook {
        Sheets::Xlsx(x) => {
            let mut reader = match x.worksheet_cells_reader(name) {
                Ok(reader) => reader,
                Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(()),
                Err(e) => return Err(Err(e.to_string())),
            };
            while let Some(cell) = reader
                .next_cell_with_formula()
                .map_err(|e| Err(e.to_string()))?
            {
                let mut value = convert_ref(&cell.value);
                if value.is_blank() {
                    if let Some(formula) = cell.formula.filter(|f| !f.trim().is_empty()) {
                        // No cached result: say so rather than read it as blank.
                        value = RawCell::FormulaNoValue(formula);
                    }
                }
                sink.push(cell.pos.0, cell.pos.1, value).map_err(Ok)?;
            }
        }
        Sheets::Xlsb(x) => {
            let mut reader = x
                .worksheet_cells_reader(name)
                .map_err(|e| Err(e.to_string()))?;
            while let Some(cell) = reader.next_cell().map_err(|e| Err(e.to_string()))? {
                let (r, c) = cell.get_position();
                sink.push(r, c, convert_ref(cell.get_value())).map_err(Ok)?;
            }
        }
        Sheets::Xls(_) | Sheets::Ods(_) => {
            let range = workbook
                .worksheet_range(name)
                .map_err(|e| Err(e.to_string()))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (r, c, value) in range.used_cells() {
                let (r, c) = (r as u32 + r0, c as u32 + c0);
                sink.push(r, c, convert(value)).map_err(Ok)?;
            }
            if let Ok(formulas) = workbook.worksheet_formula(name) {
                let (r0, c0) = formulas.start().unwrap_or((0, 0));
                for (r, c, formula) in formulas.used_cells() {
                    if !formula.trim().is_empty() {
                        let (r, c) = (r as u32 + r0, c as u32 + c0);
                        sink.formula(r, c, formula);
                    }
                }
            }
        }
    }
    Ok(())
}

/// Collects a sheet's cells as they come, refusing the sheet as soon as it
/// passes a limit, so a hostile sheet costs at most the limit.
struct CellSink<'a> {
    sheet: &'a str,
    file: &'a str,
    limits: &'a ReadLimits,
    cells: Vec<(u32, u32, RawCell)>,
    rows: u64,
    last_row: Option<u32>,
    /// Formulas with no cached value, for cells with no value (.xls, .ods).
    formulas: BTreeMap<(u32, u32), String>,
    /// Cells the workbook's earlier sheets hold: the whole workbook is held
    /// to twice the per-sheet limit, however many sheets it has.
    before: u64,
}

impl<'a> CellSink<'a> {
    fn new(sheet: &'a str, file: &'a str, limits: &'a ReadLimits, before: u64) -> Self {
        CellSink {
            sheet,
            file,
            limits,
            cells: Vec::new(),
            rows: 0,
            last_row: None,
            formulas: BTreeMap::new(),
            before,
        }
    }

    fn issue(&self, rule: Rule, raw: String, message: String) -> Box<Issue> {
        Box::new(Issue::new(
            rule,
            Location {
                file: self.file.to_string(),
                sheet: Some(self.sheet.to_string()),
                cell: None,
            },
            Some(raw),
            message,
        ))
    }

    fn push(&mut self, row: u32, col: u32, cell: RawCell) -> Result<(), Box<Issue>> {
        if row > MAX_ROW || col > MAX_COL {
            return Err(self.issue(
                Rule::FileUnreadable,
                format!("第 {} 行第 {} 列", u64::from(row) + 1, u64::from(col) + 1),
                format!(
                    "工作表「{}」中有单元格的位置（第 {} 行、第 {} 列）超出了 Excel 工作表的范围（1,048,576 行 × 16,384 列）：文件已损坏或被改写；请在 Excel/WPS 中另存为 .xlsx 后重新报送",
                    self.sheet,
                    u64::from(row) + 1,
                    u64::from(col) + 1
                ),
            ));
        }
        if cell.is_blank() {
            return Ok(());
        }
        if self.last_row != Some(row) {
            self.last_row = Some(row);
            self.rows += 1;
            if self.rows > self.limits.rows_per_sheet {
                return Err(self.issue(
                    Rule::SheetTooLarge,
                    format!("超过 {} 行", self.limits.rows_per_sheet),
                    format!(
                        "工作表「{}」有数据的行超过 {} 行（读到第 {} 行时停止），不像是一个单位一个月的报表；请删除多余的行后重新报送",
                        self.sheet,
                        self.limits.rows_per_sheet,
                        u64::from(row) + 1
                    ),
                ));
            }
        }
        if self.cells.len() as u64 >= self.limits.cells_per_sheet {
            return Err(self.issue(
                Rule::SheetTooLarge,
                format!("超过 {} 个单元格", self.limits.cells_per_sheet),
                format!(
                    "工作表「{}」的非空单元格超过 {} 个（读到第 {} 行时停止），不像是一个单位一个月的报表；请删除多余的内容后重新报送",
                    self.sheet,
                    self.limits.cells_per_sheet,
                    u64::from(row) + 1
                ),
            ));
        }
        let workbook_limit = self.limits.cells_per_sheet.saturating_mul(2);
        if self.before + self.cells.len() as u64 >= workbook_limit {
            return Err(self.issue(
                Rule::SheetTooLarge,
                format!("全部工作表超过 {workbook_limit} 个单元格"),
                format!(
                    "工作簿各工作表的非空单元格合计超过 {workbook_limit} 个（读到工作表「{}」时停止），不像是一个单位一个月的报表；请删除无关的工作表后重新报送",
                    self.sheet
                ),
            ));
        }
        count_stored(1);
        self.cells.push((row, col, cell));
        Ok(())
    }

    /// A formula whose cell has no value (.xls, .ods): the cell reads as the
    /// formula without its value.
    fn formula(&mut self, row: u32, col: u32, formula: &str) {
        if self.formulas.len() as u64 >= self.limits.cells_per_sheet {
            return;
        }
        self.formulas.insert((row, col), formula.to_string());
    }
}

impl CellSink<'_> {
    /// The cells, with formulas placed where no value was.
    fn into_cells(mut self) -> Vec<(u32, u32, RawCell)> {
        if !self.formulas.is_empty() {
            let valued: std::collections::BTreeSet<(u32, u32)> =
                self.cells.iter().map(|&(r, c, _)| (r, c)).collect();
            for ((r, c), f) in std::mem::take(&mut self.formulas) {
                if !valued.contains(&(r, c)) && (r <= MAX_ROW && c <= MAX_COL) {
                    count_stored(1);
                    self.cells.push((r, c, RawCell::FormulaNoValue(f)));
                }
            }
        }
        self.cells
    }
}

/// The merged blocks of a sheet. Only the header needs them, and a layout
/// without them still reads (docs/inputs.md), so a failure here is no merges.
fn merged_cells(workbook: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Vec<Merge> {
    let dimensions: Vec<Dimensions> = match workbook {
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    dimensions
        .into_iter()
        .take(MAX_MERGES)
        .map(|d| Merge {
            first: d.start,
            last: d.end,
        })
        .collect()
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

fn convert_ref(value: &DataRef) -> RawCell {
    match value {
        DataRef::Empty => RawCell::Empty,
        DataRef::Int(i) => RawCell::Number(*i as f64),
        DataRef::Float(f) => RawCell::Number(*f),
        DataRef::String(s) => RawCell::Text(s.clone()),
        DataRef::SharedString(s) => RawCell::Text((*s).to_string()),
        DataRef::Bool(b) => RawCell::Bool(*b),
        DataRef::DateTime(dt) => RawCell::Date(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => RawCell::Text(s.clone()),
        DataRef::Error(e) => RawCell::Error(format!("{e}")),
    }
}
