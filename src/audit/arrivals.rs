//! 到帐外资 with no earlier contract: a 到资 row is capital arriving on an
//! earlier project, so the unit's earlier forms should show that project
//! signed (新设 or 增资) in any month on hand. Only checked where the forms are
//! complete: the twelve months before the row's month must all have been
//! received and used, else a contract could be in a month not on hand.

use super::status;
use crate::foundation::fact::{Event, Fact};
use crate::foundation::issue::{Issue, Location, Rule};
use crate::foundation::model::{Indicator, YearMonth};
use crate::foundation::text::normalize_label;
use crate::foundation::unit_id::UnitId;
use crate::ingest::workbook::format_number;
use crate::normalize::submission::NormalizedSubmission;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// How many months before a 到资 row must be on hand for the check to run.
pub const LOOKBACK_MONTHS: i32 = 12;

/// Adds a warning to each used submission for every 到资 row whose project
/// has no 新设 or 增资 row of the same unit in the same or any earlier month
/// on hand. Projects match by name, compared after
/// [`normalize_label`] (width, spaces, 繁/简).
pub fn check_arrivals(subs: &mut [NormalizedSubmission]) {
    let used: BTreeMap<(UnitId, i32), usize> = subs
        .iter()
        .enumerate()
        .filter(|(_, s)| status(s).is_used())
        .filter_map(|(i, s)| Some(((s.unit.clone()?, s.period?.index()), i)))
        .collect();
    // Worked out side by side, submission by submission (a province sends
    // tens of thousands), and gathered in the units' and months' order.
    let shared: &[NormalizedSubmission] = subs;
    let units_months: Vec<(&(UnitId, i32), &usize)> = used.iter().collect();
    let contracted: BTreeMap<usize, BTreeSet<String>> = (units_months.par_iter())
        .map(|&(_, &i)| (i, contracted_projects(&shared[i].facts)))
        .collect();
    let found: Vec<(usize, Issue)> = (units_months.par_iter())
        .flat_map_iter(|&(&(ref unit, month), &i)| {
            let warnings = unsigned_arrivals(shared, &used, &contracted, unit, month, i);
            warnings.into_iter().map(move |issue| (i, issue))
        })
        .collect();
    for (i, issue) in found {
        subs[i].issues.push(issue);
    }
}

/// The warnings on submission `i` (of `unit` for `month`): its foreign
/// arrivals whose project none of the unit's months on hand shows signed,
/// when every one of the months looked back on is on hand.
fn unsigned_arrivals(
    subs: &[NormalizedSubmission],
    used: &BTreeMap<(UnitId, i32), usize>,
    contracted: &BTreeMap<usize, BTreeSet<String>>,
    unit: &UnitId,
    month: i32,
    i: usize,
) -> Vec<Issue> {
    let mut found = Vec::new();
    let complete = (month - LOOKBACK_MONTHS..month).all(|m| used.contains_key(&(unit.clone(), m)));
    if !complete {
        return found;
    }
    let on_hand: Vec<(i32, usize)> = used
        .range((unit.clone(), i32::MIN)..=(unit.clone(), month))
        .map(|((_, m), &j)| (*m, j))
        .collect();
    let first = on_hand.first().and_then(|(m, _)| YearMonth::from_index(*m));
    let window: Vec<usize> = on_hand.iter().map(|(_, j)| *j).collect();
    for fact in subs[i].facts.iter().filter(|f| is_foreign_arrival(f)) {
        let Some(project) = fact.project.as_deref() else {
            continue;
        };
        let key = normalize_label(project);
        if window.iter().any(|j| contracted[j].contains(&key)) {
            continue;
        }
        found.push(warning(fact, project, first, subs[i].period));
    }
    found
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

fn warning(
    fact: &Fact,
    project: &str,
    first: Option<YearMonth>,
    period: Option<YearMonth>,
) -> Issue {
    let p = &fact.provenance;
    let window = match (first, period) {
        (Some(start), Some(end)) => format!("{start}至{end}"),
        _ => "已收到各月".to_string(),
    };
    Issue::new(
        Rule::ArrivalWithoutContract,
        Location::cell(&p.file, &p.sheet, p.row, p.col),
        Some(project.to_string()),
        format!(
            "「{project}」到资 {} 万美元，但本单位 {window} 的报表中没有该项目的新设或增资记录；请核对项目名称是否与签约时一致，或在备注中注明合同签订时间",
            format_number((fact.amount * 100.0).round() / 100.0),
        ),
    )
    .filed_under(Some(&fact.unit), period)
}
