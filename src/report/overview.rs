//! The bulletin's first sheet (概览): the county's headline figures, the units
//! flagged 脱幅 / 双脱幅 / 黄牌 / 未破零 by name, the three units furthest
//! ahead on each indicator, and sentences in the bulletins' register.

use super::style;
use crate::aggregate::region::{Figure, RegionFigures, RegionRow, RowKind};
use crate::foundation::formulas::arrival_rate;
use crate::foundation::model::{Indicator, YearMonth};
use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};

const HEADLINE_HEADERS: [&str; 9] = [
    "指标",
    "单位",
    "本月",
    "累计",
    "去年同期",
    "同比(%)",
    "年度目标",
    "完成(%)",
    "进度差(百分点)",
];
/// Width of the names columns of the flags and top-three tables.
const NAMES_WIDTH: f64 = 60.0;

/// Writes the sheet.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell (out of range), which is a bug.
pub fn write_overview(
    sheet: &mut Worksheet,
    county: &str,
    figures: &RegionFigures,
    peer_sentences: &[String],
) -> Result<()> {
    let month = figures.month;
    let title = format!(
        "{county}{}年1-{}月招商引资情况概览",
        month.year, month.month
    );
    let last_col = HEADLINE_HEADERS.len() as u16 - 1;
    style::sheet_top(sheet, "概览", &title, last_col)?;
    sheet.write_string_with_format(
        1,
        0,
        format!(
            "时序进度：{:.1}%（{}）　　累计为1-{}月，去年同期为{}年1-{}月",
            figures.progress,
            figures.progress_basis,
            month.month,
            month.year - 1,
            month.month
        ),
        &style::subtitle(),
    )?;
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 8)?;
    for c in 2..=last_col {
        sheet.set_column_width(c, 12)?;
    }
    let county_row = figures
        .rows
        .iter()
        .find(|r| r.kind == RowKind::County)
        .expect("the by-region figures always end with the county row");
    let mut r = write_headlines(sheet, 3, county_row)?;

    r += 1;
    let bold = style::subtitle().set_bold();
    sheet.write_string_with_format(r, 0, "文字摘要", &bold)?;
    r += 1;
    let text_width = 16.0 + 8.0 + 12.0 * 7.0;
    let mut sentences = summary_sentences(month, county_row, figures);
    sentences.extend_from_slice(peer_sentences);
    for sentence in sentences {
        sheet.merge_range(r, 0, r, last_col, &sentence, &wrapped())?;
        sheet.set_row_height(r, 15.0 * style::wrapped_lines(&sentence, text_width) as f64)?;
        r += 1;
    }

    r += 1;
    sheet.write_string_with_format(r, 0, "预警单位", &bold)?;
    r = write_name_table(sheet, r + 1, ["情况", "个数", "单位"], &flag_lines(figures))?;

    r += 1;
    sheet.write_string_with_format(r, 0, "完成年计划前三名", &bold)?;
    write_name_table(
        sheet,
        r + 1,
        ["指标", "", "单位（完成%）"],
        &top_three_lines(figures),
    )?;
    sheet.set_freeze_panes(3, 0)?;
    style::print_setup(sheet, 1)?;
    Ok(())
}

fn wrapped() -> Format {
    style::text()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top)
}

/// The headline table from row `r`; returns the row after it.
fn write_headlines(sheet: &mut Worksheet, r: u32, county: &RegionRow) -> Result<u32> {
    let header = style::header();
    for (c, h) in HEADLINE_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(r, c as u16, *h, &header)?;
    }
    let mut row = r + 1;
    for (indicator, f) in Indicator::BULLETIN.iter().zip(&county.figures) {
        let amount = if *indicator == Indicator::NewFieCount {
            style::COUNT
        } else {
            style::AMOUNT
        };
        sheet.write_string_with_format(row, 0, indicator.name_zh(), &style::text())?;
        sheet.write_string_with_format(row, 1, indicator.unit_zh(), &style::centered())?;
        let values = [
            (f.this_month, amount),
            (Some(f.ytd), amount),
            (Some(f.last_ytd), amount),
            (f.yoy, style::PERCENT),
            (f.target, amount),
            (f.completion, style::PERCENT),
            (f.gap, style::PERCENT),
        ];
        for (c, (value, format)) in values.into_iter().enumerate() {
            style::write_figure(sheet, row, 2 + c as u16, value, format, |f| f)?;
        }
        row += 1;
    }
    sheet.write_string_with_format(row, 0, "资金到位率", &style::text())?;
    sheet.write_string_with_format(row, 1, "%", &style::centered())?;
    let rate = arrival_rate(
        figure_of(county, Indicator::ArrivedFdi).ytd,
        figure_of(county, Indicator::ContractedFdi).ytd,
    );
    style::write_figure(sheet, row, 3, rate, style::PERCENT, |f| f)?;
    for c in [2, 4, 5, 6, 7, 8] {
        sheet.write_blank(row, c, &style::text())?;
    }
    Ok(row + 1)
}

/// The figure of `indicator` on `row` (a default one for an indicator not in the bulletin).
pub fn figure_of(row: &RegionRow, indicator: Indicator) -> Figure {
    Indicator::BULLETIN
        .iter()
        .position(|&i| i == indicator)
        .map(|slot| row.figures[slot])
        .unwrap_or_default()
}

/// A three-column table of (what, count, names) from row `r`, the names
/// wrapped across the remaining columns; returns the row after it.
fn write_name_table(
    sheet: &mut Worksheet,
    r: u32,
    headers: [&str; 3],
    lines: &[(String, String, String)],
) -> Result<u32> {
    let header = style::header();
    let last_col = HEADLINE_HEADERS.len() as u16 - 1;
    sheet.write_string_with_format(r, 0, headers[0], &header)?;
    sheet.write_string_with_format(r, 1, headers[1], &header)?;
    sheet.merge_range(r, 2, r, last_col, headers[2], &header)?;
    let mut row = r + 1;
    for (what, count, names) in lines {
        let shown = if names.is_empty() { "无" } else { names };
        sheet.write_string_with_format(row, 0, what, &style::text())?;
        sheet.write_string_with_format(row, 1, count, &style::centered())?;
        sheet.merge_range(row, 2, row, last_col, shown, &wrapped())?;
        let lines = style::wrapped_lines(shown, NAMES_WIDTH + 24.0);
        if lines > 1 {
            sheet.set_row_height(row, 14.0 * lines as f64)?;
        }
        row += 1;
    }
    Ok(row)
}

/// The unit rows (no subtotals).
pub fn units(figures: &RegionFigures) -> impl Iterator<Item = &RegionRow> {
    figures
        .rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Unit(_)))
}

/// 脱幅 and 黄牌 per indicator, 双脱幅, 未破零 per indicator: (what, count, names).
pub fn flag_lines(figures: &RegionFigures) -> Vec<(String, String, String)> {
    flag_lines_for(figures, &Indicator::BULLETIN)
}

/// [`flag_lines`] for the given indicators only (双脱幅 always).
pub fn flag_lines_for(
    figures: &RegionFigures,
    indicators: &[Indicator],
) -> Vec<(String, String, String)> {
    let named = |what: String, rows: Vec<&RegionRow>| {
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        (what, names.len().to_string(), names.join("、"))
    };
    let mut lines = Vec::new();
    for &indicator in indicators {
        let rows = units(figures)
            .filter(|r| r.shortfall.contains(&indicator))
            .collect();
        lines.push(named(format!("{}脱幅", indicator.name_zh()), rows));
    }
    lines.push(named(
        "双脱幅".to_string(),
        units(figures).filter(|r| r.double_shortfall).collect(),
    ));
    for &indicator in indicators {
        let rows = units(figures)
            .filter(|r| r.yellow_card.contains(&indicator))
            .collect();
        lines.push(named(format!("{}黄牌", indicator.name_zh()), rows));
    }
    for &indicator in indicators {
        let rows = units(figures)
            .filter(|r| r.not_broken_zero.contains(&indicator))
            .collect();
        lines.push(named(format!("{}未破零", indicator.name_zh()), rows));
    }
    lines
}

/// For each indicator the three units with the highest 完成% (all units,
/// zones and towns together; ties keep the by-region order).
pub fn top_three_lines(figures: &RegionFigures) -> Vec<(String, String, String)> {
    Indicator::BULLETIN
        .iter()
        .enumerate()
        .map(|(slot, indicator)| {
            let mut ranked: Vec<(&str, f64)> = units(figures)
                .filter_map(|r| Some((r.name.as_str(), r.figures[slot].completion?)))
                .collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
            let names: Vec<String> = ranked
                .iter()
                .take(3)
                .map(|(name, c)| format!("{name}（{c:.1}%）"))
                .collect();
            (
                indicator.name_zh().to_string(),
                String::new(),
                names.join("、"),
            )
        })
        .collect()
}

/// How the sentences name the county and write amounts: the workbook's
/// 概览 says 全县 and 12345.68万美元; the Word 通报 says it as the county does
/// (全市, 全县, 全区) and in the leaders' register (1.23亿美元).
#[derive(Clone, Copy)]
pub struct Wording<'a> {
    /// 全县, 全市 …
    pub scope: &'a str,
    pub amount: fn(f64, Indicator) -> String,
}

impl Wording<'static> {
    /// The workbook's 概览: 全县 and 万 with two decimals.
    pub const WORKBOOK: Wording<'static> = Wording {
        scope: "全县",
        amount: amount_in_canonical_unit,
    };
}

/// "12345.68万美元": the canonical unit with two decimals.
pub fn amount_in_canonical_unit(value: f64, indicator: Indicator) -> String {
    format!("{value:.2}{}", indicator.unit_zh())
}

/// "12.7亿美元", "3456.5万美元", "12个": the leaders' register. From 1亿 up in
/// 亿 with two decimals, below it in 万 with up to two, trailing zeros dropped.
pub fn amount_in_words(value: f64, indicator: Indicator) -> String {
    let unit = indicator.unit_zh();
    if indicator.measure() == crate::foundation::model::Measure::Count {
        return format!("{value:.0}{unit}");
    }
    let trim = |s: String| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    match unit.strip_prefix('万') {
        Some(rest) if value.abs() >= 10_000.0 => {
            format!("{}亿{rest}", trim(format!("{:.2}", value / 10_000.0)))
        }
        _ => format!("{}{unit}", trim(format!("{value:.2}"))),
    }
}

/// 全县, 全市 or 全区, as the county's name ends.
pub fn scope_of(county: &str) -> String {
    let last = county
        .chars()
        .last()
        .filter(|c| matches!(c, '县' | '市' | '区'));
    format!("全{}", last.unwrap_or('县'))
}

/// The sentences of the bulletin: one per money indicator with a figure, and
/// one on the units behind.
pub fn summary_sentences(
    month: YearMonth,
    county: &RegionRow,
    figures: &RegionFigures,
) -> Vec<String> {
    summary_sentences_in(month, county, figures, Wording::WORKBOOK)
}

/// [`summary_sentences`] in the given wording.
pub fn summary_sentences_in(
    month: YearMonth,
    county: &RegionRow,
    figures: &RegionFigures,
    wording: Wording,
) -> Vec<String> {
    let mut sentences: Vec<String> = [
        Indicator::RegisteredFdi,
        Indicator::ContractedFdi,
        Indicator::ArrivedFdi,
        Indicator::DomesticRegistered,
        Indicator::DomesticArrived,
    ]
    .iter()
    .map(|&i| headline_sentence_in(month, i, &figure_of(county, i), wording))
    .collect();
    sentences.push(behind_sentence(figures));
    sentences
}

/// "从各单位看，N个单位的合同外资出现脱幅，…其中M个为双脱幅；K个单位到帐外资尚未破零。"
pub fn behind_sentence(figures: &RegionFigures) -> String {
    let count = |what: &dyn Fn(&RegionRow) -> bool| units(figures).filter(|r| what(r)).count();
    let contracted = count(&|r| r.shortfall.contains(&Indicator::ContractedFdi));
    let arrived = count(&|r| r.shortfall.contains(&Indicator::ArrivedFdi));
    let double = count(&|r| r.double_shortfall);
    let zero = count(&|r| r.not_broken_zero.contains(&Indicator::ArrivedFdi));
    let mut behind = format!(
        "从各单位看，{contracted}个单位的合同外资出现脱幅，{arrived}个单位的到帐外资出现脱幅"
    );
    if double > 0 {
        behind.push_str(&format!("，其中{double}个为双脱幅"));
    }
    if zero > 0 {
        behind.push_str(&format!("；{zero}个单位到帐外资尚未破零"));
    }
    behind.push('。');
    behind
}

/// "全县资金到位率（到帐外资÷合同外资）为X%。", or `None` without 合同外资.
pub fn arrival_rate_sentence(county: &RegionRow, wording: Wording) -> Option<String> {
    let rate = arrival_rate(
        figure_of(county, Indicator::ArrivedFdi).ytd,
        figure_of(county, Indicator::ContractedFdi).ytd,
    )?;
    Some(format!(
        "{}资金到位率（到帐外资÷合同外资）为{rate:.1}%。",
        wording.scope
    ))
}

/// "1-10月，全县注册外资X万美元，同比增长Y%，完成年计划Z%，超时序进度W个百分点。"
pub fn headline_sentence(month: YearMonth, indicator: Indicator, f: &Figure) -> String {
    headline_sentence_in(month, indicator, f, Wording::WORKBOOK)
}

/// [`headline_sentence`] in the given wording.
pub fn headline_sentence_in(
    month: YearMonth,
    indicator: Indicator,
    f: &Figure,
    wording: Wording,
) -> String {
    let mut s = format!(
        "1-{}月，{}{}{}",
        month.month,
        wording.scope,
        indicator.name_zh(),
        (wording.amount)(f.ytd, indicator)
    );
    match f.yoy {
        Some(y) if y >= 0.0 => s.push_str(&format!("，同比增长{y:.1}%")),
        Some(y) => s.push_str(&format!("，同比下降{:.1}%", -y)),
        None => {}
    }
    if let Some(c) = f.completion {
        s.push_str(&format!("，完成年计划{c:.1}%"));
    }
    match f.gap {
        Some(g) if g >= 0.0 => s.push_str(&format!("，超时序进度{g:.1}个百分点")),
        Some(g) => s.push_str(&format!("，落后时序进度{:.1}个百分点", -g)),
        None => {}
    }
    s.push('。');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_in_the_bulletins_register() {
        let month = YearMonth {
            year: 2026,
            month: 10,
        };
        let ahead = Figure {
            ytd: 12345.678,
            last_ytd: 10000.0,
            yoy: Some(23.45678),
            completion: Some(90.0),
            gap: Some(6.66),
            ..Figure::default()
        };
        assert_eq!(
            headline_sentence(month, Indicator::RegisteredFdi, &ahead),
            "1-10月，全县注册外资12345.68万美元，同比增长23.5%，完成年计划90.0%，超时序进度6.7个百分点。"
        );
        let behind = Figure {
            ytd: 500.0,
            yoy: Some(-12.0),
            completion: Some(50.0),
            gap: Some(-33.3),
            ..Figure::default()
        };
        assert_eq!(
            headline_sentence(month, Indicator::DomesticArrived, &behind),
            "1-10月，全县到位内资500.00万元，同比下降12.0%，完成年计划50.0%，落后时序进度33.3个百分点。"
        );
        let bare = Figure {
            ytd: 0.0,
            ..Figure::default()
        };
        assert_eq!(
            headline_sentence(month, Indicator::ArrivedFdi, &bare),
            "1-10月，全县到帐外资0.00万美元。"
        );
        let words = Wording {
            scope: "全市",
            amount: amount_in_words,
        };
        assert_eq!(
            headline_sentence_in(month, Indicator::RegisteredFdi, &ahead, words),
            "1-10月，全市注册外资1.23亿美元，同比增长23.5%，完成年计划90.0%，超时序进度6.7个百分点。"
        );
    }

    #[test]
    fn amounts_in_the_leaders_register() {
        assert_eq!(
            amount_in_words(127_000.0, Indicator::ContractedFdi),
            "12.7亿美元"
        );
        assert_eq!(
            amount_in_words(26_000.0, Indicator::ContractedFdi),
            "2.6亿美元"
        );
        assert_eq!(
            amount_in_words(3456.5, Indicator::ArrivedFdi),
            "3456.5万美元"
        );
        assert_eq!(
            amount_in_words(500.0, Indicator::DomesticArrived),
            "500万元"
        );
        assert_eq!(
            amount_in_words(-12.25, Indicator::ContractedFdi),
            "-12.25万美元"
        );
        assert_eq!(
            amount_in_words(450_000.0, Indicator::DomesticRegistered),
            "45亿元"
        );
        assert_eq!(amount_in_words(7.0, Indicator::NewFieCount), "7个");
        assert_eq!(scope_of("张家港市"), "全市");
        assert_eq!(scope_of("示范县"), "全县");
        assert_eq!(scope_of("某某"), "全县");
    }
}
