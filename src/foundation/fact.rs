//! The typed fact: one indicator amount of one unit in one month, in canonical
//! units, with the original amount and where it came from.

use crate::foundation::issue::a1;
use crate::foundation::model::{Indicator, YearMonth};
use crate::foundation::money::MoneyUnit;
use crate::foundation::unit_id::UnitId;
use std::sync::Arc;

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
    /// The event a cell names, by the word inside it: 减 (减资, 减少注册资本),
    /// 到 (到资, 资金到位, 外资到帐), 增 (增资, 追加投资, 增资扩股), 新 or 设立
    /// (新设, 新批, 新设立, 设立). "新增" is a new enterprise, as the forms use it.
    pub fn parse(s: &str) -> Option<Event> {
        let t = crate::foundation::text::normalize_label(s);
        let has = |w: &str| t.contains(w);
        if t.is_empty() || t.chars().count() > 12 {
            None
        } else if has("减") {
            Some(Event::Decrease)
        } else if has("到") || has("实缴") {
            Some(Event::Arrival)
        } else if has("新增") && !has("增资") {
            Some(Event::New)
        } else if has("增") || has("追加") || has("扩股") || has("扩大") {
            Some(Event::Increase)
        } else if has("新") || has("设立") {
            Some(Event::New)
        } else {
            None
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

/// The source or industry of a fact whose cell could not be classified: the
/// amount counts, and the breakdowns show it apart until the unit says.
pub const UNVERIFIED: &str = "待核实";

/// Where a fact was read: enough to find the cell again. The file and
/// sheet names are shared by every fact of the sheet (one allocation, not
/// one per fact: peak memory, issue 14).
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    /// The cell, zero-based.
    pub row: u32,
    pub col: u32,
}

impl Provenance {
    /// The cell's A1 reference ("C12").
    pub fn cell(&self) -> String {
        a1(self.row, self.col)
    }
}

impl Fact {
    /// A figure with nothing but its unit, month, indicator, amount and
    /// cell: no project, event, source or amount as written (a summary
    /// line's 本月).
    pub fn bare(
        unit: UnitId,
        period: YearMonth,
        indicator: Indicator,
        amount: f64,
        provenance: Provenance,
    ) -> Fact {
        Fact {
            unit,
            period,
            indicator,
            amount,
            original: None,
            event: None,
            project: None,
            investor: None,
            source: None,
            ultimate_source: None,
            industry: None,
            date: None,
            provenance,
        }
    }
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
    pub unit: UnitId,
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
