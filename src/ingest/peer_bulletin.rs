//! One prefecture bulletin read the way a submission is: hashed, its sheets
//! opened and the county table located. What the cells mean is decided in
//! normalize/peer_bulletin.rs, whether they agree in audit/peer_sums.rs.

use super::peer_table::{locate_peer_table, PeerTable};
use super::workbook::{read_workbook, RawSheet};
use super::PeerFile;
use crate::foundation::form_words::LabelSynonyms;
use crate::foundation::issue::{Issue, Location, Rule};

/// One bulletin as read: the file, its hash and what was found inside.
#[derive(Clone, Debug)]
pub struct RawPeerBulletin {
    pub file: PeerFile,
    pub sha256: Option<String>,
    /// The sheets and the located table; `Err` is the one issue that stopped
    /// the reading (unreadable file, no county table).
    pub content: Result<PeerContent, Box<Issue>>,
}

/// A bulletin's sheets and its located county table.
#[derive(Clone, Debug)]
pub struct PeerContent {
    pub sheets: Vec<RawSheet>,
    pub table: PeerTable,
}

impl PeerContent {
    /// The sheet the table is on.
    pub fn sheet(&self) -> &RawSheet {
        &self.sheets[self.table.sheet]
    }
}

/// Reads one bulletin and locates its table on the first visible sheet that has one.
pub fn read_peer_bulletin(file: &PeerFile, labels: &LabelSynonyms) -> RawPeerBulletin {
    let content = read_workbook(&file.path, &file.name).and_then(|sheets| {
        let found = sheets
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.hidden)
            .find_map(|(i, s)| locate_peer_table(i, s, labels));
        match found {
            Some(table) => Ok(PeerContent { sheets, table }),
            None => Err(Box::new(Issue::new(
                Rule::PeerNoTable,
                Location::file(&file.name),
                None,
                "没有找到各县（市、区）比较表：应有县市名称列，以及「注册外资」「到帐外资」等指标下的「累计」「同比%」等列".to_string(),
            ))),
        }
    });
    RawPeerBulletin {
        file: file.clone(),
        sha256: crate::foundation::hash::file_sha256(&file.path),
        content,
    }
}
