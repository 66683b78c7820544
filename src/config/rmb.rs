//! The RMB settings: which indicators make up 招商引资总额 (`[attracted]`) and
//! the bands of projects by 总投资 in RMB (`[projects] rmb_bands`), parsed
//! from what staff write ("1000万元", "1亿元") into 万元.

use super::indicator_keys::AttractedIndicator;
use crate::foundation::model::{Indicator, Measure};
use crate::foundation::money::{parse_unit, Currency, Magnitude};
use anyhow::{bail, Result};
use serde::Deserialize;

/// `[attracted]`: 招商引资总额.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttractedSettings {
    /// Indicators whose amounts add up to the total, domestic in 万元 and
    /// foreign converted at each fact's month's rate.
    #[serde(default = "default_attracted")]
    pub indicators: Vec<AttractedIndicator>,
}

impl Default for AttractedSettings {
    fn default() -> Self {
        AttractedSettings {
            indicators: default_attracted(),
        }
    }
}

/// 注册内资 + 注册外资.
fn default_attracted() -> Vec<AttractedIndicator> {
    vec![
        AttractedIndicator::DomesticRegistered,
        AttractedIndicator::RegisteredFdi,
    ]
}

/// A band bound as written: a number (万元) or a text with its unit.
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(untagged)]
pub enum Bound {
    Number(f64),
    Text(String),
}

/// ≥1000万元, ≥3000万元 (大项目), ≥5000万元, ≥1亿元.
pub fn default_rmb_bands() -> Vec<Bound> {
    ["1000万元", "3000万元", "5000万元", "1亿元"]
        .map(|s| Bound::Text(s.to_string()))
        .to_vec()
}

/// 3000万元: "大项目 = 固定资产 3000万元以上".
pub fn default_large_from() -> Bound {
    Bound::Text("3000万元".to_string())
}

/// The RMB settings, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct RmbRules {
    /// The indicators of 招商引资总额, each a money indicator, no repeats.
    pub attracted: Vec<Indicator>,
    /// Lower bounds of the project bands, 万元, ascending.
    pub bands: Vec<f64>,
    /// The bound from which a project is a 大项目, 万元; one of `bands`.
    pub large_from: f64,
}

impl Default for RmbRules {
    fn default() -> Self {
        RmbRules {
            attracted: vec![Indicator::DomesticRegistered, Indicator::RegisteredFdi],
            bands: vec![1000.0, 3000.0, 5000.0, 10000.0],
            large_from: 3000.0,
        }
    }
}

impl RmbRules {
    /// The rule of 招商引资总额 in words, for the bulletin's 说明.
    pub fn attracted_rule_zh(&self) -> String {
        let names: Vec<&str> = self.attracted.iter().map(|i| i.name_zh()).collect();
        let converted = self
            .attracted
            .iter()
            .any(|i| i.measure() == Measure::Foreign);
        let mut rule = format!("{}之和，以万元计", names.join(" + "));
        if converted {
            rule.push_str(
                "；外资（万美元）按各笔所属月份的美元汇率（说明三）折成人民币，不用累计数一次折算",
            );
        }
        rule
    }
}

/// Validates the `[attracted]` indicators and the RMB bands.
///
/// # Errors
///
/// A repeated indicator (an unknown key or a count is refused by serde, see
/// [`AttractedIndicator`]), none at all, a bound that is not
/// a positive amount in 元 / 万元 / 亿元, bounds not increasing, or a 大项目
/// bound that is not one of the bands.
pub fn rmb_rules(
    attracted: &AttractedSettings,
    bands: &[Bound],
    large: &Bound,
) -> Result<RmbRules> {
    let mut parts = Vec::new();
    for indicator in attracted.indicators.iter().map(|k| k.indicator()) {
        if parts.contains(&indicator) {
            bail!(
                "settings.toml: attracted.indicators 中「{}」重复",
                indicator.key()
            );
        }
        parts.push(indicator);
    }
    if parts.is_empty() {
        bail!("settings.toml: attracted.indicators 至少要有一个指标，如 [\"domestic_registered\", \"registered_fdi\"]");
    }
    let bands = bands
        .iter()
        .map(|b| bound_wan_yuan(b, "projects.rmb_bands"))
        .collect::<Result<Vec<f64>>>()?;
    if bands.is_empty() || bands.windows(2).any(|w| w[0] >= w[1]) {
        bail!("settings.toml: projects.rmb_bands 应由小到大排列，如 [\"1000万元\", \"3000万元\", \"5000万元\", \"1亿元\"]");
    }
    let large_from = bound_wan_yuan(large, "projects.large_from")?;
    if !bands.iter().any(|b| (b - large_from).abs() < 1e-9) {
        bail!(
            "settings.toml: projects.large_from 应为 projects.rmb_bands 中的一档，如 \"3000万元\""
        );
    }
    Ok(RmbRules {
        attracted: parts,
        bands,
        large_from,
    })
}

/// `[projects] size_bands` in 万美元: numbers as settings files have always
/// written them, or texts with their unit ("1000万美元", "1亿美元").
///
/// # Errors
///
/// A bound in RMB (those belong in `rmb_bands`), or one that is not an amount.
pub fn size_bands_wan_usd(bounds: &[Bound]) -> Result<Vec<f64>> {
    bounds
        .iter()
        .map(|bound| match bound {
            Bound::Number(n) => Ok(*n),
            Bound::Text(text) => match split_amount(text) {
                Some((n, None)) => Ok(n),
                Some((n, Some(u))) if u.currency == Currency::USD => {
                    Ok(n * u.magnitude.factor() / Magnitude::TenThousand.factor())
                }
                Some((_, Some(u))) if u.currency == Currency::CNY => bail!(
                    "settings.toml: projects.size_bands 中的「{text}」是人民币；size_bands 按万美元给外资新设项目分档，按人民币给全部新设项目分档请写在 projects.rmb_bands，如 rmb_bands = [\"1000万元\", \"1亿元\"]"
                ),
                _ => bail!(
                    "settings.toml: projects.size_bands 中的「{text}」应为万美元金额，如 1000 或 \"1亿美元\""
                ),
            },
        })
        .collect()
}

/// "1000万元" → (1000, 万元); "3000" → (3000, none); `None` when not an amount.
fn split_amount(text: &str) -> Option<(f64, Option<crate::foundation::money::MoneyUnit>)> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n = number.parse::<f64>().ok()?;
    if unit.trim().is_empty() {
        return Some((n, None));
    }
    Some((n, Some(parse_unit(unit)?)))
}

/// A bound in 万元: a bare number is 万元; a text is a number and an RMB unit.
fn bound_wan_yuan(bound: &Bound, key: &str) -> Result<f64> {
    let value = match bound {
        Bound::Number(n) => Some(*n),
        Bound::Text(text) => match split_amount(text) {
            Some((n, None)) => Some(n),
            Some((n, Some(u))) if u.currency == Currency::CNY => {
                Some(n * u.magnitude.factor() / Magnitude::TenThousand.factor())
            }
            Some((_, Some(u))) => bail!(
                "settings.toml: {key} 中的「{text}」是{}；项目按人民币总投资分档，请写作万元或亿元（外资新设项目按万美元分档用 projects.size_bands）",
                u.currency.name_zh()
            ),
            None => None,
        },
    };
    match value {
        Some(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => {
            let shown = match bound {
                Bound::Number(n) => n.to_string(),
                Bound::Text(t) => t.clone(),
            };
            bail!("settings.toml: {key} 中的「{shown}」应为正的人民币金额，如 \"1000万元\" 或 \"1亿元\"")
        }
    }
}

/// A band's label: "1000万元以上", "1亿元以上".
pub fn rmb_band_label(floor: f64) -> String {
    if floor >= 10000.0 && (floor / 10000.0).fract() == 0.0 {
        format!("{}亿元以上", floor / 10000.0)
    } else {
        format!("{floor}万元以上")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_as_staff_write_them() {
        let t = |s: &str| Bound::Text(s.to_string());
        assert_eq!(bound_wan_yuan(&t("1000万元"), "k").unwrap(), 1000.0);
        assert_eq!(bound_wan_yuan(&t("1亿元"), "k").unwrap(), 10000.0);
        assert_eq!(bound_wan_yuan(&t("1.5亿元"), "k").unwrap(), 15000.0);
        assert_eq!(bound_wan_yuan(&t("5000000元"), "k").unwrap(), 500.0);
        assert_eq!(bound_wan_yuan(&Bound::Number(3000.0), "k").unwrap(), 3000.0);
        let usd = bound_wan_yuan(&t("1000万美元"), "k").unwrap_err();
        assert!(usd.to_string().contains("size_bands"), "{usd}");
        assert!(bound_wan_yuan(&t("一千万"), "k").is_err());
        // size_bands: numbers as before, or texts in 美元; RMB points to rmb_bands.
        let usd = size_bands_wan_usd(&[Bound::Number(1000.0), t("2500万美元"), t("1亿美元")]);
        assert_eq!(usd.unwrap(), [1000.0, 2500.0, 10000.0]);
        let rmb = size_bands_wan_usd(&[t("1000万元")]).unwrap_err();
        assert!(rmb.to_string().contains("rmb_bands"), "{rmb}");
        assert_eq!(rmb_band_label(1000.0), "1000万元以上");
        assert_eq!(rmb_band_label(10000.0), "1亿元以上");
    }

    #[test]
    fn defaults_and_refusals() {
        let rules = rmb_rules(
            &AttractedSettings::default(),
            &default_rmb_bands(),
            &default_large_from(),
        )
        .unwrap();
        assert_eq!(rules, RmbRules::default());
        // A count among them is refused by serde (indicator_keys' tests); a repeat here.
        let twice = AttractedSettings {
            indicators: vec![
                AttractedIndicator::ArrivedFdi,
                AttractedIndicator::ArrivedFdi,
            ],
        };
        assert!(rmb_rules(&twice, &default_rmb_bands(), &default_large_from()).is_err());
        let off_band = Bound::Text("2000万元".to_string());
        assert!(rmb_rules(
            &AttractedSettings::default(),
            &default_rmb_bands(),
            &off_band
        )
        .is_err());
    }
}
