//! Forms nobody here wrote: units lines with notes and second units, industries
//! written as code and name, header words by meaning, total rows anywhere,
//! what a problem costs, 填报单位 with the county's name. A hand-made workbook
//! per point; expected figures worked out by hand (small fixture, 2026-10:
//! USD 720, HKD 92 CNY per 100).

use crate::common::{
    check, read_sheet, row_of, small_fixture, template_row1, template_row2, total, ym, Fixture,
    Grid,
};
use std::path::PathBuf;
use zhaoshang::audit::{status, Status};
use zhaoshang::demo::form::DETAIL_HEADERS;
use zhaoshang::foundation::issue::Severity;
use zhaoshang::foundation::model::Indicator::{self, *};
use zhaoshang::foundation::unit_id::UnitId;
use zhaoshang::normalize::submission::NormalizedSubmission;

const TITLE: &str = "2026年10月东镇招商引资项目明细表";
const FOOTER: &str = "填表人：张三　　审核人：李四";

/// A 内资 新设 of 300 注册 and 200 到位 in the sheet's domestic unit.
fn domestic_row() -> Vec<&'static str> {
    vec![
        "3",
        "丙内资项目",
        "上海丙集团",
        "内资",
        "上海",
        "",
        "汽车零部件",
        "新设",
        "",
        "",
        "300",
        "200",
        "",
        "2026年10月5日",
        "",
    ]
}

fn put(fx: &Fixture, name: &str, grid: &Grid) -> PathBuf {
    let path = fx.data.join("submissions/2026-10").join(name);
    grid.write(&path);
    path
}

fn read(grid: &Grid) -> NormalizedSubmission {
    let fx = small_fixture();
    let path = put(&fx, "东镇.xlsx", grid);
    check(&fx, &path, ym(2026, 10))
}

fn listed(sub: &NormalizedSubmission) -> String {
    sub.issues
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_totals(what: &str, sub: &NormalizedSubmission, expected: &[(Indicator, f64)]) {
    for &(indicator, amount) in expected {
        let actual = total(sub, indicator);
        assert!(
            (actual - amount).abs() <= 1e-9 * amount.abs().max(1.0),
            "{what}: {indicator:?} expected {amount}, got {actual}\n{}",
            listed(sub)
        );
    }
}

/// The template's two foreign rows and the domestic row under `above`.
fn with_domestic(above: Vec<Vec<&'static str>>) -> Grid {
    let mut rows = above;
    rows.push(DETAIL_HEADERS.to_vec());
    rows.push(template_row1());
    rows.push(template_row2());
    rows.push(domestic_row());
    rows.push(vec![
        "", "合计", "", "", "", "", "", "", "200", "100", "380", "270",
    ]);
    rows.push(vec![]);
    rows.push(vec![FOOTER]);
    Grid::new("项目明细", rows)
}

#[test]
fn units_lines_with_notes_scopes_and_a_unit_for_domestic_capital() {
    let in_wan = [
        (ContractedFdi, 100.0),
        (RegisteredFdi, 80.0),
        (ArrivedFdi, 70.0),
        (TotalInvestment, 200.0),
        (DomesticRegistered, 300.0),
        (DomesticArrived, 200.0),
    ];
    for text in [
        "填报单位：东镇人民政府　　单位：万美元（内资为万元）　　报出日期：2026年11月5日",
        "填报单位：东镇人民政府　单位：万美元、万元、个",
        "填报单位：东镇人民政府　外资：万美元；内资：万元",
        "填报单位：东镇人民政府　金额单位：万美元　企业数：个",
        "填报单位：东镇人民政府　單位：萬美元（內資為萬元）",
    ] {
        let sub = read(&with_domestic(vec![vec![TITLE], vec![text]]));
        assert!(sub.issues.is_empty(), "{text}:\n{}", listed(&sub));
        assert_totals(text, &sub, &in_wan);
    }
    // 美元 for foreign amounts, 万元 for domestic: the foreign figures / 10,000.
    let sub = read(&with_domestic(vec![
        vec![TITLE],
        vec!["填报单位：东镇人民政府　　单位：美元（内资为万元）"],
    ]));
    assert!(sub.issues.is_empty(), "{}", listed(&sub));
    assert_totals(
        "美元 with 内资为万元",
        &sub,
        &[
            (ContractedFdi, 0.01),
            (RegisteredFdi, 0.008),
            (ArrivedFdi, 0.007),
            (DomesticRegistered, 300.0),
            (DomesticArrived, 200.0),
        ],
    );
    // The units line on a row of its own, and at the end of the title.
    for above in [
        vec![
            vec![TITLE],
            vec!["填报单位：东镇人民政府"],
            vec!["单位：万美元（内资为万元）"],
        ],
        vec![
            vec!["2026年10月东镇招商引资项目明细表（单位：万美元）"],
            vec!["填报单位：东镇人民政府"],
        ],
    ] {
        let sub = read(&with_domestic(above));
        assert!(sub.issues.is_empty(), "{}", listed(&sub));
        assert_totals("units line placed apart", &sub, &in_wan);
    }
}

#[test]
fn two_units_for_the_same_amounts_are_an_error_naming_both() {
    // One conflict at `cell` naming both units, and the file kept out.
    let expect_conflict = |grid: Grid, cell: &str| {
        let sub = read(&grid);
        let conflict: Vec<_> = sub
            .issues
            .iter()
            .filter(|i| i.rule.id() == "structure.money_unit_conflict")
            .collect();
        assert_eq!(conflict.len(), 1, "{}", listed(&sub));
        assert_eq!(conflict[0].location.a1().as_deref(), Some(cell));
        assert!(conflict[0].message.contains("万美元") && conflict[0].message.contains("千美元"));
        assert_eq!(status(&sub), Status::Rejected);
    };
    expect_conflict(
        Grid::detail().set("A2", "填报单位：东镇人民政府　单位：万美元、千美元"),
        "A2",
    );
    // A header in the same currency and another magnitude contradicts the units line.
    expect_conflict(Grid::detail().set("J3", "合同外资（千美元）"), "J3");

    // A header in another currency states its own column: 总投资 in 万元.
    // 200万元 at 720 CNY per 100 USD = 27.777… 万美元.
    // (Row 4's 币种 cleared: a 币种 of 美元 would say otherwise for the row.)
    let sub = read(&Grid::detail().set("I3", "总投资（万元）").set("M4", ""));
    assert!(sub.issues.is_empty(), "{}", listed(&sub));
    assert_totals(
        "总投资 in 万元",
        &sub,
        &[(TotalInvestment, 200.0 / 7.2), (ContractedFdi, 100.0)],
    );
}

#[test]
fn industries_and_sources_by_structure() {
    let sub = read(
        &Grid::detail()
            .set("G4", "26化学原料和化学制品制造业")
            .set("G5", "C3911")
            .set("E4", "香港特别行政区")
            .set("E5", "JP"),
    );
    assert!(sub.issues.is_empty(), "{}", listed(&sub));
    for fact in &sub.facts {
        let expected = if fact.provenance.row == 3 {
            ("26", "中国香港")
        } else {
            ("39", "日本")
        };
        assert_eq!(
            (fact.industry.as_deref(), fact.source.as_deref()),
            (Some(expected.0), Some(expected.1)),
            "{fact:?}"
        );
    }

    // A code and a name that disagree: counted by the code, a warning naming both.
    let sub = read(&Grid::detail().set("G4", "26纺织业"));
    let found: Vec<_> = sub.issues.iter().collect();
    assert_eq!(found.len(), 1, "{}", listed(&sub));
    assert_eq!(found[0].rule.id(), "cell.industry_code_name_mismatch");
    assert_eq!(found[0].location.a1().as_deref(), Some("G4"));
    assert!(found[0].message.contains("26") && found[0].message.contains("纺织业"));
    assert_eq!(status(&sub), Status::AcceptedWithWarnings);
    assert!(sub
        .facts
        .iter()
        .filter(|f| f.provenance.row == 3)
        .all(|f| f.industry.as_deref() == Some("26")));
}

#[test]
fn an_unclassifiable_industry_keeps_the_figures_in_under_dai_he_shi() {
    let fx = small_fixture();
    put(&fx, "东镇.xlsx", &Grid::detail().set("G4", "量子纠缠"));
    let sub = check(
        &fx,
        &fx.data.join("submissions/2026-10/东镇.xlsx"),
        ym(2026, 10),
    );
    assert_eq!(sub.issues.len(), 1, "{}", listed(&sub));
    assert_eq!(sub.issues[0].rule.id(), "cell.industry_unknown");
    assert_eq!(sub.issues[0].severity(), Severity::Warning);
    assert_eq!(status(&sub), Status::AcceptedWithWarnings);
    assert_totals(
        "待核实",
        &sub,
        &[(ContractedFdi, 100.0), (ArrivedFdi, 70.0)],
    );

    let outcome = fx.run(ym(2026, 10));
    let sheet = read_sheet(&outcome.bulletin, "分行业");
    let row = row_of(&sheet, "待核实");
    // Row 4's 合同外资 100 万美元 is the only 合同外资 of the month.
    let holds_100 = (0..sheet.width() as u32).any(|c| {
        matches!(sheet.get_value((row, c)), Some(calamine::Data::Float(v)) if (v - 100.0).abs() < 1e-9)
    });
    assert!(holds_100, "the 待核实 row shows the 100 万美元");

    // The bureau may make it an error instead.
    let settings = fx.data.join("settings.toml");
    let mut text = std::fs::read_to_string(&settings).unwrap();
    text.push_str("\n[audit.severity]\n\"cell.industry_unknown\" = \"error\"\n");
    std::fs::write(&settings, text).unwrap();
    let subs = zhaoshang::app::pipeline::check_files(
        &fx.config(None),
        &[fx.data.join("submissions/2026-10/东镇.xlsx")],
    )
    .unwrap()
    .subs;
    assert_eq!(subs[0].issues[0].severity(), Severity::Error);
    assert_eq!(status(&subs[0]), Status::Rejected);
}

#[test]
fn headers_by_meaning_with_qualifiers_and_unknown_columns_listed() {
    let header = vec![
        "序号",
        "项目（企业）名称",
        "外方投资者",
        "内外资",
        "国别（地区）",
        "实际来源地",
        "所属行业类别",
        "类型",
        "投资总额",
        "合同外资金额",
        "外方注册资本",
        "实际使用外资",
        "币别",
        "批准时间",
        "联系人",
    ];
    let mut rows = vec![
        vec!["2026年10月东镇合同外资、到帐外资项目情况表"],
        vec!["注：合同外资、注册外资按新口径统计"],
        vec![],
        vec!["填报单位：东镇人民政府　　单位：万美元"],
        vec![],
        header,
        template_row1(),
        template_row2(),
    ];
    rows.push(vec![
        "", "合计", "", "", "", "", "", "", "200", "100", "80", "70",
    ]);
    let sub = read(&Grid::new("Sheet1", rows));
    assert_eq!(sub.issues.len(), 1, "{}", listed(&sub));
    let info = &sub.issues[0];
    assert_eq!(info.rule.id(), "structure.unknown_column");
    assert_eq!(info.severity(), Severity::Info);
    assert_eq!(info.location.a1().as_deref(), Some("O6"));
    assert!(info.message.contains("联系人"), "{info}");
    assert_totals(
        "headers by meaning",
        &sub,
        &[
            (TotalInvestment, 200.0),
            (ContractedFdi, 100.0),
            (RegisteredFdi, 80.0),
            (ArrivedFdi, 70.0),
            (NewFieCount, 1.0),
        ],
    );
}

#[test]
fn a_total_row_is_found_whatever_column_its_label_stands_in() {
    for (cell, label) in [
        ("A6", "合计"),
        ("E6", "合　计"),
        ("M6", "總計"),
        ("D6", "小计"),
    ] {
        let grid = Grid::detail().set("B6", "").set(cell, label);
        let sub = read(&grid);
        assert!(
            sub.issues.is_empty(),
            "{label} in {cell}:\n{}",
            listed(&sub)
        );
        assert_eq!(sub.facts.len(), 6, "{label} in {cell}");
        // It is read as the total: a wrong figure in it is named.
        let sub = read(&grid.set("J6", "150"));
        let found: Vec<_> = sub.issues.iter().map(|i| i.rule.id()).collect();
        assert_eq!(found, vec!["cross.total_mismatch"], "{label} in {cell}");
        assert_eq!(status(&sub), Status::AcceptedWithWarnings);
    }
}

#[test]
fn a_rejected_part_sets_off_no_further_checks() {
    // No period anywhere (title, folder): the period error only, no "该行没有
    // 任何金额" and no 合计 difference from rows that were never added up.
    let fx = small_fixture();
    let path = fx.data.join("loose/东镇.xlsx");
    Grid::detail()
        .set("A1", "东镇招商引资项目明细表")
        .write(&path);
    let reference = zhaoshang::reference::Reference::load(&fx.config(None)).unwrap();
    let file = zhaoshang::ingest::SubmissionFile {
        path: path.clone(),
        name: "东镇.xlsx".to_string(),
        folder_month: None,
    };
    let sub = zhaoshang::app::pipeline::check_file(&file, &reference, &Default::default());
    let rules: Vec<_> = sub.issues.iter().map(|i| i.rule.id()).collect();
    assert_eq!(
        rules,
        vec!["structure.period_not_found"],
        "{}",
        listed(&sub)
    );

    // A cell that is not a number: that error only, not the 合计 it upsets.
    let sub = read(&Grid::detail().set("K4", "八十"));
    let rules: Vec<_> = sub.issues.iter().map(|i| i.rule.id()).collect();
    assert_eq!(rules, vec!["cell.not_a_number"], "{}", listed(&sub));
}

#[test]
fn the_reporting_unit_with_the_county_name_in_full_or_short() {
    let fx = small_fixture();
    for (written, unit) in [
        ("测试县东镇人民政府", "东镇"),
        ("测试东镇人民政府", "东镇"),
        ("测试县甲区管理委员会", "甲区"),
        ("测试甲区管委会", "甲区"),
        ("东镇街道办事处", "东镇"),
    ] {
        let grid = Grid::detail()
            .set("A1", "2026年10月招商引资项目明细表")
            .set("A2", &format!("填报单位：{written}　　单位：万美元"));
        let path = put(&fx, "报表.xlsx", &grid);
        let sub = check(&fx, &path, ym(2026, 10));
        assert_eq!(
            sub.unit.as_ref().map(UnitId::as_str),
            Some(unit),
            "{written}\n{}",
            listed(&sub)
        );
        assert!(sub.issues.is_empty(), "{written}\n{}", listed(&sub));
    }
    let grid = Grid::detail()
        .set("A1", "2026年10月招商引资项目明细表")
        .set("A2", "填报单位：测试县北镇人民政府　　单位：万美元");
    let sub = check(&fx, &put(&fx, "报表.xlsx", &grid), ym(2026, 10));
    let unknown = sub
        .issues
        .iter()
        .find(|i| i.rule.id() == "structure.unit_unknown")
        .unwrap_or_else(|| panic!("{}", listed(&sub)));
    assert!(unknown.message.contains("东镇"), "closest named: {unknown}");
    assert_eq!(status(&sub), Status::Rejected);
}

#[test]
fn domestic_capital_in_columns_of_its_own() {
    // 注册内资 and 到位内资 columns beside the foreign ones: 内资 rows take
    // theirs; a 外资 row leaves them blank.
    let mut header = DETAIL_HEADERS.to_vec();
    header.extend(["注册内资（万元）", "到位内资（万元）"]);
    let mut domestic = domestic_row();
    domestic[10] = "";
    domestic[11] = "";
    domestic.extend(["300", "200"]);
    let rows = vec![
        vec![TITLE],
        vec!["填报单位：东镇人民政府　　单位：万美元"],
        header,
        template_row1(),
        template_row2(),
        domestic,
        vec![
            "", "合计", "", "", "", "", "", "", "200", "100", "80", "70", "", "", "", "300", "200",
        ],
    ];
    let sub = read(&Grid::new("项目明细", rows));
    assert!(sub.issues.is_empty(), "{}", listed(&sub));
    assert_totals(
        "内资 columns",
        &sub,
        &[
            (RegisteredFdi, 80.0),
            (ArrivedFdi, 70.0),
            (DomesticRegistered, 300.0),
            (DomesticArrived, 200.0),
            (NewDomesticCount, 1.0),
        ],
    );
}

#[test]
fn a_unit_named_only_in_the_title() {
    let fx = small_fixture();
    let grid = Grid::detail()
        .set("A1", "测试县甲区2026年10月招商引资项目明细表")
        .set("A2", "单位：万美元");
    let sub = check(&fx, &put(&fx, "报表.xlsx", &grid), ym(2026, 10));
    assert_eq!(
        sub.unit.as_ref().map(UnitId::as_str),
        Some("甲区"),
        "{}",
        listed(&sub)
    );
    assert!(sub.issues.is_empty(), "{}", listed(&sub));
}
