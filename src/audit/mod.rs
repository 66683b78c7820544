//! Stage 3, audit: the rules that look across cells, submissions and months.
//! Cell-level problems are found while normalising; all of them end up here as
//! [`Issue`]s, and the status of each submission is decided from them.

pub mod crosscheck;
pub mod issue;

use crate::model::YearMonth;
use crate::normalize::submission::NormalizedSubmission;
use issue::{Issue, Location, Rule, Severity};
use std::collections::BTreeMap;

/// What became of a submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Accepted,
    AcceptedWithWarnings,
    Rejected,
    /// No file for the month (未报); only in the audit's overview.
    Missing,
}

impl Status {
    pub fn name_zh(self) -> &'static str {
        match self {
            Status::Accepted => "采用",
            Status::AcceptedWithWarnings => "采用（有警告）",
            Status::Rejected => "未采用",
            Status::Missing => "未报",
        }
    }
}

/// Adds the within-file cross-checks to a submission's issues.
pub fn check_submission(sub: &mut NormalizedSubmission) {
    let mut found = crosscheck::check_totals(sub);
    found.extend(crosscheck::check_summary_against_detail(sub));
    for issue in &mut found {
        issue.unit = sub.unit.clone();
        issue.period = sub.period;
    }
    sub.issues.extend(found);
}

/// Two submissions for the same unit and month: an error on each, naming the
/// other, and neither is used.
pub fn check_duplicates(subs: &mut [NormalizedSubmission]) {
    let mut by_key: BTreeMap<(String, YearMonth), Vec<usize>> = BTreeMap::new();
    for (i, sub) in subs.iter().enumerate() {
        if let (Some(unit), Some(period)) = (&sub.unit, sub.period) {
            by_key.entry((unit.clone(), period)).or_default().push(i);
        }
    }
    for ((unit, period), indices) in by_key {
        if indices.len() < 2 {
            continue;
        }
        let names: Vec<String> = indices.iter().map(|&i| subs[i].file.name.clone()).collect();
        for &i in &indices {
            let others: Vec<&str> = names
                .iter()
                .filter(|n| **n != subs[i].file.name)
                .map(String::as_str)
                .collect();
            let mut issue = Issue::new(
                Rule::DuplicateSubmission,
                Location::file(&subs[i].file.name),
                None,
                format!(
                    "{unit} {period} 有多份报表（另见 {}），无法判断哪份为准，均未采用；请注明「更正」或版本号后重报",
                    others.join("、")
                ),
            );
            issue.unit = Some(unit.clone());
            issue.period = Some(period);
            subs[i].issues.push(issue);
        }
    }
}

/// A submission's status from its issues.
pub fn status(sub: &NormalizedSubmission) -> Status {
    if sub.issues.iter().any(|i| i.severity() == Severity::Error) {
        Status::Rejected
    } else if sub.issues.is_empty() {
        Status::Accepted
    } else {
        Status::AcceptedWithWarnings
    }
}
