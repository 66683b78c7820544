//! Numbers as people type them into a form: "1,234.5", "１２３．４", "(12.5)",
//! "12.5%", "120万美元", "—" or "无" for zero. Anything else is an error at the
//! cell, never a silent 0.

use super::money::MoneyUnit;
use super::text::fold_width;
use super::unit_phrases::unit_in_cell;

/// A number read from a cell's text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TypedNumber {
    pub value: f64,
    /// A unit written inside the cell ("120万美元"); overrides the column's unit.
    pub unit: Option<MoneyUnit>,
    /// Written with a trailing "%": `value` is then in percent.
    pub percent: bool,
}

impl TypedNumber {
    fn plain(value: f64) -> TypedNumber {
        TypedNumber {
            value,
            unit: None,
            percent: false,
        }
    }
}

/// Why a cell's text is not a number. The audit's message stays "…不是数字";
/// the reason is for whoever reads the value back (and for tests).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotANumber {
    /// Text after the digits that is not a money unit ("12abc").
    #[error("数字后的「{0}」不是金额单位")]
    UnknownSuffix(String),
    /// "12%万元": a percentage cannot carry a money unit.
    #[error("百分数不能带金额单位")]
    PercentWithUnit,
    /// No digits at all, or thousands separators that do not group three
    /// digits ("1,23").
    #[error("没有数字，或千分位逗号的位置不对")]
    Malformed,
    /// Too large to be a number ("1e400").
    #[error("数值超出范围")]
    OutOfRange,
    /// A minus sign inside parentheses, "(-12)": negative twice.
    #[error("括号中的数又带负号")]
    NegativeInParentheses,
}

/// Words and marks that units write for "nothing this month".
const ZERO_MARKS: [&str; 8] = ["-", "--", "—", "——", "―", "/", "无", "0"];

/// Whether a cell's text is a plain figure: a number with neither a unit
/// nor a percent sign, "—" and "无" for zero included. As [`parse_number`]
/// says, without working out a text that holds no digit and is longer than
/// the longest of [`ZERO_MARKS`] (a label, "合同外资（万美元）", is told at
/// once), nor what a text after the digits means: a unit or not, the
/// figure is not plain.
pub fn is_plain_figure(raw: &str) -> bool {
    let folded = || raw.chars().map(fold_width);
    let no_digit = !folded().any(|c| c.is_ascii_digit());
    if no_digit && folded().filter(|c| !c.is_whitespace()).nth(2).is_some() {
        return false;
    }
    parse_number_with(raw, |_| None)
        .is_ok_and(|n| n.is_some_and(|n| n.unit.is_none() && !n.percent))
}

/// Parses a cell's text. `Ok(None)` for a blank cell (no value was given),
/// `Err` with the reason when the text is not a number in any accepted form.
pub fn parse_number(raw: &str) -> Result<Option<TypedNumber>, NotANumber> {
    parse_number_with(raw, unit_in_cell)
}

/// [`parse_number`], with `unit_of` telling the money unit a text after the
/// digits names.
fn parse_number_with(
    raw: &str,
    unit_of: impl Fn(&str) -> Option<MoneyUnit>,
) -> Result<Option<TypedNumber>, NotANumber> {
    let mut folded = String::with_capacity(raw.len());
    folded.extend(raw.chars().map(|c| match fold_width(c) {
        '\u{2212}' => '-',
        '，' => ',',
        '。' => '.',
        c => c,
    }));
    let s = folded.trim();
    // "-  59.00", "+ 12": a sign typed apart from its digits.
    let joined;
    let s = match s.strip_prefix(['-', '+']) {
        Some(rest) if rest.starts_with(char::is_whitespace) => {
            joined = format!("{}{}", &s[..1], rest.trim_start());
            joined.as_str()
        }
        _ => s,
    };
    if s.is_empty() {
        return Ok(None);
    }
    if ZERO_MARKS.contains(&s) {
        return Ok(Some(TypedNumber::plain(0.0)));
    }
    let (s, negative_parens) = match s.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        Some(inner) => (inner.trim(), true),
        None => (s, false),
    };
    let (s, percent) = match s.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (s, false),
    };
    let number_end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '+' | '-' | 'e' | 'E')))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let (digits, suffix) = s.split_at(number_end);
    let unit = match suffix.trim() {
        "" => None,
        // A count typed with its word: "8家", "3个", "1项".
        "个" | "家" | "项" | "户" | "件" if !percent => None,
        suffix => {
            Some(unit_of(suffix).ok_or_else(|| NotANumber::UnknownSuffix(suffix.to_string()))?)
        }
    };
    if percent && unit.is_some() {
        return Err(NotANumber::PercentWithUnit);
    }
    let digits: String = digits.chars().filter(|c| *c != ',').collect();
    if !digits.bytes().any(|b| b.is_ascii_digit()) || !valid_separators(s, number_end) {
        return Err(NotANumber::Malformed);
    }
    let mut value: f64 = digits.parse().map_err(|_| NotANumber::Malformed)?;
    if !value.is_finite() {
        return Err(NotANumber::OutOfRange);
    }
    if negative_parens {
        if value < 0.0 {
            return Err(NotANumber::NegativeInParentheses);
        }
        value = -value;
    }
    Ok(Some(TypedNumber {
        value,
        unit,
        percent,
    }))
}

/// Thousands separators must group three digits: "1,234" yes, "1,23" no.
fn valid_separators(s: &str, end: usize) -> bool {
    let number = &s[..end];
    let integer = number.split('.').next().unwrap_or("");
    if !integer.contains(',') {
        return !number.split('.').nth(1).is_some_and(|f| f.contains(','));
    }
    let groups: Vec<&str> = integer.trim_start_matches(['+', '-']).split(',').collect();
    groups[0].len() <= 3
        && !groups[0].is_empty()
        && groups[1..].iter().all(|g| g.len() == 3)
        && !number.split('.').nth(1).is_some_and(|f| f.contains(','))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::money::Magnitude;

    fn value(s: &str) -> f64 {
        parse_number(s).unwrap().unwrap().value
    }

    #[test]
    fn the_forms_people_type() {
        assert_eq!(value("1,234.5"), 1234.5);
        assert_eq!(value("１２３．４"), 123.4);
        assert_eq!(value("\u{3000} 88 \u{3000}"), 88.0);
        assert_eq!(value("(12.5)"), -12.5);
        assert_eq!(value("（12.5）"), -12.5);
        assert_eq!(value("-3"), -3.0);
        assert_eq!(value("－3"), -3.0);
        for zero in ["—", "－", "/", "无", "--"] {
            assert_eq!(value(zero), 0.0, "{zero}");
        }
        let pct = parse_number("12.5%").unwrap().unwrap();
        assert!(pct.percent);
        assert_eq!(pct.value, 12.5);
        let with_unit = parse_number("120万美元").unwrap().unwrap();
        assert_eq!(with_unit.value, 120.0);
        assert_eq!(with_unit.unit.unwrap().magnitude, Magnitude::TenThousand);
        assert_eq!(with_unit.unit.unwrap().currency.code(), "USD");
    }

    /// Each refusal says why.
    #[test]
    fn a_refusal_gives_its_reason() {
        assert_eq!(
            parse_number("12abc"),
            Err(NotANumber::UnknownSuffix("abc".to_string()))
        );
        assert_eq!(parse_number("12万元%"), Err(NotANumber::PercentWithUnit));
        assert_eq!(parse_number("1,23"), Err(NotANumber::Malformed));
        assert_eq!(parse_number("1e400"), Err(NotANumber::OutOfRange));
        assert_eq!(
            parse_number("(-12)"),
            Err(NotANumber::NegativeInParentheses)
        );
        assert_eq!(
            NotANumber::UnknownSuffix("abc".to_string()).to_string(),
            "数字后的「abc」不是金额单位"
        );
    }

    #[test]
    fn blank_is_no_value_not_zero() {
        assert_eq!(parse_number("").unwrap(), None);
        assert_eq!(parse_number("  \u{3000}").unwrap(), None);
    }

    #[test]
    fn anything_else_is_an_error() {
        for bad in [
            "abc",
            "12a",
            "1,23",
            "约100",
            "1.2.3",
            "NaN",
            "inf",
            "((1))",
            "12%万元",
            ",",
        ] {
            assert!(parse_number(bad).is_err(), "{bad} should not parse");
        }
    }

    mod properties {
        use super::super::{is_plain_figure, parse_number};
        use proptest::prelude::*;

        /// "1234567.25" → "1,234,567.25".
        fn with_separators(s: &str) -> String {
            let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
            let digits: Vec<char> = int.chars().collect();
            let mut out = String::new();
            for (i, c) in digits.iter().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(*c);
            }
            match frac {
                Some(f) => format!("{out}.{f}"),
                None => out,
            }
        }

        /// ASCII digits and punctuation to their full-width forms.
        fn full_width(s: &str) -> String {
            s.chars()
                .map(|c| match c {
                    '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                    c => c,
                })
                .collect()
        }

        proptest! {
            /// Every listed way of writing a non-negative amount parses back to it.
            #[test]
            fn every_form_parses_back(cents in 0u64..10_000_000_000) {
                let value = cents as f64 / 100.0;
                let plain = format!("{value}");
                let forms = [
                    plain.clone(),
                    with_separators(&plain),
                    full_width(&plain),
                    full_width(&with_separators(&plain)),
                    format!("\u{3000} {plain} \u{3000}"),
                    format!("{plain}万美元"),
                ];
                for form in &forms {
                    let parsed = parse_number(form).unwrap().unwrap();
                    prop_assert_eq!(parsed.value, value, "{}", form);
                }
                let negative = parse_number(&format!("({})", with_separators(&plain))).unwrap().unwrap();
                prop_assert_eq!(negative.value, -value);
                let minus = parse_number(&format!("-{plain}")).unwrap().unwrap();
                prop_assert_eq!(minus.value, -value);
                let percent = parse_number(&format!("{plain}%")).unwrap().unwrap();
                prop_assert!(percent.percent);
                prop_assert_eq!(percent.value, value);
            }

            /// The quick answer for a text without digits is parse_number's.
            #[test]
            fn a_plain_figure_is_what_parse_number_says(
                pieces in prop::collection::vec(prop::sample::select(vec![
                    "-", "--", "—", "——", "―", "/", "／", "－", "无", "0", "7", "１２", ".", ",",
                    "，", "万元", "万美元", "个", "%", "％", "(", ")", "（", " ", "　",
                    "e", "合同外资", "ab", "一",
                ]), 0..5)
            ) {
                let text = pieces.concat();
                let says = parse_number(&text)
                    .is_ok_and(|n| n.is_some_and(|n| n.unit.is_none() && !n.percent));
                prop_assert_eq!(is_plain_figure(&text), says, "{:?}", text);
            }

            /// Arbitrary text never panics; it parses or is an error.
            #[test]
            fn arbitrary_text_never_panics(s in "\\PC*") {
                let _ = parse_number(&s);
            }

            /// Text made of the characters numbers use never panics either.
            #[test]
            fn number_like_text_never_panics(s in "[0-9,.()%+\\-－（）　 万亿千美元港元]{0,16}") {
                let _ = parse_number(&s);
            }
        }
    }
}
