//! 到帐外资 with no earlier contract: a 到资 row is capital arriving on an
//! earlier project, so the unit's earlier forms should show that project
//! signed (新设 or 增资). Only checked as far back as the forms on hand: the
//! twelve months before the row's month must all have been received and used.

use super::issue::{Issue, Location, Rule};
use super::status;
use crate::ingest::workbook::format_number;
use crate::model::{Indicator, YearMonth};
use crate::normalize::fact::{Event, Fact};
use crate::normalize::submission::NormalizedSubmission;
use crate::normalize::text::normalize_label;
use std::collections::{BTreeMap, BTreeSet};

/// How many months before a 到资 row its contract is looked for.
pub const LOOKBACK_MONTHS: i32 = 12;

/// Adds a warning to each used submission for every 到资 row whose project
/// has no 新设 or 增资 row of the same unit in the same or the twelve
/// preceding months. Projects match by name, compared after
/// [`normalize_label`] (width, spaces, 繁/简).
pub fn check_arrivals(subs: &mut [NormalizedSubmission]) {
    let used: BTreeMap<(String, i32), usize> = subs
        .iter()
        .enumerate()
        .filter(|(_, s)| status(s).is_used())
        .filter_map(|(i, s)| Some(((s.unit.clone()?, s.period?.index()), i)))
        .collect();
    let contracted: BTreeMap<usize, BTreeSet<String>> = used
        .values()
        .map(|&i| (i, contracted_projects(&subs[i].facts)))
        .collect();
    let mut found: Vec<(usize, Issue)> = Vec::new();
    for (&(ref unit, month), &i) in &used {
        let window: Option<Vec<usize>> = (month - LOOKBACK_MONTHS..=month)
            .map(|m| used.get(&(unit.clone(), m)).copied())
            .collect();
        let Some(window) = window else {
            continue;
        };
        for fact in subs[i].facts.iter().filter(|f| is_foreign_arrival(f)) {
            let Some(project) = fact.project.as_deref() else {
                continue;
            };
            let key = normalize_label(project);
            if window.iter().any(|j| contracted[j].contains(&key)) {
                continue;
            }
            found.push((i, warning(fact, project, subs[i].period)));
        }
    }
    for (i, issue) in found {
        subs[i].issues.push(issue);
    }
}

fn is_foreign_arrival(fact: &Fact) -> bool {
    fact.event == Some(Event::Arrival) && fact.indicator == Indicator::ArrivedFdi
}

/// The names of the foreign projects a submission's detail shows signed.
fn contracted_projects(facts: &[Fact]) -> BTreeSet<String> {
    facts
        .iter()
        .filter(|f| matches!(f.event, Some(Event::New | Event::Increase)))
        .filter(|f| {
            matches!(
                f.indicator,
                Indicator::ContractedFdi
                    | Indicator::RegisteredFdi
                    | Indicator::NewFieCount
                    | Indicator::TotalInvestment
            )
        })
        .filter_map(|f| f.project.as_deref().map(normalize_label))
        .collect()
}

fn warning(fact: &Fact, project: &str, period: Option<YearMonth>) -> Issue {
    let p = &fact.provenance;
    let from = period.map(|m| m.index() - LOOKBACK_MONTHS);
    let window = match (from.and_then(YearMonth::from_index), period) {
        (Some(start), Some(end)) => format!("{start}至{end}"),
        _ => "近12个月".to_string(),
    };
    let mut issue = Issue::new(
        Rule::ArrivalWithoutContract,
        Location::cell(&p.file, &p.sheet, p.row, p.col),
        Some(project.to_string()),
        format!(
            "「{project}」到资 {} 万美元，但本单位 {window} 的报表中没有该项目的新设或增资记录；请核对项目名称是否与签约时一致，或在备注中注明合同签订时间",
            format_number((fact.amount * 100.0).round() / 100.0),
        ),
    );
    issue.unit = Some(fact.unit.clone());
    issue.period = period;
    issue
}
