//! Randomised drift (issue 13): a seeded generator draws a unit-month of
//! events with known canonical amounts, writes it as a unit might fill in the
//! bureau's detail form with a random mix of drift, reads it back with
//! `check_file` and compares. The generator shares no code or vocabulary with
//! the reader. `DRIFT_SEED=<n>` replays one seed (keeps its file, prints it);
//! `DRIFT_CASES=<n>` sets how many seeds run (default 2,000); `DRIFT_PLAIN=1`
//! writes every case the bureau's plain way, which checks the generator itself.

mod book;
mod case;
mod header;
mod layout;
mod pick;
mod places;
mod report;
mod rows;
mod typing;
mod verify;
mod words;

use crate::common::Fixture;
use rayon::prelude::*;
use std::path::Path;
use verify::Outcome;
use zhaoshang::ingest::SubmissionFile;
use zhaoshang::model::YearMonth;
use zhaoshang::reference::Reference;

const DEFAULT_CASES: u64 = 2_000;

#[test]
fn generated_forms_read_back_to_their_drawn_facts() {
    let regions: Vec<(&str, &str)> = places::REGIONS.to_vec();
    let rates: Vec<(YearMonth, [f64; 4])> = places::months()
        .into_iter()
        .map(|m| (YearMonth::new(m.0, m.1).unwrap(), places::rates(m)))
        .collect();
    let fixture = Fixture::new(&regions, &[(2025, vec![]), (2026, vec![])], &rates);
    let reference = Reference::load(&fixture.config(None)).unwrap();
    let replay: Option<u64> = std::env::var("DRIFT_SEED")
        .ok()
        .map(|s| s.trim().parse().expect("DRIFT_SEED=<n>"));
    let cases: u64 = std::env::var("DRIFT_CASES")
        .ok()
        .map(|s| s.trim().parse().expect("DRIFT_CASES=<n>"))
        .unwrap_or(DEFAULT_CASES);
    let plain = std::env::var("DRIFT_PLAIN").is_ok_and(|v| v == "1");
    let dir = tempfile::tempdir().unwrap();
    let root = match replay {
        Some(seed) => std::env::temp_dir().join(format!("zhaoshang-drift-{seed}")),
        None => dir.path().to_path_buf(),
    };
    let seeds: Vec<u64> = match replay {
        Some(seed) => vec![seed],
        None => (0..cases).collect(),
    };
    let started = std::time::Instant::now();
    let outcomes: Vec<Outcome> = seeds
        .par_iter()
        .map(|&seed| run_seed(seed, plain, &reference, &root, replay.is_some()))
        .collect();
    let report = report::report(&outcomes, started.elapsed());
    println!("{report}");
    let failed = outcomes.iter().filter(|o| !o.passed()).count();
    assert!(
        failed == 0,
        "{failed} of {} generated workbooks misread\n{report}",
        outcomes.len()
    );
}

/// Draws, writes, reads back and compares one seed.
fn run_seed(seed: u64, plain: bool, reference: &Reference, root: &Path, keep: bool) -> Outcome {
    let mut rng = pick::Rng::new(seed, plain);
    let mut case = case::draw(&mut rng);
    let written = layout::lay_out(&mut case, &mut rng);
    let expected = case::expected(&case);
    let month = YearMonth::new(case.month.0, case.month.1).unwrap();
    let seed_dir = root.join(format!("seed-{seed}"));
    let path = seed_dir
        .join("submissions")
        .join(month.to_string())
        .join(&written.file_name);
    book::write(&written.sheets, &path);
    let file = SubmissionFile {
        path: path.clone(),
        name: written.file_name.clone(),
        folder_month: Some(month),
    };
    // A panic is a finding like any other: kept, not allowed to end the run.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        zhaoshang::app::pipeline::check_file(&file, reference, &Default::default())
    }));
    let sub = match read {
        Ok(sub) => sub,
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            return Outcome {
                seed,
                tags: case.tags.0,
                errors: vec![("panic".into(), message)],
                diffs: vec![],
                header_words: written.header_words,
                unit_statements: written.unit_statements,
                industry_texts: written.industry_texts,
            };
        }
    };
    let (errors, diffs) = verify::compare(&case, &expected, &sub.facts, &sub.issues);
    if keep {
        println!(
            "seed {seed}: {}\nunit {} month {month}\ntags: {}",
            path.display(),
            case.unit,
            case.tags.0.join(" ")
        );
        for sheet in &written.sheets {
            println!("{}", sheet.dump());
        }
        println!("expected:");
        for e in &expected {
            println!(
                "  {:?} {:.6} source {:?} industry {:?} (row {})",
                e.indicator,
                e.amount,
                e.source,
                e.industry,
                e.row + 1
            );
        }
        println!("read:");
        for f in &sub.facts {
            println!(
                "  {:?} {:.6} source {:?} industry {:?} unit {} {}",
                f.indicator, f.amount, f.source, f.industry, f.unit, f.period
            );
        }
        println!("issues:");
        for i in &sub.issues {
            println!("  [{:?}] {} {}", i.severity(), i.rule.id(), i.brief());
        }
    } else {
        let _ = std::fs::remove_dir_all(&seed_dir);
    }
    Outcome {
        seed,
        tags: case.tags.0,
        errors,
        diffs,
        header_words: written.header_words,
        unit_statements: written.unit_statements,
        industry_texts: written.industry_texts,
    }
}
