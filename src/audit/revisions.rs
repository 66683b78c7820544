//! Revisions: what changed in a month already in the store when it is run
//! again — each unit's indicator, old and new, and the files behind both — so
//! the statistician can answer "why did September's figure change?".

use crate::foundation::model::{Indicator, YearMonth};
use crate::foundation::unit_id::UnitId;
use crate::store::facts::FactRecord;
use crate::store::Store;
use std::collections::{BTreeMap, BTreeSet};

/// Amounts closer than this are the same figure: below the bulletin's two
/// decimals, so no revision reads "38.00 → 38.00".
const SAME: f64 = 0.005;

pub use crate::store::revision_log::Revision;

/// A unit's indicator totals in a month and the files they came from.
type Totals = BTreeMap<(UnitId, Indicator), (f64, BTreeSet<String>)>;

fn totals(facts: &[FactRecord]) -> Totals {
    let mut totals = Totals::new();
    for f in facts {
        let entry = totals
            .entry((f.fact.unit.clone(), f.fact.indicator))
            .or_default();
        entry.0 += f.fact.amount;
        entry.1.insert(file_with_hash(f));
    }
    totals
}

/// "submissions/2026-09/城关镇.xlsx（sha256 3f5a9c1e…）".
fn file_with_hash(f: &FactRecord) -> String {
    let short: String = f.sha256.chars().take(8).collect();
    format!("{}（sha256 {short}…）", f.fact.provenance.file)
}

/// What this run changes in months already in the store: each month on file
/// against its stored facts.
///
/// # Errors
///
/// When a stored month cannot be read.
pub fn revisions_against_store(
    store: &Store,
    on_file: &BTreeMap<YearMonth, Vec<FactRecord>>,
    report: YearMonth,
) -> anyhow::Result<Vec<Revision>> {
    let mut revisions = Vec::new();
    for (&m, new) in on_file {
        if let Some(old) = store.read_month(m)? {
            let old: Vec<FactRecord> = old.iter().map(|f| f.record()).collect();
            revisions.extend(revisions_of_month(m, &old, new, report));
        }
    }
    Ok(revisions)
}

/// The logged revisions of the months the bulletin uses, newest month first
/// and, within a month, the latest found first.
pub fn revisions_in_view(log: &[Revision], months: &[YearMonth]) -> Vec<Revision> {
    let mut shown: Vec<Revision> = log
        .iter()
        .rev()
        .filter(|r| months.contains(&r.month))
        .cloned()
        .collect();
    shown.sort_by_key(|r| std::cmp::Reverse(r.month));
    shown
}

/// The revision log with `found` added, oldest first; a revision already in
/// the log (found again by a run that was stopped before it updated the
/// store) is not added twice.
pub fn merge_into_log(log: &[Revision], found: &[Revision]) -> Vec<Revision> {
    let mut merged = log.to_vec();
    for revision in found {
        let known = merged.iter().any(|r| {
            (r.month, &r.unit, r.indicator, &r.old_files, &r.new_files)
                == (
                    revision.month,
                    &revision.unit,
                    revision.indicator,
                    &revision.old_files,
                    &revision.new_files,
                )
        });
        if !known {
            merged.push(revision.clone());
        }
    }
    merged
}

/// The figures of `month` that differ between the store (`old`) and the
/// run for report month `found_in` (`new`), by unit then indicator. A unit whose figures are unchanged
/// gives nothing, even if its file was sent again.
pub fn revisions_of_month(
    month: YearMonth,
    old: &[FactRecord],
    new: &[FactRecord],
    found_in: YearMonth,
) -> Vec<Revision> {
    let (old, new) = (totals(old), totals(new));
    let keys: BTreeSet<&(UnitId, Indicator)> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .filter_map(|key| {
            let (before, after) = (old.get(key), new.get(key));
            let differs = match (before, after) {
                (Some(b), Some(a)) => (a.0 - b.0).abs() >= SAME,
                (Some((amount, _)), None) | (None, Some((amount, _))) => amount.abs() >= SAME,
                (None, None) => false,
            };
            differs.then(|| Revision {
                month,
                unit: key.0.clone(),
                indicator: key.1,
                old: before.map(|b| b.0),
                new: after.map(|a| a.0),
                old_files: before
                    .map(|b| b.1.iter().cloned().collect())
                    .unwrap_or_default(),
                new_files: after
                    .map(|a| a.1.iter().cloned().collect())
                    .unwrap_or_default(),
                found_in,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::fact::{Fact, Provenance};
    use crate::store::facts::StoredFact;

    fn records(facts: &[StoredFact]) -> Vec<FactRecord<'_>> {
        facts.iter().map(StoredFact::record).collect()
    }

    fn fact(unit: &str, indicator: Indicator, amount: f64, file: &str) -> StoredFact {
        StoredFact {
            fact: Fact::bare(
                unit.into(),
                YearMonth::new(2026, 9).unwrap(),
                indicator,
                amount,
                Provenance {
                    file: file.into(),
                    sheet: "Sheet1".into(),
                    row: 4,
                    col: 2,
                },
            ),
            sha256: format!("{file}-hash-0000"),
        }
    }

    #[test]
    fn lists_changed_added_and_dropped_figures_only() {
        let m = YearMonth::new(2026, 9).unwrap();
        let old = vec![
            fact("城关镇", Indicator::RegisteredFdi, 100.0, "a.xlsx"),
            fact("城关镇", Indicator::RegisteredFdi, 20.0, "a.xlsx"),
            fact("城关镇", Indicator::ArrivedFdi, 50.0, "a.xlsx"),
            fact("开发区", Indicator::ArrivedFdi, 7.0, "k.xlsx"),
        ];
        let new = vec![
            fact("城关镇", Indicator::RegisteredFdi, 100.0, "a2.xlsx"),
            fact("城关镇", Indicator::RegisteredFdi, 35.0, "a2.xlsx"),
            fact("城关镇", Indicator::ArrivedFdi, 50.001, "a2.xlsx"),
            fact("新区", Indicator::ContractedFdi, 3.0, "x.xlsx"),
        ];
        let revisions = revisions_of_month(m, &records(&old), &records(&new), m);
        // 城关镇 注册外资 120 → 135; 到帐 50 → 50.001 is below print precision;
        // 开发区 到帐 7 → gone; 新区 合同外资 new 3.
        assert_eq!(revisions.len(), 3);
        let of = |unit: &str| revisions.iter().find(|r| r.unit == unit).unwrap();
        assert_eq!((of("开发区").old, of("开发区").new), (Some(7.0), None));
        assert_eq!((of("新区").old, of("新区").new), (None, Some(3.0)));
        let r = of("城关镇");
        assert_eq!(r.indicator, Indicator::RegisteredFdi);
        assert_eq!((r.old, r.new, r.change()), (Some(120.0), Some(135.0), 15.0));
        assert_eq!(r.old_files, vec!["a.xlsx（sha256 a.xlsx-h…）"]);
        assert_eq!(r.new_files, vec!["a2.xlsx（sha256 a2.xlsx-…）"]);
    }

    #[test]
    fn a_revision_found_again_is_logged_once() {
        let m = YearMonth::new(2026, 9).unwrap();
        let old = vec![fact("城关镇", Indicator::RegisteredFdi, 100.0, "a.xlsx")];
        let new = vec![fact("城关镇", Indicator::RegisteredFdi, 90.0, "b.xlsx")];
        let found = revisions_of_month(m, &records(&old), &records(&new), m);
        let log = merge_into_log(&[], &found);
        assert_eq!(log.len(), 1);
        // A run stopped before the store was updated finds it again in October.
        let again = revisions_of_month(
            m,
            &records(&old),
            &records(&new),
            YearMonth::new(2026, 10).unwrap(),
        );
        assert_eq!(merge_into_log(&log, &again), log);
        // A second correction is a new revision.
        let newer = vec![fact("城关镇", Indicator::RegisteredFdi, 95.0, "c.xlsx")];
        let second = revisions_of_month(m, &records(&new), &records(&newer), m);
        assert_eq!(merge_into_log(&log, &second).len(), 2);
    }
}
