//! Stage 3, audit: the rules that look across cells, submissions and months.
//! Cell-level problems are found while normalising; all of them end up here as
//! [`Issue`]s, and the status of each submission is decided from them.

pub mod arrivals;
pub mod checked;
pub mod crosscheck;
pub mod months;
pub mod peer_sums;
pub mod peers;
pub mod receipts;
pub mod resubmission;
pub mod revisions;

use crate::foundation::issue::{Issue, Location, Rule, Severity};
use crate::foundation::model::YearMonth;
use crate::foundation::unit_id::UnitId;
use crate::normalize::submission::NormalizedSubmission;
use std::collections::BTreeMap;

/// What became of a file. [`status`] gives one of the first four for a
/// submission; the others describe the lines of the receipts table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Accepted,
    AcceptedWithWarnings,
    /// A stored month's file: its workbook is gone from data/, its figures
    /// come from the history store.
    FromStore,
    /// A lock, hidden or system file in a month folder: not a submission.
    NotRead,
    Rejected,
    /// Replaced by a later version of the same unit and month.
    Superseded,
    /// No file for the month (未报).
    Missing,
}

impl Status {
    /// Whether the submission's facts go into the figures.
    pub fn is_used(self) -> bool {
        matches!(self, Status::Accepted | Status::AcceptedWithWarnings)
    }
}

impl Status {
    pub fn name_zh(self) -> &'static str {
        match self {
            Status::Accepted => "采用",
            Status::AcceptedWithWarnings => "采用（有警告）",
            Status::Rejected => "未采用",
            Status::Superseded => "已被替代",
            Status::Missing => "未报",
            Status::FromStore => "取自历史库",
            Status::NotRead => "未读取",
        }
    }
}

/// Adds the within-file cross-checks to a submission's issues.
///
/// A file already kept out by an error gets neither: its sums lack the cells
/// that failed, and a difference found from them would only repeat the error.
pub fn check_submission(sub: &mut NormalizedSubmission) {
    if sub.issues.iter().any(|i| i.severity() == Severity::Error) {
        return;
    }
    let found = crosscheck::check_totals(sub)
        .into_iter()
        .chain(crosscheck::check_summary_against_detail(sub))
        .map(|issue| issue.filed_under(sub.unit.as_ref(), sub.period))
        .collect::<Vec<_>>();
    sub.issues.extend(found);
}

/// Two or more submissions for the same unit and month. The later one wins
/// where the files say which is later — a version mark in the file name
/// (更正, v2, (2), 第2版), else a later 报出日期; the others are superseded and
/// the audit says so. Where they do not say, each gets an error naming the
/// others and none is used. A file that could not be read has no month of
/// its own (`period` is `None`) and takes no part: a signed PDF beside the
/// workbook does not knock the workbook out.
pub fn check_duplicates(subs: &mut [NormalizedSubmission]) {
    let mut by_key: BTreeMap<(UnitId, YearMonth), Vec<usize>> = BTreeMap::new();
    for (i, sub) in subs.iter().enumerate() {
        if let (Some(unit), Some(period)) = (&sub.unit, sub.period) {
            by_key.entry((unit.clone(), period)).or_default().push(i);
        }
    }
    for ((unit, period), indices) in by_key {
        if indices.len() < 2 {
            continue;
        }
        let group: Vec<&NormalizedSubmission> = indices.iter().map(|&i| &subs[i]).collect();
        let names: Vec<String> = group.iter().map(|s| s.file.name.clone()).collect();
        let others = |me: &str| {
            names
                .iter()
                .filter(|n| n.as_str() != me)
                .cloned()
                .collect::<Vec<_>>()
                .join("、")
        };
        let mut found = Vec::new();
        match resubmission::latest(&group) {
            Some((winner, why)) => {
                let winner_name = names[winner].clone();
                for (k, &i) in indices.iter().enumerate() {
                    let (rule, message) = if k == winner {
                        (
                            Rule::Supersedes,
                            format!(
                                "{unit} {period} 采用本文件，替代 {}（{why}）",
                                others(&winner_name)
                            ),
                        )
                    } else {
                        (
                            Rule::Superseded,
                            format!(
                                "{unit} {period} 已由 {winner_name} 替代（{why}），本文件未采用"
                            ),
                        )
                    };
                    found.push((i, rule, message));
                }
            }
            None => {
                for &i in &indices {
                    found.push((
                        i,
                        Rule::DuplicateSubmission,
                        format!(
                            "{unit} {period} 有多份报表（另见 {}），无法判断哪份为准，均未采用；请在文件名注明「更正」或版本号（如 v2），或写明更晚的报出日期后重报",
                            others(&subs[i].file.name)
                        ),
                    ));
                }
            }
        }
        for (i, rule, message) in found {
            let issue = Issue::new(rule, Location::file(&subs[i].file.name), None, message);
            subs[i]
                .issues
                .push(issue.filed_under(Some(&unit), Some(period)));
        }
    }
}

/// A submission's status from its issues.
pub fn status(sub: &NormalizedSubmission) -> Status {
    let has = |severity| sub.issues.iter().any(|i| i.severity() == severity);
    if sub.issues.iter().any(|i| i.rule == Rule::Superseded) {
        Status::Superseded
    } else if has(Severity::Error) {
        Status::Rejected
    } else if has(Severity::Warning) {
        Status::AcceptedWithWarnings
    } else {
        Status::Accepted
    }
}

/// Applies the severities settings.toml sets for some rules (`[audit.severity]`).
pub fn set_severities(
    subs: &mut [NormalizedSubmission],
    set: &std::collections::BTreeMap<Rule, Severity>,
) {
    for issue in subs.iter_mut().flat_map(|s| s.issues.iter_mut()) {
        if let Some(severity) = set.get(&issue.rule) {
            issue.severity_set = Some(*severity);
        }
    }
}
