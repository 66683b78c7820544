//! The units' tables of the Word 通报: one kind of unit, one indicator, the
//! figures of the by-region sheet written as its number formats show them.

use crate::aggregate::region::{Figure, RegionFigures, RowKind};
use crate::foundation::model::{Indicator, Measure, UnitKind};
use crate::report::style::UNDEFINED;

/// The columns of a units' table after 单位.
pub const FIGURE_HEADERS: [&str; 5] = ["累计", "同比(%)", "完成(%)", "进度差(百分点)", "排名"];

/// A table as text: header, rows, and which rows are subtotals (bold).
#[derive(Clone, Debug, PartialEq)]
pub struct UnitTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub subtotal_rows: Vec<usize>,
}

/// The units of `kind` and their subtotal for `indicator`: 单位, 累计, 同比(%),
/// 完成(%), 进度差(百分点), 排名.
pub fn unit_table(regions: &RegionFigures, kind: UnitKind, indicator: Indicator) -> UnitTable {
    let mut rows = Vec::new();
    let mut subtotal_rows = Vec::new();
    for row in regions
        .rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Unit(k) | RowKind::Subtotal(k) if k == kind))
    {
        if matches!(row.kind, RowKind::Subtotal(_)) {
            subtotal_rows.push(rows.len());
        }
        let mut cells = vec![row.name.clone()];
        cells.extend(figure_cells(&row.figures[indicator], indicator));
        rows.push(cells);
    }
    let mut headers = vec!["单位".to_string()];
    headers.extend(FIGURE_HEADERS.map(String::from));
    UnitTable {
        headers,
        rows,
        subtotal_rows,
    }
}

/// 累计, 同比, 完成, 进度差, 排名 as the workbook shows them.
fn figure_cells(f: &Figure, indicator: Indicator) -> [String; 5] {
    // A value that rounds to zero prints 0.0, not -0.0 (as the workbook's format shows it).
    let percent = |v: Option<f64>| {
        v.map_or(UNDEFINED.to_string(), |v| {
            let rounded = (v * 10.0).round() / 10.0;
            format!("{:.1}", if rounded == 0.0 { 0.0 } else { rounded })
        })
    };
    let amount = if indicator.measure() == Measure::Count {
        thousands(f.ytd, 0)
    } else {
        thousands(f.ytd, 2)
    };
    let rank = match f.rank {
        Some(r) => r.to_string(),
        // A subtotal has a 完成% and no rank: blank, as on the sheet.
        None if f.completion.is_some() => String::new(),
        None => UNDEFINED.to_string(),
    };
    [
        amount,
        percent(f.yoy),
        percent(f.completion),
        percent(f.gap),
        rank,
    ]
}

/// `#,##0.00` (or `#,##0` with 0 decimals): "12,345.67", "-1,200.00".
pub fn thousands(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_as_excel_shows_them() {
        assert_eq!(thousands(12345.678, 2), "12,345.68");
        assert_eq!(thousands(-1200.0, 2), "-1,200.00");
        assert_eq!(thousands(999.999, 2), "1,000.00");
        assert_eq!(thousands(0.0, 2), "0.00");
        assert_eq!(thousands(-0.001, 2), "0.00");
        assert_eq!(thousands(1234567.0, 0), "1,234,567");
        assert_eq!(thousands(12.0, 0), "12");
    }
}
