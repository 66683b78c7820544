//! Each submission is opened once per run (issue 14): read, hashed, parsed,
//! checked and handed to the archive from one read. The files are opened
//! through a counting opener that also moves each file away as soon as it is
//! open, so any second open by name would fail and show as an unreadable file.

use crate::common::ym;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use zhaoshang::config::{Config, Folders};
use zhaoshang::ingest::{FileBytes, Intake, Open, SubmissionFile};
use zhaoshang::pipeline::read_and_check_from;

#[derive(Default)]
struct CountingOpener {
    opens: Mutex<BTreeMap<PathBuf, usize>>,
}

impl Open for CountingOpener {
    fn open(&self, path: &Path) -> std::io::Result<File> {
        *self
            .opens
            .lock()
            .unwrap()
            .entry(path.to_path_buf())
            .or_default() += 1;
        let file = File::open(path)?;
        // Gone from its folder: only this open can read it from now on.
        std::fs::rename(path, path.with_extension("gone"))?;
        Ok(file)
    }
}

fn workbooks(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut found = BTreeMap::new();
    for month in std::fs::read_dir(dir).unwrap() {
        for entry in std::fs::read_dir(month.unwrap().path()).unwrap() {
            let path = entry.unwrap().path();
            let sha = hex(&Sha256::digest(std::fs::read(&path).unwrap()));
            found.insert(path, sha);
        }
    }
    found
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_run_opens_each_submission_once_and_archives_from_those_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    zhaoshang::demo::write_demo(&data, 0).unwrap();
    let expected = workbooks(&data.join("submissions"));
    assert_eq!(expected.len(), 11 * 22, "the demo county's 22 months");

    let folders = Folders {
        data: data.clone(),
        out: dir.path().join("output"),
        store: dir.path().join("store"),
    };
    let config = Config::load(&folders, None).unwrap();
    let reference = zhaoshang::reference::Reference::load(&config).unwrap();
    let months: Vec<_> = (1..=12)
        .map(|m| ym(2025, m))
        .chain((1..=10).map(|m| ym(2026, m)))
        .collect();

    let opener = CountingOpener::default();
    let kept: Mutex<Vec<(PathBuf, String, usize)>> = Mutex::default();
    let keep = |file: &SubmissionFile, bytes: &FileBytes| {
        kept.lock()
            .unwrap()
            .push((file.path.clone(), bytes.sha256.clone(), bytes.bytes.len()));
    };
    let intake = Intake {
        open: &opener,
        keep: Some(&keep),
    };
    let checked = read_and_check_from(&config, &reference, &months, intake).unwrap();

    let opens = opener.opens.into_inner().unwrap();
    assert_eq!(opens.len(), expected.len());
    for path in expected.keys() {
        assert_eq!(opens.get(path), Some(&1), "{} opened", path.display());
    }
    // Every file read whole, checked clean, hashed from the one read.
    assert_eq!(checked.subs.len(), expected.len());
    for sub in &checked.subs {
        assert!(sub.issues.is_empty(), "{}: {:?}", sub.file.name, sub.issues);
        assert!(zhaoshang::audit::status(sub).is_used(), "{}", sub.file.name);
        assert_eq!(sub.sha256.as_ref(), expected.get(&sub.file.path));
    }
    assert!(checked.subs.iter().map(|s| s.facts.len()).sum::<usize>() > 1000);
    // The archive got each file's bytes once, from that read.
    let mut kept = kept.into_inner().unwrap();
    kept.sort();
    assert_eq!(kept.len(), expected.len());
    for (path, sha, len) in kept {
        assert_eq!(Some(&sha), expected.get(&path));
        assert_eq!(
            len as u64,
            path.with_extension("gone").metadata().unwrap().len()
        );
    }
}
