//! How values are typed into cells: amounts, dates, the units statement, the
//! title, the meta row and the file name, each in the ways units type them.

use super::book::Cell;
use super::case::{Cur, Money, YM};
use super::pick::{self, Rng, Tags};
use super::words::{full_width, traditional, unit_phrase};

/// How the sheet's amounts are typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberStyle {
    /// Every amount a number cell.
    Numbers,
    /// Each cell typed its own way: number, text, thousands, full-width …
    Mixed,
}

/// How 减资 amounts are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Negative {
    Positive,
    Minus,
    Paren,
    WideParen,
    WideMinus,
}

/// "1234.50", "1234.5" or "1234": two decimals, trailing zeros maybe dropped.
fn decimal(rng: &mut Rng, hundredths: i64) -> String {
    let abs = hundredths.unsigned_abs();
    let text = format!("{}.{:02}", abs / 100, abs % 100);
    if pick::chance(rng, 0.3) {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

pub fn thousands(text: &str) -> String {
    let (int, frac) = text
        .split_once('.')
        .map_or((text, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{grouped}.{f}"),
        None => grouped,
    }
}

/// An amount cell for `hundredths` of `money`; `suffix_ok` when writing the
/// unit into the cell ("120万美元") says nothing the sheet does not.
pub fn amount(
    rng: &mut Rng,
    tags: &mut Tags,
    style: NumberStyle,
    negative: Negative,
    hundredths: i64,
    money: Money,
    suffix_ok: bool,
) -> Cell {
    let value = hundredths as f64 / 100.0;
    let form = match style {
        NumberStyle::Numbers => "number",
        NumberStyle::Mixed => *pick::weighted(
            rng,
            &[
                (5, "number"),
                (2, "text"),
                (2, "thousands"),
                (1, "fullwidth"),
                (1, "spaces"),
                (
                    if suffix_ok && money.mag == 1e4 { 1 } else { 0 },
                    "unit_suffix",
                ),
                (1, "formula"),
            ],
        ),
    };
    tags.add("number", form);
    let neg = hundredths < 0;
    if neg {
        tags.add("negative", format!("{negative:?}"));
    }
    let digits = decimal(rng, hundredths);
    let body = match form {
        "number" => {
            return match (neg, negative) {
                (true, Negative::Paren | Negative::WideParen) => Cell::Text(format!("({digits})")),
                (true, Negative::Positive) => Cell::Num(-value),
                _ => Cell::Num(value),
            }
        }
        "formula" => {
            let a = hundredths / 2;
            let b = hundredths - a;
            let f = format!("={}+{}", a as f64 / 100.0, b as f64 / 100.0).replace("+-", "-");
            let shown = if neg && negative == Negative::Positive {
                -value
            } else {
                value
            };
            let f = if shown == value {
                f
            } else {
                format!("={}", -value)
            };
            return Cell::Formula(f, shown);
        }
        "thousands" => thousands(&digits),
        "fullwidth" => full_width(&digits),
        "unit_suffix" => {
            // 万元人民币 after a number, not 人民币万元.
            let unit = unit_phrase(rng, money);
            let unit = match unit.strip_prefix("人民币") {
                Some(rest) => format!("{rest}人民币"),
                None => unit,
            };
            format!("{digits}{unit}")
        }
        _ => digits,
    };
    let signed = if !neg {
        body
    } else {
        match negative {
            Negative::Positive => body,
            Negative::Minus => format!("-{body}"),
            Negative::Paren => format!("({body})"),
            Negative::WideParen => format!("（{body}）"),
            Negative::WideMinus => format!("－{body}"),
        }
    };
    // Stray spaces go around the number as typed, sign and all.
    Cell::Text(if form == "spaces" {
        let pad = *pick::one(rng, &[" ", "  ", "\u{3000}"]);
        if pick::chance(rng, 0.5) {
            format!("{signed}{pad}")
        } else {
            format!("{pad}{signed}")
        }
    } else {
        signed
    })
}

/// What an empty amount cell holds: nothing, or a dash-like "nothing".
pub fn nothing(rng: &mut Rng, dashes: bool) -> Option<Cell> {
    if !dashes || pick::chance(rng, 0.4) {
        return None;
    }
    Some(match *pick::one(rng, &["—", "－", "/", "无", "-", "0"]) {
        "0" => Cell::Num(0.0),
        other => Cell::Text(other.to_string()),
    })
}

/// Days since 1899-12-30, as Excel counts them.
pub fn serial(y: i32, m: u32, d: u32) -> f64 {
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (date - base).num_days() as f64
}

/// A date cell: an Excel date in some format, or text typed several ways.
pub fn date(rng: &mut Rng, tags: &mut Tags, y: i32, m: u32, d: u32, as_date: bool) -> Cell {
    if as_date {
        let format = *pick::one(
            rng,
            &[
                "yyyy-mm-dd",
                "yyyy/m/d",
                "yyyy\"年\"m\"月\"d\"日\"",
                "m/d/yyyy",
                "yyyy.mm.dd",
            ],
        );
        tags.add("date", "excel");
        return Cell::Date(serial(y, m, d), format);
    }
    let (form, text) = match pick::range(rng, 0, 6) {
        0 => ("cn", format!("{y}年{m}月{d}日")),
        1 => ("iso", format!("{y}-{m:02}-{d:02}")),
        2 => ("slash", format!("{y}/{m}/{d}")),
        3 => ("dot", format!("{y}.{m:02}.{d:02}")),
        4 => ("dot_short", format!("{y}.{m}.{d}")),
        5 => ("dash_short", format!("{y}-{m}-{d}")),
        _ => ("cn_month", format!("{y}年{m}月")),
    };
    tags.add("date", form);
    Cell::Text(text)
}

/// The units statement: what a units line says, in one of the forms units use.
/// `foreign` is `None` when the sheet has no foreign rows; `domestic` is
/// `Some` when the domestic unit must be said (it is not simply 万元 beside a
/// 万 foreign unit).
pub fn units_statement(
    rng: &mut Rng,
    tags: &mut Tags,
    foreign: Money,
    domestic: Money,
    must_say_domestic: bool,
    has_foreign: bool,
) -> String {
    let f = unit_phrase(rng, foreign);
    let d = unit_phrase(rng, domestic);
    let k = *pick::one(rng, &["个", "家", "项"]);
    let single = if has_foreign { f.clone() } else { d.clone() };
    // A foreign unit in 万元 already covers domestic rows: "单位：万元、万元" says nothing.
    let both = must_say_domestic
        || (has_foreign && foreign.cur != super::case::Cur::Cny && pick::chance(rng, 0.4));
    let (form, text) = if both {
        choose(
            rng,
            vec![
                ("F（内资为D）", format!("单位：{f}（内资为{d}）")),
                ("F、D", format!("单位：{f}、{d}")),
                ("F、D、K", format!("单位：{f}、{d}、{k}")),
                ("外资：F；内资：D", format!("外资：{f}；内资：{d}")),
                (
                    "外资单位：F，内资单位：D",
                    format!("外资单位：{f}，内资单位：{d}"),
                ),
                (
                    "金额单位：外资F，内资D",
                    format!("金额单位：外资{f}，内资{d}"),
                ),
                ("F（内资项目：D）", format!("单位：{f}（内资项目：{d}）")),
                (
                    "金额单位：F（内资D）　企业数：K",
                    format!("金额单位：{f}（内资{d}）　企业数：{k}"),
                ),
                ("单位：外资F、内资D", format!("单位：外资{f}、内资{d}")),
                ("F(内资为D)", format!("单位:{f}(内资为{d})")),
            ],
        )
    } else {
        choose(
            rng,
            vec![
                ("单位：X", format!("单位：{single}")),
                ("金额单位：X", format!("金额单位：{single}")),
                ("单位:X", format!("单位:{single}")),
                ("（单位：X）", format!("（单位：{single}）")),
                ("单位 ： X", format!("单位 ： {single}")),
                (
                    "金额单位：X　企业数：K",
                    format!("金额单位：{single}　企业数：{k}"),
                ),
                ("单位：X、K", format!("单位：{single}、{k}")),
            ],
        )
    };
    tags.add("units.form", form);
    text
}

fn choose(rng: &mut Rng, mut forms: Vec<(&'static str, String)>) -> (&'static str, String) {
    let i = pick::index(rng, forms.len());
    forms.swap_remove(i)
}

/// Says only the domestic unit, beside foreign units given in the header.
pub fn domestic_statement(rng: &mut Rng, tags: &mut Tags, domestic: Money) -> String {
    let d = unit_phrase(rng, domestic);
    let (form, text) = choose(
        rng,
        vec![
            ("内资单位：D", format!("内资单位：{d}")),
            ("注：内资金额单位为D", format!("注：内资金额单位为{d}")),
            ("内资：D", format!("内资：{d}")),
            ("（内资为D）", format!("（内资为{d}）")),
        ],
    );
    tags.add("units.form", form);
    text
}

/// How many units-statement forms the generator draws from.
pub const UNITS_FORMS: usize = 10 + 7 + 4;

/// The period as a title says it: the month, or the year to it.
pub fn title_period(rng: &mut Rng, month: YM) -> String {
    let YM(y, m) = month;
    let mut forms = vec![
        format!("{y}年{m}月"),
        format!("{y}年{m}月份"),
        format!("{y}.{m}"),
        format!("{y}.{m:02}"),
    ];
    if m > 1 {
        forms.extend([
            format!("{y}年1-{m}月"),
            format!("{y}年1～{m}月"),
            format!("{y}年1—{m}月"),
            format!("{y}年1~{m}月"),
            format!("{y}年1至{m}月"),
            format!("{y}.1-{y}.{m}"),
        ]);
    }
    pick::one(rng, &forms).clone()
}

/// A line of its own saying the period (统计时间：…), for a title that does not.
pub fn period_line(rng: &mut Rng, tags: &mut Tags, month: YM) -> String {
    let p = title_period(rng, month);
    let YM(y, m) = month;
    let (form, text) = choose(
        rng,
        vec![
            ("统计时间", format!("统计时间：{p}")),
            ("统计期间", format!("统计期间：{p}")),
            ("报告期", format!("报告期：{p}")),
            ("时间", format!("时间：{p}")),
            ("截至月底", format!("截至{y}年{m}月底")),
            ("括号", format!("（{p}）")),
        ],
    );
    tags.add("period.line", form);
    text
}

/// Title rows naming `noun` (…明细表, …汇总表); `with_period` false when a
/// line of its own says the period.
pub fn titles_of(
    rng: &mut Rng,
    tags: &mut Tags,
    month: YM,
    unit: Option<&str>,
    trad: bool,
    noun: &str,
    with_period: bool,
) -> Vec<String> {
    let t = |s: &str| if trad { traditional(s) } else { s.to_string() };
    if !with_period {
        tags.add("title", "no_period");
        let u = unit.unwrap_or("");
        return vec![format!("{u}{}", t(noun))];
    }
    let p = title_period(rng, month);
    let detail = noun.contains("明细");
    let other = if detail {
        "利用外资及内资项目情况表"
    } else {
        "招商引资主要指标"
    };
    let lines = match (unit, pick::index(rng, 4)) {
        (Some(u), 0) => vec![format!("{p}{u}{}", t(noun))],
        (Some(u), 1) => vec![format!("{u}{p}{}", t(other))],
        (Some(u), 2) => vec![format!("{u}{}", t(noun)), format!("（{p}）")],
        (Some(u), _) => vec![format!("{p}{u}{}", t("招商引资情况统计表"))],
        (None, 0) => vec![format!("{p}{}", t(noun))],
        (None, 1) => vec![t(noun), p],
        (None, 2) => vec![format!("{}{p}{}", super::places::COUNTY, t(noun))],
        (None, _) => vec![format!("{p}{}", t(other))],
    };
    tags.add("title.rows", lines.len());
    lines
}

/// The report date, some day early the next month, in meta-row words.
pub fn report_date(rng: &mut Rng, month: YM) -> String {
    let YM(y, m) = month;
    let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let d = pick::range(rng, 1, 10);
    let date = match pick::range(rng, 0, 3) {
        0 => format!("{y}年{m}月{d}日"),
        1 => format!("{y}-{m:02}-{d:02}"),
        2 => format!("{y}.{m}.{d}"),
        _ => format!("{y}/{m}/{d}"),
    };
    let key = *pick::one(
        rng,
        &["", "填报日期：", "报出日期：", "报送时间：", "日期："],
    );
    format!("{key}{date}")
}

/// The 填报单位 part of the meta row.
pub fn unit_part(rng: &mut Rng, spelled: &str, trad: bool) -> String {
    let key = *pick::one(
        rng,
        &[
            "填报单位：",
            "填报单位：",
            "填报单位（盖章）：",
            "报送单位：",
            "填表单位：",
            "填报单位:",
            "单位名称：",
        ],
    );
    let key = if trad {
        traditional(key)
    } else {
        key.to_string()
    };
    format!("{key}{spelled}")
}

/// The file name; says the unit and/or the period as `unit` / `with_period` ask.
pub fn file_name(
    rng: &mut Rng,
    tags: &mut Tags,
    month: YM,
    unit: Option<&str>,
    with_period: bool,
) -> String {
    let YM(y, m) = month;
    let (form, name) = match (unit, with_period) {
        (Some(u), true) => match pick::index(rng, 8) {
            0 => ("unit_ym_cn", format!("{u}{y}年{m}月招商引资统计表")),
            1 => ("ym_unit", format!("{y}-{m:02} {u}")),
            2 => ("unit_yyyymm", format!("{u}_{y}{m:02}")),
            3 => ("m_unit", format!("{m}月份{u}招商数据")),
            4 => ("unit_dot", format!("{u}{y}.{m}")),
            5 if m > 1 => ("unit_paren_cum", format!("{u}（{y}年1～{m}月）")),
            6 => ("ym_cn_fen_unit", format!("{y}年{m}月份{u}报表")),
            _ => (
                "unit_paren_ym",
                format!("{u}招商引资项目明细（{y}年{m}月）"),
            ),
        },
        (Some(u), false) => ("unit_only", u.to_string()),
        (None, true) => ("period_only", format!("招商引资统计表（{m}月）")),
        (None, false) => ("neither", "新建 Microsoft Excel 工作表".to_string()),
    };
    tags.add("file", form);
    format!("{name}.xlsx")
}

/// Currency words for a row in a 币种 column (domestic rows: RMB or blank).
pub fn currency_cell(rng: &mut Rng, cur: Cur, foreign: bool, stated: Cur) -> String {
    if !foreign {
        return pick::one(rng, &["人民币", "人民币", "RMB", ""]).to_string();
    }
    if cur == stated && pick::chance(rng, 0.1) {
        return String::new();
    }
    super::words::currency_word(rng, cur).to_string()
}

/// A 计量单位 cell for a row's unit.
pub fn unit_cell(rng: &mut Rng, money: Money) -> String {
    unit_phrase(rng, money)
}
