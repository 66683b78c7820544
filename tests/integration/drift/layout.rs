//! Lays a drawn case out as a detail sheet with a random mix of drift:
//! columns (order, extra, blank, left out), one- or two-row headers with
//! decorated words, units line forms and places, title and meta rows, blank
//! rows, a 合计 row with its label in any column, and a footer; 注册内资 /
//! 到位内资 in columns of their own; and, for a negative control, the one
//! thing a careful statistician would reject.

use super::around::{self, Above};
use super::book::{Cell, Sheet};
use super::case::{Case, Money, UnitMode, YM};
use super::negative::{self, Control, Target};
use super::pick::{self, Rng};
use super::rows;
use super::typing;
use super::words::{traditional, Col, EXTRA_COLUMNS};
use zhaoshang::foundation::model::Indicator;

/// A generated workbook, its file name and what it wrote (for the tallies).
pub struct Written {
    pub sheets: Vec<Sheet>,
    pub file_name: String,
    pub header_words: Vec<String>,
    pub unit_statements: Vec<String>,
    pub industry_texts: Vec<String>,
    /// For a summary without detail: the month's figures it states, canonical.
    pub totals: Option<Vec<(Indicator, f64)>>,
    /// For a negative control: the cells an error must name.
    pub target: Option<Target>,
    /// For a detail with a summary: the summary's sheet, on which no warning
    /// is expected.
    pub summary_sheet: Option<String>,
}

/// A detail sheet laid out, before the workbook is assembled.
pub struct DetailSheet {
    pub sheet: Sheet,
    pub header_words: Vec<String>,
    pub unit_statements: Vec<String>,
    pub industry_texts: Vec<String>,
    pub unit_said: bool,
    pub period_said: bool,
    pub target: Option<Target>,
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
    /// Nowhere: a negative control.
    Nowhere,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeaderShape {
    OneRow,
    GroupShort,
    GroupFull,
}

/// Lays `case` out as a workbook of its detail sheet, maybe with empty sheets;
/// drops from the case what the layout has no column for.
pub fn lay_out(case: &mut Case, rng: &mut Rng, control: Option<Control>) -> Written {
    let detail = detail_sheet(case, rng, control);
    let mut tags = std::mem::take(&mut case.tags);
    let file_name = around::file_name(
        rng,
        &mut tags,
        case.unit,
        case.month,
        detail.unit_said,
        detail.period_said,
    );
    let mut sheets = vec![detail.sheet];
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
        header_words: detail.header_words,
        unit_statements: detail.unit_statements,
        industry_texts: detail.industry_texts,
        totals: None,
        target: detail.target,
        summary_sheet: None,
    }
}

/// Lays `case` out as one detail sheet.
pub fn detail_sheet(case: &mut Case, rng: &mut Rng, control: Option<Control>) -> DetailSheet {
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
        UnitMode::Stated => with(rng, 0.1) && control != Some(Control::NoUnit),
        UnitMode::UnitColumn => false,
    };
    let date = with(rng, 0.6);
    let remark = with(rng, 0.4);
    // Some counties' forms give 注册内资 / 到位内资 columns of their own.
    let dom_cols = with(rng, if has_domestic { 0.25 } else { 0.05 });
    // With them, which columns hold a row's amounts says its kind; some such
    // forms have no 资本类别 column. Only where every row has an amount.
    let every_row_has_amount = case.rows.iter().all(|r| {
        [r.total, r.contracted, r.registered, r.arrived]
            .iter()
            .any(|a| a.is_some_and(|v| v != 0))
    });
    let capital = !(dom_cols && every_row_has_amount && with(rng, 0.3));
    if dom_cols {
        tags.add("columns.domestic", "own_columns");
        if !capital {
            tags.add("columns.capital", "absent_kind_by_columns");
        }
    }
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
        (capital, Col::Capital),
        (true, Col::Source),
        (ultimate, Col::Ultimate),
        (true, Col::Industry),
        (true, Col::Event),
        (total, Col::Total),
        (true, Col::Contracted),
        (true, Col::Registered),
        (true, Col::Arrived),
        (dom_cols, Col::DomRegistered),
        (dom_cols, Col::DomArrived),
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
        match control {
            Some(Control::NoUnit) => Place::Nowhere,
            Some(Control::TwoForeignUnits) => *pick::one(rng, &[Place::Meta, Place::OwnRow]),
            Some(Control::HeaderContradicts) => {
                *pick::one(rng, &[Place::OwnRowAndSuffix, Place::MetaAndSuffix])
            }
            _ => *pick::weighted(
                rng,
                &[
                    (6, Place::Meta),
                    (7, Place::OwnRow),
                    (4 * s, Place::Suffix),
                    (2 * s, Place::OwnRowAndSuffix),
                    (s, Place::MetaAndSuffix),
                ],
            ),
        }
    };
    tags.add("units.place", format!("{place:?}"));
    let suffix = matches!(
        place,
        Place::Suffix | Place::OwnRowAndSuffix | Place::MetaAndSuffix
    );
    // Domestic columns of their own carry the domestic unit beside foreign suffixes.
    let dom_suffix = suffix && dom_cols && pick::chance(rng, 0.6);
    let mut unit_statements = Vec::new();
    let statement = match place {
        Place::OwnRow | Place::Meta if control == Some(Control::TwoForeignUnits) => Some(
            negative::two_units_statement(rng, &mut tags, f, case.domestic_unit, must_say_domestic),
        ),
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
        Place::Suffix if has_domestic && !dom_suffix => Some(typing::domestic_statement(
            rng,
            &mut tags,
            case.domestic_unit,
        )),
        _ => None,
    };
    // A negative control's header unit: same currency, another magnitude.
    let contradict: Option<(Col, Money)> =
        (control == Some(Control::HeaderContradicts)).then(|| {
            let with_values: Vec<Col> =
                [Col::Total, Col::Contracted, Col::Registered, Col::Arrived]
                    .into_iter()
                    .filter(|c| cols.contains(c))
                    .filter(|c| {
                        case.rows
                            .iter()
                            .any(|r| r.foreign && rows::amount_of(r, *c, dom_cols).is_some())
                    })
                    .collect();
            let col = if with_values.is_empty() {
                Col::Contracted
            } else {
                *pick::any(rng, &with_values)
            };
            (col, negative::other_magnitude(rng, f))
        });

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
    let own_units_row = matches!(place, Place::OwnRow | Place::OwnRowAndSuffix)
        || (place == Place::Suffix && statement.is_some() && pick::chance(rng, 0.5));
    let mut sheet = Sheet::named(&sheet_name(rng, case.month, trad == "all"));
    let width = cols.len() as u16 + left;
    let above = around::write_above(
        &Above {
            unit: case.unit,
            month: case.month,
            left,
            width,
            trad: trad == "all",
            statement: statement.clone(),
            own_units_row,
            noun: "招商引资项目明细表",
        },
        rng,
        &mut tags,
        &mut sheet,
    );
    let mut r = above.next_row;

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
        domestic_suffix: dom_suffix.then_some(case.domestic_unit),
        contradict,
    };
    let header_out = super::header::write_header(&header, rng, &mut tags, &mut sheet, r);
    r = header_out.next_row;
    unit_statements.extend(header_out.unit_statements);

    // The rows.
    let body = rows::Body {
        cols: &cols,
        left,
        trad_all: trad == "all",
        suffix_ok: place != Place::Nowhere && (!suffix || pick::chance(rng, 0.5)),
        dom_cols,
    };
    let rows_out = rows::write_rows(case, rng, &mut tags, &mut sheet, &body, r);
    r = rows_out.next_row;

    // Footer.
    if !pick::chance(rng, 0.3) {
        if pick::chance(rng, 0.5) {
            r += 1;
        }
        rows::footer(rng, &mut tags, &mut sheet, r, left, width, case.month);
    }

    // A negative control: the cells an error must name.
    let target = control.map(|control| {
        let cells = match control {
            Control::NotANumber => {
                let (r, c, h) = *pick::any(rng, &rows_out.amount_cells);
                let raw = negative::not_a_number(rng, h);
                sheet.put(r, c, Cell::Text(raw));
                vec![(r, c)]
            }
            Control::TwoForeignUnits => above.units_cell.into_iter().collect(),
            Control::HeaderContradicts => {
                let (col, _) = contradict.unwrap();
                let mut cells: Vec<(u32, u16)> = header_out
                    .amount_cells
                    .iter()
                    .filter(|(c, _, _)| *c == col)
                    .map(|(_, r, c)| (*r, *c))
                    .collect();
                cells.extend(above.units_cell);
                cells
            }
            Control::NoUnit => {
                let mut cells: Vec<(u32, u16)> = rows_out
                    .amount_cells
                    .iter()
                    .map(|(r, c, _)| (*r, *c))
                    .collect();
                cells.extend(header_out.amount_cells.iter().map(|(_, r, c)| (*r, *c)));
                cells
            }
        };
        let raw = cells
            .first()
            .and_then(|k| sheet.cells.get(k))
            .map(|cell| match cell {
                Cell::Text(t) => t.clone(),
                Cell::Num(n) => n.to_string(),
                _ => String::new(),
            })
            .unwrap_or_default();
        Target {
            control,
            sheet: sheet.name.clone(),
            cells,
            raw,
        }
    });

    case.tags = tags;
    DetailSheet {
        sheet,
        header_words: header_out.words,
        unit_statements,
        industry_texts: rows_out.industry_texts,
        unit_said: above.unit_said,
        period_said: above.period_said,
        target,
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
