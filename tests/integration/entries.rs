//! Every entry of a month folder accounted for, in the audit's 报表接收, on
//! the terminal, in the bulletin and in the exit code. The small fixture has
//! two units, 甲区 and 东镇; each test puts its entries into 2026-10.

use crate::common::xlsb::write_xlsb;
use crate::common::{cell, read_sheet, row_of, small_fixture, ym, zhaoshang, Cell, Fixture, Grid};
use std::path::PathBuf;

const MONTH: &str = "submissions/2026-10";

fn put(fx: &Fixture, name: &str, grid: Grid) -> PathBuf {
    let path = fx.data.join(MONTH).join(name);
    grid.write(&path);
    path
}

/// 甲区's October form: 合同外资 100, 注册外资 80 万美元, like 东镇's.
fn jia() -> Grid {
    Grid::detail()
        .set("A1", "2026年10月甲区招商引资项目明细表")
        .set("A2", "填报单位：甲区管委会　　单位：万美元")
}

/// `zhaoshang run` on the fixture: (exit code, stdout, stderr).
fn run(fx: &Fixture) -> (i32, String, String) {
    zhaoshang(&[
        "run",
        "--data",
        fx.data.to_str().unwrap(),
        "--out",
        fx.out.to_str().unwrap(),
        "--store",
        fx.store.to_str().unwrap(),
    ])
}

/// The 报表接收 rows: (unit, month, file, status, reason).
fn overview(fx: &Fixture) -> Vec<[String; 5]> {
    let path = fx.out.join("2026-10/审核清单_2026-10.xlsx");
    let sheet = read_sheet(&path, "报表接收");
    let text = |r, c| match cell(&sheet, r, c) {
        Cell::Text(s) => s,
        Cell::Num(n) => n.to_string(),
    };
    (3..sheet.height() as u32)
        .map(|r| [text(r, 0), text(r, 1), text(r, 2), text(r, 3), text(r, 6)])
        .collect()
}

fn overview_row(fx: &Fixture, file: &str) -> [String; 5] {
    let rows = overview(fx);
    rows.iter()
        .find(|r| r[2] == file)
        .cloned()
        .unwrap_or_else(|| panic!("{file} not in 报表接收: {rows:#?}"))
}

/// (rule id, severity) of the 问题清单 rows about `file`.
fn issues_of(fx: &Fixture, file: &str) -> Vec<(String, String)> {
    let path = fx.out.join("2026-10/审核清单_2026-10.xlsx");
    let sheet = read_sheet(&path, "问题清单");
    (3..sheet.height() as u32)
        .filter(|&r| cell(&sheet, r, 2) == Cell::Text(file.to_string()))
        .map(|r| match (cell(&sheet, r, 6), cell(&sheet, r, 7)) {
            (Cell::Text(rule), Cell::Text(severity)) => (rule, severity),
            other => panic!("{other:?}"),
        })
        .collect()
}

/// 分地区: the unit's 报送情况 cell and its 合同外资 本月 cell.
fn by_region(fx: &Fixture, unit: &str) -> (Cell, Cell) {
    let sheet = read_sheet(&fx.out.join("2026-10/招商引资通报_2026-10.xlsx"), "分地区");
    let row = row_of(&sheet, unit);
    (cell(&sheet, row, 1), cell(&sheet, row, 2 + 9))
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

#[test]
fn a_folder_named_like_a_workbook_is_listed_and_the_run_exits_2() {
    let fx = small_fixture();
    put(&fx, "甲区.xlsx", jia());
    put(&fx, "东镇.xlsx", Grid::detail());
    std::fs::create_dir_all(fx.data.join(MONTH).join("x.xlsx")).unwrap();

    let (code, stdout, _) = run(&fx);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stdout.contains("无法识别填报单位的文件 1 个：submissions/2026-10/x.xlsx"),
        "{stdout}"
    );
    assert!(
        stdout.contains("本月目录 submissions/2026-10 共 3 项：采用 2，未采用 1"),
        "{stdout}"
    );
    assert!(
        stdout.contains("未采用 submissions/2026-10/x.xlsx：「x.xlsx」是一个文件夹"),
        "{stdout}"
    );
    let row = overview_row(&fx, "submissions/2026-10/x.xlsx");
    assert_eq!(
        row[..4],
        [
            "（无法识别）",
            "2026-10",
            "submissions/2026-10/x.xlsx",
            "未采用"
        ]
    );
    assert!(row[4].contains("是一个文件夹，不是报表文件"), "{row:?}");
    assert_eq!(
        issues_of(&fx, "submissions/2026-10/x.xlsx"),
        [("file.not_a_workbook".to_string(), "错误".to_string())]
    );
}

#[test]
fn lock_and_hidden_files_are_listed_for_the_record_and_change_nothing() {
    let fx = small_fixture();
    put(&fx, "甲区.xlsx", jia());
    put(&fx, "东镇.xlsx", Grid::detail());
    std::fs::write(fx.data.join(MONTH).join("~$东镇.xlsx"), b"\x0aowner").unwrap();
    std::fs::write(fx.data.join(MONTH).join(".DS_Store"), b"\0\0\0\x01Bud1").unwrap();

    let (code, stdout, _) = run(&fx);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("已报并采用 2 个：甲区、东镇"), "{stdout}");
    assert!(stdout.contains("共 4 项：采用 2，未读取 2"), "{stdout}");
    assert!(
        stdout.contains("未读取 submissions/2026-10/~$东镇.xlsx：Excel/WPS 的锁定文件"),
        "{stdout}"
    );
    assert!(
        stdout.contains("未读取 submissions/2026-10/.DS_Store：操作系统自动生成的文件"),
        "{stdout}"
    );
    assert!(
        stdout.contains("审核问题：错误 0 条，警告 0 条"),
        "{stdout}"
    );
    let lock = overview_row(&fx, "submissions/2026-10/~$东镇.xlsx");
    assert_eq!(
        lock[..4],
        ["—", "2026-10", "submissions/2026-10/~$东镇.xlsx", "未读取"]
    );
    assert!(lock[4].contains("不是报表，未读取"), "{lock:?}");
    for file in ["~$东镇.xlsx", ".DS_Store"] {
        assert_eq!(
            issues_of(&fx, &format!("{MONTH}/{file}")),
            [("file.skipped".to_string(), "说明".to_string())]
        );
    }
    // 东镇's own file went in as usual.
    assert_eq!(
        by_region(&fx, "东镇"),
        (t("已报（1-9月未报）"), Cell::Num(100.0))
    );
}

#[test]
fn an_xlsb_workbook_is_read_like_the_others() {
    let fx = small_fixture();
    put(&fx, "甲区.xlsx", jia());
    let xlsb = fx.data.join(MONTH).join("东镇.xlsb");
    write_xlsb(&Grid::detail(), &xlsb);

    let (code, stdout, _) = run(&fx);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("已报并采用 2 个：甲区、东镇"), "{stdout}");
    // 东镇's 合同外资: 100 on the 新设 row, none on the 到资 row.
    assert_eq!(
        by_region(&fx, "东镇"),
        (t("已报（1-9月未报）"), Cell::Num(100.0))
    );
    let row = overview_row(&fx, "submissions/2026-10/东镇.xlsb");
    assert_eq!(
        row[..4],
        ["东镇", "2026-10", "submissions/2026-10/东镇.xlsb", "采用"]
    );

    // `check` takes the same formats.
    let (code, stdout, _) = zhaoshang(&[
        "check",
        "--data",
        fx.data.to_str().unwrap(),
        xlsb.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("东镇 2026-10，采用"), "{stdout}");
}

#[test]
fn a_pdf_as_a_units_only_file_makes_it_kept_out_not_missing() {
    let fx = small_fixture();
    put(&fx, "甲区.xlsx", jia());
    std::fs::write(
        fx.data.join(MONTH).join("东镇_2026-10.pdf"),
        b"%PDF-1.4\n%%EOF\n",
    )
    .unwrap();

    let (code, stdout, _) = run(&fx);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("未报 0 个：无"), "{stdout}");
    assert!(stdout.contains("数据未采用 1 个：东镇"), "{stdout}");
    assert!(
        stdout.contains(
            "    东镇：submissions/2026-10/东镇_2026-10.pdf：PDF 文件，不是 Excel/WPS 工作簿"
        ),
        "{stdout}"
    );
    let row = overview_row(&fx, "submissions/2026-10/东镇_2026-10.pdf");
    assert_eq!(row[0], "东镇");
    assert_eq!(row[3], "未采用");
    assert!(row[4].starts_with("PDF 文件"), "{row:?}");
    assert_eq!(
        by_region(&fx, "东镇"),
        (t("未采用（1-9月未报）"), t("未采用"))
    );
}

#[test]
fn a_signed_pdf_beside_the_workbook_does_not_keep_the_workbook_out() {
    let fx = small_fixture();
    put(&fx, "甲区.xlsx", jia());
    put(&fx, "东镇_2026-10.xlsx", Grid::detail());
    std::fs::write(
        fx.data.join(MONTH).join("东镇_2026-10盖章.pdf"),
        b"%PDF-1.4\n",
    )
    .unwrap();

    let (code, stdout, _) = run(&fx);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("已报并采用 2 个：甲区、东镇"), "{stdout}");
    assert!(
        stdout.contains("未采用 submissions/2026-10/东镇_2026-10盖章.pdf：PDF 文件"),
        "{stdout}"
    );
    assert_eq!(
        by_region(&fx, "东镇"),
        (t("已报（1-9月未报）"), Cell::Num(100.0))
    );
    assert_eq!(
        issues_of(&fx, "submissions/2026-10/东镇_2026-10.xlsx"),
        Vec::<(String, String)>::new()
    );
}

/// A unit whose only file cannot be opened is 未采用 with the reason, found
/// from the file name, in the audit, on the terminal and in the bulletin.
#[test]
fn a_units_only_file_unreadable_is_kept_out_everywhere_with_why() {
    let fx = small_fixture();
    put(&fx, "甲区.xlsx", jia());
    let broken = fx.data.join(MONTH).join("东镇_2026-10.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really a zip").unwrap();

    let (code, stdout, _) = run(&fx);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("未报 0 个：无"), "{stdout}");
    assert!(stdout.contains("数据未采用 1 个：东镇"), "{stdout}");
    assert!(
        stdout.contains("    东镇：submissions/2026-10/东镇_2026-10.xlsx："),
        "{stdout}"
    );
    let row = overview_row(&fx, "submissions/2026-10/东镇_2026-10.xlsx");
    assert_eq!(
        row[..4],
        [
            "东镇",
            "2026-10",
            "submissions/2026-10/东镇_2026-10.xlsx",
            "未采用"
        ]
    );
    assert!(!row[4].is_empty(), "{row:?}");
    assert_eq!(
        by_region(&fx, "东镇"),
        (t("未采用（1-9月未报）"), t("未采用"))
    );

    // The bulletin's 说明 lists the file as 未采用 with the same reason, and
    // not the unit as 未报.
    let notes = read_sheet(&fx.out.join("2026-10/招商引资通报_2026-10.xlsx"), "说明");
    let dong: Vec<Cell> = (0..notes.height() as u32)
        .filter(|&r| cell(&notes, r, 0) == t("东镇"))
        .map(|r| cell(&notes, r, 3))
        .collect();
    assert_eq!(dong.len(), 1, "{dong:?}");
    assert_eq!(dong[0], t(&format!("未采用：{}", row[4])));
}

#[test]
fn an_empty_month_folder_exits_2_saying_nothing_has_arrived() {
    let fx = small_fixture();
    std::fs::create_dir_all(fx.data.join(MONTH)).unwrap();
    let (code, stdout, stderr) = run(&fx);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stdout.contains("本月尚未收到任何报表（submissions/2026-10 中没有报表文件）"),
        "{stdout}"
    );
    assert!(stdout.contains("未报 2 个：甲区、东镇"), "{stdout}");

    // A lock file alone is still nothing received.
    std::fs::write(fx.data.join(MONTH).join("~$甲区.xlsx"), b"x").unwrap();
    let (code, stdout, _) = run(&fx);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("本月尚未收到任何报表"), "{stdout}");
}

/// Issue 15: last month's workbook dropped into this month's folder is this
/// month's 未采用 everywhere — exit 2, one reason, no echoes — where it used to
/// be 未报 on the terminal and in the bulletin, both in the 说明, and exit 0.
#[test]
fn last_months_workbook_in_this_months_folder_is_kept_out_everywhere() {
    let fx = small_fixture();
    put(&fx, "甲区.xlsx", jia());
    let file = "submissions/2026-10/东镇_2026-09.xlsx";
    put(
        &fx,
        "东镇_2026-09.xlsx",
        Grid::detail().set("A1", "2026年9月东镇招商引资项目明细表"),
    );

    let (code, stdout, _) = run(&fx);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("未报 0 个：无"), "{stdout}");
    assert!(stdout.contains("数据未采用 1 个：东镇"), "{stdout}");
    assert!(
        stdout.contains(&format!("    东镇：{file}：工作表「项目明细」A1")),
        "{stdout}"
    );

    // The audit: one line, 未采用, and only the month's mismatch said about it.
    let row = overview_row(&fx, file);
    assert_eq!(row[..4], ["东镇", "2026-10", file, "未采用"]);
    assert!(
        row[4].contains("标题所写月份为 2026-09，但文件放在 2026-10 的目录中"),
        "{row:?}"
    );
    let rules = issues_of(&fx, file);
    assert_eq!(rules.len(), 1, "one reason, no echoes: {rules:?}");
    assert_eq!(rules[0].0, "structure.period_mismatch", "{rules:?}");

    // The bulletin: 未采用, and in the 说明 once, as 未采用.
    assert_eq!(
        by_region(&fx, "东镇"),
        (t("未采用（1-9月未报）"), t("未采用"))
    );
    let notes = read_sheet(&fx.out.join("2026-10/招商引资通报_2026-10.xlsx"), "说明");
    let dong: Vec<Cell> = (0..notes.height() as u32)
        .filter(|&r| cell(&notes, r, 0) == t("东镇"))
        .map(|r| cell(&notes, r, 3))
        .collect();
    assert_eq!(dong.len(), 1, "{dong:?}");
    assert!(
        matches!(&dong[0], Cell::Text(s) if s.starts_with("未采用：")),
        "{dong:?}"
    );

    // 报送情况: ✗ for October, nobody to chase, the rejection with its reason.
    let status = read_sheet(&fx.out.join("2026-10/审核清单_2026-10.xlsx"), "报送情况");
    assert_eq!(cell(&status, row_of(&status, "东镇"), 10), t("✗"));
    let texts: Vec<String> = status
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(
        texts.iter().any(|t| t == "10月催报（未报）：无"),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with(&format!("2026-10　东镇　{file}　"))),
        "{texts:?}"
    );

    // And the library agrees: the receipts say 未采用 for 东镇's October.
    let outcome = fx.run(ym(2026, 10));
    assert_eq!(outcome.receipts.rejected(), vec!["东镇"]);
    assert!(outcome.receipts.missing().is_empty());
    assert_eq!(
        outcome.exit_code(),
        zhaoshang::app::exit_code::ExitCode::KeptOut
    );
}
