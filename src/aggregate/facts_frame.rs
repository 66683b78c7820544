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
    let industry = |f: &Fact| {
        f.industry
            .as_deref()
            .and_then(|c| reference.industries.by_code(c))
    };
    let unclassified = |f: &Fact| f.industry.as_deref() == Some(UNVERIFIED);
    let or_unstated = |f: &Fact, known: Option<String>| match known {
        Some(label) => label,
        None if unclassified(f) => UNVERIFIED.to_string(),
        None => NO_INDUSTRY.to_string(),
    };
    fn source(f: &Fact) -> &str {
        f.source.as_deref().unwrap_or(NO_SOURCE)
    }
    let text = |name: &str, value: &dyn Fn(&Fact) -> String| {
        Column::new(name.into(), facts.iter().map(value).collect::<Vec<_>>())
    };
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
        text("division", &|f| {
            or_unstated(f, industry(f).map(|i| division_label(&i.code, i.section)))
        }),
        text("sector", &|f| {
            or_unstated(f, industry(f).map(|i| i.sector().name_zh().to_string()))
        }),
    ])?;
    Ok(frame)
}
