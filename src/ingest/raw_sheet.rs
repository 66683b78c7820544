//! A worksheet as read: only the cells that hold something, row by row, with
//! their positions. Nothing is allocated from the file's dimensions, so a
//! sheet costs the cells present, wherever they stand (docs/robustness.md).

use super::sheet_xml::Hidden;
use std::cell::Cell;

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

/// The non-blank cells of one row, by column, left to right.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    cells: &'a [(u32, RawCell)],
}

impl<'a> Row<'a> {
    /// (column, cell) for each cell present, left to right.
    pub fn iter(self) -> impl Iterator<Item = (u32, &'a RawCell)> {
        self.cells.iter().map(|(c, cell)| (*c, cell))
    }

    /// The cells present, left to right, without their columns.
    pub fn cells(self) -> impl Iterator<Item = &'a RawCell> {
        self.cells.iter().map(|(_, cell)| cell)
    }

    /// One past the last column with a cell; 0 for a row with none.
    pub fn width(self) -> u32 {
        self.cells.last().map_or(0, |(c, _)| c + 1)
    }

    pub fn is_empty(self) -> bool {
        self.cells.is_empty()
    }
}

/// One worksheet, stored sparsely: rows that hold a non-blank cell, in order,
/// each with its non-blank cells in column order.
#[derive(Clone, Debug, Default)]
pub struct RawSheet {
    pub name: String,
    /// Hidden in Excel/WPS: what the unit sees does not include it.
    pub hidden: bool,
    /// (row, cells of that row); rows ascending, columns ascending within a row.
    rows: Vec<(u32, Vec<(u32, RawCell)>)>,
    /// Merged cells where the format records them (.xlsx, .xls); empty for .ods.
    pub merges: Vec<Merge>,
    /// Rows and columns hidden in Excel/WPS (.xlsx, .xlsm only; none for the others).
    pub hidden_cells: Hidden,
}

thread_local! {
    /// Cells stored by the reader on this thread; see [`cells_stored_on_this_thread`].
    static CELLS_STORED: Cell<usize> = const { Cell::new(0) };
}

/// How many cells the workbook reader has stored on this thread since the
/// thread began, kept or later refused: the memory reading costs, in cells.
/// Tests read it before and after reading one file to assert that a hostile
/// file costs no more than its cells.
pub fn cells_stored_on_this_thread() -> usize {
    CELLS_STORED.with(Cell::get)
}

/// Counts cells as the reader stores them.
pub(crate) fn count_stored(n: usize) {
    CELLS_STORED.with(|c| c.set(c.get() + n));
}

impl RawSheet {
    /// A sheet from cells at zero-based (row, column), in any order. Blank
    /// cells are dropped; of two cells at one position the later wins.
    pub fn from_cells(name: &str, mut cells: Vec<(u32, u32, RawCell)>) -> RawSheet {
        cells.retain(|(_, _, cell)| !cell.is_blank());
        // Stable: of equal positions the later stays last, and is kept below.
        cells.sort_by_key(|&(r, c, _)| (r, c));
        let mut rows: Vec<(u32, Vec<(u32, RawCell)>)> = Vec::new();
        for (r, c, cell) in cells {
            match rows.last_mut() {
                Some((row, row_cells)) if *row == r => match row_cells.last_mut() {
                    Some((col, last)) if *col == c => *last = cell,
                    _ => row_cells.push((c, cell)),
                },
                _ => rows.push((r, vec![(c, cell)])),
            }
        }
        RawSheet {
            name: name.to_string(),
            rows,
            ..RawSheet::default()
        }
    }

    pub fn cell(&self, row: u32, col: u32) -> &RawCell {
        let cells = self.row(row).cells;
        match cells.binary_search_by_key(&col, |(c, _)| *c) {
            Ok(i) => &cells[i].1,
            Err(_) => &RawCell::Empty,
        }
    }

    /// The cells of a row; none for a row with no cell.
    pub fn row(&self, row: u32) -> Row<'_> {
        let cells = match self.rows.binary_search_by_key(&row, |(r, _)| *r) {
            Ok(i) => self.rows[i].1.as_slice(),
            Err(_) => &[],
        };
        Row { cells }
    }

    /// The row if it lies within the sheet's height (possibly with no cell),
    /// `None` below the last row.
    pub fn get_row(&self, row: u32) -> Option<Row<'_>> {
        (row < self.height()).then(|| self.row(row))
    }

    /// One past the last row with a cell; 0 for an empty sheet.
    pub fn height(&self) -> u32 {
        self.rows.last().map_or(0, |(r, _)| r + 1)
    }

    /// The rows that hold a cell, top to bottom, with their indices.
    pub fn present_rows(&self) -> impl Iterator<Item = (u32, Row<'_>)> {
        self.rows.iter().map(|(r, cells)| {
            (
                *r,
                Row {
                    cells: cells.as_slice(),
                },
            )
        })
    }

    /// True when no cell holds anything.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The cells stored: what this sheet costs in memory.
    pub fn cell_count(&self) -> usize {
        self.rows.iter().map(|(_, cells)| cells.len()).sum()
    }

    /// The merged block covering a cell, if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<&Merge> {
        self.merges.iter().find(|m| m.contains(row, col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_rows_and_cells() {
        let text = |s: &str| RawCell::Text(s.to_string());
        let sheet = RawSheet::from_cells(
            "S",
            vec![
                (1_048_575, 16_383, RawCell::Number(1.0)),
                (0, 2, text("c")),
                (0, 0, text("a")),
                (5, 0, text(" ")),
                (0, 2, text("C")),
                (3, 1, RawCell::Empty),
            ],
        );
        assert_eq!(sheet.height(), 1_048_576);
        assert_eq!(sheet.cell_count(), 3);
        assert_eq!(sheet.cell(0, 2), &text("C"));
        assert_eq!(sheet.cell(0, 1), &RawCell::Empty);
        assert_eq!(sheet.cell(5, 0), &RawCell::Empty);
        assert_eq!(sheet.row(0).width(), 3);
        assert!(sheet.row(7).is_empty());
        assert!(sheet.get_row(1_048_576).is_none());
        assert!(sheet.get_row(9).is_some_and(Row::is_empty));
        let rows: Vec<u32> = sheet.present_rows().map(|(r, _)| r).collect();
        assert_eq!(rows, [0, 1_048_575]);
        assert_eq!(sheet.row(1_048_575).width(), 16_384);
    }
}
