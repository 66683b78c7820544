//! The demo's 概览 and Word 通报 say the RMB figures in sentences: 招商引资总额,
//! new enterprises and projects by 总投资 band, project stages. Each expected
//! sentence is put together here from the demo bulletin's own sheets (the
//! 招商引资总额 sheet's 合计 row, 分地区's 全县合计, 项目分档's and 项目进度's
//! 合计 rows), so that the words are checked against the tables beside them.

use crate::common::{cell, read_sheet, row_of, Cell};
use calamine::{Data, Range};
use std::io::Read;

fn num(sheet: &Range<Data>, row: u32, col: u32) -> f64 {
    match cell(sheet, row, col) {
        Cell::Num(v) => v,
        other => panic!("({row}, {col}): {other:?}"),
    }
}

/// "增长12.5%" / "下降17.7%", as a speech says a change.
fn change(percent: f64) -> String {
    if percent < 0.0 {
        format!("下降{:.1}%", -percent)
    } else {
        format!("增长{percent:.1}%")
    }
}

#[test]
fn the_demo_says_the_rmb_figures_in_both_outputs() {
    let (_out, outcome) = crate::common::run_committed_demo();
    let book = &outcome.bulletin;

    // 招商引资总额: 合计 row, 累计 (col D) in 万元 — over 1亿, so in 亿元 with
    // one decimal — 同比 (H) and 完成 (J).
    let attracted = read_sheet(book, "招商引资总额");
    let r = row_of(&attracted, "合计");
    let ytd = num(&attracted, r, 3);
    assert!(ytd >= 10_000.0 && (ytd / 10_000.0 * 10.0).round() % 10.0 != 0.0);
    let total = format!(
        "1-10月，全县实现招商引资总额{:.1}亿元，{}，完成年度目标的{:.1}%。",
        ytd / 10_000.0,
        change(num(&attracted, r, 7)),
        num(&attracted, r, 9)
    );

    // 新批外资企业: 分地区 全县合计, 新设外商投资企业数 累计 and 去年同期.
    let regions = read_sheet(book, "分地区");
    let r = row_of(&regions, "全县合计");
    assert_eq!(
        cell(&regions, 2, 29),
        Cell::Text("新设外商投资企业数（个）".into())
    );
    let fie = (num(&regions, r, 30), num(&regions, r, 31));
    // 项目分档: the lowest band (1000万元) and the 大项目 band (3000万元), 本年
    // and 上年同期 on the 合计 row.
    let bands = read_sheet(book, "项目分档");
    assert_eq!(cell(&bands, 2, 2), Cell::Text("1000万元以上".into()));
    assert_eq!(
        cell(&bands, 2, 7),
        Cell::Text("3000万元以上（大项目）".into())
    );
    let r = row_of(&bands, "合计");
    let projects = format!(
        "1-10月，全县新批外资企业{:.0}家（去年同期{:.0}家），总投资1000万元以上项目{:.0}个（去年同期{:.0}个），其中3000万元以上大项目{:.0}个（去年同期{:.0}个）。",
        fie.0,
        fie.1,
        num(&bands, r, 2),
        num(&bands, r, 3),
        num(&bands, r, 7),
        num(&bands, r, 8)
    );

    // 项目进度: per stage (签订意向, 新签, 新开工, 投产) five columns from C,
    // 累计 second and 上年同期 third; the sentence says 新签, 新开工, 投产, then
    // 签订意向, and over how many units (those with a number in some 累计)
    // this year and last.
    let stages = read_sheet(book, "项目进度");
    let total_row = row_of(&stages, "合计");
    let said = |k: u32| {
        let (ytd, last) = (2 + 5 * k + 1, 2 + 5 * k + 2);
        format!(
            "{:.0}个（去年同期{:.0}个）",
            num(&stages, total_row, ytd),
            num(&stages, total_row, last)
        )
    };
    let units_with = |offset: u32| {
        (4..total_row)
            .filter(|&r| {
                (0..4).any(|k| matches!(cell(&stages, r, 2 + 5 * k + offset), Cell::Num(_)))
            })
            .count()
    };
    // 保税区 all along, 青山镇 and 柳溪镇 from 2026.
    assert_eq!((units_with(1), units_with(2)), (3, 1));
    let stage_sentence = format!(
        "1-10月，全县新签项目{}、新开工项目{}、投产项目{}、签订意向项目{}（项目阶段按填报该栏的3个单位统计，去年同期为1个单位）。",
        said(1),
        said(2),
        said(3),
        said(0)
    );

    // The 概览 has each sentence in a row of its own, 招商引资总额 first.
    let overview = read_sheet(book, "概览");
    let rows: Vec<String> = (0..overview.height() as u32)
        .filter_map(|r| match cell(&overview, r, 0) {
            Cell::Text(t) => Some(t),
            Cell::Num(_) => None,
        })
        .collect();
    for sentence in [&total, &projects, &stage_sentence] {
        assert!(rows.contains(sentence), "{sentence}\n{rows:#?}");
    }
    let first = rows.iter().position(|s| s == "文字摘要").unwrap() + 1;
    assert_eq!(rows[first], total);

    // The 通报: 时序进度 with its rule (10 ÷ 12 = 83.3%) and 招商引资总额 open
    // 一、总体情况; new enterprises, projects and stages close it.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&outcome.document).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let opening = format!("今年1-10月时序进度为83.3%（10月÷12）。{total}");
    let closing = format!("{projects}{stage_sentence}");
    for text in [&opening, &closing] {
        assert!(xml.contains(text.as_str()), "{text}");
    }
    let at = |s: &str| xml.find(s).unwrap();
    assert!(at("一、总体情况") < at(&opening));
    assert!(at(&closing) < at("二、各单位完成情况"));
}
