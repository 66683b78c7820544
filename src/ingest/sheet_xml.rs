//! What an .xlsx/.xlsm sheet's XML says beside its cells, read in one pass
//! per sheet: hidden rows and columns, which calamine does not report
//! (tafia/calamine#237: `<row hidden="1">`, `<col min max hidden="1">`), and
//! the merged blocks (`<mergeCell ref="A1:C2"/>`), which calamine would read
//! in another pass of its own over the same XML.

use crate::foundation::limits::ReadLimits;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Cursor, Read, Seek};
use zip::ZipArchive;

/// Zero-based hidden rows and columns of one sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hidden {
    pub rows: BTreeSet<u32>,
    /// Spans of hidden columns, first and last inclusive.
    pub col_spans: Vec<(u32, u32)>,
}

impl Hidden {
    pub fn row(&self, row: u32) -> bool {
        self.rows.contains(&row)
    }

    pub fn col(&self, col: u32) -> bool {
        self.col_spans.iter().any(|&(a, b)| (a..=b).contains(&col))
    }
}

/// No form has more merged blocks than this; more are not kept (a lookup
/// goes through them all).
pub const MAX_MERGES: usize = 100_000;

/// One sheet's hidden rows and columns and its merged blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetXml {
    pub hidden: Hidden,
    /// Merged blocks as first and last (row, column), zero-based, in the
    /// sheet's order; none when one of them cannot be read (as calamine).
    pub merges: Vec<((u32, u32), (u32, u32))>,
}

/// Hidden rows and columns and merged blocks by sheet name, from the bytes
/// of an .xlsx/.xlsm. A sheet that cannot be read this way has none: calamine
/// has read its cells already, and hidden rows are read like any other.
pub fn hidden_and_merged(bytes: &[u8], limits: &ReadLimits) -> BTreeMap<String, SheetXml> {
    ZipArchive::new(Cursor::new(bytes))
        .ok()
        .map(|mut zip| read_package(&mut zip, limits.part_bytes()))
        .unwrap_or_default()
}

fn read_package<R: Read + Seek>(zip: &mut ZipArchive<R>, limit: u64) -> BTreeMap<String, SheetXml> {
    let Some(workbook) = entry(zip, "xl/workbook.xml", limit) else {
        return BTreeMap::new();
    };
    let rels = entry(zip, "xl/_rels/workbook.xml.rels", limit).unwrap_or_default();
    let targets: BTreeMap<String, String> = elements(rels.as_bytes(), &["Relationship"])
        .into_iter()
        .filter_map(|(_, e)| Some((attr(&e, "Id")?, attr(&e, "Target")?)))
        .collect();
    let mut out = BTreeMap::new();
    for (_, sheet) in elements(workbook.as_bytes(), &["sheet"]) {
        let (Some(name), Some(id)) = (attr(&sheet, "name"), relationship_id(&sheet)) else {
            continue;
        };
        let Some(target) = targets.get(&id) else {
            continue;
        };
        let part = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{target}"),
        };
        // The sheet streamed, not held: it may be as large as the part limit.
        let Ok(file) = zip.by_name(&part) else {
            continue;
        };
        let sheet = sheet_xml(BufReader::new(file.take(limit)));
        if sheet != SheetXml::default() {
            out.insert(name, sheet);
        }
    }
    out
}

fn sheet_xml(xml: impl BufRead) -> SheetXml {
    let mut sheet = SheetXml::default();
    let mut unreadable_merge = false;
    for (name, e) in elements(xml, &["col", "row", "mergeCell"]) {
        if name == "mergeCell" {
            match attr(&e, "ref").as_deref().map(block) {
                Some(Some(b)) if sheet.merges.len() < MAX_MERGES => sheet.merges.push(b),
                Some(None) => unreadable_merge = true,
                _ => {}
            }
            continue;
        }
        if !is_hidden(&e) {
            continue;
        }
        let number = |key: &str| attr(&e, key).and_then(|v| v.parse::<u32>().ok());
        if name == "col" {
            if let (Some(min), Some(max)) = (number("min"), number("max")) {
                sheet
                    .hidden
                    .col_spans
                    .push((min.max(1) - 1, max.max(1) - 1));
            }
        } else if let Some(r) = number("r") {
            sheet.hidden.rows.insert(r.saturating_sub(1));
        }
    }
    if unreadable_merge {
        sheet.merges.clear();
    }
    sheet
}

/// A merged block's `ref`: `A1:C2`, or one cell `B3`.
fn block(reference: &str) -> Option<((u32, u32), (u32, u32))> {
    match reference.split_once(':') {
        Some((first, last)) => Some((cell(first)?, cell(last)?)),
        None => cell(reference).map(|c| (c, c)),
    }
}

/// A cell name (`AB12`) as zero-based (row, column); letters then digits only.
fn cell(name: &str) -> Option<(u32, u32)> {
    let digits = name.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = name.split_at(digits);
    if letters.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut col: u32 = 0;
    for b in letters.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a',
            _ => return None,
        };
        col = col.checked_mul(26)?.checked_add(u32::from(v) + 1)?;
    }
    let row: u32 = number.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

fn is_hidden(e: &Element) -> bool {
    attr(e, "hidden").is_some_and(|v| v == "1" || v == "true")
}

/// An element's attributes as (key, value) pairs.
type Element = Vec<(String, String)>;

/// Every element named one of `locals` (any namespace prefix), with its
/// name and attributes. Only hidden ones are kept by the caller, so what is
/// held stays small while the XML streams by.
fn elements(xml: impl BufRead, locals: &[&str]) -> Vec<(String, Element)> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut found = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let local = e.local_name();
                let local: &str = local.as_ref();
                if let Some(name) = locals.iter().find(|&&l| l == local) {
                    // A row or column with no `hidden` in its tag is not
                    // hidden: passed without reading its attributes.
                    if (*name == "col" || *name == "row") && !e.attributes_raw().contains("hidden")
                    {
                        continue;
                    }
                    let attrs = attributes(&e);
                    if *name != "col" && *name != "row" || is_hidden(&attrs) {
                        found.push((name.to_string(), attrs));
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    found
}

fn attributes(e: &BytesStart) -> Element {
    e.attributes()
        .flatten()
        .filter_map(|a| {
            let value = a.normalized_value(XmlVersion::Implicit1_0).ok()?;
            let key: &str = a.key.as_ref();
            Some((key.to_string(), value.into_owned()))
        })
        .collect()
}

fn attr(e: &Element, key: &str) -> Option<String> {
    e.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

/// The `r:id` of a `<sheet>`, whatever prefix the relationships namespace has
/// (not `sheetId`, which is another number).
fn relationship_id(e: &Element) -> Option<String> {
    e.iter()
        .find(|(k, _)| k.ends_with(":id"))
        .map(|(_, v)| v.clone())
}

fn entry<R: Read + Seek>(zip: &mut ZipArchive<R>, name: &str, limit: u64) -> Option<String> {
    let file = zip.by_name(name).ok()?;
    let mut text = String::new();
    file.take(limit).read_to_string(&mut text).ok()?;
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_column_spans() {
        let xml = r#"<worksheet><cols><col min="2" max="3" width="0" hidden="1"/>
            <col min="5" max="16384" hidden="1"/><col min="4" max="4" width="9"/></cols>
            <sheetData><row r="1"><c r="A1"/></row><row r="7" hidden="1" spans="1:3">
            <c r="A7"/></row><row r="9" hidden="0"/></sheetData></worksheet>"#;
        let hidden = sheet_xml(xml.as_bytes()).hidden;
        assert_eq!(hidden.rows, BTreeSet::from([6]));
        assert!(!hidden.row(0) && !hidden.row(8));
        assert!(hidden.col(1) && hidden.col(2) && hidden.col(4) && hidden.col(16383));
        assert!(!hidden.col(0) && !hidden.col(3));
    }

    #[test]
    fn merged_blocks_in_the_same_pass() {
        let xml = r#"<worksheet><sheetData><row r="1" hidden="1"/></sheetData>
            <mergeCells count="3"><mergeCell ref="A1:F1"/><mergeCell ref="b2:c3"/>
            <mergeCell ref="AA10"/></mergeCells></worksheet>"#;
        let sheet = sheet_xml(xml.as_bytes());
        assert_eq!(sheet.hidden.rows, BTreeSet::from([0]));
        assert_eq!(
            sheet.merges,
            vec![((0, 0), (0, 5)), ((1, 1), (2, 2)), ((9, 26), (9, 26))]
        );
        // One block that cannot be read: none kept, as calamine does.
        let bad = r#"<worksheet><mergeCells><mergeCell ref="A1:B1"/>
            <mergeCell ref="$A$2:B2"/></mergeCells></worksheet>"#;
        assert!(sheet_xml(bad.as_bytes()).merges.is_empty());
        assert_eq!(cell("A0"), None);
        assert_eq!(cell("12"), None);
        assert_eq!(cell("XFD1048576"), Some((1_048_575, 16_383)));
    }
}
