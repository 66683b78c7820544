//! A contest period (竞赛期): consecutive months, `2026-07..2026-10`, compared
//! with the same months a year earlier. It may cross a new year.

use super::model::YearMonth;

/// From `from` to `to`, both included; at most twelve months.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContestPeriod {
    pub from: YearMonth,
    pub to: YearMonth,
}

impl ContestPeriod {
    /// Parses `2026-07..2026-10` (also `2026-07~2026-10`, `2026-07至2026-10`).
    ///
    /// # Errors
    ///
    /// A message in the bureau's words when the text is not two months in
    /// order, at most twelve months apart.
    pub fn parse(s: &str) -> Result<ContestPeriod, String> {
        let t = s.trim();
        let parts = ["..", "~", "～", "至"]
            .iter()
            .find_map(|sep| t.split_once(sep));
        let Some((a, b)) = parts else {
            return Err(format!(
                "--period「{s}」应写作 起始年-月..结束年-月，如 2026-07..2026-10"
            ));
        };
        let (Some(from), Some(to)) = (YearMonth::parse(a), YearMonth::parse(b)) else {
            return Err(format!("--period「{s}」中的月份应写作 2026-07 这样的年-月"));
        };
        if from > to {
            return Err(format!("--period「{s}」的起始月份晚于结束月份"));
        }
        if to.index() - from.index() >= 12 {
            return Err(format!("--period「{s}」超过 12 个月；全年情况请用月度通报"));
        }
        Ok(ContestPeriod { from, to })
    }

    /// The period's months in order.
    pub fn months(&self) -> Vec<YearMonth> {
        (self.from.index()..=self.to.index())
            .filter_map(YearMonth::from_index)
            .collect()
    }

    /// The same months a year earlier.
    pub fn last_year(&self) -> Vec<YearMonth> {
        self.months()
            .into_iter()
            .map(YearMonth::previous_year)
            .collect()
    }

    /// "2026年7-10月", "2026年10月", "2025年11月至2026年2月".
    pub fn label_zh(&self) -> String {
        let (f, t) = (self.from, self.to);
        if f == t {
            format!("{}年{}月", f.year, f.month)
        } else if f.year == t.year {
            format!("{}年{}-{}月", f.year, f.month, t.month)
        } else {
            format!("{}年{}月至{}年{}月", f.year, f.month, t.year, t.month)
        }
    }

    /// The output folder's name: `2026-07..2026-10`.
    pub fn folder(&self) -> String {
        format!("{}..{}", self.from, self.to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_as_written() {
        let p = ContestPeriod::parse("2026-07..2026-10").unwrap();
        assert_eq!(p.months().len(), 4);
        assert_eq!(p.label_zh(), "2026年7-10月");
        assert_eq!(p.folder(), "2026-07..2026-10");
        assert_eq!(p.last_year()[0], YearMonth::new(2025, 7).unwrap());
        let winter = ContestPeriod::parse("2025-11至2026-02").unwrap();
        assert_eq!(winter.months().len(), 4);
        assert_eq!(winter.label_zh(), "2025年11月至2026年2月");
        assert!(ContestPeriod::parse("2026-10..2026-07").is_err());
        assert!(ContestPeriod::parse("2026-07").is_err());
        assert!(ContestPeriod::parse("2025-01..2026-01").is_err());
    }
}
