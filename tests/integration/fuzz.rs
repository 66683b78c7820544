//! Mutated bytes of valid forms through the single-file entry point
//! (`pipeline::check_file`): bit flips, inserted and truncated bytes of the
//! .xlsx and the .xls, and edits inside the inflated sheet XML re-zipped. No
//! panic may escape and every outcome is facts or issues; neither only for a
//! form whose table has no rows (a month without projects).

use crate::common::{small_fixture, ym, Fixture, Grid};
use proptest::prelude::*;
use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use zhaoshang::config::RunConfig;
use zhaoshang::ingest::SubmissionFile;
use zhaoshang::reference::Reference;

/// One change to a seed file.
#[derive(Clone, Debug)]
enum Mutation {
    /// XOR these bytes at these positions (taken modulo the length).
    Flip(Vec<(usize, u8)>),
    Insert(usize, Vec<u8>),
    Truncate(usize),
    /// Flip bytes of the inflated sheet XML, then zip it again.
    XmlFlip(Vec<(usize, u8)>),
    /// Copy a slice of the sheet XML over another place (rows repeated,
    /// elements cut in half), then zip it again.
    XmlSplice {
        from: usize,
        len: usize,
        to: usize,
    },
    /// Put text where a cell reference or number was.
    XmlReplace {
        at: usize,
        text: String,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        prop::collection::vec((any::<usize>(), 1u8..), 1..8).prop_map(Mutation::Flip),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, b)| Mutation::Insert(at, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        prop::collection::vec((any::<usize>(), 1u8..), 1..8).prop_map(Mutation::XmlFlip),
        (any::<usize>(), 0usize..4000, any::<usize>())
            .prop_map(|(from, len, to)| Mutation::XmlSplice { from, len, to }),
        (
            any::<usize>(),
            prop_oneof![
                Just("ZZZZZZ99999999999".to_string()),
                Just("XFD1048576".to_string()),
                Just("A0".to_string()),
                Just("-1".to_string()),
                Just("1e308".to_string()),
                Just("4294967296".to_string()),
                "[A-Z]{1,4}[0-9]{1,8}",
                "[ -~]{0,12}",
            ]
        )
            .prop_map(|(at, text)| Mutation::XmlReplace { at, text }),
    ]
}

fn apply(seed: &[u8], sheet_xml: Option<&str>, m: &Mutation) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    let n = bytes.len();
    match m {
        Mutation::Flip(flips) => flips.iter().for_each(|&(at, x)| bytes[at % n] ^= x),
        Mutation::Insert(at, b) => {
            let at = at % n;
            bytes.splice(at..at, b.iter().copied());
        }
        Mutation::Truncate(len) => bytes.truncate(len % n),
        Mutation::XmlFlip(_) | Mutation::XmlSplice { .. } | Mutation::XmlReplace { .. } => {
            let Some(xml) = sheet_xml else {
                return bytes; // the .xls has no XML: left as it is
            };
            let mut xml = xml.as_bytes().to_vec();
            let x = xml.len();
            match m {
                Mutation::XmlFlip(flips) => flips.iter().for_each(|&(at, b)| xml[at % x] ^= b),
                Mutation::XmlSplice { from, len, to } => {
                    let from = from % x;
                    let piece = xml[from..(from + len).min(x)].to_vec();
                    let to = to % x;
                    xml.splice(to..to, piece);
                }
                Mutation::XmlReplace { at, text } => {
                    // At a quote: an attribute's value or a number's digits.
                    let at = at % x;
                    let start = xml[at..].iter().position(|&c| c == b'"' || c == b'>');
                    if let Some(start) = start.map(|s| at + s + 1) {
                        let end = xml[start..]
                            .iter()
                            .position(|&c| c == b'"' || c == b'<')
                            .map_or(x, |e| start + e);
                        xml.splice(start..end, text.bytes());
                    }
                }
                _ => unreachable!(),
            }
            return with_sheet_xml(seed, &xml);
        }
    }
    bytes
}

/// The .xlsx `seed` with its first sheet's XML replaced.
fn with_sheet_xml(seed: &[u8], xml: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(seed)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        let data = if name == "xl/worksheets/sheet1.xml" {
            xml.to_vec()
        } else {
            data
        };
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn sheet_xml(xlsx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// What every case needs, made once.
struct Bench {
    fx: Fixture,
    config: RunConfig,
    reference: Reference,
}

fn bench() -> Bench {
    let fx = small_fixture();
    std::fs::create_dir_all(fx.data.join("submissions/2026-10")).unwrap();
    let config = fx.config(None);
    let reference = Reference::load(&config).unwrap();
    Bench {
        fx,
        config,
        reference,
    }
}

/// Checks the mutated bytes as 东镇's file and asserts the outcome is whole.
fn check_mutant(
    bench: &Bench,
    name: &str,
    bytes: &[u8],
    executions: &AtomicUsize,
) -> Result<(), TestCaseError> {
    let path = bench.fx.data.join("submissions/2026-10").join(name);
    std::fs::write(&path, bytes).unwrap();
    let file = SubmissionFile {
        path: path.clone(),
        name: name.to_string(),
        folder_month: Some(ym(2026, 10)),
    };
    let sub = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        zhaoshang::app::pipeline::check_file(&file, &bench.reference, &bench.config.limits)
    }));
    executions.fetch_add(1, Ordering::Relaxed);
    let sub = sub.map_err(|_| TestCaseError::fail("a panic escaped check_file"))?;
    if sub.facts.is_empty() && sub.issues.is_empty() {
        // Only a form with no rows at all (本月无项目) may give neither.
        let raw = zhaoshang::ingest::read_submission(
            &file,
            bytes,
            &bench.reference.labels,
            &bench.config.limits,
        );
        let rows = raw.map_or(usize::MAX, |raw| {
            raw.tables.iter().map(|t| t.data_rows.len()).sum()
        });
        prop_assert_eq!(rows, 0, "rows read into neither facts nor issues");
    }
    for issue in &sub.issues {
        prop_assert!(!issue.message.is_empty());
        prop_assert_eq!(&issue.location.file, name);
    }
    Ok(())
}

/// 300 per seed by default (about two seconds in a debug build);
/// `FUZZ_CASES=20000` for a longer campaign by hand.
fn case_count() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

fn cases() -> ProptestConfig {
    ProptestConfig {
        cases: case_count(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[test]
fn mutated_xlsx_forms() {
    let bench = bench();
    let path = bench.fx.data.join("submissions/2026-10/东镇.xlsx");
    Grid::detail().write(&path);
    let seed = std::fs::read(&path).unwrap();
    let xml = sheet_xml(&seed);
    let executions = AtomicUsize::new(0);
    proptest!(cases(), |(m in mutation())| {
        check_mutant(&bench, "东镇.xlsx", &apply(&seed, Some(&xml), &m), &executions)?;
    });
    let ran = executions.load(Ordering::Relaxed);
    eprintln!("fuzz: {ran} mutated .xlsx forms checked");
    assert!(ran >= case_count() as usize);
}

#[test]
fn mutated_xls_forms() {
    let bench = bench();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/c01_东镇_2026-10.xls");
    let seed = std::fs::read(fixture).unwrap();
    let executions = AtomicUsize::new(0);
    proptest!(cases(), |(m in mutation())| {
        check_mutant(&bench, "东镇.xls", &apply(&seed, None, &m), &executions)?;
    });
    let ran = executions.load(Ordering::Relaxed);
    eprintln!("fuzz: {ran} mutated .xls forms checked");
    assert!(ran >= case_count() as usize);
}
