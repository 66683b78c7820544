//! Reference data the staff keep in workbooks: units, targets, rates, sources,
//! industries, header synonyms. Loaded once per run, before any submission is read.

pub mod gbt4754;
pub mod industries;
pub mod labels;
pub mod names;
pub mod peers;
pub mod rates;
pub mod regions;
pub mod sources;
pub mod table;
pub mod targets;

use crate::config::Config;
use anyhow::{Context, Result};

/// Everything a submission is checked and normalised against.
#[derive(Clone, Debug, Default)]
pub struct Reference {
    pub regions: regions::Regions,
    pub targets: targets::Targets,
    pub rates: rates::Rates,
    pub sources: sources::Sources,
    pub industries: industries::Industries,
    pub labels: crate::foundation::form_words::LabelSynonyms,
}

impl Reference {
    /// Loads every reference workbook named in the config.
    ///
    /// # Errors
    ///
    /// When any table is missing or malformed; the message names the file and cell.
    pub fn load(config: &Config) -> Result<Reference> {
        let path = |name: &str| config.reference_dir.join(name);
        let mut regions = regions::Regions::load(&path("regions.xlsx"), &config.kinds)
            .context("读取单位名录 regions.xlsx 失败")?;
        regions.set_county(&config.county);
        let targets = targets::Targets::load(&path("targets.xlsx"), &regions)
            .context("读取年度目标 targets.xlsx 失败")?;
        Ok(Reference {
            targets,
            regions,
            rates: rates::Rates::load(&path("rates.xlsx")).context("读取汇率表 rates.xlsx 失败")?,
            sources: sources::Sources::load(&path("sources.xlsx"))
                .context("读取来源地表 sources.xlsx 失败")?,
            industries: industries::Industries::load(&path("industries.xlsx"))
                .context("读取行业表 industries.xlsx 失败")?,
            labels: labels::load(&path("labels.xlsx"))
                .context("读取表头同义词表 labels.xlsx 失败")?,
        })
    }
}
