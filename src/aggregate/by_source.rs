//! By source (来源地): foreign capital by country or region within its group
//! (港澳台, 日韩, 东盟, 欧盟, 北美, 自由港, 其他), the free-port share, the same
//! re-attributed to 实际来源地 where rows give it, and domestic capital by
//! province or city of origin.

use super::breakdown::{build, Breakdown, DOMESTIC_CAPITAL, FOREIGN_CAPITAL};
use super::breakdown_query::Keyed;
use crate::foundation::fact::UNVERIFIED;
use crate::foundation::model::{Measure, YearMonth};
use crate::reference::Reference;
use anyhow::Result;
use polars::prelude::DataFrame;

/// The bulletin's order of source groups; groups the reference adds come after.
pub const GROUP_ORDER: [&str; 7] = ["港澳台", "日韩", "东盟", "欧盟", "北美", "自由港", "其他"];
/// Where facts without a source go (a summary-only submission), so that the
/// breakdown adds up to the county.
pub const UNSTATED: &str = "未注明来源地";

#[derive(Clone, Debug, PartialEq)]
pub struct SourceFigures {
    pub foreign: Breakdown,
    /// The foreign view with each row's 实际来源地 where it gives one; `None`
    /// when no row of the year gives one.
    pub ultimate: Option<Breakdown>,
    pub domestic: Breakdown,
}

/// Builds the by-source tables from the facts frame (facts_frame.rs).
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn figures_by_source(
    facts: &DataFrame,
    reference: &Reference,
    month: YearMonth,
) -> Result<SourceFigures> {
    let mut items: Vec<(String, String)> = reference
        .sources
        .list
        .iter()
        .map(|s| (s.name.clone(), s.group.clone()))
        .collect();
    items.push((UNSTATED.to_string(), UNSTATED.to_string()));
    items.push((UNVERIFIED.to_string(), UNVERIFIED.to_string()));
    let mut groups: Vec<String> = GROUP_ORDER.iter().map(|g| g.to_string()).collect();
    for (_, group) in &items {
        if !groups.contains(group) {
            groups.push(group.clone());
        }
    }
    let free_ports: Vec<String> = reference
        .sources
        .list
        .iter()
        .filter(|s| s.free_port)
        .map(|s| s.name.clone())
        .collect();

    // Foreign capital attributed to each fact's `source`.
    let foreign_view = |title: &str, source: &str| -> Result<Breakdown> {
        let keyed = Keyed {
            facts,
            month,
            key: source,
            measure: Measure::Foreign,
        };
        build(
            title,
            &FOREIGN_CAPITAL,
            &keyed,
            &items,
            &groups,
            Some(("自由港", &free_ports)),
            false,
        )
    };
    let foreign = foreign_view("外资按来源地", "source")?;
    let ultimate = if facts.column("ultimate_given")?.bool()?.any() {
        Some(foreign_view(
            "外资按实际来源地（有实际来源地的项目按实际来源地归属）",
            "ultimate",
        )?)
    } else {
        None
    };
    let keyed = Keyed {
        facts,
        month,
        key: "source",
        measure: Measure::Domestic,
    };
    let domestic = build(
        "内资按来源地",
        &DOMESTIC_CAPITAL,
        &keyed,
        &items,
        &groups,
        None,
        false,
    )?;
    Ok(SourceFigures {
        foreign,
        ultimate,
        domestic,
    })
}
