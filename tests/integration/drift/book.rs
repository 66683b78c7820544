//! A generated workbook as typed cells and merges, written with rust_xlsxwriter.

use rust_xlsxwriter::{Format, Formula, Workbook};
use std::collections::BTreeMap;
use std::path::Path;

/// One cell as a user leaves it in Excel.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    Num(f64),
    /// An Excel date serial shown with a number format.
    Date(f64, &'static str),
    /// A formula with its cached result.
    Formula(String, f64),
}

#[derive(Default)]
pub struct Sheet {
    pub name: String,
    pub cells: BTreeMap<(u32, u16), Cell>,
    /// (first row, first col, last row, last col); the value is the top-left cell's.
    pub merges: Vec<(u32, u16, u32, u16)>,
}

impl Sheet {
    pub fn named(name: &str) -> Sheet {
        Sheet {
            name: name.to_string(),
            ..Sheet::default()
        }
    }

    /// Puts a cell; an empty text is a blank cell, not written.
    pub fn put(&mut self, row: u32, col: u16, cell: Cell) {
        if matches!(&cell, Cell::Text(t) if t.is_empty()) {
            self.cells.remove(&(row, col));
            return;
        }
        self.cells.insert((row, col), cell);
    }

    pub fn text(&mut self, row: u32, col: u16, text: impl Into<String>) {
        let text = text.into();
        if !text.is_empty() {
            self.put(row, col, Cell::Text(text));
        }
    }

    /// The sheet as tab-separated lines, for a replayed seed.
    pub fn dump(&self) -> String {
        let rows = self.cells.keys().map(|k| k.0).max().map_or(0, |r| r + 1);
        let cols = self.cells.keys().map(|k| k.1).max().map_or(0, |c| c + 1);
        let mut out = format!("sheet「{}」 merges {:?}\n", self.name, self.merges);
        for r in 0..rows {
            let line: Vec<String> = (0..cols)
                .map(|c| match self.cells.get(&(r, c)) {
                    None => String::new(),
                    Some(Cell::Text(t)) => format!("{t:?}"),
                    Some(Cell::Num(n)) => format!("#{n}"),
                    Some(Cell::Date(d, f)) => format!("date({d},{f})"),
                    Some(Cell::Formula(f, v)) => format!("{f}→{v}"),
                })
                .collect();
            out.push_str(&format!("{:>2}| {}\n", r + 1, line.join("\t")));
        }
        out
    }
}

pub fn write(sheets: &[Sheet], path: &Path) {
    let mut workbook = Workbook::new();
    let wrap = Format::new().set_text_wrap();
    for sheet in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name).unwrap();
        for &(r0, c0, r1, c1) in &sheet.merges {
            let text = match sheet.cells.get(&(r0, c0)) {
                Some(Cell::Text(t)) => t.clone(),
                _ => String::new(),
            };
            ws.merge_range(r0, c0, r1, c1, &text, &wrap).unwrap();
        }
        for (&(r, c), cell) in &sheet.cells {
            let merged = sheet
                .merges
                .iter()
                .any(|&(r0, c0, r1, c1)| (r0..=r1).contains(&r) && (c0..=c1).contains(&c));
            if merged {
                continue;
            }
            match cell {
                Cell::Text(t) if t.contains('\n') => ws.write_string_with_format(r, c, t, &wrap),
                Cell::Text(t) => ws.write_string(r, c, t),
                Cell::Num(n) => ws.write_number(r, c, *n),
                Cell::Date(serial, format) => ws.write_number_with_format(
                    r,
                    c,
                    *serial,
                    &Format::new().set_num_format(*format),
                ),
                Cell::Formula(f, v) => {
                    ws.write_formula(r, c, Formula::new(f.as_str()).set_result(v.to_string()))
                }
            }
            .unwrap();
        }
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    workbook.save(path).unwrap();
}
