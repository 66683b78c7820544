//! The reporting units (填报单位): name, kind (开发区, 镇, 部门, 团队 or a kind
//! settings.toml defines), optional 赛区 group, aliases, in the order the
//! bulletin lists them within their kind.

use super::names::NameIndex;
use super::table::{read_ref_sheets, split_list};
use crate::foundation::model::UnitKind;
use crate::foundation::text::normalize_label;
use crate::foundation::unit_id::UnitId;
use crate::foundation::unit_kinds::UnitKinds;
use anyhow::{bail, Result};
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub name: UnitId,
    pub kind: UnitKind,
    pub group: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Regions {
    /// In the table's order, which is the bulletin's order within a kind.
    pub list: Vec<Region>,
    index: NameIndex,
    /// The county's own name, which a 填报单位 line may put first ("示范县保税区").
    county: String,
    /// The kinds the 类型 column may name, in the bulletin's order.
    pub kinds: UnitKinds,
}

/// Suffixes a 填报单位 line adds to the unit's name.
const ORG_SUFFIXES: [&str; 9] = [
    "街道办事处",
    "人民政府",
    "管理委员会",
    "管委会",
    "办事处",
    "招商局",
    "经济发展局",
    "(盖章)",
    "盖章",
];

impl Regions {
    /// The units' names, in the bulletin's order.
    pub fn names(&self) -> Vec<UnitId> {
        self.list.iter().map(|r| r.name.clone()).collect()
    }

    /// Reads `regions.xlsx`: 名称 | 类型 | 赛区 | 别名.
    ///
    /// # Errors
    ///
    /// When the file cannot be read, a 类型 is none of `kinds`' words, or a name repeats.
    pub fn load(path: &Path, kinds: &UnitKinds) -> Result<Regions> {
        let mut regions = Regions {
            kinds: kinds.clone(),
            ..Regions::default()
        };
        for sheet in read_ref_sheets(path, &["名称", "类型"])? {
            for &row in &sheet.rows {
                let name = sheet.required_text(row, "名称")?;
                let word = sheet.required_text(row, "类型")?;
                let Some(kind) = kinds.find(&word) else {
                    bail!(
                        "{}: 类型「{word}」不是已定义的单位类型（可用：{}）；新的类型请在 settings.toml 的 [[kinds]] 中定义",
                        sheet.where_is(row, "类型"),
                        kinds.all_words()
                    );
                };
                let aliases = sheet
                    .text(row, "别名")
                    .map(|s| split_list(&s))
                    .unwrap_or_default();
                if regions.find(&name).is_some() {
                    bail!("{}: 单位「{name}」重复", sheet.where_is(row, "名称"));
                }
                let group = sheet.text(row, "赛区");
                let name = UnitId::from(name);
                regions.add(Region { name, kind, group }, &aliases);
            }
        }
        Ok(regions)
    }

    /// Sets the county name stripped from the front of a 填报单位.
    pub fn set_county(&mut self, county: &str) {
        self.county = county.to_string();
    }

    pub fn add(&mut self, region: Region, aliases: &[String]) {
        self.index.add(region.name.as_str(), aliases);
        self.list.push(region);
    }

    /// The region a name from a form stands for: as written, then without the
    /// organisation after it (人民政府, 管委会, 管理委员会, 街道办事处 …) and
    /// without the county before it, in full or short ("张家港市保税区管理委员会",
    /// "张家港保税区管委会" and "保税区" are the same unit in 张家港市).
    pub fn find(&self, raw: &str) -> Option<&Region> {
        let name = normalize_label(raw);
        // Every way of taking the organisation off: "城东街道办事处" is 城东 less
        // 街道办事处 and 城东街道 less 办事处; whichever the table knows.
        let mut bases = vec![name.clone()];
        let mut i = 0;
        while i < bases.len() && bases.len() < 16 {
            let base = bases[i].clone();
            for suffix in ORG_SUFFIXES {
                if let Some(rest) = base.strip_suffix(suffix).filter(|r| !r.is_empty()) {
                    if !bases.iter().any(|b| b == rest) {
                        bases.push(rest.to_string());
                    }
                }
            }
            i += 1;
        }
        let county = normalize_label(&self.county);
        let short = short_county(&county).to_string();
        let without_county = |b: &String| {
            [county.as_str(), short.as_str()]
                .iter()
                .filter(|c| c.chars().count() >= 2)
                .find_map(|c| b.strip_prefix(c))
                .filter(|rest| !rest.is_empty())
                .map(str::to_string)
        };
        let candidates: Vec<String> = bases
            .iter()
            .cloned()
            .chain(bases.iter().filter_map(without_county))
            .collect();
        candidates
            .iter()
            .find_map(|name| self.index.find(name))
            .map(|i| &self.list[i])
    }

    /// The region whose name or alias a file name contains (after the
    /// county's name, so "张家港保税区" is 保税区 and not a unit named 张家港).
    pub fn find_in_file_name(&self, stem: &str) -> Option<&Region> {
        let county = normalize_label(&self.county);
        let stem = normalize_label(stem);
        let stem = stem
            .replace(county.as_str(), "")
            .replace(short_county(&county), "");
        self.index.find_contained(&stem).map(|i| &self.list[i])
    }

    pub fn suggestion(&self, raw: &str) -> String {
        self.index.suggestion(raw)
    }

    /// The units of one kind, in table order.
    pub fn of_kind(&self, kind: UnitKind) -> impl Iterator<Item = &Region> {
        self.list.iter().filter(move |r| r.kind == kind)
    }
}

/// The county's name without 市, 县 or 区 ("张家港市" → "张家港"), as people
/// shorten it; the full name where that would leave one character.
fn short_county(county: &str) -> &str {
    match county.strip_suffix(['市', '县', '区']) {
        Some(short) if short.chars().count() >= 2 => short,
        _ => county,
    }
}
