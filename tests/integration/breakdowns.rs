//! The bulletin's 概览, 分来源地 and 月度趋势 sheets on a hand-worked fixture:
//! one zone and one town, sources in five groups, a free-port holding with its
//! 实际来源地, a 港元 row, domestic capital, two years; industries given as a
//! keyword (精细化工 → 26, the default of the rows), a 小类 code, a keyword of
//! the reference table and a section name. Every expected figure
//! is worked out by hand below from the rows written.

use crate::common::{assert_cell, domestic, foreign, form, read_sheet, ym, Cell, Fixture};
use calamine::{Data, Range};
use zhaoshang::demo::form::DetailRow;
use zhaoshang::foundation::model::YearMonth;

/// 时序进度 for October.
const P: f64 = 10.0 / 12.0 * 100.0;

fn n(x: f64) -> Cell {
    Cell::Num(x)
}
fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// A 外资 row in 美元 from `source` (as the unit writes it).
fn from(source: &str, event: &str, amounts: [Option<f64>; 3]) -> DetailRow {
    DetailRow {
        source: source.to_string(),
        project: format!("{source}{event}项目"),
        ..foreign(event, "美元", amounts[0], amounts[1], amounts[2])
    }
}

fn fixture() -> Fixture {
    let months = [ym(2025, 9), ym(2025, 10), ym(2026, 9), ym(2026, 10)];
    // 1 港元 = 90/700 美元 in every month.
    let rates: Vec<_> = months
        .iter()
        .map(|&m| (m, [700.0, 90.0, 4.8, 760.0]))
        .collect();
    let fx = Fixture::new(
        &[("甲区", "开发区"), ("东镇", "镇")],
        &[(
            2026,
            vec![
                // 注册, 合同, 到帐, 新设数, 注册内资, 到位内资
                (
                    "甲区".into(),
                    [Some(200.0), Some(100.0), Some(100.0), None, None, None],
                ),
                (
                    "东镇".into(),
                    [Some(400.0), Some(100.0), Some(100.0), None, None, None],
                ),
            ],
        )],
        &rates,
    );
    let submit = |m: YearMonth, unit: &str, rows: Vec<DetailRow>| {
        fx.submit(
            m,
            &format!("{unit}_{m}.xlsx"),
            &form(unit, m, "万美元", rows),
        );
    };
    submit(
        ym(2025, 9),
        "甲区",
        vec![from("新加坡", "到资", [None, None, Some(40.0)])],
    );
    submit(
        ym(2025, 10),
        "甲区",
        vec![from("香港", "到资", [None, None, Some(50.0)])],
    );
    submit(
        ym(2025, 10),
        "东镇",
        vec![
            DetailRow {
                total_investment: Some(1200.0),
                ..from("日本", "新设", [Some(100.0), Some(80.0), Some(20.0)])
            },
            domestic(500.0, 200.0),
        ],
    );
    submit(
        ym(2026, 9),
        "东镇",
        vec![DetailRow {
            ultimate_source: "美国".to_string(),
            // A 小类 code: counts for division 39.
            industry: "3912".to_string(),
            total_investment: Some(3000.0),
            ..from("BVI", "新设", [Some(200.0), Some(150.0), None])
        }],
    );
    submit(
        ym(2026, 10),
        "东镇",
        vec![
            from("日本", "到资", [None, None, Some(30.0)]),
            DetailRow {
                // A keyword of division 65 in the fixture's industries.xlsx.
                industry: "软件".to_string(),
                ..from("德国", "新设", [Some(60.0), Some(60.0), None])
            },
            domestic(300.0, 100.0),
        ],
    );
    // 700 港元 = 90 万美元.
    submit(
        ym(2026, 10),
        "甲区",
        vec![DetailRow {
            currency: "港元".to_string(),
            // Only the section.
            industry: "制造业".to_string(),
            // 100000 万港元 = 12857.14… 万美元.
            total_investment: Some(100000.0),
            ..from("香港", "新设", [Some(700.0), Some(700.0), None])
        }],
    );
    fx
}

/// The first row at or after `start` whose first cell is `name`.
fn row_after(range: &Range<Data>, start: u32, name: &str) -> u32 {
    (start..range.height() as u32)
        .find(|&r| matches!(range.get_value((r, 0)), Some(Data::String(s)) if s == name))
        .unwrap_or_else(|| panic!("no row {name} after row {}", start + 1))
}

/// Asserts the five figures (本月, 累计, 去年同期, 同比, 占比) of indicator
/// slot `i` (注册, 合同, 到帐 — or 注册内资, 到位内资) on `row`.
fn assert_line(range: &Range<Data>, row: u32, i: u32, expected: [Cell; 5], what: &str) {
    for (j, e) in expected.iter().enumerate() {
        assert_cell(
            range,
            row,
            1 + i * 5 + j as u32,
            e,
            &format!("{what} [{i}][{j}]"),
        );
    }
}

#[test]
fn by_source_matches_the_hand_worked_fixture() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 10));
    assert_eq!((outcome.errors, outcome.warnings), (0, 0));
    let sheet = read_sheet(&outcome.bulletin, "分来源地");
    let dash = || t("—");

    let top = row_after(&sheet, 0, "外资按来源地");
    let names: Vec<Cell> = (top + 3..top + 15)
        .map(|r| crate::common::cell(&sheet, r, 0))
        .collect();
    let expected_names = [
        "合计",
        "　其中：自由港",
        "港澳台",
        "　　中国香港",
        "日韩",
        "　　日本",
        "东盟",
        "　　新加坡",
        "欧盟",
        "　　德国",
        "自由港",
        "　　英属维尔京群岛",
    ];
    assert_eq!(names, expected_names.map(t).to_vec());
    let total = top + 3;
    // 注册外资: 本月 德国 60 + 香港 90 = 150; 累计 + BVI 150 in September = 300;
    // 去年同期 日本 80; 同比 (300/80 − 1)×100 = 275.
    assert_line(
        &sheet,
        total,
        0,
        [n(150.0), n(300.0), n(80.0), n(275.0), n(100.0)],
        "合计 注册",
    );
    // 合同外资: 60 + 90 = 150; 350; 100; 250.
    assert_line(
        &sheet,
        total,
        1,
        [n(150.0), n(350.0), n(100.0), n(250.0), n(100.0)],
        "合计 合同",
    );
    // 到帐外资: 日本 30; 30; 新加坡 40 + 香港 50 + 日本 20 = 110; (30/110 − 1)×100.
    let down = (30.0 / 110.0 - 1.0) * 100.0;
    assert_line(
        &sheet,
        total,
        2,
        [n(30.0), n(30.0), n(110.0), n(down), n(100.0)],
        "合计 到帐",
    );
    // 其中：自由港 = BVI: 注册 150 of 300.
    assert_line(
        &sheet,
        total + 1,
        0,
        [n(0.0), n(150.0), n(0.0), dash(), n(50.0)],
        "自由港 注册",
    );
    // 中国香港: 注册 90 of 300 = 30%; 到帐 0 against 50 last year: −100%.
    let hk = row_after(&sheet, top, "　　中国香港");
    assert_line(
        &sheet,
        hk,
        0,
        [n(90.0), n(90.0), n(0.0), dash(), n(30.0)],
        "香港 注册",
    );
    assert_line(
        &sheet,
        hk,
        2,
        [n(0.0), n(0.0), n(50.0), n(-100.0), n(0.0)],
        "香港 到帐",
    );
    // 日本: 到帐 30 against 20: +50%, all of the county's 30.
    let jp = row_after(&sheet, top, "　　日本");
    assert_line(
        &sheet,
        jp,
        2,
        [n(30.0), n(30.0), n(20.0), n(50.0), n(100.0)],
        "日本 到帐",
    );
    assert_line(
        &sheet,
        jp,
        0,
        [n(0.0), n(0.0), n(80.0), n(-100.0), n(0.0)],
        "日本 注册",
    );
    let de = row_after(&sheet, top, "　　德国");
    assert_line(
        &sheet,
        de,
        1,
        [n(60.0), n(60.0), n(0.0), dash(), n(60.0 / 350.0 * 100.0)],
        "德国 合同",
    );

    // Re-attributed: the BVI holding is American money.
    let ultimate = row_after(
        &sheet,
        top,
        "外资按实际来源地（有实际来源地的项目按实际来源地归属）",
    );
    let us = row_after(&sheet, ultimate, "　　美国");
    assert_line(
        &sheet,
        us,
        0,
        [n(0.0), n(150.0), n(0.0), dash(), n(50.0)],
        "美国 注册",
    );
    assert_eq!(crate::common::cell(&sheet, us - 1, 0), t("北美"));
    assert_line(
        &sheet,
        ultimate + 4,
        0,
        [n(0.0), n(0.0), n(0.0), dash(), n(0.0)],
        "其中：自由港 (实际)",
    );
    assert!(
        (ultimate..sheet.height() as u32)
            .all(|r| crate::common::cell(&sheet, r, 0) != t("　　英属维尔京群岛")),
        "the re-attributed view has no BVI row"
    );

    // Domestic capital has its own sheet: its columns are not the foreign ones.
    let sheet = read_sheet(&outcome.bulletin, "内资");
    let domestic_top = row_after(&sheet, 0, "内资按来源地");

    // 内资 from 上海 only: one group, so no group row. 注册 300 against 500: −40%.
    let sh = domestic_top + 4;
    assert_eq!(crate::common::cell(&sheet, sh, 0), t("　　上海市"));
    assert_line(
        &sheet,
        domestic_top + 3,
        0,
        [n(300.0), n(300.0), n(500.0), n(-40.0), n(100.0)],
        "内资 注册",
    );
    assert_line(
        &sheet,
        sh,
        1,
        [n(100.0), n(100.0), n(200.0), n(-50.0), n(100.0)],
        "上海 到位",
    );
}

#[test]
fn trend_matches_the_hand_worked_fixture() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 10));
    let sheet = read_sheet(&outcome.bulletin, "月度趋势");
    let dash = || t("—");
    // 注册外资 block: 9月 150 against 0; 10月 150 against 80.
    let reg = row_after(&sheet, 0, "注册外资（万美元）");
    let month = |block: u32, m: u32| block + 1 + m;
    assert_eq!(crate::common::cell(&sheet, month(reg, 1), 0), t("1月"));
    for (c, e) in [n(0.0), n(0.0), n(0.0), n(0.0), dash()].iter().enumerate() {
        assert_cell(&sheet, month(reg, 1), c as u32 + 1, e, "注册 1月");
    }
    for (c, e) in [n(150.0), n(0.0), n(150.0), n(0.0), dash()]
        .iter()
        .enumerate()
    {
        assert_cell(&sheet, month(reg, 9), c as u32 + 1, e, "注册 9月");
    }
    for (c, e) in [n(150.0), n(80.0), n(300.0), n(80.0), n(275.0)]
        .iter()
        .enumerate()
    {
        assert_cell(&sheet, month(reg, 10), c as u32 + 1, e, "注册 10月");
    }
    // 到帐外资: 9月 0 against 新加坡 40; 10月 30 against 70; cumulative 30 against 110.
    let arr = row_after(&sheet, reg, "到帐外资（万美元）");
    for (c, e) in [n(0.0), n(40.0), n(0.0), n(40.0), n(-100.0)]
        .iter()
        .enumerate()
    {
        assert_cell(&sheet, month(arr, 9), c as u32 + 1, e, "到帐 9月");
    }
    let down = (30.0 / 110.0 - 1.0) * 100.0;
    for (c, e) in [n(30.0), n(70.0), n(30.0), n(110.0), n(down)]
        .iter()
        .enumerate()
    {
        assert_cell(&sheet, month(arr, 10), c as u32 + 1, e, "到帐 10月");
    }
}

#[test]
fn overview_matches_the_hand_worked_fixture() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 10));
    let sheet = read_sheet(&outcome.bulletin, "概览");
    let dash = || t("—");
    let reg = row_after(&sheet, 0, "注册外资");
    // 本月 150, 累计 300, 去年同期 80, 同比 275, 目标 200 + 400, 完成 50, 进度差 50 − P.
    let expected = [
        t("万美元"),
        n(150.0),
        n(300.0),
        n(80.0),
        n(275.0),
        n(600.0),
        n(50.0),
        n(50.0 - P),
    ];
    for (c, e) in expected.iter().enumerate() {
        assert_cell(&sheet, reg, c as u32 + 1, e, "注册外资");
    }
    // 合同外资 350 of 200: 175%.
    let con = row_after(&sheet, 0, "合同外资");
    assert_cell(&sheet, con, 7, &n(175.0), "合同 完成");
    // 资金到位率 = 30 / 350.
    let rate = row_after(&sheet, 0, "资金到位率");
    assert_cell(&sheet, rate, 3, &n(30.0 / 350.0 * 100.0), "资金到位率");
    // No domestic target: 完成 "—".
    let dom = row_after(&sheet, 0, "注册内资");
    assert_cell(&sheet, dom, 7, &dash(), "注册内资 完成");

    let text = |r: u32| match crate::common::cell(&sheet, r, 0) {
        Cell::Text(s) => s,
        other => panic!("{other:?}"),
    };
    let summary = row_after(&sheet, 0, "文字摘要");
    // 招商引资总额 = 注册内资 + 注册外资 at USD 7.00: this year 300 + 300 × 7
    // = 2400万元; last year 500 + 80 × 7 = 1060; 2400 / 1060 − 1 = 126.4%;
    // no target column, so no 完成.
    assert_eq!(
        text(summary + 1),
        "1-10月，全县实现招商引资总额2400万元，增长126.4%。"
    );
    assert_eq!(
        text(summary + 2),
        "1-10月，全县注册外资300万美元，同比增长275.0%，完成年计划50.0%，落后时序进度33.3个百分点。"
    );
    assert_eq!(
        text(summary + 4),
        "1-10月，全县到帐外资30万美元，同比下降72.7%，完成年计划15.0%，落后时序进度68.3个百分点。"
    );
    // 资金到位率 30 / 350 = 8.6%. The top source of 合同外资 this year: BVI
    // 200 (none last year) of 200 + 德国 60 + 港元 700 = 90, 57.1%.
    assert_eq!(
        text(summary + 7),
        "全县资金到位率（到帐外资÷合同外资）为8.6%。"
    );
    assert_eq!(
        text(summary + 8),
        "按来源地看，合同外资中来自英属维尔京群岛的投资200万美元，占57.1%。"
    );
    // New projects (新设 rows), 总投资 in 万元 at USD 7.00: this year BVI
    // 3000万美元 = 21000 and the 港元 row's 100000万港元 = 12857.14万美元 =
    // 90000, both ≥ 3000万元; 德国 and the domestic row give none. Last year
    // 日本 1200万美元 = 8400; the domestic row none. New foreign enterprises:
    // BVI, 德国, 香港 against 日本. No form has a stage column: no stage sentence.
    assert_eq!(
        text(summary + 9),
        "1-10月，全县新批外资企业3家（去年同期1家），总投资1000万元以上项目2个（去年同期1个），\
         其中3000万元以上大项目2个（去年同期1个）；另有2个新项目未填总投资或当月缺汇率，\
         未计入按规模统计的项目数。"
    );
    // 东镇 注册 210/400 = 52.5%, 甲区 90/200 = 45%: both behind; 到帐 东镇 30%,
    // 甲区 0%; 合同 东镇 260%, 甲区 90%: neither, so no 双脱幅. The 脱幅
    // sentences pair 合同外资 with 到帐外资; 黄牌 below 58.3% on 注册 and 到帐.
    // 甲区 has 注册外资, so nobody is 未破零 on all three.
    let expected = [
        "有1个开发区的到帐外资出现脱幅（甲区83.3个百分点）。",
        "有1个镇的到帐外资出现脱幅（东镇53.3个百分点）。",
        "开发区中按时序进度完成低于70%的：注册外资有甲区（45.0%），到帐外资有甲区（0.0%）（黄牌）。",
        "镇中按时序进度完成低于70%的：注册外资有东镇（52.5%），到帐外资有东镇（30.0%）（黄牌）。",
    ];
    for (k, sentence) in expected.iter().enumerate() {
        assert_eq!(text(summary + 10 + k as u32), *sentence);
    }
    assert_eq!(text(summary + 14), "");
    let flags = row_after(&sheet, 0, "注册外资脱幅");
    assert_cell(&sheet, flags, 1, &t("2"), "注册外资脱幅 个数");
    assert_cell(&sheet, flags, 2, &t("甲区、东镇"), "注册外资脱幅 单位");
    let double = row_after(&sheet, 0, "双脱幅");
    assert_cell(&sheet, double, 2, &t("无"), "双脱幅");
    let zero = row_after(&sheet, 0, "到帐外资未破零");
    assert_cell(&sheet, zero, 2, &t("甲区"), "到帐外资未破零");
    // Yellow card below 0.7 × P = 58.3%: 注册 both.
    let yellow = row_after(&sheet, 0, "注册外资黄牌");
    assert_cell(&sheet, yellow, 2, &t("甲区、东镇"), "注册外资黄牌");
    let top = row_after(&sheet, flags, "注册外资");
    assert_cell(
        &sheet,
        top,
        2,
        &t("东镇（52.5%）、甲区（45.0%）"),
        "注册外资 前三名",
    );
}

#[test]
fn two_runs_over_the_same_inputs_write_the_same_bytes() {
    let fx = fixture();
    let first = fx.run(ym(2026, 10));
    let bulletin = std::fs::read(&first.bulletin).unwrap();
    let audit = std::fs::read(&first.audit).unwrap();
    // Later, so that a clock in the files would show.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = fx.run(ym(2026, 10));
    assert!(
        std::fs::read(&second.bulletin).unwrap() == bulletin,
        "bulletin differs"
    );
    assert!(
        std::fs::read(&second.audit).unwrap() == audit,
        "audit differs"
    );
}

#[test]
fn by_industry_matches_the_hand_worked_fixture() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 10));
    let sheet = read_sheet(&outcome.bulletin, "分行业");
    let dash = || t("—");
    let top = row_after(&sheet, 0, "外资按行业（门类、大类）");
    let names: Vec<Cell> = (top + 3..top + 10)
        .map(|r| crate::common::cell(&sheet, r, 0))
        .collect();
    let expected_names = [
        "合计",
        "C 制造业",
        "　　26 化学原料和化学制品制造业",
        "　　39 计算机、通信和其他电子设备制造业",
        "　　C 制造业（未细分大类）",
        "I 信息传输、软件和信息技术服务业",
        "　　65 软件和信息技术服务业",
    ];
    assert_eq!(names, expected_names.map(t).to_vec());
    // 注册外资: C = 39's 150 + the section-only 90 (this month) = 240 against
    // 26's 80 last year: +200%, 240 of 300 = 80%.
    assert_line(
        &sheet,
        top + 4,
        0,
        [n(90.0), n(240.0), n(80.0), n(200.0), n(80.0)],
        "C 注册",
    );
    assert_line(
        &sheet,
        top + 5,
        0,
        [n(0.0), n(0.0), n(80.0), n(-100.0), n(0.0)],
        "26 注册",
    );
    assert_line(
        &sheet,
        top + 6,
        0,
        [n(0.0), n(150.0), n(0.0), dash(), n(50.0)],
        "39 注册",
    );
    assert_line(
        &sheet,
        top + 7,
        0,
        [n(90.0), n(90.0), n(0.0), dash(), n(30.0)],
        "C 未细分 注册",
    );
    assert_line(
        &sheet,
        top + 9,
        1,
        [n(60.0), n(60.0), n(0.0), dash(), n(60.0 / 350.0 * 100.0)],
        "65 合同",
    );
    // Every 到帐 is in 26: 30 against 40 + 50 + 20.
    let down = (30.0 / 110.0 - 1.0) * 100.0;
    assert_line(
        &sheet,
        top + 5,
        2,
        [n(30.0), n(30.0), n(110.0), n(down), n(100.0)],
        "26 到帐",
    );

    // 三次产业 in the order of the economy, not by size; no 第一产业 at all.
    let sectors = row_after(&sheet, top, "外资按三次产业");
    assert_eq!(
        crate::common::cell(&sheet, sectors + 4, 0),
        t("　　第二产业")
    );
    assert_eq!(
        crate::common::cell(&sheet, sectors + 5, 0),
        t("　　第三产业")
    );
    assert_line(
        &sheet,
        sectors + 4,
        0,
        [n(90.0), n(240.0), n(80.0), n(200.0), n(80.0)],
        "第二产业 注册",
    );
    assert_line(
        &sheet,
        sectors + 5,
        0,
        [n(60.0), n(60.0), n(0.0), dash(), n(20.0)],
        "第三产业 注册",
    );
    // 内资: 汽车零部件 (36) is 第二产业: 300 against 500.
    let sheet = read_sheet(&outcome.bulletin, "内资");
    let domestic = row_after(&sheet, 0, "内资按三次产业");
    assert_eq!(
        crate::common::cell(&sheet, domestic + 4, 0),
        t("　　第二产业")
    );
    assert_line(
        &sheet,
        domestic + 4,
        0,
        [n(300.0), n(300.0), n(500.0), n(-40.0), n(100.0)],
        "内资 第二产业",
    );
}

#[test]
fn size_bands_and_large_projects_match_the_hand_worked_fixture() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 10));
    let sheet = read_sheet(&outcome.bulletin, "大项目");
    let dash = || t("—");
    let hk_total = 100000.0 * 90.0 / 700.0;
    // This year: BVI (3000, 合同 200) and 香港 (12857.14, 合同 90); 德国 has
    // no 总投资. Last year: 日本 (1200, 合同 100).
    let bands = [
        (
            "1000万美元以上",
            [2.0, 3000.0 + hk_total, 290.0, 1.0, 1200.0, 100.0, 1.0],
        ),
        (
            "2500万美元以上",
            [2.0, 3000.0 + hk_total, 290.0, 0.0, 0.0, 0.0, 2.0],
        ),
        ("1亿美元以上", [1.0, hk_total, 90.0, 0.0, 0.0, 0.0, 1.0]),
    ];
    for (k, (label, values)) in bands.iter().enumerate() {
        let r = 4 + k as u32;
        assert_cell(&sheet, r, 0, &t(label), "band");
        for (j, v) in values.iter().enumerate() {
            assert_cell(&sheet, r, 2 + j as u32, &n(*v), label);
        }
    }
    assert!(
        matches!(crate::common::cell(&sheet, 1, 0), Cell::Text(s) if s.contains("未填总投资的新设项目 1 个")),
        "the subtitle counts 德国's project"
    );
    let first = row_after(&sheet, 0, "序号") + 1;
    let expected = [
        [
            t("甲区"),
            t("香港新设项目"),
            t("测试投资有限公司"),
            t("中国香港"),
            t("C 制造业（未细分大类）"),
            n(hk_total),
            n(90.0),
            n(90.0),
            dash(),
            t("2026-01-01"),
        ],
        [
            t("东镇"),
            t("BVI新设项目"),
            t("测试投资有限公司"),
            t("英属维尔京群岛"),
            t("39 计算机、通信和其他电子设备制造业"),
            n(3000.0),
            n(200.0),
            n(150.0),
            dash(),
            t("2026-01-01"),
        ],
    ];
    for (k, row) in expected.iter().enumerate() {
        let r = first + k as u32;
        assert_cell(&sheet, r, 0, &n(k as f64 + 1.0), "序号");
        for (j, e) in row.iter().enumerate() {
            assert_cell(&sheet, r, 1 + j as u32, e, "大项目");
        }
    }
    assert_eq!(crate::common::cell(&sheet, first + 2, 0), t(""), "only two");
}

#[test]
fn the_notes_name_every_file_with_its_hash_and_every_one_left_out() {
    let fx = fixture();
    // 甲区 sends September in 卢布: rejected.
    let sept = ym(2026, 9);
    let rouble = DetailRow {
        currency: "卢布".to_string(),
        ..from("香港", "新设", [Some(10.0), Some(10.0), None])
    };
    fx.submit(
        sept,
        "甲区_2026-09.xlsx",
        &form("甲区", sept, "万美元", vec![rouble]),
    );
    let outcome = fx.run(ym(2026, 10));
    let sheet = read_sheet(&outcome.bulletin, "说明");
    let used = row_after(&sheet, 0, "四、纳入统计的报表");
    let file = "submissions/2026-10/东镇_2026-10.xlsx";
    let row = (used..sheet.height() as u32)
        .find(|&r| crate::common::cell(&sheet, r, 2) == t(file))
        .expect("東镇's October file is listed");
    // The hash as coreutils' sha256sum prints it.
    let printed = std::process::Command::new("sha256sum")
        .arg(fx.data.join(file))
        .output()
        .expect("sha256sum");
    let hash = String::from_utf8(printed.stdout).unwrap();
    let hash = hash.split_whitespace().next().unwrap();
    assert_eq!(crate::common::cell(&sheet, row, 3), t(hash));
    assert_eq!(crate::common::cell(&sheet, row, 0), t("东镇"));
    assert_eq!(crate::common::cell(&sheet, row, 1), t("2026-10"));

    let left_out = row_after(&sheet, used, "五、未纳入统计的报表");
    let rejected = (left_out..sheet.height() as u32)
        .find(|&r| crate::common::cell(&sheet, r, 2) == t("submissions/2026-09/甲区_2026-09.xlsx"))
        .expect("the rejected file is listed");
    assert!(
        matches!(crate::common::cell(&sheet, rejected, 3), Cell::Text(s) if s.starts_with("未采用：") && s.contains("卢布")),
        "{:?}",
        crate::common::cell(&sheet, rejected, 3)
    );
    // The rates of the months used: 2026-10's 港元 is 90 per 100.
    let rates = row_after(
        &sheet,
        0,
        "三、汇率（人民币元/100外币，按各笔所属月份折算）",
    );
    let oct = row_after(&sheet, rates, "2026-10");
    let hkd_col = (1..5)
        .find(|&c| crate::common::cell(&sheet, rates + 1, c) == t("港元（HKD）"))
        .expect("a 港元 column");
    assert_cell(&sheet, oct, hkd_col, &n(90.0), "2026-10 港元");
}

#[test]
fn the_charts_read_their_own_tables_with_quoted_sheet_names() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 10));
    let sheet = read_sheet(&outcome.bulletin, "图表");
    // 完成%: 甲区 合同 90/100 (700万港元 = 90万美元), 注册 90/200, 到帐 0/100;
    // 东镇 合同 (200+60)/100, 注册 (150+60)/400, 到帐 30/100; 时序进度 P.
    let top = row_after(&sheet, 0, "各单位完成年计划（%）与时序进度");
    for (k, (unit, con, reg, arr)) in [("甲区", 90.0, 45.0, 0.0), ("东镇", 260.0, 52.5, 30.0)]
        .iter()
        .enumerate()
    {
        let r = top + 2 + k as u32;
        assert_cell(&sheet, r, 0, &t(unit), "单位");
        assert_cell(&sheet, r, 1, &n(*con), "合同完成");
        assert_cell(&sheet, r, 2, &n(*reg), "注册完成");
        assert_cell(&sheet, r, 3, &n(*arr), "到帐完成");
        assert_cell(&sheet, r, 4, &n(P), "时序进度");
    }
    // 到帐外资 by source group: 日韩 30 only (the others have none this year).
    let groups = row_after(&sheet, top, "到帐外资按来源地分组");
    assert_cell(&sheet, groups + 2, 0, &t("日韩"), "group");
    assert_cell(&sheet, groups + 2, 1, &n(30.0), "日韩 到帐");
    assert_cell(&sheet, groups + 3, 0, &t(""), "only one group");
    // The trend of 到帐外资: 10月 cumulative 30 this year, 110 last.
    let trend = row_after(&sheet, groups, "到帐外资累计走势（万美元）");
    assert_cell(&sheet, trend + 11, 0, &t("10月"), "10月");
    assert_cell(&sheet, trend + 11, 1, &n(30.0), "2026");
    assert_cell(&sheet, trend + 11, 2, &n(110.0), "2025");

    // Five native charts, each range naming its sheet in quotes.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&outcome.bulletin).unwrap()).unwrap();
    let charts: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.to_string())
        .filter(|n| n.starts_with("xl/charts/chart"))
        .collect();
    assert_eq!(charts.len(), 5, "{charts:?}");
    for name in charts {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut xml).unwrap();
        let refs: Vec<&str> = xml
            .split("<c:f>")
            .skip(1)
            .map(|s| &s[..s.find("</c:f>").unwrap()])
            .collect();
        assert!(!refs.is_empty(), "{name} has ranges");
        assert!(
            refs.iter().all(|r| r.starts_with("'图表'!")),
            "{name}: {refs:?}"
        );
    }
}

#[test]
fn chart_images_are_written_as_svg_and_png_without_fonts() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 10));
    let dir = outcome.bulletin.parent().unwrap().join("charts");
    for name in [
        "完成进度",
        "到帐外资来源地",
        "外资行业门类",
        "到帐外资累计走势",
        "注册外资累计走势",
    ] {
        let svg = std::fs::read_to_string(dir.join(format!("{name}.svg"))).unwrap();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{name}"
        );
        // Text is drawn as outlines: nothing depends on a font being installed.
        assert!(!svg.contains("<text"), "{name}.svg has no <text>");
        // The title and labels are glyph outlines: curves, many of them.
        assert!(
            svg.matches('C').count() > 100,
            "{name}.svg draws its labels"
        );
        let png = std::fs::read(dir.join(format!("{name}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{name}.png");
        // 1600 × 960: twice the 800 × 480 scene.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1600);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 960);
    }
    // The same inputs draw the same pictures.
    let before = std::fs::read(dir.join("完成进度.png")).unwrap();
    fx.run(ym(2026, 10));
    assert!(std::fs::read(dir.join("完成进度.png")).unwrap() == before);
}
