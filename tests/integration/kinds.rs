//! Kinds of unit beyond zones and towns (issue 16, items 1, 2 and 5): a zone,
//! two towns (one without a target), two departments and a team, each ranked,
//! subtotalled and flagged within its kind; subtotals that work 完成% over the
//! units with a target only; the sentences kind by kind in the workbook's 概览
//! and in the Word 通报. Every figure is worked by hand in the comments.

use crate::common::{assert_cell, foreign, form, read_sheet, row_of, ym, Cell, Fixture};

/// 时序进度 for October: 10/12.
const P: f64 = 10.0 / 12.0 * 100.0;

fn n(x: f64) -> Cell {
    Cell::Num(x)
}
fn blank() -> Cell {
    Cell::Text(String::new())
}
fn dash() -> Cell {
    Cell::Text("—".to_string())
}

/// Targets (合同外资, 到帐外资 only; 万美元): 甲区 1000/500, 东镇 200/100,
/// 北镇 none, 商务局 400/200, 发改委 100/100, 招商一组 50/50.
/// October 2026, in 万美元: 甲区 合同 900 到帐 400; 东镇 100 / 50; 北镇 300 / 0;
/// 商务局 120 / 20; 发改委 70 / 70; 招商一组 sends nothing.
fn fixture() -> Fixture {
    let t = |c: f64, a: f64| [None, Some(c), Some(a), None, None, None];
    let fx = Fixture::new(
        &[
            ("甲区", "开发区"),
            ("东镇", "镇"),
            ("北镇", "街道"),
            ("商务局", "县直部门"),
            ("发改委", "市直部门"),
            ("招商一组", "招商团队"),
        ],
        &[(
            2026,
            vec![
                ("甲区".into(), t(1000.0, 500.0)),
                ("东镇".into(), t(200.0, 100.0)),
                ("商务局".into(), t(400.0, 200.0)),
                ("发改委".into(), t(100.0, 100.0)),
                ("招商一组".into(), t(50.0, 50.0)),
            ],
        )],
        &[(ym(2026, 10), [710.0, 91.0, 4.8, 780.0])],
    );
    let m = ym(2026, 10);
    for (unit, contracted, arrived) in [
        ("甲区", 900.0, 400.0),
        ("东镇", 100.0, 50.0),
        ("北镇", 300.0, 0.0),
        ("商务局", 120.0, 20.0),
        ("发改委", 70.0, 70.0),
    ] {
        let arrived = (arrived > 0.0).then_some(arrived);
        let rows = vec![foreign(
            "新设",
            "美元",
            Some(contracted),
            Some(contracted),
            arrived,
        )];
        fx.submit(m, &format!("{unit}.xlsx"), &form(unit, m, "万美元", rows));
    }
    fx
}

/// Column of figure `j` (0 本月 … 5 完成 6 进度差 7 排名) of 合同外资 (slot 1)
/// or 到帐外资 (slot 2) on 分地区.
fn col(slot: u32, j: u32) -> u32 {
    2 + slot * 9 + j
}

#[test]
fn each_kind_is_ranked_and_subtotalled_apart_and_a_unit_without_a_target_adds_to_no_completion() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 10));
    let sheet = read_sheet(&outcome.bulletin, "分地区");
    let order = [
        "甲区",
        "开发区小计",
        "东镇",
        "北镇",
        "镇小计",
        "商务局",
        "发改委",
        "部门小计",
        "招商一组",
        "团队小计",
        "全县合计",
    ];
    let rows: Vec<u32> = order.iter().map(|u| row_of(&sheet, u)).collect();
    assert!(
        rows.windows(2).all(|w| w[0] < w[1]),
        "{order:?} at {rows:?}"
    );

    // (unit, [合同外资 累计, 目标, 完成, 进度差, 排名], [到帐外资 the same]).
    // 镇小计: 累计 100 + 300 = 400 over both towns, but 完成 over 东镇 only:
    // 100 / 200 = 50% (not 400 / 200 = 200%); 到帐 50 / 100 = 50%.
    // 部门小计: 190 / 500 = 38%, 90 / 300 = 30%. 商务局 30% ranks 2 behind
    // 发改委 70%; 到帐 10% and 70% the same.
    // 全县合计: 累计 900 + 100 + 300 + 120 + 70 = 1490; 完成 over the units
    // with a target, (1490 − 300) / (1000 + 200 + 400 + 100 + 50) = 1190 / 1750
    // = 68%; 到帐 累计 540, (540 − 0) / 950.
    let rank = |r: f64| n(r);
    let expected: [(&str, [Cell; 5], [Cell; 5]); 11] = [
        (
            "甲区",
            [n(900.0), n(1000.0), n(90.0), n(90.0 - P), rank(1.0)],
            [n(400.0), n(500.0), n(80.0), n(80.0 - P), rank(1.0)],
        ),
        (
            "开发区小计",
            [n(900.0), n(1000.0), n(90.0), n(90.0 - P), blank()],
            [n(400.0), n(500.0), n(80.0), n(80.0 - P), blank()],
        ),
        (
            "东镇",
            [n(100.0), n(200.0), n(50.0), n(50.0 - P), rank(1.0)],
            [n(50.0), n(100.0), n(50.0), n(50.0 - P), rank(1.0)],
        ),
        (
            "北镇",
            [n(300.0), dash(), dash(), dash(), dash()],
            [n(0.0), dash(), dash(), dash(), dash()],
        ),
        (
            "镇小计",
            [n(400.0), n(200.0), n(50.0), n(50.0 - P), blank()],
            [n(50.0), n(100.0), n(50.0), n(50.0 - P), blank()],
        ),
        (
            "商务局",
            [n(120.0), n(400.0), n(30.0), n(30.0 - P), rank(2.0)],
            [n(20.0), n(200.0), n(10.0), n(10.0 - P), rank(2.0)],
        ),
        (
            "发改委",
            [n(70.0), n(100.0), n(70.0), n(70.0 - P), rank(1.0)],
            [n(70.0), n(100.0), n(70.0), n(70.0 - P), rank(1.0)],
        ),
        (
            "部门小计",
            [n(190.0), n(500.0), n(38.0), n(38.0 - P), blank()],
            [n(90.0), n(300.0), n(30.0), n(30.0 - P), blank()],
        ),
        (
            "招商一组",
            [n(0.0), n(50.0), n(0.0), n(-P), rank(1.0)],
            [n(0.0), n(50.0), n(0.0), n(-P), rank(1.0)],
        ),
        (
            "团队小计",
            [n(0.0), n(50.0), n(0.0), n(-P), blank()],
            [n(0.0), n(50.0), n(0.0), n(-P), blank()],
        ),
        (
            "全县合计",
            [
                n(1490.0),
                n(1750.0),
                n(1190.0 / 17.5),
                n(1190.0 / 17.5 - P),
                blank(),
            ],
            [
                n(540.0),
                n(950.0),
                n(540.0 / 9.5),
                n(540.0 / 9.5 - P),
                blank(),
            ],
        ),
    ];
    for (unit, contracted, arrived) in &expected {
        let r = row_of(&sheet, unit);
        for (slot, cells) in [(1, contracted), (2, arrived)] {
            for (k, j) in [1u32, 4, 5, 6, 7].into_iter().enumerate() {
                let what = format!("{unit} slot {slot} figure {j}");
                assert_cell(&sheet, r, col(slot, j), &cells[k], &what);
            }
        }
    }
    let note = match crate::common::cell(&sheet, 1, 0) {
        Cell::Text(s) => s,
        other => panic!("{other:?}"),
    };
    assert!(
        note.contains("排名在开发区、镇、部门、团队内分别按完成(%)排列")
            && note.contains("小计、合计的累计含全部单位，完成(%)和进度差只计有年度目标的单位"),
        "{note}"
    );
}

#[test]
fn the_sentences_count_kind_by_kind_in_the_overview_and_the_document() {
    let fx = fixture();
    let outcome = fx.run(ym(2026, 10));
    // 时序进度 83.3%, so 脱幅 = 83.3 − 完成 and 黄牌 below 0.7 × 83.3 = 58.3%.
    // 甲区 到帐 80% → 3.3 behind; 东镇 50% / 50%; 商务局 30% / 10%; 发改委
    // 70% / 70% (behind, no 黄牌); 招商一组 0% / 0%. 北镇 has no target, so
    // no 脱幅 and no 黄牌; it has 合同外资, so it has broken zero.
    let sentences = [
        "有1个开发区的到帐外资出现脱幅（甲区3.3个百分点）。",
        "有1个镇的合同外资出现脱幅（东镇33.3个百分点），1个镇的到帐外资出现脱幅（东镇33.3个百分点），其中1个镇为双脱幅（东镇）。",
        "有2个部门的合同外资出现脱幅（商务局53.3个百分点、发改委13.3个百分点），2个部门的到帐外资出现脱幅（商务局73.3个百分点、发改委13.3个百分点），其中2个部门为双脱幅（商务局、发改委）。",
        "有1个团队的合同外资出现脱幅（招商一组83.3个百分点），1个团队的到帐外资出现脱幅（招商一组83.3个百分点），其中1个团队为双脱幅（招商一组）。",
        "镇中按时序进度完成低于70%的：合同外资有东镇（50.0%），到帐外资有东镇（50.0%）（黄牌）。",
        "部门中按时序进度完成低于70%的：合同外资有商务局（30.0%），到帐外资有商务局（10.0%）（黄牌）。",
        "团队中按时序进度完成低于70%的：合同外资有招商一组（0.0%），到帐外资有招商一组（0.0%）（黄牌）。",
        "还有1个单位未破零（招商一组），合同外资、注册外资、到帐外资累计均为零。",
        // County 合同外资 1490 (no last year), 完成 68.0%, 15.3 behind.
        "1-10月，全县合同外资1490万美元，完成年计划68.0%，落后时序进度15.3个百分点。",
    ];
    let overview = read_sheet(&outcome.bulletin, "概览");
    let texts: Vec<String> = overview
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    let mut xml = String::new();
    let mut docx = zip::ZipArchive::new(std::fs::File::open(&outcome.document).unwrap()).unwrap();
    std::io::Read::read_to_string(&mut docx.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    for sentence in sentences {
        assert!(
            texts.iter().any(|t| t == sentence),
            "概览 lacks {sentence}\n{texts:#?}"
        );
        assert!(xml.contains(sentence), "通报 lacks {sentence}");
    }
    // The document's tables: a heading and three tables for each kind.
    for heading in ["（一）开发区", "（二）镇", "（三）部门", "（四）团队"] {
        assert!(xml.contains(heading), "{heading}");
    }
    assert!(xml.contains("表12　团队到帐外资完成情况（万美元）"));
}

#[test]
fn kinds_defined_in_settings_and_a_kind_word_nobody_defined() {
    let fx = Fixture::new(
        &[("东镇", "镇"), ("上海办", "驻外办事处")],
        &[(2026, vec![])],
        &[(ym(2026, 10), [710.0, 91.0, 4.8, 780.0])],
    );
    // Without a kind for 驻外办事处 the run stops at regions.xlsx, naming the
    // cell and the words it knows.
    let Err(err) = zhaoshang::pipeline::run_month(&fx.config(Some(ym(2026, 10)))) else {
        panic!("an unknown 类型 stops the run");
    };
    let message = format!("{err:#}");
    assert!(
        message.contains("类型「驻外办事处」不是已定义的单位类型") && message.contains("[[kinds]]"),
        "{message}"
    );
    // Defined, with the offices before the towns.
    std::fs::write(
        fx.data.join("settings.toml"),
        "county = \"测试市\"\n\
         [[kinds]]\nname = \"驻外机构\"\nmember = \"驻外机构\"\nwords = [\"驻外办事处\"]\n\
         [[kinds]]\nname = \"镇\"\n",
    )
    .unwrap();
    let m = ym(2026, 10);
    fx.submit(
        m,
        "上海办.xlsx",
        &form(
            "上海办",
            m,
            "万美元",
            vec![foreign("新设", "美元", Some(10.0), Some(10.0), None)],
        ),
    );
    let outcome = fx.run(m);
    let sheet = read_sheet(&outcome.bulletin, "分地区");
    let order = ["上海办", "驻外机构小计", "东镇", "镇小计", "全市合计"];
    let rows: Vec<u32> = order.iter().map(|u| row_of(&sheet, u)).collect();
    assert!(
        rows.windows(2).all(|w| w[0] < w[1]),
        "{order:?} at {rows:?}"
    );
}
