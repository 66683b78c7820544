//! The bulletin's by-region sheet (分地区): units grouped by kind in the
//! county's order of kinds (开发区, 镇, 部门, 团队 …), a subtotal under each,
//! nine figures per indicator, the flags, frozen headers.

use super::style;
use crate::aggregate::region::{Figure, RegionFigures, RegionRow, RowKind};
use crate::audit::receipts::Receipt;
use crate::foundation::model::Indicator;
use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};

/// The nine figures under each indicator, in order.
pub const FIGURE_HEADERS: [&str; 9] = [
    "本月",
    "累计",
    "去年同期",
    "同比(%)",
    "年度目标",
    "完成(%)",
    "进度差(百分点)",
    "排名",
    "占比(%)",
];
pub const FLAG_HEADERS: [&str; 4] = ["脱幅指标", "双脱幅", "黄牌指标", "未破零指标"];
/// Columns before the first indicator: 单位, 报送情况.
pub const LEAD_COLUMNS: u16 = 2;
/// The first data row (zero-based): title, subtitle, two header rows.
pub const FIRST_DATA_ROW: u32 = 4;
pub const UNDEFINED: &str = style::UNDEFINED;
/// Width of the 脱幅, 黄牌 and 未破零 columns: about 13 Chinese characters.
const FLAG_WIDTH: f64 = 26.0;

/// Writes the sheet.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell (out of range), which is a bug.
pub fn write_by_region(sheet: &mut Worksheet, county: &str, figures: &RegionFigures) -> Result<()> {
    sheet.set_name("分地区")?;
    let month = figures.month;
    let title = format!(
        "{county}{}年1-{}月招商引资分地区完成情况",
        month.year, month.month
    );
    sheet.set_row_height(0, 30)?;
    // Over the first printed page only, so that it stands above what is read first.
    sheet.merge_range(0, 0, 0, LEAD_COLUMNS + 8, &title, &style::title())?;
    let kinds: Vec<&str> = figures
        .kinds_present()
        .into_iter()
        .map(|k| figures.kinds.name(k))
        .collect();
    // Two lines over the first printed page, so that print does not cut them.
    sheet.merge_range(
        1,
        0,
        1,
        LEAD_COLUMNS + 8,
        &format!(
            "时序进度：{:.1}%　　外资金额单位：万美元　　内资金额单位：万元　　企业数单位：个　　排名在{}内分别按完成(%)排列\n小计、合计的累计含全部单位，完成(%)和进度差只计有年度目标的单位（其累计 ÷ 其目标之和）；无目标的单位完成(%)为「—」",
            figures.progress,
            kinds.join("、")
        ),
        &style::subtitle().set_text_wrap(),
    )?;
    sheet.set_row_height(1, 28)?;
    let header = style::header();
    sheet.merge_range(2, 0, 3, 0, "单位", &header)?;
    sheet.merge_range(2, 1, 3, 1, "报送情况", &header)?;
    for (i, indicator) in Indicator::BULLETIN.iter().enumerate() {
        let first = LEAD_COLUMNS + (i * 9) as u16;
        sheet.merge_range(
            2,
            first,
            2,
            first + 8,
            &format!("{}（{}）", indicator.name_zh(), indicator.unit_zh()),
            &header,
        )?;
        for (j, h) in FIGURE_HEADERS.iter().enumerate() {
            sheet.write_string_with_format(3, first + j as u16, *h, &header)?;
            sheet.set_column_width(first + j as u16, if j == 6 { 9.5 } else { 10.5 })?;
        }
    }
    let flags_first = LEAD_COLUMNS + (Indicator::BULLETIN.len() * 9) as u16;
    for (j, h) in FLAG_HEADERS.iter().enumerate() {
        sheet.merge_range(
            2,
            flags_first + j as u16,
            3,
            flags_first + j as u16,
            h,
            &header,
        )?;
        sheet.set_column_width(
            flags_first + j as u16,
            if j == 1 { 8.0 } else { FLAG_WIDTH },
        )?;
    }
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 16)?;
    sheet.set_row_height(3, 28)?;
    for (offset, row) in figures.rows.iter().enumerate() {
        write_row(sheet, FIRST_DATA_ROW + offset as u32, row, flags_first)?;
    }
    // One line under the table, across the first printed page, so that print
    // does not cut it; the definitions are on the 说明 sheet.
    let note_row = FIRST_DATA_ROW + figures.rows.len() as u32 + 1;
    sheet.merge_range(
        note_row,
        0,
        note_row,
        LEAD_COLUMNS + 8,
        "注：指标口径、时序进度、汇率及纳入统计的报表见「说明」工作表；「未报」为本月未报送，「未采用」为报表有错误未纳入统计，详见审核清单。",
        &style::subtitle(),
    )?;
    sheet.set_freeze_panes(FIRST_DATA_ROW, LEAD_COLUMNS)?;
    // Printed one indicator a page, then the flags, with 单位 and 报送情况 and
    // the two header rows repeated, and the title and 时序进度 in every page header.
    let breaks: Vec<u32> = (1..=Indicator::BULLETIN.len() as u32)
        .map(|i| LEAD_COLUMNS as u32 + i * 9)
        .collect();
    style::print_setup_wide(sheet, 2..=3, LEAD_COLUMNS - 1, &breaks, 80)?;
    sheet.set_header(format!(
        "&L&10{title}&R&10时序进度 {:.1}%",
        figures.progress
    ));
    Ok(())
}

fn write_row(sheet: &mut Worksheet, r: u32, row: &RegionRow, flags_first: u16) -> Result<()> {
    let is_sub = !matches!(row.kind, RowKind::Unit(_));
    let fmt = |f: Format| if is_sub { style::subtotal(f) } else { f };
    sheet.write_string_with_format(r, 0, &row.name, &fmt(style::text()))?;
    sheet.write_string_with_format(r, 1, receipt_text(row), &fmt(style::centered()))?;
    for (i, indicator) in Indicator::BULLETIN.into_iter().enumerate() {
        let figure = &row.figures[indicator];
        let first = LEAD_COLUMNS + (i * 9) as u16;
        let amount = if indicator == Indicator::NewFieCount {
            style::COUNT
        } else {
            style::AMOUNT
        };
        let this_month = match (figure.this_month, row.receipt) {
            (Some(v), _) => Cell::Number(v),
            (None, Some(Receipt::Rejected)) => Cell::Text("未采用"),
            (None, _) => Cell::Text("未报"),
        };
        let cells = figure_cells(figure, this_month);
        for (j, cell) in cells.iter().enumerate() {
            let number_format = match j {
                0..=2 | 4 => amount,
                7 => "0",
                _ => style::PERCENT,
            };
            let col = first + j as u16;
            match cell {
                Cell::Number(v) => {
                    sheet.write_number_with_format(
                        r,
                        col,
                        *v,
                        &fmt(style::number(number_format)),
                    )?;
                }
                Cell::Text(t) => {
                    sheet.write_string_with_format(r, col, *t, &fmt(style::centered()))?;
                }
                Cell::Blank => {
                    sheet.write_blank(r, col, &fmt(style::text()))?;
                }
            }
        }
    }
    let names = |list: &[Indicator]| {
        list.iter()
            .map(|i| i.name_zh())
            .collect::<Vec<_>>()
            .join("、")
    };
    let flags = [
        names(&row.shortfall),
        if row.double_shortfall {
            "是".to_string()
        } else {
            String::new()
        },
        names(&row.yellow_card),
        names(&row.not_broken_zero),
    ];
    // Excel and LibreOffice do not grow a row for wrapped text on opening.
    let lines = flags
        .iter()
        .map(|f| style::wrapped_lines(f, FLAG_WIDTH))
        .max()
        .unwrap_or(1);
    if lines > 1 {
        sheet.set_row_height(r, 13.5 * lines as f64)?;
    }
    for (j, flag) in flags.iter().enumerate() {
        let wrapped = fmt(if j == 1 {
            style::centered()
        } else {
            style::text().set_text_wrap()
        });
        sheet.write_string_with_format(r, flags_first + j as u16, flag, &wrapped)?;
    }
    Ok(())
}

enum Cell {
    Number(f64),
    Text(&'static str),
    Blank,
}

fn figure_cells(f: &Figure, this_month: Cell) -> [Cell; 9] {
    let opt = |v: Option<f64>| v.map_or(Cell::Text(UNDEFINED), Cell::Number);
    [
        this_month,
        Cell::Number(f.ytd),
        Cell::Number(f.last_ytd),
        opt(f.yoy),
        opt(f.target),
        opt(f.completion),
        opt(f.gap),
        match f.rank {
            Some(r) => Cell::Number(r as f64),
            None if f.completion.is_some() => Cell::Blank,
            None => Cell::Text(UNDEFINED),
        },
        opt(f.share),
    ]
}

/// "已报", "未报", "未采用", with the year's earlier gaps: "已报（3月未报）".
fn receipt_text(row: &RegionRow) -> String {
    let Some(receipt) = row.receipt else {
        return String::new();
    };
    let now = match receipt {
        Receipt::Rejected => "未采用",
        Receipt::Missing => "未报",
        Receipt::Accepted | Receipt::AcceptedWithWarnings | Receipt::FromStore => "已报",
    };
    if row.gaps_this_year.is_empty() {
        return now.to_string();
    }
    let gaps = month_runs(&row.gaps_this_year);
    format!("{now}（{}）", gaps.join("、"))
}

/// Groups consecutive months with the same receipt: [(1,未报),(2,未报),(5,未采用)]
/// → ["1-2月未报", "5月未采用"].
fn month_runs(gaps: &[(u32, Receipt)]) -> Vec<String> {
    let mut runs: Vec<(u32, u32, Receipt)> = Vec::new();
    for &(m, r) in gaps {
        match runs.last_mut() {
            Some((_, end, last)) if *end + 1 == m && *last == r => *end = m,
            _ => runs.push((m, m, r)),
        }
    }
    runs.iter()
        .map(|(start, end, r)| {
            let what = if *r == Receipt::Rejected {
                "未采用"
            } else {
                "未报"
            };
            if start == end {
                format!("{start}月{what}")
            } else {
                format!("{start}-{end}月{what}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_grouped_into_runs() {
        let gaps = [
            (1, Receipt::Missing),
            (2, Receipt::Missing),
            (3, Receipt::Missing),
            (5, Receipt::Rejected),
            (6, Receipt::Missing),
        ];
        assert_eq!(month_runs(&gaps), vec!["1-3月未报", "5月未采用", "6月未报"]);
    }
}
