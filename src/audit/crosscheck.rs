//! Cross-checks inside one submission: the 合计 row against its rows, and the
//! summary's 本月 against the detail.

use crate::foundation::issue::{Issue, Location, Rule};
use crate::ingest::workbook::format_number;
use crate::normalize::submission::NormalizedSubmission;

/// A 合计 may differ from its rows by rounding to two decimals.
const TOTAL_TOLERANCE: f64 = 0.005;
/// The summary is in canonical 万; allow rounding to two decimals.
const SUMMARY_TOLERANCE: f64 = 0.011;

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The 合计 row of each detail column against the sum of the rows above it.
pub fn check_totals(sub: &NormalizedSubmission) -> Vec<Issue> {
    sub.column_totals
        .iter()
        .filter(|t| (t.stated - t.rows_sum).abs() > TOTAL_TOLERANCE)
        .map(|t| {
            Issue::new(
                Rule::TotalMismatch,
                Location::cell(&sub.file.name, &t.sheet, t.row, t.col),
                Some(t.raw.clone()),
                format!(
                    "合计行「{}」为 {}，各行相加为 {}，相差 {}",
                    t.column.name_zh(),
                    format_number(round2(t.stated)),
                    format_number(round2(t.rows_sum)),
                    format_number(round2(t.stated - t.rows_sum))
                ),
            )
        })
        .collect()
}

/// The summary's 本月 for each indicator against the sum of the detail's facts.
pub fn check_summary_against_detail(sub: &NormalizedSubmission) -> Vec<Issue> {
    if !sub.has_detail {
        return Vec::new();
    }
    sub.summary
        .iter()
        .filter_map(|line| {
            let stated = line.this_month?;
            let detail: f64 = sub
                .facts
                .iter()
                .filter(|f| f.indicator == line.indicator)
                .map(|f| f.amount)
                .sum();
            // A figure written to fewer decimals than 万 (亿元 to four places)
            // is as close as its last digit allows.
            let tolerance = SUMMARY_TOLERANCE.max(line.this_month_rounding + 1e-9);
            ((stated - detail).abs() > tolerance).then(|| {
                Issue::new(
                    Rule::SummaryDetailMismatch,
                    Location::cell(&sub.file.name, &line.sheet, line.row, line.this_month_col),
                    Some(format_number(round2(stated))),
                    format!(
                        "汇总表「{}」本月为 {}，项目明细合计为 {}（{}），相差 {}；本系统按明细统计",
                        line.indicator.name_zh(),
                        format_number(round2(stated)),
                        format_number(round2(detail)),
                        line.indicator.unit_zh(),
                        format_number(round2(stated - detail))
                    ),
                )
            })
        })
        .collect()
}
