//! The bulletin's 图表 sheet: small tables of the figures each chart shows,
//! and beside each its native Excel chart — 完成% by unit with the 时序进度 as
//! a line, 到帐外资 by source group as a doughnut, amounts by industry section
//! as bars, and the cumulative trend this year against last as lines.

use super::style;
use crate::aggregate::breakdown::{Breakdown, BreakdownRow, LineKind};
use crate::aggregate::region::RegionFigures;
use crate::aggregate::trend::Trend;
use crate::foundation::model::Indicator;
use anyhow::Result;
use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFont, ChartLegendPosition, ChartType, Worksheet,
};

pub const SHEET: &str = "图表";
/// Where each chart goes: to the right of its table.
const CHART_COL: u16 = 5;
/// Rows a chart takes (its height at the default 20 px a row).
const CHART_ROWS: u32 = 22;
const CHART_SIZE: (u32, u32) = (640, 430);

/// One table for a chart: a category column and value columns.
pub struct ChartTable {
    pub title: String,
    pub headers: Vec<String>,
    pub categories: Vec<String>,
    /// One per header after the first, each as long as `categories`.
    pub columns: Vec<Vec<f64>>,
    pub num_format: &'static str,
}

/// 合同外资 (the indicator the speeches rank by), 注册外资 and 到帐外资 完成% by
/// unit (units with a target), and the 时序进度.
pub fn completion_table(regions: &RegionFigures) -> ChartTable {
    let shown = [
        Indicator::ContractedFdi,
        Indicator::RegisteredFdi,
        Indicator::ArrivedFdi,
    ];
    let units: Vec<_> = regions
        .units()
        .filter(|r| shown.iter().any(|&i| r.figures[i].completion.is_some()))
        .collect();
    let mut columns: Vec<Vec<f64>> = shown
        .iter()
        .map(|&i| {
            units
                .iter()
                .map(|r| r.figures[i].completion.unwrap_or(0.0))
                .collect()
        })
        .collect();
    columns.push(vec![regions.progress; units.len()]);
    ChartTable {
        title: "各单位完成年计划（%）与时序进度".to_string(),
        headers: [
            "单位",
            "合同外资完成(%)",
            "注册外资完成(%)",
            "到帐外资完成(%)",
            "时序进度(%)",
        ]
        .map(String::from)
        .to_vec(),
        categories: units.iter().map(|r| r.name.clone()).collect(),
        columns,
        num_format: style::PERCENT,
    }
}

/// The groups (or, with one group, the items) of a breakdown with their 累计
/// of the indicators `shown` that the breakdown has; rows with nothing above
/// zero in all are left out.
pub fn breakdown_table(
    title: &str,
    head: &str,
    table: &Breakdown,
    shown: &[Indicator],
) -> ChartTable {
    let shown: Vec<Indicator> = shown
        .iter()
        .copied()
        .filter(|i| table.indicators.contains(i))
        .collect();
    let ytd = |r: &BreakdownRow, i: Indicator| table.line(r, i).map_or(0.0, |l| l.ytd);
    let grouped = table.rows.iter().any(|r| r.kind == LineKind::Group);
    let wanted = if grouped {
        LineKind::Group
    } else {
        LineKind::Item
    };
    let rows: Vec<_> = table
        .rows
        .iter()
        .filter(|r| r.kind == wanted)
        .filter(|r| shown.iter().any(|&i| ytd(r, i) > 0.0))
        .collect();
    let mut headers = vec![head.to_string()];
    headers.extend(
        shown
            .iter()
            .map(|&i| format!("{}累计（{}）", i.name_zh(), i.unit_zh())),
    );
    ChartTable {
        title: title.to_string(),
        headers,
        categories: rows
            .iter()
            .map(|r| r.name.trim_start_matches('　').to_string())
            .collect(),
        columns: shown
            .iter()
            .map(|&i| rows.iter().map(|r| ytd(r, i).max(0.0)).collect())
            .collect(),
        num_format: style::AMOUNT,
    }
}

/// Months 1..N of one indicator, cumulative, this year and last.
pub fn trend_table(trend: &Trend, indicator: Indicator) -> ChartTable {
    let points = trend
        .series
        .iter()
        .find(|(i, _)| *i == indicator)
        .map(|(_, p)| p.clone())
        .unwrap_or_default();
    let year = trend.month.year;
    ChartTable {
        title: format!("{}累计走势（{}）", indicator.name_zh(), indicator.unit_zh()),
        headers: vec![
            "月份".to_string(),
            format!("{year}年累计"),
            format!("{}年累计", year - 1),
        ],
        categories: (1..=points.len()).map(|m| format!("{m}月")).collect(),
        columns: vec![
            points.iter().map(|p| p.ytd).collect(),
            points.iter().map(|p| p.last_ytd).collect(),
        ],
        num_format: style::AMOUNT,
    }
}

/// How a table is drawn.
#[derive(Clone, Copy)]
pub enum Drawing {
    /// Bars for every column but the last, which is a line (完成% and 时序进度).
    BarsWithLastAsLine,
    /// Horizontal bars.
    Bars,
    Doughnut,
    Lines,
}

/// Writes the sheet: each table, and its chart beside it.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a cell or a chart, which is a bug.
pub fn write_charts(
    sheet: &mut Worksheet,
    title: &str,
    tables: &[(ChartTable, Drawing)],
) -> Result<()> {
    style::sheet_top(sheet, SHEET, title, 4)?;
    sheet.set_column_width(0, 24)?;
    for c in 1..=4 {
        sheet.set_column_width(c, 14)?;
    }
    let mut r = 2;
    let mut breaks = Vec::new();
    for (table, drawing) in tables {
        if r > 2 {
            breaks.push(r);
        }
        let height = write_table(sheet, r, table)?;
        if !table.categories.is_empty() {
            let mut chart = draw(table, *drawing, r);
            chart.set_width(CHART_SIZE.0).set_height(CHART_SIZE.1);
            sheet.insert_chart(r, CHART_COL, &chart)?;
        }
        r += height.max(CHART_ROWS) + 2;
    }
    sheet.set_page_breaks(&breaks)?;
    // Up to the charts' right edge, which fitting to the cells alone would cut.
    let chart_cols = CHART_SIZE.0.div_ceil(64) as u16;
    sheet.set_print_area(0, 0, r, CHART_COL + chart_cols)?;
    style::print_setup(sheet, 0)?;
    Ok(())
}

/// Title, header and rows from `r`; returns the rows used.
fn write_table(sheet: &mut Worksheet, r: u32, table: &ChartTable) -> Result<u32> {
    sheet.write_string_with_format(r, 0, &table.title, &style::subtitle().set_bold())?;
    for (c, h) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(r + 1, c as u16, h, &style::header())?;
    }
    sheet.set_row_height(r + 1, 28)?;
    if table.categories.is_empty() {
        sheet.write_string_with_format(r + 2, 0, "（无数据）", &style::text())?;
    }
    for (k, category) in table.categories.iter().enumerate() {
        let row = r + 2 + k as u32;
        sheet.write_string_with_format(row, 0, category, &style::text())?;
        for (c, column) in table.columns.iter().enumerate() {
            sheet.write_number_with_format(
                row,
                1 + c as u16,
                column[k],
                &style::number(table.num_format),
            )?;
        }
    }
    Ok(2 + table.categories.len().max(1) as u32)
}

fn draw(table: &ChartTable, drawing: Drawing, r: u32) -> Chart {
    let first = r + 2;
    let last = first + table.categories.len() as u32 - 1;
    let font = ChartFont::new().set_name(style::FONT).clone();
    let series = |chart: &mut Chart, c: u16| {
        chart
            .add_series()
            .set_name((SHEET, r + 1, c))
            .set_categories((SHEET, first, 0, last, 0))
            .set_values((SHEET, first, c, last, c));
    };
    let n = table.columns.len() as u16;
    let mut chart = match drawing {
        Drawing::BarsWithLastAsLine => {
            let mut bars = Chart::new(ChartType::Column);
            for c in 1..n {
                series(&mut bars, c);
            }
            let mut line = Chart::new(ChartType::Line);
            series(&mut line, n);
            bars.combine(&line);
            bars
        }
        Drawing::Bars => {
            // Horizontal, so that long names read; first category on top.
            let mut bars = Chart::new(ChartType::Bar);
            for c in 1..=n {
                series(&mut bars, c);
            }
            // In a bar chart the category axis is the Y axis.
            bars.y_axis().set_reverse();
            bars
        }
        Drawing::Lines => {
            let mut lines = Chart::new(ChartType::Line);
            for c in 1..=n {
                series(&mut lines, c);
            }
            lines
        }
        Drawing::Doughnut => {
            let mut doughnut = Chart::new(ChartType::Doughnut);
            doughnut
                .add_series()
                .set_name((SHEET, r + 1, 1))
                .set_categories((SHEET, first, 0, last, 0))
                .set_values((SHEET, first, 1, last, 1))
                .set_data_label(ChartDataLabel::new().show_category_name().show_percentage());
            doughnut
        }
    };
    chart
        .title()
        .set_name(&table.title)
        .set_font(&font.clone().set_bold().clone());
    chart
        .legend()
        .set_position(ChartLegendPosition::Bottom)
        .set_font(&font);
    // Value-axis labels without decimals; a bar chart's value axis is its X axis.
    match drawing {
        Drawing::Doughnut => {}
        Drawing::Bars => {
            chart.x_axis().set_font(&font).set_num_format("#,##0");
            chart.y_axis().set_font(&font);
        }
        _ => {
            chart.x_axis().set_font(&font);
            chart.y_axis().set_font(&font).set_num_format("#,##0");
        }
    }
    chart
}
