//! Sources of capital (来源地): countries and regions with their group (港澳台,
//! 日韩, 东盟, 欧盟, 北美, 自由港, 其他), free-port flag and aliases; for
//! 内资 the provinces and cities.

use super::names::NameIndex;
use super::table::{read_ref_sheets, split_list};
use crate::foundation::text::normalize_label;
use anyhow::Result;
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub name: String,
    pub group: String,
    pub free_port: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub list: Vec<Source>,
    index: NameIndex,
}

impl Sources {
    /// Reads `sources.xlsx`: 名称 | 分组 | 自由港 | 别名.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or a name or group is blank.
    pub fn load(path: &Path) -> Result<Sources> {
        let mut sources = Sources::default();
        for sheet in read_ref_sheets(path, &["名称", "分组"])? {
            for &row in &sheet.rows {
                let source = Source {
                    name: sheet.required_text(row, "名称")?,
                    group: sheet.required_text(row, "分组")?,
                    free_port: sheet
                        .text(row, "自由港")
                        .is_some_and(|t| matches!(t.as_str(), "是" | "Y" | "y" | "√")),
                };
                let aliases = sheet
                    .text(row, "别名")
                    .map(|s| split_list(&s))
                    .unwrap_or_default();
                sources.add(source, &aliases);
            }
        }
        Ok(sources)
    }

    pub fn add(&mut self, source: Source, aliases: &[String]) {
        self.index.add(&source.name, aliases);
        self.list.push(source);
    }

    /// The source a name stands for: as written, then its core place name
    /// ("中国香港" / "香港特别行政区" / "（香港）" / "香港地区" are all 香港), then
    /// an English name or ISO code ("HK", "Hong Kong", "USA", "BVI").
    pub fn find(&self, raw: &str) -> Option<&Source> {
        if let Some(i) = self.index.find(raw) {
            return Some(&self.list[i]);
        }
        let core = place_core(&normalize_label(raw));
        if let Some(i) = self.index.find_by(&core, place_core) {
            return Some(&self.list[i]);
        }
        if let Some(common) = OFFICIAL
            .iter()
            .find(|(official, _)| place_core(official) == core)
            .map(|(_, common)| *common)
        {
            if let Some(i) = self.index.find_by(&place_core(common), place_core) {
                return Some(&self.list[i]);
            }
        }
        // "英属开曼群岛", "新加坡共和国", "香港（中国）": a known name inside.
        if let Some(i) = self.index.find_contained_by(&core, place_core) {
            return Some(&self.list[i]);
        }
        // "B.V.I.", "U.S.A", "Hong  Kong": letters compared without dots and spaces.
        let squeeze = |s: &str| -> String {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        };
        let english = squeeze(raw);
        ENGLISH
            .iter()
            .find(|(names, _)| {
                !english.is_empty() && names.split('|').any(|n| squeeze(n) == english)
            })
            .and_then(|(_, zh)| self.index.find_by(&place_core(zh), place_core))
            .map(|i| &self.list[i])
    }

    pub fn suggestion(&self, raw: &str) -> String {
        self.index.suggestion(raw)
    }
}

/// A place name without what surrounds it in writing: brackets, 中国 before
/// 香港/澳门/台湾, and the kind of place after it (特别行政区, 地区, 省, 市,
/// 自治区). Both the written name and the table's names are compared so.
pub fn place_core(name: &str) -> String {
    let mut core: String = name
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '(' | ')' | '[' | ']' | '"' | '\'' | '“' | '”' | '《' | '》'
            )
        })
        .collect();
    for prefix in ["中华人民共和国", "中国"] {
        if let Some(rest) = core.strip_prefix(prefix) {
            if rest.chars().count() >= 2 {
                core = rest.to_string();
            }
        }
    }
    for suffix in ["特别行政区", "特区", "地区", "自治区", "省", "市"] {
        if let Some(rest) = core.strip_suffix(suffix) {
            if rest.chars().count() >= 2 {
                core = rest.to_string();
                break;
            }
        }
    }
    core
}

/// Official and everyday names that share no characters' core with the name
/// the table keeps: (as written, the usual Chinese name).
const OFFICIAL: [(&str, &str); 16] = [
    ("大韩民国", "韩国"),
    ("美利坚合众国", "美国"),
    ("德意志联邦共和国", "德国"),
    ("法兰西共和国", "法国"),
    ("大不列颠及北爱尔兰联合王国", "英国"),
    ("联合王国", "英国"),
    ("澳洲", "澳大利亚"),
    ("澳大利亚联邦", "澳大利亚"),
    ("日本国", "日本"),
    ("荷兰王国", "荷兰"),
    ("泰王国", "泰国"),
    ("意大利共和国", "意大利"),
    ("维尔京群岛", "英属维尔京群岛"),
    ("英属处女群岛", "英属维尔京群岛"),
    ("萨摩亚独立国", "萨摩亚"),
    ("毛里求斯共和国", "毛里求斯"),
];

/// English names and ISO 3166 codes people type for the usual sources, with
/// the Chinese name the table keeps (matched by its core, so 中国香港 and 香港
/// both serve).
const ENGLISH: [(&str, &str); 24] = [
    ("hk|hkg|hong kong|hongkong|hksar", "香港"),
    ("mo|mac|macau|macao", "澳门"),
    ("tw|twn|taiwan", "台湾"),
    ("jp|jpn|japan", "日本"),
    ("kr|kor|korea|south korea", "韩国"),
    ("sg|sgp|singapore", "新加坡"),
    ("my|mys|malaysia", "马来西亚"),
    ("th|tha|thailand", "泰国"),
    ("de|deu|germany", "德国"),
    ("fr|fra|france", "法国"),
    ("nl|nld|netherlands|holland", "荷兰"),
    ("it|ita|italy", "意大利"),
    ("us|usa|united states|america|u.s.a|u.s", "美国"),
    ("ca|can|canada", "加拿大"),
    ("vg|vgb|bvi|british virgin islands", "英属维尔京群岛"),
    ("ky|cym|cayman|cayman islands", "开曼群岛"),
    ("ws|wsm|samoa", "萨摩亚"),
    ("mu|mus|mauritius", "毛里求斯"),
    ("bb|brb|barbados", "巴巴多斯"),
    ("gb|gbr|uk|united kingdom|britain", "英国"),
    ("au|aus|australia", "澳大利亚"),
    ("ch|che|switzerland", "瑞士"),
    ("in|ind|india", "印度"),
    ("vn|vnm|vietnam|viet nam", "越南"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> Sources {
        let mut sources = Sources::default();
        for (name, group, aliases) in [
            ("中国香港", "港澳台", vec!["港"]),
            ("中国台湾", "港澳台", vec![]),
            ("美国", "北美", vec![]),
            ("英属维尔京群岛", "自由港", vec!["BVI"]),
            ("上海市", "国内", vec![]),
        ] {
            let aliases: Vec<String> = aliases.into_iter().map(str::to_string).collect();
            sources.add(
                Source {
                    name: name.to_string(),
                    group: group.to_string(),
                    free_port: false,
                },
                &aliases,
            );
        }
        sources
    }

    #[test]
    fn places_by_their_core_name_and_in_english() {
        let sources = sources();
        let name = |raw: &str| sources.find(raw).map(|s| s.name.clone());
        for raw in [
            "香港",
            "香港特别行政区",
            "（香港）",
            "中国香港地区",
            "HK",
            "Hong Kong",
            "港",
        ] {
            assert_eq!(name(raw).as_deref(), Some("中国香港"), "{raw}");
        }
        for raw in ["台湾", "臺灣", "台湾省", "TW"] {
            assert_eq!(name(raw).as_deref(), Some("中国台湾"), "{raw}");
        }
        assert_eq!(name("USA").as_deref(), Some("美国"));
        assert_eq!(name("U.S.A.").as_deref(), Some("美国"));
        assert_eq!(name("美利坚合众国").as_deref(), Some("美国"));
        assert_eq!(
            name("英属维尔京群岛（BVI）").as_deref(),
            Some("英属维尔京群岛")
        );
        assert_eq!(name("英属维尔京").as_deref(), None);
        assert_eq!(name("上海").as_deref(), Some("上海市"));
        assert_eq!(name("火星"), None);
    }
}
