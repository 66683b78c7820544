//! The monthly run, stage by stage: this file is the table of contents.
//!
//! ingest (workbook → located tables) → normalise (typed facts) → audit
//! (issues, receipts) → aggregate (figures) → report (workbooks). The
//! reference tables and the history store are handed to the stages. The
//! journeys of single files are in pipeline/: each submission, for run,
//! status and check (submissions.rs), and each prefecture bulletin
//! (peers.rs); what a run did is outcome.rs.

mod outcome;
mod peers;
mod submissions;

use crate::aggregate::attracted::{figures_of_attracted, AttractedFigures};
use crate::aggregate::by_industry::{figures_by_industry, IndustryFigures};
use crate::aggregate::by_source::{figures_by_source, SourceFigures};
use crate::aggregate::facts_frame::facts_frame;
use crate::aggregate::projects::{figures_of_projects, ProjectFigures};
use crate::aggregate::region::{figures_by_region, FlagRules, RegionFigures};
use crate::aggregate::rmb_projects::{figures_of_rmb_projects, RmbProjectFigures};
use crate::aggregate::stages::{figures_of_stages, StageFigures};
use crate::aggregate::standing::{standing, Standing};
use crate::aggregate::trend::{monthly_trend, Trend};
use crate::app::timing::Laps;
use crate::audit::checked::stored_files;
pub use crate::audit::checked::CheckedSubmissions;
use crate::audit::receipts::Receipts;
use crate::audit::revisions::{merge_into_log, revisions_against_store, revisions_in_view};
use crate::config::{RunConfig, StatusConfig};
use crate::foundation::fact::Fact;
use crate::foundation::issue::{Issue, Severity};
use crate::foundation::model::YearMonth;
use crate::foundation::{atomic, memory};
use crate::ingest;
use crate::reference::Reference;
use crate::report::{self, manifest, notes::Notes};
use crate::store::archive::Archiver;
use crate::store::facts::facts_to_frame;
use crate::store::{parquet, Store, Written};
use anyhow::Result;
pub use outcome::RunOutcome;
use peers::{compare_with_peers, PeerRun};
use polars::prelude::DataFrame;
use rayon::prelude::*;
pub use submissions::{
    check_file, check_file_from, check_files, read_and_check, read_and_check_from,
};

/// Runs the monthly job: reads, checks, aggregates and writes the month's workbooks.
///
/// # Errors
///
/// Fatal problems only (settings, reference tables, no submissions folder, an
/// output that cannot be written). Problems in submissions are issues in the audit.
pub fn run_month(config: &RunConfig) -> Result<RunOutcome> {
    let mut laps = Laps::start();
    let reference = Reference::load(config)?;
    let month = ingest::report_month(&config.submissions_dir, config.month)?;
    let out_dir = config.out_dir.join(month.to_string());
    atomic::ensure_writable(&out_dir, "输出目录", "--out")?;
    atomic::ensure_writable(&config.store_dir, "历史库目录", "--store")?;
    let store = Store::open(&config.store_dir)?;
    atomic::sweep_leftovers(&out_dir)?;

    let months = month.bulletin_months();
    // The store's files of the run are staged in one batch and made durable
    // together, after the workbooks; each submission is archived from the
    // bytes it was read from.
    let batch = atomic::Batch::new();
    let archiver = store.archiver(&batch)?;
    let keep = |file: &ingest::SubmissionFile, bytes: &ingest::FileBytes| {
        archiver.keep(file.folder_month, &file.path, &bytes.sha256, &bytes.bytes);
    };
    let intake = ingest::Intake {
        open: &ingest::Disk,
        keep: Some(&keep),
    };
    laps.lap("reference");
    let mut checked = read_and_check_from(config, &reference, &months, intake)?;
    // The reading threads' memos go before the figures are made (peak memory).
    rayon::broadcast(|_| ingest::forget_memos());
    ingest::forget_memos();
    memory::release_freed();
    laps.lap("read+check");
    let from_store = store.read_months_not_on_file(&months, &checked.months_with_files())?;
    let receipts = Receipts::build(
        &checked.subs,
        &checked.skipped,
        &reference.regions.names(),
        month,
        &stored_files(&from_store),
    );
    let on_file = checked.facts_on_file(&receipts, &months);
    let revisions = revisions_against_store(&store, &on_file, month)?;
    let revision_log = merge_into_log(&store.read_revisions()?, &revisions);
    // Staged now, put in place only by the commit after the workbooks: the
    // months' facts are not held while the workbooks are made (peak memory).
    store.write_revisions(&revision_log, &batch)?;
    // The months' facts as the store's tables, made before the facts are
    // moved to the figures; the tables are written while the figures are made.
    let month_tables = (on_file.par_iter())
        .map(|(m, facts)| Ok((*m, facts_to_frame(facts)?)))
        .collect::<Result<Vec<_>>>()?;
    drop(on_file);
    let facts = checked.take_accepted_facts(&receipts, &from_store);
    laps.lap("receipts");

    let rules = FlagRules {
        progress: config.progress.percent(month.month),
        progress_basis: config.progress.basis_zh(month.month),
        yellow_card_ratio: config.yellow_card_ratio,
        double_shortfall_with: config.double_shortfall_with,
        scope: config.document.scope.clone(),
    };
    // The store's archive packs and months are written while the figures
    // are made: they share nothing, and the figures leave a core free.
    let (store_writes, month_figures) = rayon::join(
        || write_store(&store, &batch, archiver, month_tables),
        || figures_of_month(config, &reference, facts, &receipts, month, &rules),
    );
    let (store_writes, made) = (store_writes?, month_figures?);
    memory::release_freed();
    laps.lap("store+aggregate");

    let notes = Notes {
        month,
        progress: rules.progress,
        progress_rule: &config.progress.describe_zh(),
        yellow_card_ratio: config.yellow_card_ratio,
        double_shortfall_with: config.double_shortfall_with,
        rates: reference.rates.used_for(month),
        receipts: &receipts,
        attracted_rule: &config.rmb.attracted_rule_zh(),
    };
    let contents = report::Bulletin {
        county: &config.county,
        regions: &made.figures,
        sources: &made.sources,
        industries: &made.industries,
        projects: &made.projects,
        attracted: &made.attracted,
        rmb_projects: &made.rmb_projects,
        stages: &made.stages,
        notes: &notes,
        trend: &made.trend,
        peers: made.peers.as_ref().and_then(|p| p.figures.as_ref()),
        standing: &made.standing,
        scope: &config.document.scope,
    };
    let peer_issues: Vec<Issue> = made.peers.iter().flat_map(|p| p.issues.clone()).collect();
    let issues = checked.issues_in_order(&[checked.skipped.clone(), peer_issues.clone()].concat());
    let audit_list = report::AuditList {
        receipts: &receipts,
        issues: &issues,
        revisions: &revisions_in_view(&revision_log, &months),
    };
    let peer_part = made.peers.as_ref().map(|p| report::PeerPart {
        figures: p.figures.as_ref(),
        our_figure: config.our_figure,
        notes: &p.notes,
    });
    // The month's outputs are staged in a batch of their own, put in place
    // before the store's.
    let written = atomic::Batch::new();
    let outputs = report::write_month(
        &out_dir,
        &contents,
        &config.document,
        peer_part,
        &audit_list,
        &written,
    )?;

    laps.lap("workbooks");

    // One flush for the outputs and what is left of the store's, then the
    // outputs put in place, then the store last: a run stopped before that
    // point leaves it as it was, and the next run finds the same revisions again.
    atomic::commit_in_order(vec![written, batch])?;
    laps.lap("commit");
    let peer_files: Vec<String> = (made.peers.iter().flat_map(|p| &p.notes))
        .map(|n| n.file.clone())
        .collect();
    let run_files = manifest::RunFiles {
        subs: &checked.subs,
        peer_files: &peer_files,
        store: &store,
        written: &store_writes.iter().map(|(m, _)| *m).collect::<Vec<_>>(),
        from_store: &from_store,
        out_dir: &out_dir,
        outputs: &outputs.all(),
    };
    let manifest_path = out_dir.join("manifest.json");
    manifest::write_manifest(
        &manifest_path,
        &manifest::run_manifest(config, month, &run_files)?,
    )?;
    laps.lap("manifest");
    // A province's submissions are many pieces, a tenth of a second to free
    // one by one: freed on a pool thread while the run is reported.
    rayon::spawn(move || drop(checked));

    let count = |set: &[Issue], s| set.iter().filter(|i| i.severity() == s).count();
    let month_dir = config.submissions_dir.join(month.to_string());
    Ok(RunOutcome {
        month,
        month_folder: ingest::discover::display_name(&config.data_dir, &month_dir),
        bulletin: outputs.bulletin,
        document: outputs.document,
        audit: outputs.audit,
        peers: outputs.peers,
        manifest: manifest_path,
        peer_errors: count(&peer_issues, Severity::Error),
        receipts,
        errors: count(&issues, Severity::Error),
        warnings: count(&issues, Severity::Warning),
        figures: made.figures,
        revisions,
        store_writes,
        from_store: from_store.keys().copied().collect(),
    })
}

/// Stages the archive packs of the submissions read, then each month's
/// facts as Parquet, in `batch`, and starts flushing them to disk while the
/// workbooks are made (the commit waits for them). The Parquet is made while
/// the packs are written; the months are staged after the packs, in order.
fn write_store(
    store: &Store,
    batch: &atomic::Batch,
    archiver: Archiver,
    month_tables: Vec<(YearMonth, DataFrame)>,
) -> Result<Vec<(YearMonth, Written)>> {
    let (archived, parquet) = rayon::join(
        || archiver.finish(),
        || {
            (month_tables.into_par_iter())
                .map(|(m, table)| Ok((m, parquet::to_bytes(table)?)))
                .collect::<Result<Vec<_>>>()
        },
    );
    archived?;
    let writes = (parquet?.iter())
        .map(|(m, bytes)| Ok((*m, store.write_month(*m, bytes, batch)?)))
        .collect::<Result<Vec<_>>>()?;
    batch.flush_ahead();
    Ok(writes)
}

/// The figures of the month's bulletin, each read off the facts frame
/// (the project lists off the facts themselves).
struct MonthFigures {
    figures: RegionFigures,
    sources: SourceFigures,
    industries: IndustryFigures,
    projects: ProjectFigures,
    attracted: AttractedFigures,
    rmb_projects: RmbProjectFigures,
    stages: StageFigures,
    trend: Trend,
    peers: Option<PeerRun>,
    standing: Standing,
}

fn figures_of_month(
    config: &RunConfig,
    reference: &Reference,
    facts: Vec<Fact>,
    receipts: &Receipts,
    month: YearMonth,
    rules: &FlagRules,
) -> Result<MonthFigures> {
    // Three readings of the facts at once: the two project lists, read off
    // the facts one by one, and the facts frame every other figure comes
    // from; the facts go once all three are made.
    let ((projects, rmb_projects), frame) = rayon::join(
        || {
            let projects = figures_of_projects(&facts, reference, month, &config.size_bands);
            let rmb = &config.rmb;
            let rmb_projects =
                figures_of_rmb_projects(&facts, reference, month, &rmb.bands, rmb.large_from);
            (projects, rmb_projects)
        },
        || facts_frame(&facts, reference),
    );
    let frame = frame?;
    drop(facts);
    // Each figure is a query of its own over the frame, which polars runs
    // mostly on one core at a county's or a province's size, and none needs
    // another: each is a task of its own, so that the threads take them as
    // they come free, the figures by region (the longest) first.
    let (figures, (sources, industries, attracted, stages, trend, peers)) = rayon::join(
        || figures_by_region(&frame, receipts, reference, month, rules),
        || {
            let ((sources, industries), ((attracted, stages), (trend, peers))) = rayon::join(
                || {
                    rayon::join(
                        || figures_by_source(&frame, reference, month),
                        || figures_by_industry(&frame, month),
                    )
                },
                || {
                    let attracted = &config.rmb.attracted;
                    rayon::join(
                        || {
                            rayon::join(
                                || figures_of_attracted(&frame, reference, month, attracted),
                                || figures_of_stages(&frame, reference, month),
                            )
                        },
                        || {
                            rayon::join(
                                || monthly_trend(&frame, month),
                                || compare_with_peers(config, reference, &frame, month),
                            )
                        },
                    )
                },
            );
            (sources, industries, attracted, stages, trend, peers)
        },
    );
    let (figures, sources, industries) = (figures?, sources?, industries?);
    let (attracted, stages, trend, peers) = (attracted?, stages?, trend?, peers?);
    let standing = standing(
        &figures,
        &sources,
        config.yellow_card_ratio,
        &config.document.indicators,
    );
    Ok(MonthFigures {
        figures,
        sources,
        industries,
        projects,
        attracted,
        rmb_projects,
        stages,
        trend,
        peers,
        standing,
    })
}

/// The year's receipts for `zhaoshang status`: the year's submissions read
/// and checked, months no longer in data/ taken from the store. Nothing is written.
///
/// # Errors
///
/// As [`run_month`] before it writes anything.
pub fn year_status(config: &StatusConfig) -> Result<Receipts> {
    let reference = Reference::load(config)?;
    let month = ingest::report_month(&config.submissions_dir, config.month)?;
    let store = Store::open(&config.store_dir)?;
    let months = month.year_to_date();
    let checked = read_and_check(config, &reference, &months)?;
    let from_store = store.read_months_not_on_file(&months, &checked.months_with_files())?;
    let (units, stored) = (reference.regions.names(), stored_files(&from_store));
    Ok(Receipts::build(
        &checked.subs,
        &checked.skipped,
        &units,
        month,
        &stored,
    ))
}
