//! Breakdowns of the county's amounts by a key of each fact (a source, an
//! industry …): 本月, 累计, 去年同期, 同比% and 占比% per indicator, on a total
//! row, group rows and item rows.

use super::sums::PeriodSums;
use crate::foundation::formulas::{share_percent, yoy_percent};
use crate::foundation::model::Indicator;
use std::collections::HashMap;

/// The columns of a breakdown of foreign capital.
pub const FOREIGN_CAPITAL: [Indicator; 3] = [
    Indicator::RegisteredFdi,
    Indicator::ContractedFdi,
    Indicator::ArrivedFdi,
];
/// The columns of a breakdown of domestic capital.
pub const DOMESTIC_CAPITAL: [Indicator; 2] =
    [Indicator::DomesticRegistered, Indicator::DomesticArrived];

/// One indicator's figures on a breakdown row. `None` prints as "—".
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Line {
    pub this_month: f64,
    pub ytd: f64,
    pub last_ytd: f64,
    pub yoy: Option<f64>,
    pub share: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Total,
    Group,
    Item,
    /// A 其中 row: part of the total counted across groups (e.g. 自由港).
    OfWhich,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BreakdownRow {
    pub name: String,
    pub kind: LineKind,
    /// One per indicator of the [`Breakdown`].
    pub lines: Vec<Line>,
}

/// A breakdown table: its indicators and its rows, total first.
#[derive(Clone, Debug, PartialEq)]
pub struct Breakdown {
    pub title: String,
    pub indicators: Vec<Indicator>,
    pub rows: Vec<BreakdownRow>,
}

impl Breakdown {
    /// `row`'s figures of `indicator`, by meaning; `None` when the table has
    /// no such column.
    pub fn line(&self, row: &BreakdownRow, indicator: Indicator) -> Option<Line> {
        let slot = self.indicators.iter().position(|&i| i == indicator)?;
        row.lines.get(slot).copied()
    }
}

/// Items (key, group) grouped in `group_order`, each group's items by the
/// last indicator's 累计, largest first, then by name (or as given, when
/// `keep_order`). Items with nothing in
/// any period are left out; groups with no items too. `of_which` adds a 其中
/// row after the total: (its name, the items it counts).
pub fn build(
    title: &str,
    indicators: &[Indicator],
    sums: &HashMap<(String, Indicator), PeriodSums>,
    items: &[(String, String)],
    group_order: &[String],
    of_which: Option<(&str, &[String])>,
    keep_order: bool,
) -> Breakdown {
    let sum_of = |keys: &[&str]| -> Vec<PeriodSums> {
        indicators
            .iter()
            .map(|&i| {
                keys.iter()
                    .filter_map(|k| sums.get(&(k.to_string(), i)))
                    .fold(PeriodSums::default(), |a, s| PeriodSums {
                        this_month: a.this_month + s.this_month,
                        ytd: a.ytd + s.ytd,
                        last_ytd: a.last_ytd + s.last_ytd,
                    })
            })
            .collect()
    };
    let present: Vec<&(String, String)> = items
        .iter()
        .filter(|(key, _)| {
            sum_of(&[key.as_str()])
                .iter()
                .any(|s| s.this_month != 0.0 || s.ytd != 0.0 || s.last_ytd != 0.0)
        })
        .collect();
    let all_keys: Vec<&str> = present.iter().map(|(k, _)| k.as_str()).collect();
    let totals = sum_of(&all_keys);
    let row = |name: &str, kind, keys: &[&str]| BreakdownRow {
        name: name.to_string(),
        kind,
        lines: sum_of(keys)
            .iter()
            .zip(&totals)
            .map(|(s, total)| Line {
                this_month: s.this_month,
                ytd: s.ytd,
                last_ytd: s.last_ytd,
                yoy: yoy_percent(s.ytd, s.last_ytd),
                share: share_percent(s.ytd, total.ytd),
            })
            .collect(),
    };
    let mut rows = vec![row("合计", LineKind::Total, &all_keys)];
    if let Some((name, members)) = of_which {
        let keys: Vec<&str> = members.iter().map(String::as_str).collect();
        rows.push(row(&format!("其中：{name}"), LineKind::OfWhich, &keys));
    }
    let last = indicators.len() - 1;
    let groups_present = group_order
        .iter()
        .filter(|g| present.iter().any(|(_, pg)| pg == *g))
        .count();
    for group in group_order {
        let mut members: Vec<&str> = present
            .iter()
            .filter(|(_, g)| g == group)
            .map(|(k, _)| k.as_str())
            .collect();
        if members.is_empty() {
            continue;
        }
        if !keep_order {
            members.sort_by(|a, b| {
                let ytd = |k: &str| sum_of(&[k])[last].ytd;
                ytd(b).total_cmp(&ytd(a)).then_with(|| a.cmp(b))
            });
        }
        // A lone group says nothing the total does not.
        if groups_present > 1 {
            rows.push(row(group, LineKind::Group, &members));
        }
        rows.extend(members.iter().map(|k| row(k, LineKind::Item, &[k])));
    }
    Breakdown {
        title: title.to_string(),
        indicators: indicators.to_vec(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rows_line_is_found_by_its_indicator() {
        let line = |ytd: f64| Line {
            ytd,
            ..Line::default()
        };
        let row = BreakdownRow {
            name: "香港".to_string(),
            kind: LineKind::Item,
            lines: vec![line(1.0), line(2.0), line(3.0)],
        };
        let table = Breakdown {
            title: "外资来源地".to_string(),
            indicators: FOREIGN_CAPITAL.to_vec(),
            rows: vec![row.clone()],
        };
        assert_eq!(table.line(&row, Indicator::ContractedFdi), Some(line(2.0)));
        assert_eq!(table.line(&row, Indicator::ArrivedFdi), Some(line(3.0)));
        assert_eq!(table.line(&row, Indicator::DomesticArrived), None);
    }
}
