//! Negative controls: forms a careful statistician would send back — two
//! foreign units stated at once, a header unit that contradicts the units line
//! in the same currency, an amount that is not a number, no unit anywhere. The
//! reader must answer each with an error naming the cell, never with figures.

use super::case::{Cur, Money};
use super::pick::{self, Rng, Tags};
use super::words::unit_phrase;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Control {
    TwoForeignUnits,
    HeaderContradicts,
    NotANumber,
    NoUnit,
}

pub const CONTROLS: [Control; 4] = [
    Control::TwoForeignUnits,
    Control::HeaderContradicts,
    Control::NotANumber,
    Control::NoUnit,
];

/// What a control expects: an error naming one of `cells` on `sheet`.
#[derive(Clone, Debug)]
pub struct Target {
    pub control: Control,
    pub sheet: String,
    /// Zero-based (row, column); any of them will do.
    pub cells: Vec<(u32, u16)>,
    /// The text of the first cell, for the report.
    pub raw: String,
}

/// How the reader answered a control.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Answer {
    /// An error names one of the target cells.
    RejectedAtCell,
    /// Errors, but none names a target cell.
    RejectedElsewhere,
    /// No error: figures went in from a form that should have been sent back.
    Accepted,
}

/// The same currency in another magnitude: 万美元 → 千美元 or 美元, and so on.
pub fn other_magnitude(rng: &mut Rng, f: Money) -> Money {
    let mags: Vec<f64> = [1.0, 1e3, 1e4]
        .into_iter()
        .filter(|m| *m != f.mag)
        .collect();
    Money {
        mag: *pick::any(rng, &mags),
        cur: f.cur,
    }
}

/// A units statement giving two units of the same foreign currency for the
/// same amounts ("单位：万美元、千美元").
pub fn two_units_statement(
    rng: &mut Rng,
    tags: &mut Tags,
    f: Money,
    d: Money,
    say_domestic: bool,
) -> String {
    // An RMB "foreign" unit beside 万元 would read as the 内资 unit: use dollars.
    let f = if f.cur == Cur::Cny {
        Money {
            mag: f.mag,
            cur: Cur::Usd,
        }
    } else {
        f
    };
    let g = other_magnitude(rng, f);
    let (a, b) = (unit_phrase(rng, f), unit_phrase(rng, g));
    let dom = if say_domestic {
        format!("（内资为{}）", unit_phrase(rng, d))
    } else {
        String::new()
    };
    let forms = [
        format!("单位：{a}、{b}{dom}"),
        format!("单位：{a}，{b}{dom}"),
        format!("金额单位：{a}/{b}{dom}"),
        format!("单位：{a} {b}{dom}"),
    ];
    let i = pick::range(rng, 0, forms.len() as i64 - 1) as usize;
    tags.add("control.form", i);
    forms[i].clone()
}

/// An amount that is not a number, around `hundredths`.
pub fn not_a_number(rng: &mut Rng, hundredths: i64) -> String {
    let n = (hundredths.abs() / 100).max(1);
    pick::any(
        rng,
        &[
            format!("约{n}"),
            format!("{n}左右"),
            format!("{n}多"),
            format!("约{n}万"),
            "待定".to_string(),
            "不详".to_string(),
            format!("{n}-{}", n * 2),
            format!("{n}（预计）"),
        ],
    )
    .clone()
}
