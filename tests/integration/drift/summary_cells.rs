//! How a summary's figures are typed: a formula's exact value, or rounded and
//! typed as a number or as text (thousands, full-width, stray spaces, signs),
//! zeros as 0, — or blank; counts as numbers, text or with their unit (3家).

use super::book::Cell;
use super::case::Money;
use super::pick::{self, Rng, Tags};
use super::typing;
use super::words::full_width;

/// A figure as typed: exactly as a formula left it, or rounded to `decimals`
/// and typed as a number or as text in one of the ways units type it.
/// Returns the cell and the value it says.
pub fn figure(
    rng: &mut Rng,
    tags: &mut Tags,
    value: f64,
    decimals: usize,
    exact: bool,
) -> (Cell, f64) {
    if exact {
        // No negative zero: a unit's formula gives 0.
        let value = value + 0.0;
        return (Cell::Num(value), value);
    }
    let scale = 10f64.powi(decimals as i32);
    let q = (value * scale).round() / scale;
    if q == 0.0 {
        let zero = *pick::weighted(
            rng,
            &[
                (4, "num"),
                (2, "dash"),
                (1, "text0"),
                (1, "blank"),
                (1, "slash"),
            ],
        );
        tags.add("summary.zero", zero);
        let cell = match zero {
            "dash" => Cell::Text(pick::one(rng, &["—", "－", "-"]).to_string()),
            "text0" => Cell::Text("0".into()),
            "blank" => return (Cell::Text(String::new()), 0.0),
            "slash" => Cell::Text("/".into()),
            _ => Cell::Num(0.0),
        };
        return (cell, 0.0);
    }
    let form = *pick::weighted(
        rng,
        &[
            (6, "number"),
            (2, "text"),
            (2, "thousands"),
            (1, "fullwidth"),
            (1, "spaces"),
        ],
    );
    tags.add("summary.number", form);
    if form == "number" {
        return (Cell::Num(q), q);
    }
    let mut digits = format!("{:.*}", decimals, q.abs());
    if pick::chance(rng, 0.3) && digits.contains('.') {
        digits = digits
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string();
    }
    let body = match form {
        "thousands" => typing::thousands(&digits),
        "fullwidth" => full_width(&digits),
        _ => digits,
    };
    let signed = if q < 0.0 {
        let sign = *pick::one(rng, &["-", "paren", "widemin"]);
        tags.add("summary.negative", sign);
        match sign {
            "paren" => format!("({body})"),
            "widemin" => format!("－{body}"),
            _ => format!("-{body}"),
        }
    } else {
        body
    };
    let text = if form == "spaces" {
        format!("{signed}{}", pick::one(rng, &[" ", "\u{3000}"]))
    } else {
        signed
    };
    (Cell::Text(text), q)
}

/// A count as typed.
pub fn count_cell(rng: &mut Rng, tags: &mut Tags, n: i64, unit: &str) -> Cell {
    match *pick::weighted(rng, &[(8, 0), (3, 1), (1, 2), (1, 3)]) {
        1 => Cell::Text(n.to_string()),
        2 if n > 0 => {
            tags.add("summary.count", "with_unit");
            Cell::Text(format!("{n}{unit}"))
        }
        3 if n == 0 => Cell::Text("—".into()),
        _ => Cell::Num(n as f64),
    }
}

/// Decimals a unit types: four for 亿, two otherwise.
pub fn decimals_for(money: Money) -> usize {
    if money.mag >= 1e8 {
        4
    } else {
        2
    }
}
