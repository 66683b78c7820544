//! The peer comparison on hand-worked bulletins. Our county (测试县) has one
//! town, 甲镇: 注册外资 200 and 到帐外资 100 万美元 in 2026-10 against 100 and
//! 100 in 2025-10; targets 400 and 250. Three bulletins of the prefecture:
//!
//! - 2026-10, brief, in 亿美元 with only 累计 and 同比%, names without their
//!   suffix and 乙水县 by its other name 乙水新区;
//! - 2026-09, full, in 万美元 with 去年同期, 年计划 and 完成%, listing us at 150
//!   where our own submissions give 0 for January–September;
//! - 2026-08, malformed: an unknown county and a word in a number cell.
//!
//! Every expected figure is worked out by hand in the comments.

use crate::common::{assert_cell, cell, foreign, form, read_sheet, ym, Cell, Fixture, Grid};
use calamine::{Data, Range};
use zhaoshang::demo::peers::{write_peer_list, write_peer_sheet, PeerSheet};
use zhaoshang::pipeline::RunOutcome;

fn n(x: f64) -> Cell {
    Cell::Num(x)
}
fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}
const DASH: &str = "—";

fn fixture() -> Fixture {
    let months = [ym(2025, 10), ym(2026, 10)];
    let rates: Vec<_> = months
        .iter()
        .map(|&m| (m, [700.0, 90.0, 4.8, 760.0]))
        .collect();
    let fx = Fixture::new(
        &[("甲镇", "镇")],
        &[(
            2026,
            vec![(
                "甲镇".into(),
                [Some(400.0), None, Some(250.0), None, None, None],
            )],
        )],
        &rates,
    );
    std::fs::write(fx.data.join("settings.toml"), "county = \"测试县\"\n").unwrap();
    for (m, registered, arrived) in [(ym(2025, 10), 100.0, 100.0), (ym(2026, 10), 200.0, 100.0)] {
        let rows = vec![
            foreign("新设", "美元", Some(registered), Some(registered), None),
            foreign("到资", "美元", None, None, Some(arrived)),
        ];
        fx.submit(
            m,
            &format!("甲镇_{m}.xlsx"),
            &form("甲镇", m, "万美元", rows),
        );
    }
    write_peer_list(
        &fx.data.join("reference").join("peers.xlsx"),
        "测试县",
        &[("甲山市", ""), ("乙水县", "乙水新区"), ("丙江区", "")],
    )
    .unwrap();
    fx
}

/// 2026-10 in 亿美元, 累计 and 同比% only (— where the prefecture has no 同比).
fn brief_october(fx: &Fixture) {
    let sub = |m: &str| vec![m.to_string(), "同比%".to_string()];
    let sheet = PeerSheet {
        title: "2026年1-10月各县市利用外资情况".into(),
        unit_line: "单位：亿美元".into(),
        name_header: "地区".into(),
        with_seq: true,
        groups: vec![
            ("注册外资".into(), sub("1-10月累计")),
            ("实际使用外资".into(), sub("累计")),
        ],
        rows: vec![
            (
                "甲山".into(),
                vec![Some(0.05), Some(25.0), Some(0.03), Some(-40.0)],
            ),
            (
                "乙水新区".into(),
                vec![Some(0.02), None, Some(0.01), Some(100.0)],
            ),
            (
                "测试".into(),
                vec![Some(0.02), Some(100.0), Some(0.01), Some(0.0)],
            ),
            (
                "丙江区".into(),
                vec![Some(0.01), Some(-50.0), Some(0.04), Some(300.0)],
            ),
        ],
        total: Some(("合计".into(), vec![Some(0.10), None, Some(0.09), None])),
        footer: None,
    };
    write_peer_sheet(&sheet, &fx.data.join("peers").join("市通报_2026-10.xlsx")).unwrap();
}

/// 2026-09 in 万美元 with 去年同期, 同比, 年计划, 完成%; 乙水县's 同比 is misprinted
/// (100 against 80 is 25%, not 30%).
fn full_september(fx: &Fixture) {
    let subs: Vec<String> = ["1-9月", "去年同期", "同比±%", "年计划", "完成%"]
        .map(String::from)
        .to_vec();
    let row = |r: [f64; 5], a: [f64; 5]| r.into_iter().chain(a).map(Some).collect();
    let sheet = PeerSheet {
        title: "各县（市、区）利用外资情况（2026年1-9月）".into(),
        unit_line: "单位：万美元".into(),
        name_header: "县（市、区）".into(),
        with_seq: false,
        groups: vec![("注册外资".into(), subs.clone()), ("到帐外资".into(), subs)],
        rows: vec![
            (
                "甲山市".into(),
                row(
                    [300.0, 200.0, 50.0, 600.0, 50.0],
                    [200.0, 100.0, 100.0, 400.0, 50.0],
                ),
            ),
            (
                "乙水县".into(),
                row(
                    [100.0, 80.0, 30.0, 300.0, 33.3],
                    [50.0, 50.0, 0.0, 100.0, 50.0],
                ),
            ),
            (
                "测试县".into(),
                row(
                    [150.0, 120.0, 25.0, 400.0, 37.5],
                    [60.0, 60.0, 0.0, 250.0, 24.0],
                ),
            ),
            (
                "丙江区".into(),
                row(
                    [80.0, 100.0, -20.0, 200.0, 40.0],
                    [90.0, 45.0, 100.0, 100.0, 90.0],
                ),
            ),
        ],
        total: Some((
            "全市合计".into(),
            row(
                [630.0, 500.0, 26.0, 1500.0, 42.0],
                [400.0, 255.0, 56.9, 850.0, 47.1],
            ),
        )),
        footer: Some("注：数据来源于市商务局。".into()),
    };
    write_peer_sheet(&sheet, &fx.data.join("peers").join("市通报_2026-09.xlsx")).unwrap();
}

/// 2026-08 with one row of labels ("注册外资累计"), an unknown 丁县 and "abc".
fn malformed_august(fx: &Fixture) -> String {
    let name = "peers/市通报_2026-08.xlsx";
    Grid::new(
        "Sheet1",
        vec![
            vec!["2026年1-8月各县市利用外资情况"],
            vec!["单位：万美元"],
            vec!["县市", "注册外资累计", "注册外资同比%"],
            vec!["甲山市", "120", "10"],
            vec!["丁县", "50", "5"],
            vec!["测试县", "abc", "3"],
        ],
    )
    .write(&fx.data.join(name));
    name.to_string()
}

fn run() -> (Fixture, RunOutcome, String) {
    let fx = fixture();
    brief_october(&fx);
    full_september(&fx);
    let malformed = malformed_august(&fx);
    let outcome = fx.run(ym(2026, 10));
    (fx, outcome, malformed)
}

fn peers_book(outcome: &RunOutcome, sheet: &str) -> Range<Data> {
    let path = outcome
        .peers
        .as_ref()
        .expect("the peer workbook is written");
    read_sheet(path, sheet)
}

/// Asserts one row of a comparison sheet: 排名 … 占全市(%).
fn assert_row(range: &Range<Data>, row: u32, expected: [Cell; 11], what: &str) {
    for (c, e) in expected.iter().enumerate() {
        assert_cell(range, row, c as u32, e, &format!("{what} column {}", c + 1));
    }
}

#[test]
fn registered_fdi_ranks_gaps_shares_and_derived_last_year() {
    let (_fx, outcome, _) = run();
    let s = peers_book(&outcome, "注册外资");
    // In 万美元: 甲 0.05亿 = 500, 乙 200, us 200 (our own: 甲镇's 200), 丙 100;
    // total 0.10亿 = 1000. Ranks 1, 2, 2, 4 (ties share). 去年同期 from 同比:
    // 甲 500 / 1.25 = 400, 丙 100 / 0.5 = 200; 乙 has no 同比, so none; ours is
    // our own 2025 figure, 100, so 同比 100% and 完成 200 / 400 = 50%.
    // 同比 ranks: us 100 (1), 甲 25 (2), 丙 −50 (3), 乙 none.
    assert_row(
        &s,
        3,
        [
            n(1.0),
            t("甲山市"),
            n(500.0),
            n(400.0),
            n(25.0),
            n(2.0),
            t(DASH),
            t(DASH),
            n(0.0),
            t(DASH),
            n(50.0),
        ],
        "甲山市",
    );
    assert_row(
        &s,
        4,
        [
            n(2.0),
            t("乙水县"),
            n(200.0),
            t(DASH),
            t(DASH),
            t(DASH),
            t(DASH),
            t(DASH),
            n(300.0),
            n(300.0),
            n(20.0),
        ],
        "乙水县",
    );
    assert_row(
        &s,
        5,
        [
            n(2.0),
            t("测试县"),
            n(200.0),
            n(100.0),
            n(100.0),
            n(1.0),
            n(400.0),
            n(50.0),
            n(300.0),
            n(300.0),
            n(20.0),
        ],
        "测试县",
    );
    assert_row(
        &s,
        6,
        [
            n(4.0),
            t("丙江区"),
            n(100.0),
            n(200.0),
            n(-50.0),
            n(3.0),
            t(DASH),
            t(DASH),
            n(400.0),
            n(100.0),
            n(10.0),
        ],
        "丙江区",
    );
    assert_cell(&s, 7, 1, &t("全市合计"), "total label");
    assert_cell(&s, 7, 2, &n(1000.0), "prefecture total");
}

#[test]
fn arrived_fdi_from_a_bulletin_that_calls_it_something_else() {
    let (_fx, outcome, _) = run();
    let s = peers_book(&outcome, "到帐外资");
    // 丙 400 (last 400 / 4 = 100), 甲 300 (300 / 0.6 = 500), 乙 100 (100 / 2
    // = 50) and us 100 (our own, last year 100, 同比 0; 完成 100 / 250 = 40%),
    // tied 3rd in the bulletin's order. Total 0.09亿 = 900: shares 44.4, 33.3,
    // 11.1, 11.1. 同比 ranks: 丙 300 (1), 乙 100 (2), us 0 (3), 甲 −40 (4).
    let third = 100.0 / 9.0;
    assert_row(
        &s,
        3,
        [
            n(1.0),
            t("丙江区"),
            n(400.0),
            n(100.0),
            n(300.0),
            n(1.0),
            t(DASH),
            t(DASH),
            n(0.0),
            t(DASH),
            n(400.0 / 9.0),
        ],
        "丙江区",
    );
    assert_row(
        &s,
        4,
        [
            n(2.0),
            t("甲山市"),
            n(300.0),
            n(500.0),
            n(-40.0),
            n(4.0),
            t(DASH),
            t(DASH),
            n(100.0),
            n(100.0),
            n(300.0 / 9.0),
        ],
        "甲山市",
    );
    assert_row(
        &s,
        5,
        [
            n(3.0),
            t("乙水县"),
            n(100.0),
            n(50.0),
            n(100.0),
            n(2.0),
            t(DASH),
            t(DASH),
            n(300.0),
            n(200.0),
            n(third),
        ],
        "乙水县",
    );
    assert_row(
        &s,
        6,
        [
            n(3.0),
            t("测试县"),
            n(100.0),
            n(100.0),
            n(0.0),
            n(3.0),
            n(250.0),
            n(40.0),
            n(300.0),
            n(200.0),
            n(third),
        ],
        "测试县",
    );
}

#[test]
fn rank_over_time_and_the_overview_quotes_our_rank() {
    let (_fx, outcome, _) = run();
    let s = peers_book(&outcome, "排名走势");
    // September: our own 1-9月 is 0 (甲镇 sent only October), below 甲 300,
    // 乙 100, 丙 80 on 注册外资 and 甲 200, 丙 90, 乙 50 on 到帐外资: 4th of 4.
    // October: 2nd on 注册外资, 3rd on 到帐外资 (above). August's bulletin is
    // malformed, so August is blank; 2025 has no bulletins at all.
    assert_cell(&s, 2, 1, &t("注册外资2026年"), "header");
    assert_cell(&s, 2, 3, &t("到帐外资2026年"), "header");
    assert_cell(&s, 3 + 8, 1, &n(4.0), "注册外资 September");
    assert_cell(&s, 3 + 9, 1, &n(2.0), "注册外资 October");
    assert_cell(&s, 3 + 8, 3, &n(4.0), "到帐外资 September");
    assert_cell(&s, 3 + 9, 3, &n(3.0), "到帐外资 October");
    assert_cell(&s, 3 + 7, 1, &t(""), "August left blank");
    assert_cell(&s, 3 + 9, 2, &t(""), "no 2025 bulletin");

    let overview = read_sheet(&outcome.bulletin, "概览");
    let sentence = "在市通报的4个县（市、区）中，测试县注册外资1-10月累计200万美元，列第2位，比首位甲山市少300万美元；同比增长100.0%，增幅列第1位；占全市20.0%。";
    assert!(
        overview
            .used_cells()
            .any(|(_, _, v)| matches!(v, Data::String(s) if s == sentence)),
        "overview sentence missing: {sentence}"
    );
}

/// The rows of the audit workbook's 市通报 sheet: (file, sheet, cell, raw, rule).
fn audit_rows(outcome: &RunOutcome) -> Vec<[String; 5]> {
    let s = read_sheet(&outcome.audit, "市通报");
    let text = |r: u32, c: u32| match cell(&s, r, c) {
        Cell::Text(t) => t,
        Cell::Num(x) => x.to_string(),
    };
    (3..s.height() as u32)
        .map(|r| [text(r, 1), text(r, 2), text(r, 3), text(r, 4), text(r, 5)])
        .collect()
}

#[test]
fn a_malformed_bulletin_is_named_to_the_cell_and_the_run_completes() {
    let (_fx, outcome, malformed) = run();
    let rows = audit_rows(&outcome);
    let has = |file: &str, a1: &str, raw: &str, rule: &str| {
        rows.iter()
            .any(|r| r[0] == file && r[2] == a1 && r[3] == raw && r[4] == rule)
    };
    assert!(
        has(&malformed, "A5", "丁县", "peers.county_unknown"),
        "{rows:?}"
    );
    assert!(
        has(&malformed, "B6", "abc", "cell.not_a_number"),
        "{rows:?}"
    );
    // September: 乙水县 同比 30 where 100 / 80 gives 25; our row 150 where our
    // own submissions give 0.
    let september = "peers/市通报_2026-09.xlsx";
    assert!(
        has(september, "D6", "30", "peers.yoy_inconsistent"),
        "{rows:?}"
    );
    assert!(
        has(september, "B7", "150.00万美元", "peers.own_figure_differs"),
        "{rows:?}"
    );
    assert_eq!(outcome.peer_errors, 2, "{rows:?}");
    // The bulletin and the rest of the run are unaffected.
    assert!(outcome.receipts.rejected().is_empty());
    let notes = peers_book(&outcome, "说明");
    let status_of = |file: &str| {
        (0..notes.height() as u32)
            .find(|&r| cell(&notes, r, 0) == t(file))
            .map(|r| cell(&notes, r, 3))
    };
    assert_eq!(status_of("peers/市通报_2026-10.xlsx"), Some(t("采用")));
    assert!(matches!(status_of(&malformed), Some(Cell::Text(s)) if s.starts_with("未采用")));
}

#[test]
fn without_bulletins_there_is_no_peer_workbook() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 10));
    assert!(outcome.peers.is_none());
}

#[test]
fn bulletins_without_the_county_list_are_an_audit_error_not_a_failed_run() {
    let fx = fixture();
    brief_october(&fx);
    std::fs::remove_file(fx.data.join("reference").join("peers.xlsx")).unwrap();
    let outcome = fx.run(ym(2026, 10));
    assert_eq!(outcome.peer_errors, 1);
    assert!(audit_rows(&outcome)
        .iter()
        .any(|r| r[4] == "peers.no_county_list"));
}

#[test]
fn the_same_inputs_give_the_same_peer_workbook() {
    let (fx, first, _) = run();
    let bytes = std::fs::read(first.peers.as_ref().unwrap()).unwrap();
    let again = fx.run(ym(2026, 10));
    assert!(bytes == std::fs::read(again.peers.as_ref().unwrap()).unwrap());
}

/// 2026-10 in 万美元 with 累计, 年计划 and 完成%: 甲山市's plan "—", 乙水县's
/// "/", 丙江区's blank (none given); the prefecture lists us at 210 where our
/// own 甲镇 gives 200.
fn plans_not_given(fx: &Fixture) {
    Grid::new(
        "Sheet1",
        vec![
            vec!["2026年1-10月各县市利用外资情况"],
            vec!["单位：万美元"],
            vec!["县市", "注册外资累计", "注册外资年计划", "注册外资完成%"],
            vec!["甲山市", "500", "—", "—"],
            vec!["乙水县", "300", "/", "/"],
            vec!["测试县", "210", "400", "52.5"],
            vec!["丙江区", "100", "", ""],
        ],
    )
    .write(&fx.data.join("peers/市通报_2026-10.xlsx"));
}

#[test]
fn a_dash_in_a_plan_is_not_a_plan_of_zero_and_our_row_is_our_own_by_default() {
    let fx = fixture();
    plans_not_given(&fx);
    let outcome = fx.run(ym(2026, 10));
    let s = peers_book(&outcome, "注册外资");
    // Ours 200 (甲镇), 2025 100: 同比 100%, our target 400: 完成 50%. Ranks
    // 甲 500, 乙 300, us 200, 丙 100; gaps to the leader 0, 200, 300, 400;
    // no total row, so the share is of 500 + 300 + 200 + 100 = 1100.
    // No plan given is "—", never 0.
    let rows = [
        ("甲山市", 500.0, t(DASH), t(DASH), n(0.0), t(DASH)),
        ("乙水县", 300.0, t(DASH), t(DASH), n(200.0), n(200.0)),
        ("测试县", 200.0, n(400.0), n(50.0), n(300.0), n(100.0)),
        ("丙江区", 100.0, t(DASH), t(DASH), n(400.0), n(100.0)),
    ];
    for (k, (county, ytd, plan, completion, to_leader, to_above)) in rows.into_iter().enumerate() {
        let r = 3 + k as u32;
        assert_cell(&s, r, 0, &n(k as f64 + 1.0), county);
        assert_cell(&s, r, 1, &t(county), county);
        assert_cell(&s, r, 2, &n(ytd), county);
        assert_cell(&s, r, 6, &plan, &format!("{county} 年计划"));
        assert_cell(&s, r, 7, &completion, &format!("{county} 完成"));
        assert_cell(&s, r, 8, &to_leader, &format!("{county} 与首位差距"));
        assert_cell(&s, r, 9, &to_above, &format!("{county} 与前一位差距"));
        assert_cell(&s, r, 10, &n(ytd / 11.0), &format!("{county} 占全市"));
    }
    let overview = read_sheet(&outcome.bulletin, "概览");
    let sentence = "在市通报的4个县（市、区）中，测试县注册外资1-10月累计200万美元，列第3位，比首位甲山市少300万美元；同比增长100.0%，增幅列第1位；占全市18.2%。";
    assert!(
        overview
            .used_cells()
            .any(|(_, _, v)| matches!(v, Data::String(s) if s == sentence)),
        "overview sentence missing: {sentence}"
    );
    let notes: Vec<String> = s
        .used_cells()
        .filter_map(|(_, _, v)| match v {
            Data::String(s) if s.starts_with("3. ") => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        notes,
        ["3. 市通报中测试县1-10月累计为210.00万美元（市局口径，取自商务部门统计系统），本表采用本系统按各单位报表汇总的200.00万美元，排名和差距按此计算。"]
    );
}

#[test]
fn our_row_from_the_prefectures_bulletin_when_settings_say_so() {
    let fx = fixture();
    plans_not_given(&fx);
    std::fs::write(
        fx.data.join("settings.toml"),
        "county = \"测试县\"\n[peers]\nour_figure = \"prefecture\"\n",
    )
    .unwrap();
    let outcome = fx.run(ym(2026, 10));
    let s = peers_book(&outcome, "注册外资");
    // Our row is the prefecture's: 210, plan 400, 完成 52.5 as printed, no
    // 同比 (the bulletin gives none). Gap to 甲 500 − 210 = 290, to 乙 300 − 210
    // = 90; 丙 is 110 below us. Share of 500 + 300 + 210 + 100 = 1110.
    assert_cell(&s, 5, 1, &t("测试县"), "our row third");
    assert_cell(&s, 5, 2, &n(210.0), "our 累计 as the prefecture prints it");
    assert_cell(&s, 5, 4, &t(DASH), "no 同比");
    assert_cell(&s, 5, 6, &n(400.0), "年计划");
    assert_cell(&s, 5, 7, &n(52.5), "完成");
    assert_cell(&s, 5, 8, &n(290.0), "与首位差距");
    assert_cell(&s, 5, 9, &n(90.0), "与前一位差距");
    assert_cell(&s, 6, 9, &n(110.0), "丙江区 与前一位差距");
    assert_cell(&s, 5, 10, &n(210.0 / 11.1), "占全市");
    let overview = read_sheet(&outcome.bulletin, "概览");
    let sentence = "在市通报的4个县（市、区）中，测试县注册外资1-10月累计210万美元，列第3位，比首位甲山市少290万美元；占全市18.9%。";
    assert!(
        overview
            .used_cells()
            .any(|(_, _, v)| matches!(v, Data::String(s) if s == sentence)),
        "overview sentence missing: {sentence}"
    );
    assert!(
        s.used_cells().any(|(_, _, v)| matches!(v, Data::String(s)
            if s == "3. 本表测试县采用市通报数字（市局口径）210.00万美元，排名和差距按此计算；本系统按各单位报表汇总的1-10月累计为200.00万美元。")),
        "the note gives our own figure"
    );
}
