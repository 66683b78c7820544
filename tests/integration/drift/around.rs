//! What surrounds a table: title rows, a 统计时间 line, the meta row
//! (填报单位, units, report date), a units line of its own, and the file name;
//! the unit and the period are said in one or more of these places, or only in
//! the file name, and a report date is never the period.

use super::book::Sheet;
use super::case::YM;
use super::pick::{self, Rng, Tags};
use super::places::unit_spelling;
use super::typing;

/// The rows above a table's header.
pub struct Above<'a> {
    pub unit: &'static str,
    pub month: YM,
    pub left: u16,
    /// One past the table's last column.
    pub width: u16,
    pub trad: bool,
    /// The units statement, if the sheet states one above the table.
    pub statement: Option<String>,
    /// Whether the statement stands in a row of its own (else in the meta row
    /// or at the end of the title).
    pub own_units_row: bool,
    /// The title's noun: 招商引资项目明细表, 招商引资情况汇总表 …
    pub noun: &'a str,
}

pub struct AboveOut {
    pub next_row: u32,
    pub unit_said: bool,
    pub period_said: bool,
    /// Where the units statement was written.
    pub units_cell: Option<(u32, u16)>,
}

/// Writes title, period line, meta row and units row from the top; returns the
/// row the header goes in.
pub fn write_above(a: &Above, rng: &mut Rng, tags: &mut Tags, sheet: &mut Sheet) -> AboveOut {
    let (left, width) = (a.left, a.width);
    let titled = !pick::chance(rng, 0.15);
    // A title without the period leaves it to a 统计时间 line, or to the file name.
    let title_period = titled && !pick::chance(rng, 0.1);
    let period_line = (titled && !title_period && pick::chance(rng, 0.6))
        || (title_period && pick::chance(rng, 0.08))
        || (!titled && pick::chance(rng, 0.3));
    let statement_in_title =
        a.statement.is_some() && !a.own_units_row && titled && pick::chance(rng, 0.12);
    let statement_in_meta = a.statement.is_some() && !a.own_units_row && !statement_in_title;
    let meta = statement_in_meta || !pick::chance(rng, 0.3);
    let names_unit_title = titled && !pick::chance(rng, 0.3);
    let unit_in_meta = meta && (!pick::chance(rng, 0.15) || !names_unit_title);
    let mut units_cell = None;
    let mut r: u32 = 0;
    if pick::chance(rng, 0.08) {
        tags.add("rows", "blank_top");
        r += 1;
    }
    let gap = |rng: &mut Rng, r: &mut u32| {
        if pick::chance(rng, 0.15) {
            *r += 1;
        }
    };
    let title_unit = names_unit_title.then(|| {
        if !pick::chance(rng, 0.4) {
            a.unit.to_string()
        } else {
            unit_spelling(rng, a.unit)
        }
    });
    if titled {
        let mut lines = typing::titles_of(
            rng,
            tags,
            a.month,
            title_unit.as_deref(),
            a.trad,
            a.noun,
            title_period,
        );
        if statement_in_title {
            let last = lines.last_mut().unwrap();
            let s = a.statement.clone().unwrap();
            let sep = *pick::one(rng, &["", "　", "  "]);
            // "（单位：万美元）" stays as it is; a bare statement gets brackets or a space.
            if s.starts_with('（') || pick::chance(rng, 0.5) {
                last.push_str(&format!("{sep}{s}"));
            } else {
                last.push_str(&format!("（{s}）"));
            }
            tags.add("units.place_above", "title_end");
        }
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            sheet.text(r, left, line);
            if statement_in_title && i + 1 == n {
                units_cell = Some((r, left));
            }
            if pick::chance(rng, 0.5) {
                sheet.merges.push((r, left, r, width - 1));
            }
            r += 1;
        }
        gap(rng, &mut r);
    }
    if period_line {
        let text = typing::period_line(rng, tags, a.month);
        let at = *pick::weighted(rng, &[(3, left), (1, width - 1)]);
        sheet.text(r, at, text);
        r += 1;
    }
    let statement_first = pick::chance(rng, 0.3);
    let units_row = |sheet: &mut Sheet, rng: &mut Rng, r: &mut u32, tags: &mut Tags| {
        let text = a.statement.clone().unwrap();
        let at = *pick::weighted(
            rng,
            &[(3, left), (2, width - 1), (1, left + (width - left) / 2)],
        );
        tags.add(
            "units.row_col",
            if at == left {
                "first"
            } else if at == width - 1 {
                "last"
            } else {
                "middle"
            },
        );
        sheet.text(*r, at, text);
        *r += 1;
        (*r - 1, at)
    };
    if a.own_units_row && statement_first {
        units_cell = Some(units_row(sheet, rng, &mut r, tags));
    }
    if meta {
        // (text, is the statement)
        let mut parts: Vec<(String, bool)> = Vec::new();
        if unit_in_meta {
            let spelled = unit_spelling(rng, a.unit);
            parts.push((typing::unit_part(rng, &spelled, a.trad), false));
        }
        if statement_in_meta {
            parts.push((a.statement.clone().unwrap(), true));
        }
        if !pick::chance(rng, 0.3) {
            parts.push((typing::report_date(rng, a.month), false));
        }
        if parts.len() > 1 && pick::chance(rng, 0.3) {
            pick::shuffle(rng, &mut parts);
            tags.add("meta", "reordered");
        }
        if !pick::chance(rng, 0.5) || parts.len() < 2 {
            let sep = *pick::one(rng, &["　　", "  ", "    ", "\u{3000}", "　　　　", " "]);
            let text: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
            sheet.text(r, left, text.join(sep));
            if statement_in_meta {
                units_cell = Some((r, left));
            }
            tags.add("meta", "one_cell");
        } else {
            let step = (width - left).max(parts.len() as u16) / parts.len() as u16;
            for (i, (part, is_statement)) in parts.into_iter().enumerate() {
                let c = left + i as u16 * step.max(1);
                sheet.text(r, c, part);
                if is_statement {
                    units_cell = Some((r, c));
                }
            }
            tags.add("meta", "split_cells");
        }
        r += 1;
    }
    if a.own_units_row && !statement_first {
        units_cell = Some(units_row(sheet, rng, &mut r, tags));
    }
    if r > 0 && r < 7 {
        gap(rng, &mut r);
    }
    tags.add("header.row", r + 1);
    AboveOut {
        next_row: r,
        unit_said: title_unit.is_some() || unit_in_meta,
        period_said: title_period || period_line,
        units_cell,
    }
}

/// The file name: says the unit and the period where the sheets do not, and
/// often where they do.
pub fn file_name(
    rng: &mut Rng,
    tags: &mut Tags,
    unit: &'static str,
    month: YM,
    unit_said: bool,
    period_said: bool,
) -> String {
    let file_unit = (!unit_said || !pick::chance(rng, 0.2)).then(|| {
        if !pick::chance(rng, 0.3) {
            unit.to_string()
        } else {
            unit_spelling(rng, unit)
        }
    });
    let file_period = !period_said || !pick::chance(rng, 0.2);
    if file_unit.is_none() {
        tags.add("unit.said", "sheet_only");
    } else if !unit_said {
        tags.add("unit.said", "file_only");
    }
    if !file_period {
        tags.add("period.said", "sheet_only");
    } else if !period_said {
        tags.add("period.said", "file_only");
    }
    typing::file_name(rng, tags, month, file_unit.as_deref(), file_period)
}
