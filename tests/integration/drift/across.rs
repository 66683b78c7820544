//! A summary laid across: an indicator per column group ("合同外资" merged over
//! "本月 | 1-N月累计", maybe 去年同期 and 同比), a row per part of the unit
//! (招商一局, 一片区 … or the unit itself) and a 合计 row. The parts' 本月
//! add up to the month's figures of the drawn case, as typed.

use super::around::{self, Above};
use super::book::{Cell, Sheet};
use super::case::{Case, YM};
use super::figures::{self, Line, Measure};
use super::pick::{self, Rng, Tags};
use super::places::unit_spelling;
use super::summary::{draw_units, written_unit, SummaryOut};
use super::summary_cells::figure;
use super::summary_words as sw;
use super::words::{traditional, unit_phrase};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Child {
    Month,
    Cum,
    Last,
    Yoy,
}

/// Splits `total` into `k` integers that add up to it, none far from a share.
fn split(rng: &mut Rng, total: i64, k: usize) -> Vec<i64> {
    let weights: Vec<i64> = (0..k).map(|_| pick::range(rng, 0, 10)).collect();
    let sum: i64 = weights.iter().sum::<i64>().max(1);
    let mut parts: Vec<i64> = weights.iter().map(|w| total * w / sum).collect();
    let rest = total - parts.iter().sum::<i64>();
    let at = pick::range(rng, 0, k as i64 - 1) as usize;
    parts[at] += rest;
    parts
}

pub fn across_sheet(case: &Case, rng: &mut Rng, tags: &mut Tags) -> SummaryOut {
    let YM(y, m) = case.month;
    let u = draw_units(rng, tags);
    let trad = pick::chance(rng, 0.1);
    if trad {
        tags.add("traditional", "all");
    }
    let t = |s: String| if trad { traditional(&s) } else { s };

    // Indicator groups.
    let mut lines: Vec<Line> = Vec::new();
    for (line, p) in [
        (Line::NewFie, 0.6),
        (Line::Contracted, 0.85),
        (Line::Registered, 0.7),
        (Line::Arrived, 0.9),
        (Line::Total, 0.1),
        (Line::NewDom, 0.3),
        (Line::DomReg, 0.5),
        (Line::DomArr, 0.5),
    ] {
        if rng.plain || pick::chance(rng, p) {
            lines.push(line);
        }
    }
    if !lines.iter().any(|l| l.measure() == Measure::Foreign) {
        lines.push(Line::Contracted);
    }
    if pick::chance(rng, 0.2) {
        pick::shuffle(rng, &mut lines);
        tags.add("across.groups", "shuffled");
    }
    let children: Vec<Child> = pick::weighted(
        rng,
        &[
            (7, vec![Child::Month, Child::Cum]),
            (2, vec![Child::Month, Child::Cum, Child::Yoy]),
            (2, vec![Child::Month, Child::Cum, Child::Last, Child::Yoy]),
            (1, vec![Child::Cum, Child::Month]),
        ],
    )
    .clone();
    tags.add("across.children", children.len());
    let has_domestic = lines.iter().any(|l| l.measure() == Measure::Domestic);

    // Units: on the group labels, in a units line, or both.
    let place = *pick::weighted(rng, &[(4, "labels"), (4, "line"), (2, "both")]);
    tags.add("across.units", place);
    let statement = (place != "labels").then(|| {
        let must = has_domestic && !(u.foreign.mag == 1e4 && u.domestic.mag == 1e4);
        t(super::typing::units_statement(
            rng, tags, u.foreign, u.domestic, must, true,
        ))
    });

    // Parts of the unit.
    let k = *pick::weighted(rng, &[(3, 1usize), (3, 2), (3, 3), (1, 4)]);
    tags.add("across.parts", k);
    let part_names: Vec<String> = if k == 1 {
        vec![if pick::chance(rng, 0.5) {
            case.unit.to_string()
        } else {
            unit_spelling(rng, case.unit)
        }]
    } else {
        let mut names = sw::PART_NAMES.to_vec();
        pick::shuffle_any(rng, &mut names);
        names[..k].iter().map(|s| s.to_string()).collect()
    };
    let total_row = if k > 1 {
        !pick::chance(rng, 0.1)
    } else {
        pick::chance(rng, 0.3)
    };
    let total_top = total_row && pick::chance(rng, 0.2);

    // Columns: [序号] 单位 then each group's children.
    let seq = pick::chance(rng, 0.4);
    let left = *pick::weighted(rng, &[(8, 0u16), (1, 1)]);
    let label_col = left + seq as u16;
    let first_group = label_col + 1;
    let width = first_group + (lines.len() * children.len()) as u16;

    let mut sheet = Sheet::named(pick::one(rng, &sw::summary_sheet_names(m)).as_str());
    let noun = *pick::one(rng, &sw::SUMMARY_TITLES);
    let above = around::write_above(
        &Above {
            unit: case.unit,
            month: case.month,
            left,
            width,
            trad,
            statement: statement.clone(),
            own_units_row: statement.is_some() && pick::chance(rng, 0.5),
            noun,
        },
        rng,
        tags,
        &mut sheet,
    );
    let mut r = above.next_row;

    // The header: two rows, a group label merged over its children.
    let mut header_words = Vec::new();
    let one_row = pick::chance(rng, 0.15);
    tags.add("across.header", if one_row { "one_row" } else { "groups" });
    let rows_used = if one_row { 1 } else { 2 };
    if seq {
        sheet.text(r, left, "序号");
        if !one_row {
            sheet.merges.push((r, left, r + 1, left));
        }
    }
    let label_word = t(pick::one(rng, &sw::ACROSS_LABEL_WORDS).to_string());
    tags.add("across.word.label", &label_word);
    header_words.push(label_word.clone());
    sheet.text(r, label_col, label_word);
    if !one_row {
        sheet.merges.push((r, label_col, r + 1, label_col));
    }
    let count_unit = *pick::one(rng, &sw::COUNT_UNITS);
    let mut unit_statements: Vec<String> = statement.iter().cloned().collect();
    for (g, &line) in lines.iter().enumerate() {
        let c0 = first_group + (g * children.len()) as u16;
        let mut name = t(pick::one(rng, sw::line_names(line)).to_string());
        let say_unit =
            place != "line" || (line.measure() == Measure::Count && pick::chance(rng, 0.3));
        if say_unit {
            let unit = match written_unit(u, line) {
                Some(money) => unit_phrase(rng, money),
                None => count_unit.to_string(),
            };
            let s = if pick::chance(rng, 0.5) {
                format!("（{unit}）")
            } else {
                format!("({unit})")
            };
            unit_statements.push(s.clone());
            name.push_str(&t(s));
        }
        header_words.push(name.clone());
        let words: Vec<String> = children
            .iter()
            .map(|child| {
                t(match child {
                    Child::Month => pick::one(rng, &sw::month_words(m)).clone(),
                    Child::Cum => pick::one(rng, &sw::cumulative_words(y, m, false)).clone(),
                    Child::Last => pick::one(rng, &sw::last_year_words(y, m, false)).clone(),
                    Child::Yoy => pick::one(rng, &sw::YOY_WORDS).to_string(),
                })
            })
            .collect();
        for (child, w) in children.iter().zip(&words) {
            tags.add(&format!("across.word.{child:?}"), w);
        }
        if one_row {
            // "合同外资本月", "合同外资（万美元）1-10月累计"
            for (i, w) in words.iter().enumerate() {
                sheet.text(r, c0 + i as u16, format!("{name}{w}"));
            }
        } else {
            sheet.text(r, c0, name);
            sheet
                .merges
                .push((r, c0, r, c0 + children.len() as u16 - 1));
            for (i, w) in words.iter().enumerate() {
                sheet.text(r + 1, c0 + i as u16, w.clone());
            }
        }
        header_words.extend(words);
    }
    r += rows_used;

    // The rows: parts, and the 合计 row.
    let kind = if case.unit.ends_with("街道") {
        "街道"
    } else if case.unit.ends_with('区') {
        "区"
    } else if case.unit.ends_with('乡') {
        "乡"
    } else {
        "镇"
    };
    let total_at = if total_top {
        r += 1;
        Some(r - 1)
    } else {
        None
    };
    let first_part = r;
    let mut totals = Vec::new();
    // Per group: (parts' 本月, 累计, 去年同期) in hundredths (counts: units).
    let mut sums: Vec<Vec<(i64, i64, i64)>> = Vec::new();
    for &line in &lines {
        let value = figures::month_value(case, line);
        let money = written_unit(u, line);
        let (scale, month_total) = match money {
            Some(money) => {
                let d = if money.mag >= 1e8 { 4 } else { 2 };
                let scale = 10f64.powi(d);
                (scale, (value * 1e4 / money.mag * scale).round() as i64)
            }
            None => (1.0, value as i64),
        };
        let months = split(rng, month_total, k);
        let parts: Vec<(i64, i64, i64)> = months
            .iter()
            .map(|&mv| {
                // Earlier months and last year, of the size of a month's figure.
                let typical =
                    (month_total.abs() / k as i64).max(if money.is_some() { 50_000 } else { 2 });
                let prior = if m == 1 {
                    0
                } else {
                    pick::range(rng, 0, typical * (m as i64 - 1))
                };
                let cum = mv + prior;
                let last = pick::range(rng, 0, (cum.abs() * 2).max(typical));
                (mv, cum, last)
            })
            .collect();
        let read: f64 = months.iter().sum::<i64>() as f64 / scale;
        let canonical = match money {
            Some(money) => read * money.mag / 1e4,
            None => read,
        };
        figures::add_total(&mut totals, line, canonical);
        sums.push(parts);
    }
    let decimals = |line: Line| match written_unit(u, line) {
        Some(money) if money.mag >= 1e8 => 4,
        Some(_) => 2,
        None => 0,
    };
    let write_values = |sheet: &mut Sheet,
                        rng: &mut Rng,
                        tags: &mut Tags,
                        r: u32,
                        values: &dyn Fn(usize) -> (i64, i64, i64)| {
        for (g, &line) in lines.iter().enumerate() {
            let (mv, cum, last) = values(g);
            let d = decimals(line);
            let scale = 10f64.powi(d as i32);
            for (i, child) in children.iter().enumerate() {
                let c = first_group + (g * children.len() + i) as u16;
                let cell = match child {
                    Child::Month | Child::Cum | Child::Last => {
                        let x = match child {
                            Child::Month => mv,
                            Child::Cum => cum,
                            _ => last,
                        };
                        if d == 0 {
                            Cell::Num(x as f64)
                        } else {
                            figure(rng, tags, x as f64 / scale, d, false).0
                        }
                    }
                    Child::Yoy => {
                        if last > 0 {
                            let pct = (cum as f64 / last as f64 - 1.0) * 100.0;
                            Cell::Num((pct * 10.0).round() / 10.0)
                        } else {
                            Cell::Text("—".into())
                        }
                    }
                };
                sheet.put(r, c, cell);
            }
        }
    };
    for (p, name) in part_names.iter().enumerate() {
        if seq {
            sheet.put(r, left, Cell::Num(p as f64 + 1.0));
        }
        sheet.text(r, label_col, t(name.clone()));
        write_values(&mut sheet, rng, tags, r, &|g| sums[g][p]);
        r += 1;
    }
    let last_part = r - 1;
    let total_at = total_at.or_else(|| {
        total_row.then(|| {
            r += 1;
            r - 1
        })
    });
    if let Some(tr) = total_at {
        let label = pick::one(rng, &sw::ACROSS_TOTALS).replace("{k}", kind);
        let at = if seq && pick::chance(rng, 0.2) {
            left
        } else {
            label_col
        };
        sheet.text(tr, at, t(label));
        let formula = pick::chance(rng, 0.3);
        for (g, &line) in lines.iter().enumerate() {
            let (mv, cum, last) = sums[g]
                .iter()
                .fold((0, 0, 0), |a, p| (a.0 + p.0, a.1 + p.1, a.2 + p.2));
            let scale = 10f64.powi(decimals(line) as i32);
            for (i, child) in children.iter().enumerate() {
                let c = first_group + (g * children.len() + i) as u16;
                let value = match child {
                    Child::Month => mv as f64 / scale,
                    Child::Cum => cum as f64 / scale,
                    Child::Last => last as f64 / scale,
                    Child::Yoy if last > 0 => {
                        ((cum as f64 / last as f64 - 1.0) * 1000.0).round() / 10.0
                    }
                    Child::Yoy => {
                        sheet.text(tr, c, "—");
                        continue;
                    }
                };
                let cell = if formula && *child != Child::Yoy {
                    let col = super::rows::column_letters(c);
                    Cell::Formula(
                        format!("=SUM({col}{}:{col}{})", first_part + 1, last_part + 1),
                        value,
                    )
                } else {
                    Cell::Num(value)
                };
                sheet.put(tr, c, cell);
            }
        }
        tags.add("across.total", if total_top { "top" } else { "bottom" });
    }
    if pick::chance(rng, 0.6) {
        r += pick::chance(rng, 0.5) as u32;
        super::rows::footer(rng, tags, &mut sheet, r, left, width, case.month);
    }
    SummaryOut {
        sheet,
        totals,
        header_words,
        unit_statements,
        unit_said: above.unit_said,
        period_said: above.period_said,
        target: None,
    }
}
