//! Checks across a unit's months: the summary's 1-N月累计 against the sum of
//! the months 1..N received and used.

use super::status;
use crate::foundation::issue::{Issue, Location, Rule};
use crate::ingest::workbook::format_number;
use crate::normalize::submission::NormalizedSubmission;
use rayon::prelude::*;
use std::collections::HashMap;

/// Rounding allowance per month added up (each month's figures to two decimals).
const PER_MONTH_TOLERANCE: f64 = 0.011;

/// Adds a warning wherever a used submission's 累计 differs from the months
/// 1..N of its unit on hand. Checked only when every one of those months was
/// received and used: with a month missing the difference says nothing.
pub fn check_cumulative(subs: &mut [NormalizedSubmission]) {
    let used: Vec<bool> = subs.iter().map(|s| status(s).is_used()).collect();
    // The first used submission of each unit and month, looked up rather than
    // searched for: a province sends tens of thousands (issue 14).
    let mut by_month: HashMap<(&str, i32, u32), usize> = HashMap::new();
    for (j, s) in subs.iter().enumerate().filter(|&(j, _)| used[j]) {
        if let (Some(unit), Some(period)) = (&s.unit, s.period) {
            by_month
                .entry((unit.as_str(), period.year, period.month))
                .or_insert(j);
        }
    }
    // Submission by submission side by side, gathered in their order.
    let found: Vec<(usize, Issue)> = (subs.par_iter().enumerate())
        .flat_map_iter(|(i, sub)| {
            let found = if used[i] {
                mismatches(sub, &by_month, subs)
            } else {
                Vec::new()
            };
            found.into_iter().map(move |issue| (i, issue))
        })
        .collect();
    for (i, issue) in found {
        subs[i].issues.push(issue);
    }
}

/// The warnings on `sub`'s 累计 lines, when every month 1..N of its unit is
/// on hand (`by_month`, into `subs`).
fn mismatches(
    sub: &NormalizedSubmission,
    by_month: &HashMap<(&str, i32, u32), usize>,
    subs: &[NormalizedSubmission],
) -> Vec<Issue> {
    let mut found = Vec::new();
    let (Some(unit), Some(period)) = (&sub.unit, sub.period) else {
        return found;
    };
    let months: Vec<Option<&NormalizedSubmission>> = (1..=period.month)
        .map(|m| {
            let key = (unit.as_str(), period.year, m);
            by_month.get(&key).map(|&j| &subs[j])
        })
        .collect();
    if months.iter().any(Option::is_none) {
        return found;
    }
    for line in &sub.summary {
        let (Some(stated), Some(col)) = (line.cumulative, line.cumulative_col) else {
            continue;
        };
        let received: f64 = months
            .iter()
            .flatten()
            .flat_map(|s| &s.facts)
            .filter(|f| f.indicator == line.indicator)
            .map(|f| f.amount)
            .sum();
        let tolerance = PER_MONTH_TOLERANCE * period.month as f64;
        if (stated - received).abs() <= tolerance {
            continue;
        }
        let round2 = |x: f64| format_number((x * 100.0).round() / 100.0);
        let issue = Issue::new(
            Rule::CumulativeMismatch,
            Location::cell(&sub.file.name, &line.sheet, line.row, col),
            Some(round2(stated)),
            format!(
                "汇总表「{}」1-{}月累计为 {}，已收到的 1-{} 月报表合计为 {}（{}），相差 {}；本系统按各月报表统计，请核对往月数据是否有更正",
                line.indicator.name_zh(),
                period.month,
                round2(stated),
                period.month,
                round2(received),
                line.indicator.unit_zh(),
                round2(stated - received)
            ),
        )
        .filed_under(Some(unit), Some(period));
        found.push(issue);
    }
    found
}
