//! The accepted facts as one polars frame, built once per run, with the key
//! columns every figure groups by: unit, year, month, indicator, measure,
//! amount, and the source, 实际来源地, industry division and 三次产业 each
//! fact counts under in the breakdowns.

use super::attracted::wan_yuan;
use super::by_industry::{division_label, UNSTATED as NO_INDUSTRY};
use super::by_source::UNSTATED as NO_SOURCE;
use super::sums::measure_key;
use crate::foundation::fact::{Fact, UNVERIFIED};
use crate::reference::Reference;
use anyhow::Result;
use polars::prelude::*;
use std::collections::HashMap;

/// The facts as one table: unit, year, month, indicator key, measure,
/// canonical amount, the amount in 万元 (`wan_yuan`: foreign at its month's
/// USD rate, null without one); `source` (未注明来源地 where the row names none),
/// `ultimate` (the 实际来源地 where given, else the source) and whether it
/// was given (`ultimate_given`), `division` and
/// `sector` (the industry's GB/T 4754 division label and 三次产业; 待核实 for
/// an industry that could not be classified, 未注明行业 where none is given).
///
/// # Errors
///
/// When polars cannot build the frame, which would be a bug.
pub fn facts_frame(facts: &[Fact], reference: &Reference) -> Result<DataFrame> {
    // The (division, 三次产业) labels of each industry code, worked out once
    // per code rather than once per fact.
    let mut labels: HashMap<Option<&str>, (String, String)> = HashMap::new();
    for f in facts {
        let code = f.industry.as_deref();
        labels
            .entry(code)
            .or_insert_with(|| industry_labels(code, reference));
    }
    let (division, sector): (Vec<&str>, Vec<&str>) = facts
        .iter()
        .map(|f| {
            let (d, s) = &labels[&f.industry.as_deref()];
            (d.as_str(), s.as_str())
        })
        .unzip();
    fn source(f: &Fact) -> &str {
        f.source.as_deref().unwrap_or(NO_SOURCE)
    }
    let frame = DataFrame::new_infer_height(vec![
        Column::new(
            "unit".into(),
            facts.iter().map(|f| f.unit.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "year".into(),
            facts.iter().map(|f| f.period.year).collect::<Vec<_>>(),
        ),
        Column::new(
            "month".into(),
            facts.iter().map(|f| f.period.month).collect::<Vec<_>>(),
        ),
        Column::new(
            "indicator".into(),
            facts.iter().map(|f| f.indicator.key()).collect::<Vec<_>>(),
        ),
        Column::new(
            "measure".into(),
            (facts.iter())
                .map(|f| measure_key(f.indicator.measure()))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "amount".into(),
            facts.iter().map(|f| f.amount).collect::<Vec<_>>(),
        ),
        Column::new(
            "wan_yuan".into(),
            (facts.iter())
                .map(|f| wan_yuan(f, reference))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "source".into(),
            facts.iter().map(source).collect::<Vec<_>>(),
        ),
        Column::new(
            "ultimate".into(),
            (facts.iter())
                .map(|f| f.ultimate_source.as_deref().unwrap_or(source(f)))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "ultimate_given".into(),
            (facts.iter())
                .map(|f| f.ultimate_source.is_some())
                .collect::<Vec<_>>(),
        ),
        Column::new("division".into(), division),
        Column::new("sector".into(), sector),
    ])?;
    Ok(frame)
}

/// The division label and 三次产业 of an industry code: 待核实 for one that
/// could not be classified, 未注明行业 where none is given.
fn industry_labels(code: Option<&str>, reference: &Reference) -> (String, String) {
    match code.and_then(|c| reference.industries.by_code(c)) {
        Some(i) => (
            division_label(&i.code, i.section),
            i.sector().name_zh().to_string(),
        ),
        None if code == Some(UNVERIFIED) => (UNVERIFIED.to_string(), UNVERIFIED.to_string()),
        None => (NO_INDUSTRY.to_string(), NO_INDUSTRY.to_string()),
    }
}
