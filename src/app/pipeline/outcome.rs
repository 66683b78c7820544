//! What a run did, for the terminal and the exit code.

use crate::aggregate::region::RegionFigures;
use crate::app::exit_code::ExitCode;
use crate::audit::receipts::Receipts;
use crate::audit::revisions::Revision;
use crate::foundation::model::YearMonth;
use crate::store::Written;
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
    /// `manifest.json`, written last.
    pub manifest: PathBuf,
    /// Errors found in the prefecture's bulletins (also counted in `errors`).
    pub peer_errors: usize,
    /// What became of every unit's month and every entry of the month folders.
    pub receipts: Receipts,
    pub errors: usize,
    pub warnings: usize,
    pub figures: RegionFigures,
    /// Figures of stored months this run changed.
    pub revisions: Vec<Revision>,
    /// The months written to the store and what became of each.
    pub store_writes: Vec<(YearMonth, Written)>,
    /// Months with no files in data/ whose figures came from the store.
    pub from_store: Vec<YearMonth>,
}

impl RunOutcome {
    /// 0 when every unit's month went in; 2 when some unit's data was kept
    /// out, a file could not be tied to a unit, or nothing arrived for the month.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::kept_out_if(!self.receipts.all_in())
    }
}
