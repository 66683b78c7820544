//! The monthly run, stage by stage: this file is the table of contents.
//!
//! ingest (workbook → located tables) → normalise (typed facts) → audit
//! (issues, status) → aggregate (figures) → report (workbooks).

use crate::aggregate::by_industry::figures_by_industry;
use crate::aggregate::by_source::figures_by_source;
use crate::aggregate::peers::{figures_of_peers, own_figures, PeerFigures};
use crate::aggregate::projects::figures_of_projects;
use crate::aggregate::region::{figures_by_region, FlagRules, Receipt, Receipts, RegionFigures};
use crate::aggregate::sums::sum_by_unit_indicator;
use crate::aggregate::trend::monthly_trend;
use crate::atomic;
use crate::audit::issue::{Issue, Location, Rule, Severity};
use crate::audit::revisions::{merge_into_log, revisions_of_month, Revision};
use crate::audit::submission_status::{status_of_year, YearStatus};
use crate::audit::{self, Status};
use crate::config::Config;
use crate::ingest::{self, SubmissionFile};
use crate::model::YearMonth;
use crate::normalize::fact::Fact;
use crate::normalize::peer_bulletin::{self, read_peer_bulletin, PeerBulletin};
use crate::normalize::submission::{normalize_submission, NormalizedSubmission};
use crate::normalize::units::Currency;
use crate::reference::peers::Peers;
use crate::reference::Reference;
use crate::report::audit_book::{History, ReceiptLine};
use crate::report::manifest::{Entry, Manifest};
use crate::report::notes::{Notes, SubmissionNote};
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
    pub bulletin: PathBuf,
    /// The 通报 as a Word document.
    pub document: PathBuf,
    pub audit: PathBuf,
    /// The peer comparison workbook, when the prefecture's bulletins are on hand.
    pub peers: Option<PathBuf>,
    /// Errors found in the prefecture's bulletins (also counted in `errors`).
    pub peer_errors: usize,
    /// Units whose report-month submission went in.
    pub received: Vec<String>,
    /// Units with no submission for the report month.
    pub missing: Vec<String>,
    /// Units whose report-month submission was kept out by an error.
    pub rejected: Vec<String>,
    /// Report-month files kept out whose unit could not be told at all.
    pub unidentified: Vec<String>,
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
    /// The year's receipts (报送情况).
    pub status: YearStatus,
}

/// Runs the monthly job: reads, checks, aggregates and writes the month's workbooks.
///
/// # Errors
///
/// Fatal problems only (settings, reference tables, no submissions folder, an
/// output that cannot be written). Problems in submissions are issues in the audit.
pub fn run_month(config: &Config) -> Result<RunOutcome> {
    let reference = Reference::load(config)?;
    let month = report_month(config)?;
    let store = Store::open(&config.store_dir)?;
    let out_dir = config.out_dir.join(month.to_string());
    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("无法创建输出目录 {}", out_dir.display()))?;
    atomic::sweep_leftovers(&out_dir)?;

    let months = months_needed(month);
    let submissions = read_and_check(config, &reference, &months)?;
    let on_file = facts_on_file(&submissions, &months);
    let from_store = facts_from_store(&store, &months, &on_file)?;
    let revisions = revisions_against_store(&store, &on_file, month)?;
    let revision_log = merge_into_log(&store.read_revisions()?, &revisions);
    let (facts, receipts) = accepted_facts(&submissions, &from_store);
    let sums = sum_by_unit_indicator(&facts, month)?;
    let rules = FlagRules {
        progress: config.progress.percent(month.month),
        yellow_card_ratio: config.yellow_card_ratio,
        double_shortfall_with: config.double_shortfall_with,
    };
    let figures = figures_by_region(&sums, &receipts, &reference, month, rules);
    let sources = figures_by_source(&facts, &reference, month)?;
    let industries = figures_by_industry(&facts, &reference, month)?;
    let projects = figures_of_projects(&facts, &reference, month, &config.size_bands);
    let trend = monthly_trend(&facts, month)?;
    let peers = compare_with_peers(config, &reference, &facts, month)?;
    let status = status_of_year(
        &submissions.subs,
        &reference.regions.names(),
        month,
        &units_in_store(&from_store),
    );

    let notes = Notes {
        month,
        progress: rules.progress,
        progress_rule: config.progress.describe_zh(),
        yellow_card_ratio: config.yellow_card_ratio,
        double_shortfall_with: config.double_shortfall_with,
        rates: rates_used(&reference, month),
        submissions: submission_notes(&submissions.subs, &from_store, &reference, month),
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
    let charts = report::write_chart_images(&out_dir.join("charts"), &contents)?;
    let document = out_dir.join(format!("招商引资通报_{month}.docx"));
    report::document::write_document(
        &document,
        &contents,
        &config.document,
        &report::chart_pictures(&out_dir.join("charts"), &contents),
    )?;
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
    let mut stray = submissions.stray.clone();
    stray.extend(peer_issues.iter().cloned());
    let issues = sorted_issues(&submissions.subs, &stray);
    report::write_audit(
        &audit_path,
        &config.county,
        month,
        &receipt_lines(&submissions.subs, &reference, month),
        &issues,
        &History {
            status: &status,
            revisions: &revisions_in_view(&revision_log, &months),
        },
    )?;

    // The store last: a run stopped before this point leaves it as it was,
    // and the next run finds the same revisions again.
    store.write_revisions(&revision_log)?;
    archive_submissions(&store, &submissions.subs)?;
    let store_writes = on_file
        .iter()
        .map(|(m, facts)| Ok((*m, store.write_month(*m, facts)?)))
        .collect::<Result<Vec<_>>>()?;
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
        &on_file,
        &from_store,
        (&out_dir, &outputs),
    )?;
    report::manifest::write_manifest(&manifest_path, &manifest)?;

    let [received, rejected, missing] = receipt_lists(&receipts, &reference, month);
    let count = |severity| issues.iter().filter(|i| i.severity() == severity).count();
    Ok(RunOutcome {
        month,
        bulletin,
        document,
        audit: audit_path,
        peers: peer_workbook,
        manifest: manifest_path,
        peer_errors: peer_issues
            .iter()
            .filter(|i| i.severity() == Severity::Error)
            .count(),
        received,
        missing,
        rejected,
        unidentified: submissions
            .subs
            .iter()
            .filter(|s| s.unit.is_none() && s.file.folder_month == Some(month))
            .map(|s| s.file.name.clone())
            .collect(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        figures,
        revisions,
        store_writes,
        from_store: from_store.keys().copied().collect(),
        status,
    })
}

/// The year's receipts for `zhaoshang status`: the year's submissions read
/// and checked, months no longer in data/ taken from the store.
///
/// # Errors
///
/// As [`run_month`] before it writes anything; nothing is written.
pub fn year_status(config: &Config) -> Result<YearStatus> {
    let reference = Reference::load(config)?;
    let month = report_month(config)?;
    let store = Store::open(&config.store_dir)?;
    let months: Vec<YearMonth> = (1..=month.month)
        .filter_map(|m| YearMonth::new(month.year, m))
        .collect();
    let submissions = read_and_check(config, &reference, &months)?;
    let on_file = facts_on_file(&submissions, &months);
    let from_store = facts_from_store(&store, &months, &on_file)?;
    Ok(status_of_year(
        &submissions.subs,
        &reference.regions.names(),
        month,
        &units_in_store(&from_store),
    ))
}

/// The accepted facts of each month that has files in data/, as the store
/// will keep them; a month whose files were all kept out has none.
fn facts_on_file(
    checked: &CheckedSubmissions,
    months: &[YearMonth],
) -> BTreeMap<YearMonth, Vec<StoredFact>> {
    let mut by_month: BTreeMap<YearMonth, Vec<StoredFact>> = checked
        .subs
        .iter()
        .filter_map(|s| s.file.folder_month)
        .map(|m| (m, Vec::new()))
        .collect();
    for sub in checked.subs.iter().filter(|s| audit::status(s).is_used()) {
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

/// The stored facts of the months needed that have no files in data/ (last
/// year's workbooks cleared away, say).
fn facts_from_store(
    store: &Store,
    months: &[YearMonth],
    on_file: &BTreeMap<YearMonth, Vec<StoredFact>>,
) -> Result<BTreeMap<YearMonth, Vec<StoredFact>>> {
    let mut found = BTreeMap::new();
    for &m in months.iter().filter(|m| !on_file.contains_key(m)) {
        if let Some(facts) = store.read_month(m)? {
            found.insert(m, facts);
        }
    }
    Ok(found)
}

/// Month → the units with figures in the store's copy of that month.
fn units_in_store(
    from_store: &BTreeMap<YearMonth, Vec<StoredFact>>,
) -> BTreeMap<YearMonth, BTreeSet<String>> {
    from_store
        .iter()
        .map(|(m, facts)| (*m, facts.iter().map(|f| f.fact.unit.clone()).collect()))
        .collect()
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

/// Every submission read goes into the archive as received, kept out or not.
fn archive_submissions(store: &Store, subs: &[NormalizedSubmission]) -> Result<()> {
    let files: Vec<(&std::path::Path, &str)> = subs
        .iter()
        .filter_map(|s| Some((s.file.path.as_path(), s.sha256.as_deref()?)))
        .collect();
    store.archive_files(&files)?;
    Ok(())
}

/// The manifest of a finished run: inputs, store months and outputs, hashed.
#[allow(clippy::too_many_arguments)]
fn run_manifest(
    config: &Config,
    month: YearMonth,
    subs: &[NormalizedSubmission],
    peer_files: &[String],
    store: &Store,
    on_file: &BTreeMap<YearMonth, Vec<StoredFact>>,
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
    for sub in subs.iter().filter(|s| s.sha256.is_some()) {
        let note = audit::status(sub).name_zh().to_string();
        inputs.push(Entry::of_file(&sub.file.path, &sub.file.name, Some(note))?);
    }
    let mut references: Vec<PathBuf> = std::fs::read_dir(&config.reference_dir)
        .with_context(|| format!("读取 {} 失败", config.reference_dir.display()))?
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.is_file())
        .collect();
    references.sort();
    for path in references {
        let shown = relative(&config.data_dir, &path);
        inputs.push(Entry::of_file(&path, &shown, Some("参考表".to_string()))?);
    }
    for name in peer_files {
        let path = config.data_dir.join(name);
        inputs.push(Entry::of_file(&path, name, Some("市通报".to_string()))?);
    }
    let mut stored = Vec::new();
    for (m, note) in on_file
        .keys()
        .map(|m| (m, "本次写入"))
        .chain(from_store.keys().map(|m| (m, "数据目录无报表，取自历史库")))
    {
        let path = store.month_path(*m);
        stored.push(Entry::of_file(
            &path,
            &relative(&store.dir, &path),
            Some(note.to_string()),
        )?);
    }
    stored.sort_by(|a, b| a.path.cmp(&b.path));
    let outputs = outputs
        .iter()
        .map(|p| Entry::of_file(p, &relative(out_dir, p), None))
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
            "没有 {month} 的报表目录 {}",
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
        .map(|file| read_peer_bulletin(file, &peers, &reference.labels))
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

/// Every submission read, normalised and checked; plus issues for stray files.
pub struct CheckedSubmissions {
    pub subs: Vec<NormalizedSubmission>,
    pub stray: Vec<Issue>,
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
    let (files, stray) =
        ingest::discover_submissions(&config.data_dir, &config.submissions_dir, months)?;
    let mut subs: Vec<NormalizedSubmission> = files
        .par_iter()
        .map(|file| check_file(file, reference))
        .collect();
    // Before the checks across files, which ask which files are used.
    audit::set_severities(&mut subs, &config.severity);
    audit::check_duplicates(&mut subs);
    audit::months::check_cumulative(&mut subs);
    audit::arrivals::check_arrivals(&mut subs);
    audit::set_severities(&mut subs, &config.severity);
    Ok(CheckedSubmissions { subs, stray })
}

/// Reads, normalises and audits the given files (`zhaoshang check`). A file in
/// a `YYYY-MM` folder is checked against that month; otherwise its title says.
///
/// # Errors
///
/// When the reference tables cannot be loaded.
pub fn check_files(config: &Config, paths: &[PathBuf]) -> Result<Vec<NormalizedSubmission>> {
    let reference = Reference::load(config)?;
    let files: Vec<SubmissionFile> = paths
        .iter()
        .map(|path| SubmissionFile {
            path: path.clone(),
            name: path.display().to_string(),
            folder_month: path
                .parent()
                .and_then(|p| p.file_name())
                .and_then(|n| n.to_str())
                .and_then(YearMonth::parse),
        })
        .collect();
    let mut subs: Vec<NormalizedSubmission> = files
        .par_iter()
        .map(|file| check_file(file, &reference))
        .collect();
    audit::check_duplicates(&mut subs);
    audit::set_severities(&mut subs, &config.severity);
    Ok(subs)
}

/// One file's whole journey up to the audit; a failure stays in this file.
pub fn check_file(file: &SubmissionFile, reference: &Reference) -> NormalizedSubmission {
    let mut sub = read_and_normalize(file, reference);
    sub.sha256 = ingest::file_sha256(&file.path);
    sub
}

fn read_and_normalize(file: &SubmissionFile, reference: &Reference) -> NormalizedSubmission {
    match ingest::read_submission(file, &reference.labels) {
        Ok(raw) => {
            let mut sub = normalize_submission(&raw, reference);
            audit::check_submission(&mut sub);
            sub
        }
        Err(mut issue) => {
            let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let unit = reference
                .regions
                .find_in_file_name(stem)
                .map(|r| r.name.clone());
            issue.unit = unit.clone();
            issue.period = file.folder_month;
            let mut sub = NormalizedSubmission::failed(file, *issue);
            sub.unit = unit;
            sub
        }
    }
}

/// The facts of accepted submissions and of months taken from the store, and
/// for each year which unit-months went in or were kept out.
fn accepted_facts(
    checked: &CheckedSubmissions,
    from_store: &BTreeMap<YearMonth, Vec<StoredFact>>,
) -> (Vec<Fact>, Receipts) {
    let mut facts = Vec::new();
    let mut receipts = Receipts::new();
    for sub in &checked.subs {
        let status = audit::status(sub);
        if status == Status::Superseded {
            continue;
        }
        let accepted = status.is_used();
        if let (Some(unit), Some(period)) = (&sub.unit, sub.period) {
            let entry = receipts
                .entry((period.year, unit.clone()))
                .or_default()
                .entry(period.month)
                .or_insert(Receipt::Rejected);
            if accepted {
                *entry = Receipt::Accepted;
            }
        }
        if accepted {
            facts.extend(sub.facts.iter().cloned());
        }
    }
    for (m, stored) in from_store {
        for f in stored {
            receipts
                .entry((m.year, f.fact.unit.clone()))
                .or_default()
                .insert(m.month, Receipt::Accepted);
            facts.push(f.fact.clone());
        }
    }
    (facts, receipts)
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

/// The report month's submissions, the units that sent none, and earlier
/// files with problems (they change 累计 and 去年同期).
fn receipt_lines(
    subs: &[NormalizedSubmission],
    reference: &Reference,
    month: YearMonth,
) -> Vec<ReceiptLine> {
    let mut lines: Vec<ReceiptLine> = subs
        .iter()
        .filter(|s| s.file.folder_month == Some(month) || !s.issues.is_empty())
        .map(|s| ReceiptLine {
            unit: s.unit.clone().unwrap_or_else(|| "（无法识别）".to_string()),
            period: s.period,
            file: s.file.name.clone(),
            status: audit::status(s),
            errors: s
                .issues
                .iter()
                .filter(|i| i.severity() == Severity::Error)
                .count(),
            warnings: s
                .issues
                .iter()
                .filter(|i| i.severity() == Severity::Warning)
                .count(),
        })
        .collect();
    for region in &reference.regions.list {
        let sent = subs
            .iter()
            .any(|s| s.file.folder_month == Some(month) && s.unit.as_deref() == Some(&region.name));
        if !sent {
            lines.push(ReceiptLine {
                unit: region.name.clone(),
                period: Some(month),
                file: "—".to_string(),
                status: Status::Missing,
                errors: 0,
                warnings: 0,
            });
        }
    }
    lines.sort_by(|a, b| {
        b.period
            .cmp(&a.period)
            .then_with(|| a.status.cmp(&b.status).reverse())
            .then_with(|| a.file.cmp(&b.file))
    });
    lines
}

/// The units received (已报并采用), rejected (未采用) and missing (未报) for the month.
fn receipt_lists(receipts: &Receipts, reference: &Reference, month: YearMonth) -> [Vec<String>; 3] {
    let mut lists: [Vec<String>; 3] = Default::default();
    for region in &reference.regions.list {
        let receipt = receipts
            .get(&(month.year, region.name.clone()))
            .and_then(|m| m.get(&month.month));
        let slot = match receipt {
            Some(Receipt::Accepted) => 0,
            Some(Receipt::Rejected) => 1,
            _ => 2,
        };
        lists[slot].push(region.name.clone());
    }
    lists
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

/// Every submission of the months read, whether it went in and if not why,
/// and the units that sent nothing for the report month; newest month first.
fn submission_notes(
    subs: &[NormalizedSubmission],
    from_store: &BTreeMap<YearMonth, Vec<StoredFact>>,
    reference: &Reference,
    month: YearMonth,
) -> Vec<SubmissionNote> {
    let mut notes: Vec<SubmissionNote> = subs
        .iter()
        .filter(|s| {
            s.period
                .or(s.file.folder_month)
                .is_some_and(|p| p.month <= month.month)
        })
        .map(|s| {
            let status = audit::status(s);
            let left_out = (!status.is_used()).then(|| {
                let why = s
                    .issues
                    .iter()
                    .find(|i| i.severity() == Severity::Error)
                    .or_else(|| s.issues.first())
                    .map(Issue::brief)
                    .unwrap_or_default();
                format!("{}：{why}", status.name_zh())
            });
            SubmissionNote {
                unit: s.unit.clone().unwrap_or_else(|| "（无法识别）".to_string()),
                period: s.period,
                file: s.file.name.clone(),
                sha256: s.sha256.clone(),
                left_out,
            }
        })
        .collect();
    // Months whose workbooks are gone: the files the store's figures came from.
    let stored: BTreeSet<(YearMonth, &str, &str, &str)> = from_store
        .iter()
        .filter(|(m, _)| m.month <= month.month)
        .flat_map(|(m, facts)| {
            facts.iter().map(|f| {
                let fact = &f.fact;
                (
                    *m,
                    fact.unit.as_str(),
                    fact.provenance.file.as_str(),
                    f.sha256.as_str(),
                )
            })
        })
        .collect();
    notes.extend(
        stored
            .into_iter()
            .map(|(m, unit, file, sha256)| SubmissionNote {
                unit: unit.to_string(),
                period: Some(m),
                file: format!("{file}（取自历史库）"),
                sha256: Some(sha256.to_string()),
                left_out: None,
            }),
    );
    for region in &reference.regions.list {
        let sent = subs
            .iter()
            .any(|s| s.period == Some(month) && s.unit.as_deref() == Some(&region.name));
        if !sent {
            notes.push(SubmissionNote {
                unit: region.name.clone(),
                period: Some(month),
                file: "—".to_string(),
                sha256: None,
                left_out: Some("未报：本月没有收到报表".to_string()),
            });
        }
    }
    notes.sort_by(|a, b| {
        b.period
            .cmp(&a.period)
            .then_with(|| a.unit.cmp(&b.unit))
            .then_with(|| a.file.cmp(&b.file))
    });
    notes
}
