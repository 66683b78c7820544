//! Monthly exchange rates as statisticians keep them: the PBOC central parity,
//! CNY per 100 units of the currency, one row per month, a column per currency.

use super::table::read_ref_sheets;
use crate::foundation::model::YearMonth;
use crate::foundation::money::Currency;
use crate::foundation::text::split_suffix;
use anyhow::{bail, Result};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Clone, Debug, Default)]
pub struct Rates {
    /// CNY per 100 units.
    per_100: BTreeMap<(YearMonth, Currency), f64>,
}

impl Rates {
    /// Reads `rates.xlsx`: 月份 | 美元(USD) | 港元(HKD) | …
    ///
    /// # Errors
    ///
    /// When a month or a rate cell cannot be read, or a rate is not positive.
    pub fn load(path: &Path) -> Result<Rates> {
        let mut rates = Rates::default();
        for sheet in read_ref_sheets(path, &["月份"])? {
            let currencies: Vec<(Currency, u32)> = sheet
                .header
                .iter()
                .filter_map(|(label, raw, col)| {
                    let code = split_suffix(raw.trim()).1.unwrap_or(label);
                    Some((
                        Currency::parse(code).or_else(|| Currency::parse(label))?,
                        *col,
                    ))
                })
                .collect();
            for &row in &sheet.rows {
                let text = sheet.required_text(row, "月份")?;
                let Some(month) = YearMonth::parse(&text) else {
                    bail!(
                        "{}: 月份「{text}」应写作 2026-01",
                        sheet.where_is(row, "月份")
                    );
                };
                for &(currency, col) in &currencies {
                    match sheet.number_at(row, col)? {
                        Some(rate) if rate > 0.0 => {
                            rates.per_100.insert((month, currency), rate);
                        }
                        Some(rate) => bail!(
                            "{}: {month} {currency} 汇率「{rate}」应为正数",
                            sheet.where_is(row, "月份")
                        ),
                        None => {}
                    }
                }
            }
        }
        Ok(rates)
    }

    pub fn set(&mut self, month: YearMonth, currency: Currency, cny_per_100: f64) {
        self.per_100.insert((month, currency), cny_per_100);
    }

    /// CNY per 100 units of `currency` in `month`; CNY itself is 100.
    pub fn cny_per_100(&self, month: YearMonth, currency: Currency) -> Option<f64> {
        if currency == Currency::CNY {
            return Some(100.0);
        }
        self.per_100.get(&(month, currency)).copied()
    }

    /// The foreign-currency rates of the months a bulletin for `month` uses
    /// (1..N of this year and of last year), for its notes.
    pub fn used_for(&self, month: YearMonth) -> Vec<(YearMonth, Currency, f64)> {
        self.iter()
            .filter(|(m, c, _)| {
                *c != Currency::CNY
                    && (m.year == month.year || m.year == month.year - 1)
                    && m.month <= month.month
            })
            .collect()
    }

    /// Every rate, for the notes.
    pub fn iter(&self) -> impl Iterator<Item = (YearMonth, Currency, f64)> + '_ {
        self.per_100.iter().map(|((m, c), r)| (*m, *c, *r))
    }

    /// Converts `amount` of `from` into `to` at `month`'s rates. `None` when a
    /// rate is missing. Same-currency amounts need no rate and stay exact.
    pub fn convert(
        &self,
        amount: f64,
        from: Currency,
        to: Currency,
        month: YearMonth,
    ) -> Option<f64> {
        if from == to {
            return Some(amount);
        }
        let cny = amount * self.cny_per_100(month, from)? / 100.0;
        Some(cny * 100.0 / self.cny_per_100(month, to)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_through_cny_at_the_months_rate() {
        let mut rates = Rates::default();
        let jan = YearMonth::new(2026, 1).unwrap();
        let hkd = Currency::parse("HKD").unwrap();
        rates.set(jan, Currency::USD, 700.0);
        rates.set(jan, hkd, 90.0);
        // 700 HKD = 630 CNY = 90 USD
        assert!((rates.convert(700.0, hkd, Currency::USD, jan).unwrap() - 90.0).abs() < 1e-12);
        assert_eq!(
            rates.convert(5.0, Currency::USD, Currency::USD, jan),
            Some(5.0)
        );
        assert_eq!(
            rates.convert(700.0, Currency::USD, Currency::CNY, jan),
            Some(4900.0)
        );
        let feb = YearMonth::new(2026, 2).unwrap();
        assert_eq!(rates.convert(1.0, hkd, Currency::USD, feb), None);
    }
}
