//! A summary sheet (汇总表) of a drawn case: one row per indicator under the
//! names units use, with enumeration marks (一、 1. 其中：) and units in
//! brackets, a 计量单位 column or a units line; columns 本月 · 1-N月累计 and
//! maybe 去年同期 · 同比±% in any order, one- or two-row headers. Its 本月
//! figures are the month's totals of the case's rows, typed as units type them.

use super::around::{self, Above};
use super::book::{Cell, Sheet};
use super::case::{Case, Cur, Money, YM};
use super::figures::{self, Line, Measure};
use super::negative::{self, Control, Target};
use super::pick::{self, Rng, Tags};
use super::summary_cells::{count_cell, decimals_for, figure};
use super::summary_lines;
use super::summary_words as sw;
use super::typing;
use super::words::{traditional, unit_phrase};
use zhaoshang::foundation::model::Indicator;

/// A summary column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SCol {
    Seq,
    Label,
    Unit,
    Month,
    Cum,
    Last,
    Yoy,
    Remark,
}

/// How the amounts' units are said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Units {
    Column,
    Brackets,
    Line,
    LineAndColumn,
    LineAndBrackets,
    Nowhere,
}

pub struct SummaryOut {
    pub sheet: Sheet,
    /// The month's figures the sheet states, canonical, per counted indicator.
    pub totals: Vec<(Indicator, f64)>,
    pub header_words: Vec<String>,
    pub unit_statements: Vec<String>,
    pub unit_said: bool,
    pub period_said: bool,
    pub target: Option<Target>,
}

/// The units a summary's amounts are written in.
#[derive(Clone, Copy, Debug)]
pub struct SummaryUnits {
    pub foreign: Money,
    pub domestic: Money,
}

pub fn draw_units(rng: &mut Rng, tags: &mut Tags) -> SummaryUnits {
    let foreign = Money {
        mag: *pick::weighted(rng, &[(8, 1e4), (1, 1.0), (1, 1e3)]),
        cur: Cur::Usd,
    };
    let domestic = Money {
        mag: *pick::weighted(rng, &[(8, 1e4), (1, 1.0), (1, 1e8)]),
        cur: Cur::Cny,
    };
    tags.add("summary.foreign_mag", foreign.mag);
    tags.add("summary.domestic_mag", domestic.mag);
    SummaryUnits { foreign, domestic }
}

/// The unit `line` is written in; `None` for a count.
pub fn written_unit(u: SummaryUnits, line: Line) -> Option<Money> {
    match line.measure() {
        Measure::Foreign => Some(u.foreign),
        Measure::Domestic => Some(u.domestic),
        Measure::Count => None,
    }
}

/// The summary sheet of `case`. `taken` is a sheet name already used.
pub fn summary_sheet(
    case: &Case,
    rng: &mut Rng,
    tags: &mut Tags,
    taken: Option<&str>,
    control: Option<Control>,
) -> SummaryOut {
    let YM(y, m) = case.month;
    let u = draw_units(rng, tags);
    let lines = summary_lines::draw_lines(rng, tags);
    let has_domestic = lines.iter().any(|l| l.measure() == Measure::Domestic);
    let trad = *pick::weighted(rng, &[(14, "none"), (4, "some_labels"), (2, "all")]);
    tags.add("traditional", trad);
    let spaces = pick::chance(rng, 0.15);
    let units = match control {
        Some(Control::NoUnit) => Units::Nowhere,
        Some(Control::TwoForeignUnits) => Units::Line,
        Some(Control::HeaderContradicts) => Units::LineAndBrackets,
        _ => *pick::weighted(
            rng,
            &[
                (3, Units::Column),
                (3, Units::Brackets),
                (4, Units::Line),
                (1, Units::LineAndColumn),
                (1, Units::LineAndBrackets),
            ],
        ),
    };
    tags.add("summary.units", format!("{units:?}"));
    let must_say_domestic = has_domestic && !(u.foreign.mag == 1e4 && u.domestic.mag == 1e4);
    let statement = match units {
        Units::Line | Units::LineAndColumn | Units::LineAndBrackets => Some(match control {
            Some(Control::TwoForeignUnits) => {
                negative::two_units_statement(rng, tags, u.foreign, u.domestic, has_domestic)
            }
            _ => typing::units_statement(rng, tags, u.foreign, u.domestic, must_say_domestic, true),
        }),
        _ => None,
    };
    let statement = statement.map(|s| if trad == "all" { traditional(&s) } else { s });
    // The contradicting line of a control: a foreign amount line.
    let contradicting = (control == Some(Control::HeaderContradicts)).then(|| {
        let foreign: Vec<Line> = lines
            .iter()
            .copied()
            .filter(|l| l.measure() == Measure::Foreign)
            .collect();
        (
            *pick::any(rng, &foreign),
            negative::other_magnitude(rng, u.foreign),
        )
    });
    let bracket = |rng: &mut Rng, text: String| match pick::index(rng, 3) {
        0 => format!("（{text}）"),
        1 => format!("({text})"),
        _ => format!("（{text}）"),
    };
    let count_unit = *pick::one(rng, &sw::COUNT_UNITS);
    let unit_in_label = |rng: &mut Rng, line: Line| -> Option<String> {
        if let Some((bad, money)) = contradicting {
            if bad == line {
                let phrase = unit_phrase(rng, money);
                return Some(bracket(rng, phrase));
            }
        }
        let say = match units {
            Units::Brackets => true,
            Units::LineAndBrackets => pick::chance(rng, 0.6),
            Units::Line | Units::LineAndColumn => {
                line.measure() == Measure::Count && pick::chance(rng, 0.3)
            }
            _ => false,
        };
        if !say {
            return None;
        }
        let text = match written_unit(u, line) {
            Some(money) => unit_phrase(rng, money),
            None => count_unit.to_string(),
        };
        Some(bracket(rng, text))
    };
    let entries = summary_lines::entries(rng, tags, &lines, &unit_in_label, trad, spaces);

    // Columns.
    let unit_col = matches!(units, Units::Column | Units::LineAndColumn);
    let cum = rng.plain || !pick::chance(rng, 0.05);
    let last = pick::chance(rng, 0.5);
    let yoy = if last {
        pick::chance(rng, 0.7)
    } else {
        pick::chance(rng, 0.15)
    };
    let seq = pick::chance(rng, 0.2);
    let remark = pick::chance(rng, 0.15);
    let year_words = pick::chance(rng, 0.1);
    if year_words {
        tags.add("summary.header", "year_words");
    }
    let shape = if last && cum && pick::chance(rng, 0.15) {
        "cum_parent"
    } else if cum && pick::chance(rng, 0.2) {
        "month_parent"
    } else {
        "one_row"
    };
    tags.add("summary.header_shape", shape);
    let group: Vec<SCol> = match shape {
        "cum_parent" => [SCol::Cum, SCol::Last]
            .into_iter()
            .chain(yoy.then_some(SCol::Yoy))
            .collect(),
        "month_parent" => vec![SCol::Month, SCol::Cum],
        _ => vec![],
    };
    let mut blocks: Vec<Vec<SCol>> = Vec::new();
    for (present, col) in [
        (seq, SCol::Seq),
        (true, SCol::Label),
        (unit_col, SCol::Unit),
        (true, SCol::Month),
        (cum, SCol::Cum),
        (last, SCol::Last),
        (yoy, SCol::Yoy),
        (remark, SCol::Remark),
    ] {
        if !present {
            continue;
        }
        if !group.contains(&col) {
            blocks.push(vec![col]);
        } else if group.first() == Some(&col) {
            blocks.push(group.clone());
        }
    }
    let order = *pick::weighted(rng, &[(10, "form"), (5, "swapped"), (3, "shuffled")]);
    tags.add("summary.columns", order);
    match order {
        "swapped" => {
            let i = pick::range(rng, 0, blocks.len() as i64 - 2) as usize;
            blocks.swap(i, i + 1);
        }
        "shuffled" => pick::shuffle(rng, &mut blocks),
        _ => {}
    }
    let cols: Vec<SCol> = blocks.concat();
    let left = *pick::weighted(rng, &[(8, 0u16), (1, 1)]);
    let width = left + cols.len() as u16;

    // Above the table.
    let name_options: Vec<String> = sw::summary_sheet_names(m)
        .into_iter()
        .filter(|n| Some(n.as_str()) != taken)
        .collect();
    let mut sheet = Sheet::named(pick::one(rng, &name_options).as_str());
    let own_units_row = statement.is_some() && pick::chance(rng, 0.5);
    let noun = *pick::one(rng, &sw::SUMMARY_TITLES);
    let above = around::write_above(
        &Above {
            unit: case.unit,
            month: case.month,
            left,
            width,
            trad: trad == "all",
            statement: statement.clone(),
            own_units_row,
            noun,
        },
        rng,
        tags,
        &mut sheet,
    );
    let mut r = above.next_row;

    // The header.
    let t = |s: String| if trad == "all" { traditional(&s) } else { s };
    let mut header_words: Vec<String> = entries.iter().map(|e| e.label.clone()).collect();
    let word = |rng: &mut Rng, col: SCol, in_group: bool| -> String {
        let w = match col {
            SCol::Seq => "序号".to_string(),
            SCol::Label => pick::one(rng, &sw::LABEL_WORDS).to_string(),
            SCol::Unit => pick::one(rng, &sw::UNIT_WORDS).to_string(),
            SCol::Month => pick::one(rng, &sw::month_words(m)).clone(),
            SCol::Cum if in_group && shape == "cum_parent" => {
                pick::one(rng, &sw::CUM_CHILD_THIS).to_string()
            }
            SCol::Cum => pick::one(rng, &sw::cumulative_words(y, m, year_words)).clone(),
            SCol::Last if in_group => pick::one(rng, &sw::CUM_CHILD_LAST).to_string(),
            SCol::Last => pick::one(rng, &sw::last_year_words(y, m, year_words)).clone(),
            SCol::Yoy => pick::one(rng, &sw::YOY_WORDS).to_string(),
            SCol::Remark => pick::one(rng, &["备注", "说明"]).to_string(),
        };
        t(w)
    };
    let two_rows = !group.is_empty();
    for (i, &col) in cols.iter().enumerate() {
        let c = left + i as u16;
        let in_group = group.contains(&col);
        let text = word(rng, col, in_group);
        tags.add(&format!("summary.word.{col:?}"), &text);
        header_words.push(text.clone());
        if !two_rows {
            sheet.text(r, c, text);
        } else if in_group {
            sheet.text(r + 1, c, text);
        } else {
            sheet.text(r, c, text);
            if pick::chance(rng, 0.7) {
                sheet.merges.push((r, c, r + 1, c));
            }
        }
    }
    if two_rows {
        let first = left + cols.iter().position(|c| group.contains(c)).unwrap() as u16;
        let parent = if shape == "cum_parent" {
            pick::one(rng, &["累计", "本年累计", "累计完成"]).to_string()
        } else {
            pick::one(rng, &sw::month_parents(y)).clone()
        };
        let parent = t(parent);
        tags.add("summary.word.parent", &parent);
        header_words.push(parent.clone());
        sheet.text(r, first, parent);
        sheet
            .merges
            .push((r, first, r, first + group.len() as u16 - 1));
        r += 2;
    } else {
        r += 1;
    }

    // The lines.
    let exact = pick::chance(rng, 0.3);
    tags.add("summary.precision", if exact { "exact" } else { "typed" });
    let mut totals: Vec<(Indicator, f64)> = Vec::new();
    let mut month_cells: Vec<(Line, u32, u16, u32, u16)> = Vec::new();
    let col_of = |want: SCol| {
        cols.iter()
            .position(|c| *c == want)
            .map(|i| left + i as u16)
    };
    let mut seq_n = 0;
    for entry in &entries {
        if let Some(c) = col_of(SCol::Label) {
            sheet.text(r, c, entry.label.clone());
        }
        let Some(line) = entry.line else {
            r += 1;
            continue;
        };
        seq_n += 1;
        if let Some(c) = col_of(SCol::Seq) {
            sheet.put(r, c, Cell::Num(seq_n as f64));
        }
        let value = figures::month_value(case, line);
        let money = written_unit(u, line);
        if let (Some(c), true) = (col_of(SCol::Unit), unit_col) {
            let text = match money {
                Some(money) => unit_phrase(rng, money),
                None => count_unit.to_string(),
            };
            sheet.text(r, c, t(text));
        }
        // (本月, 累计, 去年同期) as written.
        let (month_read, cum_v, last_v) = match money {
            Some(money) => {
                let v = value * 1e4 / money.mag;
                let d = decimals_for(money);
                let (cell, read) = figure(rng, tags, v, d, exact);
                if let Some(c) = col_of(SCol::Month) {
                    sheet.put(r, c, cell);
                    month_cells.push((line, r, c, r, col_of(SCol::Label).unwrap_or(c)));
                }
                let prior = if m == 1 {
                    0.0
                } else {
                    v.abs() * pick::range(rng, 0, 300) as f64 / 10.0
                        + pick::range(rng, 0, 5000) as f64 * 1e4 / money.mag / 100.0
                };
                let cum_v = v + prior;
                let last_v = if pick::chance(rng, 0.1) {
                    0.0
                } else {
                    cum_v.abs() * pick::range(rng, 30, 200) as f64 / 100.0 + 1.0
                };
                for (want, x) in [(SCol::Cum, cum_v), (SCol::Last, last_v)] {
                    if let Some(c) = col_of(want) {
                        let (cell, _) = figure(rng, tags, x, d, exact);
                        sheet.put(r, c, cell);
                    }
                }
                (read * money.mag / 1e4, cum_v, last_v)
            }
            None => {
                let n = value as i64;
                let cell = count_cell(rng, tags, n, count_unit);
                if let Some(c) = col_of(SCol::Month) {
                    sheet.put(r, c, cell);
                }
                let cum_n = n + if m == 1 { 0 } else { pick::range(rng, 0, 12) };
                let last_n = pick::range(rng, 0, 15);
                for (want, x) in [(SCol::Cum, cum_n), (SCol::Last, last_n)] {
                    if let Some(c) = col_of(want) {
                        let cell = count_cell(rng, tags, x, count_unit);
                        sheet.put(r, c, cell);
                    }
                }
                (n as f64, cum_n as f64, last_n as f64)
            }
        };
        if let Some(c) = col_of(SCol::Yoy) {
            let cell = if last_v > 0.0 {
                let pct = (cum_v / last_v - 1.0) * 100.0;
                if pick::chance(rng, 0.3) {
                    Cell::Text(format!("{pct:.1}%"))
                } else {
                    Cell::Num((pct * 10.0).round() / 10.0)
                }
            } else {
                Cell::Text(pick::one(rng, &["—", "", "-"]).to_string())
            };
            sheet.put(r, c, cell);
        }
        figures::add_total(&mut totals, line, month_read);
        r += 1;
    }
    if pick::chance(rng, 0.6) {
        if pick::chance(rng, 0.5) {
            r += 1;
        }
        super::rows::footer(rng, tags, &mut sheet, r, left, width, case.month);
    }

    let target = control.map(|control| {
        let foreign_cells: Vec<(Line, u32, u16, u32, u16)> = month_cells
            .iter()
            .copied()
            .filter(|(l, ..)| l.measure() == Measure::Foreign)
            .collect();
        let cells: Vec<(u32, u16)> = match control {
            Control::NotANumber => {
                let (_, r, c, _, _) = *pick::any(rng, &foreign_cells);
                let raw = negative::not_a_number(rng, 12_345);
                sheet.put(r, c, Cell::Text(raw));
                vec![(r, c)]
            }
            Control::TwoForeignUnits => above.units_cell.into_iter().collect(),
            Control::HeaderContradicts => {
                let (bad, _) = contradicting.unwrap();
                let mut cells: Vec<(u32, u16)> = foreign_cells
                    .iter()
                    .filter(|(l, ..)| *l == bad)
                    .flat_map(|(_, r, c, lr, lc)| [(*lr, *lc), (*r, *c)])
                    .collect();
                cells.extend(above.units_cell);
                cells
            }
            Control::NoUnit => foreign_cells
                .iter()
                .flat_map(|(_, r, c, lr, lc)| [(*r, *c), (*lr, *lc)])
                .collect(),
        };
        let raw = match cells.first().and_then(|k| sheet.cells.get(k)) {
            Some(Cell::Text(t)) => t.clone(),
            Some(Cell::Num(n)) => n.to_string(),
            _ => String::new(),
        };
        Target {
            control,
            sheet: sheet.name.clone(),
            cells,
            raw,
        }
    });
    SummaryOut {
        sheet,
        totals,
        header_words,
        unit_statements: statement.into_iter().collect(),
        unit_said: above.unit_said,
        period_said: above.period_said,
        target,
    }
}
