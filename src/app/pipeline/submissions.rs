//! The submissions' journey: every file read once, located (ingest),
//! normalised and checked on its own and in parallel, then the checks across
//! files (audit). A failure, even a panic, stays in its file.

use crate::app::progress_bar::Reading;
use crate::audit::{self, checked::CheckedSubmissions};
use crate::config::Config;
use crate::foundation::isolation;
use crate::foundation::limits::ReadLimits;
use crate::foundation::model::YearMonth;
use crate::ingest::discover::{classify_by_name, classify_entry, not_a_workbook_issue, Entry};
use crate::ingest::{self, Intake, SubmissionFile};
use crate::normalize::submission::{normalize_submission, NormalizedSubmission};
use crate::reference::Reference;
use anyhow::Result;
use rayon::prelude::*;
use std::path::PathBuf;

/// Ingests, normalises and audits the months' files, each file independently
/// and in parallel, then the checks across files.
///
/// # Errors
///
/// When a month's folder cannot be listed.
pub fn read_and_check(
    config: &Config,
    reference: &Reference,
    months: &[YearMonth],
) -> Result<CheckedSubmissions> {
    read_and_check_from(config, reference, months, Intake::disk())
}

/// As [`read_and_check`], each file opened and its bytes kept through
/// `intake`; a progress bar on a terminal while reading takes long.
///
/// # Errors
///
/// When a month's folder cannot be listed.
pub fn read_and_check_from(
    config: &Config,
    reference: &Reference,
    months: &[YearMonth],
    intake: Intake,
) -> Result<CheckedSubmissions> {
    let entries = ingest::discover_submissions(&config.data_dir, &config.submissions_dir, months)?;
    let progress = Reading::start(entries.files.len());
    let mut subs: Vec<NormalizedSubmission> = (entries.files.par_iter())
        .map(|file| {
            let sub = check_file_from(file, reference, &config.limits, intake);
            progress.file_done();
            sub
        })
        .collect();
    progress.finish();
    // Before the checks across files, which ask which files are used.
    audit::set_severities(&mut subs, &config.severity);
    audit::check_duplicates(&mut subs);
    audit::months::check_cumulative(&mut subs);
    audit::arrivals::check_arrivals(&mut subs);
    audit::set_severities(&mut subs, &config.severity);
    let skipped = entries.skipped;
    Ok(CheckedSubmissions { subs, skipped })
}

/// One file's whole journey up to the audit; a failure stays in this file.
/// The file is read from disk once: hashed, parsed and checked from those
/// bytes. A panic inside a reader becomes `file.unreadable` for this file
/// alone and the run goes on (docs/robustness.md).
pub fn check_file(
    file: &SubmissionFile,
    reference: &Reference,
    limits: &ReadLimits,
) -> NormalizedSubmission {
    check_file_from(file, reference, limits, Intake::disk())
}

/// As [`check_file`], the file opened once through `intake` and its bytes,
/// once read, handed to `intake.keep` (the run's archive).
pub fn check_file_from(
    file: &SubmissionFile,
    reference: &Reference,
    limits: &ReadLimits,
    intake: Intake,
) -> NormalizedSubmission {
    // A folder, a PDF or another entry that is not a workbook says what it is
    // (hashed where it can be read, for the archive and the manifest). A
    // file read is no folder: only one that cannot be read is asked.
    let not_a_workbook = |entry| match entry {
        Entry::NotAWorkbook(why) => Some(not_a_workbook_issue(&file.name, &why)),
        Entry::Workbook | Entry::Skipped(_) => None,
    };
    let bytes = match ingest::read_file_once_from(intake.open, &file.path, &file.name, limits) {
        Ok(bytes) => bytes,
        Err(issue) => {
            let issue = not_a_workbook(classify_entry(&file.path)).unwrap_or(*issue);
            return NormalizedSubmission::unread(file, reference, issue);
        }
    };
    if let Some(keep) = intake.keep {
        keep(file, &bytes);
    }
    let mut sub = match not_a_workbook(classify_by_name(&file.path)) {
        Some(issue) => NormalizedSubmission::unread(file, reference, issue),
        None => isolation::run_isolated(|| {
            match ingest::read_submission(file, &bytes.bytes, &reference.labels, limits) {
                Ok(raw) => {
                    let mut sub = normalize_submission(&raw, reference);
                    audit::check_submission(&mut sub);
                    sub
                }
                Err(issue) => NormalizedSubmission::unread(file, reference, *issue),
            }
        })
        .unwrap_or_else(|why| NormalizedSubmission::reader_failed(file, reference, &why)),
    };
    sub.bytes = bytes.bytes.len() as u64;
    sub.sha256 = Some(bytes.sha256);
    sub
}

/// Reads, normalises and audits the given files (`zhaoshang check`), judged
/// as entries of a month folder ([`ingest::files_given`]).
///
/// # Errors
///
/// When the reference tables cannot be loaded.
pub fn check_files(config: &Config, paths: &[PathBuf]) -> Result<CheckedSubmissions> {
    let reference = Reference::load(config)?;
    let entries = ingest::files_given(paths);
    let mut subs: Vec<NormalizedSubmission> = (entries.files.par_iter())
        .map(|file| check_file(file, &reference, &config.limits))
        .collect();
    audit::check_duplicates(&mut subs);
    audit::set_severities(&mut subs, &config.severity);
    Ok(CheckedSubmissions {
        subs,
        skipped: entries.skipped,
    })
}
