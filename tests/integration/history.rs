//! The history store, the archive, revisions, the manifest and the 催报 list,
//! on a hand-worked fixture. Expected figures are worked out by hand from the
//! rows written below.
//!
//! Rates (CNY per 100): 2025-09 USD 700; 2026-09 USD 710, HKD 91, so
//! 100万港元 = 100 × 91 / 710 = 12.816901408…万美元.

use crate::common::{foreign, form, read_sheet, snapshot, ym, Cell, Fixture};
use polars::prelude::*;
use polars_io::parquet::read::ParquetReader;
use polars_io::SerReader;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zhaoshang::foundation::model::Indicator;
use zhaoshang::foundation::unit_id::UnitId;
use zhaoshang::store::archive::read_archive;
use zhaoshang::store::facts::read_facts;
use zhaoshang::store::Written;

const HKD_100: f64 = 100.0 * 91.0 / 710.0;

fn fixture() -> Fixture {
    let fx = Fixture::new(
        &[
            ("甲镇", "镇"),
            ("乙镇", "镇"),
            ("丙镇", "镇"),
            ("丁镇", "镇"),
        ],
        &[(2026, vec![])],
        &[
            (ym(2025, 9), [700.0, 90.0, 4.7, 770.0]),
            (ym(2026, 9), [710.0, 91.0, 4.8, 780.0]),
        ],
    );
    // Last year: 甲镇 注册外资 40.
    submit_jia(&fx, ym(2025, 9), 40.0);
    // This year: 甲镇 注册外资 80 + 100万港元; 乙镇 到帐 30; 丙镇 in 卢布
    // (rejected); 丁镇 sends nothing.
    submit_jia(&fx, ym(2026, 9), 80.0);
    fx.submit(
        ym(2026, 9),
        "乙镇.xlsx",
        &form(
            "乙镇",
            ym(2026, 9),
            "万美元",
            vec![foreign("到资", "美元", None, None, Some(30.0))],
        ),
    );
    fx.submit(
        ym(2026, 9),
        "丙镇.xlsx",
        &form(
            "丙镇",
            ym(2026, 9),
            "万美元",
            vec![foreign("新设", "卢布", Some(5.0), Some(5.0), None)],
        ),
    );
    fx
}

/// 甲镇's file: a 新设 in USD with `registered`, and in 2026 a 增资 of 100万港元.
fn submit_jia(
    fx: &Fixture,
    month: zhaoshang::foundation::model::YearMonth,
    registered: f64,
) -> PathBuf {
    let mut rows = vec![foreign(
        "新设",
        "美元",
        Some(100.0),
        Some(registered),
        Some(20.0),
    )];
    if month.year == 2026 {
        rows.push(foreign("增资", "港元", Some(100.0), Some(100.0), None));
    }
    fx.submit(month, "甲镇.xlsx", &form("甲镇", month, "万美元", rows))
}

fn sha256_of(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn month_file(fx: &Fixture, year: i32, month: u32) -> PathBuf {
    fx.store
        .join(format!("facts/year={year}/month={month}/facts.parquet"))
}

fn text_col<'a>(frame: &'a DataFrame, name: &str) -> Vec<Option<&'a str>> {
    let column = frame.column(name).unwrap().str().unwrap();
    (0..column.len()).map(|i| column.get(i)).collect()
}

#[test]
fn the_store_holds_the_accepted_facts_with_their_provenance() {
    let fx = fixture();
    fx.run(ym(2026, 9));

    // Read with polars alone, not with the program's reader.
    let file = std::fs::File::open(month_file(&fx, 2026, 9)).unwrap();
    let frame = ParquetReader::new(file).finish().unwrap();
    let units = text_col(&frame, "unit");
    let indicators = text_col(&frame, "indicator");
    let amount = frame.column("amount").unwrap().f64().unwrap();
    let amounts: Vec<Option<f64>> = (0..amount.len()).map(|i| amount.get(i)).collect();
    let registered: Vec<usize> = (0..frame.height())
        .filter(|&i| units[i] == Some("甲镇") && indicators[i] == Some("registered_fdi"))
        .collect();
    // Two rows: 80万美元 at K4 and 100万港元 at K5.
    assert_eq!(registered.len(), 2);
    let original = frame.column("original_amount").unwrap().f64().unwrap();
    let currency = text_col(&frame, "original_currency");
    let unit = text_col(&frame, "original_unit");
    let (files, hashes) = (text_col(&frame, "file"), text_col(&frame, "sha256"));
    let (sheets, cells) = (text_col(&frame, "sheet"), text_col(&frame, "cell"));
    let rows = frame.column("row").unwrap().u32().unwrap();
    let jia_hash = sha256_of(&fx.data.join("submissions/2026-09/甲镇.xlsx"));
    let expected = [
        (80.0, 80.0, "USD", "万美元", "K4", 4),
        (HKD_100, 100.0, "HKD", "万港元", "K5", 5),
    ];
    for (&i, (amount, orig, cur, u, cell, row)) in registered.iter().zip(expected) {
        assert!((amounts[i].unwrap() - amount).abs() < 1e-9, "amount {i}");
        assert_eq!(original.get(i), Some(orig));
        assert_eq!((currency[i], unit[i]), (Some(cur), Some(u)));
        assert_eq!(files[i], Some("submissions/2026-09/甲镇.xlsx"));
        assert_eq!(hashes[i], Some(jia_hash.as_str()));
        assert_eq!(
            (sheets[i], cells[i], rows.get(i)),
            (Some("项目明细"), Some(cell), Some(row))
        );
    }
    // 乙镇's 到帐 30 is there; the rejected 丙镇 has no row at all.
    let arrived: f64 = (0..frame.height())
        .filter(|&i| units[i] == Some("乙镇") && indicators[i] == Some("arrived_fdi"))
        .map(|i| amounts[i].unwrap())
        .sum();
    assert_eq!(arrived, 30.0);
    assert!(!units.contains(&Some("丙镇")));

    // Last year's month is stored too: 甲镇 注册外资 40.
    let last = read_facts(&month_file(&fx, 2025, 9)).unwrap();
    let last_registered: f64 = last
        .iter()
        .filter(|f| f.fact.indicator == Indicator::RegisteredFdi)
        .map(|f| f.fact.amount)
        .sum();
    assert_eq!(last_registered, 40.0);

    // Read back, the facts are the very facts the run used.
    let config = fx.config(Some(ym(2026, 9)));
    let reference = zhaoshang::reference::Reference::load(&config).unwrap();
    let checked =
        zhaoshang::app::pipeline::read_and_check(&config, &reference, &[ym(2026, 9)]).unwrap();
    let used: Vec<_> = checked
        .subs
        .iter()
        .filter(|s| zhaoshang::audit::status(s).is_used())
        .flat_map(|s| s.facts.iter().cloned())
        .collect();
    let stored: Vec<_> = read_facts(&month_file(&fx, 2026, 9))
        .unwrap()
        .into_iter()
        .map(|f| f.fact)
        .collect();
    assert!(!used.is_empty());
    assert_eq!(stored, used);
}

#[test]
fn running_a_month_again_on_the_same_files_changes_nothing() {
    let fx = fixture();
    let first = fx.run(ym(2026, 9));
    assert!(first.store_writes.iter().all(|(_, w)| *w == Written::Added));
    let (store, out) = (snapshot(&fx.store), snapshot(&fx.out));
    let again = fx.run(ym(2026, 9));
    assert!(again.revisions.is_empty());
    assert_eq!(again.store_writes.len(), 2);
    assert!(again
        .store_writes
        .iter()
        .all(|(_, w)| *w == Written::Unchanged));
    assert!(
        snapshot(&fx.store) == store,
        "the store changed on a re-run"
    );
    assert!(snapshot(&fx.out) == out, "the outputs changed on a re-run");

    // The archive holds each file read under its hash, in the pack of its
    // month; each pack's SHA256SUMS agrees (read_archive checks it).
    let jia = fx.data.join("submissions/2026-09/甲镇.xlsx");
    let archived = read_archive(&fx.store.join("archive")).unwrap();
    assert_eq!(
        archived.get(&sha256_of(&jia)),
        Some(&std::fs::read(&jia).unwrap())
    );
    // 甲镇 ×2, 乙镇, 丙镇 (rejected files are archived too).
    assert_eq!(archived.len(), 4, "{:?}", archived.keys());
    let pack =
        ::zip::ZipArchive::new(std::fs::File::open(fx.store.join("archive/2026-09.zip")).unwrap())
            .unwrap();
    assert!(pack
        .file_names()
        .any(|n| n.is_ok_and(|n| n == format!("{}.xlsx", sha256_of(&jia)))));

    // The manifest names the inputs, the settings and the outputs by hash.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&again.manifest).unwrap()).unwrap();
    let settings = sha256_of(&fx.data.join("settings.toml"));
    assert_eq!(manifest["settings_sha256"], settings.as_str());
    assert_eq!(manifest["version"], env!("CARGO_PKG_VERSION"));
    let inputs = manifest["inputs"].as_array().unwrap();
    let jia_entry = inputs
        .iter()
        .find(|e| e["path"] == "submissions/2026-09/甲镇.xlsx")
        .unwrap();
    assert_eq!(jia_entry["sha256"], sha256_of(&jia).as_str());
    // The length of the bytes read, which are the file's.
    let jia_bytes = std::fs::metadata(&jia).unwrap().len();
    assert!(jia_bytes > 0);
    assert_eq!(jia_entry["bytes"], jia_bytes);
    assert_eq!(jia_entry["note"], "采用");
    let bing = inputs
        .iter()
        .find(|e| e["path"] == "submissions/2026-09/丙镇.xlsx")
        .unwrap();
    assert_eq!(bing["note"], "未采用");
    let outputs = manifest["outputs"].as_array().unwrap();
    let bulletin = outputs
        .iter()
        .find(|e| e["path"] == "招商引资通报_2026-09.xlsx")
        .unwrap();
    assert_eq!(bulletin["sha256"], sha256_of(&again.bulletin).as_str());
}

#[test]
fn a_corrected_submission_is_listed_as_a_revision_with_both_files() {
    let fx = fixture();
    fx.run(ym(2026, 9));
    let jia = fx.data.join("submissions/2026-09/甲镇.xlsx");
    let old_hash = sha256_of(&jia);
    // 甲镇 corrects its 新设: 注册外资 95 instead of 80; the rest unchanged.
    submit_jia(&fx, ym(2026, 9), 95.0);
    let new_hash = sha256_of(&jia);
    assert_ne!(old_hash, new_hash);

    let outcome = fx.run(ym(2026, 9));
    // 80 + 12.8169… → 95 + 12.8169…: one change of +15; 合同 and 到帐 unchanged.
    assert_eq!(outcome.revisions.len(), 1, "{:?}", outcome.revisions);
    let r = &outcome.revisions[0];
    assert_eq!(
        (r.month, r.unit.as_str(), r.indicator),
        (ym(2026, 9), "甲镇", Indicator::RegisteredFdi)
    );
    assert!((r.old.unwrap() - (80.0 + HKD_100)).abs() < 1e-9);
    assert!((r.new.unwrap() - (95.0 + HKD_100)).abs() < 1e-9);
    assert!((r.change() - 15.0).abs() < 1e-9);
    let with_hash = |h: &str| format!("submissions/2026-09/甲镇.xlsx（sha256 {}…）", &h[..8]);
    assert_eq!(r.old_files, vec![with_hash(&old_hash)]);
    assert_eq!(r.new_files, vec![with_hash(&new_hash)]);
    assert!(outcome
        .store_writes
        .contains(&(ym(2026, 9), Written::Replaced)));

    // The same in the audit workbook's 修订记录, row 4.
    let sheet = read_sheet(&outcome.audit, "修订记录");
    let at = |c| crate::common::cell(&sheet, 3, c);
    assert_eq!(at(0), Cell::Text("2026-09".into()));
    assert_eq!(at(1), Cell::Text("甲镇".into()));
    assert_eq!(at(2), Cell::Text("注册外资（万美元）".into()));
    for (c, expected) in [(3, 80.0 + HKD_100), (4, 95.0 + HKD_100), (5, 15.0)] {
        let Cell::Num(v) = at(c) else {
            panic!("column {c}: {:?}", at(c))
        };
        assert!((v - expected).abs() < 1e-9, "column {c}: {v}");
    }
    assert_eq!(at(6), Cell::Text(with_hash(&old_hash)));
    assert_eq!(at(7), Cell::Text(with_hash(&new_hash)));

    // Both versions stay in the archive; the store now cites the new one.
    let archived = read_archive(&fx.store.join("archive")).unwrap();
    for h in [&old_hash, &new_hash] {
        assert!(archived.contains_key(h.as_str()), "{h} not archived");
    }
    let stored = read_facts(&month_file(&fx, 2026, 9)).unwrap();
    assert!(stored
        .iter()
        .filter(|f| f.fact.unit == "甲镇")
        .all(|f| f.sha256 == new_hash));
    assert_eq!(at(8), Cell::Text("2026-09月报".into()));

    // Run once more: nothing new to revise, but the audit still shows the
    // change from the store's revision log, once.
    let again = fx.run(ym(2026, 9));
    assert!(again.revisions.is_empty());
    let sheet = read_sheet(&again.audit, "修订记录");
    assert_eq!(crate::common::cell(&sheet, 3, 1), Cell::Text("甲镇".into()));
    assert_eq!(crate::common::cell(&sheet, 4, 1), Cell::Text(String::new()));
    let log = zhaoshang::store::Store::open(&fx.store)
        .unwrap()
        .read_revisions()
        .unwrap();
    assert_eq!(log, outcome.revisions);
}

#[test]
fn last_years_figures_come_from_the_store_when_its_workbooks_are_gone() {
    let fx = fixture();
    let county_registered = |o: &zhaoshang::app::pipeline::RunOutcome| {
        let row = o
            .figures
            .rows
            .iter()
            .find(|r| r.kind == zhaoshang::aggregate::region::RowKind::County)
            .unwrap();
        row.figures[zhaoshang::foundation::model::Indicator::RegisteredFdi]
    };
    let before = fx.run(ym(2026, 9));
    // 去年同期 40 (甲镇's 2025-09); 累计 80 + 12.8169….
    assert_eq!(county_registered(&before).last_ytd, 40.0);
    assert!((county_registered(&before).ytd - (80.0 + HKD_100)).abs() < 1e-9);

    std::fs::remove_dir_all(fx.data.join("submissions/2025-09")).unwrap();
    let after = fx.run(ym(2026, 9));
    assert_eq!(after.from_store, vec![ym(2025, 9)]);
    assert_eq!(county_registered(&after).last_ytd, 40.0);
    assert!(after.revisions.is_empty());
    // Only this year's month is written; last year's is left as it was.
    assert_eq!(after.store_writes, vec![(ym(2026, 9), Written::Unchanged)]);
    // The bulletin's 说明 names the file the store's figures came from.
    let notes = read_sheet(&after.bulletin, "说明");
    assert!(
        notes
            .rows()
            .flatten()
            .any(|c| c
                == &calamine::Data::String("submissions/2025-09/甲镇.xlsx（取自历史库）".into())),
        "说明 does not cite the stored month"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&after.manifest).unwrap()).unwrap();
    let store = manifest["store"].as_array().unwrap();
    assert!(store
        .iter()
        .any(|e| e["path"] == "facts/year=2025/month=9/facts.parquet"
            && e["note"] == "数据目录无报表，取自历史库"));
}

#[test]
fn status_lists_the_units_to_chase_and_the_rejected_with_why() {
    let fx = fixture();
    let status = zhaoshang::app::pipeline::year_status(&fx.config(Some(ym(2026, 9)))).unwrap();
    assert_eq!(status.missing(), vec!["丁镇"]);
    let rejections = status.rejections();
    assert_eq!(rejections.len(), 1);
    let rejected = rejections[0];
    assert_eq!(
        (rejected.unit.as_ref().map(UnitId::as_str), rejected.month),
        (Some("丙镇"), Some(ym(2026, 9)))
    );
    assert_eq!(rejected.file, "submissions/2026-09/丙镇.xlsx");
    let reason = rejected.reason.as_deref().unwrap_or_default();
    assert!(
        reason.starts_with("工作表「项目明细」M4「卢布」："),
        "{reason}"
    );
    use zhaoshang::audit::receipts::Receipt::*;
    let grid = status.grid();
    let marks: BTreeMap<&str, &[_]> = grid
        .iter()
        .map(|(u, m)| (u.as_str(), m.as_slice()))
        .collect();
    // Months 1–8 nobody sent; September as described above.
    for (unit, september) in [
        ("甲镇", Accepted),
        ("乙镇", Accepted),
        ("丙镇", Rejected),
        ("丁镇", Missing),
    ] {
        let m = marks[unit];
        assert_eq!(m.len(), 9);
        assert!(m[..8].iter().all(|x| *x == Missing), "{unit}: {m:?}");
        assert!(
            m[8] == september || (september == Accepted && m[8] == AcceptedWithWarnings),
            "{unit}: {m:?}"
        );
    }

    // The same in the audit workbook's 报送情况 sheet.
    let outcome = fx.run(ym(2026, 9));
    let sheet = read_sheet(&outcome.audit, "报送情况");
    let texts: Vec<String> = sheet
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(
        texts.iter().any(|t| t == "9月催报（未报）：丁镇"),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.starts_with(
            "2026-09　丙镇　submissions/2026-09/丙镇.xlsx　工作表「项目明细」M4「卢布」"
        )),
        "{texts:?}"
    );
    let row = crate::common::row_of(&sheet, "丙镇");
    assert_eq!(crate::common::cell(&sheet, row, 9), Cell::Text("✗".into()));
    let row = crate::common::row_of(&sheet, "丁镇");
    assert_eq!(crate::common::cell(&sheet, row, 9), Cell::Text("○".into()));
}
