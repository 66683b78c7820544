//! Annual targets (年度目标) per unit and indicator: one sheet per year named
//! like "2026" or "2026年", a row per unit, a column per indicator, amounts in
//! the canonical units (万美元 foreign, 万元 domestic).

use super::regions::Regions;
use super::table::read_ref_sheets;
use crate::foundation::model::Indicator;
use crate::foundation::money::strip_unit_suffix;
use crate::foundation::unit_id::UnitId;
use anyhow::{bail, Result};
use std::collections::HashMap;
use std::path::Path;

#[derive(Clone, Debug, Default)]
pub struct Targets {
    by_key: HashMap<(i32, UnitId, Indicator), f64>,
    /// Targets of figures that are not one indicator (招商引资总额, 1000万元以上项目,
    /// 新开工项目 …), by the column's normalised label.
    named: HashMap<(i32, UnitId, String), f64>,
}

/// Whether a targets column that names no indicator is a target of the
/// bulletin's RMB figures: 招商引资总额 or a count of projects.
fn is_named_target(label: &str) -> bool {
    label.starts_with("招商引资总额") || label.contains("项目")
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
            let named: Vec<(String, u32)> = sheet
                .header
                .iter()
                .filter(|(label, _, _)| Indicator::from_label(label).is_none())
                .filter(|(label, _, _)| is_named_target(label))
                .map(|(label, _, col)| (strip_unit_suffix(label).to_string(), *col))
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
                for (label, col) in &named {
                    if let Some(value) = sheet.number_at(row, *col)? {
                        targets
                            .named
                            .insert((year, region.name.clone(), label.clone()), value);
                    }
                }
            }
        }
        Ok(targets)
    }

    pub fn set(&mut self, year: i32, unit: &UnitId, indicator: Indicator, value: f64) {
        self.by_key.insert((year, unit.clone(), indicator), value);
    }

    /// Sets the target of a figure that is not one indicator, by its label.
    pub fn set_named(&mut self, year: i32, unit: &UnitId, label: &str, value: f64) {
        self.named
            .insert((year, unit.clone(), label.to_string()), value);
    }

    /// The annual target of the column labelled `label` (normalised, without
    /// its unit: "招商引资总额", "1000万元以上项目"), `None` where none was set.
    pub fn get_named(&self, year: i32, unit: &UnitId, label: &str) -> Option<f64> {
        self.named
            .get(&(year, unit.clone(), label.to_string()))
            .copied()
    }

    /// The annual target, `None` where none was set.
    pub fn get(&self, year: i32, unit: &UnitId, indicator: Indicator) -> Option<f64> {
        self.by_key.get(&(year, unit.clone(), indicator)).copied()
    }
}
