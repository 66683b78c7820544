//! The drawn unit-month: a unit, a month, its events in the units they are
//! written in, and the canonical facts they must give, by this test's own
//! arithmetic (rates are CNY per 100 units; canonical is 万美元 / 万元).

use super::pick::{self, Rng, Tags};
use super::places::{self, IndustrySpelling, REGIONS, SOURCES};
use zhaoshang::foundation::model::Indicator;

/// A month (year, month), kept apart from the crate's type so the generator
/// stands alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct YM(pub i32, pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cur {
    Usd,
    Hkd,
    Jpy,
    Eur,
    Cny,
}

impl Cur {
    /// CNY per 100 units in the month.
    pub fn rate(self, rates: &[f64; 4]) -> f64 {
        match self {
            Cur::Usd => rates[0],
            Cur::Hkd => rates[1],
            Cur::Jpy => rates[2],
            Cur::Eur => rates[3],
            Cur::Cny => 100.0,
        }
    }

    /// Roughly how many of this currency make one dollar, to keep amounts plausible.
    fn per_usd(self) -> i64 {
        match self {
            Cur::Usd | Cur::Eur => 1,
            Cur::Hkd | Cur::Cny => 7,
            Cur::Jpy => 150,
        }
    }
}

/// The unit amounts are written in: magnitude (1, 千, 万) and currency.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Money {
    pub mag: f64,
    pub cur: Cur,
}

/// How the row currencies are given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitMode {
    /// Every foreign row is in the stated foreign unit.
    Stated,
    /// A 币种 column gives each row's currency in the stated magnitude.
    CurrencyColumn,
    /// A 计量单位 column gives each row's magnitude and currency.
    UnitColumn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    New,
    Increase,
    Decrease,
    Arrival,
}

/// One event row. Amounts are in hundredths of the row's unit, signed as the
/// fact is (减资 negative); how they are typed is the layout's business.
pub struct Row {
    pub foreign: bool,
    pub event: Event,
    pub project: String,
    pub investor: String,
    pub source: Option<(&'static str, &'static str)>,
    pub ultimate: Option<(&'static str, &'static str)>,
    pub industry: Option<IndustrySpelling>,
    pub money: Money,
    pub total: Option<i64>,
    pub contracted: Option<i64>,
    pub registered: Option<i64>,
    pub arrived: Option<i64>,
    pub day: u32,
}

pub struct Case {
    pub unit: &'static str,
    pub month: YM,
    pub mode: UnitMode,
    pub foreign_unit: Money,
    pub domestic_unit: Money,
    pub rows: Vec<Row>,
    pub tags: Tags,
}

/// A fact the sheet must give.
#[derive(Clone, Debug)]
pub struct Expected {
    pub indicator: Indicator,
    pub amount: f64,
    pub source: Option<&'static str>,
    pub ultimate: Option<&'static str>,
    pub industry: Option<String>,
    /// Which drawn row, and how its industry and source were spelled.
    pub row: usize,
}

const NAME_HEADS: [&str; 12] = [
    "恒达", "华晟", "瑞丰", "鼎盛", "博远", "凯利", "嘉禾", "联创", "永昌", "天成", "立讯", "宏图",
];
const NAME_TRADES: [&str; 10] = [
    "精密机械",
    "新材料",
    "电子科技",
    "智能装备",
    "生物医药",
    "物流",
    "纺织",
    "汽车部件",
    "光电",
    "食品",
];
const NAME_TAILS: [&str; 4] = ["项目", "有限公司", "有限公司二期项目", "科技有限公司"];

/// What a form needs of the drawn case: a negative control that states a
/// foreign unit wrongly needs foreign rows, all in the stated unit.
#[derive(Clone, Copy, Debug, Default)]
pub struct Needs {
    pub foreign_rows: bool,
    pub stated_unit: bool,
}

pub fn draw(rng: &mut Rng, needs: Needs) -> Case {
    let mut case = draw_any(rng);
    let mut tries = 0;
    while needs.foreign_rows && !case.rows.iter().any(|r| r.foreign) && tries < 20 {
        case = draw_any(rng);
        tries += 1;
    }
    if needs.foreign_rows && !case.rows.iter().any(|r| r.foreign) {
        case.rows[0].foreign = true;
        case.rows[0].money = case.foreign_unit;
        case.rows[0].event = Event::Arrival;
        case.rows[0].arrived = Some(pick::range(rng, 1_000, 100_000));
        case.rows[0].registered = None;
        case.rows[0].source = None;
        case.rows[0].ultimate = None;
    }
    if needs.stated_unit && case.mode != UnitMode::Stated {
        // Every row back in the stated units, amounts kept as numbers of it.
        case.mode = UnitMode::Stated;
        let (f, d) = (case.foreign_unit, case.domestic_unit);
        for row in &mut case.rows {
            row.money = if row.foreign { f } else { d };
        }
        case.tags.0.retain(|t| !t.starts_with("unit.mode="));
        case.tags.add("unit.mode", "Stated");
    }
    case
}

fn draw_any(rng: &mut Rng) -> Case {
    let mut tags = Tags::default();
    let (unit, _) = *pick::any(rng, &REGIONS);
    let month = *pick::any(rng, &places::months());
    let foreign_unit = *pick::weighted(
        rng,
        &[
            (12, money(1e4, Cur::Usd)),
            (2, money(1e3, Cur::Usd)),
            (2, money(1.0, Cur::Usd)),
            (2, money(1e4, Cur::Hkd)),
            (1, money(1e4, Cur::Cny)),
        ],
    );
    let domestic_unit = if foreign_unit.cur == Cur::Cny {
        money(1e4, Cur::Cny)
    } else {
        *pick::weighted(rng, &[(6, money(1e4, Cur::Cny)), (1, money(1.0, Cur::Cny))])
    };
    let mode = if foreign_unit.cur == Cur::Cny {
        UnitMode::Stated
    } else {
        *pick::weighted(
            rng,
            &[
                (10, UnitMode::Stated),
                (7, UnitMode::CurrencyColumn),
                (2, UnitMode::UnitColumn),
            ],
        )
    };
    tags.add(
        "unit.foreign",
        format!("{:?}{}", foreign_unit.cur, foreign_unit.mag),
    );
    tags.add("unit.domestic_mag", domestic_unit.mag);
    tags.add("unit.mode", format!("{mode:?}"));

    let count = pick::range(rng, 1, 8) as usize;
    let mut heads = NAME_HEADS.to_vec();
    pick::shuffle_any(rng, &mut heads);
    let rows = (0..count)
        .map(|i| draw_row(rng, heads[i], mode, foreign_unit, domestic_unit))
        .collect();
    Case {
        unit,
        month,
        mode,
        foreign_unit,
        domestic_unit,
        rows,
        tags,
    }
}

fn money(mag: f64, cur: Cur) -> Money {
    Money { mag, cur }
}

fn draw_row(
    rng: &mut Rng,
    head: &str,
    mode: UnitMode,
    foreign_unit: Money,
    domestic_unit: Money,
) -> Row {
    let foreign = pick::maybe(rng, 0.7);
    let event = if foreign {
        *pick::any_weighted(
            rng,
            &[
                (8, Event::New),
                (5, Event::Increase),
                (2, Event::Decrease),
                (5, Event::Arrival),
            ],
        )
    } else {
        *pick::any_weighted(
            rng,
            &[
                (10, Event::New),
                (5, Event::Increase),
                (1, Event::Decrease),
                (4, Event::Arrival),
            ],
        )
    };
    let money = match (foreign, mode) {
        (false, UnitMode::UnitColumn) => {
            *pick::any(rng, &[money(1e4, Cur::Cny), money(1.0, Cur::Cny)])
        }
        (false, _) => domestic_unit,
        (true, UnitMode::Stated) => foreign_unit,
        (true, UnitMode::CurrencyColumn) => money(
            foreign_unit.mag,
            *pick::any_weighted(
                rng,
                &[
                    (10, foreign_unit.cur),
                    (4, Cur::Usd),
                    (3, Cur::Hkd),
                    (1, Cur::Jpy),
                    (1, Cur::Eur),
                    (1, Cur::Cny),
                ],
            ),
        ),
        (true, UnitMode::UnitColumn) => *pick::any_weighted(
            rng,
            &[
                (8, money(1e4, Cur::Usd)),
                (2, money(1.0, Cur::Usd)),
                (1, money(1e3, Cur::Usd)),
                (3, money(1e4, Cur::Hkd)),
                (1, money(1e4, Cur::Eur)),
                (1, money(1e4, Cur::Jpy)),
                (1, money(1e4, Cur::Cny)),
            ],
        ),
    };
    // Hundredths of the written unit per 万美元-ish of value.
    let scale = (1e4 / money.mag) as i64 * 100 * if foreign { money.cur.per_usd() } else { 1 };
    let span = |rng: &mut Rng, lo: i64, hi: i64| pick::range(rng, lo * scale, hi * scale);
    let below = |rng: &mut Rng, x: i64, lo_pct: i64| pick::range(rng, (x * lo_pct / 100).max(1), x);
    let (mut total, mut contracted, mut registered, mut arrived) = (None, None, None, None);
    if foreign {
        match event {
            Event::New => {
                let c = span(rng, 50, 3000);
                let r = below(rng, c, 30);
                contracted = pick::maybe(rng, 0.95).then_some(c);
                registered = pick::maybe(rng, 0.95).then_some(r);
                total = pick::maybe(rng, 0.8).then(|| pick::range(rng, c, c * 3));
                arrived = pick::maybe(rng, 0.4).then(|| below(rng, r, 5));
            }
            Event::Increase => {
                let c = span(rng, 10, 1000);
                contracted = Some(c);
                registered = pick::maybe(rng, 0.9).then(|| below(rng, c, 30));
                total = pick::maybe(rng, 0.4).then(|| pick::range(rng, c, c * 2));
                arrived = pick::maybe(rng, 0.3).then(|| below(rng, c, 5));
            }
            Event::Decrease => {
                let c = span(rng, 10, 500);
                contracted = Some(-c);
                registered = pick::maybe(rng, 0.9).then(|| -below(rng, c, 30));
            }
            Event::Arrival => arrived = Some(span(rng, 10, 2000)),
        }
    } else {
        match event {
            Event::New | Event::Increase => {
                let r = span(rng, 100, 50_000);
                registered = Some(r);
                arrived = pick::maybe(rng, 0.4).then(|| below(rng, r, 5));
            }
            Event::Decrease => registered = Some(-span(rng, 100, 5_000)),
            Event::Arrival => arrived = Some(span(rng, 100, 20_000)),
        }
    }
    let sources: Vec<_> = SOURCES.iter().filter(|s| s.1 == foreign).collect();
    let spelled = |rng: &mut Rng| {
        let (name, _, spellings) = **pick::any(rng, &sources);
        (name, *pick::one(rng, spellings))
    };
    // Only an arrival on an earlier project is left without source or
    // industry: the project's record already has them.
    let known = event != Event::Arrival || !pick::chance(rng, 0.2);
    let source = known.then(|| spelled(rng));
    let ultimate = (foreign && known && pick::maybe(rng, 0.2)).then(|| spelled(rng));
    let industry = known.then(|| places::draw_industry(rng));
    let trade = *pick::any(rng, &NAME_TRADES);
    let tail = *pick::any(rng, &NAME_TAILS);
    Row {
        foreign,
        event,
        project: format!("{head}{trade}{tail}"),
        investor: format!(
            "{head}{}",
            if foreign {
                "投资有限公司"
            } else {
                "集团有限公司"
            }
        ),
        source,
        ultimate,
        industry,
        money,
        total,
        contracted,
        registered,
        arrived,
        day: pick::range(rng, 1, 28) as u32,
    }
}

/// An amount in hundredths of `money`, in 万美元 (foreign) or 万元 (domestic).
pub fn canonical(hundredths: i64, money: Money, foreign: bool, rates: &[f64; 4]) -> f64 {
    let amount = hundredths as f64 / 100.0 * money.mag;
    let cny = amount * money.cur.rate(rates) / 100.0;
    let value = if foreign {
        cny / (rates[0] / 100.0)
    } else {
        cny
    };
    value / 1e4
}

/// The facts the case's rows must give, zero amounts left out.
pub fn expected(case: &Case) -> Vec<Expected> {
    let rates = places::rates(case.month);
    let mut facts = Vec::new();
    for (i, row) in case.rows.iter().enumerate() {
        let mut push = |indicator, amount: f64| {
            facts.push(Expected {
                indicator,
                amount,
                source: row.source.map(|s| s.0),
                ultimate: row.ultimate.map(|s| s.0),
                industry: row.industry.as_ref().map(|s| s.division.clone()),
                row: i,
            })
        };
        let value = |x: Option<i64>| x.map(|h| canonical(h, row.money, row.foreign, &rates));
        use Indicator::*;
        let cells = if row.foreign {
            [
                (TotalInvestment, value(row.total)),
                (ContractedFdi, value(row.contracted)),
                (RegisteredFdi, value(row.registered)),
                (ArrivedFdi, value(row.arrived)),
            ]
        } else {
            [
                (TotalInvestment, None),
                (ContractedFdi, None),
                (DomesticRegistered, value(row.registered)),
                (DomesticArrived, value(row.arrived)),
            ]
        };
        for (indicator, amount) in cells {
            if let Some(amount) = amount.filter(|a| *a != 0.0) {
                push(indicator, amount);
            }
        }
        if row.event == Event::New {
            push(
                if row.foreign {
                    NewFieCount
                } else {
                    NewDomesticCount
                },
                1.0,
            );
        }
    }
    facts
}
