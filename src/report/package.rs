//! The last touch on a written .xlsx package before it is saved: chart
//! ranges name their sheet in quotes ('分地区'!$A$5:$A$15). rust_xlsxwriter
//! leaves Chinese sheet names bare, which Excel reads but WPS and older
//! LibreOffice may not; quoted names read everywhere.

use anyhow::{Context, Result};
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{ZipArchive, ZipWriter};

/// Rewrites the chart parts of the package in `bytes` with quoted sheet
/// names; every other part is copied as it is, so the result is as
/// deterministic as the input.
///
/// # Errors
///
/// When `bytes` is not a zip package, which would be a bug.
pub fn quote_chart_sheet_names(bytes: Vec<u8>) -> Result<Vec<u8>> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).context("工作簿打包数据无效")?;
    let is_chart = |name: &str| name.starts_with("xl/charts/chart") && name.ends_with(".xml");
    if !zip
        .file_names()
        .any(|name| name.is_ok_and(|n| is_chart(&n)))
    {
        return Ok(zip.into_inner().into_inner());
    }
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i)?;
        let name = file.name()?.to_string();
        if is_chart(&name) {
            let options = SimpleFileOptions::default()
                .compression_method(file.compression())
                .last_modified_time(file.last_modified().unwrap_or_default());
            let mut xml = String::new();
            file.read_to_string(&mut xml)?;
            drop(file);
            out.start_file(name, options)?;
            out.write_all(quote_references(&xml).as_bytes())?;
        } else {
            out.raw_copy_file(file)?;
        }
    }
    Ok(out.finish()?.into_inner())
}

/// `<c:f>图表!$B$4:$B$9</c:f>` → `<c:f>'图表'!$B$4:$B$9</c:f>`; quoted names
/// and formulas without a sheet are left alone.
fn quote_references(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    while let Some(start) = rest.find("<c:f>") {
        let (before, after) = rest.split_at(start + "<c:f>".len());
        out.push_str(before);
        let Some(end) = after.find("</c:f>") else {
            rest = after;
            break;
        };
        let formula = &after[..end];
        match formula.rfind('!') {
            Some(bang) if !formula.starts_with('\'') && !formula.starts_with('(') => {
                let sheet = &formula[..bang];
                out.push('\'');
                out.push_str(&sheet.replace('\'', "''"));
                out.push('\'');
                out.push_str(&formula[bang..]);
            }
            _ => out.push_str(formula),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::quote_references;

    #[test]
    fn sheet_names_in_chart_ranges_are_quoted_once() {
        let xml = "<c:cat><c:f>图表!$A$4:$A$9</c:f></c:cat><c:val><c:f>'分地区'!$B$4</c:f></c:val><c:tx><c:f>Sheet1!$C$1</c:f></c:tx>";
        assert_eq!(
            quote_references(xml),
            "<c:cat><c:f>'图表'!$A$4:$A$9</c:f></c:cat><c:val><c:f>'分地区'!$B$4</c:f></c:val><c:tx><c:f>'Sheet1'!$C$1</c:f></c:tx>"
        );
    }
}
