//! A workbook's styles part (`xl/styles.xml`) cut to what reading its cells
//! takes from it: the number formats, and each cell format's `numFmtId`,
//! which tell calamine a date from a number. Fonts, fills, borders, the
//! cell formats' alignment and everything else only dress the cells; calamine
//! builds all of it into styles this program never asks for, and a real
//! workbook's styles part is mostly that (with the theme, whose colours only
//! those styles use, about an eighth of calamine's work on a form).
//!
//! The cut keeps calamine's reading of what is left the same: the part is
//! read event by event with the parser and settings calamine uses, going the
//! way calamine's own reading goes (which element starts which inner loop,
//! and which end closes it), and what is kept is whole events, byte for byte
//! as they stand. Where the parser meets an error, or the part ends before
//! calamine's reading does, there is no cut, and calamine meets the part as
//! it is. What calamine would refuse inside what is cut away (a font's size
//! written `val=11`, an alignment it does not know) it no longer meets: such
//! a file is read for its cells instead of being refused.

use quick_xml::events::Event;
use quick_xml::Reader;
use std::ops::Range;

/// The styles part in `styles` with only what calamine reads the cells'
/// number formats from; `None` where calamine's reading of it meets an error
/// (it is then read as it is).
pub fn number_formats_only(styles: &[u8]) -> Option<Vec<u8>> {
    let mut cut = Cut {
        reader: Reader::from_reader(styles),
        styles,
        kept: Vec::with_capacity(styles.len() / 4),
        depth: 0,
        kept_depth: 0,
        kept_to: 0,
        latest: (0, 0),
        previous: (0, 0),
    };
    let config = cut.reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    // What comes before the first element (the declaration, which names the
    // encoding) stays, as the parser reads it first.
    let mut prolog = true;
    loop {
        let seen = cut.next()?;
        match seen.piece {
            Piece::Start(name) => {
                prolog = false;
                match name {
                    Name::NumFmts => {
                        let end = cut.through_end(Name::NumFmts)?;
                        cut.keep(seen.depth, seen.at.start..end.at.end);
                    }
                    Name::Fonts => {
                        cut.each_until(Name::Fonts, Name::Font, |cut| cut.through_end(Name::Font))?;
                    }
                    Name::Fills => {
                        cut.each_until(Name::Fills, Name::Fill, |cut| cut.through_end(Name::Fill))?;
                    }
                    Name::Borders => cut.each_until(Name::Borders, Name::Border, Cut::border)?,
                    Name::CellXfs => {
                        cut.keep_seen(&seen);
                        cut.cell_formats()?;
                    }
                    _ => {}
                }
            }
            Piece::End(Name::StyleSheet) => {
                cut.keep_seen(&seen);
                return Some(cut.kept);
            }
            _ if prolog => cut.keep_seen(&seen),
            _ => {}
        }
    }
}

/// The local names calamine's reading of the part turns on; every other
/// name is `Other`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Name {
    StyleSheet,
    NumFmts,
    Fonts,
    Font,
    Fills,
    Fill,
    Borders,
    Border,
    /// One of a border's sides: left, right, top, bottom, diagonal.
    Side(u8),
    CellXfs,
    Xf,
    Other,
}

impl Name {
    fn of(local: &str) -> Self {
        match local {
            "styleSheet" => Name::StyleSheet,
            "numFmts" => Name::NumFmts,
            "fonts" => Name::Fonts,
            "font" => Name::Font,
            "fills" => Name::Fills,
            "fill" => Name::Fill,
            "borders" => Name::Borders,
            "border" => Name::Border,
            "left" => Name::Side(0),
            "right" => Name::Side(1),
            "top" => Name::Side(2),
            "bottom" => Name::Side(3),
            "diagonal" => Name::Side(4),
            "cellXfs" => Name::CellXfs,
            "xf" => Name::Xf,
            _ => Name::Other,
        }
    }
}

/// An event as far as the cut tells events apart.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Piece {
    Start(Name),
    End(Name),
    Other,
}

/// An event read: what it is, the bytes it stands on, and how many elements
/// were open before it.
#[derive(Debug)]
struct Seen {
    piece: Piece,
    at: Range<usize>,
    depth: usize,
}

struct Cut<'a> {
    reader: Reader<&'a [u8]>,
    styles: &'a [u8],
    kept: Vec<u8>,
    /// Elements open in the part as read so far.
    depth: usize,
    /// Elements open in what is kept, as the parser will count them.
    kept_depth: usize,
    /// Where in the part what is kept so far ends.
    kept_to: usize,
    /// Elements open before, and where, the latest event and the one before
    /// it began.
    latest: (usize, usize),
    previous: (usize, usize),
}

impl Cut<'_> {
    /// The next event; `None` at an error or at the end of the part, where
    /// calamine's reading stops with an error.
    fn next(&mut self) -> Option<Seen> {
        let (start, depth) = (self.position(), self.depth);
        self.previous = std::mem::replace(&mut self.latest, (depth, start));
        let piece = match self.reader.read_event().ok()? {
            Event::Eof => return None,
            Event::Start(e) => Piece::Start(Name::of(e.local_name().as_ref())),
            Event::End(e) => Piece::End(Name::of(e.local_name().as_ref())),
            _ => Piece::Other,
        };
        match piece {
            Piece::Start(_) => self.depth += 1,
            // The parser refuses an end with nothing open.
            Piece::End(_) => self.depth = self.depth.checked_sub(1)?,
            Piece::Other => {}
        }
        Some(Seen {
            piece,
            at: start..self.position(),
            depth,
        })
    }

    /// How far the part is read: what the parser has not taken yet is the
    /// rest (its own count of bytes leaves out a byte-order mark).
    fn position(&self) -> usize {
        self.styles.len() - self.reader.get_ref().len()
    }

    /// Keeps the latest event read, `seen`. The end of an empty element
    /// (`<xf/>`, read as a start and an end) stands on no bytes of its own:
    /// the element's one tag is kept for it, unless its start was kept.
    fn keep_seen(&mut self, seen: &Seen) {
        if !seen.at.is_empty() {
            self.keep(seen.depth, seen.at.clone());
        } else if self.kept_to == seen.at.end {
            self.kept_depth = self.depth;
        } else {
            let (depth, start) = self.previous;
            self.keep(depth, start..seen.at.end);
        }
    }

    /// Keeps the bytes `at`, read with `depth` elements open before them and
    /// ending where the part is now read to. The parser counts open elements
    /// and refuses an end with none open, so what was left out before them is
    /// stood in for by as many opening or closing tags of a name calamine
    /// passes over (`<z>`, `</z>`) as it opened or closed.
    fn keep(&mut self, depth: usize, at: Range<usize>) {
        while self.kept_depth < depth {
            self.kept.extend_from_slice(b"<z>");
            self.kept_depth += 1;
        }
        while self.kept_depth > depth {
            self.kept.extend_from_slice(b"</z>");
            self.kept_depth -= 1;
        }
        self.kept_to = at.end;
        self.kept.extend_from_slice(&self.styles[at]);
        self.kept_depth = self.depth;
    }

    /// On to the first end of an element named `local`.
    fn through_end(&mut self, local: Name) -> Option<Seen> {
        loop {
            let seen = self.next()?;
            if seen.piece == Piece::End(local) {
                return Some(seen);
            }
        }
    }

    /// calamine's loop over a list (`fonts`): each `item` started is read by
    /// `read` (calamine's reading of one font), up to the list's end.
    fn each_until(
        &mut self,
        list: Name,
        item: Name,
        read: impl Fn(&mut Self) -> Option<Seen>,
    ) -> Option<()> {
        loop {
            match self.next()?.piece {
                Piece::Start(name) if name == item => {
                    read(self)?;
                }
                Piece::End(name) if name == list => return Some(()),
                _ => {}
            }
        }
    }

    /// calamine's reading of one `<border>`: each side started is read to
    /// its own end, up to the border's end.
    fn border(&mut self) -> Option<Seen> {
        loop {
            let seen = self.next()?;
            match seen.piece {
                Piece::Start(side @ Name::Side(_)) => {
                    self.through_end(side)?;
                }
                Piece::End(Name::Border) => return Some(seen),
                _ => {}
            }
        }
    }

    /// The cell formats: each `<xf>` kept with its attributes and its end,
    /// without what it holds (alignment, protection), up to `</cellXfs>`.
    fn cell_formats(&mut self) -> Option<()> {
        loop {
            let seen = self.next()?;
            match seen.piece {
                Piece::Start(Name::Xf) => {
                    self.keep_seen(&seen);
                    let end = self.through_end(Name::Xf)?;
                    self.keep_seen(&end);
                }
                Piece::End(Name::CellXfs) => {
                    self.keep_seen(&seen);
                    return Some(());
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(xml: &str) -> Option<String> {
        number_formats_only(xml.as_bytes()).map(|b| String::from_utf8(b).unwrap())
    }

    #[test]
    fn keeps_the_number_formats_and_each_cell_formats_number_format() {
        let xml = concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            "\n",
            r#"<styleSheet xmlns="x"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>"#,
            r#"<fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/></font></fonts>"#,
            r#"<fills count="1"><fill><patternFill patternType="none"/></fill></fills>"#,
            r#"<borders count="1"><border><left style="thin"><color indexed="64"/></left><right/></border></borders>"#,
            r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs>"#,
            r#"<cellXfs count="3"><xf numFmtId="0" fontId="0"/><xf numFmtId="176" fontId="1" applyNumberFormat="1"><alignment horizontal="center"/></xf><xf/></cellXfs>"#,
            r#"<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>"#,
            r#"<dxfs count="0"/></styleSheet>"#,
        );
        assert_eq!(
            cut(xml).unwrap(),
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?>"#,
                "\n",
                r#"<z><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>"#,
                r#"<cellXfs count="3"><xf numFmtId="0" fontId="0"/><xf numFmtId="176" fontId="1" applyNumberFormat="1"></xf><xf/></cellXfs>"#,
                r#"</styleSheet>"#,
            )
        );
    }

    #[test]
    fn an_empty_style_sheet_keeps_its_one_tag() {
        assert_eq!(cut("<styleSheet/>").unwrap(), "<styleSheet/>");
        assert_eq!(
            cut("<styleSheet><numFmts/><cellXfs/></styleSheet>").unwrap(),
            "<z><numFmts/><cellXfs/></styleSheet>"
        );
    }

    #[test]
    fn where_calamine_would_stop_at_an_error_nothing_is_cut() {
        // The part ends inside the fonts: calamine's reading fails there.
        assert_eq!(cut("<styleSheet><fonts><font>"), None);
        // No end to the style sheet.
        assert_eq!(cut("<styleSheet><cellXfs><xf/></cellXfs>"), None);
        // Broken markup.
        assert_eq!(
            cut("<styleSheet><cellXfs><xf <</cellXfs></styleSheet>"),
            None
        );
    }
}
