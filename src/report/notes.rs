//! The bulletin's last sheet (说明): what every figure means, the 时序进度 rule,
//! the exchange rates used, and every submission that went in (with its
//! SHA-256) or did not (with why).

use super::style;
use crate::audit::receipts::{FileLine, Receipts};
use crate::audit::Status;
use crate::foundation::model::{Indicator, YearMonth};
use crate::foundation::money::Currency;
use crate::foundation::unit_id::UnitId;
use anyhow::Result;
use rust_xlsxwriter::{Format, FormatAlign, Worksheet};
use std::collections::BTreeMap;

/// What the notes need besides the figures.
pub struct Notes<'a> {
    pub month: YearMonth,
    pub progress: f64,
    /// How 时序进度 was set, in words.
    pub progress_rule: &'a str,
    pub yellow_card_ratio: f64,
    pub double_shortfall_with: Indicator,
    /// (month, currency, CNY per 100) for every month the figures use.
    pub rates: Vec<(YearMonth, Currency, f64)>,
    /// Which submissions went in and which did not, and why.
    pub receipts: &'a Receipts,
    /// What 招商引资总额 adds up, in words.
    pub attracted_rule: &'a str,
}

const WIDTHS: [f64; 5] = [24.0, 10.0, 46.0, 66.0, 30.0];

/// Writes the sheet.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell (out of range), which is a bug.
pub fn write_notes(sheet: &mut Worksheet, county: &str, notes: &Notes) -> Result<()> {
    let month = notes.month;
    let title = format!(
        "{county}{}年1-{}月招商引资通报说明",
        month.year, month.month
    );
    let last_col = WIDTHS.len() as u16 - 1;
    style::sheet_top(sheet, "说明", &title, last_col)?;
    for (c, w) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    let mut r = 2;
    r = section(sheet, r, "一、指标口径")?;
    for (name, meaning) in definitions(notes) {
        sheet.write_string_with_format(r, 0, &name, &style::text())?;
        r = line(sheet, r, 1, &meaning)?;
    }
    r = section(sheet, r + 1, "二、时序进度")?;
    r = line(
        sheet,
        r,
        0,
        &format!(
            "本期时序进度为 {:.1}%（{}）。进度差 = 完成(%) − 时序进度(%)，为负即脱幅。",
            notes.progress, notes.progress_rule
        ),
    )?;
    r = section(
        sheet,
        r + 1,
        "三、汇率（人民币元/100外币，按各笔所属月份折算）",
    )?;
    r = write_rates(sheet, r, &notes.rates)?;
    r = section(sheet, r + 1, "四、纳入统计的报表")?;
    let lines = notes.receipts.note_lines();
    let (used, left_out): (Vec<&FileLine>, Vec<&FileLine>) =
        lines.iter().partition(|l| l.reason.is_none());
    r = write_submissions(sheet, r, &used, "SHA-256（可用 sha256sum 核对）")?;
    r = section(sheet, r + 1, "五、未纳入统计的报表")?;
    if left_out.is_empty() {
        line(sheet, r, 0, "无。")?;
    } else {
        write_submissions(sheet, r, &left_out, "原因（详见审核清单）")?;
    }
    style::print_setup(sheet, 0)?;
    Ok(())
}

fn section(sheet: &mut Worksheet, r: u32, title: &str) -> Result<u32> {
    sheet.write_string_with_format(r, 0, title, &style::subtitle().set_bold())?;
    Ok(r + 1)
}

/// Text from column `first` to the last, wrapped; returns the next row.
fn line(sheet: &mut Worksheet, r: u32, first: u16, text: &str) -> Result<u32> {
    let last_col = WIDTHS.len() as u16 - 1;
    let wrap = style::text().set_text_wrap().set_align(FormatAlign::Top);
    if first == last_col {
        sheet.write_string_with_format(r, first, text, &wrap)?;
    } else {
        sheet.merge_range(r, first, r, last_col, text, &wrap)?;
    }
    let width: f64 = WIDTHS[first as usize..].iter().sum();
    let lines = style::wrapped_lines(text, width);
    if lines > 1 {
        sheet.set_row_height(r, 14.0 * lines as f64)?;
    }
    Ok(r + 1)
}

fn definitions(notes: &Notes) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = Indicator::BULLETIN
        .iter()
        .map(|i| {
            (
                format!("{}（{}）", i.name_zh(), i.unit_zh()),
                i.meaning_zh().to_string(),
            )
        })
        .collect();
    rows.push((
        "招商引资总额（万元）".to_string(),
        format!("{}。", notes.attracted_rule),
    ));
    let figures = [
        ("本月", "报告月当月的数值，各单位报表项目明细之和（无明细时取汇总表）。".to_string()),
        ("累计", format!("本年1-{}月之和，只含已采用的月份。", notes.month.month)),
        ("去年同期", format!("上年1-{}月之和。", notes.month.month)),
        ("同比(%)", "（累计 ÷ 去年同期 − 1）× 100；去年同期为0或负数时不计算，显示「—」。".to_string()),
        ("年度目标", "县下达的本年度目标任务。".to_string()),
        (
            "完成(%)",
            "累计 ÷ 年度目标 × 100；无目标时显示「—」。小计、合计的完成(%)只计有年度目标的单位：其累计之和 ÷ 其目标之和；小计、合计的累计含全部单位。".to_string(),
        ),
        ("进度差(百分点)", "完成(%) − 时序进度(%)。".to_string()),
        ("脱幅", "进度差为负时，其绝对值即脱幅（百分点）。".to_string()),
        (
            "双脱幅",
            format!("{}与到帐外资同时脱幅。", notes.double_shortfall_with.name_zh()),
        ),
        (
            "黄牌",
            format!(
                "完成(%)低于时序进度的{:.0}%。",
                notes.yellow_card_ratio * 100.0
            ),
        ),
        ("未破零", "本年累计为0。".to_string()),
        (
            "排名",
            "各类单位（开发区、镇、部门、团队等，见 settings.toml [[kinds]]）分别按完成(%)由高到低排列，并列同名次。".to_string(),
        ),
        ("占比(%)", "单位累计 ÷ 全县累计 × 100（分来源地、分行业为占本表合计的比重）。".to_string()),
        ("资金到位率(%)", "到帐外资累计 ÷ 合同外资累计 × 100。".to_string()),
        (
            "来源地、行业",
            "来源地按报表「来源地」列归属，有「实际来源地」的另列一表按实际来源地归属；行业按国民经济行业分类（GB/T 4754-2017）大类，三次产业按国家统计局《三次产业划分规定》。".to_string(),
        ),
        (
            "大项目",
            "外资新设项目按总投资分档，「以上」含本数。".to_string(),
        ),
        (
            "项目分档",
            "外资、内资新设项目合计，按总投资（人民币；外资按所属月份的美元汇率折算）分档计数，「以上」含本数；内资项目的总投资按人民币填报。".to_string(),
        ),
        (
            "项目进度",
            "项目明细「项目阶段」列（意向、签约、开工、投产）或「开工日期」「投产日期」在当月的项目个数；报表没有这些列的单位显示「—」。".to_string(),
        ),
    ];
    rows.extend(figures.into_iter().map(|(a, b)| (a.to_string(), b)));
    rows
}

/// Months down, currencies across; returns the next row.
fn write_rates(sheet: &mut Worksheet, r: u32, rates: &[(YearMonth, Currency, f64)]) -> Result<u32> {
    if rates.is_empty() {
        return line(sheet, r, 0, "本期未用到外币汇率。");
    }
    let mut currencies: Vec<Currency> = rates.iter().map(|(_, c, _)| *c).collect();
    currencies.sort();
    currencies.dedup();
    let mut by_month: BTreeMap<YearMonth, BTreeMap<Currency, f64>> = BTreeMap::new();
    for (m, c, v) in rates {
        by_month.entry(*m).or_default().insert(*c, *v);
    }
    // Rates fit in rows of up to four currencies beside the month.
    let header = style::header();
    let mut r = r;
    for chunk in currencies.chunks(WIDTHS.len() - 1) {
        sheet.write_string_with_format(r, 0, "月份", &header)?;
        for (j, c) in chunk.iter().enumerate() {
            sheet.write_string_with_format(
                r,
                1 + j as u16,
                format!("{}（{}）", c.name_zh(), c.code()),
                &header,
            )?;
        }
        r += 1;
        for (m, values) in by_month.iter().rev() {
            sheet.write_string_with_format(r, 0, m.to_string(), &style::centered())?;
            for (j, c) in chunk.iter().enumerate() {
                let v = values.get(c).copied();
                style::write_figure(sheet, r, 1 + j as u16, v, "0.0000", |f: Format| {
                    f.set_align(FormatAlign::Left)
                })?;
            }
            r += 1;
        }
    }
    Ok(r)
}

fn write_submissions(
    sheet: &mut Worksheet,
    r: u32,
    subs: &[&FileLine],
    last_header: &str,
) -> Result<u32> {
    let header = style::header();
    for (c, h) in ["单位", "月份", "文件", last_header].iter().enumerate() {
        sheet.write_string_with_format(r, c as u16, *h, &header)?;
    }
    let mut r = r + 1;
    let small = style::text().set_font_size(8);
    for s in subs {
        let unit = s.unit.as_ref().map_or("（无法识别）", UnitId::as_str);
        sheet.write_string_with_format(r, 0, unit, &style::text())?;
        let period = s.month.map(|p| p.to_string()).unwrap_or_default();
        sheet.write_string_with_format(r, 1, &period, &style::centered())?;
        let file = match s.status {
            Status::FromStore => format!("{}（取自历史库）", s.file),
            _ => s.file.clone(),
        };
        sheet.write_string_with_format(r, 2, &file, &style::text())?;
        match &s.reason {
            None => {
                let hash = s.sha256.as_deref().unwrap_or("—");
                sheet.write_string_with_format(r, 3, hash, &small)?;
            }
            Some(why) => {
                let why = format!("{}：{why}", s.status.name_zh());
                sheet.write_string_with_format(r, 3, &why, &style::text().set_text_wrap())?;
                let lines = style::wrapped_lines(&why, WIDTHS[3]);
                if lines > 1 {
                    sheet.set_row_height(r, 14.0 * lines as f64)?;
                }
            }
        }
        r += 1;
    }
    Ok(r)
}
