//! The monthly run, stage by stage: this file is the table of contents.
//!
//! ingest (workbook → located tables) → normalise (typed facts) → audit
//! (issues, status) → aggregate (figures) → report (workbooks).

use crate::aggregate::by_industry::figures_by_industry;
use crate::aggregate::by_source::figures_by_source;
use crate::aggregate::peers::{figures_of_peers, own_figures, PeerFigures};
use crate::aggregate::projects::figures_of_projects;
use crate::aggregate::region::{figures_by_region, FlagRules, RegionFigures};
use crate::aggregate::sums::sum_by_unit_indicator;
use crate::aggregate::trend::monthly_trend;
use crate::atomic;
use crate::audit;
use crate::audit::receipts::{Receipts, StoredFile};
use crate::audit::revisions::{merge_into_log, revisions_of_month, Revision};
use crate::config::Config;
use crate::exit_code::ExitCode;
use crate::foundation::issue::{Issue, Location, Rule, Severity};
use crate::foundation::limits::ReadLimits;
use crate::foundation::model::YearMonth;
use crate::foundation::money::Currency;
use crate::ingest::discover::{classify_entry, not_a_workbook_issue, skipped_issue, Entry};
use crate::ingest::{self, SubmissionFile};
use crate::isolation;
use crate::normalize::fact::Fact;
use crate::normalize::peer_bulletin::{self, read_peer_bulletin, PeerBulletin};
use crate::normalize::submission::{normalize_submission, NormalizedSubmission};
use crate::reference::peers::Peers;
use crate::reference::Reference;
use crate::report::manifest::{self, Manifest};
use crate::report::notes::Notes;
use crate::report::peers::BulletinNote;
use crate::report::{self};
use crate::store::facts::StoredFact;
use crate::store::{Store, Written};
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// What a run did, for the terminal and the exit code.
#[derive(Debug)]
pub struct RunOutcome {
    pub month: YearMonth,
    /// The report month's folder as shown to people (`submissions/2026-10`).
    pub month_folder: String,
    pub bulletin: PathBuf,
    /// The 通报 as a Word document.
    pub document: PathBuf,
    pub audit: PathBuf,
    /// The peer comparison workbook, when the prefecture's bulletins are on hand.
    pub peers: Option<PathBuf>,
    /// Errors found in the prefecture's bulletins (also counted in `errors`).
    pub peer_errors: usize,
    /// What became of every unit's month and every entry of the month folders.
    pub receipts: Receipts,
    pub errors: usize,
    pub warnings: usize,
    pub figures: RegionFigures,
    /// `manifest.json`, written last.
    pub manifest: PathBuf,
    /// Figures of stored months this run changed.
    pub revisions: Vec<Revision>,
    /// The months written to the store and what became of each.
    pub store_writes: Vec<(YearMonth, Written)>,
    /// Months with no files in data/ whose figures came from the store.
    pub from_store: Vec<YearMonth>,
}

impl RunOutcome {
    /// 0 when every unit's month went in; 2 when the run finished but some
    /// unit's data was kept out, a file could not be tied to a unit, or
    /// nothing at all arrived for the month.
    pub fn exit_code(&self) -> ExitCode {
        if self.receipts.all_in() {
            ExitCode::Ok
        } else {
            ExitCode::KeptOut
        }
    }
}

/// Runs the monthly job: reads, checks, aggregates and writes the month's workbooks.
///
/// # Errors
///
/// Fatal problems only (settings, reference tables, no submissions folder, an
/// output that cannot be written). Problems in submissions are issues in the audit.
pub fn run_month(config: &Config) -> Result<RunOutcome> {
    let mut laps = crate::timing::Laps::start();
    let reference = Reference::load(config)?;
    let month = report_month(config)?;
    let out_dir = config.out_dir.join(month.to_string());
    atomic::ensure_writable(&out_dir, "输出目录", "--out")?;
    atomic::ensure_writable(&config.store_dir, "历史库目录", "--store")?;
    let store = Store::open(&config.store_dir)?;
    atomic::sweep_leftovers(&out_dir)?;

    let months = months_needed(month);
    // The store's files of the run, made durable together at the end; each
    // submission archived from the bytes it is read from.
    let batch = atomic::Batch::new();
    let archiver = store.archiver(&batch)?;
    let keep = |file: &SubmissionFile, bytes: &ingest::FileBytes| {
        archiver.keep(&file.path, &bytes.sha256, &bytes.bytes);
    };
    let intake = ingest::Intake {
        open: &ingest::Disk,
        keep: Some(&keep),
    };
    laps.lap("reference");
    let mut submissions = read_and_check_from(config, &reference, &months, intake)?;
    laps.lap("read+check");
    let from_store = facts_from_store(&store, &months, &submissions)?;
    let receipts = Receipts::build(
        &submissions.subs,
        &submissions.skipped,
        &reference.regions.names(),
        month,
        &stored_files(&from_store),
    );
    let on_file = facts_on_file(&submissions, &receipts, &months);
    let revisions = revisions_against_store(&store, &on_file, month)?;
    let revision_log = merge_into_log(&store.read_revisions()?, &revisions);
    // The store's files are staged now, to be put in place only by the
    // commit after the workbooks; the months' facts are then not held while
    // the workbooks are made (peak memory, issue 14).
    store.write_revisions(&revision_log, &batch)?;
    archiver.finish()?;
    let store_writes = on_file
        .iter()
        .map(|(m, facts)| Ok((*m, store.write_month(*m, facts, &batch)?)))
        .collect::<Result<Vec<_>>>()?;
    drop(on_file);
    let facts = accepted_facts(&mut submissions, &receipts, &from_store);
    laps.lap("receipts+store");
    let sums = sum_by_unit_indicator(&facts, month)?;
    let rules = FlagRules {
        progress: config.progress.percent(month.month),
        progress_basis: config.progress.basis_zh(month.month),
        yellow_card_ratio: config.yellow_card_ratio,
        double_shortfall_with: config.double_shortfall_with,
    };
    let figures = figures_by_region(&sums, &receipts, &reference, month, &rules);
    let sources = figures_by_source(&facts, &reference, month)?;
    let industries = figures_by_industry(&facts, &reference, month)?;
    let projects = figures_of_projects(&facts, &reference, month, &config.size_bands);
    let trend = monthly_trend(&facts, month)?;
    let peers = compare_with_peers(config, &reference, &facts, month)?;
    laps.lap("aggregate");

    let notes = Notes {
        month,
        progress: rules.progress,
        progress_rule: &config.progress.describe_zh(),
        yellow_card_ratio: config.yellow_card_ratio,
        double_shortfall_with: config.double_shortfall_with,
        rates: rates_used(&reference, month),
        receipts: &receipts,
    };

    let bulletin = out_dir.join(format!("招商引资通报_{month}.xlsx"));
    let audit_path = out_dir.join(format!("审核清单_{month}.xlsx"));
    let contents = report::Bulletin {
        county: &config.county,
        regions: &figures,
        sources: &sources,
        industries: &industries,
        projects: &projects,
        notes: &notes,
        trend: &trend,
        peers: peers.as_ref().and_then(|p| p.figures.as_ref()),
    };
    report::write_bulletin(&bulletin, &contents)?;
    laps.lap("bulletin");
    let charts = report::write_chart_images(&out_dir.join("charts"), &contents)?;
    let document = out_dir.join(format!("招商引资通报_{month}.docx"));
    report::document::write_document(
        &document,
        &contents,
        &config.document,
        &report::chart_pictures(&out_dir.join("charts"), &contents),
    )?;
    laps.lap("charts+docx");
    let peer_workbook = match peers.as_ref() {
        Some(p) => {
            let path = out_dir.join(format!("周边县市比较_{month}.xlsx"));
            let empty = PeerFigures {
                month,
                comparison: None,
                history: Vec::new(),
            };
            let figures = p.figures.as_ref().unwrap_or(&empty);
            report::peers::write_peers(&path, &config.county, figures, &p.notes)?;
            Some(path)
        }
        None => None,
    };
    let peer_files: Vec<String> = peers
        .iter()
        .flat_map(|p| p.notes.iter().map(|n| n.file.clone()))
        .collect();
    let peer_issues = peers.map(|p| p.issues).unwrap_or_default();
    let mut stray = submissions.skipped.clone();
    stray.extend(peer_issues.iter().cloned());
    let issues = sorted_issues(&submissions.subs, &stray);
    report::write_audit(
        &audit_path,
        &config.county,
        &receipts,
        &issues,
        &revisions_in_view(&revision_log, &months),
    )?;

    laps.lap("audit book");
    // The store last: a run stopped before this point leaves it as it was,
    // and the next run finds the same revisions again.
    batch.commit()?;
    laps.lap("commit");
    let mut outputs = vec![bulletin.clone(), document.clone(), audit_path.clone()];
    outputs.extend(peer_workbook.clone());
    outputs.extend(charts);
    let manifest_path = out_dir.join("manifest.json");
    let manifest = run_manifest(
        config,
        month,
        &submissions.subs,
        &peer_files,
        &store,
        &store_writes.iter().map(|(m, _)| *m).collect::<Vec<_>>(),
        &from_store,
        (&out_dir, &outputs),
    )?;
    report::manifest::write_manifest(&manifest_path, &manifest)?;
    laps.lap("manifest");

    let count = |severity| issues.iter().filter(|i| i.severity() == severity).count();
    Ok(RunOutcome {
        month,
        month_folder: ingest::discover::display_name(
            &config.data_dir,
            &config.submissions_dir.join(month.to_string()),
        ),
        bulletin,
        document,
        audit: audit_path,
        peers: peer_workbook,
        manifest: manifest_path,
        peer_errors: peer_issues
            .iter()
            .filter(|i| i.severity() == Severity::Error)
            .count(),
        receipts,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        figures,
        revisions,
        store_writes,
        from_store: from_store.keys().copied().collect(),
    })
}

/// The year's receipts for `zhaoshang status`: the year's submissions read
/// and checked, months no longer in data/ taken from the store.
///
/// # Errors
///
/// As [`run_month`] before it writes anything; nothing is written.
pub fn year_status(config: &Config) -> Result<Receipts> {
    let reference = Reference::load(config)?;
    let month = report_month(config)?;
    let store = Store::open(&config.store_dir)?;
    let months: Vec<YearMonth> = (1..=month.month)
        .filter_map(|m| YearMonth::new(month.year, m))
        .collect();
    let submissions = read_and_check(config, &reference, &months)?;
    let from_store = facts_from_store(&store, &months, &submissions)?;
    Ok(Receipts::build(
        &submissions.subs,
        &submissions.skipped,
        &reference.regions.names(),
        month,
        &stored_files(&from_store),
    ))
}

/// The accepted facts of each month that has files in data/, as the store
/// will keep them; a month whose files were all kept out has none.
fn facts_on_file(
    checked: &CheckedSubmissions,
    receipts: &Receipts,
    months: &[YearMonth],
) -> BTreeMap<YearMonth, Vec<StoredFact>> {
    let mut by_month: BTreeMap<YearMonth, Vec<StoredFact>> = months_with_files(checked)
        .into_iter()
        .map(|m| (m, Vec::new()))
        .collect();
    let used = receipts
        .files
        .iter()
        .filter(|l| l.status.is_used())
        .filter_map(|l| checked.subs.get(l.submission?));
    for sub in used {
        for fact in &sub.facts {
            if months.contains(&fact.period) {
                by_month.entry(fact.period).or_default().push(StoredFact {
                    fact: fact.clone(),
                    sha256: sub.sha256.clone().unwrap_or_default(),
                });
            }
        }
    }
    by_month
}

/// The months whose folders hold at least one submission.
fn months_with_files(checked: &CheckedSubmissions) -> BTreeSet<YearMonth> {
    checked
        .subs
        .iter()
        .filter_map(|s| s.file.folder_month)
        .collect()
}

/// The stored facts of the months needed that have no files in data/ (last
/// year's workbooks cleared away, say).
fn facts_from_store(
    store: &Store,
    months: &[YearMonth],
    checked: &CheckedSubmissions,
) -> Result<BTreeMap<YearMonth, Vec<StoredFact>>> {
    let on_file = months_with_files(checked);
    let mut found = BTreeMap::new();
    for &m in months.iter().filter(|m| !on_file.contains(m)) {
        if let Some(facts) = store.read_month(m)? {
            found.insert(m, facts);
        }
    }
    Ok(found)
}

/// The files behind the stored months' figures, one per unit, month and file.
fn stored_files(from_store: &BTreeMap<YearMonth, Vec<StoredFact>>) -> Vec<StoredFile> {
    let files: BTreeSet<StoredFile> = from_store
        .iter()
        .flat_map(|(m, facts)| {
            facts.iter().map(|f| StoredFile {
                month: *m,
                unit: f.fact.unit.clone(),
                file: f.fact.provenance.file.clone(),
                sha256: f.sha256.clone(),
            })
        })
        .collect();
    files.into_iter().collect()
}

/// What this run changes in months already in the store.
fn revisions_against_store(
    store: &Store,
    on_file: &BTreeMap<YearMonth, Vec<StoredFact>>,
    report: YearMonth,
) -> Result<Vec<Revision>> {
    let mut revisions = Vec::new();
    for (&m, new) in on_file {
        if let Some(old) = store.read_month(m)? {
            revisions.extend(revisions_of_month(m, &old, new, report));
        }
    }
    Ok(revisions)
}

/// The logged revisions of the months the bulletin uses, newest month first
/// and, within a month, the latest found first.
fn revisions_in_view(log: &[Revision], months: &[YearMonth]) -> Vec<Revision> {
    let mut shown: Vec<Revision> = log
        .iter()
        .rev()
        .filter(|r| months.contains(&r.month))
        .cloned()
        .collect();
    shown.sort_by_key(|r| std::cmp::Reverse(r.month));
    shown
}

/// The manifest of a finished run: inputs, store months and outputs, hashed.
#[allow(clippy::too_many_arguments)]
fn run_manifest(
    config: &Config,
    month: YearMonth,
    subs: &[NormalizedSubmission],
    peer_files: &[String],
    store: &Store,
    written: &[YearMonth],
    from_store: &BTreeMap<YearMonth, Vec<StoredFact>>,
    (out_dir, outputs): (&std::path::Path, &[PathBuf]),
) -> Result<Manifest> {
    let relative = |base: &std::path::Path, path: &std::path::Path| {
        path.strip_prefix(base)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut inputs = Vec::new();
    // Submissions by the hash of the bytes read, not read again: the
    // manifest names what went into the figures.
    for sub in subs {
        let Some(sha256) = &sub.sha256 else { continue };
        inputs.push(manifest::Entry {
            path: sub.file.name.clone(),
            sha256: sha256.clone(),
            bytes: std::fs::metadata(&sub.file.path).map_or(0, |m| m.len()),
            note: Some(audit::status(sub).name_zh().to_string()),
        });
    }
    let mut references: Vec<PathBuf> = std::fs::read_dir(&config.reference_dir)
        .with_context(|| format!("读取 {} 失败", config.reference_dir.display()))?
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.is_file())
        .collect();
    references.sort();
    for path in references {
        let shown = relative(&config.data_dir, &path);
        inputs.push(manifest::Entry::of_file(
            &path,
            &shown,
            Some("参考表".to_string()),
        )?);
    }
    for name in peer_files {
        let path = config.data_dir.join(name);
        inputs.push(manifest::Entry::of_file(
            &path,
            name,
            Some("市通报".to_string()),
        )?);
    }
    let mut stored = Vec::new();
    for (m, note) in written
        .iter()
        .map(|m| (m, "本次写入"))
        .chain(from_store.keys().map(|m| (m, "数据目录无报表，取自历史库")))
    {
        let path = store.month_path(*m);
        stored.push(manifest::Entry::of_file(
            &path,
            &relative(&store.dir, &path),
            Some(note.to_string()),
        )?);
    }
    stored.sort_by(|a, b| a.path.cmp(&b.path));
    let outputs = outputs
        .iter()
        .map(|p| manifest::Entry::of_file(p, &relative(out_dir, p), None))
        .collect::<Result<Vec<_>>>()?;
    Ok(Manifest {
        program: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
        month: month.to_string(),
        county: config.county.clone(),
        settings_sha256: config.settings_sha256.clone(),
        inputs,
        store: stored,
        outputs,
    })
}

/// The month asked for, or the latest month with a folder of submissions.
fn report_month(config: &Config) -> Result<YearMonth> {
    let present = ingest::months_present(&config.submissions_dir)?;
    match config.month {
        Some(month) if present.contains(&month) => Ok(month),
        Some(month) => bail!(
            "没有 {month} 的报表目录 {}：请确认 --month 写对了月份，或先建好该目录并放入各单位的报表",
            config.submissions_dir.join(month.to_string()).display()
        ),
        None => present.last().copied().with_context(|| {
            format!(
                "报表目录 {} 下没有任何月份的子目录（应为 2026-10 这样的名称）",
                config.submissions_dir.display()
            )
        }),
    }
}

/// Last year in full (for 去年同期 and, later, the trend) and this year up to the month.
fn months_needed(month: YearMonth) -> Vec<YearMonth> {
    (1..=12)
        .filter_map(|m| YearMonth::new(month.year - 1, m))
        .chain((1..=month.month).filter_map(|m| YearMonth::new(month.year, m)))
        .collect()
}

/// The prefecture's bulletins, read and checked, and the comparison.
struct PeerRun {
    /// `None` when the list of peer counties could not be read.
    figures: Option<PeerFigures>,
    notes: Vec<BulletinNote>,
    issues: Vec<Issue>,
}

/// Reads the prefecture's bulletins (each file on its own, in parallel),
/// checks them and compares our county with its peers. `None` when there are
/// no bulletins at all.
///
/// # Errors
///
/// When the bulletins' folder cannot be listed, or polars fails.
fn compare_with_peers(
    config: &Config,
    reference: &Reference,
    facts: &[Fact],
    month: YearMonth,
) -> Result<Option<PeerRun>> {
    let (files, stray) = ingest::discover_peer_bulletins(&config.data_dir, &config.peers_dir)?;
    if files.is_empty() && stray.is_empty() {
        return Ok(None);
    }
    let list = config.reference_dir.join("peers.xlsx");
    let peers = match Peers::load(&list, &config.county) {
        Ok(peers) => peers,
        Err(e) => {
            let mut issue = Issue::new(
                Rule::PeerNoCountyList,
                Location::file(&list.display().to_string()),
                None,
                format!("无法读取周边县市名录（县市 | 别名），未做周边县市比较：{e:#}"),
            );
            issue.unit = Some(peer_bulletin::AUDIT_UNIT.to_string());
            return Ok(Some(PeerRun {
                figures: None,
                notes: Vec::new(),
                issues: stray.into_iter().chain([issue]).collect(),
            }));
        }
    };
    let mut bulletins: Vec<PeerBulletin> = files
        .par_iter()
        .map(|file| {
            isolation::run_isolated(|| read_peer_bulletin(file, &peers, &reference.labels))
                .unwrap_or_else(|why| unreadable_bulletin(file, &why))
        })
        .collect();
    audit::peers::check_duplicate_months(&mut bulletins);
    let own = own_figures(facts, reference, &months_needed(month), month)?;
    audit::peers::check_own_figures(&mut bulletins, &peers, &own);
    let figures = figures_of_peers(&bulletins, &peers, &own, month);
    let notes = bulletins
        .iter()
        .map(|b| BulletinNote {
            file: b.file.name.clone(),
            month: b.month,
            sha256: b.sha256.clone(),
            left_out: bulletin_left_out(b, month),
        })
        .collect();
    Ok(Some(PeerRun {
        figures: Some(figures),
        notes,
        issues: stray
            .into_iter()
            .chain(bulletins.into_iter().flat_map(|b| b.issues))
            .collect(),
    }))
}

/// A bulletin whose reader panicked: named, and left out of the comparison.
fn unreadable_bulletin(file: &ingest::PeerFile, why: &str) -> PeerBulletin {
    let mut bulletin = PeerBulletin {
        file: file.clone(),
        sha256: None,
        month: None,
        sheet: None,
        indicators: Vec::new(),
        lines: Vec::new(),
        total: None,
        issues: Vec::new(),
    };
    bulletin.push(Issue::new(
        Rule::FileUnreadable,
        Location::file(&file.name),
        None,
        format!(
            "读取该通报时程序出错，未能读取（文件可能已损坏）；其他文件不受影响（详情：{why}）"
        ),
    ));
    bulletin
}

/// Why a bulletin is not in the comparison, or `None` when it is.
fn bulletin_left_out(bulletin: &PeerBulletin, month: YearMonth) -> Option<String> {
    let errors: Vec<String> = bulletin
        .issues
        .iter()
        .filter(|i| i.severity() == Severity::Error)
        .map(|i| i.message.clone())
        .collect();
    if !errors.is_empty() {
        return Some(format!("未采用：{}", errors.join("；")));
    }
    match bulletin.month {
        Some(m) if m > month || m.year < month.year - 1 => {
            Some("不在本期比较范围（上年1月至本月）".to_string())
        }
        Some(_) => None,
        None => Some("未采用：找不到月份".to_string()),
    }
}

/// Every submission read, normalised and checked; plus the lock, hidden and
/// system files passed over (info issues).
pub struct CheckedSubmissions {
    pub subs: Vec<NormalizedSubmission>,
    pub skipped: Vec<Issue>,
}

impl CheckedSubmissions {
    /// `check`'s exit code: 2 when any file has an error, else 0.
    pub fn exit_code(&self) -> ExitCode {
        if self
            .subs
            .iter()
            .any(|s| audit::status(s) == audit::Status::Rejected)
        {
            ExitCode::KeptOut
        } else {
            ExitCode::Ok
        }
    }
}

/// Ingests, normalises and audits the months' files, each file independently and in parallel.
///
/// # Errors
///
/// When a month's folder cannot be listed.
pub fn read_and_check(
    config: &Config,
    reference: &Reference,
    months: &[YearMonth],
) -> Result<CheckedSubmissions> {
    read_and_check_from(config, reference, months, ingest::Intake::disk())
}

/// As [`read_and_check`], each file opened and its bytes kept through `intake`.
///
/// # Errors
///
/// When a month's folder cannot be listed.
pub fn read_and_check_from(
    config: &Config,
    reference: &Reference,
    months: &[YearMonth],
    intake: ingest::Intake,
) -> Result<CheckedSubmissions> {
    let entries = ingest::discover_submissions(&config.data_dir, &config.submissions_dir, months)?;
    let progress = crate::progress::Reading::start(entries.files.len());
    let mut subs: Vec<NormalizedSubmission> = entries
        .files
        .par_iter()
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
    Ok(CheckedSubmissions {
        subs,
        skipped: entries.skipped,
    })
}

/// Reads, normalises and audits the given files (`zhaoshang check`). A file in
/// a `YYYY-MM` folder is checked against that month; otherwise its title says.
/// Entries are judged as in a month folder: lock and hidden files are passed
/// over, anything not a workbook is kept out with why.
///
/// # Errors
///
/// When the reference tables cannot be loaded.
pub fn check_files(config: &Config, paths: &[PathBuf]) -> Result<CheckedSubmissions> {
    let reference = Reference::load(config)?;
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let folder_month = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .and_then(YearMonth::parse);
        match classify_entry(path) {
            Entry::Skipped(why) => skipped.push(skipped_issue(&name, &why, folder_month)),
            Entry::Workbook | Entry::NotAWorkbook(_) => files.push(SubmissionFile {
                path: path.clone(),
                name,
                folder_month,
            }),
        }
    }
    let mut subs: Vec<NormalizedSubmission> = files
        .par_iter()
        .map(|file| check_file(file, &reference, &config.limits))
        .collect();
    audit::check_duplicates(&mut subs);
    audit::set_severities(&mut subs, &config.severity);
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
    check_file_from(file, reference, limits, ingest::Intake::disk())
}

/// As [`check_file`], the file opened once through `intake` and its bytes,
/// once read, handed to `intake.keep` (the run's archive).
pub fn check_file_from(
    file: &SubmissionFile,
    reference: &Reference,
    limits: &ReadLimits,
    intake: ingest::Intake,
) -> NormalizedSubmission {
    // A folder, a PDF or another entry that is not a workbook says what it is
    // (hashed where it can be read, for the archive and the manifest).
    let not_a_workbook = match classify_entry(&file.path) {
        Entry::NotAWorkbook(why) => Some(not_a_workbook_issue(&file.name, &why)),
        Entry::Workbook | Entry::Skipped(_) => None,
    };
    let bytes = match ingest::read_file_once_from(intake.open, &file.path, &file.name, limits) {
        Ok(bytes) => bytes,
        Err(issue) => {
            return failed_submission(file, reference, not_a_workbook.unwrap_or(*issue));
        }
    };
    if let Some(keep) = intake.keep {
        keep(file, &bytes);
    }
    if let Some(issue) = not_a_workbook {
        let mut sub = failed_submission(file, reference, issue);
        sub.sha256 = Some(bytes.sha256);
        return sub;
    }
    let checked =
        isolation::run_isolated(|| read_and_normalize(file, &bytes.bytes, reference, limits));
    let mut sub = checked.unwrap_or_else(|why| {
        let issue = Issue::new(
            Rule::FileUnreadable,
            Location::file(&file.name),
            None,
            format!(
                "读取该工作簿时程序出错，未能读取（文件可能已损坏或被改写）；请在 Excel/WPS 中另存为 .xlsx 后重新报送。其他单位的报表不受影响（详情：{why}）"
            ),
        );
        failed_submission(file, reference, issue)
    });
    sub.sha256 = Some(bytes.sha256);
    sub
}

fn read_and_normalize(
    file: &SubmissionFile,
    bytes: &[u8],
    reference: &Reference,
    limits: &ReadLimits,
) -> NormalizedSubmission {
    match ingest::read_submission(file, bytes, &reference.labels, limits) {
        Ok(raw) => {
            let mut sub = normalize_submission(&raw, reference);
            audit::check_submission(&mut sub);
            sub
        }
        Err(issue) => failed_submission(file, reference, *issue),
    }
}

/// A file that could not be read: its one issue, and the unit its name gives.
/// The month it is for is unknown, so the issue carries that of the folder
/// it was placed in.
fn failed_submission(
    file: &SubmissionFile,
    reference: &Reference,
    mut issue: Issue,
) -> NormalizedSubmission {
    let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let unit = reference
        .regions
        .find_in_file_name(stem)
        .map(|r| r.name.clone());
    issue.unit = unit.clone();
    issue.period = file.folder_month;
    let mut sub = NormalizedSubmission::failed(file, issue);
    sub.unit = unit;
    sub.period = None;
    sub
}

/// The facts the figures use. The submissions' facts are moved out, not
/// copied: from here on only their issues, hashes and statuses are read, and
/// a province's facts are not held twice (peak memory, issue 14).
fn accepted_facts(
    checked: &mut CheckedSubmissions,
    receipts: &Receipts,
    from_store: &BTreeMap<YearMonth, Vec<StoredFact>>,
) -> Vec<Fact> {
    let mut facts = Vec::new();
    let used = receipts.files.iter().filter(|l| l.status.is_used());
    for index in used.filter_map(|l| l.submission) {
        if let Some(sub) = checked.subs.get_mut(index) {
            facts.append(&mut sub.facts);
        }
    }
    for sub in &mut checked.subs {
        sub.facts = Vec::new();
    }
    facts.extend(from_store.values().flatten().map(|f| f.fact.clone()));
    facts
}

fn sorted_issues(subs: &[NormalizedSubmission], stray: &[Issue]) -> Vec<Issue> {
    let mut issues: Vec<Issue> = subs
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

/// The foreign-currency rates of the months the figures use (1..N of this
/// year and of last year).
fn rates_used(reference: &Reference, month: YearMonth) -> Vec<(YearMonth, Currency, f64)> {
    reference
        .rates
        .iter()
        .filter(|(m, c, _)| {
            *c != Currency::CNY
                && (m.year == month.year || m.year == month.year - 1)
                && m.month <= month.month
        })
        .collect()
}
