//! Writes the staff-edited reference workbooks (regions, targets, rates,
//! sources, industries) in the layouts docs/inputs.md describes.

use super::form::save;
use crate::foundation::model::{Indicator, YearMonth};
use crate::report::style;
use anyhow::Result;
use std::path::Path;

/// A cell of a reference table.
#[derive(Clone, Debug)]
pub enum Value {
    Text(String),
    Number(f64),
    Blank,
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        if s.is_empty() {
            Value::Blank
        } else {
            Value::Text(s.to_string())
        }
    }
}

impl From<Option<f64>> for Value {
    fn from(v: Option<f64>) -> Value {
        v.map_or(Value::Blank, Value::Number)
    }
}

/// One sheet: a name, the header, the rows.
pub struct SheetSpec {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// Writes sheets with the header on row 1 and the data below.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_table(path: &Path, sheets: &[SheetSpec]) -> Result<()> {
    let mut workbook = style::new_workbook()?;
    for spec in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&spec.name)?;
        for (c, h) in spec.headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, h, &style::header())?;
            sheet.set_column_width(c as u16, 16)?;
        }
        for (r, row) in spec.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match v {
                    Value::Text(t) => sheet.write_string(r, c, t)?,
                    Value::Number(n) => sheet.write_number(r, c, *n)?,
                    Value::Blank => sheet,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    save(&mut workbook, path)
}

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// A reporting unit: name, 开发区 or 镇, 赛区 group, aliases joined by 、.
pub struct RegionSpec<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub group: &'a str,
    pub aliases: &'a str,
}

/// Writes `regions.xlsx`.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_regions(path: &Path, regions: &[RegionSpec]) -> Result<()> {
    write_table(
        path,
        &[SheetSpec {
            name: "单位名录".to_string(),
            headers: headers(&["名称", "类型", "赛区", "别名"]),
            rows: regions
                .iter()
                .map(|r| {
                    vec![
                        r.name.into(),
                        r.kind.into(),
                        r.group.into(),
                        r.aliases.into(),
                    ]
                })
                .collect(),
        }],
    )
}

/// Each unit's targets for one year, in [`Indicator::BULLETIN`] order.
pub type UnitTargets = Vec<(String, [Option<f64>; 6])>;

/// Writes `targets.xlsx`: one sheet per year, a row per unit, a column per
/// bulletin indicator (in [`Indicator::BULLETIN`] order).
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_targets(path: &Path, years: &[(i32, UnitTargets)]) -> Result<()> {
    write_targets_with(path, years, &[], &|_, _| None)
}

/// A unit's values of the extra targets columns by (year, unit), if any.
pub type NamedTargets<'a> = dyn Fn(i32, &str) -> Option<Vec<Option<f64>>> + 'a;

/// As [`write_targets`], with more columns `labels` after the indicators
/// (招商引资总额, 1000万元以上项目 …), their values by (year, unit).
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_targets_with(
    path: &Path,
    years: &[(i32, UnitTargets)],
    labels: &[&str],
    named: &NamedTargets,
) -> Result<()> {
    let mut header = vec!["单位".to_string()];
    header.extend(
        Indicator::BULLETIN
            .iter()
            .map(|i| format!("{}({})", i.name_zh(), i.unit_zh())),
    );
    header.extend(labels.iter().map(|l| l.to_string()));
    let sheets: Vec<SheetSpec> = years
        .iter()
        .map(|(year, units)| SheetSpec {
            name: year.to_string(),
            headers: header.clone(),
            rows: units
                .iter()
                .map(|(unit, values)| {
                    let more = named(*year, unit).unwrap_or_default();
                    std::iter::once(unit.as_str().into())
                        .chain(values.iter().map(|v| (*v).into()))
                        .chain(more.into_iter().map(Value::from))
                        .collect()
                })
                .collect(),
        })
        .collect();
    write_table(path, &sheets)
}

/// Writes `targets.xlsx` with targets of figures that are no one indicator
/// (招商引资总额, 1000万元以上项目 …): one sheet for `year`, the columns
/// `labels`, a row per unit.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_named_targets(
    path: &Path,
    year: i32,
    labels: &[&str],
    units: &[(&str, Vec<Option<f64>>)],
) -> Result<()> {
    let mut header = vec!["单位".to_string()];
    header.extend(labels.iter().map(|l| l.to_string()));
    write_table(
        path,
        &[SheetSpec {
            name: year.to_string(),
            headers: header,
            rows: units
                .iter()
                .map(|(unit, values)| {
                    std::iter::once((*unit).into())
                        .chain(values.iter().map(|v| (*v).into()))
                        .collect()
                })
                .collect(),
        }],
    )
}

/// The currencies the rate table carries, with their column headers.
pub const RATE_COLUMNS: [(&str, &str); 4] = [
    ("USD", "美元(USD)"),
    ("HKD", "港元(HKD)"),
    ("JPY", "日元(JPY)"),
    ("EUR", "欧元(EUR)"),
];

/// Writes `rates.xlsx`: 月份 and CNY per 100 units of each of [`RATE_COLUMNS`].
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_rates(path: &Path, months: &[(YearMonth, [f64; 4])]) -> Result<()> {
    let mut header = vec!["月份".to_string()];
    header.extend(RATE_COLUMNS.iter().map(|(_, h)| h.to_string()));
    write_table(
        path,
        &[SheetSpec {
            name: "人民币汇率中间价".to_string(),
            headers: header,
            rows: months
                .iter()
                .map(|(m, rates)| {
                    std::iter::once(Value::Text(m.to_string()))
                        .chain(rates.iter().map(|r| Value::Number(*r)))
                        .collect()
                })
                .collect(),
        }],
    )
}

/// Writes `sources.xlsx`: (名称, 分组, 自由港, 别名).
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_sources(path: &Path, sources: &[(&str, &str, bool, &str)]) -> Result<()> {
    write_table(
        path,
        &[SheetSpec {
            name: "来源地".to_string(),
            headers: headers(&["名称", "分组", "自由港", "别名"]),
            rows: sources
                .iter()
                .map(|(n, g, f, a)| {
                    vec![
                        (*n).into(),
                        (*g).into(),
                        if *f { "是" } else { "否" }.into(),
                        (*a).into(),
                    ]
                })
                .collect(),
        }],
    )
}

/// Writes `industries.xlsx`: (代码, 名称, 门类, 关键词).
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_industries(path: &Path, industries: &[(&str, &str, &str, &str)]) -> Result<()> {
    write_table(
        path,
        &[SheetSpec {
            name: "行业".to_string(),
            headers: headers(&["代码", "名称", "门类", "关键词"]),
            rows: industries
                .iter()
                .map(|(c, n, s, k)| vec![(*c).into(), (*n).into(), (*s).into(), (*k).into()])
                .collect(),
        }],
    )
}

/// Writes `labels.xlsx`: (标准名, 别名) — header words units used that the
/// bureau has added.
///
/// # Errors
///
/// When the file cannot be written.
pub fn write_labels(path: &Path, labels: &[(&str, &str)]) -> Result<()> {
    write_table(
        path,
        &[SheetSpec {
            name: "表头同义词".to_string(),
            headers: headers(&["标准名", "别名"]),
            rows: labels
                .iter()
                .map(|(s, a)| vec![(*s).into(), (*a).into()])
                .collect(),
        }],
    )
}
