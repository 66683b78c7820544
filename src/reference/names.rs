//! Matching a name as a unit wrote it against a reference list with aliases,
//! and suggesting the closest known names when it is not there.

use crate::foundation::text::normalize_label;
use foldhash::fast::RandomState as Quick;
use std::collections::HashMap;

/// Canonical names with their aliases, all normalised.
#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    canonical: Vec<String>,
    /// (normalised alias, index into `canonical`)
    aliases: Vec<(String, usize)>,
    /// Each alias: (its first place in `aliases`, its name), and its last
    /// place: a lookup, not a scan, when a province lists a thousand units
    /// and every file is matched against them (issue 14).
    /// (Hashed with foldhash: every cell that may name a unit is looked up
    /// here at each of its places.)
    first: HashMap<String, usize, Quick>,
    last: HashMap<String, (usize, usize), Quick>,
    /// The longest alias, in characters.
    longest: usize,
}

impl NameIndex {
    /// Adds a canonical name with its aliases; returns its index.
    pub fn add(&mut self, name: &str, aliases: &[String]) -> usize {
        let index = self.canonical.len();
        self.canonical.push(name.to_string());
        self.push(normalize_label(name), index);
        for alias in aliases {
            self.push(normalize_label(alias), index);
        }
        index
    }

    /// Adds another alias to the name at `index`.
    pub fn add_alias(&mut self, index: usize, alias: &str) {
        self.push(normalize_label(alias), index);
    }

    fn push(&mut self, alias: String, index: usize) {
        let place = self.aliases.len();
        self.longest = self.longest.max(alias.chars().count());
        self.first.entry(alias.clone()).or_insert(index);
        self.last.insert(alias.clone(), (place, index));
        self.aliases.push((alias, index));
    }

    /// The index of the name `raw` stands for.
    pub fn find(&self, raw: &str) -> Option<usize> {
        self.first.get(&normalize_label(raw)).copied()
    }

    /// The index of the name whose alias, passed through `fold`, equals `key`
    /// (already folded by the caller).
    pub fn find_by(&self, key: &str, fold: fn(&str) -> String) -> Option<usize> {
        if key.is_empty() {
            return None;
        }
        self.aliases
            .iter()
            .find(|(alias, _)| fold(alias) == key)
            .map(|(_, i)| *i)
    }

    /// The index of the name whose alias, passed through `fold`, is the
    /// longest contained in `key` (two characters or more).
    pub fn find_contained_by(&self, key: &str, fold: fn(&str) -> String) -> Option<usize> {
        self.aliases
            .iter()
            .map(|(alias, i)| (fold(alias), *i))
            .filter(|(alias, _)| alias.chars().count() >= 2 && key.contains(alias.as_str()))
            .max_by_key(|(alias, _)| alias.chars().count())
            .map(|(_, i)| i)
    }

    /// The index of the longest known name or alias contained in `text`
    /// (a file name such as "2026-10杨舍镇报表").
    pub fn find_contained(&self, text: &str) -> Option<usize> {
        let text = normalize_label(text);
        // Every stretch of the text looked up: the longest alias found wins,
        // of equally long ones the last listed (as a scan keeping the last
        // maximum would have it).
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut best: Option<(usize, usize, usize)> = None; // (chars, place, index)
        for (n, &start) in starts.iter().enumerate() {
            let ends = starts[n + 1..]
                .iter()
                .copied()
                .chain([text.len()])
                .take(self.longest);
            for (chars, end) in ends.enumerate() {
                if let Some(&(place, index)) = self.last.get(&text[start..end]) {
                    let found = (chars + 1, place, index);
                    if best.is_none_or(|b| (found.0, found.1) > (b.0, b.1)) {
                        best = Some(found);
                    }
                }
            }
        }
        best.map(|(_, _, index)| index)
    }

    pub fn name(&self, index: usize) -> &str {
        &self.canonical[index]
    }

    /// Up to three known names closest to `raw`, for "did you mean" messages.
    pub fn closest(&self, raw: &str) -> Vec<String> {
        let key = normalize_label(raw);
        let mut scored: Vec<(f64, usize)> = self
            .aliases
            .iter()
            .map(|(alias, i)| (strsim::normalized_levenshtein(&key, alias), *i))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut names: Vec<String> = Vec::new();
        for (_, i) in scored {
            let name = &self.canonical[i];
            if !names.contains(name) {
                names.push(name.clone());
            }
            if names.len() == 3 {
                break;
            }
        }
        names
    }

    /// "最接近的有：杨舍镇、塘桥镇" or an empty string when the list is empty.
    pub fn suggestion(&self, raw: &str) -> String {
        let names = self.closest(raw);
        if names.is_empty() {
            String::new()
        } else {
            format!("，最接近的有：{}", names.join("、"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_suggestions() {
        let mut index = NameIndex::default();
        index.add("杨舍镇", &["杨舍".to_string()]);
        index.add("塘桥镇", &[]);
        assert_eq!(index.find("杨 舍"), Some(0));
        assert_eq!(index.find("塘桥镇"), Some(1));
        assert_eq!(index.find("塘桥乡"), None);
        assert_eq!(index.closest("塘桥乡")[0], "塘桥镇");
    }
}
