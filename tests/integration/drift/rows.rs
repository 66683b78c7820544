//! The body of a generated detail sheet: one row per event, blank rows, a
//! 合计 row that adds up, and the footer.

use super::book::{Cell, Sheet};
use super::case::{Case, Row, YM};
use super::pick::{self, Rng, Tags};
use super::typing::{self, Negative, NumberStyle};
use super::words::{self, traditional, Col, EXTRA_COLUMNS, TOTAL_LABELS};

pub struct Body<'a> {
    pub cols: &'a [Col],
    pub left: u16,
    pub trad_all: bool,
    /// Whether amounts may carry their unit ("120万美元").
    pub suffix_ok: bool,
    /// Whether 内资 amounts go in 注册内资 / 到位内资 columns of their own.
    pub dom_cols: bool,
}

pub struct RowsOut {
    pub next_row: u32,
    pub industry_texts: Vec<String>,
    /// (row, column, hundredths) of every amount written in a data row.
    pub amount_cells: Vec<(u32, u16, i64)>,
}

/// Writes the event rows (and the 合计 row, if any) from row `start`.
pub fn write_rows(
    case: &Case,
    rng: &mut Rng,
    tags: &mut Tags,
    sheet: &mut Sheet,
    body: &Body,
    start: u32,
) -> RowsOut {
    let numbers = *pick::weighted(rng, &[(9, NumberStyle::Numbers), (11, NumberStyle::Mixed)]);
    let total_at = *pick::weighted(rng, &[(11, "bottom"), (3, "top"), (6, "none")]);
    let negative = if total_at == "none" && pick::chance(rng, 0.3) {
        Negative::Positive
    } else {
        *pick::one(
            rng,
            &[
                Negative::Minus,
                Negative::Minus,
                Negative::Paren,
                Negative::WideParen,
                Negative::WideMinus,
            ],
        )
    };
    let dashes = pick::chance(rng, 0.3);
    if dashes {
        tags.add("blank_amounts", "dashes");
    }
    let excel_dates = *pick::one(rng, &[0.0, 0.5, 1.0]);
    tags.add("total", total_at);

    let mut r = start;
    let total_row = (total_at == "top").then(|| {
        r += 1;
        r - 1
    });
    let first_data = r;
    let mut sums: Vec<(u16, i64)> = Vec::new();
    let mut add = |c: u16, v: i64| match sums.iter_mut().find(|(col, _)| *col == c) {
        Some((_, s)) => *s += v,
        None => sums.push((c, v)),
    };
    let mut industry_texts = Vec::new();
    let mut amount_cells = Vec::new();
    for (i, row) in case.rows.iter().enumerate() {
        if i > 0 && pick::chance(rng, 0.08) {
            tags.add("rows", "blank_between");
            r += 1;
        }
        for (k, &col) in body.cols.iter().enumerate() {
            let c = k as u16 + body.left;
            if col.is_amount() {
                let value = amount_of(row, col, body.dom_cols);
                match value {
                    Some(h) => {
                        let cell = typing::amount(
                            rng,
                            tags,
                            numbers,
                            negative,
                            h,
                            row.money,
                            body.suffix_ok,
                        );
                        let written = if h < 0 && negative == Negative::Positive {
                            -h
                        } else {
                            h
                        };
                        add(c, written);
                        amount_cells.push((r, c, h));
                        sheet.put(r, c, cell);
                    }
                    None => {
                        if let Some(cell) = typing::nothing(rng, dashes) {
                            sheet.put(r, c, cell);
                        }
                    }
                }
                continue;
            }
            if let Some(cell) = text_cell(case, row, i, col, rng, tags, body, excel_dates) {
                if col == Col::Industry {
                    industry_texts.push(match &cell {
                        Cell::Num(n) => format!("#{n}"),
                        Cell::Text(t) => t.clone(),
                        _ => String::new(),
                    });
                }
                if let (Col::Extra(e), Cell::Num(n)) = (col, &cell) {
                    if words::extra_is_numeric(e) {
                        add(c, (n * 100.0).round() as i64);
                    }
                }
                sheet.put(r, c, cell);
            }
        }
        r += 1;
    }
    let last_data = r - 1;
    let total_row = total_row.or_else(|| {
        (total_at == "bottom").then(|| {
            if pick::chance(rng, 0.2) {
                r += 1;
                tags.add("rows", "blank_before_total");
            }
            r += 1;
            r - 1
        })
    });
    if let Some(tr) = total_row {
        let label_cols: Vec<u16> = body
            .cols
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                !c.is_amount() && !matches!(c, Col::Extra(e) if words::extra_is_numeric(*e))
            })
            .map(|(k, _)| k as u16 + body.left)
            .collect();
        // The bureau's form has the label under 项目名称; put that column first.
        let mut label_cols = label_cols;
        if let Some(p) = body.cols.iter().position(|c| *c == Col::Project) {
            let p = p as u16 + body.left;
            label_cols.retain(|c| *c != p);
            label_cols.insert(0, p);
        }
        let at = *pick::one(rng, &label_cols);
        let which = body.cols[(at - body.left) as usize];
        tags.add(
            "total.label_col",
            format!("{which:?}").split('(').next().unwrap().to_string(),
        );
        let mut label = pick::one(rng, &TOTAL_LABELS).to_string();
        if body.trad_all || pick::chance(rng, 0.1) {
            label = traditional(&label);
        }
        sheet.text(tr, at, label);
        let formula = pick::chance(rng, 0.3);
        for (c, sum) in sums {
            let value = sum as f64 / 100.0;
            let cell = if formula {
                let col = column_letters(c);
                Cell::Formula(
                    format!("=SUM({col}{}:{col}{})", first_data + 1, last_data + 1),
                    value,
                )
            } else {
                Cell::Num(value)
            };
            sheet.put(tr, c, cell);
        }
        if formula {
            tags.add("total", "formula");
        }
    }
    RowsOut {
        next_row: r,
        industry_texts,
        amount_cells,
    }
}

/// A row's amount in a column, as the sheet's columns mean it for its capital
/// kind; `dom_cols` when 内资 has columns of its own.
pub fn amount_of(row: &Row, col: Col, dom_cols: bool) -> Option<i64> {
    match (row.foreign, col) {
        (true, Col::Total) => row.total,
        (true, Col::Contracted) => row.contracted,
        (true, Col::Registered) => row.registered,
        (true, Col::Arrived) => row.arrived,
        (false, Col::Registered) if !dom_cols => row.registered,
        (false, Col::Arrived) if !dom_cols => row.arrived,
        (false, Col::DomRegistered) => row.registered,
        (false, Col::DomArrived) => row.arrived,
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn text_cell(
    case: &Case,
    row: &Row,
    i: usize,
    col: Col,
    rng: &mut Rng,
    tags: &mut Tags,
    body: &Body,
    excel_dates: f64,
) -> Option<Cell> {
    let t = |s: &str| {
        if body.trad_all {
            traditional(s)
        } else {
            s.to_string()
        }
    };
    let text = match col {
        Col::Seq => {
            return Some(if !pick::chance(rng, 0.2) {
                Cell::Num(i as f64 + 1.0)
            } else {
                Cell::Text((i + 1).to_string())
            })
        }
        Col::Project => row.project.clone(),
        Col::Investor => row.investor.clone(),
        Col::Capital => t(words::capital_word(rng, row.foreign)),
        Col::Source => row.source.map(|s| s.1.to_string())?,
        Col::Ultimate => row.ultimate.map(|s| s.1.to_string())?,
        Col::Industry => {
            let spelled = row.industry.as_ref()?;
            tags.add("industry", spelled.form);
            if let Some(n) = spelled.number {
                return Some(Cell::Num(n));
            }
            spelled.text.clone()
        }
        Col::Event => t(words::event_word(rng, row.event)),
        Col::Currency => {
            typing::currency_cell(rng, row.money.cur, row.foreign, case.foreign_unit.cur)
        }
        Col::RowUnit => typing::unit_cell(rng, row.money),
        Col::Date => {
            let YM(y, m) = case.month;
            let as_date = pick::chance(rng, excel_dates);
            return Some(typing::date(rng, tags, y, m, row.day, as_date));
        }
        Col::Remark => pick::any(
            rng,
            &["", "", "", "首期", "已开工", "分期到位", "已签约", "续建"],
        )
        .to_string(),
        Col::Extra(e) => return extra_value(rng, e, case),
        Col::Blank
        | Col::Total
        | Col::Contracted
        | Col::Registered
        | Col::Arrived
        | Col::DomRegistered
        | Col::DomArrived => String::new(),
    };
    (!text.is_empty()).then_some(Cell::Text(text))
}

/// A plausible value for a column the reader does not know.
fn extra_value(rng: &mut Rng, e: usize, case: &Case) -> Option<Cell> {
    const NAMES: [&str; 6] = ["王建国", "李明", "张伟", "陈静", "刘洋", "周敏"];
    let n = pick::range(rng, 1000, 9999);
    Some(match EXTRA_COLUMNS[e] {
        "联系人" | "经办人" => Cell::Text(pick::any(rng, &NAMES).to_string()),
        "投资方联系电话" | "联系方式" => {
            if pick::maybe(rng, 0.5) {
                Cell::Num(13_900_000_000.0 + n as f64)
            } else {
                Cell::Text(format!("0512-5868{n}"))
            }
        }
        "用地面积（亩）" => Cell::Num(pick::range(rng, 50, 2000) as f64 / 10.0),
        "项目地址" | "建设地点" => Cell::Text(format!(
            "{}工业园{}路{}号",
            case.unit,
            n % 7 + 1,
            n % 90 + 1
        )),
        "建设内容" => Cell::Text(format!("年产{}万件精密零部件", n % 500 + 10)),
        "项目进度" => {
            Cell::Text(pick::any(rng, &["签约", "在建", "已投产", "开工"]).to_string())
        }
        "统一社会信用代码" => Cell::Text(format!("913205{n}{n}MA{}X", n % 97 + 10)),
        "主要产品" => Cell::Text(
            pick::any(rng, &["精密零部件", "锂电池隔膜", "医用敷料", "电子元器件"]).to_string(),
        ),
        "用工人数" => Cell::Num((n % 400 + 20) as f64),
        "开工时间" => Cell::Text(format!("{}年{}月", case.month.0 + 1, n % 12 + 1)),
        _ => return None,
    })
}

/// The footer: who filled it in, who checked, a phone number, maybe a note or
/// the report date (never the period).
#[allow(clippy::too_many_arguments)]
pub fn footer(
    rng: &mut Rng,
    tags: &mut Tags,
    sheet: &mut Sheet,
    r: u32,
    left: u16,
    width: u16,
    month: YM,
) {
    let filler = *pick::any(rng, &["张三", "王芳", "李娜", "赵磊"]);
    let checker = *pick::any(rng, &["李四", "孙强", "钱进"]);
    let phone = format!("0512-{}", pick::range(rng, 5000_0000, 5999_9999));
    match pick::index(rng, 5) {
        0 => sheet.text(
            r,
            left,
            format!("填表人：{filler}　　审核人：{checker}　　联系电话：{phone}"),
        ),
        1 => {
            let step = ((width - left) / 3).max(1);
            sheet.text(r, left, format!("填表人：{filler}"));
            sheet.text(r, left + step, format!("审核人：{checker}"));
            sheet.text(r, left + 2 * step, format!("联系电话：{phone}"));
        }
        2 => sheet.text(
            r,
            left,
            format!("单位负责人：{checker}　　填表人：{filler}　　联系电话：{phone}"),
        ),
        3 => {
            sheet.text(r, left, format!("填表人：{filler}　　审核人：{checker}"));
            sheet.text(r + 1, left, "注：到资指以前年度批准项目本期到位的资金。");
            tags.add("footer", "note");
        }
        _ => {
            sheet.text(r, left, format!("填表人：{filler}　　联系电话：{phone}"));
            sheet.text(r, width - 1, typing::report_date(rng, month));
            tags.add("footer", "report_date");
        }
    }
    tags.add("footer", "present");
}

pub fn column_letters(c: u16) -> String {
    let mut n = c as u32 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let d = (n - 1) % 26;
        out.push((b'A' + d as u8) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}
