//! The read floor of the benchmark (bench/run.sh): calamine opens every
//! workbook under a folder and touches every used cell, files in parallel
//! (rayon), nothing else. A full run is measured as a multiple of this.
//!
//! Usage: `read_floor <folder>`; prints the files and cells read.

use calamine::{open_workbook_auto, Data, Reader};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn workbooks(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            workbooks(&path, found);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "xlsx" | "xlsm" | "xls" | "ods"))
        {
            found.push(path);
        }
    }
}

fn cells_of(path: &Path) -> usize {
    let Ok(mut workbook) = open_workbook_auto(path) else {
        return 0;
    };
    let mut cells = 0;
    for name in workbook.sheet_names() {
        if let Ok(range) = workbook.worksheet_range(&name) {
            cells += range
                .used_cells()
                .filter(|(_, _, v)| !matches!(v, Data::Empty))
                .count();
        }
    }
    cells
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/submissions".into());
    let mut files = Vec::new();
    workbooks(Path::new(&dir), &mut files);
    files.sort();
    let cells: usize = files.par_iter().map(|p| cells_of(p)).sum();
    println!("{} files, {cells} cells", files.len());
}
