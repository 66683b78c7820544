//! What an .xlsx/.xlsm sheet's XML says beside its cells, read in one pass
//! per sheet: hidden rows and columns, which calamine does not report
//! (tafia/calamine#237: `<row hidden="1">`, `<col min max hidden="1">`), and
//! the merged blocks (`<mergeCell ref="A1:C2"/>`), which calamine would read
//! in another pass of its own over the same XML.

use crate::foundation::limits::ReadLimits;
use memchr::memmem;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::cell::RefCell;
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
    hidden_and_merged_held(bytes, &BTreeMap::new(), limits)
}

/// [`hidden_and_merged`] of a package whose parts in `held` (by name) lie
/// inflated in it (stored_copy.rs): those are taken as they lie, the others
/// through the zip reader, opened only if one is needed.
pub fn hidden_and_merged_held(
    bytes: &[u8],
    held: &BTreeMap<&str, &[u8]>,
    limits: &ReadLimits,
) -> BTreeMap<String, SheetXml> {
    let mut parts = Parts {
        bytes,
        held,
        zip: None,
        limit: limits.part_bytes(),
    };
    read_package(&mut parts)
}

/// Where a package's parts are read from: as they lie, where they are held
/// inflated; through the zip reader otherwise. Either way each is read up to
/// the part limit, and gives the same bytes.
struct Parts<'a> {
    bytes: &'a [u8],
    held: &'a BTreeMap<&'a str, &'a [u8]>,
    /// The zip reader, once asked for: `Some(None)` when the bytes do not open.
    zip: Option<Option<ZipArchive<Cursor<&'a [u8]>>>>,
    limit: u64,
}

impl<'a> Parts<'a> {
    /// A part held, up to the limit.
    fn held(&self, name: &str) -> Option<&'a [u8]> {
        let part: &'a [u8] = self.held.get(name)?;
        Some(
            &part[..part
                .len()
                .min(usize::try_from(self.limit).unwrap_or(usize::MAX))],
        )
    }

    fn zip(&mut self) -> Option<&mut ZipArchive<Cursor<&'a [u8]>>> {
        let bytes = self.bytes;
        (self
            .zip
            .get_or_insert_with(|| ZipArchive::new(Cursor::new(bytes)).ok()))
        .as_mut()
    }

    /// A part as text; `None` where it is missing or not UTF-8.
    fn text(&mut self, name: &str) -> Option<String> {
        if let Some(part) = self.held(name) {
            return std::str::from_utf8(part).ok().map(str::to_string);
        }
        let limit = self.limit;
        entry(self.zip()?, name, limit)
    }

    /// A worksheet's hidden rows and columns and merged blocks; `None` where
    /// the part is missing.
    fn sheet(&mut self, name: &str) -> Option<SheetXml> {
        if let Some(xml) = self.held(name) {
            return Some(match xml.len() > HELD_SHEET_BYTES {
                true => sheet_from(elements(xml, &["col", "row", "mergeCell"])),
                false => sheet_in(xml),
            });
        }
        let limit = self.limit;
        let file = self.zip()?.by_name(name).ok()?;
        Some(sheet_xml(file.take(limit)))
    }
}

fn read_package(parts: &mut Parts) -> BTreeMap<String, SheetXml> {
    let Some(workbook) = parts.text("xl/workbook.xml") else {
        return BTreeMap::new();
    };
    let rels = parts.text("xl/_rels/workbook.xml.rels").unwrap_or_default();
    let mut out = BTreeMap::new();
    for (name, part) in sheets_as_lately(workbook, rels) {
        let Some(sheet) = parts.sheet(&part) else {
            continue;
        };
        if sheet != SheetXml::default() {
            out.insert(name, sheet);
        }
    }
    out
}

/// The workbook part and relationships this thread read last, and the
/// sheets they name: the forms of one template share both parts.
struct LastSheets {
    workbook: String,
    rels: String,
    sheets: Vec<(String, String)>,
}

thread_local! {
    static LAST_SHEETS: RefCell<Option<LastSheets>> = const { RefCell::new(None) };
}

/// Forgets the sheets this thread read last (after reading).
pub fn forget_last_sheets() {
    LAST_SHEETS.take();
}

/// The most text of the two parts a thread keeps: a form's are a few
/// kilobytes (a crafted one of megabytes is not kept past its file).
const MOST_KEPT: usize = 256 << 10;

/// [`sheets_named`] by `workbook` and `rels`, taken as this thread worked
/// them out last where both parts are the same text.
fn sheets_as_lately(workbook: String, rels: String) -> Vec<(String, String)> {
    LAST_SHEETS.with_borrow_mut(|last| {
        if let Some(last) = last
            .as_ref()
            .filter(|l| l.workbook == workbook && l.rels == rels)
        {
            return last.sheets.clone();
        }
        let sheets = sheets_named(&workbook, &rels);
        *last = (workbook.len() + rels.len() <= MOST_KEPT).then(|| LastSheets {
            workbook,
            rels,
            sheets: sheets.clone(),
        });
        sheets
    })
}

/// Each sheet the workbook part names, in its order, with the part that
/// holds it: (name, part).
fn sheets_named(workbook: &str, rels: &str) -> Vec<(String, String)> {
    #[cfg(test)]
    tests::SHEETS_NAMED.set(tests::SHEETS_NAMED.get() + 1);
    let targets: BTreeMap<String, String> = elements_in(rels.as_bytes(), &["Relationship"])
        .into_iter()
        .filter_map(|(_, e)| Some((attr(&e, "Id")?, attr(&e, "Target")?)))
        .collect();
    let mut sheets = Vec::new();
    for (_, sheet) in elements_in(workbook.as_bytes(), &["sheet"]) {
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
        sheets.push((name, part));
    }
    sheets
}

/// Sheets up to this size once inflated are held whole, so that one without
/// the words the parse looks for is passed over without parsing it; larger
/// ones (up to the part limit) stream through the parser, never held.
const HELD_SHEET_BYTES: usize = 8 << 20;

/// One sheet's hidden rows and columns and merged blocks, from its XML.
fn sheet_xml(xml: impl Read) -> SheetXml {
    read_sheet(xml, HELD_SHEET_BYTES)
}

/// [`sheet_xml`], holding sheets up to `held_max` bytes.
fn read_sheet(xml: impl Read, held_max: usize) -> SheetXml {
    // The XML is taken in the reads the parser would make (a BufReader's), so
    // a stream that breaks off gives the same bytes, held or streamed.
    let mut stream = BufReader::new(xml);
    let mut held = Vec::new();
    loop {
        let chunk = match stream.fill_buf() {
            Ok([]) => break,
            Ok(chunk) => chunk,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // Read as far as it goes, as the parser would.
            Err(_) => break,
        };
        if held.len() + chunk.len() > held_max {
            return sheet_from(elements(
                Cursor::new(held).chain(stream),
                &["col", "row", "mergeCell"],
            ));
        }
        held.extend_from_slice(chunk);
        let taken = chunk.len();
        stream.consume(taken);
    }
    sheet_in(&held)
}

/// [`sheet_xml`] of a sheet held whole. Only a tag with `hidden` in it hides
/// a row or column, and only a `mergeCell` element merges: a sheet with
/// neither word has none, and is not parsed.
fn sheet_in(xml: &[u8]) -> SheetXml {
    if memmem::find(xml, b"hidden").is_none() && memmem::find(xml, b"mergeCell").is_none() {
        return SheetXml::default();
    }
    sheet_from(elements_in(xml, &["col", "row", "mergeCell"]))
}

/// The sheet the hidden `<col>` and `<row>` and the `<mergeCell>` elements make.
fn sheet_from(found: Vec<(String, Element)>) -> SheetXml {
    let mut sheet = SheetXml::default();
    let mut unreadable_merge = false;
    for (name, e) in found {
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
    as_calamine_reads(reader.config_mut());
    let mut buf = Vec::new();
    let mut found = Vec::new();
    loop {
        buf.clear();
        if !keep(reader.read_event_into(&mut buf), locals, &mut found) {
            return found;
        }
    }
}

/// A wrong end-tag name does not stop the parse, as it does not stop
/// calamine's reading of the same cells (`</row>` written `</rowx>`).
fn as_calamine_reads(config: &mut quick_xml::reader::Config) {
    config.check_end_names = false;
}

/// [`elements`] of XML held whole: the same parser, borrowing each event
/// from the bytes instead of copying it, and passing over the rows of
/// `<sheetData>` without parsing them where [`plain_rows`] shows they hold
/// nothing the parse keeps: most of a sheet, parsed by calamine already.
fn elements_in(xml: &[u8], locals: &[&str]) -> Vec<(String, Element)> {
    let mut reader = Reader::from_reader(xml);
    as_calamine_reads(reader.config_mut());
    let mut found = Vec::new();
    loop {
        let event = reader.read_event();
        if let Ok(Event::Start(e)) = &event {
            if e.local_name().as_ref() == "sheetData" {
                let rest: &[u8] = reader.get_ref();
                if let Some(end) = plain_rows(rest) {
                    // On at the `</sheetData>`, as the parse would come to it.
                    *reader.get_mut() = &rest[end..];
                    continue;
                }
            }
        }
        if !keep(event, locals, &mut found) {
            return found;
        }
    }
}

/// Where the `</sheetData>` closing the rows at the start of `rest` begins,
/// when the parse would pass them keeping nothing and meeting no error:
/// tags and text only (no comment, CDATA or instruction), valid UTF-8,
/// neither `hidden` nor `mergeCell` in them, every tag closed by a `>`
/// outside quotes (as the parser reads a tag), and as many closing tags as
/// opening ones before it. `None` otherwise: the rows are parsed.
fn plain_rows(rest: &[u8]) -> Option<usize> {
    let mut at = 0;
    let mut depth: u64 = 0;
    loop {
        let open = at + rest[at..].iter().position(|&b| b == b'<')?;
        let close = open + tag_end(&rest[open..])?;
        let tag = &rest[open + 1..close];
        let (closing, name) = match tag.split_first()? {
            (b'!' | b'?', _) => return None,
            (b'/', name) => (true, name.trim_ascii_end()),
            _ => (
                false,
                tag.split(|b| b.is_ascii_whitespace() || *b == b'/')
                    .next()?,
            ),
        };
        if name.is_empty() {
            return None;
        }
        let local = name.splitn(2, |b| *b == b':').last()?;
        if local == b"sheetData" {
            let rows = &rest[..open];
            let plain = closing
                && depth == 0
                && std::str::from_utf8(rows).is_ok()
                && memmem::find(rows, b"hidden").is_none()
                && memmem::find(rows, b"mergeCell").is_none();
            return plain.then_some(open);
        }
        if closing {
            depth = depth.checked_sub(1)?;
        } else if !tag.ends_with(b"/") {
            depth += 1;
        }
        at = close + 1;
    }
}

/// The `>` that closes the tag at the start of `tag` (which starts with
/// `<`), passing over quoted values as the parser does. Tags are a few bytes
/// long: a byte loop, not a search that pays its setup at every quote.
fn tag_end(tag: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in tag.iter().enumerate().skip(1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return Some(i),
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None => {}
        }
    }
    None
}

/// Keeps `event` in `found` when it is one of `locals` (rows and columns
/// only when hidden); false at the end of the XML or where it cannot be read.
fn keep(
    event: quick_xml::Result<Event>,
    locals: &[&str],
    found: &mut Vec<(String, Element)>,
) -> bool {
    match event {
        Ok(Event::Start(e) | Event::Empty(e)) => {
            let local = e.local_name();
            let local: &str = local.as_ref();
            if let Some(name) = locals.iter().find(|&&l| l == local) {
                // A row or column with no `hidden` in its tag is not
                // hidden: passed without reading its attributes.
                if (*name == "col" || *name == "row") && !e.attributes_raw().contains("hidden") {
                    return true;
                }
                let attrs = attributes(&e);
                if *name != "col" && *name != "row" || is_hidden(&attrs) {
                    found.push((name.to_string(), attrs));
                }
            }
            true
        }
        Ok(Event::Eof) | Err(_) => false,
        Ok(_) => true,
    }
}

/// The attributes [`attr`] and [`relationship_id`] are asked for, by local
/// name: a relationship's Id and Target, a sheet's name and r:id, a merged
/// block's ref, a column's min, max and hidden, a row's r and hidden. The
/// others (a relationship's Type, a long address) are passed over uncopied.
const READ_KEYS: [&str; 9] = [
    "Id", "Target", "name", "id", "ref", "min", "max", "hidden", "r",
];

fn attributes(e: &BytesStart) -> Element {
    e.attributes()
        .flatten()
        .filter(|a| READ_KEYS.contains(&a.key.local_name().as_ref()))
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

/// The most room [`entry`] makes before reading a part.
const ENTRY_ROOM_MAX: u64 = 1 << 20;

fn entry<R: Read + Seek>(zip: &mut ZipArchive<R>, name: &str, limit: u64) -> Option<String> {
    let file = zip.by_name(name).ok()?;
    // Room for the size the package states (bounded: it may lie), so the
    // part is inflated in large reads, not in the small probing reads a
    // reader of unknown length is taken with.
    let stated = file.size().min(limit).min(ENTRY_ROOM_MAX) as usize;
    let mut text = String::with_capacity(stated + 1);
    file.take(limit).read_to_string(&mut text).ok()?;
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        /// How many times this thread has worked out the sheets a workbook names.
        pub(super) static SHEETS_NAMED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

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

    /// Sheets as files write them, and as they may be broken: the hidden
    /// rows and columns and the merges as the whole streamed parse finds them.
    const ODD_SHEETS: [&str; 12] = [
        // Neither word: passed over without a parse.
        r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#,
        // Merges alone, as every form's title has.
        r#"<worksheet><sheetData><row r="1"/></sheetData><mergeCells count="2"><mergeCell ref="A1:F1"/><mergeCell ref="B2:B3"/></mergeCells></worksheet>"#,
        // Hidden rows and columns alone, in the forms the attribute takes.
        r#"<worksheet><cols><col min="2" max="3" hidden="true"/><col min="5" max="5" hidden='1'/></cols><sheetData><row r="2" hidden = "1"/><row r="4" hidden="0"/><row r="6" hidden='true'/></sheetData></worksheet>"#,
        // A namespace prefix on every element.
        r#"<x:worksheet xmlns:x="s"><x:cols><x:col min="1" max="1" hidden="1"/></x:cols><x:sheetData><x:row r="3" hidden="1"><x:c r="A3"/></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="C1:D2"/></x:mergeCells></x:worksheet>"#,
        // The words only in text, a comment or another attribute: parsed, none found.
        r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>hidden mergeCell</t></is></c></row></sheetData><!-- <mergeCell ref="A1:B2"/> --></worksheet>"#,
        r#"<worksheet><sheetData><row r="1" customHidden="1" x14ac:hidden="1"/></sheetData></worksheet>"#,
        // A wrong end-tag name before the merges: read past, as calamine
        // reads the cells past it.
        r#"<worksheet><sheetData><row r="1" hidden="1"></rowx></sheetData><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#,
        // Broken after them: what came before is kept.
        r#"<worksheet><sheetData><row r="2" hidden="1"/></sheetData><mergeCells><mergeCell ref="A1:B1"/></mergeCells><broken"#,
        // One merge that cannot be read: none kept.
        r#"<worksheet><mergeCells><mergeCell ref="A1:B1"/><mergeCell ref="$A$2:B2"/></mergeCells></worksheet>"#,
        // Merges before the data, and after the end of the root.
        r#"<worksheet><mergeCells><mergeCell ref="A1:A2"/></mergeCells><sheetData/></worksheet><mergeCell ref="E5:F6"/>"#,
        // A byte-order mark, a declaration, a CDATA section.
        "\u{feff}<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"9\" hidden=\"1\"><c><v><![CDATA[<row r=\"1\" hidden=\"1\"/>]]></v></c></row></sheetData></worksheet>",
        "",
    ];

    /// The sheet as the parser finds it streaming the whole XML through.
    fn streamed(xml: &str) -> SheetXml {
        sheet_from(elements(xml.as_bytes(), &["col", "row", "mergeCell"]))
    }

    #[test]
    fn held_or_streamed_the_same_sheet() {
        for xml in ODD_SHEETS {
            let expected = streamed(xml);
            assert_eq!(sheet_xml(xml.as_bytes()), expected, "{xml}");
            assert_eq!(sheet_in(xml.as_bytes()), expected, "{xml}");
            // Too large to hold from the first bytes on.
            for held_max in [0, 1, 7, 40] {
                assert_eq!(read_sheet(xml.as_bytes(), held_max), expected, "{xml}");
            }
        }
    }

    #[test]
    fn what_odd_sheets_hold() {
        let sheets: Vec<SheetXml> = ODD_SHEETS.iter().map(|x| sheet_in(x.as_bytes())).collect();
        assert_eq!(sheets[0], SheetXml::default());
        assert_eq!(sheets[1].merges, vec![((0, 0), (0, 5)), ((1, 1), (2, 1))]);
        assert_eq!(sheets[1].hidden, Hidden::default());
        assert_eq!(sheets[2].hidden.rows, BTreeSet::from([1, 5]));
        assert_eq!(sheets[2].hidden.col_spans, vec![(1, 2), (4, 4)]);
        assert!(sheets[2].merges.is_empty());
        assert_eq!(sheets[3].hidden.rows, BTreeSet::from([2]));
        assert_eq!(sheets[3].hidden.col_spans, vec![(0, 0)]);
        assert_eq!(sheets[3].merges, vec![((0, 2), (1, 3))]);
        assert_eq!(sheets[4], SheetXml::default());
        assert_eq!(sheets[5], SheetXml::default());
        assert_eq!(sheets[6].hidden.rows, BTreeSet::from([0]));
        assert_eq!(
            sheets[6].merges,
            vec![((0, 0), (0, 1))],
            "read past a wrong end name"
        );
        assert_eq!(sheets[7].hidden.rows, BTreeSet::from([1]));
        assert_eq!(sheets[7].merges, vec![((0, 0), (0, 1))]);
        assert!(sheets[8].merges.is_empty());
        assert_eq!(sheets[9].merges, vec![((0, 0), (1, 0)), ((4, 4), (5, 5))]);
        assert_eq!(sheets[10].hidden.rows, BTreeSet::from([8]));
        assert_eq!(sheets[11], SheetXml::default());
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

    /// A form of `sheets` (name, the rows hidden in it).
    fn form(sheets: &[(&str, &[u32])]) -> Vec<u8> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        for (name, hidden) in sheets {
            let sheet = workbook.add_worksheet().set_name(*name).unwrap();
            sheet.write(0, 0, "合同外资").unwrap();
            for &row in *hidden {
                sheet.set_row_hidden(row).unwrap();
            }
        }
        workbook.save_to_buffer().unwrap()
    }

    /// The forms of one template name their sheets alike: the workbook part
    /// and its relationships are worked out once while they stay the same,
    /// and again for a form that names other sheets. Each form reads as it
    /// reads alone.
    #[test]
    fn a_templates_forms_name_their_sheets_once() {
        let limits = ReadLimits::default();
        // The same workbook part, its one sheet in another part.
        let pointing_to = |target: &str| {
            use std::io::Write;
            let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
            let parts = [
                ("xl/workbook.xml", r#"<workbook xmlns:r="r"><sheets><sheet name="丙镇" r:id="rId1"/></sheets></workbook>"#.to_string()),
                ("xl/_rels/workbook.xml.rels", format!(r#"<Relationships><Relationship Id="rId1" Target="{target}"/></Relationships>"#)),
                ("xl/worksheets/a.xml", r#"<worksheet><sheetData><row r="7" hidden="1"/></sheetData></worksheet>"#.to_string()),
                ("xl/worksheets/b.xml", r#"<worksheet><sheetData><row r="8" hidden="1"/></sheetData></worksheet>"#.to_string()),
            ];
            for (name, text) in parts {
                zip.start_file(name, zip::write::SimpleFileOptions::default())
                    .unwrap();
                zip.write_all(text.as_bytes()).unwrap();
            }
            zip.finish().unwrap().into_inner()
        };
        let forms = [
            form(&[("甲镇", &[2]), ("说明", &[])]),
            form(&[("甲镇", &[4, 5]), ("说明", &[1])]),
            form(&[("乙镇", &[3]), ("说明", &[])]),
            pointing_to("worksheets/a.xml"),
            pointing_to("/xl/worksheets/b.xml"),
        ];
        let alone: Vec<BTreeMap<String, SheetXml>> = (forms.iter())
            .map(|bytes| {
                forget_last_sheets();
                hidden_and_merged(bytes, &limits)
            })
            .collect();
        assert_eq!(alone[0]["甲镇"].hidden.rows, BTreeSet::from([2]));
        assert_eq!(alone[1]["说明"].hidden.rows, BTreeSet::from([1]));
        assert_eq!(alone[2]["乙镇"].hidden.rows, BTreeSet::from([3]));
        assert_eq!(alone[3]["丙镇"].hidden.rows, BTreeSet::from([6]));
        assert_eq!(alone[4]["丙镇"].hidden.rows, BTreeSet::from([7]));
        forget_last_sheets();
        let before = SHEETS_NAMED.get();
        for k in [0, 1, 1, 2, 0, 3, 4, 4] {
            assert_eq!(hidden_and_merged(&forms[k], &limits), alone[k], "form {k}");
        }
        let named = SHEETS_NAMED.get() - before;
        assert_eq!(named, 5, "0 and 1 alike, then 2, 0, 3 and 4");
    }

    /// A workbook part past what a thread keeps is worked out each time,
    /// never kept; one just within it is kept.
    #[test]
    fn a_large_workbook_part_is_not_kept() {
        let sheet = r#"<sheets><sheet name="甲" r:id="rId1"/></sheets>"#;
        let rels = r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#;
        let workbook = |size: usize| {
            let open = format!(r#"<workbook xmlns:r="r">{sheet}"#);
            let xml = format!("{open}{}</workbook>", " ".repeat(size - open.len() - 11));
            assert_eq!(xml.len(), size);
            xml
        };
        let expected = vec![("甲".to_string(), "xl/worksheets/sheet1.xml".to_string())];
        for (size, named) in [(MOST_KEPT - rels.len() + 1, 2), (MOST_KEPT - rels.len(), 1)] {
            forget_last_sheets();
            let before = SHEETS_NAMED.get();
            for _ in 0..2 {
                assert_eq!(sheets_as_lately(workbook(size), rels.to_string()), expected);
            }
            assert_eq!(SHEETS_NAMED.get() - before, named, "{size} bytes");
        }
    }

    /// [`elements_in`] without passing over the rows: the parse alone.
    fn parsed_whole(xml: &[u8]) -> Vec<(String, Element)> {
        let mut reader = Reader::from_reader(xml);
        as_calamine_reads(reader.config_mut());
        let mut found = Vec::new();
        while keep(
            reader.read_event(),
            &["col", "row", "mergeCell"],
            &mut found,
        ) {}
        found
    }

    proptest::proptest! {
        /// Passing over the rows finds what parsing them finds, on sheets
        /// drawn from pieces of real ones and of broken ones: quoted `>` and
        /// `</sheetData>`, comments, CDATA, nested and stray tags, wrong end
        /// names, prefixes, the words in text, invalid UTF-8.
        #[test]
        fn passing_over_the_rows_finds_what_parsing_them_finds(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "<row r=\"1\">", "</row>", "<row r=\"2\" hidden=\"1\"/>", "<c r=\"A1\" t=\"s\">",
                    "<v>0</v>", "</c>", "<c r=\"B1\"/>", "<c a=\"x>y\">", "<c a='</sheetData>'>",
                    "<c a=\"", "\"", "'", ">", "<", "</rowx>", "<!-- </sheetData> -->",
                    "<![CDATA[<mergeCell ref=\"A1:B1\"/>]]>", "<?pi x?>", "<sheetData>",
                    "</sheetData>", "</x:sheetData>", "</sheetData >", "<t>hidden mergeCell</t>",
                    "<mergeCell ref=\"C1:D2\"/>", "</worksheet>", "<x:row r=\"3\">", "</x:row>",
                    "\u{fffd}", "text", " ", "<>", "< r>", "</>",
                ]),
                0..14,
            ),
            tail in proptest::sample::select(vec![
                "</sheetData><mergeCells><mergeCell ref=\"A1:F1\"/></mergeCells></worksheet>",
                "</sheetData></worksheet>",
                "</x:sheetData><x:mergeCells><x:mergeCell ref=\"B2:B3\"/></x:mergeCells>",
                "",
            ]),
            invalid_utf8 in proptest::bool::ANY,
        ) {
            let mut xml = b"<worksheet><sheetData>".to_vec();
            xml.extend(pieces.concat().into_bytes());
            if invalid_utf8 {
                xml.extend([0xFF, 0xFE]);
            }
            xml.extend(tail.as_bytes());
            let locals = ["col", "row", "mergeCell"];
            proptest::prop_assert_eq!(
                elements_in(&xml, &locals),
                parsed_whole(&xml),
                "{}",
                String::from_utf8_lossy(&xml)
            );
        }
    }

    #[test]
    fn rows_without_the_words_are_passed_over() {
        let xml = br#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData><mergeCells><mergeCell ref="A1:F1"/></mergeCells></worksheet>"#;
        let rest = &xml[b"<worksheet><sheetData>".len()..];
        assert_eq!(plain_rows(rest), Some(rest.len() - b"</sheetData><mergeCells><mergeCell ref=\"A1:F1\"/></mergeCells></worksheet>".len()));
        for odd in [
            &b"<row hidden=\"1\"/></sheetData>"[..],
            b"<!-- x --></sheetData>",
            b"<row></sheetData>",
            b"</row></sheetData>",
            b"<c a=\"</sheetData>",
        ] {
            assert_eq!(plain_rows(odd), None, "{}", String::from_utf8_lossy(odd));
        }
    }
}
