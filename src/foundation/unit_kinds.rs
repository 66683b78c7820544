//! The kinds of reporting unit a county ranks apart — 开发区, 镇, 部门, 团队 or
//! whatever its settings.toml `[[kinds]]` define: each kind's name, the word
//! for its members in sentences, and the 类型 words of regions.xlsx that mean it.

use super::model::UnitKind;
use super::text::normalize_label;
use anyhow::{bail, Result};
use serde::Deserialize;

/// One `[[kinds]]` entry as written in settings.toml.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct KindSettings {
    /// The kind's name: the heading, and the subtotal row "{name}小计".
    pub name: String,
    /// The word for one of its members in sentences ("有7个镇…"); the name when left out.
    #[serde(default)]
    pub member: Option<String>,
    /// Other 类型 words in regions.xlsx that mean this kind (the name always does).
    #[serde(default)]
    pub words: Vec<String>,
}

/// One kind of unit, validated.
#[derive(Clone, Debug, PartialEq)]
pub struct KindSpec {
    pub name: String,
    pub member: String,
    /// The name and every other 类型 word, normalised.
    pub words: Vec<String>,
}

/// The county's kinds of unit in the bulletin's order; a [`UnitKind`] is a
/// position in this list.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitKinds {
    list: Vec<KindSpec>,
}

/// The kinds when settings.toml defines none: (name, member, other words).
const DEFAULTS: [(&str, &str, &[&str]); 4] = [
    ("开发区", "开发区", &["园区", "区"]),
    ("镇", "镇", &["乡", "街道", "乡镇"]),
    ("部门", "部门", &["县直部门", "市直部门", "单位"]),
    ("团队", "团队", &["招商团队", "招商局", "办事处"]),
];

impl Default for UnitKinds {
    fn default() -> Self {
        let list = DEFAULTS
            .iter()
            .map(|(name, member, words)| KindSpec {
                name: name.to_string(),
                member: member.to_string(),
                words: std::iter::once(*name)
                    .chain(words.iter().copied())
                    .map(normalize_label)
                    .collect(),
            })
            .collect();
        UnitKinds { list }
    }
}

impl UnitKinds {
    /// The kinds from `[[kinds]]`; the defaults (开发区; 镇 (乡、街道); 部门
    /// (县直部门、市直部门、单位); 团队 (招商团队、招商局、办事处)) when there are none.
    ///
    /// # Errors
    ///
    /// A kind without a name, a name or word used by two kinds, more than 50 kinds.
    pub fn from_settings(set: &[KindSettings]) -> Result<UnitKinds> {
        if set.is_empty() {
            return Ok(UnitKinds::default());
        }
        if set.len() > 50 {
            bail!("settings.toml: [[kinds]] 最多 50 种单位");
        }
        let mut list: Vec<KindSpec> = Vec::new();
        for kind in set {
            let name = kind.name.trim().to_string();
            if name.is_empty() {
                bail!("settings.toml: [[kinds]] 的 name 不能为空，如 name = \"部门\"");
            }
            let mut words = Vec::new();
            for word in std::iter::once(&name).chain(&kind.words) {
                let word = normalize_label(word);
                if word.is_empty() || words.contains(&word) {
                    continue;
                }
                if let Some(other) = list.iter().find(|k| k.words.contains(&word)) {
                    bail!(
                        "settings.toml: [[kinds]] 中「{word}」既指「{}」又指「{name}」，一个类型词只能指一种单位",
                        other.name
                    );
                }
                words.push(word);
            }
            let member = kind
                .member
                .as_deref()
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .unwrap_or(&name)
                .to_string();
            list.push(KindSpec {
                name,
                member,
                words,
            });
        }
        Ok(UnitKinds { list })
    }

    /// The kind a 类型 cell of regions.xlsx names.
    pub fn find(&self, word: &str) -> Option<UnitKind> {
        let word = normalize_label(word);
        self.list
            .iter()
            .position(|k| k.words.contains(&word))
            .map(|i| UnitKind(i as u8))
    }

    /// Every kind in the bulletin's order.
    pub fn iter(&self) -> impl Iterator<Item = (UnitKind, &KindSpec)> {
        self.list
            .iter()
            .enumerate()
            .map(|(i, k)| (UnitKind(i as u8), k))
    }

    /// The kind's name ("开发区"); "单位" for a kind not in the list.
    pub fn name(&self, kind: UnitKind) -> &str {
        self.list
            .get(kind.0 as usize)
            .map_or("单位", |k| k.name.as_str())
    }

    /// The word for one of its members ("镇", "部门").
    pub fn member(&self, kind: UnitKind) -> &str {
        self.list
            .get(kind.0 as usize)
            .map_or("单位", |k| k.member.as_str())
    }

    /// The 类型 words every kind accepts, for a message: "开发区、园区、区、镇…".
    pub fn all_words(&self) -> String {
        self.list
            .iter()
            .flat_map(|k| k.words.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("、")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_kinds_and_their_words() {
        let kinds = UnitKinds::default();
        assert_eq!(kinds.find("开发区"), Some(UnitKind(0)));
        assert_eq!(kinds.find("街道"), Some(UnitKind(1)));
        assert_eq!(kinds.find("市直部门"), Some(UnitKind(2)));
        assert_eq!(kinds.find("办事处"), Some(UnitKind(3)));
        assert_eq!(kinds.find("协会"), None);
        assert_eq!(kinds.name(UnitKind(2)), "部门");
        assert_eq!(kinds.member(UnitKind(1)), "镇");
    }

    #[test]
    fn kinds_from_settings_in_their_order() {
        let set: Vec<KindSettings> = toml::from_str::<toml::Table>(
            "[[kinds]]\nname = \"镇\"\nwords = [\"街道\"]\n[[kinds]]\nname = \"园区\"\nmember = \"开发区\"\n",
        )
        .unwrap()["kinds"]
            .clone()
            .try_into()
            .unwrap();
        let kinds = UnitKinds::from_settings(&set).unwrap();
        assert_eq!(kinds.find("街道"), Some(UnitKind(0)));
        assert_eq!(kinds.find("园区"), Some(UnitKind(1)));
        assert_eq!(kinds.find("开发区"), None);
        assert_eq!(kinds.member(UnitKind(1)), "开发区");
        let twice = [
            KindSettings {
                name: "镇".into(),
                member: None,
                words: vec!["街道".into()],
            },
            KindSettings {
                name: "街道".into(),
                member: None,
                words: vec![],
            },
        ];
        let err = UnitKinds::from_settings(&twice).unwrap_err().to_string();
        assert!(err.contains("「街道」既指「镇」又指「街道」"), "{err}");
    }
}
