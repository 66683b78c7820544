//! Compares what the reader made of a generated workbook with the drawn facts:
//! no error issue; the facts equal as a multiset of (indicator, amount) — or,
//! for a summary without detail, the month's total of each indicator; unit,
//! period, industry and source right where the sheet gave them. A negative
//! control instead needs an error naming its cell.

use super::case::{Case, Expected};
use super::negative::{Answer, Control, Target};
use zhaoshang::foundation::fact::Fact;
use zhaoshang::foundation::issue::{Issue, Severity};
use zhaoshang::foundation::model::Indicator;

/// (rule or kind, detail) pairs: error issues, or differences in the facts.
pub type Findings = Vec<(String, String)>;

/// What one seed came to.
pub struct Outcome {
    pub seed: u64,
    /// Which kind of workbook: detail, summary, detail+summary, across, or a
    /// negative control.
    pub kind: String,
    pub tags: Vec<String>,
    /// (rule id, brief) of every error issue.
    pub errors: Vec<(String, String)>,
    /// (rule id, brief) of every warning issue.
    pub warnings: Vec<(String, String)>,
    /// The warnings a clean form of this kind must not get (on a summary).
    pub unexpected_warnings: Vec<(String, String)>,
    /// (kind, detail) of every difference in the facts.
    pub diffs: Vec<(String, String)>,
    /// A negative control's control and how the reader answered it.
    pub control: Option<(Control, Answer)>,
    pub header_words: Vec<String>,
    pub unit_statements: Vec<String>,
    pub industry_texts: Vec<String>,
}

impl Outcome {
    pub fn accepted(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn facts_equal(&self) -> bool {
        self.diffs.is_empty()
    }

    /// No warning, where none is expected.
    pub fn clean(&self) -> bool {
        self.unexpected_warnings.is_empty()
    }

    pub fn passed(&self) -> bool {
        match self.control {
            Some((_, answer)) => answer == Answer::RejectedAtCell,
            None => self.accepted() && self.facts_equal() && self.clean(),
        }
    }
}

/// (rule id, brief) of the issues of `severity`.
pub fn issues_of(issues: &[Issue], severity: Severity) -> Findings {
    issues
        .iter()
        .filter(|i| i.severity() == severity)
        .map(|i| (i.rule.id().to_string(), i.brief()))
        .collect()
}

/// How the reader answered a negative control.
pub fn answer(target: &Target, issues: &[Issue]) -> Answer {
    let errors: Vec<&Issue> = issues
        .iter()
        .filter(|i| i.severity() == Severity::Error)
        .collect();
    if errors.is_empty() {
        return Answer::Accepted;
    }
    let names_target = errors.iter().any(|i| {
        i.location.sheet.as_deref() == Some(target.sheet.as_str())
            && i.location.cell.is_some_and(|(r, c)| {
                target
                    .cells
                    .iter()
                    .any(|&(tr, tc)| tr == r && tc as u32 == c)
            })
    });
    if names_target {
        Answer::RejectedAtCell
    } else {
        Answer::RejectedElsewhere
    }
}

/// For a summary without detail: each indicator's month total read equals the
/// total the sheet states (0 where it states none); unit and period right.
pub fn compare_totals(case: &Case, totals: &[(Indicator, f64)], facts: &[Fact]) -> Findings {
    let mut diffs = Vec::new();
    for indicator in Indicator::ALL {
        let want = totals
            .iter()
            .filter(|(i, _)| *i == indicator)
            .map(|(_, v)| v)
            .sum::<f64>();
        let read: Vec<&Fact> = facts.iter().filter(|f| f.indicator == indicator).collect();
        let got: f64 = read.iter().map(|f| f.amount).sum();
        if (got - want).abs() > 1e-6 * want.abs().max(1.0) {
            diffs.push((
                format!("total {indicator:?}"),
                format!(
                    "{indicator:?} read {got:.4} in {} fact(s), the summary says {want:.4}",
                    read.len()
                ),
            ));
        }
    }
    diffs.extend(unit_and_period(case, facts));
    diffs
}

fn unit_and_period(case: &Case, facts: &[Fact]) -> Findings {
    let mut diffs = Vec::new();
    let month = zhaoshang::foundation::model::YearMonth::new(case.month.0, case.month.1).unwrap();
    if let Some(a) = facts.iter().find(|f| f.unit != case.unit) {
        diffs.push((
            "unit".into(),
            format!("read unit {:?}, drawn {}", a.unit, case.unit),
        ));
    }
    if let Some(a) = facts.iter().find(|f| f.period != month) {
        diffs.push((
            "period".into(),
            format!("read period {}, drawn {month}", a.period),
        ));
    }
    diffs
}

fn is_count(indicator: Indicator) -> bool {
    matches!(
        indicator,
        Indicator::NewFieCount | Indicator::NewDomesticCount
    )
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-6 * expected.abs()
}

/// The differences between `facts` and `expected`.
pub fn compare(case: &Case, expected: &[Expected], facts: &[Fact]) -> Findings {
    let actual: Vec<&Fact> = facts
        .iter()
        .filter(|f| is_count(f.indicator) || f.amount != 0.0)
        .collect();
    let mut used = vec![false; actual.len()];
    let mut diffs = Vec::new();
    for e in expected {
        let candidates: Vec<usize> = (0..actual.len())
            .filter(|&j| {
                !used[j] && actual[j].indicator == e.indicator && close(actual[j].amount, e.amount)
            })
            .collect();
        let best = candidates
            .iter()
            .copied()
            .find(|&j| attributes(case, e, actual[j]).is_empty())
            .or(candidates.first().copied());
        match best {
            Some(j) => {
                used[j] = true;
                diffs.extend(attributes(case, e, actual[j]));
            }
            None => {
                let same: Vec<String> = actual
                    .iter()
                    .enumerate()
                    .filter(|(j, a)| !used[*j] && a.indicator == e.indicator)
                    .map(|(_, a)| format!("{:.4}", a.amount))
                    .collect();
                diffs.push((
                    format!("missing {:?}", e.indicator),
                    format!(
                        "{:?} {:.4} of row {} ({}); unmatched read {:?}: [{}]",
                        e.indicator,
                        e.amount,
                        e.row + 1,
                        describe_row(case, e.row),
                        e.indicator,
                        same.join(", ")
                    ),
                ));
            }
        }
    }
    for (j, a) in actual.iter().enumerate() {
        if !used[j] {
            diffs.push((
                format!("extra {:?}", a.indicator),
                format!(
                    "{:?} {:.4} (project {:?})",
                    a.indicator, a.amount, a.project
                ),
            ));
        }
    }
    diffs.extend(unit_and_period(case, facts));
    diffs
}

/// Industry, source and ultimate source, where the row gave them.
fn attributes(case: &Case, e: &Expected, a: &Fact) -> Vec<(String, String)> {
    let row = &case.rows[e.row];
    let mut out = Vec::new();
    if let (Some(want), Some(spelled)) = (&e.industry, &row.industry) {
        if a.industry.as_deref() != Some(want.as_str()) {
            out.push((
                format!("industry {}", spelled.form),
                format!("「{}」 read as {:?}, want {want}", spelled.text, a.industry),
            ));
        }
    }
    if let (Some(want), Some((_, spelled))) = (e.source, row.source) {
        if a.source.as_deref() != Some(want) {
            out.push((
                "source".into(),
                format!("「{spelled}」 read as {:?}, want {want}", a.source),
            ));
        }
    }
    if let (Some(want), Some((_, spelled))) = (e.ultimate, row.ultimate) {
        if a.ultimate_source.as_deref() != Some(want) {
            out.push((
                "ultimate_source".into(),
                format!("「{spelled}」 read as {:?}, want {want}", a.ultimate_source),
            ));
        }
    }
    out
}

fn describe_row(case: &Case, i: usize) -> String {
    let row = &case.rows[i];
    format!(
        "{} {:?}, {:?}×{}",
        if row.foreign { "外资" } else { "内资" },
        row.event,
        row.money.cur,
        row.money.mag
    )
}
