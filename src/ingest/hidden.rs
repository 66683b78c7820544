//! Hidden rows and columns of an .xlsx/.xlsm, which calamine does not report
//! (tafia/calamine#237): read from the sheet XML (`<row hidden="1">`,
//! `<col min max hidden="1">`). Other formats report none.

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

/// Hidden rows and columns by sheet name, from the bytes of an .xlsx/.xlsm.
/// One that cannot be read this way has none: calamine has read its cells
/// already, and hidden rows are read like any other.
pub fn hidden_rows_and_columns(bytes: &[u8], limits: &ReadLimits) -> BTreeMap<String, Hidden> {
    ZipArchive::new(Cursor::new(bytes))
        .ok()
        .map(|mut zip| read_package(&mut zip, limits.part_bytes()))
        .unwrap_or_default()
}

fn read_package<R: Read + Seek>(zip: &mut ZipArchive<R>, limit: u64) -> BTreeMap<String, Hidden> {
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
        let hidden = sheet_hidden(BufReader::new(file.take(limit)));
        if hidden != Hidden::default() {
            out.insert(name, hidden);
        }
    }
    out
}

fn sheet_hidden(xml: impl BufRead) -> Hidden {
    let mut hidden = Hidden::default();
    for (name, e) in elements(xml, &["col", "row"]) {
        if !is_hidden(&e) {
            continue;
        }
        let number = |key: &str| attr(&e, key).and_then(|v| v.parse::<u32>().ok());
        if name == "col" {
            if let (Some(min), Some(max)) = (number("min"), number("max")) {
                hidden.col_spans.push((min.max(1) - 1, max.max(1) - 1));
            }
        } else if let Some(r) = number("r") {
            hidden.rows.insert(r.saturating_sub(1));
        }
    }
    hidden
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
        let hidden = sheet_hidden(xml.as_bytes());
        assert_eq!(hidden.rows, BTreeSet::from([6]));
        assert!(!hidden.row(0) && !hidden.row(8));
        assert!(hidden.col(1) && hidden.col(2) && hidden.col(4) && hidden.col(16383));
        assert!(!hidden.col(0) && !hidden.col(3));
    }
}
