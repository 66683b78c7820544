//! `zhaoshang run --period 2026-07..2026-10`: the contest bulletin of a
//! period, read from the same submissions and store as the monthly run and
//! written to its own folder (`output/2026-07..2026-10/`), so the month's
//! bulletin stays as it was. Nothing is written to the store.

use crate::aggregate::contest::{figures_of_contest, ContestFigures, ContestMeasure};
use crate::aggregate::facts_frame::facts_frame;
use crate::app::pipeline::read_and_check;
use crate::audit::checked::stored_files;
use crate::audit::receipts::Receipts;
use crate::config::RunConfig;
use crate::foundation::atomic;
use crate::foundation::model::YearMonth;
use crate::foundation::period::ContestPeriod;
use crate::reference::Reference;
use crate::report;
use crate::store::Store;
use anyhow::Result;
use std::path::PathBuf;

/// What a contest run wrote.
#[derive(Debug)]
pub struct ContestOutcome {
    pub period: ContestPeriod,
    pub workbook: PathBuf,
    pub figures: ContestFigures,
    /// Files of the period's months (and last year's) read and kept out.
    pub kept_out: usize,
}

/// Reads the period's months and the same months last year, and writes the
/// contest workbook.
///
/// # Errors
///
/// Fatal problems only, as for the monthly run.
pub fn run_period(config: &RunConfig, period: ContestPeriod) -> Result<ContestOutcome> {
    let reference = Reference::load(config)?;
    let out_dir = config.out_dir.join(period.folder());
    atomic::ensure_writable(&out_dir, "输出目录", "--out")?;
    atomic::sweep_leftovers(&out_dir)?;
    let store = Store::open(&config.store_dir)?;
    let months: Vec<YearMonth> = period
        .last_year()
        .into_iter()
        .chain(period.months())
        .collect();
    let mut submissions = read_and_check(config, &reference, &months)?;
    let from_store = store.read_months_not_on_file(&months, &submissions.months_with_files())?;
    let receipts = Receipts::build(
        &submissions.subs,
        &submissions.skipped,
        &reference.regions.names(),
        period.to,
        &stored_files(&from_store),
    );
    let facts = submissions.take_accepted_facts(&receipts, &from_store);
    let frame = facts_frame(&facts, &reference)?;
    drop(facts);
    let figures = figures_of_contest(&frame, &reference, period, &config.rmb.attracted)?;
    let files: Vec<_> = receipts
        .files
        .iter()
        .filter(|f| f.month.is_some_and(|m| months.contains(&m)))
        .cloned()
        .collect();
    // Files read and kept out; a unit that sent nothing is no file.
    let kept_out = files
        .iter()
        .filter(|f| f.submission.is_some() && !f.status.is_used())
        .count();
    let workbook = out_dir.join(format!("招商引资竞赛通报_{}.xlsx", period.folder()));
    report::contest::write_contest(
        &workbook,
        &config.county,
        &figures,
        &config.rmb.attracted_rule_zh(),
        &files,
    )?;
    Ok(ContestOutcome {
        period,
        workbook,
        figures,
        kept_out,
    })
}

/// What the terminal prints after a contest run.
pub fn summary_zh(outcome: &ContestOutcome) -> String {
    let mut text = format!(
        "竞赛期 {}（与上年同期比较）\n竞赛通报：{}\n",
        outcome.period.label_zh(),
        outcome.workbook.display()
    );
    let attracted = outcome.figures.county_cell(ContestMeasure::Attracted);
    if let Some(total) = attracted.and_then(|c| c.this) {
        text.push_str(&format!("招商引资总额 {total:.2} 万元\n"));
    }
    if outcome.kept_out > 0 {
        text.push_str(&format!(
            "有 {} 份报表未采用或未报，原因见竞赛通报的「说明」和月度审核清单\n",
            outcome.kept_out
        ));
    }
    text
}
