//! The one receipts table. For each unit and month: whether its data went into
//! the figures (采用), was sent but kept out (未采用), was not sent (未报), or
//! came from the history store; and for every entry of the month folders what
//! became of it and why. Built once per run from the checked submissions; the
//! figures, the bulletin's 分地区 and 说明, the audit's 报表接收 and 报送情况,
//! the terminal, `status` and the exit code all read it and decide nothing.

use super::{status, Status};
use crate::foundation::issue::{Issue, Rule, Severity};
use crate::foundation::model::YearMonth;
use crate::foundation::unit_id::UnitId;
use crate::normalize::submission::NormalizedSubmission;
use std::collections::BTreeMap;

/// What became of one unit's month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Receipt {
    Accepted,
    AcceptedWithWarnings,
    /// Sent, but every file for the month was kept out (an error, or not a
    /// workbook, or in the wrong month's folder).
    Rejected,
    /// No file for the month.
    Missing,
    /// No file in data/, but the month's figures are in the history store.
    FromStore,
}

impl Receipt {
    /// Whether the unit's figures for the month are in the bulletin.
    pub fn is_used(self) -> bool {
        matches!(
            self,
            Receipt::Accepted | Receipt::AcceptedWithWarnings | Receipt::FromStore
        )
    }

    /// The one-character mark of the 报送情况 grid.
    pub fn symbol(self) -> &'static str {
        match self {
            Receipt::Accepted => "✓",
            Receipt::AcceptedWithWarnings => "△",
            Receipt::Rejected => "✗",
            Receipt::Missing => "○",
            Receipt::FromStore => "库",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Receipt::Accepted => "采用",
            Receipt::AcceptedWithWarnings => "采用（有警告）",
            Receipt::Rejected => "未采用",
            Receipt::Missing => "未报",
            Receipt::FromStore => "历史库",
        }
    }

    /// Which of two files' outcomes stands for the unit's month: a used file
    /// over a stored copy over a file kept out.
    fn rank(self) -> u8 {
        match self {
            Receipt::Accepted => 4,
            Receipt::AcceptedWithWarnings => 3,
            Receipt::FromStore => 2,
            Receipt::Rejected => 1,
            Receipt::Missing => 0,
        }
    }
}

/// A file whose figures were read from the history store because its
/// workbook is no longer in data/.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct StoredFile {
    pub month: YearMonth,
    pub unit: UnitId,
    pub file: String,
    pub sha256: String,
}

/// One entry of the month folders, a stored month's file, or a unit that
/// sent nothing, and what became of it.
#[derive(Clone, Debug, PartialEq)]
pub struct FileLine {
    /// `None` when the unit could not be told (or for a lock file).
    pub unit: Option<UnitId>,
    /// The month whose place the file takes: its folder's month, else the
    /// month its title or name gives.
    pub month: Option<YearMonth>,
    /// The path as shown to people; "—" for a unit that sent nothing.
    pub file: String,
    pub sha256: Option<String>,
    pub status: Status,
    pub errors: usize,
    pub warnings: usize,
    /// Lines for the record (which file replaced which, a lock file).
    pub notes: usize,
    /// Why it did not go in: the first error with its sheet, cell and raw
    /// value, the file that replaced it, why it was not read. `None` when used.
    pub reason: Option<String>,
    /// Its index among the submissions the table was built from.
    pub submission: Option<usize>,
}

impl FileLine {
    fn missing(unit: &UnitId, month: YearMonth) -> FileLine {
        FileLine {
            unit: Some(unit.clone()),
            month: Some(month),
            file: "—".to_string(),
            sha256: None,
            status: Status::Missing,
            errors: 0,
            warnings: 0,
            notes: 0,
            reason: Some("本月没有收到报表".to_string()),
            submission: None,
        }
    }

    /// Whether anything was said about the file (an error, a warning, a note).
    pub fn has_issues(&self) -> bool {
        self.errors + self.warnings + self.notes > 0
    }
}

/// The receipts of a run: every unit × month, every entry with its outcome.
#[derive(Clone, Debug)]
pub struct Receipts {
    /// The report month.
    pub month: YearMonth,
    /// The units in the reference order.
    pub units: Vec<UnitId>,
    marks: BTreeMap<(UnitId, YearMonth), Receipt>,
    /// Every submission read, every entry passed over and every stored file,
    /// in the order given.
    pub files: Vec<FileLine>,
}

impl Receipts {
    /// Works the table out from the checked submissions (their statuses
    /// final), the lock and hidden files passed over (`skipped`, as info
    /// issues) and the files behind months taken from the store.
    pub fn build(
        subs: &[NormalizedSubmission],
        skipped: &[Issue],
        units: &[UnitId],
        month: YearMonth,
        stored: &[StoredFile],
    ) -> Receipts {
        let mut files: Vec<FileLine> = subs.iter().enumerate().map(file_line).collect();
        files.extend(skipped.iter().map(|issue| FileLine {
            unit: None,
            month: issue.period,
            file: issue.location.file.clone(),
            sha256: None,
            status: Status::NotRead,
            errors: 0,
            warnings: 0,
            notes: 1,
            reason: Some(issue.message.clone()),
            submission: None,
        }));
        files.extend(stored.iter().map(|s| FileLine {
            unit: Some(s.unit.clone()),
            month: Some(s.month),
            file: s.file.clone(),
            sha256: Some(s.sha256.clone()),
            status: Status::FromStore,
            errors: 0,
            warnings: 0,
            notes: 0,
            reason: None,
            submission: None,
        }));
        let mut marks: BTreeMap<(UnitId, YearMonth), Receipt> = BTreeMap::new();
        for line in &files {
            let (Some(unit), Some(m)) = (&line.unit, line.month) else {
                continue;
            };
            let receipt = match line.status {
                Status::Accepted => Receipt::Accepted,
                Status::AcceptedWithWarnings => Receipt::AcceptedWithWarnings,
                Status::Rejected => Receipt::Rejected,
                Status::FromStore => Receipt::FromStore,
                Status::Superseded | Status::NotRead | Status::Missing => continue,
            };
            let mark = marks.entry((unit.clone(), m)).or_insert(receipt);
            if receipt.rank() > mark.rank() {
                *mark = receipt;
            }
        }
        Receipts {
            month,
            units: units.to_vec(),
            marks,
            files,
        }
    }

    /// What became of `unit`'s `month`.
    pub fn of(&self, unit: &UnitId, month: YearMonth) -> Receipt {
        self.marks
            .get(&(unit.clone(), month))
            .copied()
            .unwrap_or(Receipt::Missing)
    }

    /// The units whose report month is as `wanted` says, in reference order.
    fn units_where(&self, wanted: impl Fn(Receipt) -> bool) -> Vec<UnitId> {
        self.units
            .iter()
            .filter(|u| wanted(self.of(u, self.month)))
            .cloned()
            .collect()
    }

    /// Units whose report month is in the figures (已报并采用).
    pub fn received(&self) -> Vec<UnitId> {
        self.units_where(Receipt::is_used)
    }

    /// Units that sent the report month but whose data was kept out (未采用).
    pub fn rejected(&self) -> Vec<UnitId> {
        self.units_where(|r| r == Receipt::Rejected)
    }

    /// Units with no file for the report month (未报): the 催报 list.
    pub fn missing(&self) -> Vec<UnitId> {
        self.units_where(|r| r == Receipt::Missing)
    }

    /// Why `unit`'s report month was kept out: its files' reasons, joined.
    pub fn reason_kept_out(&self, unit: &UnitId) -> Option<String> {
        let reasons: Vec<String> = self
            .month_files()
            .filter(|l| l.unit.as_ref() == Some(unit) && l.status == Status::Rejected)
            .filter_map(|l| Some(format!("{}：{}", l.file, l.reason.as_deref()?)))
            .collect();
        (!reasons.is_empty()).then(|| reasons.join("；"))
    }

    /// The entries of the report month's folder (and files naming it).
    pub fn month_files(&self) -> impl Iterator<Item = &FileLine> {
        self.files
            .iter()
            .filter(|l| l.month == Some(self.month) && l.status != Status::FromStore)
    }

    /// Report-month files kept out whose unit could not be told at all.
    pub fn unidentified(&self) -> Vec<&FileLine> {
        self.month_files()
            .filter(|l| l.unit.is_none() && l.status == Status::Rejected)
            .collect()
    }

    /// Nothing at all arrived for the report month: no file (lock files
    /// aside) and no stored copy.
    pub fn nothing_received(&self) -> bool {
        !self.month_files().any(|l| l.status != Status::NotRead)
            && !self.units.iter().any(|u| self.of(u, self.month).is_used())
    }

    /// Nothing sent for the report month was kept out, every file of it was
    /// tied to a unit, and something arrived: the run's exit code is 0 only
    /// then. Units that sent nothing are chased (催报), not an error.
    pub fn all_in(&self) -> bool {
        !self.nothing_received() && self.rejected().is_empty() && self.unidentified().is_empty()
    }

    /// Each unit with one mark per month 1..=report month of this year.
    pub fn grid(&self) -> Vec<(UnitId, Vec<Receipt>)> {
        let months: Vec<YearMonth> = (1..=self.month.month)
            .filter_map(|m| YearMonth::new(self.month.year, m))
            .collect();
        self.units
            .iter()
            .map(|u| (u.clone(), months.iter().map(|&m| self.of(u, m)).collect()))
            .collect()
    }

    fn this_year(&self, line: &FileLine) -> bool {
        line.month
            .is_some_and(|m| m.year == self.month.year && m.month <= self.month.month)
    }

    /// The year's files kept out by an error, newest month first.
    pub fn rejections(&self) -> Vec<&FileLine> {
        let mut lines: Vec<&FileLine> = self
            .files
            .iter()
            .filter(|l| l.status == Status::Rejected && self.this_year(l))
            .collect();
        lines.sort_by(|a, b| b.month.cmp(&a.month).then_with(|| a.file.cmp(&b.file)));
        lines
    }

    /// The year's files whose unit could not be told.
    pub fn unidentified_this_year(&self) -> Vec<&FileLine> {
        self.files
            .iter()
            .filter(|l| l.unit.is_none() && l.status == Status::Rejected && self.this_year(l))
            .collect()
    }

    /// The lines of the audit's 报表接收: every entry of the report month,
    /// earlier files with something said about them (they change 累计 and
    /// 去年同期), and the units that sent nothing; newest month first, then
    /// the lines that need a look.
    pub fn overview_lines(&self) -> Vec<FileLine> {
        let mut lines: Vec<FileLine> = self
            .files
            .iter()
            .filter(|l| l.status != Status::FromStore)
            .filter(|l| l.month == Some(self.month) || l.has_issues())
            .cloned()
            .chain(self.missing_lines())
            .collect();
        lines.sort_by(|a, b| {
            b.month
                .cmp(&a.month)
                .then_with(|| a.status.cmp(&b.status).reverse())
                .then_with(|| a.file.cmp(&b.file))
        });
        lines
    }

    /// The lines of the bulletin's 说明: every submission of months 1..N of
    /// both years with whether it went in, the stored files, and the units
    /// that sent nothing; newest month first, then by unit.
    pub fn note_lines(&self) -> Vec<FileLine> {
        let mut lines: Vec<FileLine> = self
            .files
            .iter()
            .filter(|l| l.status != Status::NotRead)
            .filter(|l| l.month.is_some_and(|m| m.month <= self.month.month))
            .cloned()
            .chain(self.missing_lines())
            .collect();
        lines.sort_by(|a, b| {
            b.month
                .cmp(&a.month)
                .then_with(|| a.unit.cmp(&b.unit))
                .then_with(|| a.file.cmp(&b.file))
        });
        lines
    }

    fn missing_lines(&self) -> impl Iterator<Item = FileLine> + '_ {
        self.missing()
            .into_iter()
            .map(|u| FileLine::missing(&u, self.month))
    }
}

/// One submission's line: its status from its issues, and the month whose
/// place it takes — the folder's, so a file in the wrong month's folder is
/// that month's 未采用, not a gap.
fn file_line((index, sub): (usize, &NormalizedSubmission)) -> FileLine {
    let status = status(sub);
    let count = |severity| {
        sub.issues
            .iter()
            .filter(|i| i.severity() == severity)
            .count()
    };
    let reason = (!status.is_used()).then(|| {
        sub.issues
            .iter()
            .find(|i| match status {
                Status::Superseded => i.rule == Rule::Superseded,
                _ => i.severity() == Severity::Error,
            })
            .or_else(|| sub.issues.first())
            .map(Issue::brief)
            .unwrap_or_default()
    });
    FileLine {
        unit: sub.unit.clone(),
        month: sub.file.folder_month.or(sub.period),
        file: sub.file.name.clone(),
        sha256: sub.sha256.clone(),
        status,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        notes: count(Severity::Info),
        reason,
        submission: Some(index),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::issue::Location;
    use crate::ingest::SubmissionFile;

    const OCT: YearMonth = YearMonth {
        year: 2026,
        month: 10,
    };

    /// A submission of `unit` in October's folder for `period`, with `rules` said about it.
    fn sub(
        file: &str,
        unit: &str,
        period: Option<YearMonth>,
        rules: &[Rule],
    ) -> NormalizedSubmission {
        let file = SubmissionFile {
            path: file.into(),
            name: file.to_string(),
            folder_month: Some(OCT),
        };
        let issue =
            |rule: &Rule| Issue::new(*rule, Location::file(&file.name), None, format!("{rule:?}"));
        let mut sub = NormalizedSubmission::failed(&file, issue(&Rule::FileUnreadable));
        sub.unit = Some(unit.into());
        sub.period = period;
        sub.issues = rules.iter().map(issue).collect();
        sub
    }

    fn units() -> Vec<UnitId> {
        vec!["甲区".into(), "东镇".into()]
    }

    #[test]
    fn a_used_file_stands_for_the_month_over_one_kept_out() {
        let subs = [
            sub("东镇.pdf", "东镇", None, &[Rule::NotAWorkbook]),
            sub("东镇.xlsx", "东镇", Some(OCT), &[]),
        ];
        let r = Receipts::build(&subs, &[], &units(), OCT, &[]);
        assert_eq!(r.of(&"东镇".into(), OCT), Receipt::Accepted);
        assert_eq!(r.received(), vec!["东镇"]);
        assert_eq!(r.missing(), vec!["甲区"]);
        assert!(r.rejected().is_empty());
        // A unit that sent nothing is chased, not an exit code of its own.
        assert!(r.all_in());
    }

    #[test]
    fn a_file_in_the_wrong_months_folder_is_that_months_rejection() {
        let subs = [
            sub("甲区.xlsx", "甲区", Some(OCT), &[]),
            sub("东镇_2026-09.xlsx", "东镇", None, &[Rule::PeriodMismatch]),
        ];
        let r = Receipts::build(&subs, &[], &units(), OCT, &[]);
        assert_eq!(r.of(&"东镇".into(), OCT), Receipt::Rejected);
        assert_eq!(r.rejected(), vec!["东镇"]);
        assert!(r.missing().is_empty());
        assert_eq!(
            r.reason_kept_out(&"东镇".into()).as_deref(),
            Some("东镇_2026-09.xlsx：PeriodMismatch")
        );
        assert_eq!(r.rejections().len(), 1);
        // In the 说明 once, and no 未报 line for 东镇.
        let notes = r.note_lines();
        let dong: Vec<_> = notes
            .iter()
            .filter(|l| l.unit == Some("东镇".into()))
            .collect();
        assert_eq!(dong.len(), 1);
        assert_eq!(dong[0].status, Status::Rejected);
        assert!(!r.all_in());
    }

    #[test]
    fn lock_files_alone_are_nothing_received_and_stored_months_are_used() {
        let lock = Issue::new(
            Rule::EntrySkipped,
            Location::file("~$东镇.xlsx"),
            None,
            "锁定".into(),
        );
        let lock = Issue {
            period: Some(OCT),
            ..lock
        };
        let r = Receipts::build(&[], &[lock], &units(), OCT, &[]);
        assert!(r.nothing_received());
        assert_eq!(r.missing(), units());
        assert_eq!(r.overview_lines().len(), 3, "the lock file and two 未报");

        let sept = YearMonth::new(2026, 9).unwrap();
        let stored = StoredFile {
            month: sept,
            unit: "甲区".into(),
            file: "submissions/2026-09/甲区.xlsx".to_string(),
            sha256: "ab".to_string(),
        };
        let r = Receipts::build(&[], &[], &units(), OCT, &[stored]);
        assert_eq!(r.of(&"甲区".into(), sept), Receipt::FromStore);
        assert!(r.of(&"甲区".into(), sept).is_used());
        assert_eq!(r.grid()[0].1[8], Receipt::FromStore);
    }
}
