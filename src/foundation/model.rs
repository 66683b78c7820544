//! The vocabulary shared by every stage: indicators, months, kinds of unit.

use std::fmt;

/// One statistical indicator (指标). The three foreign-capital definitions are
/// distinct variants and are never summed together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicator {
    RegisteredFdi,
    ContractedFdi,
    ArrivedFdi,
    NewFieCount,
    DomesticRegistered,
    DomesticArrived,
    NewDomesticCount,
    TotalInvestment,
    /// Projects at the 意向 stage in the month (项目阶段 column).
    IntentCount,
    /// Projects signed (签约) in the month.
    SignedCount,
    /// Projects started (开工) in the month.
    StartedCount,
    /// Projects gone into production (投产) in the month.
    ProducingCount,
}

/// What an indicator measures, which fixes its canonical unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Foreign capital, canonical 万美元.
    Foreign,
    /// Domestic capital, canonical 万元 (RMB).
    Domestic,
    /// A count of projects or enterprises.
    Count,
}

impl Indicator {
    /// The indicators of the by-region bulletin, in the order the bulletin shows them.
    pub const BULLETIN: [Indicator; 6] = [
        Indicator::RegisteredFdi,
        Indicator::ContractedFdi,
        Indicator::ArrivedFdi,
        Indicator::NewFieCount,
        Indicator::DomesticRegistered,
        Indicator::DomesticArrived,
    ];

    /// The project stages' counts, in the order of a project's life.
    pub const STAGES: [Indicator; 4] = [
        Indicator::IntentCount,
        Indicator::SignedCount,
        Indicator::StartedCount,
        Indicator::ProducingCount,
    ];

    pub const ALL: [Indicator; 12] = [
        Indicator::RegisteredFdi,
        Indicator::ContractedFdi,
        Indicator::ArrivedFdi,
        Indicator::NewFieCount,
        Indicator::DomesticRegistered,
        Indicator::DomesticArrived,
        Indicator::NewDomesticCount,
        Indicator::TotalInvestment,
        Indicator::IntentCount,
        Indicator::SignedCount,
        Indicator::StartedCount,
        Indicator::ProducingCount,
    ];

    /// The stable English key used in settings and tables.
    pub fn key(self) -> &'static str {
        match self {
            Indicator::RegisteredFdi => "registered_fdi",
            Indicator::ContractedFdi => "contracted_fdi",
            Indicator::ArrivedFdi => "arrived_fdi",
            Indicator::NewFieCount => "new_fie_count",
            Indicator::DomesticRegistered => "domestic_registered",
            Indicator::DomesticArrived => "domestic_arrived",
            Indicator::NewDomesticCount => "new_domestic_count",
            Indicator::TotalInvestment => "total_investment",
            Indicator::IntentCount => "intent_count",
            Indicator::SignedCount => "signed_count",
            Indicator::StartedCount => "started_count",
            Indicator::ProducingCount => "producing_count",
        }
    }

    /// The name the bulletin prints.
    pub fn name_zh(self) -> &'static str {
        self.synonyms()[0]
    }

    /// What the indicator counts, for the bulletin's notes (docs/formulas.md "Indicators").
    pub fn meaning_zh(self) -> &'static str {
        match self {
            Indicator::RegisteredFdi => {
                "新设、增资项目注册资本中的外方部分（新口径合同外资），减资为负"
            }
            Indicator::ContractedFdi => {
                "外商在批准的合同中承诺投入的资本：新设加增资减减资，可为负"
            }
            Indicator::ArrivedFdi => "本期实际到位的外资，不论合同签订于哪一年",
            Indicator::NewFieCount => "新批（新设）外商投资企业个数",
            Indicator::DomesticRegistered => "县外内资新设、增资项目的注册资本（人民币）",
            Indicator::DomesticArrived => "县外内资本期实际到位的资金（人民币）",
            Indicator::NewDomesticCount => "新批内资项目个数",
            Indicator::TotalInvestment => "项目总投资",
            Indicator::IntentCount => "本月处于意向阶段（洽谈、在谈）的项目个数",
            Indicator::SignedCount => "本月签约的项目个数",
            Indicator::StartedCount => "本月开工的项目个数（项目阶段为开工，或开工日期在本月）",
            Indicator::ProducingCount => "本月投产的项目个数（项目阶段为投产，或投产日期在本月）",
        }
    }

    /// Labels units use for this indicator, the bulletin's name first.
    /// Matched after [`super::text::normalize_label`].
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Indicator::RegisteredFdi => &["注册外资", "外方注册资本", "新口径合同外资"],
            Indicator::ContractedFdi => &["合同外资", "协议外资", "合同利用外资"],
            Indicator::ArrivedFdi => &[
                "到帐外资",
                "到账外资",
                "实际使用外资",
                "实际利用外资",
                "到位外资",
                "实际到资",
            ],
            Indicator::NewFieCount => &[
                "新设外商投资企业数",
                "新批三资企业",
                "新批外资项目",
                "新设外资企业数",
            ],
            Indicator::DomesticRegistered => &["注册内资", "外地注册资本", "利用外地资本(注册)"],
            Indicator::DomesticArrived => &["到位内资", "外地资本投入量", "内资到位"],
            Indicator::NewDomesticCount => &["新批内资项目数", "新批内资项目"],
            Indicator::TotalInvestment => &["总投资"],
            Indicator::IntentCount => &["意向项目", "签订意向项目", "意向项目数"],
            Indicator::SignedCount => &["新签项目", "新签约项目", "签约项目数", "新签项目数"],
            Indicator::StartedCount => &["新开工项目", "新开工项目数", "开工项目数"],
            Indicator::ProducingCount => &["投产项目", "新投产项目", "投产项目数"],
        }
    }

    pub fn measure(self) -> Measure {
        match self {
            Indicator::RegisteredFdi
            | Indicator::ContractedFdi
            | Indicator::ArrivedFdi
            | Indicator::TotalInvestment => Measure::Foreign,
            Indicator::DomesticRegistered | Indicator::DomesticArrived => Measure::Domestic,
            Indicator::NewFieCount
            | Indicator::NewDomesticCount
            | Indicator::IntentCount
            | Indicator::SignedCount
            | Indicator::StartedCount
            | Indicator::ProducingCount => Measure::Count,
        }
    }

    /// The canonical unit, as printed in headers.
    pub fn unit_zh(self) -> &'static str {
        match self.measure() {
            Measure::Foreign => "万美元",
            Measure::Domestic => "万元",
            Measure::Count => "个",
        }
    }

    /// Finds the indicator a normalised label names, if any.
    pub fn from_label(label: &str) -> Option<Indicator> {
        let label = super::money::strip_unit_suffix(label);
        Indicator::ALL
            .into_iter()
            .find(|i| i.synonyms().contains(&label))
    }
}

/// A calendar month, the grain of every submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    /// Months since January of year 0: differences count months.
    pub fn index(self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }

    /// The month `index` months after January of year 0 (the inverse of [`YearMonth::index`]).
    pub fn from_index(index: i32) -> Option<YearMonth> {
        YearMonth::new(index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
    }

    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        ((1..=12).contains(&month) && (1900..=2999).contains(&year))
            .then_some(YearMonth { year, month })
    }

    /// Parses `YYYY-MM` (also `YYYY-M`, `YYYY.MM`, `YYYY/MM`, `YYYY年M月`).
    pub fn parse(s: &str) -> Option<YearMonth> {
        let s = s.trim().trim_end_matches('月');
        let (y, m) = s
            .split_once(['-', '.', '/', '年'])
            .map(|(y, m)| (y.trim(), m.trim()))?;
        YearMonth::new(y.parse().ok()?, m.parse().ok()?)
    }

    pub fn previous_year(self) -> YearMonth {
        YearMonth {
            year: self.year - 1,
            month: self.month,
        }
    }

    /// January to this month of this year.
    pub fn year_to_date(self) -> Vec<YearMonth> {
        (1..=self.month)
            .filter_map(|m| YearMonth::new(self.year, m))
            .collect()
    }

    /// The months a bulletin for this month reads: last year in full (for
    /// 去年同期 and the trend) and this year up to the month.
    pub fn bulletin_months(self) -> Vec<YearMonth> {
        (1..=12)
            .filter_map(|m| YearMonth::new(self.year - 1, m))
            .chain(self.year_to_date())
            .collect()
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A kind of reporting unit (开发区, 镇, 部门, 团队 …): its place in the
/// county's list of kinds (`UnitKinds`, in unit_kinds.rs), which is the
/// bulletin's order. Ranks, subtotals and flags are within a kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitKind(pub u8);

/// One value per indicator, looked up by the indicator itself rather than by
/// a position in some list of indicators.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PerIndicator<T>([T; Indicator::ALL.len()]);

impl<T> PerIndicator<T> {
    /// The value of each indicator from `value`.
    pub fn from_fn(mut value: impl FnMut(Indicator) -> T) -> PerIndicator<T> {
        PerIndicator(Indicator::ALL.map(&mut value))
    }
}

impl<T> std::ops::Index<Indicator> for PerIndicator<T> {
    type Output = T;
    fn index(&self, indicator: Indicator) -> &T {
        // The variants are declared in the order of `Indicator::ALL` (tested below).
        &self.0[indicator as usize]
    }
}

impl<T> std::ops::IndexMut<Indicator> for PerIndicator<T> {
    fn index_mut(&mut self, indicator: Indicator) -> &mut T {
        &mut self.0[indicator as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_month_parses_the_ways_staff_write_it() {
        let oct = YearMonth::new(2026, 10).unwrap();
        for s in ["2026-10", "2026.10", "2026/10", "2026年10月", " 2026-10 "] {
            assert_eq!(YearMonth::parse(s), Some(oct), "{s}");
        }
        assert_eq!(YearMonth::parse("2026-13"), None);
        assert_eq!(YearMonth::parse("十月"), None);
        assert_eq!(oct.to_string(), "2026-10");
    }

    #[test]
    fn per_indicator_is_indexed_by_the_indicator() {
        for (k, i) in Indicator::ALL.into_iter().enumerate() {
            assert_eq!(i as usize, k, "{i:?} is out of the order of Indicator::ALL");
        }
        let mut keys = PerIndicator::from_fn(Indicator::key);
        assert_eq!(keys[Indicator::ArrivedFdi], "arrived_fdi");
        keys[Indicator::ArrivedFdi] = "x";
        assert_eq!(keys[Indicator::ArrivedFdi], "x");
        assert_eq!(keys[Indicator::ContractedFdi], "contracted_fdi");
    }

    #[test]
    fn indicator_labels_resolve_to_one_definition() {
        assert_eq!(
            Indicator::from_label("到账外资"),
            Some(Indicator::ArrivedFdi)
        );
        assert_eq!(
            Indicator::from_label("协议外资"),
            Some(Indicator::ContractedFdi)
        );
        assert_eq!(
            Indicator::from_label("新口径合同外资"),
            Some(Indicator::RegisteredFdi)
        );
        assert_eq!(
            Indicator::from_label("合同外资(万美元)"),
            Some(Indicator::ContractedFdi)
        );
        assert_eq!(Indicator::from_label("外资"), None);
    }
}
