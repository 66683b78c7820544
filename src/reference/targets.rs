//! Annual targets (年度目标) per unit and indicator: one sheet per year named
//! like "2026" or "2026年", a row per unit, a column per indicator, amounts in
//! the canonical units (万美元 foreign, 万元 domestic).

use super::regions::Regions;
use super::table::read_ref_sheets;
use crate::foundation::model::Indicator;
use anyhow::{bail, Result};
use std::collections::HashMap;
use std::path::Path;

#[derive(Clone, Debug, Default)]
pub struct Targets {
    by_key: HashMap<(i32, String, Indicator), f64>,
}

impl Targets {
    /// Reads `targets.xlsx`.
    ///
    /// # Errors
    ///
    /// When a sheet is not named for a year, a unit is unknown, or a target is not a number.
    pub fn load(path: &Path, regions: &Regions) -> Result<Targets> {
        let mut targets = Targets::default();
        for sheet in read_ref_sheets(path, &["单位"])? {
            let year: i32 = match sheet.sheet.name.trim().trim_end_matches('年').parse() {
                Ok(y) => y,
                Err(_) => bail!(
                    "{} 工作表「{}」: 工作表名应为年份，如「2026」",
                    sheet.file,
                    sheet.sheet.name
                ),
            };
            let columns: Vec<(Indicator, u32)> = sheet
                .header
                .iter()
                .filter_map(|(label, _, col)| Some((Indicator::from_label(label)?, *col)))
                .collect();
            for &row in &sheet.rows {
                let name = sheet.required_text(row, "单位")?;
                let Some(region) = regions.find(&name) else {
                    bail!(
                        "{}: 单位「{name}」不在单位名录中{}",
                        sheet.where_is(row, "单位"),
                        regions.suggestion(&name)
                    );
                };
                for &(indicator, col) in &columns {
                    if let Some(value) = sheet.number_at(row, col)? {
                        targets
                            .by_key
                            .insert((year, region.name.clone(), indicator), value);
                    }
                }
            }
        }
        Ok(targets)
    }

    pub fn set(&mut self, year: i32, unit: &str, indicator: Indicator, value: f64) {
        self.by_key
            .insert((year, unit.to_string(), indicator), value);
    }

    /// The annual target, `None` where none was set.
    pub fn get(&self, year: i32, unit: &str, indicator: Indicator) -> Option<f64> {
        self.by_key
            .get(&(year, unit.to_string(), indicator))
            .copied()
    }
}
