//! The prefecture's counties as its bulletin names them (周边县市):
//! `peers.xlsx` 县市 | 别名. A name also matches without its 市/县/区 suffix,
//! so "昆山" is 昆山市; other spellings ("工业园区" for 苏州工业园区) are aliases.

use super::names::NameIndex;
use super::table::{read_ref_sheets, split_list};
use crate::foundation::text::normalize_label;
use anyhow::Result;
use std::path::Path;

/// One county of the list, by its place in `peers.xlsx` (ours last when the
/// list leaves it out). Only [`Peers`] hands these out, so a `CountyId` always
/// names a county of the list it came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountyId(usize);

#[derive(Clone, Debug, Default)]
pub struct Peers {
    index: NameIndex,
    count: usize,
    /// Our own county.
    own: CountyId,
}

/// A county's name without its 市/县/区 suffix, where that leaves two characters or more.
fn without_suffix(name: &str) -> String {
    let name = normalize_label(name);
    match name.strip_suffix(['市', '县', '区']) {
        Some(stem) if stem.chars().count() >= 2 => stem.to_string(),
        _ => name,
    }
}

impl Peers {
    /// Reads `peers.xlsx` (县市 | 别名). Our county is added when the list leaves it out.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or a name is blank.
    pub fn load(path: &Path, county: &str) -> Result<Peers> {
        let mut list = Vec::new();
        for sheet in read_ref_sheets(path, &["县市"])? {
            for &row in &sheet.rows {
                let aliases = sheet
                    .text(row, "别名")
                    .map(|s| split_list(&s))
                    .unwrap_or_default();
                list.push((sheet.required_text(row, "县市")?, aliases));
            }
        }
        Ok(Peers::new(county, &list))
    }

    /// The list from names and aliases; `county` is ours.
    pub fn new(county: &str, list: &[(String, Vec<String>)]) -> Peers {
        let mut peers = Peers::default();
        for (name, aliases) in list {
            peers.add(name, aliases);
        }
        peers.own = match peers.find(county) {
            Some(i) => i,
            None => peers.add(county, &[]),
        };
        peers
    }

    fn add(&mut self, name: &str, aliases: &[String]) -> CountyId {
        let mut all: Vec<String> = aliases.to_vec();
        all.extend(aliases.iter().map(|a| without_suffix(a)));
        all.push(without_suffix(name));
        self.count += 1;
        CountyId(self.index.add(name, &all))
    }

    /// The county `raw` names, by name, alias, or either without its suffix.
    pub fn find(&self, raw: &str) -> Option<CountyId> {
        self.index
            .find(raw)
            .or_else(|| self.index.find(&without_suffix(raw)))
            .map(CountyId)
    }

    /// The county's name as the list writes it.
    pub fn name(&self, county: CountyId) -> &str {
        self.index.name(county.0)
    }

    pub fn own(&self) -> CountyId {
        self.own
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// "，最接近的有：…" for an unknown name.
    pub fn suggestion(&self, raw: &str) -> String {
        self.index.suggestion(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_or_without_suffix_and_aliases() {
        let peers = Peers::new(
            "示范县",
            &[
                ("东湖市".to_string(), vec![]),
                ("南江区".to_string(), vec!["南江新区".to_string()]),
            ],
        );
        assert_eq!(peers.len(), 3);
        assert_eq!(peers.name(peers.own()), "示范县");
        assert_eq!(peers.find("东湖"), Some(CountyId(0)));
        assert_eq!(peers.find("东 湖 市"), Some(CountyId(0)));
        assert_eq!(peers.find("南江新区"), Some(CountyId(1)));
        assert_eq!(peers.find("南江"), Some(CountyId(1)));
        assert_eq!(peers.find("示范"), Some(CountyId(2)));
        assert_eq!(peers.own(), CountyId(2));
        assert_eq!(peers.find("西山县"), None);
        assert!(peers.suggestion("东海市").contains("东湖市"));
    }
}
