//! The header of a generated detail sheet: one row, or two with a merged
//! group label over the amount columns; words drawn from the generator's own
//! lists with qualifiers, Traditional, stray spaces and unit suffixes; and
//! sometimes the 栏次 row (甲 乙 丙 … / 1 2 3 …) under it.

use super::book::{Cell, Sheet};
use super::case::Money;
use super::pick::{self, Rng, Tags};
use super::words::{self, header_words, traditional, Col, QUALIFIERS};

pub struct Header<'a> {
    pub cols: &'a [Col],
    /// The columns under a merged group label; empty for a one-row header.
    pub group: &'a [Col],
    /// Whether the group's children are short (合同 | 注册 | 到帐).
    pub short_children: bool,
    pub left: u16,
    /// "none", "some_labels" or "all".
    pub trad: &'a str,
    pub spaces: bool,
    /// Whether amount headers carry the foreign unit.
    pub suffix: bool,
    pub foreign_unit: Money,
    /// The unit on 注册内资 / 到位内资 columns of their own, if they carry one.
    pub domestic_suffix: Option<Money>,
    /// A negative control: this column's suffix says this unit instead.
    pub contradict: Option<(Col, Money)>,
}

pub struct HeaderOut {
    pub next_row: u32,
    pub words: Vec<String>,
    pub unit_statements: Vec<String>,
    /// (column, row, col) of each amount column's own label.
    pub amount_cells: Vec<(Col, u32, u16)>,
}

/// Writes the header from row `r`.
pub fn write_header(
    h: &Header,
    rng: &mut Rng,
    tags: &mut Tags,
    sheet: &mut Sheet,
    r: u32,
) -> HeaderOut {
    let (trad, spaces, suffix, f, left) = (h.trad, h.spaces, h.suffix, h.foreign_unit, h.left);
    let (cols, group) = (h.cols, h.group);
    let mut header_words_written = Vec::new();
    let mut unit_statements = Vec::new();
    let label = |rng: &mut Rng, col: Col, words_written: &mut Vec<String>, tags: &mut Tags| {
        let mut text = pick::one(rng, header_words(col)).to_string();
        if text.is_empty() {
            return text;
        }
        if matches!(col, Col::Project | Col::Event | Col::Capital | Col::Source)
            && pick::chance(rng, 0.08)
        {
            text = if pick::chance(rng, 0.5) {
                format!("*{text}")
            } else {
                format!("{text}{}", pick::one(rng, &QUALIFIERS))
            };
            tags.add("labels", "qualifier");
        }
        if trad == "all" || (trad == "some_labels" && pick::chance(rng, 0.5)) {
            text = traditional(&text);
        }
        if spaces && pick::chance(rng, 0.3) {
            text = words::spaced(rng, &text);
        }
        if pick::chance(rng, 0.1) {
            text = text.replace('（', "(").replace('）', ")");
        } else if pick::chance(rng, 0.1) {
            text = text.replace('(', "（").replace(')', "）");
        }
        words_written.push(text.clone());
        text
    };
    let unit_suffix = |rng: &mut Rng, f: Money| {
        let u = words::unit_phrase(rng, f);
        let u = if trad == "all" { traditional(&u) } else { u };
        match pick::range(rng, 0, 3) {
            0 => format!("（{u}）"),
            1 => format!("({u})"),
            2 => format!("\n（{u}）"),
            _ => format!("\n({u})"),
        }
    };
    let start = r;
    let two_rows = !group.is_empty();
    let parent_suffix = suffix && two_rows && h.contradict.is_none() && pick::chance(rng, 0.5);
    let mut amount_cells = Vec::new();
    for (i, &col) in cols.iter().enumerate() {
        let c = i as u16 + left;
        let in_group = group.contains(&col);
        let mut text = if in_group && h.short_children {
            let child = pick::one(rng, words::short_child(col)).to_string();
            if trad == "all" {
                traditional(&child)
            } else {
                child
            }
        } else {
            label(rng, col, &mut header_words_written, tags)
        };
        if col.is_domestic() {
            tags.add(&format!("header.word.{col:?}"), &text);
        }
        let own_unit = match h.contradict {
            Some((bad, money)) if bad == col => Some(money),
            _ if col.is_domestic() => h.domestic_suffix,
            _ if suffix && col.is_amount() && !(parent_suffix && group.contains(&col)) => Some(f),
            _ => None,
        };
        if let Some(money) = own_unit {
            let s = unit_suffix(rng, money);
            unit_statements.push(s.trim().to_string());
            text.push_str(&s);
        }
        let at = if !two_rows {
            start
        } else if in_group {
            start + 1
        } else {
            match pick::range(rng, 0, 3) {
                0 | 1 => {
                    if col != Col::Blank {
                        sheet.merges.push((start, c, start + 1, c));
                    }
                    start
                }
                2 => start,
                _ => start + 1,
            }
        };
        sheet.text(at, c, text);
        if col.is_amount() {
            amount_cells.push((col, at, c));
        }
    }
    if two_rows {
        let first = cols.iter().position(|c| group.contains(c)).unwrap() as u16 + left;
        let parents: &[&str] = if h.short_children {
            &words::GROUP_PARENTS_SHORT
        } else {
            &words::GROUP_PARENTS_FULL
        };
        let mut parent = pick::one(rng, parents).to_string();
        if trad == "all" {
            parent = traditional(&parent);
        }
        if parent_suffix {
            let s = unit_suffix(rng, f);
            unit_statements.push(s.trim().to_string());
            parent.push_str(&s);
        }
        header_words_written.push(parent.clone());
        sheet.text(start, first, parent);
        sheet
            .merges
            .push((start, first, start, first + group.len() as u16 - 1));
    }
    let mut r = start + if two_rows { 2 } else { 1 };
    if pick::chance(rng, 0.04) {
        // The 栏次 row of official forms: 甲 乙 丙 … over text columns, 1 2 3 … over numbers.
        let (mut letter, mut number) = (0, 1);
        for (i, col) in cols.iter().enumerate() {
            let c = i as u16 + left;
            if col.is_amount() {
                sheet.put(r, c, Cell::Num(number as f64));
                number += 1;
            } else if *col != Col::Blank {
                sheet.text(
                    r,
                    c,
                    [
                        "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "子", "丑",
                        "寅", "卯", "辰",
                    ][letter % 15],
                );
                letter += 1;
            }
        }
        tags.add("header", "column_numbers");
        r += 1;
    }

    HeaderOut {
        next_row: r,
        words: header_words_written,
        unit_statements,
        amount_cells,
    }
}
