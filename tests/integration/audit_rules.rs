//! One file per rule that breaks it; each test asserts the rule id, the A1
//! cell (where there is one) and words of the message.

use crate::common::{
    check, foreign, form, small_fixture, template_row1, template_row2, total, write_grids,
    write_grids_hiding, ym, Fixture, Grid,
};
use std::path::PathBuf;
use zhaoshang::audit::{status, Status};
use zhaoshang::demo::form::{DetailRow, SummaryRow, DETAIL_HEADERS};
use zhaoshang::foundation::issue::Severity;
use zhaoshang::foundation::model::{Indicator, YearMonth};
use zhaoshang::foundation::unit_id::UnitId;

fn put(fx: &Fixture, name: &str, grid: Grid) -> PathBuf {
    let path = fx.data.join("submissions/2026-10").join(name);
    grid.write(&path);
    path
}

/// Checks `grid` as 东镇's October file and asserts exactly one issue of `rule`
/// at `cell` whose message contains `words`.
fn expect_rule(grid: Grid, rule: &str, cell: Option<&str>, words: &str) -> Severity {
    let fx = small_fixture();
    let path = put(&fx, "东镇.xlsx", grid);
    let sub = check(&fx, &path, ym(2026, 10));
    let found: Vec<_> = sub.issues.iter().filter(|i| i.rule.id() == rule).collect();
    let all: Vec<String> = sub.issues.iter().map(|i| i.to_string()).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {rule}, got:\n{}",
        all.join("\n")
    );
    let issue = found[0];
    assert_eq!(issue.location.a1().as_deref(), cell, "{issue}");
    assert!(
        issue.message.contains(words),
        "message lacks «{words}»: {issue}"
    );
    assert_eq!(issue.location.file, "东镇.xlsx");
    let expected_status = match issue.severity() {
        Severity::Error => Status::Rejected,
        Severity::Warning => Status::AcceptedWithWarnings,
        Severity::Info => Status::Accepted,
    };
    assert_eq!(status(&sub), expected_status, "{}", all.join("\n"));
    issue.severity()
}

#[test]
fn the_clean_form_has_no_issue() {
    let fx = small_fixture();
    let path = put(&fx, "东镇.xlsx", Grid::detail());
    let sub = check(&fx, &path, ym(2026, 10));
    assert!(sub.issues.is_empty(), "{:?}", sub.issues);
    assert_eq!(sub.unit.as_ref().map(UnitId::as_str), Some("东镇"));
    // 100 合同 + 80 注册 + 20+50 到帐 + 200 总投资 + 1 新设
    assert_eq!(sub.facts.len(), 6);
}

#[test]
fn not_a_number() {
    let grid = Grid::detail().set("J4", "约100");
    expect_rule(
        grid,
        "cell.not_a_number",
        Some("J4"),
        "「合同外资」不是数字",
    );
}

#[test]
fn negative_outside_a_decrease() {
    let grid = Grid::detail().set("J4", "-100").set("J6", "-100");
    expect_rule(
        grid,
        "cell.negative",
        Some("J4"),
        "只有事项为「减资」的行可以为负",
    );
}

#[test]
fn unknown_currency() {
    let grid = Grid::detail().set("M4", "卢布");
    expect_rule(grid, "cell.currency_unknown", Some("M4"), "无法识别的币种");
}

#[test]
fn missing_rate() {
    // No rate for 2026-10 in 英镑 (GBP): the table has USD, HKD, JPY, EUR only.
    let grid = Grid::detail().set("M5", "英镑");
    expect_rule(
        grid,
        "cell.rate_missing",
        Some("L5"),
        "没有 2026-10 的英镑汇率",
    );
}

#[test]
fn unknown_source_suggests_close_names() {
    // (香港岛 would be 中国香港: a known name inside it.)
    let grid = Grid::detail().set("E4", "南 极洲");
    expect_rule(grid, "cell.source_unknown", Some("E4"), "最接近的有：");
}

#[test]
fn blank_source_on_foreign_row() {
    let grid = Grid::detail().set("E5", "");
    expect_rule(grid, "cell.source_unknown", Some("E5"), "来源地不能为空");
}

#[test]
fn unknown_industry() {
    let grid = Grid::detail().set("G4", "量子玄学");
    expect_rule(grid, "cell.industry_unknown", Some("G4"), "industries.xlsx");
}

#[test]
fn unknown_capital_kind_and_event() {
    expect_rule(
        Grid::detail().set("D4", "合资"),
        "cell.capital_kind_unknown",
        Some("D4"),
        "「外资」或「内资」",
    );
    expect_rule(
        Grid::detail().set("H5", "转让"),
        "cell.event_unknown",
        Some("H5"),
        "「新设」「增资」「减资」或「到资」",
    );
}

#[test]
fn unknown_unit_names_the_closest() {
    let grid = Grid::detail().set("A2", "填报单位：东郊镇人民政府　　单位：万美元");
    let fx = small_fixture();
    let path = put(&fx, "报表.xlsx", grid);
    let sub = check(&fx, &path, ym(2026, 10));
    let issue = sub
        .issues
        .iter()
        .find(|i| i.rule.id() == "structure.unit_unknown")
        .unwrap();
    assert_eq!(issue.location.a1().as_deref(), Some("A2"));
    assert!(
        issue
            .message
            .contains("「东郊镇人民政府」不在单位名录中，最接近的有：东镇"),
        "{issue}"
    );
    assert_eq!(status(&sub), Status::Rejected);
}

/// A report-month file nobody can attribute is counted and named in the outcome
/// (the run then exits 2), not lost between 已报 and 未报.
#[test]
fn an_unattributable_file_is_named_in_the_outcome() {
    let fx = small_fixture();
    let nameless = Grid::detail()
        .set("A1", "2026年10月招商引资项目明细表")
        .set("A2", "单位：万美元");
    put(&fx, "报表.xlsx", nameless);
    let outcome = fx.run(ym(2026, 10));
    let unidentified: Vec<&str> = outcome
        .receipts
        .unidentified()
        .iter()
        .map(|l| l.file.as_str())
        .collect();
    assert_eq!(unidentified, vec!["submissions/2026-10/报表.xlsx"]);
    assert_eq!(outcome.receipts.missing(), vec!["甲区", "东镇"]);
    let printed = zhaoshang::app::terminal::terminal_summary(&outcome);
    assert!(
        printed.contains("无法识别填报单位的文件 1 个：submissions/2026-10/报表.xlsx"),
        "{printed}"
    );
}

#[test]
fn no_unit_anywhere() {
    let fx = small_fixture();
    // Neither the title, nor a 填报单位 line, nor the file name names a unit.
    let nameless = Grid::detail()
        .set("A1", "2026年10月招商引资项目明细表")
        .set("A2", "单位：万美元");
    let path = put(&fx, "报表.xlsx", nameless);
    let sub = check(&fx, &path, ym(2026, 10));
    assert_eq!(sub.issues.len(), 1, "{:?}", sub.issues);
    assert_eq!(sub.issues[0].rule.id(), "structure.unit_not_found");
    assert_eq!(sub.issues[0].location.cell, None);
}

#[test]
fn file_name_and_meta_row_disagree() {
    let fx = small_fixture();
    let path = put(&fx, "甲区_2026-10.xlsx", Grid::detail());
    let sub = check(&fx, &path, ym(2026, 10));
    let issue = sub
        .issues
        .iter()
        .find(|i| i.rule.id() == "structure.unit_mismatch")
        .unwrap();
    assert!(issue.message.contains("文件名表明是「甲区」"), "{issue}");
    assert_eq!(status(&sub), Status::Rejected);
}

#[test]
fn title_names_another_month() {
    let grid = Grid::detail().set("A1", "2026年9月东镇招商引资项目明细表");
    expect_rule(
        grid,
        "structure.period_mismatch",
        Some("A1"),
        "标题所写月份为 2026-09，但文件放在 2026-10 的目录中",
    );
}

#[test]
fn no_money_unit_anywhere() {
    let grid = Grid::detail().set("A2", "填报单位：东镇人民政府");
    let fx = small_fixture();
    let path = put(&fx, "东镇.xlsx", grid);
    let sub = check(&fx, &path, ym(2026, 10));
    let mut cells: Vec<String> = sub
        .issues
        .iter()
        .filter(|i| i.rule.id() == "structure.money_unit_not_found")
        .filter_map(|i| i.location.a1())
        .collect();
    cells.sort();
    assert_eq!(cells, vec!["I4", "J4", "K4", "L4", "L5"]);
}

#[test]
fn total_row_differs_from_its_rows() {
    let grid = Grid::detail().set("L6", "75");
    expect_rule(
        grid,
        "cross.total_mismatch",
        Some("L6"),
        "合计行「到帐外资」为 75，各行相加为 70，相差 5",
    );
}

#[test]
fn summary_differs_from_detail() {
    let fx = small_fixture();
    let month = ym(2026, 10);
    let mut f = form(
        "东镇",
        month,
        "万美元",
        vec![foreign("新设", "美元", Some(100.0), Some(80.0), None)],
    );
    f.summary = Some(vec![SummaryRow {
        indicator: Indicator::ContractedFdi,
        this_month: 90.0,
        cumulative: 90.0,
        last_year: None,
    }]);
    let path = fx.submit(month, "东镇.xlsx", &f);
    let sub = check(&fx, &path, month);
    assert_eq!(sub.issues.len(), 1, "{:?}", sub.issues);
    let issue = &sub.issues[0];
    assert_eq!(issue.rule.id(), "cross.summary_detail_mismatch");
    assert_eq!(issue.location.sheet.as_deref(), Some("汇总表"));
    assert_eq!(issue.location.a1().as_deref(), Some("C4"));
    assert!(
        issue
            .message
            .contains("本月为 90，项目明细合计为 100（万美元），相差 -10"),
        "{issue}"
    );
    assert_eq!(status(&sub), Status::AcceptedWithWarnings);
}

#[test]
fn registered_above_contracted_on_a_new_project() {
    let grid = Grid::detail().set("K4", "120").set("K6", "120");
    let severity = expect_rule(
        grid,
        "cross.registered_above_contracted",
        Some("K4"),
        "注册外资 120 万美元大于合同外资 100 万美元",
    );
    assert_eq!(severity, Severity::Warning);
}

#[test]
fn contracted_on_a_domestic_row_is_a_warning() {
    let grid = Grid::detail()
        .set("D5", "内资")
        .set("J5", "30")
        .set("J6", "130");
    expect_rule(
        grid,
        "cell.domestic_contracted",
        Some("J5"),
        "内资项目不统计合同外资",
    );
}

#[test]
fn a_row_with_nothing_to_count() {
    let grid = Grid::detail().set("L5", "").set("L6", "20");
    expect_rule(grid, "row.no_amount", Some("B5"), "未计入任何指标");
}

#[test]
fn not_a_workbook() {
    let fx = small_fixture();
    let path = fx.data.join("submissions/2026-10/东镇.xlsx");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "这不是一个工作簿").unwrap();
    let sub = check(&fx, &path, ym(2026, 10));
    assert_eq!(sub.issues[0].rule.id(), "file.unreadable");
    assert!(sub.issues[0].message.contains("无法读取该工作簿"));
    // The file name still says whose it is, so the bulletin shows 未采用.
    assert_eq!(sub.unit.as_ref().map(UnitId::as_str), Some("东镇"));
}

#[test]
fn empty_workbook_and_no_table() {
    let fx = small_fixture();
    let empty = fx.data.join("submissions/2026-10/东镇.xlsx");
    write_grids(&empty, &[Grid::new("Sheet1", vec![])]);
    assert_eq!(
        check(&fx, &empty, ym(2026, 10)).issues[0].rule.id(),
        "file.empty"
    );
    let no_table = fx.data.join("submissions/2026-10/甲区.xlsx");
    let grid = Grid::new("Sheet1", vec![vec!["本月无项目"]]);
    write_grids(&no_table, &[grid]);
    assert_eq!(
        check(&fx, &no_table, ym(2026, 10)).issues[0].rule.id(),
        "structure.no_table"
    );
}

#[test]
fn a_stray_file_in_the_month_folder_is_reported() {
    let fx = small_fixture();
    put(&fx, "东镇.xlsx", Grid::detail());
    std::fs::write(fx.data.join("submissions/2026-10/说明.docx"), "x").unwrap();
    let outcome = fx.run(ym(2026, 10));
    assert_eq!(outcome.errors, 1);
    let audit = crate::common::read_sheet(&outcome.audit, "问题清单");
    let row = (0..audit.height() as u32)
        .find(|&r| matches!(audit.get_value((r, 2)), Some(calamine::Data::String(s)) if s.ends_with("说明.docx")))
        .expect("the stray file is listed");
    assert_eq!(
        crate::common::cell(&audit, row, 6),
        crate::common::Cell::Text("file.not_a_workbook".into())
    );
}

/// Two files for one unit and month: both rejected, each naming the other,
/// and the bulletin shows 未采用 for that unit while the other unit is unaffected.
#[test]
fn duplicate_submissions_keep_the_unit_out_and_no_one_else() {
    let fx = small_fixture();
    put(&fx, "东镇.xlsx", Grid::detail());
    put(
        &fx,
        "东镇(另一份).xlsx",
        Grid::detail().set("J4", "90").set("J6", "90"),
    );
    let month = ym(2026, 10);
    fx.submit(
        month,
        "甲区.xlsx",
        &form(
            "甲区",
            month,
            "万美元",
            vec![foreign("新设", "美元", Some(7.0), Some(7.0), None)],
        ),
    );
    let outcome = fx.run(month);
    assert_eq!(outcome.receipts.rejected(), vec!["东镇"]);
    assert_eq!(outcome.receipts.received(), vec!["甲区"]);
    assert_eq!(outcome.errors, 2);
    assert_eq!(
        rule_ids(&outcome.audit),
        vec!["duplicate.submission", "duplicate.submission"]
    );
    let sheet = crate::common::read_sheet(&outcome.bulletin, "分地区");
    let dong = crate::common::row_of(&sheet, "东镇");
    let jia = crate::common::row_of(&sheet, "甲区");
    use crate::common::Cell;
    assert_eq!(
        crate::common::cell(&sheet, dong, 1),
        Cell::Text("未采用（1-9月未报）".into())
    );
    assert_eq!(
        crate::common::cell(&sheet, dong, 2 + 9),
        Cell::Text("未采用".into())
    );
    assert_eq!(crate::common::cell(&sheet, dong, 2 + 9 + 1), Cell::Num(0.0));
    assert_eq!(crate::common::cell(&sheet, jia, 2 + 9), Cell::Num(7.0));
    let audit = crate::common::read_sheet(&outcome.audit, "问题清单");
    let messages: Vec<String> = (3..audit.height() as u32)
        .filter_map(|r| match audit.get_value((r, 8)) {
            Some(calamine::Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("另见 submissions/2026-10/东镇.xlsx")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("另见 submissions/2026-10/东镇(另一份).xlsx")),
        "{messages:?}"
    );
}

/// Last month's form left in a hidden sheet is not counted a second time.
#[test]
fn a_hidden_sheet_is_left_out_and_said_so() {
    let fx = small_fixture();
    let path = fx.data.join("submissions/2026-10/东镇.xlsx");
    let mut old = Grid::detail();
    old.sheet = "9月".to_string();
    write_grids_hiding(&path, &[Grid::detail(), old], &[1]);
    let sub = check(&fx, &path, ym(2026, 10));
    assert_eq!(sub.issues.len(), 1, "{:?}", sub.issues);
    assert_eq!(sub.issues[0].rule.id(), "structure.hidden_sheet");
    assert_eq!(sub.issues[0].location.sheet.as_deref(), Some("9月"));
    assert_eq!(total(&sub, Indicator::ContractedFdi), 100.0);
}

/// Reads the audit overview rows (unit, file, status) of a run.
fn overview(outcome: &zhaoshang::app::pipeline::RunOutcome) -> Vec<(String, String, String)> {
    let sheet = crate::common::read_sheet(&outcome.audit, "报表接收");
    let text = |r, c| match crate::common::cell(&sheet, r, c) {
        crate::common::Cell::Text(s) => s,
        other => panic!("{other:?}"),
    };
    (3..sheet.height() as u32)
        .map(|r| (text(r, 0), text(r, 2), text(r, 3)))
        .collect()
}

#[test]
fn a_correction_marked_in_the_file_name_replaces_the_first_file() {
    let fx = small_fixture();
    put(&fx, "东镇_2026-10.xlsx", Grid::detail());
    put(
        &fx,
        "东镇_2026-10更正.xlsx",
        Grid::detail().set("J4", "90").set("J6", "90"),
    );
    let outcome = fx.run(ym(2026, 10));
    assert_eq!(outcome.receipts.received(), vec!["东镇"]);
    assert_eq!((outcome.errors, outcome.warnings), (0, 0));
    let sheet = crate::common::read_sheet(&outcome.bulletin, "分地区");
    let dong = crate::common::row_of(&sheet, "东镇");
    // 合同外资 本月 is the corrected file's 90, not 100 nor 190.
    assert_eq!(
        crate::common::cell(&sheet, dong, 2 + 9),
        crate::common::Cell::Num(90.0)
    );
    let rows = overview(&outcome);
    assert!(
        rows.contains(&(
            "东镇".into(),
            "submissions/2026-10/东镇_2026-10更正.xlsx".into(),
            "采用".into()
        )),
        "{rows:?}"
    );
    assert!(
        rows.contains(&(
            "东镇".into(),
            "submissions/2026-10/东镇_2026-10.xlsx".into(),
            "已被替代".into()
        )),
        "{rows:?}"
    );
    let list = crate::common::read_sheet(&outcome.audit, "问题清单");
    let messages: Vec<String> = (3..list.height() as u32)
        .filter_map(|r| match crate::common::cell(&list, r, 8) {
            crate::common::Cell::Text(s) => Some(s),
            _ => None,
        })
        .collect();
    assert!(
        messages.iter().any(|m| m == "东镇 2026-10 已由 submissions/2026-10/东镇_2026-10更正.xlsx 替代（文件名标明为更正或更新的版本），本文件未采用"),
        "{messages:?}"
    );
    assert_eq!(
        rule_ids(&outcome.audit),
        vec!["resubmission.superseded", "resubmission.supersedes"]
    );
}

/// The rule ids of the audit's 问题清单, sorted.
fn rule_ids(audit: &std::path::Path) -> Vec<String> {
    let list = crate::common::read_sheet(audit, "问题清单");
    let mut ids: Vec<String> = (3..list.height() as u32)
        .filter_map(|r| match crate::common::cell(&list, r, 6) {
            crate::common::Cell::Text(s) => Some(s),
            _ => None,
        })
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_later_report_date_decides_between_unmarked_files() {
    let fx = small_fixture();
    let meta =
        |day: u32| format!("填报单位：东镇人民政府　　单位：万美元　　报出日期：2026年11月{day}日");
    put(
        &fx,
        "东镇a.xlsx",
        Grid::detail()
            .set("A2", &meta(9))
            .set("J4", "90")
            .set("J6", "90"),
    );
    put(&fx, "东镇b.xlsx", Grid::detail().set("A2", &meta(5)));
    let outcome = fx.run(ym(2026, 10));
    let sheet = crate::common::read_sheet(&outcome.bulletin, "分地区");
    let dong = crate::common::row_of(&sheet, "东镇");
    assert_eq!(
        crate::common::cell(&sheet, dong, 2 + 9),
        crate::common::Cell::Num(90.0)
    );
    let rows = overview(&outcome);
    assert!(
        rows.contains(&(
            "东镇".into(),
            "submissions/2026-10/东镇b.xlsx".into(),
            "已被替代".into()
        )),
        "{rows:?}"
    );
}

#[test]
fn a_date_that_is_not_a_date() {
    let grid = Grid::detail().set("N5", "十月中旬");
    // No figure depends on the date: a warning, the row counts.
    let severity = expect_rule(
        grid,
        "cell.date_invalid",
        Some("N5"),
        "「批准日期」不是日期",
    );
    assert_eq!(severity, Severity::Warning);
}

#[test]
fn a_formula_saved_without_its_value() {
    let grid = Grid::detail().set("J4", "=100");
    expect_rule(
        grid,
        "cell.formula_no_value",
        Some("J4"),
        "「合同外资」是公式，但文件中没有保存计算结果",
    );
    // In the 合计 row it only means the total cannot be checked.
    let grid = Grid::detail().set("J6", "=SUM(J4:J5)");
    expect_rule(
        grid,
        "cross.total_uncheckable",
        Some("J6"),
        "无法核对合计；各行数据照常统计",
    );
}

#[test]
fn a_required_column_left_out() {
    let mut grid = Grid::detail();
    for row in grid.cells.iter_mut() {
        if row.len() > 7 {
            row.remove(7); // 事项
        }
    }
    // Without 事项 the 新设 count and 减资 signs are unknowable: an error.
    let severity = expect_rule(
        grid,
        "structure.missing_column",
        Some("A3"),
        "项目明细缺少「事项」列",
    );
    assert_eq!(severity, Severity::Error);

    // Without 行业 only the by-industry breakdown is: a warning.
    let mut grid = Grid::detail();
    for row in grid.cells.iter_mut() {
        if row.len() > 6 {
            row.remove(6); // 行业
        }
    }
    let severity = expect_rule(
        grid,
        "structure.missing_optional_column",
        Some("A3"),
        "项目明细缺少「行业」列",
    );
    assert_eq!(severity, Severity::Warning);
}

#[test]
fn numbers_below_the_footer_are_named_not_dropped() {
    let grid = Grid::detail()
        .set("A9", "3")
        .set("B9", "丙项目")
        .set("L9", "40");
    let severity = expect_rule(grid, "row.after_footer", Some("A9"), "表尾之后还有数字");
    assert_eq!(severity, Severity::Warning);
}

#[test]
fn the_same_row_twice() {
    // Row 5 copies row 4 (project, event, amounts); the 合计 counts both.
    let mut grid = Grid::detail();
    let copy = grid.cells[3].clone();
    grid.cells.insert(4, copy);
    let grid = grid
        .set("I7", "400")
        .set("J7", "200")
        .set("K7", "160")
        .set("L7", "90");
    let severity = expect_rule(
        grid,
        "duplicate.project",
        Some("B5"),
        "与第 4 行是同一项目、同一事项、同样的金额",
    );
    assert_eq!(severity, Severity::Error);
}

#[test]
fn a_file_far_too_large() {
    let fx = small_fixture();
    let path = fx.data.join("submissions/2026-10/东镇.xlsx");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Sparse: takes no disk, but says 60 MB.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(60_000_000)
        .unwrap();
    let sub = check(&fx, &path, ym(2026, 10));
    assert_eq!(sub.issues.len(), 1, "{:?}", sub.issues);
    assert_eq!(sub.issues[0].rule.id(), "file.too_large");
    assert!(
        sub.issues[0].message.contains("60.0 MB"),
        "{}",
        sub.issues[0]
    );
    assert_eq!(status(&sub), Status::Rejected);
}

#[test]
fn a_workbook_with_a_password_to_open() {
    let fx = small_fixture();
    let path = fx.data.join("submissions/2026-10/东镇.xlsx");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Excel saves an encrypted .xlsx as an OLE compound file.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(4096, 0);
    std::fs::write(&path, bytes).unwrap();
    let sub = check(&fx, &path, ym(2026, 10));
    assert_eq!(sub.issues[0].rule.id(), "file.encrypted");
    assert!(
        sub.issues[0].message.contains("取消密码"),
        "{}",
        sub.issues[0]
    );
    assert_eq!(sub.unit.as_ref().map(UnitId::as_str), Some("东镇"));
}

#[test]
fn cumulative_against_the_months_received() {
    let (jan, feb) = (ym(2026, 1), ym(2026, 2));
    let fx = Fixture::new(
        &[("东镇", "镇")],
        &[(2026, vec![])],
        &[
            (jan, [700.0, 90.0, 4.8, 760.0]),
            (feb, [700.0, 90.0, 4.8, 760.0]),
        ],
    );
    let row = |c: f64| vec![foreign("新设", "美元", Some(c), None, None)];
    fx.submit(
        jan,
        "东镇_2026-01.xlsx",
        &form("东镇", jan, "万美元", row(100.0)),
    );
    let mut february = form("东镇", feb, "万美元", row(60.0));
    // 1-2月: 100 + 60 = 160 received; the unit writes 190.
    february.summary = Some(vec![SummaryRow {
        indicator: Indicator::ContractedFdi,
        this_month: 60.0,
        cumulative: 190.0,
        last_year: None,
    }]);
    fx.submit(feb, "东镇_2026-02.xlsx", &february);
    let config = fx.config(Some(feb));
    let reference = zhaoshang::reference::Reference::load(&config).unwrap();
    let checked =
        zhaoshang::app::pipeline::read_and_check(&config, &reference, &[jan, feb]).unwrap();
    let issues: Vec<_> = checked
        .subs
        .iter()
        .flat_map(|s| &s.issues)
        .filter(|i| i.rule.id() == "cross.cumulative_mismatch")
        .collect();
    assert_eq!(issues.len(), 1, "{issues:?}");
    let issue = issues[0];
    assert_eq!(issue.location.file, "submissions/2026-02/东镇_2026-02.xlsx");
    assert_eq!(issue.location.a1().as_deref(), Some("D4"));
    assert!(
        issue
            .message
            .contains("1-2月累计为 190，已收到的 1-2 月报表合计为 160（万美元），相差 30"),
        "{issue}"
    );
    assert_eq!(issue.severity(), Severity::Warning);

    // Without January on file there is nothing to compare with.
    std::fs::remove_file(fx.data.join("submissions/2026-01/东镇_2026-01.xlsx")).unwrap();
    let checked =
        zhaoshang::app::pipeline::read_and_check(&config, &reference, &[jan, feb]).unwrap();
    assert!(checked
        .subs
        .iter()
        .flat_map(|s| &s.issues)
        .all(|i| i.rule.id() != "cross.cumulative_mismatch"));
}

#[test]
fn the_audit_has_a_sheet_for_each_unit_with_problems() {
    let fx = small_fixture();
    put(&fx, "东镇_2026-10.xlsx", Grid::detail().set("J4", "约100"));
    let zone = Grid::detail()
        .set("A1", "2026年10月甲区招商引资项目明细表")
        .set("A2", "填报单位：甲区管委会　　单位：万美元");
    put(&fx, "甲区_2026-10.xlsx", zone);
    let outcome = fx.run(ym(2026, 10));
    let workbook: calamine::Xlsx<_> = calamine::open_workbook(&outcome.audit).unwrap();
    use calamine::Reader;
    assert_eq!(
        workbook.sheet_names(),
        vec!["报表接收", "问题清单", "报送情况", "修订记录", "东镇"],
        "甲区 has no problem and gets no sheet"
    );
    let sheet = crate::common::read_sheet(&outcome.audit, "东镇");
    let text = |r, c| crate::common::cell(&sheet, r, c);
    use crate::common::Cell::Text;
    assert_eq!(text(2, 0), Text("月份".into()));
    assert_eq!(text(3, 0), Text("2026-10".into()));
    assert_eq!(
        text(3, 1),
        Text("submissions/2026-10/东镇_2026-10.xlsx".into())
    );
    assert_eq!(text(3, 2), Text("项目明细".into()));
    assert_eq!(text(3, 3), Text("J4".into()));
    assert_eq!(text(3, 4), Text("约100".into()));
    assert_eq!(text(3, 5), Text("cell.not_a_number".into()));
    assert_eq!(text(3, 6), Text("错误".into()));
    // The 合计 is not checked against rows that lack the unreadable cell:
    // that would only repeat the error (no cascades).
    assert_eq!(sheet.height(), 4, "one issue, one row");
}

#[test]
fn arrival_on_a_project_never_signed_in_any_month_on_hand() {
    let months: Vec<YearMonth> = (8..=12)
        .map(|m| ym(2025, m))
        .chain((1..=9).map(|m| ym(2026, m)))
        .collect();
    let rates: Vec<_> = months
        .iter()
        .map(|&m| (m, [700.0, 90.0, 4.8, 760.0]))
        .collect();
    let fx = Fixture::new(&[("东镇", "镇")], &[(2026, vec![])], &rates);
    let named = |event: &str, project: &str, amounts: [Option<f64>; 3]| DetailRow {
        project: project.to_string(),
        ..foreign(event, "美元", amounts[0], amounts[1], amounts[2])
    };
    let file = |m: YearMonth| format!("东镇_{m}.xlsx");
    // 2025-08: 光电 signed, thirteen months before the arrival: on hand, so found.
    // 2025-09: 精密 signed, twelve months before.
    for &m in &months[..months.len() - 1] {
        let signed = match (m.year, m.month) {
            (2025, 8) => "东镇光电有限公司",
            (2025, 9) => "东镇精密有限公司",
            _ => "东镇其他有限公司",
        };
        let row = named("新设", signed, [Some(100.0), None, None]);
        fx.submit(m, &file(m), &form("东镇", m, "万美元", vec![row]));
    }
    let sept = ym(2026, 9);
    let arrivals = vec![
        // Traditional and a full-width space: the same name as 2025-09's.
        named("到资", "東鎮　精密有限公司", [None, None, Some(40.0)]),
        named("到资", "东镇光电有限公司", [None, None, Some(30.0)]),
    ];
    fx.submit(sept, &file(sept), &form("东镇", sept, "万美元", arrivals));

    let config = fx.config(Some(sept));
    let reference = zhaoshang::reference::Reference::load(&config).unwrap();
    let found = |months: &[YearMonth]| {
        let checked =
            zhaoshang::app::pipeline::read_and_check(&config, &reference, months).unwrap();
        checked
            .subs
            .into_iter()
            .flat_map(|s| s.issues)
            .filter(|i| i.rule.id() == "cross.arrival_without_contract")
            .collect::<Vec<_>>()
    };
    assert!(
        found(&months).is_empty(),
        "光电 was signed in 2025-08, a month on hand: {:?}",
        found(&months)
    );
    // Without 2025-08 on hand, 光电's contract is nowhere in the forms.
    std::fs::remove_file(fx.data.join("submissions/2025-08/东镇_2025-08.xlsx")).unwrap();
    let issues = found(&months);
    assert_eq!(issues.len(), 1, "{issues:?}");
    let issue = &issues[0];
    assert_eq!(issue.location.file, "submissions/2026-09/东镇_2026-09.xlsx");
    assert_eq!(issue.location.sheet.as_deref(), Some("项目明细"));
    assert_eq!(issue.location.a1().as_deref(), Some("L5"));
    assert_eq!(issue.raw.as_deref(), Some("东镇光电有限公司"));
    assert!(
        issue.message.contains(
            "「东镇光电有限公司」到资 30 万美元，但本单位 2025-09至2026-09 的报表中没有该项目的新设或增资记录"
        ),
        "{issue}"
    );
    assert_eq!(issue.severity(), Severity::Warning);

    // With 2025-10 not on hand the twelve months cannot be looked through: no warning.
    std::fs::remove_file(fx.data.join("submissions/2025-10/东镇_2025-10.xlsx")).unwrap();
    assert!(found(&months).is_empty());
}

#[test]
fn hidden_rows_and_columns_are_counted_and_named() {
    // Row 5 (the 到资 row, 到帐外资 50) and column K (注册外资) hidden, as a
    // unit hides what it thinks is done with; Excel's SUM still counts them.
    let grid = Grid::detail().hide("5").hide("K");
    let severity = expect_rule(grid.clone(), "row.hidden", Some("A5"), "这一行被隐藏");
    assert_eq!(severity, Severity::Warning);
    expect_rule(
        grid.clone(),
        "structure.hidden_column",
        Some("K3"),
        "「注册外资」列被隐藏",
    );
    let fx = small_fixture();
    let sub = check(&fx, &put(&fx, "东镇.xlsx", grid), ym(2026, 10));
    let amount = |indicator| -> f64 {
        sub.facts
            .iter()
            .filter(|f| f.indicator == indicator)
            .map(|f| f.amount)
            .sum()
    };
    assert_eq!(amount(Indicator::RegisteredFdi), 80.0);
    assert_eq!(amount(Indicator::ArrivedFdi), 70.0);
    // Nothing else: the 合计 still adds up with the hidden row in it.
    assert_eq!(sub.issues.len(), 2, "{:?}", sub.issues);
}

#[test]
fn a_subtotal_is_checked_against_its_own_rows() {
    // 新设小计 on row 5 covers row 4; 到资小计 on row 7 covers row 6 (到帐外资
    // 50) but says 45; the 合计 on row 8 covers rows 4 and 6 and is right.
    let subtotal = |label, amounts: [&'static str; 4]| {
        let mut row = vec!["", label, "", "", "", "", "", ""];
        row.extend(amounts);
        row
    };
    let grid = Grid::new(
        "项目明细",
        vec![
            vec!["2026年10月东镇招商引资项目明细表"],
            vec!["填报单位：东镇人民政府　　单位：万美元"],
            DETAIL_HEADERS.to_vec(),
            template_row1(),
            subtotal("新设小计", ["200", "100", "80", "20"]),
            template_row2(),
            subtotal("到资小计", ["", "", "", "45"]),
            subtotal("合计", ["200", "100", "80", "70"]),
            vec![],
            vec!["填表人：张三"],
        ],
    );
    expect_rule(
        grid,
        "cross.total_mismatch",
        Some("L7"),
        "为 45，各行相加为 50，相差 -5",
    );
}

#[test]
fn a_file_checked_on_its_own_with_no_month_anywhere() {
    let fx = small_fixture();
    let grid = Grid::detail().set("A1", "东镇招商引资项目明细表");
    let path = fx.data.join("incoming").join("东镇.xlsx");
    grid.write(&path);
    let config = fx.config(None);
    let subs = zhaoshang::app::pipeline::check_files(&config, &[path])
        .unwrap()
        .subs;
    let issue = subs[0]
        .issues
        .iter()
        .find(|i| i.rule.id() == "structure.period_not_found")
        .unwrap_or_else(|| panic!("{:?}", subs[0].issues));
    assert!(
        issue
            .message
            .contains("标题和文件名都没有写明是哪年哪月的报表"),
        "{issue}"
    );
    assert_eq!(issue.severity(), Severity::Error);
    assert_eq!(status(&subs[0]), Status::Rejected);
}
