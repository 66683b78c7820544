//! The kinds of workbook a seed writes: the project detail alone, a summary
//! alone, both (the summary first or second, agreeing with the detail), a
//! summary laid across, and negative controls on a detail or a summary.

use super::around;
use super::book::Sheet;
use super::case::{self, Case, Needs};
use super::layout::{self, Written};
use super::negative::{Control, CONTROLS};
use super::pick::{self, Rng};
use super::summary::{self, SummaryOut};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Detail,
    Summary,
    DetailAndSummary,
    Across,
    /// A control on a detail (`false`) or a summary (`true`).
    Negative(Control, bool),
}

impl Kind {
    pub fn name(self) -> String {
        match self {
            Kind::Detail => "detail".into(),
            Kind::Summary => "summary".into(),
            Kind::DetailAndSummary => "detail+summary".into(),
            Kind::Across => "across".into(),
            Kind::Negative(c, on_summary) => format!(
                "negative {c:?} on {}",
                if on_summary { "summary" } else { "detail" }
            ),
        }
    }

    /// The warnings that fail a case of this kind: any, for a summary alone
    /// (its forms are clean by construction); those on the summary sheet or
    /// comparing it with the detail, for both; none for a detail, whose drift
    /// leaves some warnings due (a blank 来源地 on an arrival).
    pub fn unexpected_warnings(
        self,
        issues: &[zhaoshang::foundation::issue::Issue],
        summary_sheet: Option<&str>,
    ) -> Vec<(String, String)> {
        use zhaoshang::foundation::issue::Severity;
        issues
            .iter()
            .filter(|i| i.severity() == Severity::Warning)
            .filter(|i| match self {
                Kind::Summary | Kind::Across => true,
                Kind::DetailAndSummary => {
                    i.rule.id().starts_with("cross.summary")
                        || i.location.sheet.as_deref() == summary_sheet
                }
                _ => false,
            })
            .map(|i| (i.rule.id().to_string(), i.brief()))
            .collect()
    }

    fn needs(self) -> Needs {
        match self {
            Kind::Negative(Control::NotANumber, _) => Needs {
                foreign_rows: true,
                stated_unit: false,
            },
            Kind::Negative(..) => Needs {
                foreign_rows: true,
                stated_unit: true,
            },
            _ => Needs::default(),
        }
    }
}

/// The seed's kind: mostly forms that must read back, a smaller share of
/// negative controls.
pub fn draw_kind(rng: &mut Rng) -> Kind {
    let kind = *pick::any_weighted(
        rng,
        &[
            (40, Kind::Detail),
            (20, Kind::Summary),
            (18, Kind::DetailAndSummary),
            (10, Kind::Across),
            (12, Kind::Negative(Control::NotANumber, false)),
        ],
    );
    match kind {
        Kind::Negative(..) => {
            let control = *pick::any(rng, &CONTROLS);
            Kind::Negative(control, pick::maybe(rng, 0.4))
        }
        other => other,
    }
}

/// Draws the case a kind needs.
pub fn draw_case(rng: &mut Rng, kind: Kind) -> Case {
    case::draw(rng, kind.needs())
}

/// Writes `case` as a workbook of `kind`.
pub fn write(kind: Kind, case: &mut Case, rng: &mut Rng) -> Written {
    match kind {
        Kind::Detail => layout::lay_out(case, rng, None),
        Kind::Negative(control, false) => layout::lay_out(case, rng, Some(control)),
        Kind::Summary => summary_only(case, rng, None, false),
        Kind::Negative(control, true) => summary_only(case, rng, Some(control), false),
        Kind::Across => summary_only(case, rng, None, true),
        Kind::DetailAndSummary => both(case, rng),
    }
}

fn summary_only(case: &mut Case, rng: &mut Rng, control: Option<Control>, across: bool) -> Written {
    let mut tags = std::mem::take(&mut case.tags);
    let out: SummaryOut = if across {
        super::across::across_sheet(case, rng, &mut tags)
    } else {
        summary::summary_sheet(case, rng, &mut tags, None, control)
    };
    let file_name = around::file_name(
        rng,
        &mut tags,
        case.unit,
        case.month,
        out.unit_said,
        out.period_said,
    );
    let mut sheets = vec![out.sheet];
    if pick::chance(rng, 0.08) {
        let name = if sheets[0].name == "Sheet1" {
            "Sheet2"
        } else {
            "Sheet1"
        };
        if pick::chance(rng, 0.5) {
            sheets.insert(0, Sheet::named(name));
            tags.add("sheets", "empty_before");
        } else {
            sheets.push(Sheet::named(name));
            tags.add("sheets", "empty_after");
        }
    }
    case.tags = tags;
    Written {
        sheets,
        file_name,
        header_words: out.header_words,
        unit_statements: out.unit_statements,
        industry_texts: vec![],
        totals: Some(out.totals),
        target: out.target,
        summary_sheet: None,
    }
}

fn both(case: &mut Case, rng: &mut Rng) -> Written {
    let detail = layout::detail_sheet(case, rng, None);
    let mut tags = std::mem::take(&mut case.tags);
    let summary = summary::summary_sheet(case, rng, &mut tags, Some(&detail.sheet.name), None);
    let file_name = around::file_name(
        rng,
        &mut tags,
        case.unit,
        case.month,
        detail.unit_said || summary.unit_said,
        detail.period_said || summary.period_said,
    );
    let summary_name = summary.sheet.name.clone();
    let summary_first = pick::chance(rng, 0.5);
    tags.add(
        "sheets",
        if summary_first {
            "summary_first"
        } else {
            "summary_second"
        },
    );
    let sheets = if summary_first {
        vec![summary.sheet, detail.sheet]
    } else {
        vec![detail.sheet, summary.sheet]
    };
    let mut header_words = detail.header_words;
    header_words.extend(summary.header_words);
    let mut unit_statements = detail.unit_statements;
    unit_statements.extend(summary.unit_statements);
    case.tags = tags;
    Written {
        sheets,
        file_name,
        header_words,
        unit_statements,
        industry_texts: detail.industry_texts,
        totals: None,
        target: None,
        summary_sheet: Some(summary_name),
    }
}
