//! Dates as units write them: Excel serials (also the CJK built-in date formats,
//! which calamine hands over as plain numbers), and text such as "2026年3月5日",
//! "2026.3.5", "2026-03-05", "2026/3/5".

use crate::ingest::workbook::RawCell;
use chrono::{Days, NaiveDate};

/// Serials Excel uses for 1990-01-01 and 2100-12-31: a number outside this
/// range in a date column is not taken for a date.
const PLAUSIBLE_SERIALS: std::ops::RangeInclusive<f64> = 32874.0..=73415.0;

/// Why a cell is not a date. The audit's message stays "「…」不是日期"; the
/// reason is for whoever reads the value back (and for tests).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum NotADate {
    /// A number outside the serials of 1990-01-01 ..= 2100-12-31 (or an
    /// eight-digit 20260230 that names no day).
    #[error("数字 {0} 不是 1990—2100 年间的日期")]
    ImplausibleNumber(f64),
    /// Text in none of the accepted forms ("去年三月", "3月5日").
    #[error("文字「{0}」不是可识别的日期写法")]
    UnreadableText(String),
    /// A true/false, an error value (#N/A) or a formula without a saved result.
    #[error("单元格内容不是日期")]
    NotADateCell,
}

/// Reads a date cell. `Ok(None)` when blank, `Err` with the reason when it is
/// not a date.
pub fn parse_date_cell(cell: &RawCell) -> Result<Option<NaiveDate>, NotADate> {
    match cell {
        RawCell::Empty => Ok(None),
        RawCell::Number(n) if (19_000_101.0..=21_001_231.0).contains(n) => {
            parse_date_text(&format!("{n}"))
                .map(Some)
                .ok_or(NotADate::ImplausibleNumber(*n))
        }
        RawCell::Date(serial) | RawCell::Number(serial) => from_serial(*serial)
            .map(Some)
            .ok_or(NotADate::ImplausibleNumber(*serial)),
        RawCell::Text(text) if text.trim().is_empty() => Ok(None),
        RawCell::Text(text) => parse_date_text(text)
            .map(Some)
            .ok_or_else(|| NotADate::UnreadableText(text.clone())),
        RawCell::Bool(_) | RawCell::Error(_) | RawCell::FormulaNoValue(_) => {
            Err(NotADate::NotADateCell)
        }
    }
}

/// An Excel serial (days since 1899-12-30, the 1900 system) to a date.
pub fn from_serial(serial: f64) -> Option<NaiveDate> {
    if !PLAUSIBLE_SERIALS.contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_days(Days::new(serial.floor() as u64))
}

/// "2026年3月5日", "2026年03月05日", "2026.3.5", "2026-03-05", "2026/3/5",
/// also with full-width digits or a trailing time.
pub fn parse_date_text(text: &str) -> Option<NaiveDate> {
    let folded: String = text
        .chars()
        .map(crate::foundation::text::fold_width)
        .collect();
    // "2026 年 3 月 5 日": spaces inside a written date are not a time apart.
    let folded = if folded.contains('年') {
        folded.split_whitespace().collect::<String>()
    } else {
        folded.trim().to_string()
    };
    let date_part = folded.split_whitespace().next()?;
    let date_part = date_part.split('T').next()?;
    if date_part.len() == 8 && date_part.chars().all(|c| c.is_ascii_digit()) {
        let (y, md) = date_part.split_at(4);
        let (m, d) = md.split_at(2);
        return NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    }
    let parts: Vec<&str> = date_part
        .trim_end_matches(['日', '号', '.'])
        .trim_end_matches('月')
        .split(['年', '月', '.', '-', '/'])
        .collect();
    // "2026年10月", "2026-10", "2026.10": a month without its day is taken as
    // the month's first day (the 批准日期 is shown, not counted by).
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] => (*y, *m, *d),
        [y, m] if !m.is_empty() => (*y, *m, "1"),
        _ => return None,
    };
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if y.len() != 4 || !all_digits(y) || !all_digits(m) || !all_digits(d) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn text_forms() {
        for s in [
            "2026年3月5日",
            "2026年03月05日",
            "2026.3.5",
            "2026-03-05",
            "2026/3/5",
            "２０２６年３月５日",
            "2026-03-05 00:00:00",
            "2026-03-05T10:00:00",
            "2026 年 3 月 5 日",
            "2026.3.5.",
        ] {
            assert_eq!(parse_date_text(s), ymd(2026, 3, 5), "{s}");
        }
        assert_eq!(parse_date_text("20260305"), ymd(2026, 3, 5));
        // A month without its day stands for the month: its first day.
        for s in ["2026年3月", "2026-03", "2026.3", "2026/3"] {
            assert_eq!(parse_date_text(s), ymd(2026, 3, 1), "{s}");
        }
        assert_eq!(
            parse_date_cell(&RawCell::Number(20260305.0)),
            Ok(ymd(2026, 3, 5))
        );
        for s in ["2026年2月30日", "20261305", "3月5日", "26.3.5", "去年三月"] {
            assert_eq!(parse_date_text(s), None, "{s}");
        }
    }

    #[test]
    fn serials_including_cjk_formats_read_as_numbers() {
        // 46086 is 2026-03-05 in Excel's 1900 date system.
        assert_eq!(from_serial(46086.0), ymd(2026, 3, 5));
        assert_eq!(
            parse_date_cell(&RawCell::Number(46086.0)),
            Ok(ymd(2026, 3, 5))
        );
        assert_eq!(
            parse_date_cell(&RawCell::Date(46086.5)),
            Ok(ymd(2026, 3, 5))
        );
        assert_eq!(
            parse_date_cell(&RawCell::Number(12.0)),
            Err(NotADate::ImplausibleNumber(12.0))
        );
        assert_eq!(parse_date_cell(&RawCell::Empty), Ok(None));
        assert_eq!(
            parse_date_cell(&RawCell::Text("不详".into())),
            Err(NotADate::UnreadableText("不详".into()))
        );
        assert_eq!(
            parse_date_cell(&RawCell::Number(20261305.0)),
            Err(NotADate::ImplausibleNumber(20261305.0))
        );
        assert_eq!(
            parse_date_cell(&RawCell::Bool(true)),
            Err(NotADate::NotADateCell)
        );
    }
}
