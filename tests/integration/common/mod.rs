//! Builds fixture data folders in a temp dir and reads written workbooks back.

pub mod xlsb;

use calamine::{open_workbook_auto, Data, Range, Reader};
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use zhaoshang::app::pipeline::{run_month, RunOutcome};
use zhaoshang::config::{Folders, RunConfig};
use zhaoshang::demo::county::{INDUSTRIES, SOURCES};
use zhaoshang::demo::form::{write_form, DetailRow, Form, DETAIL_HEADERS};
use zhaoshang::demo::tables::{self, RegionSpec};
use zhaoshang::foundation::model::YearMonth;

/// The committed demo data folder (`data/`), as a fresh clone has it.
pub fn committed_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The monthly job on the committed demo data, into a fresh output folder and
/// store in a temp dir (kept as long as the returned `TempDir` lives).
pub fn run_committed_demo() -> (TempDir, RunOutcome) {
    let out = tempfile::tempdir().unwrap();
    let folders = Folders {
        data: committed_data(),
        out: out.path().join("output"),
        store: out.path().join("store"),
    };
    let outcome = run_month(&RunConfig::load(&folders, None).unwrap()).unwrap();
    (out, outcome)
}

pub fn ym(year: i32, month: u32) -> YearMonth {
    YearMonth::new(year, month).unwrap()
}

/// A data folder and an output folder in a fresh temp dir.
pub struct Fixture {
    _dir: TempDir,
    pub data: PathBuf,
    pub out: PathBuf,
    pub store: PathBuf,
}

impl Fixture {
    /// Settings, regions, sources and industries; targets and rates as given.
    /// `regions`: (name, 开发区/镇); rates: (month, [USD, HKD, JPY, EUR] CNY per 100).
    pub fn new(
        regions: &[(&str, &str)],
        targets: &[(i32, zhaoshang::demo::tables::UnitTargets)],
        rates: &[(YearMonth, [f64; 4])],
    ) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let out = dir.path().join("output");
        let store = dir.path().join("store");
        let reference = data.join("reference");
        std::fs::create_dir_all(&reference).unwrap();
        std::fs::write(data.join("settings.toml"), "county = \"测试县\"\n").unwrap();
        let specs: Vec<RegionSpec> = regions
            .iter()
            .map(|(name, kind)| RegionSpec {
                name,
                kind,
                group: "",
                aliases: "",
            })
            .collect();
        tables::write_regions(&reference.join("regions.xlsx"), &specs).unwrap();
        tables::write_targets(&reference.join("targets.xlsx"), targets).unwrap();
        tables::write_rates(&reference.join("rates.xlsx"), rates).unwrap();
        tables::write_sources(&reference.join("sources.xlsx"), &SOURCES).unwrap();
        tables::write_industries(&reference.join("industries.xlsx"), &INDUSTRIES).unwrap();
        Fixture {
            _dir: dir,
            data,
            out,
            store,
        }
    }

    /// Writes a submission into `submissions/<folder month>/<file>`.
    pub fn submit(&self, folder: YearMonth, file: &str, form: &Form) -> PathBuf {
        let path = self
            .data
            .join("submissions")
            .join(folder.to_string())
            .join(file);
        write_form(form, &path).unwrap();
        path
    }

    pub fn config(&self, month: Option<YearMonth>) -> RunConfig {
        RunConfig::load(&self.folders(), month).unwrap()
    }

    pub fn folders(&self) -> Folders {
        Folders {
            data: self.data.clone(),
            out: self.out.clone(),
            store: self.store.clone(),
        }
    }

    pub fn run(&self, month: YearMonth) -> RunOutcome {
        run_month(&self.config(Some(month))).unwrap()
    }
}

/// A form for `unit` and `period` with the units row `money_unit`, no summary.
pub fn form(unit: &str, period: YearMonth, money_unit: &str, rows: Vec<DetailRow>) -> Form {
    Form {
        unit_display: format!("{unit}人民政府"),
        unit_title: unit.to_string(),
        period,
        money_unit: money_unit.to_string(),
        report_date: format!("{}年{}月5日", period.year, period.month),
        rows,
        summary: None,
    }
}

/// A 外资 row: (contracted, registered, arrived), blank where `None`.
pub fn foreign(
    event: &str,
    currency: &str,
    contracted: Option<f64>,
    registered: Option<f64>,
    arrived: Option<f64>,
) -> DetailRow {
    DetailRow {
        project: format!("测试{event}项目"),
        investor: "测试投资有限公司".to_string(),
        capital: "外资".to_string(),
        source: "香港".to_string(),
        ultimate_source: String::new(),
        industry: "精细化工".to_string(),
        event: event.to_string(),
        total_investment: None,
        contracted,
        registered,
        arrived,
        currency: currency.to_string(),
        date: "2026年1月1日".to_string(),
    }
}

/// A 内资 新设 row: 注册内资 and 到位内资 in the sheet's magnitude of RMB.
pub fn domestic(registered: f64, arrived: f64) -> DetailRow {
    DetailRow {
        project: "测试内资项目".to_string(),
        investor: "上海测试集团".to_string(),
        capital: "内资".to_string(),
        source: "上海".to_string(),
        ultimate_source: String::new(),
        industry: "汽车零部件".to_string(),
        event: "新设".to_string(),
        total_investment: None,
        contracted: None,
        registered: Some(registered),
        arrived: Some(arrived),
        currency: String::new(),
        date: "2026年1月1日".to_string(),
    }
}

pub fn read_sheet(path: &Path, sheet: &str) -> Range<Data> {
    let mut workbook = open_workbook_auto(path).unwrap();
    workbook.worksheet_range(sheet).unwrap()
}

/// The zero-based row whose column A is `name`.
pub fn row_of(range: &Range<Data>, name: &str) -> u32 {
    (0..range.height() as u32)
        .find(|&r| matches!(range.get_value((r, 0)), Some(Data::String(s)) if s == name))
        .unwrap_or_else(|| panic!("no row named {name}"))
}

/// What a cell holds, for comparisons: a number or a string.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Num(f64),
    Text(String),
}

pub fn cell(range: &Range<Data>, row: u32, col: u32) -> Cell {
    match range.get_value((row, col)) {
        Some(Data::Float(f)) => Cell::Num(*f),
        Some(Data::Int(i)) => Cell::Num(*i as f64),
        Some(Data::String(s)) => Cell::Text(s.clone()),
        Some(Data::Empty) | None => Cell::Text(String::new()),
        other => panic!("unexpected cell {other:?}"),
    }
}

/// Asserts a cell equals the expected number (to 1e-6) or text, saying where.
pub fn assert_cell(range: &Range<Data>, row: u32, col: u32, expected: &Cell, what: &str) {
    let actual = cell(range, row, col);
    let ok = match (&actual, expected) {
        (Cell::Num(a), Cell::Num(e)) => (a - e).abs() <= 1e-6 * e.abs().max(1.0),
        (a, e) => a == e,
    };
    assert!(
        ok,
        "{what} (row {}, col {}):\n  expected: {expected:?}\n  actual:   {actual:?}",
        row + 1,
        col + 1
    );
}

/// A sheet as a unit might type it: every cell given as text; plain ASCII
/// numbers are written as numbers, "=…" as a formula saved without its
/// calculated value ("=…|v" with the calculated value v), "'…" as text even
/// when it looks like a number, "#date:N" as the Excel date serial N in a
/// yyyy-mm-dd format and "#date31:N" in the built-in CJK format 31
/// (yyyy年m月d日), everything else as text. `merges` are A1 ranges ("I3:L3");
/// `hidden` are rows ("5") and columns ("L") hidden as Excel hides them.
#[derive(Clone)]
pub struct Grid {
    pub sheet: String,
    pub cells: Vec<Vec<String>>,
    pub merges: Vec<String>,
    pub hidden: Vec<String>,
}

impl Grid {
    /// A sheet from rows of cells.
    pub fn new(sheet: &str, rows: Vec<Vec<&str>>) -> Grid {
        Grid {
            sheet: sheet.to_string(),
            cells: rows
                .into_iter()
                .map(|r| r.into_iter().map(str::to_string).collect())
                .collect(),
            merges: Vec::new(),
            hidden: Vec::new(),
        }
    }

    pub fn merge(mut self, range: &str) -> Grid {
        self.merges.push(range.to_string());
        self
    }

    /// Hides a row ("5") or a column ("L").
    pub fn hide(mut self, row_or_column: &str) -> Grid {
        self.hidden.push(row_or_column.to_string());
        self
    }

    /// The bureau's detail form for 东镇, 2026-10, 单位：万美元, two rows
    /// (a 新设 and a 到资) and a correct 合计 row on row 6, footer on row 8.
    pub fn detail() -> Grid {
        let rows: Vec<Vec<&str>> = vec![
            vec!["2026年10月东镇招商引资项目明细表"],
            vec!["填报单位：东镇人民政府　　单位：万美元　　报出日期：2026年11月5日"],
            DETAIL_HEADERS.to_vec(),
            template_row1(),
            template_row2(),
            vec!["", "合计", "", "", "", "", "", "", "200", "100", "80", "70"],
            vec![],
            vec!["填表人：张三　　审核人：李四　　联系电话：12345678"],
        ];
        Grid::new("项目明细", rows)
    }

    /// Sets the cell at an A1 reference such as "J4".
    pub fn set(mut self, a1: &str, value: &str) -> Grid {
        let col = (a1.as_bytes()[0] - b'A') as usize;
        let row: usize = a1[1..].parse::<usize>().unwrap() - 1;
        while self.cells.len() <= row {
            self.cells.push(Vec::new());
        }
        let cells = &mut self.cells[row];
        while cells.len() <= col {
            cells.push(String::new());
        }
        cells[col] = value.to_string();
        self
    }

    pub fn write(&self, path: &Path) {
        write_grids(path, std::slice::from_ref(self));
    }
}

/// Row 4 of [`Grid::detail`]: a 新设 from 中国香港, 精细化工 (26), 200 / 100 / 80 / 20 万美元.
pub fn template_row1() -> Vec<&'static str> {
    vec![
        "1",
        "甲精密项目",
        "香港甲公司",
        "外资",
        "香港",
        "",
        "精细化工",
        "新设",
        "200",
        "100",
        "80",
        "20",
        "美元",
        "2026年10月3日",
        "",
    ]
}

/// Row 5 of [`Grid::detail`]: a 到资 of 50 万美元 from 日本, 电子 (39).
pub fn template_row2() -> Vec<&'static str> {
    vec![
        "2",
        "乙电子项目",
        "日本乙株式会社",
        "外资",
        "日本",
        "",
        "电子",
        "到资",
        "",
        "",
        "",
        "50",
        "美元",
        "2026年10月9日",
        "",
    ]
}

/// Writes several sheets into one workbook.
pub fn write_grids(path: &Path, grids: &[Grid]) {
    write_grids_hiding(path, grids, &[]);
}

/// Writes several sheets, hiding those whose index is in `hidden`.
pub fn write_grids_hiding(path: &Path, grids: &[Grid], hidden: &[usize]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (index, grid) in grids.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&grid.sheet).unwrap();
        sheet.set_hidden(hidden.contains(&index));
        sheet.set_formula_result_default("");
        for what in &grid.hidden {
            match what.parse::<u32>() {
                Ok(row) => sheet.set_row_hidden(row - 1).map(|_| ()),
                Err(_) => {
                    let col = a1_to_cell(&format!("{what}1")).1;
                    sheet.set_column_hidden(col).map(|_| ())
                }
            }
            .unwrap();
        }
        for range in &grid.merges {
            let (first, last) = range.split_once(':').unwrap();
            let ((r0, c0), (r1, c1)) = (a1_to_cell(first), a1_to_cell(last));
            let text = grid
                .cells
                .get(r0 as usize)
                .and_then(|r| r.get(c0 as usize))
                .cloned()
                .unwrap_or_default();
            sheet
                .merge_range(r0, c0, r1, c1, &text, &rust_xlsxwriter::Format::new())
                .unwrap();
        }
        for (r, row) in grid.cells.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                let merged_away = grid.merges.iter().any(|m| {
                    let (first, last) = m.split_once(':').unwrap();
                    let ((r0, c0), (r1, c1)) = (a1_to_cell(first), a1_to_cell(last));
                    (r0..=r1).contains(&r) && (c0..=c1).contains(&c)
                });
                if value.is_empty() || merged_away {
                    continue;
                }
                write_typed(sheet, r, c, value);
            }
        }
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    workbook.save(path).unwrap();
}

/// Writes one cell by the conventions of [`Grid`].
fn write_typed(sheet: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, value: &str) {
    use rust_xlsxwriter::{Format, Formula};
    if let Some(formula) = value.strip_prefix('=') {
        match formula.split_once('|') {
            Some((f, result)) => sheet.write_formula(r, c, Formula::new(f).set_result(result)),
            None => sheet.write_formula(r, c, formula),
        }
        .unwrap();
    } else if let Some(text) = value.strip_prefix('\'') {
        sheet.write_string(r, c, text).unwrap();
    } else if let Some(serial) = value.strip_prefix("#date31:") {
        let format = Format::new().set_num_format_index(31);
        sheet
            .write_number_with_format(r, c, serial.parse::<f64>().unwrap(), &format)
            .unwrap();
    } else if let Some(serial) = value.strip_prefix("#date:") {
        let format = Format::new().set_num_format("yyyy-mm-dd");
        sheet
            .write_number_with_format(r, c, serial.parse::<f64>().unwrap(), &format)
            .unwrap();
    } else {
        match value.parse::<f64>().ok().filter(|_| value.is_ascii()) {
            Some(n) => sheet.write_number(r, c, n),
            None => sheet.write_string(r, c, value),
        }
        .unwrap();
    }
}

/// Zero-based (row, column) of an A1 reference such as "J4".
pub fn a1_to_cell(a1: &str) -> (u32, u16) {
    let letters: String = a1.chars().take_while(|c| c.is_ascii_uppercase()).collect();
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + (b - b'A' + 1) as u32)
        - 1;
    let row: u32 = a1[letters.len()..].parse::<u32>().unwrap() - 1;
    (row, col as u16)
}

/// The standard small fixture for cell-level tests: 东镇 and 甲区; rates for
/// 2026-09 and 2026-10 (USD 710/720, HKD 91/92, JPY 4.8/4.9, EUR 780/790).
pub fn small_fixture() -> Fixture {
    Fixture::new(
        &[("甲区", "开发区"), ("东镇", "镇")],
        &[(2026, vec![])],
        &[
            (ym(2026, 9), [710.0, 91.0, 4.8, 780.0]),
            (ym(2026, 10), [720.0, 92.0, 4.9, 790.0]),
        ],
    )
}

/// Reads, normalises and audits one file as the pipeline does.
pub fn check(
    fx: &Fixture,
    path: &Path,
    folder: YearMonth,
) -> zhaoshang::normalize::submission::NormalizedSubmission {
    let config = fx.config(None);
    let reference = zhaoshang::reference::Reference::load(&config).unwrap();
    let file = zhaoshang::ingest::SubmissionFile {
        path: path.to_path_buf(),
        name: path.file_name().unwrap().to_string_lossy().to_string(),
        folder_month: Some(folder),
    };
    zhaoshang::app::pipeline::check_file(&file, &reference, &config.limits)
}

/// The canonical amount of the facts of one indicator, summed.
pub fn total(
    sub: &zhaoshang::normalize::submission::NormalizedSubmission,
    indicator: zhaoshang::foundation::model::Indicator,
) -> f64 {
    sub.facts
        .iter()
        .filter(|f| f.indicator == indicator)
        .map(|f| f.amount)
        .sum()
}

pub fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0)
}

/// Every file under `dir` (path relative to `dir` → bytes); empty when `dir` is missing.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// Runs the built binary: (exit code, stdout, stderr).
pub fn zhaoshang(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}
