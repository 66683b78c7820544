//! A re-run on unchanged files says so, keeps the results as they are and
//! exits as the last run did; any change to what the run read or wrote —
//! a submission, the settings, an output, the store — makes it recompute.

use crate::common::{small_fixture, snapshot, ym, zhaoshang, Fixture, Grid};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use zhaoshang::app::exit_code::ExitCode;
use zhaoshang::app::last_run::{remember_run, unchanged_since_last_run, InputState, LAST_RUN};

const UNCHANGED: &str = "无需重新计算";

/// Every file under `dir` with its modification time.
fn mtimes(dir: &Path) -> BTreeMap<PathBuf, SystemTime> {
    snapshot(dir)
        .into_keys()
        .map(|rel| {
            let modified = std::fs::metadata(dir.join(&rel))
                .unwrap()
                .modified()
                .unwrap();
            (rel, modified)
        })
        .collect()
}

fn run_args(fx: &Fixture) -> Vec<String> {
    let s = |p: &Path| p.to_str().unwrap().to_string();
    vec![
        "run".into(),
        "--data".into(),
        s(&fx.data),
        "--out".into(),
        s(&fx.out),
        "--store".into(),
        s(&fx.store),
    ]
}

fn run(fx: &Fixture, extra: &[&str]) -> (i32, String) {
    let mut args = run_args(fx);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = zhaoshang(&args);
    assert_ne!(code, 1, "{stdout}{stderr}");
    (code, stdout)
}

#[test]
fn a_rerun_on_unchanged_files_keeps_the_results_and_any_change_recomputes() {
    let fx = small_fixture();
    let east = fx.data.join("submissions/2026-10/东镇.xlsx");
    Grid::detail().write(&east);
    let month_out = fx.out.join("2026-10");

    let (code, first) = run(&fx, &[]);
    assert_eq!(code, 0, "{first}");
    assert!(!first.contains(UNCHANGED), "{first}");
    assert!(month_out.join(LAST_RUN).is_file());
    let (outputs, store) = (mtimes(&month_out), mtimes(&fx.store));
    let bytes = snapshot(&month_out);

    // Nothing changed: said, the last summary shown whole, nothing rewritten.
    let (code, second) = run(&fx, &[]);
    assert_eq!(code, 0, "{second}");
    assert!(
        second.starts_with("2026-10 月报：自上次运行以来"),
        "{second}"
    );
    assert!(second.contains(UNCHANGED), "{second}");
    assert!(second.ends_with(&first), "{second}");
    assert_eq!(mtimes(&month_out), outputs);
    assert_eq!(mtimes(&fx.store), store);
    assert_eq!(snapshot(&month_out), bytes);

    // --force recomputes, to the same bytes; the run after it is unchanged again.
    let (code, forced) = run(&fx, &["--force"]);
    assert_eq!(code, 0, "{forced}");
    assert!(!forced.contains(UNCHANGED), "{forced}");
    assert!(forced.contains("新增 0，更新 0，未变 1"), "{forced}");
    let without_record = |m: BTreeMap<PathBuf, Vec<u8>>| {
        m.into_iter()
            .filter(|(p, _)| p != Path::new(LAST_RUN) && p != Path::new("manifest.json"))
            .collect::<BTreeMap<_, _>>()
    };
    assert_eq!(
        without_record(snapshot(&month_out)),
        without_record(bytes.clone())
    );
    assert!(run(&fx, &[]).1.contains(UNCHANGED));

    // An output deleted: recomputed, and it is back.
    let bulletin = month_out.join("招商引资通报_2026-10.xlsx");
    std::fs::remove_file(&bulletin).unwrap();
    let (_, again) = run(&fx, &[]);
    assert!(!again.contains(UNCHANGED), "{again}");
    assert!(bulletin.is_file());

    // The store touched: recomputed.
    std::fs::write(fx.store.join("备注.txt"), "x").unwrap();
    assert!(!run(&fx, &[]).1.contains(UNCHANGED));
    assert!(run(&fx, &[]).1.contains(UNCHANGED));

    // The settings changed: recomputed.
    let settings = fx.data.join("settings.toml");
    let mut text = std::fs::read_to_string(&settings).unwrap();
    text.push_str("# 改过\n");
    std::fs::write(&settings, text).unwrap();
    assert!(!run(&fx, &[]).1.contains(UNCHANGED));

    // A submission corrected: recomputed, with its new outcome; the exit
    // code of that run is kept by the unchanged run after it.
    Grid::detail().set("J4", "约100").write(&east);
    let (code, corrected) = run(&fx, &[]);
    assert_eq!(code, 2, "{corrected}");
    assert!(corrected.contains("数据未采用 1 个：东镇"), "{corrected}");
    let (code, kept) = run(&fx, &[]);
    assert_eq!(code, 2, "{kept}");
    assert!(
        kept.contains(UNCHANGED) && kept.ends_with(&corrected),
        "{kept}"
    );

    // A file added to the month folder: recomputed.
    std::fs::write(fx.data.join("submissions/2026-10/说明.txt"), "x").unwrap();
    assert!(!run(&fx, &[]).1.contains(UNCHANGED));

    // A record that cannot be read: recomputed, never trusted.
    std::fs::write(month_out.join(LAST_RUN), "{").unwrap();
    assert!(!run(&fx, &[]).1.contains(UNCHANGED));
    assert!(run(&fx, &[]).1.contains(UNCHANGED));
}

#[test]
fn a_file_changed_while_the_run_reads_it_leaves_no_record() {
    let fx = small_fixture();
    let east = fx.data.join("submissions/2026-10/东镇.xlsx");
    Grid::detail().write(&east);
    let config = fx.config(None);
    let before = InputState::survey(&config).unwrap();
    std::fs::create_dir_all(fx.out.join("2026-10")).unwrap();

    // Unchanged while it ran: the record is left and found.
    remember_run(&config, ym(2026, 10), &before, "上次\n", ExitCode::KeptOut);
    let last = unchanged_since_last_run(&config, &InputState::survey(&config).unwrap()).unwrap();
    assert_eq!(
        (last.summary.as_str(), last.exit_code),
        ("上次\n", ExitCode::KeptOut)
    );

    // A submission rewritten after the run started: no record, none left over.
    Grid::detail().set("J4", "7").write(&east);
    remember_run(&config, ym(2026, 10), &before, "上次\n", ExitCode::Ok);
    assert!(!fx.out.join("2026-10").join(LAST_RUN).exists());
    let now = InputState::survey(&config).unwrap();
    assert!(unchanged_since_last_run(&config, &now).is_none());
}

#[test]
fn output_and_store_inside_the_data_folder_named_another_way_are_not_inputs() {
    let fx = small_fixture();
    Grid::detail().write(&fx.data.join("submissions/2026-10/东镇.xlsx"));
    let data = fx.data.to_str().unwrap().to_string();
    // The results inside data/, named through "..": the same folders.
    let (out, store) = (
        format!("{data}/../data/output"),
        format!("{data}/../data/store"),
    );
    let args = ["run", "--data", &data, "--out", &out, "--store", &store];
    let (code, first, _) = zhaoshang(&args);
    assert_eq!(code, 0, "{first}");
    assert!(!first.contains(UNCHANGED), "{first}");
    let (code, second, _) = zhaoshang(&args);
    assert_eq!(code, 0, "{second}");
    assert!(second.contains(UNCHANGED), "{second}");
    // A submission still counts.
    Grid::detail()
        .set("J4", "7")
        .write(&fx.data.join("submissions/2026-10/东镇.xlsx"));
    assert!(!zhaoshang(&args).1.contains(UNCHANGED));
}
