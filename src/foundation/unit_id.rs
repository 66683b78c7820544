//! A reporting unit (填报单位: a town, zone, department or team) by its
//! canonical name, as the key every stage files figures, receipts and issues
//! under. A newtype so that a unit's name cannot be mixed up with any other
//! text, and an `Arc<str>` so that the hundreds of thousands of facts of a
//! province-size run share one allocation per unit instead of a String each.
//! It orders, hashes and prints as the name itself.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

/// A unit's canonical name, as the units list (`regions.xlsx`) spells it.
/// Cloning it shares the name.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitId(Arc<str>);

impl UnitId {
    /// The name, for writing it into a cell, a sentence or a file.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The units' names with `separator` between them ("东镇、西镇").
    pub fn join(units: &[UnitId], separator: &str) -> String {
        let names: Vec<&str> = units.iter().map(UnitId::as_str).collect();
        names.join(separator)
    }
}

impl From<&str> for UnitId {
    fn from(name: &str) -> UnitId {
        UnitId(Arc::from(name))
    }
}

impl From<String> for UnitId {
    fn from(name: String) -> UnitId {
        UnitId(Arc::from(name))
    }
}

/// Lets a map keyed by units be looked up by a name: `Hash`, `Eq` and `Ord`
/// are the name's, as `Borrow` requires.
impl Borrow<str> for UnitId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for UnitId {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl fmt::Display for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// As the name's own: `"东镇"`, so a fact or an issue reads as it did.
impl fmt::Debug for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

/// The units met while reading a table back, so that every row of one unit
/// shares its name instead of holding a copy.
#[derive(Debug, Default)]
pub struct UnitInterner(HashSet<UnitId>);

impl UnitInterner {
    /// The unit named `name`: the one met before, or a new one.
    pub fn intern(&mut self, name: &str) -> UnitId {
        if let Some(id) = self.0.get(name) {
            return id.clone();
        }
        let id = UnitId::from(name);
        self.0.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap};

    #[test]
    fn orders_and_looks_up_as_its_name() {
        let mut names = vec!["青山镇", "保税区", "商务局", "东镇"];
        let mut ids: Vec<UnitId> = names.iter().map(|&n| UnitId::from(n)).collect();
        names.sort();
        ids.sort();
        let sorted: Vec<&str> = ids.iter().map(UnitId::as_str).collect();
        assert_eq!(sorted, names);
        let by_hash: HashMap<UnitId, u32> = HashMap::from([(UnitId::from("东镇"), 1)]);
        let by_order: BTreeMap<UnitId, u32> = BTreeMap::from([(UnitId::from("东镇"), 2)]);
        assert_eq!(by_hash.get("东镇"), Some(&1));
        assert_eq!(by_order.get("东镇"), Some(&2));
        assert_eq!(UnitId::from("东镇"), "东镇");
        assert_eq!(UnitId::join(&ids[..2], "、"), "东镇、保税区");
        assert_eq!(
            format!("{} {:?}", UnitId::from("东镇"), UnitId::from("东镇")),
            "东镇 \"东镇\""
        );
    }

    #[test]
    fn clones_and_interned_names_share_the_name() {
        let id = UnitId::from(String::from("东镇"));
        assert!(std::ptr::eq(id.as_str(), id.clone().as_str()));
        let mut units = UnitInterner::default();
        let (a, b) = (units.intern("东镇"), units.intern(&String::from("东镇")));
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_ne!(units.intern("西镇"), a);
    }
}
