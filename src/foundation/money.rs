//! Magnitudes (元, 万, 亿 …) and currencies, and turning an amount into the
//! canonical unit at one month's exchange rate.

use std::fmt;

/// The power of ten a figure is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Magnitude {
    One,
    Thousand,
    TenThousand,
    Million,
    HundredMillion,
}

impl Magnitude {
    pub const ALL: [Magnitude; 5] = [
        Magnitude::One,
        Magnitude::Thousand,
        Magnitude::TenThousand,
        Magnitude::Million,
        Magnitude::HundredMillion,
    ];

    /// The magnitude written as `factor` (1e4 → 万), as the store keeps it.
    pub fn from_factor(factor: f64) -> Option<Magnitude> {
        Magnitude::ALL.into_iter().find(|m| m.factor() == factor)
    }

    pub fn factor(self) -> f64 {
        match self {
            Magnitude::One => 1.0,
            Magnitude::Thousand => 1e3,
            Magnitude::TenThousand => 1e4,
            Magnitude::Million => 1e6,
            Magnitude::HundredMillion => 1e8,
        }
    }

    pub fn prefix_zh(self) -> &'static str {
        match self {
            Magnitude::One => "",
            Magnitude::Thousand => "千",
            Magnitude::TenThousand => "万",
            Magnitude::Million => "百万",
            Magnitude::HundredMillion => "亿",
        }
    }
}

/// An ISO 4217 currency code (`USD`, `CNY`, `HKD` …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(pub [u8; 3]);

impl Currency {
    pub const CNY: Currency = Currency(*b"CNY");
    pub const USD: Currency = Currency(*b"USD");

    /// The currency of a three-letter code as the store keeps it.
    pub fn from_code(code: &str) -> Option<Currency> {
        let bytes: [u8; 3] = code.as_bytes().try_into().ok()?;
        bytes
            .iter()
            .all(u8::is_ascii_uppercase)
            .then_some(Currency(bytes))
    }

    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// Chinese names and codes people write, the currency's usual name first.
    const NAMES: [(&'static str, &'static [&'static str]); 10] = [
        ("CNY", &["元", "人民币", "人民币元", "RMB", "CNY"]),
        ("USD", &["美元", "美金", "USD", "US$"]),
        ("HKD", &["港元", "港币", "HKD", "HK$"]),
        ("JPY", &["日元", "日圆", "日币", "JPY"]),
        ("EUR", &["欧元", "EUR"]),
        ("GBP", &["英镑", "GBP"]),
        ("TWD", &["新台币", "台币", "TWD"]),
        ("KRW", &["韩元", "KRW"]),
        ("SGD", &["新加坡元", "SGD"]),
        ("AUD", &["澳元", "AUD"]),
    ];

    /// A currency name or code as the whole of a normalised text. The
    /// lenient [`Currency::parse`] is in `unit_phrases.rs`, beside the phrase
    /// reader it needs.
    pub fn parse_exact(s: &str) -> Option<Currency> {
        Self::NAMES.iter().find_map(|(code, names)| {
            names
                .iter()
                .any(|n| n.eq_ignore_ascii_case(s))
                .then(|| Currency(code.as_bytes().try_into().expect("three letters")))
        })
    }

    /// The Chinese name, for headers and messages.
    pub fn name_zh(&self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(code, _)| *code == self.code())
            .map(|(_, names)| names[0])
            .unwrap_or("外币")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A unit of account as written on a form: `万美元` is (万, USD).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoneyUnit {
    pub magnitude: Magnitude,
    pub currency: Currency,
}

impl fmt::Display for MoneyUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}",
            self.magnitude.prefix_zh(),
            self.currency.name_zh()
        )
    }
}

/// Parses a unit such as `万美元`, `千美元`, `亿元`, `元`, `万港元`, also with a
/// `单位:` / `金额单位:` prefix. Returns `None` for anything else.
pub fn parse_unit(s: &str) -> Option<MoneyUnit> {
    let s = super::text::normalize_label(s);
    let s = s
        .trim_start_matches("金额单位")
        .trim_start_matches("计量单位")
        .trim_start_matches("单位")
        .trim_start_matches(':');
    if let Some(currency) = Currency::parse_exact(s) {
        return Some(MoneyUnit {
            magnitude: Magnitude::One,
            currency,
        });
    }
    let prefixes = [
        ("百万", Magnitude::Million),
        ("千", Magnitude::Thousand),
        ("万", Magnitude::TenThousand),
        ("亿", Magnitude::HundredMillion),
    ];
    prefixes.iter().find_map(|(prefix, magnitude)| {
        let currency = Currency::parse_exact(s.strip_prefix(prefix)?)?;
        Some(MoneyUnit {
            magnitude: *magnitude,
            currency,
        })
    })
}

/// Units of counts written after a label: "新设外商投资企业数(个)".
const COUNT_UNITS: [&str; 5] = ["个", "家", "项", "户", "件"];

/// The label without a trailing parenthesised unit, for matching column names.
pub fn strip_unit_suffix(label: &str) -> &str {
    match super::text::split_suffix(label) {
        (head, Some(suffix)) if COUNT_UNITS.contains(&suffix) || parse_unit(suffix).is_some() => {
            head
        }
        _ => label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_suffix_is_stripped_only_when_it_is_a_unit() {
        assert_eq!(strip_unit_suffix("合同外资(万美元)"), "合同外资");
        assert_eq!(
            strip_unit_suffix("利用外地资本(注册)"),
            "利用外地资本(注册)"
        );
    }

    fn unit(m: Magnitude, c: &str) -> Option<MoneyUnit> {
        Some(MoneyUnit {
            magnitude: m,
            currency: Currency::parse(c).unwrap(),
        })
    }

    #[test]
    fn every_magnitude_the_forms_use() {
        assert_eq!(parse_unit("元"), unit(Magnitude::One, "CNY"));
        assert_eq!(parse_unit("万元"), unit(Magnitude::TenThousand, "CNY"));
        assert_eq!(parse_unit("亿元"), unit(Magnitude::HundredMillion, "CNY"));
        assert_eq!(parse_unit("美元"), unit(Magnitude::One, "USD"));
        assert_eq!(parse_unit("千美元"), unit(Magnitude::Thousand, "USD"));
        assert_eq!(parse_unit("万美元"), unit(Magnitude::TenThousand, "USD"));
        assert_eq!(parse_unit("亿美元"), unit(Magnitude::HundredMillion, "USD"));
        assert_eq!(
            parse_unit("单位：万港元"),
            unit(Magnitude::TenThousand, "HKD")
        );
        assert_eq!(
            parse_unit("金额单位: 万元"),
            unit(Magnitude::TenThousand, "CNY")
        );
        assert_eq!(parse_unit("万人"), None);
        assert_eq!(parse_unit("个"), None);
    }

    #[test]
    fn currencies_by_name_and_code() {
        assert_eq!(Currency::parse("港币").unwrap().code(), "HKD");
        assert_eq!(Currency::parse("jpy").unwrap().code(), "JPY");
        assert_eq!(Currency::parse("欧元").unwrap().name_zh(), "欧元");
        assert_eq!(Currency::parse("卢布"), None);
    }
}
