//! Sources of capital (来源地): countries and regions with their group (港澳台,
//! 日韩, 东盟, 欧盟, 北美, 自由港, 其他), free-port flag and aliases; for
//! 内资 the provinces and cities.

use super::names::NameIndex;
use super::table::{read_ref_sheets, split_list};
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

    pub fn find(&self, raw: &str) -> Option<&Source> {
        self.index.find(raw).map(|i| &self.list[i])
    }

    pub fn suggestion(&self, raw: &str) -> String {
        self.index.suggestion(raw)
    }
}
