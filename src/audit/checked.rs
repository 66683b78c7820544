//! The month's submissions once checked, and what goes on from them through
//! the receipts table: the facts of the files used (for the figures and the
//! history store), the files behind months read from the store, and every
//! issue in the audit workbook's order.

use super::receipts::{Receipts, StoredFile};
use super::{status, Status};
use crate::foundation::fact::Fact;
use crate::foundation::issue::Issue;
use crate::foundation::model::YearMonth;
use crate::normalize::submission::NormalizedSubmission;
use crate::store::facts::{FactRecord, StoredFact};
use std::collections::{BTreeMap, BTreeSet};

/// Stored facts by month.
pub type FactsByMonth = BTreeMap<YearMonth, Vec<StoredFact>>;

/// The facts of the files used, by month, borrowed from their submissions.
pub type RecordsByMonth<'a> = BTreeMap<YearMonth, Vec<FactRecord<'a>>>;

/// Every submission read, normalised and checked; plus the lock, hidden and
/// system files passed over (info issues).
pub struct CheckedSubmissions {
    pub subs: Vec<NormalizedSubmission>,
    pub skipped: Vec<Issue>,
}

impl CheckedSubmissions {
    /// Whether any file has an error (`check` exits 2).
    pub fn any_rejected(&self) -> bool {
        self.subs.iter().any(|s| status(s) == Status::Rejected)
    }

    /// The months whose folders hold at least one submission.
    pub fn months_with_files(&self) -> BTreeSet<YearMonth> {
        self.subs
            .iter()
            .filter_map(|s| s.file.folder_month)
            .collect()
    }

    /// The submissions the receipts table uses.
    fn used<'a>(
        &'a self,
        receipts: &'a Receipts,
    ) -> impl Iterator<Item = &'a NormalizedSubmission> {
        receipts
            .files
            .iter()
            .filter(|l| l.status.is_used())
            .filter_map(|l| self.subs.get(l.submission?))
    }

    /// The accepted facts of each month that has files in data/, as the store
    /// will keep them; a month whose files were all kept out has none.
    pub fn facts_on_file<'a>(
        &'a self,
        receipts: &'a Receipts,
        months: &[YearMonth],
    ) -> RecordsByMonth<'a> {
        let mut by_month: RecordsByMonth = self
            .months_with_files()
            .into_iter()
            .map(|m| (m, Vec::new()))
            .collect();
        for sub in self.used(receipts) {
            for fact in &sub.facts {
                if months.contains(&fact.period) {
                    by_month.entry(fact.period).or_default().push(FactRecord {
                        fact,
                        sha256: sub.sha256.as_deref().unwrap_or_default(),
                    });
                }
            }
        }
        by_month
    }

    /// The facts that go into the figures: those of the files used, then
    /// those of the months read from the store. The submissions' facts are
    /// moved out, not copied: from here on only their issues, hashes and
    /// statuses are read, and a province's facts are not held twice (peak
    /// memory, issue 14).
    pub fn take_accepted_facts(
        &mut self,
        receipts: &Receipts,
        from_store: &FactsByMonth,
    ) -> Vec<Fact> {
        let mut facts = Vec::new();
        let used = receipts.files.iter().filter(|l| l.status.is_used());
        for index in used.filter_map(|l| l.submission) {
            if let Some(sub) = self.subs.get_mut(index) {
                facts.append(&mut sub.facts);
            }
        }
        for sub in &mut self.subs {
            sub.facts = Vec::new();
        }
        facts.extend(from_store.values().flatten().map(|f| f.fact.clone()));
        facts
    }

    /// Every issue of the submissions and of `stray` entries, newest month
    /// first, then by file, sheet, cell and rule.
    pub fn issues_in_order(&self, stray: &[Issue]) -> Vec<Issue> {
        let mut issues: Vec<Issue> = self
            .subs
            .iter()
            .flat_map(|s| s.issues.iter().cloned())
            .chain(stray.iter().cloned())
            .collect();
        issues.sort_by(|a, b| {
            b.period
                .cmp(&a.period)
                .then_with(|| a.location.file.cmp(&b.location.file))
                .then_with(|| a.location.sheet.cmp(&b.location.sheet))
                .then_with(|| a.location.cell.cmp(&b.location.cell))
                .then_with(|| a.rule.cmp(&b.rule))
        });
        issues
    }
}

/// The files behind the stored months' figures, one per unit, month and file.
pub fn stored_files(from_store: &FactsByMonth) -> Vec<StoredFile> {
    let files: BTreeSet<StoredFile> = from_store
        .iter()
        .flat_map(|(m, facts)| {
            facts.iter().map(|f| StoredFile {
                month: *m,
                unit: f.fact.unit.clone(),
                file: f.fact.provenance.file.to_string(),
                sha256: f.sha256.clone(),
            })
        })
        .collect();
    files.into_iter().collect()
}
