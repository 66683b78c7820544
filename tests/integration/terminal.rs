//! What a run prints scales (issue 14): with 41 units, every count is given
//! but a line names at most 20 units, the rest left to the audit workbook.

use std::path::Path;
use zhaoshang::config::{Config, Folders};

#[test]
fn a_county_of_41_units_is_counted_whole_and_named_a_screenful_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    zhaoshang::demo::write_demo(&data, 30).unwrap();
    // October alone, to keep the run short.
    for month in std::fs::read_dir(data.join("submissions")).unwrap() {
        let month = month.unwrap().path();
        if !month.ends_with("2026-10") {
            std::fs::remove_dir_all(&month).unwrap();
        }
    }
    let october = data.join("submissions/2026-10");
    let first_five: Vec<_> = sorted_files(&october).into_iter().take(5).collect();
    for path in &first_five {
        std::fs::remove_file(path).unwrap();
    }
    let folders = Folders {
        data,
        out: dir.path().join("output"),
        store: dir.path().join("store"),
    };
    let outcome = zhaoshang::pipeline::run_month(&Config::load(&folders, None).unwrap()).unwrap();
    let printed = zhaoshang::terminal::terminal_summary(&outcome);
    let received = line_after(&printed, "  已报并采用 36 个：");
    assert_eq!(received.split('、').count(), 20, "{received}");
    assert!(
        received.ends_with("…等36个（见审核清单「报表接收」页）"),
        "{received}"
    );
    // Five missing: all named.
    let missing = line_after(&printed, "  未报 5 个：");
    assert_eq!(missing.split('、').count(), 5, "{missing}");
    assert!(!missing.contains('…'), "{missing}");
    assert!(printed.lines().count() < 30, "{printed}");
}

fn sorted_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn line_after<'a>(printed: &'a str, start: &str) -> &'a str {
    printed
        .lines()
        .find_map(|l| l.strip_prefix(start))
        .unwrap_or_else(|| panic!("no line starting {start:?} in\n{printed}"))
}
