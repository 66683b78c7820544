//! The prefecture's bulletins' journey, as the submissions': each located
//! (ingest), normalised and checked on its own and in parallel, the checks
//! across bulletins (audit), then our county among its peers (aggregate).

use crate::aggregate::peers::{figures_of_peers, own_figures, PeerFigures};
use crate::audit;
use crate::config::Config;
use crate::foundation::isolation;
use crate::foundation::issue::Issue;
use crate::foundation::model::YearMonth;
use crate::ingest;
use crate::normalize::peer_bulletin::{normalize_peer_bulletin, PeerBulletin};
use crate::reference::{peers::Peers, Reference};
use crate::report::peers::BulletinNote;
use anyhow::Result;
use polars::prelude::DataFrame;
use rayon::prelude::*;

/// The prefecture's bulletins, read and checked, and the comparison.
pub struct PeerRun {
    /// `None` when the list of peer counties could not be read.
    pub figures: Option<PeerFigures>,
    pub notes: Vec<BulletinNote>,
    pub issues: Vec<Issue>,
}

/// The prefecture's bulletins, each read the way a submission is (located,
/// normalised, checked; on its own and in parallel), and our county among
/// its peers. `None` when there are no bulletins at all.
pub fn compare_with_peers(
    config: &Config,
    reference: &Reference,
    facts: &DataFrame,
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
            let issues = stray
                .into_iter()
                .chain([audit::peers::no_county_list(&list, &e)]);
            let (figures, notes) = (None, Vec::new());
            return Ok(Some(PeerRun {
                figures,
                notes,
                issues: issues.collect(),
            }));
        }
    };
    let mut bulletins: Vec<PeerBulletin> = (files.par_iter())
        .map(|file| {
            isolation::run_isolated(|| {
                let raw = ingest::peer_bulletin::read_peer_bulletin(file, &reference.labels);
                let mut bulletin = normalize_peer_bulletin(&raw, &peers);
                audit::peer_sums::check_bulletin_sums(&raw, &mut bulletin);
                bulletin
            })
            .unwrap_or_else(|why| PeerBulletin::unreadable(file, &why))
        })
        .collect();
    audit::peers::check_duplicate_months(&mut bulletins);
    let own = own_figures(facts, reference, &month.bulletin_months(), month)?;
    audit::peers::check_own_figures(&mut bulletins, &peers, &own, config.our_figure);
    let figures = Some(figures_of_peers(
        &bulletins,
        &peers,
        &own,
        month,
        config.our_figure,
    ));
    let notes = bulletins
        .iter()
        .map(|b| BulletinNote::of(b, month))
        .collect();
    let issues = stray
        .into_iter()
        .chain(bulletins.into_iter().flat_map(|b| b.issues));
    Ok(Some(PeerRun {
        figures,
        notes,
        issues: issues.collect(),
    }))
}
