//! The by-region sheet on a hand-worked fixture: two zones, two towns, two
//! years, HKD converted at two months' rates, a 减资, and 西镇 missing the
//! report month. Every expected figure below is worked out by hand from the
//! rows written, never by calling the code under test.

use crate::common::{assert_cell, domestic, foreign, form, read_sheet, row_of, ym, Cell, Fixture};

const P: f64 = 10.0 / 12.0 * 100.0; // 时序进度 for October

fn n(x: f64) -> Cell {
    Cell::Num(x)
}
fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}
fn dash() -> Cell {
    t("—")
}

fn fixture() -> Fixture {
    let target = |v: [Option<f64>; 6]| v;
    let fx = Fixture::new(
        &[
            ("甲区", "开发区"),
            ("乙区", "开发区"),
            ("东镇", "镇"),
            ("西镇", "镇"),
        ],
        &[(
            2026,
            vec![
                (
                    "甲区".into(),
                    target([Some(300.0), Some(400.0), Some(150.0), Some(4.0), None, None]),
                ),
                (
                    "乙区".into(),
                    target([Some(100.0), Some(100.0), Some(100.0), Some(2.0), None, None]),
                ),
                (
                    "东镇".into(),
                    target([
                        Some(50.0),
                        Some(50.0),
                        Some(100.0),
                        Some(2.0),
                        Some(1000.0),
                        Some(500.0),
                    ]),
                ),
                (
                    "西镇".into(),
                    target([Some(10.0), Some(10.0), Some(10.0), Some(1.0), None, None]),
                ),
            ],
        )],
        &[
            (ym(2025, 3), [700.0, 90.0, 4.7, 770.0]),
            (ym(2025, 10), [705.0, 90.5, 4.75, 775.0]),
            (ym(2026, 9), [710.0, 91.0, 4.8, 780.0]),
            (ym(2026, 10), [720.0, 92.0, 4.9, 790.0]),
        ],
    );
    let usd = "美元";
    let submit = |m, unit: &str, rows| {
        fx.submit(m, &format!("{unit}.xlsx"), &form(unit, m, "万美元", rows));
    };
    submit(
        ym(2025, 3),
        "甲区",
        vec![foreign("到资", usd, None, None, Some(30.0))],
    );
    submit(
        ym(2025, 10),
        "甲区",
        vec![foreign("新设", usd, Some(100.0), Some(80.0), Some(20.0))],
    );
    submit(
        ym(2025, 10),
        "乙区",
        vec![foreign("到资", usd, None, None, Some(50.0))],
    );
    submit(
        ym(2025, 10),
        "东镇",
        vec![
            foreign("新设", usd, Some(40.0), Some(40.0), None),
            domestic(500.0, 200.0),
        ],
    );
    submit(
        ym(2025, 10),
        "西镇",
        vec![foreign("增资", usd, Some(10.0), Some(10.0), None)],
    );
    submit(
        ym(2026, 9),
        "甲区",
        vec![foreign("新设", "港元", Some(1000.0), Some(800.0), None)],
    );
    // 减资 written as a positive amount: it counts negative.
    submit(
        ym(2026, 9),
        "乙区",
        vec![foreign("减资", usd, Some(20.0), Some(20.0), None)],
    );
    submit(
        ym(2026, 9),
        "东镇",
        vec![foreign("到资", usd, None, None, Some(30.0))],
    );
    submit(
        ym(2026, 9),
        "西镇",
        vec![foreign("增资", usd, Some(5.0), Some(5.0), None)],
    );
    submit(
        ym(2026, 10),
        "甲区",
        vec![
            foreign("到资", "港元", None, None, Some(1000.0)),
            foreign("新设", usd, Some(50.0), Some(50.0), Some(10.0)),
        ],
    );
    submit(
        ym(2026, 10),
        "乙区",
        vec![foreign("新设", usd, Some(60.0), Some(40.0), None)],
    );
    submit(
        ym(2026, 10),
        "东镇",
        vec![
            foreign("新设", usd, Some(20.0), Some(20.0), None),
            domestic(300.0, 100.0),
        ],
    );
    // 西镇 sends nothing for October.
    fx
}

/// Column of figure `j` (0 本月 … 8 占比) of indicator slot `i` (bulletin order).
fn col(i: u32, j: u32) -> u32 {
    2 + i * 9 + j
}
const FLAGS: u32 = 2 + 6 * 9;

/// (unit, 报送情况, nine figures for each of six indicators, four flags)
type ExpectedRow = (&'static str, Cell, [[Cell; 9]; 6], [&'static str; 4]);

#[test]
fn by_region_figures_match_the_hand_worked_fixture() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 10));
    assert_eq!(outcome.receipts.received(), vec!["甲区", "乙区", "东镇"]);
    assert_eq!(outcome.receipts.missing(), vec!["西镇"]);
    assert!(outcome.receipts.rejected().is_empty());
    assert_eq!((outcome.errors, outcome.warnings), (0, 0));

    // HKD at each month's own rate: Sep 91/710, Oct 92/720 USD per HKD.
    let reg_jia = 800.0 * 91.0 / 710.0 + 50.0;
    let con_jia = 1000.0 * 91.0 / 710.0 + 50.0;
    let arr_jia = 1000.0 * 92.0 / 720.0 + 10.0;
    let county = [
        reg_jia + 20.0 + 20.0 + 5.0,
        con_jia + 40.0 + 20.0 + 5.0,
        arr_jia + 30.0,
        4.0,
        300.0,
        100.0,
    ];

    let expected: Vec<ExpectedRow> = vec![
        (
            "甲区",
            t("已报（1-8月未报）"),
            [
                [
                    n(50.0),
                    n(reg_jia),
                    n(80.0),
                    n((reg_jia / 80.0 - 1.0) * 100.0),
                    n(300.0),
                    n(reg_jia / 3.0),
                    n(reg_jia / 3.0 - P),
                    n(1.0),
                    n(reg_jia / county[0] * 100.0),
                ],
                [
                    n(50.0),
                    n(con_jia),
                    n(100.0),
                    n(con_jia - 100.0),
                    n(400.0),
                    n(con_jia / 4.0),
                    n(con_jia / 4.0 - P),
                    n(1.0),
                    n(con_jia / county[1] * 100.0),
                ],
                [
                    n(arr_jia),
                    n(arr_jia),
                    n(50.0),
                    n((arr_jia / 50.0 - 1.0) * 100.0),
                    n(150.0),
                    n(arr_jia / 1.5),
                    n(arr_jia / 1.5 - P),
                    n(1.0),
                    n(arr_jia / county[2] * 100.0),
                ],
                [
                    n(1.0),
                    n(2.0),
                    n(1.0),
                    n(100.0),
                    n(4.0),
                    n(50.0),
                    n(50.0 - P),
                    n(1.0),
                    n(50.0),
                ],
                [
                    n(0.0),
                    n(0.0),
                    n(0.0),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    n(0.0),
                ],
                [
                    n(0.0),
                    n(0.0),
                    n(0.0),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    n(0.0),
                ],
            ],
            [
                "注册外资、合同外资、新设外商投资企业数",
                "",
                "注册外资、合同外资、新设外商投资企业数",
                "注册内资、到位内资",
            ],
        ),
        (
            "乙区",
            t("已报（1-8月未报）"),
            [
                [
                    n(40.0),
                    n(20.0),
                    n(0.0),
                    dash(),
                    n(100.0),
                    n(20.0),
                    n(20.0 - P),
                    n(2.0),
                    n(20.0 / county[0] * 100.0),
                ],
                [
                    n(60.0),
                    n(40.0),
                    n(0.0),
                    dash(),
                    n(100.0),
                    n(40.0),
                    n(40.0 - P),
                    n(2.0),
                    n(40.0 / county[1] * 100.0),
                ],
                [
                    n(0.0),
                    n(0.0),
                    n(50.0),
                    n(-100.0),
                    n(100.0),
                    n(0.0),
                    n(-P),
                    n(2.0),
                    n(0.0),
                ],
                [
                    n(1.0),
                    n(1.0),
                    n(0.0),
                    dash(),
                    n(2.0),
                    n(50.0),
                    n(50.0 - P),
                    n(1.0),
                    n(25.0),
                ],
                [
                    n(0.0),
                    n(0.0),
                    n(0.0),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    n(0.0),
                ],
                [
                    n(0.0),
                    n(0.0),
                    n(0.0),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    n(0.0),
                ],
            ],
            [
                "注册外资、合同外资、到帐外资、新设外商投资企业数",
                "是",
                "注册外资、合同外资、到帐外资、新设外商投资企业数",
                "到帐外资、注册内资、到位内资",
            ],
        ),
        (
            "开发区小计",
            t(""),
            [
                [
                    n(90.0),
                    n(reg_jia + 20.0),
                    n(80.0),
                    n(((reg_jia + 20.0) / 80.0 - 1.0) * 100.0),
                    n(400.0),
                    n((reg_jia + 20.0) / 4.0),
                    n((reg_jia + 20.0) / 4.0 - P),
                    t(""),
                    n((reg_jia + 20.0) / county[0] * 100.0),
                ],
                [
                    n(110.0),
                    n(con_jia + 40.0),
                    n(100.0),
                    n(con_jia + 40.0 - 100.0),
                    n(500.0),
                    n((con_jia + 40.0) / 5.0),
                    n((con_jia + 40.0) / 5.0 - P),
                    t(""),
                    n((con_jia + 40.0) / county[1] * 100.0),
                ],
                [
                    n(arr_jia),
                    n(arr_jia),
                    n(100.0),
                    n(arr_jia - 100.0),
                    n(250.0),
                    n(arr_jia / 2.5),
                    n(arr_jia / 2.5 - P),
                    t(""),
                    n(arr_jia / county[2] * 100.0),
                ],
                [
                    n(2.0),
                    n(3.0),
                    n(1.0),
                    n(200.0),
                    n(6.0),
                    n(50.0),
                    n(50.0 - P),
                    t(""),
                    n(75.0),
                ],
                [
                    n(0.0),
                    n(0.0),
                    n(0.0),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    n(0.0),
                ],
                [
                    n(0.0),
                    n(0.0),
                    n(0.0),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    n(0.0),
                ],
            ],
            ["", "", "", ""],
        ),
        (
            "东镇",
            t("已报（1-8月未报）"),
            [
                [
                    n(20.0),
                    n(20.0),
                    n(40.0),
                    n(-50.0),
                    n(50.0),
                    n(40.0),
                    n(40.0 - P),
                    n(2.0),
                    n(20.0 / county[0] * 100.0),
                ],
                [
                    n(20.0),
                    n(20.0),
                    n(40.0),
                    n(-50.0),
                    n(50.0),
                    n(40.0),
                    n(40.0 - P),
                    n(2.0),
                    n(20.0 / county[1] * 100.0),
                ],
                [
                    n(0.0),
                    n(30.0),
                    n(0.0),
                    dash(),
                    n(100.0),
                    n(30.0),
                    n(30.0 - P),
                    n(1.0),
                    n(30.0 / county[2] * 100.0),
                ],
                [
                    n(1.0),
                    n(1.0),
                    n(1.0),
                    n(0.0),
                    n(2.0),
                    n(50.0),
                    n(50.0 - P),
                    n(1.0),
                    n(25.0),
                ],
                [
                    n(300.0),
                    n(300.0),
                    n(500.0),
                    n(-40.0),
                    n(1000.0),
                    n(30.0),
                    n(30.0 - P),
                    n(1.0),
                    n(100.0),
                ],
                [
                    n(100.0),
                    n(100.0),
                    n(200.0),
                    n(-50.0),
                    n(500.0),
                    n(20.0),
                    n(20.0 - P),
                    n(1.0),
                    n(100.0),
                ],
            ],
            [
                "注册外资、合同外资、到帐外资、新设外商投资企业数、注册内资、到位内资",
                "是",
                "注册外资、合同外资、到帐外资、新设外商投资企业数、注册内资、到位内资",
                "",
            ],
        ),
        (
            "西镇",
            t("未报（1-8月未报）"),
            [
                [
                    t("未报"),
                    n(5.0),
                    n(10.0),
                    n(-50.0),
                    n(10.0),
                    n(50.0),
                    n(50.0 - P),
                    n(1.0),
                    n(5.0 / county[0] * 100.0),
                ],
                [
                    t("未报"),
                    n(5.0),
                    n(10.0),
                    n(-50.0),
                    n(10.0),
                    n(50.0),
                    n(50.0 - P),
                    n(1.0),
                    n(5.0 / county[1] * 100.0),
                ],
                [
                    t("未报"),
                    n(0.0),
                    n(0.0),
                    dash(),
                    n(10.0),
                    n(0.0),
                    n(-P),
                    n(2.0),
                    n(0.0),
                ],
                [
                    t("未报"),
                    n(0.0),
                    n(0.0),
                    dash(),
                    n(1.0),
                    n(0.0),
                    n(-P),
                    n(2.0),
                    n(0.0),
                ],
                [
                    t("未报"),
                    n(0.0),
                    n(0.0),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    n(0.0),
                ],
                [
                    t("未报"),
                    n(0.0),
                    n(0.0),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    n(0.0),
                ],
            ],
            [
                "注册外资、合同外资、到帐外资、新设外商投资企业数",
                "是",
                "注册外资、合同外资、到帐外资、新设外商投资企业数",
                "到帐外资、新设外商投资企业数、注册内资、到位内资",
            ],
        ),
        (
            "镇小计",
            t(""),
            [
                [
                    n(20.0),
                    n(25.0),
                    n(50.0),
                    n(-50.0),
                    n(60.0),
                    n(25.0 / 60.0 * 100.0),
                    n(25.0 / 60.0 * 100.0 - P),
                    t(""),
                    n(25.0 / county[0] * 100.0),
                ],
                [
                    n(20.0),
                    n(25.0),
                    n(50.0),
                    n(-50.0),
                    n(60.0),
                    n(25.0 / 60.0 * 100.0),
                    n(25.0 / 60.0 * 100.0 - P),
                    t(""),
                    n(25.0 / county[1] * 100.0),
                ],
                [
                    n(0.0),
                    n(30.0),
                    n(0.0),
                    dash(),
                    n(110.0),
                    n(30.0 / 110.0 * 100.0),
                    n(30.0 / 110.0 * 100.0 - P),
                    t(""),
                    n(30.0 / county[2] * 100.0),
                ],
                [
                    n(1.0),
                    n(1.0),
                    n(1.0),
                    n(0.0),
                    n(3.0),
                    n(100.0 / 3.0),
                    n(100.0 / 3.0 - P),
                    t(""),
                    n(25.0),
                ],
                [
                    n(300.0),
                    n(300.0),
                    n(500.0),
                    n(-40.0),
                    n(1000.0),
                    n(30.0),
                    n(30.0 - P),
                    t(""),
                    n(100.0),
                ],
                [
                    n(100.0),
                    n(100.0),
                    n(200.0),
                    n(-50.0),
                    n(500.0),
                    n(20.0),
                    n(20.0 - P),
                    t(""),
                    n(100.0),
                ],
            ],
            ["", "", "", ""],
        ),
        (
            "全县合计",
            t(""),
            [
                [
                    n(110.0),
                    n(county[0]),
                    n(130.0),
                    n((county[0] / 130.0 - 1.0) * 100.0),
                    n(460.0),
                    n(county[0] / 4.6),
                    n(county[0] / 4.6 - P),
                    t(""),
                    n(100.0),
                ],
                [
                    n(130.0),
                    n(county[1]),
                    n(150.0),
                    n((county[1] / 150.0 - 1.0) * 100.0),
                    n(560.0),
                    n(county[1] / 5.6),
                    n(county[1] / 5.6 - P),
                    t(""),
                    n(100.0),
                ],
                [
                    n(arr_jia),
                    n(county[2]),
                    n(100.0),
                    n(county[2] - 100.0),
                    n(360.0),
                    n(county[2] / 3.6),
                    n(county[2] / 3.6 - P),
                    t(""),
                    n(100.0),
                ],
                [
                    n(3.0),
                    n(4.0),
                    n(2.0),
                    n(100.0),
                    n(9.0),
                    n(400.0 / 9.0),
                    n(400.0 / 9.0 - P),
                    t(""),
                    n(100.0),
                ],
                [
                    n(300.0),
                    n(300.0),
                    n(500.0),
                    n(-40.0),
                    n(1000.0),
                    n(30.0),
                    n(30.0 - P),
                    t(""),
                    n(100.0),
                ],
                [
                    n(100.0),
                    n(100.0),
                    n(200.0),
                    n(-50.0),
                    n(500.0),
                    n(20.0),
                    n(20.0 - P),
                    t(""),
                    n(100.0),
                ],
            ],
            ["", "", "", ""],
        ),
    ];

    let sheet = read_sheet(&outcome.bulletin, "分地区");
    let headers = [
        "本月",
        "累计",
        "去年同期",
        "同比%",
        "年度目标",
        "完成%",
        "进度差",
        "排名",
        "占比%",
    ];
    let indicators = [
        "注册外资",
        "合同外资",
        "到帐外资",
        "新设外资企业",
        "注册内资",
        "到位内资",
    ];
    let mut previous_row = 0;
    for (unit, status, figures, flags) in &expected {
        let r = row_of(&sheet, unit);
        assert!(
            r > previous_row,
            "{unit} is out of order: zones, 开发区小计, towns, 镇小计, 全县合计"
        );
        previous_row = r;
        assert_cell(&sheet, r, 1, status, &format!("{unit} 报送情况"));
        for (i, row) in figures.iter().enumerate() {
            for (j, exp) in row.iter().enumerate() {
                let what = format!("{unit} {} {}", indicators[i], headers[j]);
                assert_cell(&sheet, r, col(i as u32, j as u32), exp, &what);
            }
        }
        for (k, flag) in flags.iter().enumerate() {
            let what = format!("{unit} {}", ["脱幅", "双脱幅", "黄牌", "未破零"][k]);
            assert_cell(&sheet, r, FLAGS + k as u32, &t(flag), &what);
        }
    }
    // The header states 时序进度 and the units.
    let subtitle = match crate::common::cell(&sheet, 1, 0) {
        Cell::Text(s) => s,
        other => panic!("subtitle {other:?}"),
    };
    assert!(subtitle.contains("时序进度：83.3%"), "{subtitle}");
    assert!(
        subtitle.contains("万美元") && subtitle.contains("万元"),
        "{subtitle}"
    );
}

#[test]
fn a_month_without_a_folder_is_a_clear_error() {
    let fx = fixture();
    let err = zhaoshang::app::pipeline::run_month(&fx.config(Some(ym(2026, 11)))).unwrap_err();
    assert!(
        format!("{err:#}").contains("没有 2026-11 的报表目录"),
        "{err:#}"
    );
}

#[test]
fn without_month_the_latest_folder_is_reported() {
    let fx = fixture();
    let outcome = zhaoshang::app::pipeline::run_month(&fx.config(None)).unwrap();
    assert_eq!(outcome.month, ym(2026, 10));
    assert!(outcome
        .bulletin
        .ends_with("2026-10/招商引资通报_2026-10.xlsx"));
    assert!(outcome.audit.exists());
}

/// 时序进度 under the quarterly rule and under a milestone schedule, as the
/// overview states it (October: the fourth quarter's end is 100%; with March
/// 50% and December 100%, October is 50 + 50 × 7/9 = 88.9%).
#[test]
fn progress_by_quarter_and_by_milestones_in_the_overview() {
    use crate::common::{small_fixture, Grid};
    for (settings, expected) in [
        (
            "[progress]\nrule = \"quarterly\"\n",
            "时序进度：100.0%（第4季度末：12月÷12）",
        ),
        (
            "[[progress.milestones]]\nmonth = 3\nshare = 50\n[[progress.milestones]]\nmonth = 12\nshare = 100\n",
            "时序进度：88.9%（按进度安排）",
        ),
    ] {
        let fx = small_fixture();
        let path = fx.data.join("settings.toml");
        let text = std::fs::read_to_string(&path).unwrap() + settings;
        std::fs::write(&path, text).unwrap();
        Grid::detail().write(&fx.data.join("submissions/2026-10/东镇.xlsx"));
        let outcome = fx.run(ym(2026, 10));
        let sheet = read_sheet(&outcome.bulletin, "概览");
        let line = match sheet.get_value((1, 0)) {
            Some(calamine::Data::String(s)) => s.clone(),
            other => panic!("{other:?}"),
        };
        assert!(line.starts_with(expected), "{line}");
    }
}

/// Issue 15: the county's sentence measures 进度差 against the rule's
/// 时序进度. 东镇 alone has a target (注册外资 100 万美元) and reports 80 in
/// October: 完成 80.0%; under the quarterly rule 时序进度 is 12 ÷ 12 = 100%,
/// so the sentence says 落后 20.0 points (under the monthly rule it would be
/// 83.3 − 80 = 3.3).
#[test]
fn the_quarterly_rule_in_the_overview_sentence() {
    use crate::common::Grid;
    let fx = Fixture::new(
        &[("甲区", "开发区"), ("东镇", "镇")],
        &[(
            2026,
            vec![(
                "东镇".to_string(),
                [Some(100.0), None, None, None, None, None],
            )],
        )],
        &[(ym(2026, 10), [720.0, 92.0, 4.9, 790.0])],
    );
    let path = fx.data.join("settings.toml");
    let text = std::fs::read_to_string(&path).unwrap() + "[progress]\nrule = \"quarterly\"\n";
    std::fs::write(&path, text).unwrap();
    Grid::detail().write(&fx.data.join("submissions/2026-10/东镇.xlsx"));
    let outcome = fx.run(ym(2026, 10));
    let sheet = read_sheet(&outcome.bulletin, "概览");
    let sentence = sheet
        .rows()
        .flatten()
        .map(|c| c.to_string())
        .find(|s| s.starts_with("1-10月，全县注册外资"))
        .expect("the county's 注册外资 sentence");
    assert!(
        sentence.contains("完成年计划80.0%，落后时序进度20.0个百分点"),
        "{sentence}"
    );
}
