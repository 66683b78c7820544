//! Which unit, which month and which money unit a submission is in, read from
//! the title and meta rows ("2026年1-10月…统计表", "填报单位：××镇人民政府
//! 单位：万美元 2026年11月5日").

use crate::foundation::model::YearMonth;
use crate::foundation::money::MoneyUnit;
use crate::foundation::text::normalize_text;
use crate::foundation::unit_phrases::{stated_units, unit_phrases, UnitConflict};
use crate::ingest::locate::MetaCell;

/// A value read from a meta cell, with the cell it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Found<T> {
    pub value: T,
    pub row: u32,
    pub col: u32,
    pub raw: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub unit_name: Option<Found<String>>,
    pub period: Option<Found<YearMonth>>,
    /// The unit of foreign amounts (and of domestic ones unless `domestic_unit` says).
    pub money_unit: Option<Found<MoneyUnit>>,
    /// The unit of 内资 amounts where the text gives one ("内资为万元").
    pub domestic_unit: Option<Found<MoneyUnit>>,
    /// Two units stated for the same amounts, at the cell that states the second.
    pub unit_conflict: Option<Found<UnitConflict>>,
    pub report_date: Option<Found<String>>,
}

fn found<T>(cell: &MetaCell, value: T) -> Found<T> {
    Found {
        value,
        row: cell.row,
        col: cell.col,
        raw: cell.text.clone(),
    }
}

/// Reads the meta cells above one table.
pub fn read_meta(cells: &[MetaCell]) -> Meta {
    let mut meta = Meta::default();
    let mut phrases = Vec::new();
    for cell in cells {
        let text = normalize_text(&cell.text);
        let tokens = key_value_tokens(&text);
        let mut unit_text = String::new();
        for (key, value) in tokens {
            let names_unit =
                key.as_deref().is_some_and(is_unit_name_key) && unit_phrases(&value).is_empty();
            if !names_unit {
                unit_text.push_str(key.as_deref().unwrap_or(""));
                unit_text.push(':');
                unit_text.push_str(&value);
                unit_text.push(' ');
            }
            let key_text = key.as_deref().unwrap_or("");
            match key.as_deref() {
                Some(_) if names_unit && !value.is_empty() => {
                    meta.unit_name.get_or_insert(found(cell, value));
                }
                Some(k) if is_date_key(k) && (value.contains('日') || !value.contains('月')) => {
                    meta.report_date.get_or_insert(found(cell, value));
                }
                None if value.contains('日') && value.contains('月') => {
                    meta.report_date.get_or_insert(found(cell, value));
                }
                // A title may hold the period and end with its units line:
                // "2026年1-10月…统计表（单位：万美元）".
                _ => {
                    if let Some(period) = parse_period(&format!("{key_text}{value}")) {
                        meta.period.get_or_insert(found(cell, period));
                    }
                }
            }
        }
        phrases.extend(unit_phrases(&unit_text).into_iter().map(|p| (p, cell)));
    }
    read_units(&phrases, &mut meta);
    meta
}

/// A key whose value names the reporting unit, not a unit of account:
/// 填报单位, 报送单位, 单位名称 …
fn is_unit_name_key(key: &str) -> bool {
    let key = key.trim_end_matches("(盖章)").trim_end_matches("盖章");
    // "…统计表(单位": the units line at the end of a title, not a name.
    let last = key.rsplit(['(', '[']).next().unwrap_or(key);
    last.ends_with("单位")
        && last != "单位"
        && !["金额单位", "计量单位", "货币单位", "数量单位"]
            .iter()
            .any(|k| last.ends_with(k))
}

/// A key whose value is the date the form was filled or sent (a value with a
/// month and no day, "统计时间：2026年10月", is the period instead).
fn is_date_key(key: &str) -> bool {
    key.ends_with("日期") || key.ends_with("时间")
}

/// The units stated across the meta cells, each at the first cell stating it.
fn read_units(
    phrases: &[(crate::foundation::unit_phrases::UnitPhrase, &MetaCell)],
    meta: &mut Meta,
) {
    let all: Vec<_> = phrases.iter().map(|(p, _)| *p).collect();
    let first_cell = |unit: MoneyUnit| {
        phrases
            .iter()
            .find(|(p, _)| p.unit == unit)
            .map(|(_, c)| *c)
    };
    match stated_units(&all) {
        Ok(stated) => {
            meta.money_unit = stated
                .foreign
                .and_then(|u| first_cell(u).map(|c| found(c, u)));
            meta.domestic_unit = stated
                .domestic
                .and_then(|u| first_cell(u).map(|c| found(c, u)));
        }
        Err(conflict) => {
            // The file is kept out by the conflict; its amounts are still read
            // in the first unit so that they are checked, without more errors.
            meta.money_unit = first_cell(conflict.first).map(|c| found(c, conflict.first));
            meta.unit_conflict = first_cell(conflict.second).map(|c| found(c, conflict));
        }
    }
}

/// Splits "填报单位：杨舍镇人民政府　单位：万美元　2026年11月5日" into
/// `[(Some("填报单位"), "杨舍镇人民政府"), (Some("单位"), "万美元"), (None, "2026年11月5日")]`.
fn key_value_tokens(text: &str) -> Vec<(Option<String>, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        if let Some((key, value)) = word.split_once(':') {
            let mut value = value.to_string();
            if value.is_empty() && i + 1 < words.len() && !words[i + 1].contains(':') {
                i += 1;
                value = words[i].to_string();
            }
            out.push((Some(key.to_string()), value));
        } else {
            out.push((None, word.to_string()));
        }
        i += 1;
    }
    out
}

/// Finds "2026年10月" or "2026年1-10月" in a title; the month is the last one named.
pub fn parse_period(text: &str) -> Option<YearMonth> {
    let chars: Vec<char> = text.chars().collect();
    for (i, _) in chars.iter().enumerate().filter(|(_, c)| **c == '年') {
        if i < 4 || !chars[i - 4..i].iter().all(char::is_ascii_digit) {
            continue;
        }
        let year: i32 = chars[i - 4..i].iter().collect::<String>().parse().ok()?;
        let rest: String = chars[i + 1..].iter().collect();
        let rest = rest.trim_start();
        let rest = ["1-", "1—", "1~", "1～", "1至", "1－"]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
            .unwrap_or(rest);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() && rest[digits.len()..].starts_with('月') {
            return YearMonth::new(year, digits.parse().ok()?);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: u32, text: &str) -> MetaCell {
        MetaCell {
            row,
            col: 0,
            text: text.to_string(),
        }
    }

    #[test]
    fn title_and_meta_row() {
        let meta = read_meta(&[
            cell(0, "2026年1-10月杨舍镇招商引资情况汇总表"),
            cell(
                1,
                "填报单位：杨舍镇人民政府　　单位：万美元　　2026年11月5日",
            ),
        ]);
        assert_eq!(
            meta.period.unwrap().value,
            YearMonth::new(2026, 10).unwrap()
        );
        assert_eq!(meta.unit_name.unwrap().value, "杨舍镇人民政府");
        assert_eq!(meta.money_unit.unwrap().value.to_string(), "万美元");
        assert_eq!(meta.report_date.unwrap().value, "2026年11月5日");
    }

    #[test]
    fn key_with_value_after_a_space() {
        let meta = read_meta(&[cell(1, "填报单位： 塘桥镇　金额单位： 千美元")]);
        assert_eq!(meta.unit_name.unwrap().value, "塘桥镇");
        assert_eq!(meta.money_unit.unwrap().value.to_string(), "千美元");
    }

    #[test]
    fn traditional_meta_row() {
        let meta = read_meta(&[cell(
            1,
            "填報單位：青山鎮人民政府　　單位：萬港元　　報出日期：2026年11月5日",
        )]);
        assert_eq!(meta.unit_name.unwrap().value, "青山镇人民政府");
        assert_eq!(meta.money_unit.unwrap().value.to_string(), "万港元");
        assert_eq!(meta.report_date.unwrap().value, "2026年11月5日");
    }

    #[test]
    fn a_period_after_a_key_and_units_at_the_end_of_a_title() {
        let meta = read_meta(&[
            cell(0, "2026年1-10月东镇招商引资统计表（单位：万美元）"),
            cell(1, "统计时间：2026年10月　填报日期：2026年11月5日"),
        ]);
        assert_eq!(
            meta.period.unwrap().value,
            YearMonth::new(2026, 10).unwrap()
        );
        assert_eq!(meta.money_unit.unwrap().value.to_string(), "万美元");
        assert_eq!(meta.report_date.unwrap().value, "2026年11月5日");
        assert!(meta.unit_name.is_none());
        let meta = read_meta(&[cell(1, "填报单位（盖章）：东镇人民政府")]);
        assert_eq!(meta.unit_name.unwrap().value, "东镇人民政府");
    }

    #[test]
    fn periods() {
        assert_eq!(parse_period("2025年3月项目明细"), YearMonth::new(2025, 3));
        assert_eq!(parse_period("2025年1—12月"), YearMonth::new(2025, 12));
        assert_eq!(parse_period("招商引资情况"), None);
    }
}
