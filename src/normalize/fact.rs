//! The typed fact: one indicator amount of one unit in one month, in canonical
//! units, with the original amount and where it came from.

use super::units::MoneyUnit;
use crate::model::{Indicator, YearMonth};

/// The kind of event a detail row records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    /// 新设: a newly approved project.
    New,
    /// 增资: a capital increase.
    Increase,
    /// 减资: a capital decrease; its amounts count negative.
    Decrease,
    /// 到资: capital arriving on an earlier project.
    Arrival,
}

impl Event {
    pub fn parse(s: &str) -> Option<Event> {
        match crate::normalize::text::normalize_label(s).as_str() {
            "新设" | "新批" | "新办" | "新增" | "新签" => Some(Event::New),
            "增资" | "追加投资" | "增资扩股" => Some(Event::Increase),
            "减资" => Some(Event::Decrease),
            "到资" | "到位" | "到帐" | "到账" | "资金到位" => Some(Event::Arrival),
            _ => None,
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Event::New => "新设",
            Event::Increase => "增资",
            Event::Decrease => "减资",
            Event::Arrival => "到资",
        }
    }
}

/// Where a fact was read: enough to find the cell again.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    pub file: String,
    pub sheet: String,
    /// The cell's A1 reference.
    pub cell: String,
    /// The same cell, zero-based.
    pub row: u32,
    pub col: u32,
}

/// The amount as the unit wrote it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Original {
    pub amount: f64,
    pub unit: MoneyUnit,
}

/// One indicator amount past normalisation: `amount` is canonical (万美元 for
/// foreign capital, 万元 for domestic, a plain count for counts).
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub unit: String,
    pub period: YearMonth,
    pub indicator: Indicator,
    pub amount: f64,
    /// `None` for counts.
    pub original: Option<Original>,
    pub event: Option<Event>,
    pub project: Option<String>,
    /// 投资方, where the row gives one.
    pub investor: Option<String>,
    pub source: Option<String>,
    /// 实际来源地, where the row gives one.
    pub ultimate_source: Option<String>,
    pub industry: Option<String>,
    /// The row's 批准日期, when given.
    pub date: Option<chrono::NaiveDate>,
    pub provenance: Provenance,
}
