//! The month's figures of a drawn case as its unit totals them for a summary
//! (汇总表): one per indicator line, in canonical units (万美元, 万元, counts),
//! by this test's own arithmetic. Two lines a summary carries are not counted
//! by the reader: 总投资超千万美元项目数 and 招商引资总额.

use super::case::{canonical, Case, Event};
use super::places;
use zhaoshang::foundation::model::Indicator;

/// An indicator line of a summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Line {
    NewFie,
    LargeFie,
    Contracted,
    Registered,
    Arrived,
    Total,
    NewDom,
    DomReg,
    DomArr,
    Attracted,
}

/// What a line measures, which fixes the unit it is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Foreign,
    Domestic,
    Count,
}

impl Line {
    pub fn measure(self) -> Measure {
        match self {
            Line::NewFie | Line::LargeFie | Line::NewDom => Measure::Count,
            Line::Contracted | Line::Registered | Line::Arrived | Line::Total => Measure::Foreign,
            Line::DomReg | Line::DomArr | Line::Attracted => Measure::Domestic,
        }
    }

    /// The fact the reader must give for this line; `None` for lines it does not count.
    pub fn indicator(self) -> Option<Indicator> {
        Some(match self {
            Line::NewFie => Indicator::NewFieCount,
            Line::Contracted => Indicator::ContractedFdi,
            Line::Registered => Indicator::RegisteredFdi,
            Line::Arrived => Indicator::ArrivedFdi,
            Line::Total => Indicator::TotalInvestment,
            Line::NewDom => Indicator::NewDomesticCount,
            Line::DomReg => Indicator::DomesticRegistered,
            Line::DomArr => Indicator::DomesticArrived,
            Line::LargeFie | Line::Attracted => return None,
        })
    }
}

/// The month's value of `line` for `case`, canonical.
pub fn month_value(case: &Case, line: Line) -> f64 {
    let rates = places::rates(case.month);
    let sum = |foreign: bool, pick: fn(&super::case::Row) -> Option<i64>| -> f64 {
        case.rows
            .iter()
            .filter(|r| r.foreign == foreign)
            .filter_map(|r| pick(r).map(|h| canonical(h, r.money, r.foreign, &rates)))
            .sum()
    };
    let count = |f: &dyn Fn(&super::case::Row) -> bool| case.rows.iter().filter(|r| f(r)).count();
    match line {
        Line::NewFie => count(&|r| r.foreign && r.event == Event::New) as f64,
        Line::LargeFie => count(&|r| {
            r.foreign
                && r.event == Event::New
                && r.total
                    .is_some_and(|t| canonical(t, r.money, true, &rates) >= 1000.0)
        }) as f64,
        Line::NewDom => count(&|r| !r.foreign && r.event == Event::New) as f64,
        Line::Contracted => sum(true, |r| r.contracted),
        Line::Registered => sum(true, |r| r.registered),
        Line::Arrived => sum(true, |r| r.arrived),
        Line::Total => sum(true, |r| r.total),
        Line::DomReg => sum(false, |r| r.registered),
        Line::DomArr => sum(false, |r| r.arrived),
        // 招商引资总额 as this county adds it: 注册内资 plus 合同外资 in 万元.
        Line::Attracted => {
            sum(false, |r| r.registered) + sum(true, |r| r.contracted) * rates[0] / 100.0
        }
    }
}

/// Adds `value` (canonical) for `line`'s indicator to `totals`, if the reader counts it.
pub fn add_total(totals: &mut Vec<(Indicator, f64)>, line: Line, value: f64) {
    let Some(indicator) = line.indicator() else {
        return;
    };
    match totals.iter_mut().find(|(i, _)| *i == indicator) {
        Some((_, v)) => *v += value,
        None => totals.push((indicator, value)),
    }
}
