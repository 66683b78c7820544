//! Summary sheets (汇总表) as counties lay them out: the names column headed by
//! any word, a period heading over 本月 | 累计, a summary laid across in one
//! header row, figures of the trade this system does not count, and a summary
//! in 亿 checked against the detail as closely as its last digit allows. A
//! hand-made workbook per point; every expected figure is typed in the sheet.

use crate::common::{check, small_fixture, total, write_grids, ym, Grid};
use zhaoshang::foundation::issue::Severity;
use zhaoshang::foundation::model::Indicator::*;
use zhaoshang::normalize::submission::NormalizedSubmission;

const TITLE: &str = "2026年1-10月东镇招商引资情况汇总表";
const META: &str = "填报单位：东镇人民政府　　单位：万美元";

fn read(grids: &[Grid]) -> NormalizedSubmission {
    let fx = small_fixture();
    let path = fx.data.join("submissions/2026-10/东镇.xlsx");
    write_grids(&path, grids);
    check(&fx, &path, ym(2026, 10))
}

fn listed(sub: &NormalizedSubmission) -> String {
    let lines: Vec<String> = sub.issues.iter().map(|i| i.to_string()).collect();
    lines.join("\n")
}

fn rules(sub: &NormalizedSubmission, severity: Severity) -> Vec<&'static str> {
    sub.issues
        .iter()
        .filter(|i| i.severity() == severity)
        .map(|i| i.rule.id())
        .collect()
}

/// No error and no warning; information may be listed.
fn assert_clean(what: &str, sub: &NormalizedSubmission) {
    assert!(
        rules(sub, Severity::Error).is_empty() && rules(sub, Severity::Warning).is_empty(),
        "{what}:\n{}",
        listed(sub)
    );
}

fn assert_month(what: &str, sub: &NormalizedSubmission, contracted: f64, arrived: f64) {
    for (indicator, expected) in [(ContractedFdi, contracted), (ArrivedFdi, arrived)] {
        let actual = total(sub, indicator);
        assert!(
            (actual - expected).abs() < 1e-9,
            "{what}: {indicator:?} expected {expected}, got {actual}\n{}",
            listed(sub)
        );
    }
}

#[test]
fn the_names_column_may_be_headed_by_any_word() {
    // "类别" heads 资本类别 on a detail form; here its cells name indicators,
    // and the 累计 column stands before the 本月 one.
    for word in ["类别", "项目", "主要指标", ""] {
        let sub = read(&[Grid::new(
            "汇总",
            vec![
                vec![TITLE],
                vec![META],
                vec![word, "自年初累计", "本月数"],
                vec!["合同外资", "500", "100"],
                vec!["实际到帐外资", "90", "30"],
                vec!["新设外资企业数", "4", "1"],
            ],
        )]);
        assert_clean(word, &sub);
        assert_month(word, &sub, 100.0, 30.0);
        assert_eq!(total(&sub, NewFieCount), 1.0, "{word}");
    }
}

#[test]
fn a_period_heading_over_this_month_and_cumulative() {
    // 本年 / 完成情况 / 本期数 over 10月份 | 1-10月; the 指标 label merged down.
    for parent in ["本年", "完成情况", "本期数"] {
        let sub = read(&[Grid::new(
            "汇总",
            vec![
                vec![TITLE],
                vec![META],
                vec!["指标", parent, ""],
                vec!["", "10月份", "1-10月"],
                vec!["一、外资"],
                vec!["合同外资", "100", "500"],
                vec!["到帐外资", "30", "90"],
            ],
        )
        .merge("A3:A4")
        .merge("B3:C3")]);
        assert_clean(parent, &sub);
        assert_month(parent, &sub, 100.0, 30.0);
    }
}

#[test]
fn a_summary_laid_across_in_one_header_row() {
    // Each header cell glues an indicator to its period; the parts' rows add
    // up: 合同外资 60 + 40 = 100, 到帐外资 10 + 20 = 30.
    let sub = read(&[Grid::new(
        "汇总",
        vec![
            vec![TITLE],
            vec![META],
            vec![
                "责任单位",
                "合同外资本月",
                "合同外资1-10月累计",
                "实际到帐外资（万美元）当月数",
                "实际到帐外资（万美元）累计",
            ],
            vec!["一片区", "60", "300", "10", "50"],
            vec!["二片区", "40", "200", "20", "40"],
            vec!["全镇合计", "100", "500", "30", "90"],
        ],
    )]);
    assert_clean("laid across", &sub);
    assert_month("laid across", &sub, 100.0, 30.0);
}

#[test]
fn figures_of_the_trade_not_counted_are_information() {
    // 招商引资总额 (domestic and foreign together) and a count of projects by
    // size are not amounts of ours: said as information, never read as
    // 到帐外资 or 总投资. A label naming nothing known stays a warning.
    let sub = read(&[Grid::new(
        "汇总",
        vec![
            vec![TITLE],
            vec![META],
            vec!["指标", "本月", "累计"],
            vec!["合同外资", "100", "500"],
            vec!["到帐外资", "30", "90"],
            vec!["招商引资（到位）总额（万元）", "5000", "20000"],
            vec!["其中：总投资1000万美元以上项目", "2", "6"],
            vec!["超千万美元外资项目（个）", "1", "3"],
            vec!["其他", "7", "9"],
        ],
    )]);
    assert_month("uncounted", &sub, 100.0, 30.0);
    assert_eq!(total(&sub, TotalInvestment), 0.0, "{}", listed(&sub));
    assert_eq!(
        rules(&sub, Severity::Error),
        Vec::<&str>::new(),
        "{}",
        listed(&sub)
    );
    assert_eq!(
        rules(&sub, Severity::Info),
        vec!["structure.uncounted_indicator"; 3],
        "{}",
        listed(&sub)
    );
    assert_eq!(
        rules(&sub, Severity::Warning),
        vec!["structure.unknown_indicator"],
        "{}",
        listed(&sub)
    );
}

#[test]
fn a_summary_in_yi_is_as_close_as_its_last_digit() {
    // The detail's 合同外资 is 123.4 + 0 = 123.4 万美元 (row 4's 100 changed,
    // the 合计 with it). "0.0123" 亿美元 is 123 万 ± 0.5: it agrees. "0.0110"
    // is 110 万 ± 0.5, 13.4 off: a warning.
    let detail = Grid::detail().set("J4", "123.4").set("J6", "123.4");
    let summary = |contracted: &str| {
        Grid::new(
            "汇总",
            vec![
                vec![TITLE],
                vec!["填报单位：东镇人民政府　　单位：亿美元"],
                vec!["指标", "本月", "1-10月累计"],
                vec!["合同外资", contracted, "0.05"],
            ],
        )
    };
    let agrees = read(&[detail.clone(), summary("'0.0123")]);
    assert_clean("0.0123 亿", &agrees);
    assert_eq!(total(&agrees, ContractedFdi), 123.4);
    let differs = read(&[detail, summary("'0.0110")]);
    assert_eq!(
        rules(&differs, Severity::Warning),
        vec!["cross.summary_detail_mismatch"],
        "{}",
        listed(&differs)
    );
}

#[test]
fn a_domestic_row_says_none_in_the_foreign_columns() {
    // No 资本类别 column: row 2's 外资 cells say 0, - and 无, its 内资
    // columns hold 300 and 200: it is 内资 (one new domestic project).
    let sub = read(&[Grid::new(
        "明细",
        vec![
            vec!["2026年10月东镇招商引资项目明细表"],
            vec![META],
            vec![
                "序号",
                "项目名称",
                "来源地",
                "行业",
                "事项",
                "合同外资",
                "注册外资",
                "到帐外资",
                "注册内资（万元）",
                "到位内资（万元）",
            ],
            vec![
                "1",
                "甲项目",
                "香港",
                "电子",
                "新设",
                "100",
                "80",
                "20",
                "",
                "",
            ],
            vec![
                "2",
                "丙内资项目",
                "上海",
                "电子",
                "新设",
                "0",
                "-",
                "无",
                "300",
                "200",
            ],
        ],
    )]);
    assert_clean("内资 row", &sub);
    for (indicator, expected) in [
        (ContractedFdi, 100.0),
        (RegisteredFdi, 80.0),
        (ArrivedFdi, 20.0),
        (NewFieCount, 1.0),
        (DomesticRegistered, 300.0),
        (DomesticArrived, 200.0),
        (NewDomesticCount, 1.0),
    ] {
        assert_eq!(
            total(&sub, indicator),
            expected,
            "{indicator:?}\n{}",
            listed(&sub)
        );
    }
}
