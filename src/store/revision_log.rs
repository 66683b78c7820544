//! The revision log, `store/revisions.parquet`: every change to a stored
//! month's figures ever found, kept so that a later re-run (which finds
//! nothing new) still shows why a figure changed.

use super::Store;
use crate::foundation::model::{Indicator, YearMonth};
use crate::foundation::unit_id::{UnitId, UnitInterner};
use anyhow::{anyhow, bail, Context, Result};
use polars::prelude::*;
use std::path::PathBuf;

/// One changed figure: a unit's indicator in one month.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    pub month: YearMonth,
    pub unit: UnitId,
    pub indicator: Indicator,
    /// `None` when the store had no such figure.
    pub old: Option<f64>,
    /// `None` when no accepted submission gives it any more.
    pub new: Option<f64>,
    /// The files behind the old figure, with the first 8 characters of their SHA-256.
    pub old_files: Vec<String>,
    /// The files behind the new figure.
    pub new_files: Vec<String>,
    /// The report month of the run that found the change.
    pub found_in: YearMonth,
}

impl Revision {
    /// New minus old, treating a missing figure as 0.
    pub fn change(&self) -> f64 {
        self.new.unwrap_or(0.0) - self.old.unwrap_or(0.0)
    }
}

impl Store {
    pub fn revision_log_path(&self) -> PathBuf {
        self.dir.join("revisions.parquet")
    }

    /// Every revision recorded so far, oldest first; none when there is no log yet.
    ///
    /// # Errors
    ///
    /// When the log exists but cannot be read.
    pub fn read_revisions(&self) -> Result<Vec<Revision>> {
        let path = self.revision_log_path();
        if !path.is_file() {
            return Ok(Vec::new());
        }
        let frame = super::parquet::read(&path)?;
        frame_to_revisions(&frame).with_context(|| format!("修订记录 {} 内容有误", path.display()))
    }

    /// Replaces the log with `revisions` when `batch` is committed; an
    /// unchanged log is left untouched.
    ///
    /// # Errors
    ///
    /// When the store cannot be written.
    pub fn write_revisions(
        &self,
        revisions: &[Revision],
        batch: &crate::foundation::atomic::Batch,
    ) -> Result<()> {
        let path = self.revision_log_path();
        if revisions.is_empty() && !path.exists() {
            return Ok(());
        }
        let bytes = super::parquet::to_bytes(revisions_to_frame(revisions)?)?;
        std::fs::create_dir_all(&self.dir)
            .with_context(|| format!("无法创建历史库目录 {}", self.dir.display()))?;
        batch.stage_if_changed(&path, &bytes)?;
        Ok(())
    }
}

fn revisions_to_frame(revisions: &[Revision]) -> Result<DataFrame> {
    let text = |name: &str, get: &dyn Fn(&Revision) -> String| {
        Column::new(name.into(), revisions.iter().map(get).collect::<Vec<_>>())
    };
    let number = |name: &str, get: &dyn Fn(&Revision) -> Option<f64>| {
        Column::new(name.into(), revisions.iter().map(get).collect::<Vec<_>>())
    };
    Ok(DataFrame::new_infer_height(vec![
        text("month", &|r| r.month.to_string()),
        text("unit", &|r| r.unit.to_string()),
        text("indicator", &|r| r.indicator.key().to_string()),
        text("indicator_zh", &|r| r.indicator.name_zh().to_string()),
        number("old", &|r| r.old),
        number("new", &|r| r.new),
        number("change", &|r| Some(r.change())),
        text("old_files", &|r| r.old_files.join("\n")),
        text("new_files", &|r| r.new_files.join("\n")),
        text("found_in", &|r| r.found_in.to_string()),
    ])?)
}

fn frame_to_revisions(frame: &DataFrame) -> Result<Vec<Revision>> {
    let text = |name: &str| -> Result<&StringChunked> { Ok(frame.column(name)?.str()?) };
    let (month, unit, indicator) = (text("month")?, text("unit")?, text("indicator")?);
    let (old, new) = (frame.column("old")?.f64()?, frame.column("new")?.f64()?);
    let (old_files, new_files, found_in) =
        (text("old_files")?, text("new_files")?, text("found_in")?);
    let files = |c: &StringChunked, i: usize| -> Vec<String> {
        c.get(i)
            .unwrap_or("")
            .split('\n')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let a_month = |c: &StringChunked, i: usize| {
        let text = c.get(i).unwrap_or("");
        YearMonth::parse(text).ok_or_else(|| anyhow!("第 {} 行月份「{text}」无法识别", i + 1))
    };
    let mut units = UnitInterner::default();
    (0..frame.height())
        .map(|i| {
            let key = indicator.get(i).unwrap_or("");
            let Some(indicator) = Indicator::ALL.into_iter().find(|x| x.key() == key) else {
                bail!("第 {} 行指标「{key}」无法识别", i + 1);
            };
            Ok(Revision {
                month: a_month(month, i)?,
                unit: units.intern(unit.get(i).unwrap_or("")),
                indicator,
                old: old.get(i),
                new: new.get(i),
                old_files: files(old_files, i),
                new_files: files(new_files, i),
                found_in: a_month(found_in, i)?,
            })
        })
        .collect()
}
