//! Stage 5, report: figures → the workbooks the statistician publishes.

pub mod attracted;
pub mod audit_book;
pub mod breakdown_sheet;
pub mod by_region;
pub mod charts;
pub mod contest;
pub mod document;
pub mod history_sheets;
pub mod images;
pub mod manifest;
pub mod notes;
pub mod overview;
pub mod package;
pub mod peers;
pub mod projects;
pub mod rmb_projects;
pub mod sentences;
pub mod sentences_rmb;
pub mod stages;
pub mod style;
pub mod trend;

use crate::aggregate::by_industry::IndustryFigures;
use crate::aggregate::by_source::SourceFigures;
use crate::aggregate::peers::PeerFigures;
use crate::aggregate::projects::ProjectFigures;
use crate::aggregate::region::RegionFigures;
use crate::aggregate::trend::Trend;
use crate::audit::receipts::Receipts;
use crate::audit::revisions::Revision;
use crate::config::DocumentSettings;
use crate::foundation::atomic::Batch;
use crate::foundation::issue::Issue;
use crate::foundation::model::Indicator;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// Everything the bulletin shows, worked out by the aggregate stage.
pub struct Bulletin<'a> {
    pub county: &'a str,
    pub regions: &'a RegionFigures,
    pub sources: &'a SourceFigures,
    pub industries: &'a IndustryFigures,
    pub projects: &'a ProjectFigures,
    /// 招商引资总额 by unit, in 万元.
    pub attracted: &'a crate::aggregate::attracted::AttractedFigures,
    /// New projects by 总投资 in RMB band, per unit.
    pub rmb_projects: &'a crate::aggregate::rmb_projects::RmbProjectFigures,
    /// Project stages per unit and month.
    pub stages: &'a crate::aggregate::stages::StageFigures,
    pub notes: &'a notes::Notes<'a>,
    pub trend: &'a Trend,
    /// Our rank among the prefecture's counties, when its bulletins are on hand.
    pub peers: Option<&'a PeerFigures>,
    /// The numbers the sentences state.
    pub standing: &'a crate::aggregate::standing::Standing,
    /// How the county names itself in sentences: 全县, 全市, 全区.
    pub scope: &'a str,
}

impl Bulletin<'_> {
    /// How the sentences speak: the county's word, 脱幅 on the 双脱幅 pair,
    /// 黄牌 on the indicators the 未破零 count is on (the 通报's indicators).
    pub fn register(&self) -> overview::Register<'_> {
        overview::Register {
            scope: self.scope,
            behind_on: vec![self.notes.double_shortfall_with, Indicator::ArrivedFdi],
            yellow_on: self.standing.zero_on.clone(),
        }
    }
}

/// The files of the month's run, as written by [`write_month`].
pub struct Outputs {
    pub bulletin: PathBuf,
    /// The 通报 as a Word document.
    pub document: PathBuf,
    pub audit: PathBuf,
    /// The peer comparison workbook, when the prefecture's bulletins are on hand.
    pub peers: Option<PathBuf>,
    pub charts: Vec<PathBuf>,
}

impl Outputs {
    /// Every file written, workbooks first, for the manifest.
    pub fn all(&self) -> Vec<PathBuf> {
        let mut all = vec![
            self.bulletin.clone(),
            self.document.clone(),
            self.audit.clone(),
        ];
        all.extend(self.peers.clone());
        all.extend(self.charts.iter().cloned());
        all
    }
}

/// What the audit workbook lists.
pub struct AuditList<'a> {
    pub receipts: &'a Receipts,
    pub issues: &'a [Issue],
    pub revisions: &'a [Revision],
}

/// The prefecture's bulletins: the comparison (`None` when the list of peer
/// counties could not be read) and what became of each bulletin.
pub struct PeerPart<'a> {
    pub figures: Option<&'a PeerFigures>,
    /// Whose 累计 stands in our row ([peers] our_figure).
    pub our_figure: crate::config::OurFigure,
    pub notes: &'a [peers::BulletinNote],
}

/// Writes the month's outputs into `out_dir`: the bulletin workbook, the peer
/// workbook when there are bulletins and the audit workbook, beside them the
/// chart images, then the Word document.
///
/// # Errors
///
/// When a file cannot be written.
pub fn write_month(
    out_dir: &Path,
    contents: &Bulletin,
    document: &DocumentSettings,
    peer_part: Option<PeerPart>,
    audit: &AuditList,
    batch: &Batch,
) -> Result<Outputs> {
    let month = contents.regions.month;
    let bulletin = out_dir.join(format!("招商引资通报_{month}.xlsx"));
    let audit_path = out_dir.join(format!("审核清单_{month}.xlsx"));
    let workbooks = || -> Result<Option<PathBuf>> {
        write_bulletin(&bulletin, contents, batch)?;
        let peer_workbook = match peer_part {
            Some(part) => {
                let path = out_dir.join(format!("周边县市比较_{month}.xlsx"));
                let empty = PeerFigures {
                    month,
                    our_figure: part.our_figure,
                    comparison: None,
                    history: Vec::new(),
                };
                let figures = part.figures.unwrap_or(&empty);
                peers::write_peers(&path, contents.county, figures, part.notes, batch)?;
                Some(path)
            }
            None => None,
        };
        write_audit(
            &audit_path,
            contents.county,
            audit.receipts,
            audit.issues,
            audit.revisions,
            batch,
        )?;
        Ok(peer_workbook)
    };
    let document_path = out_dir.join(format!("招商引资通报_{month}.docx"));
    // The workbooks on one side; on the other the charts, then the document
    // that holds them. The charts are drawn as tasks of their own, so the
    // side that finishes first takes the charts not yet drawn: on a county
    // the charts are the longer side, on a province the workbooks.
    let charts_and_document = || -> Result<Vec<PathBuf>> {
        let drawn = write_chart_images(&out_dir.join("charts"), contents, batch)?;
        let mut charts = Vec::new();
        let mut pictures = Vec::new();
        for (written, (_, table, _)) in drawn.into_iter().zip(chart_set(contents)) {
            charts.extend([written.svg, written.png]);
            pictures.push(document::content::Chart {
                png: written.png_bytes,
                title: table.title,
            });
        }
        document::write_document(&document_path, contents, document, pictures, batch)?;
        Ok(charts)
    };
    let (peer_workbook, charts) = rayon::join(workbooks, charts_and_document);
    let (peer_workbook, charts) = (peer_workbook?, charts?);
    Ok(Outputs {
        bulletin,
        document: document_path,
        audit: audit_path,
        peers: peer_workbook,
        charts,
    })
}

/// Stages the bulletin workbook for `path` in `batch`: 概览, 分地区, 分来源地, 分行业, 内资, 大项目, 月度趋势, 图表, 说明.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_bulletin(path: &Path, bulletin: &Bulletin, batch: &Batch) -> Result<()> {
    let Bulletin {
        county,
        regions,
        sources,
        industries,
        projects,
        attracted: attracted_figures,
        rmb_projects: rmb_project_figures,
        stages: stage_figures,
        trend,
        notes,
        peers,
        standing,
        scope: _,
    } = bulletin;
    let month = regions.month;
    let mut workbook = style::new_workbook()?;
    let peer_sentences = peers
        .map(|p| peers::peer_sentences(county, p))
        .unwrap_or_default();
    overview::write_overview(
        workbook.add_worksheet(),
        county,
        standing,
        &bulletin.register(),
        &regions.progress_basis,
        &sentences_rmb::rmb_sentences(bulletin),
        &peer_sentences,
    )?;
    by_region::write_by_region(workbook.add_worksheet(), county, regions)?;
    attracted::write_attracted(workbook.add_worksheet(), county, attracted_figures)?;
    // One sheet per set of columns, so that the header repeated on every
    // printed page is the header of the table below it.
    let mut source_tables = vec![&sources.foreign];
    source_tables.extend(&sources.ultimate);
    breakdown_sheet::write_breakdowns(
        workbook.add_worksheet(),
        "分来源地",
        &format!(
            "{county}{}年1-{}月利用外资分来源地情况",
            month.year, month.month
        ),
        "来源地",
        month,
        &source_tables,
    )?;
    breakdown_sheet::write_breakdowns(
        workbook.add_worksheet(),
        "分行业",
        &format!(
            "{county}{}年1-{}月利用外资分行业情况",
            month.year, month.month
        ),
        "行业",
        month,
        &[&industries.divisions, &industries.foreign_sectors],
    )?;
    breakdown_sheet::write_breakdowns(
        workbook.add_worksheet(),
        "内资",
        &format!(
            "{county}{}年1-{}月利用内资分来源地、分产业情况",
            month.year, month.month
        ),
        "来源地、产业",
        month,
        &[&sources.domestic, &industries.domestic_sectors],
    )?;
    projects::write_projects(workbook.add_worksheet(), county, projects)?;
    rmb_projects::write_rmb_projects(workbook.add_worksheet(), county, rmb_project_figures)?;
    stages::write_stages(workbook.add_worksheet(), county, stage_figures)?;
    trend::write_trend(workbook.add_worksheet(), county, trend)?;
    let chart_tables: Vec<(charts::ChartTable, charts::Drawing)> = chart_set(bulletin)
        .into_iter()
        .map(|(_, table, drawing)| (table, drawing))
        .collect();
    charts::write_charts(
        workbook.add_worksheet(),
        &format!("{county}{}年1-{}月招商引资图表", month.year, month.month),
        &chart_tables,
    )?;
    notes::write_notes(workbook.add_worksheet(), county, notes)?;
    style::stage(&mut workbook, path, batch)
}

/// Stages the audit workbook for `path` in `batch`.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_audit(
    path: &Path,
    county: &str,
    receipts: &Receipts,
    issues: &[Issue],
    revisions: &[Revision],
    batch: &Batch,
) -> Result<()> {
    let mut workbook = style::new_workbook()?;
    audit_book::write_audit_book(&mut workbook, county, receipts, issues, revisions)?;
    style::stage(&mut workbook, path, batch)
}

/// The bulletin's charts, each with the file name of its image.
fn chart_set(bulletin: &Bulletin) -> Vec<(&'static str, charts::ChartTable, charts::Drawing)> {
    use charts::{breakdown_table, completion_table, trend_table, Drawing};
    vec![
        (
            "完成进度",
            completion_table(bulletin.regions),
            Drawing::BarsWithLastAsLine,
        ),
        (
            "到帐外资来源地",
            breakdown_table(
                "到帐外资按来源地分组",
                "来源地",
                &bulletin.sources.foreign,
                &[Indicator::ArrivedFdi],
            ),
            Drawing::Doughnut,
        ),
        (
            "外资行业门类",
            breakdown_table(
                "外资按行业门类",
                "行业",
                &bulletin.industries.divisions,
                &[Indicator::RegisteredFdi, Indicator::ArrivedFdi],
            ),
            Drawing::Bars,
        ),
        (
            "到帐外资累计走势",
            trend_table(bulletin.trend, Indicator::ArrivedFdi),
            Drawing::Lines,
        ),
        (
            "注册外资累计走势",
            trend_table(bulletin.trend, Indicator::RegisteredFdi),
            Drawing::Lines,
        ),
    ]
}

/// Stages the bulletin's charts as SVG and PNG for `dir` in `batch`, in the bulletin's order.
///
/// # Errors
///
/// When a file cannot be written.
pub fn write_chart_images(
    dir: &Path,
    bulletin: &Bulletin,
    batch: &Batch,
) -> Result<Vec<images::WrittenChart>> {
    let set = chart_set(bulletin);
    let charts: Vec<(&str, &charts::ChartTable, charts::Drawing)> = set
        .iter()
        .map(|(name, table, drawing)| (*name, table, *drawing))
        .collect();
    images::write_chart_images(dir, &charts, batch)
}
