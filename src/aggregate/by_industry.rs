//! By industry: foreign capital by GB/T 4754-2017 division within its section,
//! and foreign and domestic capital by 三次产业.

use super::breakdown::{build, Breakdown, DOMESTIC_CAPITAL, FOREIGN_CAPITAL};
use super::breakdown_query::Keyed;
use crate::foundation::fact::UNVERIFIED;
use crate::foundation::model::{Measure, YearMonth};
use crate::reference::gbt4754::{section_name, Sector, DIVISIONS, SECTIONS};
use anyhow::Result;
use polars::prelude::DataFrame;

/// Where facts without an industry go (a summary-only submission, a row
/// without 行业), so that the tables add up to the county.
pub const UNSTATED: &str = "未注明行业";

#[derive(Clone, Debug, PartialEq)]
pub struct IndustryFigures {
    pub divisions: Breakdown,
    pub foreign_sectors: Breakdown,
    pub domestic_sectors: Breakdown,
}

/// "C 制造业".
pub fn section_label(letter: char) -> String {
    format!("{letter} {}", section_name(letter).unwrap_or(""))
}

/// "26 化学原料和化学制品制造业", or for a fact that names only a section
/// "C 制造业（未细分大类）".
pub fn division_label(code: &str, section: char) -> String {
    match DIVISIONS.iter().find(|(c, _, _)| *c == code) {
        Some((c, _, name)) => format!("{c} {name}"),
        None => format!("{}（未细分大类）", section_label(section)),
    }
}

/// Builds the by-industry tables from the facts frame (facts_frame.rs).
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn figures_by_industry(facts: &DataFrame, month: YearMonth) -> Result<IndustryFigures> {
    let mut items: Vec<(String, String)> = Vec::new();
    for (letter, _) in SECTIONS {
        let group = section_label(letter);
        items.extend(
            DIVISIONS
                .iter()
                .filter(|(_, s, _)| *s == letter)
                .map(|(c, s, _)| (division_label(c, *s), group.clone())),
        );
        items.push((division_label(&letter.to_string(), letter), group));
    }
    items.push((UNSTATED.to_string(), UNSTATED.to_string()));
    items.push((UNVERIFIED.to_string(), UNVERIFIED.to_string()));
    let mut groups: Vec<String> = SECTIONS.iter().map(|(l, _)| section_label(*l)).collect();
    groups.push(UNSTATED.to_string());
    groups.push(UNVERIFIED.to_string());
    let keyed = |key, measure| Keyed {
        facts,
        month,
        key,
        measure,
    };
    let divisions = build(
        "外资按行业（门类、大类）",
        &FOREIGN_CAPITAL,
        &keyed("division", Measure::Foreign),
        &items,
        &groups,
        None,
        false,
    )?;

    let mut sectors: Vec<(String, String)> = Sector::ALL
        .iter()
        .map(|s| (s.name_zh().to_string(), "三次产业".to_string()))
        .collect();
    sectors.push((UNSTATED.to_string(), "三次产业".to_string()));
    sectors.push((UNVERIFIED.to_string(), "三次产业".to_string()));
    let one_group = ["三次产业".to_string()];
    let foreign_sectors = build(
        "外资按三次产业",
        &FOREIGN_CAPITAL,
        &keyed("sector", Measure::Foreign),
        &sectors,
        &one_group,
        None,
        true,
    )?;
    let domestic_sectors = build(
        "内资按三次产业",
        &DOMESTIC_CAPITAL,
        &keyed("sector", Measure::Domestic),
        &sectors,
        &one_group,
        None,
        true,
    )?;
    Ok(IndustryFigures {
        divisions,
        foreign_sectors,
        domestic_sectors,
    })
}
