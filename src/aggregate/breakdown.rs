//! Breakdowns of the county's amounts by a key of each fact (a source, an
//! industry …): 本月, 累计, 去年同期, 同比% and 占比% per indicator, on a total
//! row, group rows and item rows.

use super::breakdown_query::{breakdown_query, Keyed, GROUP, ITEM, OF_WHICH, TOTAL};
use crate::foundation::model::Indicator;
use anyhow::Result;
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

/// One line of the query's result: its level and name.
type LineKey = (String, String);

/// Items (key, group) grouped in `group_order`, each group's items by the
/// last indicator's 累计, largest first, then by name (or as given, when
/// `keep_order`). Items with nothing in any period are left out; groups with
/// no items too. `of_which` adds a 其中 row after the total: (its name, the
/// items it counts). The figures come from one polars query
/// (breakdown_query.rs); here the rows are put in order.
///
/// # Errors
///
/// When polars fails, which would be a bug rather than bad input.
pub fn build(
    title: &str,
    indicators: &[Indicator],
    keyed: &Keyed,
    items: &[(String, String)],
    group_order: &[String],
    of_which: Option<(&str, &[String])>,
    keep_order: bool,
) -> Result<Breakdown> {
    let members = of_which.map_or(&[][..], |(_, m)| m);
    let lines = breakdown_lines(keyed, indicators, items, members)?;
    let lines_of = |level: &str, name: &str| -> Vec<Line> {
        let found = lines.get(&(level.to_string(), name.to_string()));
        (0..indicators.len())
            .map(|slot| found.and_then(|l| l.get(slot).copied()).unwrap_or_default())
            .collect()
    };
    let row = |level: &str, name: &str, shown: String, kind| BreakdownRow {
        name: shown,
        kind,
        lines: lines_of(level, name),
    };
    let mut rows = vec![row(TOTAL, "", "合计".to_string(), LineKind::Total)];
    if let Some((name, _)) = of_which {
        rows.push(row(
            OF_WHICH,
            "",
            format!("其中：{name}"),
            LineKind::OfWhich,
        ));
    }
    let present = |group: &String| -> Vec<&str> {
        (items.iter())
            .filter(|(k, g)| g == group && lines.contains_key(&(ITEM.to_string(), k.clone())))
            .map(|(k, _)| k.as_str())
            .collect()
    };
    let groups_present = group_order
        .iter()
        .filter(|g| !present(g).is_empty())
        .count();
    let last = indicators.len() - 1;
    for group in group_order {
        let mut members = present(group);
        if members.is_empty() {
            continue;
        }
        // The order of a handful of rows, not a figure: plain Rust.
        if !keep_order {
            let ytd = |k: &str| lines_of(ITEM, k)[last].ytd;
            members.sort_by(|a, b| ytd(b).total_cmp(&ytd(a)).then_with(|| a.cmp(b)));
        }
        // A lone group says nothing the total does not.
        if groups_present > 1 {
            rows.push(row(GROUP, group, group.clone(), LineKind::Group));
        }
        rows.extend(
            members
                .iter()
                .map(|k| row(ITEM, k, k.to_string(), LineKind::Item)),
        );
    }
    Ok(Breakdown {
        title: title.to_string(),
        indicators: indicators.to_vec(),
        rows,
    })
}

/// The query's lines by (level, name), each with one [`Line`] per indicator slot.
fn breakdown_lines(
    keyed: &Keyed,
    indicators: &[Indicator],
    items: &[(String, String)],
    members: &[String],
) -> Result<HashMap<LineKey, Vec<Line>>> {
    let frame = breakdown_query(keyed, indicators, items, members)?;
    let text = |name: &str| frame.column(name).and_then(|c| c.str());
    let number = |name: &str| frame.column(name).and_then(|c| c.f64());
    let (level, name) = (text("level")?, text("name")?);
    let slot = frame.column("slot")?.u32()?;
    let (this_month, ytd, last_ytd) = (number("this_month")?, number("ytd")?, number("last_ytd")?);
    let (yoy, share) = (number("yoy")?, number("share")?);
    let mut lines: HashMap<LineKey, Vec<Line>> = HashMap::new();
    for i in 0..frame.height() {
        let (Some(level), Some(slot)) = (level.get(i), slot.get(i)) else {
            continue;
        };
        let key = (
            level.to_string(),
            name.get(i).unwrap_or_default().to_string(),
        );
        let entry = lines
            .entry(key)
            .or_insert_with(|| vec![Line::default(); indicators.len()]);
        if let Some(line) = entry.get_mut(slot as usize) {
            *line = Line {
                this_month: this_month.get(i).unwrap_or(0.0),
                ytd: ytd.get(i).unwrap_or(0.0),
                last_ytd: last_ytd.get(i).unwrap_or(0.0),
                yoy: yoy.get(i),
                share: share.get(i),
            };
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::model::{Measure, YearMonth};
    use polars::prelude::{Column, DataFrame};

    #[test]
    fn a_breakdown_worked_by_hand() {
        use Indicator::{ArrivedFdi as A, ContractedFdi as C, DomesticRegistered as D};
        // (source, indicator, year, month, amount), report month February 2026.
        let rows = [
            ("香港", C, 2026, 2, 10.0),
            ("香港", A, 2026, 1, 4.0),
            ("香港", A, 2025, 2, 2.0),
            ("澳门", A, 2026, 2, 6.0),
            ("日本", C, 2025, 1, 5.0),
            ("美国", A, 2026, 2, 100.0),  // not an item of the table
            ("香港", D, 2026, 2, 1000.0), // domestic: another table
        ];
        let facts = DataFrame::new_infer_height(vec![
            Column::new(
                "source".into(),
                rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            ),
            Column::new(
                "indicator".into(),
                rows.iter().map(|r| r.1.key()).collect::<Vec<_>>(),
            ),
            Column::new(
                "measure".into(),
                (rows.iter())
                    .map(|r| super::super::sums::measure_key(r.1.measure()))
                    .collect::<Vec<_>>(),
            ),
            Column::new("year".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
            Column::new(
                "month".into(),
                rows.iter().map(|r| r.3 as u32).collect::<Vec<_>>(),
            ),
            Column::new(
                "amount".into(),
                rows.iter().map(|r| r.4).collect::<Vec<_>>(),
            ),
        ])
        .unwrap();
        let keyed = Keyed {
            facts: &facts,
            month: YearMonth::new(2026, 2).unwrap(),
            key: "source",
            measure: Measure::Foreign,
        };
        let pair = |k: &str, g: &str| (k.to_string(), g.to_string());
        let items = [
            pair("香港", "港澳台"),
            pair("澳门", "港澳台"),
            pair("日本", "日韩"),
            pair("新加坡", "东盟"),
        ];
        let groups = ["港澳台", "日韩", "东盟"].map(String::from);
        let free_ports = ["香港".to_string(), "新加坡".to_string()];
        let table = build(
            "外资按来源地",
            &FOREIGN_CAPITAL,
            &keyed,
            &items,
            &groups,
            Some(("自由港", &free_ports)),
            false,
        )
        .unwrap();
        let names: Vec<&str> = table.rows.iter().map(|r| r.name.as_str()).collect();
        // 东盟 has nothing; 澳门 (到帐 6) before 香港 (4).
        assert_eq!(
            names,
            [
                "合计",
                "其中：自由港",
                "港澳台",
                "澳门",
                "香港",
                "日韩",
                "日本"
            ]
        );
        let line = |name: &str, i: Indicator| {
            let row = table.rows.iter().find(|r| r.name == name).unwrap();
            let l = table.line(row, i).unwrap();
            (l.this_month, l.ytd, l.last_ytd, l.yoy, l.share)
        };
        let r = Indicator::RegisteredFdi;
        assert_eq!(line("合计", r), (0.0, 0.0, 0.0, None, None));
        assert_eq!(line("合计", C), (10.0, 10.0, 5.0, Some(100.0), Some(100.0)));
        assert_eq!(line("合计", A), (6.0, 10.0, 2.0, Some(400.0), Some(100.0)));
        assert_eq!(
            line("其中：自由港", C),
            (10.0, 10.0, 0.0, None, Some(100.0))
        );
        assert_eq!(
            line("其中：自由港", A),
            (0.0, 4.0, 2.0, Some(100.0), Some(40.0))
        );
        assert_eq!(
            line("港澳台", A),
            (6.0, 10.0, 2.0, Some(400.0), Some(100.0))
        );
        assert_eq!(line("澳门", A), (6.0, 6.0, 0.0, None, Some(60.0)));
        assert_eq!(line("香港", A), (0.0, 4.0, 2.0, Some(100.0), Some(40.0)));
        assert_eq!(line("日韩", C), (0.0, 0.0, 5.0, Some(-100.0), Some(0.0)));
        assert_eq!(line("日本", A), (0.0, 0.0, 0.0, None, Some(0.0)));
    }

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
