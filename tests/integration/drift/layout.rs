//! Lays a drawn case out as a detail sheet with a random mix of drift:
//! columns (order, extra, blank, left out), one- or two-row headers with
//! decorated words, units line forms and places, title and meta rows, blank
//! rows, a 合计 row with its label in any column, and a footer.

use super::book::Sheet;
use super::case::{Case, UnitMode, YM};
use super::pick::{self, Rng, Tags};
use super::places::unit_spelling;
use super::typing;
use super::words::{traditional, Col, EXTRA_COLUMNS};

/// A generated workbook, its file name and what it wrote (for the tallies).
pub struct Written {
    pub sheets: Vec<Sheet>,
    pub file_name: String,
    pub header_words: Vec<String>,
    pub unit_statements: Vec<String>,
    pub industry_texts: Vec<String>,
}

/// Where the units are said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    OwnRow,
    Meta,
    Suffix,
    OwnRowAndSuffix,
    MetaAndSuffix,
    RowUnits,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeaderShape {
    OneRow,
    GroupShort,
    GroupFull,
}

/// Lays `case` out; drops from the case what the layout has no column for.
pub fn lay_out(case: &mut Case, rng: &mut Rng) -> Written {
    let mut tags = std::mem::take(&mut case.tags);
    let has_foreign = case.rows.iter().any(|r| r.foreign);
    let has_domestic = case.rows.iter().any(|r| !r.foreign);
    let f = case.foreign_unit;
    let suffix_ok = case.mode != UnitMode::UnitColumn
        && case.rows.iter().all(|r| !r.foreign || r.money.cur == f.cur);

    // Columns.
    let any_total = case.rows.iter().any(|r| r.total.is_some());
    let any_ultimate = case.rows.iter().any(|r| r.ultimate.is_some());
    let with = |rng: &mut Rng, p: f64| pick::chance(rng, p);
    let seq = with(rng, 0.8);
    let investor = with(rng, 0.6);
    let ultimate = any_ultimate && with(rng, 0.7);
    let total = if any_total {
        !with(rng, 0.15)
    } else {
        with(rng, 0.3)
    };
    let currency = match case.mode {
        UnitMode::CurrencyColumn => true,
        UnitMode::Stated => with(rng, 0.1),
        UnitMode::UnitColumn => false,
    };
    let date = with(rng, 0.6);
    let remark = with(rng, 0.4);
    if !total {
        case.rows.iter_mut().for_each(|r| r.total = None);
    }
    if !ultimate {
        case.rows.iter_mut().for_each(|r| r.ultimate = None);
    }
    let shape = *pick::weighted(
        rng,
        &[
            (13, HeaderShape::OneRow),
            (4, HeaderShape::GroupShort),
            (3, HeaderShape::GroupFull),
        ],
    );
    tags.add("header.shape", format!("{shape:?}"));
    let group: Vec<Col> = match shape {
        HeaderShape::OneRow => vec![],
        HeaderShape::GroupShort => vec![Col::Contracted, Col::Registered, Col::Arrived],
        HeaderShape::GroupFull if total => {
            vec![Col::Total, Col::Contracted, Col::Registered, Col::Arrived]
        }
        HeaderShape::GroupFull => vec![Col::Contracted, Col::Registered, Col::Arrived],
    };
    let mut blocks: Vec<Vec<Col>> = Vec::new();
    let push = |blocks: &mut Vec<Vec<Col>>, present: bool, col: Col| {
        if present && !group.contains(&col) {
            blocks.push(vec![col]);
        } else if present && group.first() == Some(&col) {
            blocks.push(group.clone());
        }
    };
    for (present, col) in [
        (seq, Col::Seq),
        (true, Col::Project),
        (investor, Col::Investor),
        (true, Col::Capital),
        (true, Col::Source),
        (ultimate, Col::Ultimate),
        (true, Col::Industry),
        (true, Col::Event),
        (total, Col::Total),
        (true, Col::Contracted),
        (true, Col::Registered),
        (true, Col::Arrived),
        (currency, Col::Currency),
        (case.mode == UnitMode::UnitColumn, Col::RowUnit),
        (date, Col::Date),
        (remark, Col::Remark),
    ] {
        push(&mut blocks, present, col);
    }
    let order = *pick::weighted(rng, &[(9, "bureau"), (6, "swapped"), (5, "shuffled")]);
    tags.add("columns.order", order);
    match order {
        "swapped" => {
            for _ in 0..pick::range(rng, 1, 3) {
                let i = pick::range(rng, 0, blocks.len() as i64 - 2) as usize;
                blocks.swap(i, i + 1);
            }
        }
        "shuffled" => pick::shuffle(rng, &mut blocks),
        _ => {}
    }
    if !group.is_empty() && pick::chance(rng, 0.15) {
        let at = blocks.iter().position(|b| b.len() > 1).unwrap();
        pick::shuffle(rng, &mut blocks[at]);
        tags.add("header.group_order", "shuffled");
    }
    let extras = *pick::weighted(rng, &[(5, 0), (3, 1), (2, 2), (1, 3)]);
    let mut extra_ids: Vec<usize> = (0..EXTRA_COLUMNS.len()).collect();
    pick::shuffle_any(rng, &mut extra_ids);
    for &e in &extra_ids[..extras] {
        let at = pick::range(rng, 0, blocks.len() as i64) as usize;
        blocks.insert(at, vec![Col::Extra(e)]);
        tags.add("columns.extra", EXTRA_COLUMNS[e]);
    }
    if pick::chance(rng, 0.25) {
        for _ in 0..pick::range(rng, 1, 2) {
            let at = pick::range(rng, 1, blocks.len() as i64) as usize;
            blocks.insert(at, vec![Col::Blank]);
        }
        tags.add("columns.blank", "inside");
    }
    let cols: Vec<Col> = blocks.concat();
    let left = *pick::weighted(rng, &[(15, 0u16), (4, 1), (1, 2)]);
    if left > 0 {
        tags.add("columns.leading_blank", left);
    }

    // Where the units are said.
    let must_say_domestic = has_domestic && !(f.mag == 1e4 && case.domestic_unit.mag == 1e4);
    let place = if case.mode == UnitMode::UnitColumn {
        Place::RowUnits
    } else {
        let s = if suffix_ok { 1 } else { 0 };
        *pick::weighted(
            rng,
            &[
                (6, Place::Meta),
                (7, Place::OwnRow),
                (4 * s, Place::Suffix),
                (2 * s, Place::OwnRowAndSuffix),
                (s, Place::MetaAndSuffix),
            ],
        )
    };
    tags.add("units.place", format!("{place:?}"));
    let suffix = matches!(
        place,
        Place::Suffix | Place::OwnRowAndSuffix | Place::MetaAndSuffix
    );
    let mut unit_statements = Vec::new();
    let statement = match place {
        Place::OwnRow | Place::Meta | Place::OwnRowAndSuffix | Place::MetaAndSuffix => {
            Some(typing::units_statement(
                rng,
                &mut tags,
                f,
                case.domestic_unit,
                // Beside a header suffix the domestic unit is said outright.
                must_say_domestic || (suffix && has_domestic),
                has_foreign,
            ))
        }
        Place::Suffix if has_domestic => Some(typing::domestic_statement(
            rng,
            &mut tags,
            case.domestic_unit,
        )),
        _ => None,
    };

    // Traditional, spaces, qualifiers: how far the labels drift.
    let trad = *pick::weighted(rng, &[(14, "none"), (4, "some_labels"), (2, "all")]);
    tags.add("traditional", trad);
    let spaces = pick::chance(rng, 0.2);
    if spaces {
        tags.add("labels", "stray_spaces");
    }
    let statement = statement.map(|s| {
        let s = if trad == "all" { traditional(&s) } else { s };
        if pick::chance(rng, 0.15) {
            tags.add("units.colon", "halfwidth");
            s.replace('：', ":")
        } else {
            s
        }
    });
    unit_statements.extend(statement.clone());

    // Rows above the header.
    let titled = !pick::chance(rng, 0.15);
    let own_units_row = matches!(place, Place::OwnRow | Place::OwnRowAndSuffix)
        || (place == Place::Suffix && statement.is_some() && pick::chance(rng, 0.5));
    let statement_in_meta = statement.is_some() && !own_units_row;
    let meta = statement_in_meta || !pick::chance(rng, 0.3);
    let names_unit_title = titled && !pick::chance(rng, 0.3);
    let unit_in_meta = meta && (!pick::chance(rng, 0.15) || !names_unit_title);
    let mut sheet = Sheet::named(&sheet_name(rng, case.month, trad == "all"));
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
    let width = cols.len() as u16 + left;
    let title_unit = names_unit_title.then(|| {
        if !pick::chance(rng, 0.4) {
            case.unit.to_string()
        } else {
            unit_spelling(rng, case.unit)
        }
    });
    if titled {
        let lines = typing::titles(
            rng,
            &mut tags,
            case.month,
            title_unit.as_deref(),
            trad == "all",
        );
        for line in lines {
            sheet.text(r, left, line);
            if pick::chance(rng, 0.5) {
                sheet.merges.push((r, left, r, width - 1));
            }
            r += 1;
        }
        gap(rng, &mut r);
    }
    let statement_first = pick::chance(rng, 0.3);
    let units_row = |sheet: &mut Sheet, rng: &mut Rng, r: &mut u32, tags: &mut Tags| {
        let text = statement.clone().unwrap();
        let at = *pick::weighted(
            rng,
            &[(3, left), (2, width - 1), (1, left + cols.len() as u16 / 2)],
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
    };
    if own_units_row && statement_first {
        units_row(&mut sheet, rng, &mut r, &mut tags);
    }
    if meta {
        let mut parts: Vec<String> = Vec::new();
        if unit_in_meta {
            let spelled = unit_spelling(rng, case.unit);
            parts.push(typing::unit_part(rng, &spelled, trad == "all"));
        }
        if statement_in_meta {
            parts.push(statement.clone().unwrap());
        }
        if !pick::chance(rng, 0.3) {
            parts.push(typing::report_date(rng, case.month));
        }
        if parts.len() > 1 && pick::chance(rng, 0.3) {
            pick::shuffle(rng, &mut parts);
            tags.add("meta", "reordered");
        }
        if !pick::chance(rng, 0.5) || parts.len() < 2 {
            let sep = *pick::one(rng, &["　　", "  ", "    ", "\u{3000}", "　　　　", " "]);
            sheet.text(r, left, parts.join(sep));
            tags.add("meta", "one_cell");
        } else {
            let step = (width - left).max(parts.len() as u16) / parts.len() as u16;
            for (i, part) in parts.into_iter().enumerate() {
                sheet.text(r, left + i as u16 * step.max(1), part);
            }
            tags.add("meta", "split_cells");
        }
        r += 1;
    }
    if own_units_row && !statement_first {
        units_row(&mut sheet, rng, &mut r, &mut tags);
    }
    if r > 0 && r < 7 {
        gap(rng, &mut r);
    }
    tags.add("header.row", r + 1);

    // The header.
    let header = super::header::Header {
        cols: &cols,
        group: &group,
        short_children: shape == HeaderShape::GroupShort,
        left,
        trad,
        spaces,
        suffix,
        foreign_unit: f,
    };
    let header_out = super::header::write_header(&header, rng, &mut tags, &mut sheet, r);
    r = header_out.next_row;
    let header_words_written = header_out.words;
    unit_statements.extend(header_out.unit_statements);

    // The rows.
    let body = super::rows::Body {
        cols: &cols,
        left,
        trad_all: trad == "all",
        suffix_ok: !suffix || pick::chance(rng, 0.5),
    };
    let rows_out = super::rows::write_rows(case, rng, &mut tags, &mut sheet, &body, r);
    r = rows_out.next_row;

    // Footer.
    if !pick::chance(rng, 0.3) {
        if pick::chance(rng, 0.5) {
            r += 1;
        }
        super::rows::footer(rng, &mut tags, &mut sheet, r, left, width);
    }

    // The unit and period must be said somewhere: title, meta row or file name.
    let unit_in_sheet = title_unit.is_some() || unit_in_meta;
    let period_in_sheet = titled;
    let file_unit = (!unit_in_sheet || !pick::chance(rng, 0.2)).then(|| {
        if !pick::chance(rng, 0.3) {
            case.unit.to_string()
        } else {
            unit_spelling(rng, case.unit)
        }
    });
    let file_period = !period_in_sheet || !pick::chance(rng, 0.2);
    let file_name = typing::file_name(
        rng,
        &mut tags,
        case.month,
        file_unit.as_deref(),
        file_period,
    );

    let mut sheets = vec![sheet];
    if pick::chance(rng, 0.1) {
        sheets.push(Sheet::named("Sheet2"));
        sheets.push(Sheet::named("Sheet3"));
        tags.add("sheets", "empty_after");
    } else if pick::chance(rng, 0.05) {
        let name = if sheets[0].name == "Sheet1" {
            "Sheet2"
        } else {
            "Sheet1"
        };
        sheets.insert(0, Sheet::named(name));
        tags.add("sheets", "empty_before");
    }
    case.tags = tags;
    Written {
        sheets,
        file_name,
        header_words: header_words_written,
        unit_statements,
        industry_texts: rows_out.industry_texts,
    }
}

fn sheet_name(rng: &mut Rng, month: YM, trad: bool) -> String {
    let m = month.1;
    let names = [
        "项目明细".to_string(),
        "Sheet1".to_string(),
        "明细表".to_string(),
        format!("{m}月"),
        "招商项目".to_string(),
        "外资项目明细".to_string(),
        format!("{m}月份"),
    ];
    let name = pick::one(rng, &names).clone();
    if trad {
        traditional(&name)
    } else {
        name
    }
}
