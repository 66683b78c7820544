//! New foreign projects (外资新设项目) one by one: counts and amounts by size
//! band of total investment this year against last, and the year's large
//! projects. A project is a 外资 新设 row of a detail sheet.

use super::by_industry::division_label;
use crate::foundation::fact::{Event, Fact};
use crate::foundation::model::{Indicator, YearMonth};
use crate::foundation::unit_id::UnitId;
use crate::reference::Reference;
use std::collections::BTreeMap;

/// One new foreign project, its amounts canonical (万美元).
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    pub unit: UnitId,
    pub period: YearMonth,
    pub name: String,
    pub investor: String,
    pub source: String,
    pub industry: String,
    pub date: Option<chrono::NaiveDate>,
    pub total_investment: Option<f64>,
    pub contracted: Option<f64>,
    pub registered: Option<f64>,
    pub arrived: Option<f64>,
}

/// Projects of one year (months 1..N) at or above a size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BandTotals {
    pub count: usize,
    pub total_investment: f64,
    pub contracted: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SizeBand {
    /// Lower bound of total investment, 万美元.
    pub floor: f64,
    pub this_year: BandTotals,
    pub last_year: BandTotals,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProjectFigures {
    pub month: YearMonth,
    pub bands: Vec<SizeBand>,
    /// This year's projects at or above the smallest band, largest first.
    pub large: Vec<Project>,
    /// New projects of the year with no 总投资, which no band counts.
    pub without_total: usize,
}

/// Collects the new foreign projects from the facts and bands them.
pub fn figures_of_projects(
    facts: &[Fact],
    reference: &Reference,
    month: YearMonth,
    size_bands: &[f64],
) -> ProjectFigures {
    let projects = new_foreign_projects(facts, reference);
    let in_year = |p: &&Project, year: i32| p.period.year == year && p.period.month <= month.month;
    let totals = |year: i32, floor: f64| {
        projects
            .iter()
            .filter(|p| in_year(p, year))
            .filter(|p| p.total_investment.is_some_and(|t| t >= floor))
            .fold(BandTotals::default(), |a, p| BandTotals {
                count: a.count + 1,
                total_investment: a.total_investment + p.total_investment.unwrap_or(0.0),
                contracted: a.contracted + p.contracted.unwrap_or(0.0),
            })
    };
    let bands = size_bands
        .iter()
        .map(|&floor| SizeBand {
            floor,
            this_year: totals(month.year, floor),
            last_year: totals(month.year - 1, floor),
        })
        .collect();
    let floor = size_bands.first().copied().unwrap_or(0.0);
    let mut large: Vec<Project> = projects
        .iter()
        .filter(|p| in_year(p, month.year))
        .filter(|p| p.total_investment.is_some_and(|t| t >= floor))
        .cloned()
        .collect();
    large.sort_by(|a, b| {
        let t = |p: &Project| p.total_investment.unwrap_or(0.0);
        t(b).total_cmp(&t(a))
            .then_with(|| a.unit.cmp(&b.unit))
            .then_with(|| a.name.cmp(&b.name))
    });
    let without_total = projects
        .iter()
        .filter(|p| in_year(p, month.year) && p.total_investment.is_none())
        .count();
    ProjectFigures {
        month,
        bands,
        large,
        without_total,
    }
}

/// The facts of each 外资 新设 row, put back together as one project. A row
/// is told by where it was read; it is foreign when it counts a new enterprise.
fn new_foreign_projects(facts: &[Fact], reference: &Reference) -> Vec<Project> {
    let mut rows: BTreeMap<(&str, &str, u32), Vec<&Fact>> = BTreeMap::new();
    for f in facts.iter().filter(|f| f.event == Some(Event::New)) {
        let p = &f.provenance;
        rows.entry((&*p.file, &*p.sheet, p.row))
            .or_default()
            .push(f);
    }
    rows.into_values()
        .filter(|row| row.iter().any(|f| f.indicator == Indicator::NewFieCount))
        .map(|row| {
            let first = row[0];
            let amount = |indicator| {
                row.iter()
                    .find(|f| f.indicator == indicator)
                    .map(|f| f.amount)
            };
            let industry = first
                .industry
                .as_deref()
                .and_then(|code| reference.industries.by_code(code))
                .map(|i| division_label(&i.code, i.section))
                .unwrap_or_default();
            Project {
                unit: first.unit.clone(),
                period: first.period,
                name: first.project.clone().unwrap_or_default(),
                investor: first.investor.clone().unwrap_or_default(),
                source: first.source.clone().unwrap_or_default(),
                industry,
                date: first.date,
                total_investment: amount(Indicator::TotalInvestment),
                contracted: amount(Indicator::ContractedFdi),
                registered: amount(Indicator::RegisteredFdi),
                arrived: amount(Indicator::ArrivedFdi),
            }
        })
        .collect()
}
