//! kill -9 at any moment of a run: every output and every file of the store
//! is afterwards either the previous run's or the new run's, whole; nothing
//! that was there is lost; and running again finishes the job.

use crate::common::snapshot;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TRIALS: u32 = 12;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn run_command(root: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zhaoshang"));
    command
        .arg("run")
        .args(["--data", root.join("data").to_str().unwrap()])
        .args(["--out", root.join("output").to_str().unwrap()])
        .args(["--store", root.join("store").to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// The outputs and the store of a folder, without the `.part` files a killed
/// run leaves, and without the record of the last run: that holds the states
/// (times, inodes) of its own folder's files, so it is never the same bytes in
/// two folders; what it may do after a kill is checked below.
fn results(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = snapshot(&root.join("output"));
    all.retain(|p, _| {
        !p.to_string_lossy().ends_with(".part") && !p.ends_with(zhaoshang::app::last_run::LAST_RUN)
    });
    let store = snapshot(&root.join("store"));
    all.extend(
        store
            .into_iter()
            .filter(|(p, _)| !p.to_string_lossy().ends_with(".part"))
            .map(|(p, b)| (Path::new("store").join(p), b)),
    );
    all
}

/// The change between the two runs: 云港镇's October file is withdrawn and
/// 保税区 re-sends September with another file's contents.
fn change_inputs(root: &Path) {
    let months = root.join("data/submissions");
    std::fs::remove_file(months.join("2026-10/云港镇_2026-10.xlsx")).unwrap();
    std::fs::copy(
        months.join("2026-08/保税区_2026-08.xlsx"),
        months.join("2026-09/保税区_2026-09.xlsx"),
    )
    .unwrap();
}

#[test]
fn killing_a_run_at_any_moment_leaves_every_file_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("base");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        &base.join("data"),
    );
    assert!(run_command(&base).status().unwrap().code() == Some(0));
    let before = results(&base);
    assert!(before.keys().any(|p| p.starts_with("store/facts")));

    // What the changed inputs give when the run is left to finish.
    let finished = tmp.path().join("finished");
    copy_dir(&base, &finished);
    change_inputs(&finished);
    let started = Instant::now();
    // A unit missing the month is not a rejection: exit 0.
    assert_eq!(run_command(&finished).status().unwrap().code(), Some(0));
    let full_run = started.elapsed();
    let after = results(&finished);
    assert!(after != before, "the change must show in the results");

    let mut interrupted = 0;
    for trial in 0..TRIALS {
        let root = tmp.path().join(format!("trial{trial}"));
        copy_dir(&base, &root);
        change_inputs(&root);
        let mut child = run_command(&root).spawn().unwrap();
        std::thread::sleep(
            full_run.mul_f64(f64::from(trial) / f64::from(TRIALS)) + Duration::from_millis(2),
        );
        let _ = child.kill(); // SIGKILL on Unix: no chance to clean up
        let _ = child.wait();

        let now = results(&root);
        for (path, bytes) in &now {
            assert!(
                before.get(path) == Some(bytes) || after.get(path) == Some(bytes),
                "trial {trial}: {} is neither the old file nor the new one",
                path.display()
            );
        }
        for path in before.keys() {
            assert!(
                now.contains_key(path),
                "trial {trial}: {} was lost",
                path.display()
            );
        }
        if now != before && now != after {
            interrupted += 1;
        }
        // Running again finishes the job, leftovers swept: the record the
        // base run left (copied here) or none, never one that skips the work.
        run_command(&root).status().unwrap();
        assert!(results(&root) == after, "trial {trial}: the re-run differs");
        // And the run after that finds nothing changed.
        let output = run_command(&root).stdout(Stdio::piped()).output().unwrap();
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(said.contains("无需重新计算"), "trial {trial}: {said}");
        assert!(
            results(&root) == after,
            "trial {trial}: the third run changed files"
        );
        let parts: Vec<_> = snapshot(&root)
            .into_keys()
            .filter(|p| p.to_string_lossy().ends_with(".part"))
            .collect();
        assert!(parts.is_empty(), "trial {trial}: leftovers {parts:?}");
    }
    eprintln!("{interrupted} of {TRIALS} runs were killed between their first and last write");
}
