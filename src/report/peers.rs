//! The peer comparison workbook (周边县市比较): one sheet per indicator of the
//! month's prefecture bulletin — counties by rank with 累计, 去年同期, 同比%,
//! 完成%, ranks, gaps and shares, our row highlighted, and two charts (累计 as
//! bars with ours in another colour; 同比%) — then our rank month by month
//! (排名走势) and the notes (说明): which bulletins were read and how.

use super::style;
use crate::aggregate::peers::{IndicatorComparison, PeerComparison, PeerFigures, RankHistory};
use crate::config::OurFigure;
use crate::foundation::atomic::Batch;
use crate::foundation::model::YearMonth;
use crate::normalize::peer_bulletin::PeerBulletin;
use anyhow::Result;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartAxisLabelPosition, ChartEmptyCells, ChartFont, ChartFormat,
    ChartLegendPosition, ChartMarker, ChartMarkerType, ChartPoint, ChartSolidFill, ChartType,
    Color, Format, Worksheet,
};
use std::path::Path;

const HEADERS: [&str; 11] = [
    "排名",
    "县（市、区）",
    "累计",
    "去年同期",
    "同比(%)",
    "同比排名",
    "年计划",
    "完成(%)",
    "与首位差距",
    "与前一位差距",
    "占全市(%)",
];
const WIDTHS: [f64; 11] = [
    6.0, 16.0, 13.0, 13.0, 10.0, 8.0, 13.0, 9.0, 12.0, 12.0, 10.0,
];
/// The header row of a comparison sheet; counties start below it.
const HEADER_ROW: u32 = 2;
const OWN_FILL: u32 = 0xFFF2CC;
const OWN_BAR: &str = "#C00000";
const OTHER_BAR: &str = "#5B9BD5";

/// A bulletin as the notes list it.
#[derive(Clone, Debug, PartialEq)]
pub struct BulletinNote {
    pub file: String,
    pub month: Option<YearMonth>,
    pub sha256: Option<String>,
    /// `None` when used; else why not.
    pub left_out: Option<String>,
}

impl BulletinNote {
    /// What became of `bulletin` in the comparison for report month `month`.
    pub fn of(bulletin: &PeerBulletin, month: YearMonth) -> BulletinNote {
        BulletinNote {
            file: bulletin.file.name.clone(),
            month: bulletin.month,
            sha256: bulletin.sha256.clone(),
            left_out: crate::audit::peers::left_out(bulletin, month),
        }
    }
}

/// Stages the workbook for `path` in `batch`.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_peers(
    path: &Path,
    county: &str,
    figures: &PeerFigures,
    bulletins: &[BulletinNote],
    batch: &Batch,
) -> Result<()> {
    let mut workbook = style::new_workbook()?;
    if let Some(comparison) = &figures.comparison {
        for table in &comparison.indicators {
            write_comparison(workbook.add_worksheet(), county, comparison, table)?;
        }
    }
    write_history(workbook.add_worksheet(), county, figures)?;
    write_notes(workbook.add_worksheet(), county, figures, bulletins)?;
    style::stage(&mut workbook, path, batch)
}

/// The sheet of one indicator; its name is the indicator's.
fn write_comparison(
    sheet: &mut Worksheet,
    county: &str,
    comparison: &PeerComparison,
    table: &IndicatorComparison,
) -> Result<()> {
    let month = comparison.month;
    let i = table.indicator;
    let name = i.name_zh();
    let last_col = HEADERS.len() as u16 - 1;
    style::sheet_top(
        sheet,
        name,
        &format!(
            "周边县（市、区）{name}比较（{}年1-{}月）",
            month.year, month.month
        ),
        last_col,
    )?;
    sheet.write_string_with_format(
        1,
        0,
        format!(
            "单位：{}（市通报为{}，已折算）；{county}的数字取自本系统汇总（各单位报表），其余取自市通报 {}；去年同期带 * 者由 累计÷(1+同比%) 推算",
            i.unit_zh(),
            table.written_unit,
            comparison.file
        ),
        &style::subtitle(),
    )?;
    for (c, w) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    for (c, h) in HEADERS.iter().enumerate() {
        let label = match c {
            2 => format!("1-{}月累计", month.month),
            _ => (*h).to_string(),
        };
        sheet.write_string_with_format(HEADER_ROW, c as u16, label, &style::header())?;
    }
    sheet.set_row_height(HEADER_ROW, 30)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 2)?;
    let amount = style::AMOUNT;
    let derived = "#,##0.00\"*\";[Red]-#,##0.00\"*\"";
    let count_format = if i.measure() == crate::foundation::model::Measure::Count {
        style::COUNT
    } else {
        amount
    };
    let mut r = HEADER_ROW + 1;
    for row in &table.rows {
        let look = |f: Format| {
            if row.own {
                f.set_bold().set_background_color(Color::RGB(OWN_FILL))
            } else {
                f
            }
        };
        let rank = row.rank.map(f64::from);
        style::write_figure(sheet, r, 0, rank, style::COUNT, look)?;
        sheet.write_string_with_format(r, 1, &row.county, &look(style::text()))?;
        style::write_figure(sheet, r, 2, row.cumulative, count_format, look)?;
        let last_format = if row.last_year_derived {
            derived
        } else {
            count_format
        };
        style::write_figure(sheet, r, 3, row.last_year, last_format, look)?;
        style::write_figure(sheet, r, 4, row.yoy, style::PERCENT, look)?;
        style::write_figure(sheet, r, 5, row.yoy_rank.map(f64::from), style::COUNT, look)?;
        style::write_figure(sheet, r, 6, row.plan, count_format, look)?;
        style::write_figure(sheet, r, 7, row.completion, style::PERCENT, look)?;
        style::write_figure(sheet, r, 8, row.gap_to_leader, count_format, look)?;
        style::write_figure(sheet, r, 9, row.gap_to_above, count_format, look)?;
        style::write_figure(sheet, r, 10, row.share, style::PERCENT, look)?;
        r += 1;
    }
    let total_look = style::subtotal;
    sheet.write_string_with_format(r, 0, "", &total_look(style::text()))?;
    let total_label = if table.total_published {
        "全市合计"
    } else {
        "各县相加"
    };
    sheet.write_string_with_format(r, 1, total_label, &total_look(style::text()))?;
    style::write_figure(sheet, r, 2, table.total, count_format, total_look)?;
    for c in 3..=9 {
        sheet.write_string_with_format(r, c, "", &total_look(style::text()))?;
    }
    let share = table.total.filter(|t| *t > 0.0).map(|_| 100.0);
    style::write_figure(sheet, r, 10, share, style::PERCENT, total_look)?;
    let mut notes = vec![format!(
        "注：1. 排名按1-{}月累计由高到低，同比排名按同比增幅由高到低，并列者名次相同；与前一位差距为比其高一位的县（市、区）的累计减本县（市、区）累计。",
        month.month
    )];
    notes.push(format!(
        "2. 占全市(%)以{}为分母。",
        if table.total_published {
            "市通报的全市合计"
        } else {
            "所列各县（市、区）相加"
        }
    ));
    if let Some(own) = table.own() {
        let published = own.published.and_then(|p| p.cumulative);
        let unit = i.unit_zh();
        let m = month.month;
        let line = match (own.shown, published, own.summed) {
            (OurFigure::Prefecture, Some(p), Some(ours)) => format!(
                "3. 本表{county}采用市通报数字（市局口径）{p:.2}{unit}，排名和差距按此计算；本系统按各单位报表汇总的1-{m}月累计为{ours:.2}{unit}。"
            ),
            (OurFigure::Prefecture, Some(p), None) => format!(
                "3. 本表{county}采用市通报数字（市局口径）{p:.2}{unit}，排名和差距按此计算。"
            ),
            (_, Some(p), _) => format!(
                "3. 市通报中{county}1-{m}月累计为{p:.2}{unit}（市局口径，取自商务部门统计系统），本表采用本系统按各单位报表汇总的{:.2}{unit}，排名和差距按此计算。",
                own.cumulative.unwrap_or(0.0),
            ),
            (_, None, _) => format!("3. 市通报未列出{county}，本表中{county}的数字取自本系统汇总。"),
        };
        notes.push(line);
    }
    for (k, note) in notes.iter().enumerate() {
        sheet.write_string_with_format(r + 2 + k as u32, 0, note, &style::subtitle())?;
    }
    let chart_row = r + 3 + notes.len() as u32;
    if table.ranked() > 0 {
        let first = HEADER_ROW + 1;
        let last = HEADER_ROW + table.rows.len() as u32;
        let own_index = table.rows.iter().position(|r| r.own);
        let bars = bar_chart(
            sheet.name().as_str(),
            &format!("1-{}月{name}累计（{}）", month.month, i.unit_zh()),
            (first, last),
            2,
            own_index,
            table.rows.len(),
            ("#,##0", 425),
        );
        sheet.insert_chart(chart_row, 0, &bars)?;
        let yoy = bar_chart(
            sheet.name().as_str(),
            &format!("1-{}月{name}同比增幅（%）", month.month),
            (first, last),
            4,
            own_index,
            table.rows.len(),
            ("0", 470),
        );
        sheet.insert_chart(chart_row, 5, &yoy)?;
    }
    sheet.set_print_area(0, 0, chart_row + 20, last_col)?;
    style::print_setup(sheet, HEADER_ROW)?;
    Ok(())
}

/// Columns of `value_col` by county in rank order, our county's in red.
fn bar_chart(
    sheet: &str,
    title: &str,
    (first, last): (u32, u32),
    value_col: u16,
    own: Option<usize>,
    count: usize,
    (axis_format, width): (&str, u32),
) -> Chart {
    let font = ChartFont::new().set_name(style::FONT).clone();
    let points: Vec<ChartPoint> = (0..count)
        .map(|k| {
            let color = if Some(k) == own { OWN_BAR } else { OTHER_BAR };
            ChartPoint::new().set_format(
                ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(color)),
            )
        })
        .collect();
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(title)
        .set_categories((sheet, first, 1, last, 1))
        .set_values((sheet, first, value_col, last, value_col))
        .set_points(&points);
    chart
        .title()
        .set_name(title)
        .set_font(&font.clone().set_bold().clone());
    chart.legend().set_hidden();
    chart
        .x_axis()
        .set_font(&font)
        .set_label_position(ChartAxisLabelPosition::Low);
    chart.y_axis().set_font(&font).set_num_format(axis_format);
    chart.set_width(width).set_height(340);
    chart
}

/// 排名走势: our rank by 累计 month by month, this year and last, with a line
/// chart per indicator (rank 1 at the top).
fn write_history(sheet: &mut Worksheet, county: &str, figures: &PeerFigures) -> Result<()> {
    let year = figures.month.year;
    let columns = 1 + 2 * figures.history.len() as u16;
    style::sheet_top(
        sheet,
        "排名走势",
        &format!("{county}在周边县（市、区）中的排名走势（按累计）"),
        columns.max(2) - 1,
    )?;
    sheet.write_string_with_format(
        1,
        0,
        format!(
            "各月按当月市通报1-N月累计排名，{county}的数字取自本系统汇总；空白为该月无市通报或通报未被采用"
        ),
        &style::subtitle(),
    )?;
    sheet.set_column_width(0, 8)?;
    sheet.write_string_with_format(2, 0, "月份", &style::header())?;
    for (k, h) in figures.history.iter().enumerate() {
        let c = 1 + 2 * k as u16;
        sheet.set_column_width(c, 12)?;
        sheet.set_column_width(c + 1, 12)?;
        sheet.write_string_with_format(
            2,
            c,
            format!("{}{year}年", h.indicator.name_zh()),
            &style::header(),
        )?;
        sheet.write_string_with_format(
            2,
            c + 1,
            format!("{}{}年", h.indicator.name_zh(), year - 1),
            &style::header(),
        )?;
    }
    sheet.set_row_height(2, 30)?;
    for m in 0..12u32 {
        let r = 3 + m;
        sheet.write_string_with_format(r, 0, format!("{}月", m + 1), &style::centered())?;
        for (k, h) in figures.history.iter().enumerate() {
            let c = 1 + 2 * k as u16;
            // Blank, not "—": a chart draws text as 0 and blanks as gaps.
            for (col, ranks) in [(c, &h.this_year), (c + 1, &h.last_year)] {
                match ranks[m as usize] {
                    Some(rank) => sheet.write_number_with_format(
                        r,
                        col,
                        f64::from(rank),
                        &style::number(style::COUNT),
                    )?,
                    None => sheet.write_blank(r, col, &style::text())?,
                };
            }
        }
    }
    let mut chart_row = 17;
    for (k, h) in figures.history.iter().enumerate() {
        let chart = rank_chart(h, 1 + 2 * k as u16);
        sheet.insert_chart(chart_row, (k % 2) as u16 * 6, &chart)?;
        if k % 2 == 1 {
            chart_row += 18;
        }
    }
    sheet.set_print_area(0, 0, chart_row + 18, columns.max(12))?;
    style::print_setup(sheet, 2)?;
    Ok(())
}

fn rank_chart(h: &RankHistory, col: u16) -> Chart {
    let font = ChartFont::new().set_name(style::FONT).clone();
    let mut chart = Chart::new(ChartType::Line);
    for c in [col, col + 1] {
        chart
            .add_series()
            .set_name(("排名走势", 2, c))
            .set_categories(("排名走势", 3, 0, 14, 0))
            .set_values(("排名走势", 3, c, 14, c))
            .set_marker(ChartMarker::new().set_type(ChartMarkerType::Circle));
    }
    let title = format!("{}排名（按累计）", h.indicator.name_zh());
    chart.show_empty_cells_as(ChartEmptyCells::Gaps);
    chart
        .title()
        .set_name(&title)
        .set_font(&font.clone().set_bold().clone());
    chart
        .legend()
        .set_position(ChartLegendPosition::Bottom)
        .set_font(&font);
    chart.x_axis().set_font(&font);
    chart
        .y_axis()
        .set_font(&font)
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max)
        .set_min(1)
        .set_major_unit(1)
        .set_num_format("0");
    chart.set_width(400).set_height(320);
    chart
}

/// 说明: the bulletins read, used or not, and what the columns mean.
fn write_notes(
    sheet: &mut Worksheet,
    county: &str,
    figures: &PeerFigures,
    bulletins: &[BulletinNote],
) -> Result<()> {
    let month = figures.month;
    style::sheet_top(
        sheet,
        "说明",
        &format!(
            "周边县（市、区）比较说明（{}年1-{}月）",
            month.year, month.month
        ),
        3,
    )?;
    for (c, w) in [50.0, 10.0, 66.0, 40.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    let wrap = style::text().set_text_wrap();
    let mut r = 2;
    let ours = match figures.our_figure {
        OurFigure::Ours => format!("{county}的数字取自本系统按各单位报表的汇总，市通报中的{county}数字（市局口径）列在各表注中"),
        OurFigure::Prefecture => format!("{county}的数字按设置（settings.toml [peers] our_figure = \"prefecture\"）也取自市通报（市通报未列出时取本系统汇总），本系统按各单位报表汇总的数字列在各表注中"),
    };
    let lines = [
        format!("1. 各县（市、区）数字取自市通报（data/peers/ 下的工作簿，每月一份）；{ours}，两者差异超出四舍五入时在审核清单中提示。"),
        "2. 市通报以亿美元等为单位的，已折算为万美元（内资为万元）。只给出累计和同比%的，去年同期 = 累计 ÷ (1 + 同比% ÷ 100)，表中带 *。".to_string(),
        "3. 同比(%) = (累计 ÷ 去年同期 − 1) × 100；完成(%) = 累计 ÷ 年计划 × 100；占全市(%) = 累计 ÷ 全市合计 × 100（无合计行时以所列各县相加为分母）。".to_string(),
        "4. 排名由高到低，并列者名次相同（如 1、2、2、4）。与首位差距 = 第一名累计 − 本县累计；与前一位差距 = 比本县高一位的累计 − 本县累计。".to_string(),
    ];
    for line in &lines {
        sheet.merge_range(r, 0, r, 3, line, &wrap)?;
        sheet.set_row_height(r, 30)?;
        r += 1;
    }
    if figures.comparison.is_none() {
        sheet.merge_range(
            r,
            0,
            r,
            3,
            &format!(
                "注意：{}没有可用的市通报（未报送或未通过审核，见下表和审核清单），本月无比较表。",
                month
            ),
            &wrap.clone().set_bold(),
        )?;
        r += 1;
    }
    r += 1;
    for (c, h) in ["文件", "月份", "SHA-256", "状态"].iter().enumerate() {
        sheet.write_string_with_format(r, c as u16, *h, &style::header())?;
    }
    r += 1;
    for b in bulletins {
        sheet.write_string_with_format(r, 0, &b.file, &style::text())?;
        let m = b.month.map(|m| m.to_string()).unwrap_or_default();
        sheet.write_string_with_format(r, 1, m, &style::centered())?;
        let sha = b.sha256.clone().unwrap_or_default();
        sheet.write_string_with_format(r, 2, sha, &style::text())?;
        let status = b.left_out.clone().unwrap_or_else(|| "采用".to_string());
        sheet.write_string_with_format(r, 3, status, &wrap)?;
        r += 1;
    }
    style::print_setup(sheet, 0)?;
    Ok(())
}

/// Sentences for the bulletin's overview: our rank among the peers on each
/// indicator of the month's prefecture bulletin.
pub fn peer_sentences(county: &str, figures: &PeerFigures) -> Vec<String> {
    use crate::report::sentences::{amount, period};
    let Some(comparison) = &figures.comparison else {
        return Vec::new();
    };
    let month = comparison.month;
    comparison
        .indicators
        .iter()
        .filter_map(|table| {
            let own = table.own()?;
            let rank = own.rank?;
            let indicator = table.indicator;
            let mut s = format!(
                "在市通报的{}个县（市、区）中，{county}{}{}累计{}，列第{rank}位",
                table.ranked(),
                indicator.name_zh(),
                period(month),
                amount(own.cumulative.unwrap_or(0.0), indicator),
            );
            if rank > 1 {
                let leader = &table.rows[0];
                s += &format!(
                    "，比首位{}少{}",
                    leader.county,
                    amount(own.gap_to_leader.unwrap_or(0.0), indicator)
                );
            }
            if let (Some(yoy), Some(yoy_rank)) = (own.yoy, own.yoy_rank) {
                let change = if yoy < 0.0 { "下降" } else { "增长" };
                s += &format!("；同比{change}{:.1}%，增幅列第{yoy_rank}位", yoy.abs());
            }
            if let Some(share) = own.share {
                s += &format!("；占全市{share:.1}%");
            }
            s.push('。');
            Some(s)
        })
        .collect()
}
