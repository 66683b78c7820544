//! The store's one way of turning a table into Parquet bytes and back, so
//! the facts and the revision log are written alike (Snappy, which every
//! reader knows; serial, so the same table always gives the same bytes).

use anyhow::{anyhow, Context, Result};
use polars::prelude::DataFrame;
use polars_io::parquet::read::ParquetReader;
use polars_io::parquet::write::{ParquetCompression, ParquetWriter};
use polars_io::SerReader;
use std::path::Path;

/// The Parquet bytes of `frame`.
///
/// # Errors
///
/// When polars cannot write, which would be a bug.
pub fn to_bytes(mut frame: DataFrame) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes)
        .with_compression(ParquetCompression::Snappy)
        .set_parallel(false)
        .finish(&mut frame)
        .map_err(|e| anyhow!("写入历史库失败：{e}"))?;
    Ok(bytes)
}

/// The table in the Parquet file at `path`.
///
/// # Errors
///
/// When the file cannot be opened or is not Parquet.
pub fn read(path: &Path) -> Result<DataFrame> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("读取历史库文件 {} 失败", path.display()))?;
    ParquetReader::new(file)
        .finish()
        .map_err(|e| anyhow!("历史库文件 {} 无法读取：{e}", path.display()))
}
