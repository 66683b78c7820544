//! Who sent what this year: each unit's months (采用, 未采用, 未报, or taken
//! from the history store), the units to chase for the report month (催报),
//! and every rejected submission with the reason.

use super::issue::{Issue, Severity};
use super::{status, Status};
use crate::model::YearMonth;
use crate::normalize::submission::NormalizedSubmission;
use std::collections::{BTreeMap, BTreeSet};

/// What became of one unit's month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthMark {
    Accepted,
    AcceptedWithWarnings,
    /// Sent, but every file for the month was kept out by an error.
    Rejected,
    /// No file for the month.
    Missing,
    /// No file in data/, but the month's figures are in the history store.
    FromStore,
}

impl MonthMark {
    /// The one-character mark of the grid.
    pub fn symbol(self) -> &'static str {
        match self {
            MonthMark::Accepted => "✓",
            MonthMark::AcceptedWithWarnings => "△",
            MonthMark::Rejected => "✗",
            MonthMark::Missing => "○",
            MonthMark::FromStore => "库",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            MonthMark::Accepted => "采用",
            MonthMark::AcceptedWithWarnings => "采用（有警告）",
            MonthMark::Rejected => "未采用",
            MonthMark::Missing => "未报",
            MonthMark::FromStore => "历史库",
        }
    }
}

/// A submission kept out, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejection {
    pub unit: String,
    pub month: YearMonth,
    pub file: String,
    /// The first error, with sheet, cell and raw value.
    pub reason: String,
}

/// The year's receipts up to the report month.
#[derive(Clone, Debug)]
pub struct YearStatus {
    pub month: YearMonth,
    /// Each unit in the reference order, with one mark per month 1..=month.
    pub units: Vec<(String, Vec<MonthMark>)>,
    /// 催报: units with no file for the report month.
    pub missing: Vec<String>,
    /// Submissions of the year kept out, newest month first.
    pub rejected: Vec<Rejection>,
    /// Files of the year whose unit could not be told.
    pub unidentified: Vec<String>,
}

/// Works out the year's receipts from the submissions read and the months of
/// units found in the history store (`stored`: month → units with facts).
pub fn status_of_year(
    subs: &[NormalizedSubmission],
    units: &[String],
    month: YearMonth,
    stored: &BTreeMap<YearMonth, BTreeSet<String>>,
) -> YearStatus {
    let this_year = |s: &NormalizedSubmission| {
        s.period
            .or(s.file.folder_month)
            .filter(|p| p.year == month.year && p.month <= month.month)
    };
    let mark = |unit: &str, m: YearMonth| {
        let statuses: Vec<Status> = subs
            .iter()
            .filter(|s| s.unit.as_deref() == Some(unit) && this_year(s) == Some(m))
            .map(status)
            .collect();
        if statuses.contains(&Status::Accepted) {
            MonthMark::Accepted
        } else if statuses.contains(&Status::AcceptedWithWarnings) {
            MonthMark::AcceptedWithWarnings
        } else if statuses.contains(&Status::Rejected) {
            MonthMark::Rejected
        } else if stored.get(&m).is_some_and(|u| u.contains(unit)) {
            MonthMark::FromStore
        } else {
            MonthMark::Missing
        }
    };
    let months: Vec<YearMonth> = (1..=month.month)
        .filter_map(|m| YearMonth::new(month.year, m))
        .collect();
    let grid: Vec<(String, Vec<MonthMark>)> = units
        .iter()
        .map(|u| (u.clone(), months.iter().map(|&m| mark(u, m)).collect()))
        .collect();
    let missing = grid
        .iter()
        .filter(|(_, marks)| marks.last() == Some(&MonthMark::Missing))
        .map(|(u, _)| u.clone())
        .collect();
    let mut rejected: Vec<Rejection> = subs
        .iter()
        .filter(|s| status(s) == Status::Rejected)
        .filter_map(|s| {
            Some(Rejection {
                unit: s.unit.clone().unwrap_or_else(|| "（无法识别）".to_string()),
                month: this_year(s)?,
                file: s.file.name.clone(),
                reason: first_error(&s.issues),
            })
        })
        .collect();
    rejected.sort_by(|a, b| b.month.cmp(&a.month).then_with(|| a.file.cmp(&b.file)));
    YearStatus {
        month,
        units: grid,
        missing,
        rejected,
        unidentified: subs
            .iter()
            .filter(|s| s.unit.is_none() && this_year(s).is_some())
            .map(|s| s.file.name.clone())
            .collect(),
    }
}

fn first_error(issues: &[Issue]) -> String {
    issues
        .iter()
        .find(|i| i.severity() == Severity::Error)
        .map(Issue::brief)
        .unwrap_or_default()
}
