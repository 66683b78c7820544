//! The bulletin's first sheet (概览): the county's headline figures, sentences
//! in the leaders' register (shared with the Word 通报), the units flagged
//! 脱幅 / 双脱幅 / 黄牌 / 未破零 by name, and the three units furthest ahead on
//! each indicator. The numbers come worked out in [`Standing`]; this only lays them out.

use super::sentences;
use super::sentences_rmb::RmbSentences;
use super::style;
use crate::aggregate::region::{Figure, RegionRow};
use crate::aggregate::standing::Standing;
use crate::foundation::model::Indicator;
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

/// How the sentences speak: the county's word for itself, the indicators the
/// 脱幅 sentences pair (合同外资 or 注册外资 with 到帐外资) and those of the 黄牌 sentences.
#[derive(Clone, Debug)]
pub struct Register<'a> {
    /// 全县, 全市 …
    pub scope: &'a str,
    pub behind_on: Vec<Indicator>,
    pub yellow_on: Vec<Indicator>,
}

/// Writes the sheet.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell (out of range), which is a bug.
pub fn write_overview(
    sheet: &mut Worksheet,
    county: &str,
    standing: &Standing,
    register: &Register,
    progress_basis: &str,
    rmb: &RmbSentences,
    peer_sentences: &[String],
) -> Result<()> {
    let month = standing.month;
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
            standing.progress,
            progress_basis,
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
    let mut r = write_headlines(sheet, 3, standing)?;

    r += 1;
    let bold = style::subtitle().set_bold();
    sheet.write_string_with_format(r, 0, "文字摘要", &bold)?;
    r += 1;
    let text_width = 16.0 + 8.0 + 12.0 * 7.0;
    let mut sentences = summary_sentences(standing, register, rmb);
    sentences.extend_from_slice(peer_sentences);
    for sentence in sentences {
        sheet.merge_range(r, 0, r, last_col, &sentence, &wrapped())?;
        sheet.set_row_height(r, 15.0 * style::wrapped_lines(&sentence, text_width) as f64)?;
        r += 1;
    }

    r += 1;
    sheet.write_string_with_format(r, 0, "预警单位", &bold)?;
    r = write_name_table(
        sheet,
        r + 1,
        ["情况", "个数", "单位"],
        &flag_lines(standing),
    )?;

    r += 1;
    sheet.write_string_with_format(r, 0, "完成年计划前三名", &bold)?;
    write_name_table(
        sheet,
        r + 1,
        ["指标", "", "单位（完成%）"],
        &top_three_lines(standing),
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
fn write_headlines(sheet: &mut Worksheet, r: u32, standing: &Standing) -> Result<u32> {
    let header = style::header();
    for (c, h) in HEADLINE_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(r, c as u16, *h, &header)?;
    }
    let mut row = r + 1;
    for indicator in Indicator::BULLETIN {
        let f = &standing.county[indicator];
        let amount = if indicator == Indicator::NewFieCount {
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
    style::write_figure(sheet, row, 3, standing.arrival_rate, style::PERCENT, |f| f)?;
    for c in [2, 4, 5, 6, 7, 8] {
        sheet.write_blank(row, c, &style::text())?;
    }
    Ok(row + 1)
}

/// The figure of `indicator` on `row`.
pub fn figure_of(row: &RegionRow, indicator: Indicator) -> Figure {
    row.figures[indicator]
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

/// 脱幅 and 黄牌 per indicator, 双脱幅, 未破零 per indicator, all kinds
/// together in the bulletin's order: (what, count, names).
pub fn flag_lines(standing: &Standing) -> Vec<(String, String, String)> {
    flag_lines_for(standing, &Indicator::BULLETIN)
}

/// [`flag_lines`] for the given indicators only (双脱幅 always).
pub fn flag_lines_for(
    standing: &Standing,
    indicators: &[Indicator],
) -> Vec<(String, String, String)> {
    let line = |what: String, names: Vec<&str>| (what, names.len().to_string(), names.join("、"));
    let kinds = &standing.kinds;
    let mut lines = Vec::new();
    for &i in indicators {
        let names = kinds
            .iter()
            .flat_map(|k| k.behind[i].iter().map(|(n, _)| n.as_str()))
            .collect();
        lines.push(line(format!("{}脱幅", i.name_zh()), names));
    }
    let double = kinds
        .iter()
        .flat_map(|k| k.double.iter().map(String::as_str))
        .collect();
    lines.push(line("双脱幅".to_string(), double));
    for &i in indicators {
        let names = kinds
            .iter()
            .flat_map(|k| k.yellow[i].iter().map(|(n, _)| n.as_str()))
            .collect();
        lines.push(line(format!("{}黄牌", i.name_zh()), names));
    }
    for &i in indicators {
        let names = kinds
            .iter()
            .flat_map(|k| k.zero[i].iter().map(String::as_str))
            .collect();
        lines.push(line(format!("{}未破零", i.name_zh()), names));
    }
    lines
}

/// For each indicator the three units with the highest 完成%.
pub fn top_three_lines(standing: &Standing) -> Vec<(String, String, String)> {
    Indicator::BULLETIN
        .iter()
        .map(|&i| {
            let names: Vec<String> = standing.top_three[i]
                .iter()
                .map(|(name, c)| format!("{name}（{c:.1}%）"))
                .collect();
            (i.name_zh().to_string(), String::new(), names.join("、"))
        })
        .collect()
}

/// The overview's sentences: 招商引资总额, one per money indicator, 资金到位率,
/// the top source, new enterprises and projects, project stages (when some
/// unit's forms have the column), then the units kind by kind.
pub fn summary_sentences(
    standing: &Standing,
    register: &Register,
    rmb: &RmbSentences,
) -> Vec<String> {
    let mut out = vec![rmb.attracted.clone()];
    out.extend(
        [
            Indicator::RegisteredFdi,
            Indicator::ContractedFdi,
            Indicator::ArrivedFdi,
            Indicator::DomesticRegistered,
            Indicator::DomesticArrived,
        ]
        .iter()
        .map(|&i| sentences::headline(standing.month, register.scope, i, &standing.county[i])),
    );
    out.extend(sentences::arrival_rate(standing, register.scope));
    out.extend(standing.top_source.as_ref().map(sentences::top_source));
    out.push(rmb.projects.clone());
    out.extend(rmb.stages.clone());
    out.extend(sentences::units_sentences(
        standing,
        &register.behind_on,
        &register.yellow_on,
    ));
    out
}
