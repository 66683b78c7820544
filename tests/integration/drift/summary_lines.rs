//! The lines of a summary: which indicators a county's template carries, and
//! the rows they make — section headings (一、利用外资), item marks (1. （1） ①),
//! 其中 sub-items, indentation, names in Traditional or with stray spaces, and
//! units in brackets where the form puts them there.

use super::figures::{Line, Measure};
use super::pick::{self, Rng, Tags};
use super::summary_words as sw;
use super::words::{spaced, traditional};

/// One row of the summary: a section heading or an indicator line.
pub struct Entry {
    pub label: String,
    pub line: Option<Line>,
}

/// The lines a summary carries, drawn as a county's template would have them.
pub fn draw_lines(rng: &mut Rng, tags: &mut Tags) -> Vec<Line> {
    let mut lines = Vec::new();
    let new_fie = pick::chance(rng, 0.85) || rng.plain;
    if new_fie {
        lines.push(Line::NewFie);
        if pick::chance(rng, 0.25) {
            lines.push(Line::LargeFie);
        }
    }
    for (line, p) in [
        (Line::Contracted, 0.9),
        (Line::Registered, 0.85),
        (Line::Arrived, 0.95),
    ] {
        if rng.plain || pick::chance(rng, p) {
            lines.push(line);
        }
    }
    if !lines.iter().any(|l| l.measure() == Measure::Foreign) {
        lines.push(Line::Arrived);
    }
    if pick::chance(rng, 0.2) {
        lines.push(Line::Total);
    }
    if rng.plain || pick::chance(rng, 0.7) {
        let before = lines.len();
        if rng.plain || pick::chance(rng, 0.5) {
            lines.push(Line::NewDom);
        }
        for line in [Line::DomReg, Line::DomArr] {
            if rng.plain || pick::chance(rng, 0.9) {
                lines.push(line);
            }
        }
        if lines.len() == before {
            lines.push(Line::DomReg);
        }
    }
    if pick::chance(rng, 0.2) {
        lines.push(Line::Attracted);
        tags.add("summary.line", "Attracted");
    }
    if lines.contains(&Line::LargeFie) {
        tags.add("summary.line", "LargeFie");
    }
    if lines.contains(&Line::Total) {
        tags.add("summary.line", "Total");
    }
    lines
}

/// The rows: headings and labelled lines, with marks, 其中 and indentation.
pub fn entries(
    rng: &mut Rng,
    tags: &mut Tags,
    lines: &[Line],
    unit_in_label: &dyn Fn(&mut Rng, Line) -> Option<String>,
    trad: &str,
    spaces: bool,
) -> Vec<Entry> {
    let style = *pick::weighted(rng, &[(4, "sections"), (3, "numbered"), (3, "plain")]);
    tags.add("summary.marks", style);
    let item_style = pick::index(rng, 7);
    let indent = *pick::one(rng, &["", "  ", "　　", "    "]);
    if !indent.is_empty() {
        tags.add("summary.indent", "yes");
    }
    let name = |rng: &mut Rng, line: Line| -> String {
        let mut text = pick::one(rng, sw::line_names(line)).to_string();
        if trad == "all" || (trad == "some_labels" && pick::chance(rng, 0.5)) {
            text = traditional(&text);
        }
        if spaces && pick::chance(rng, 0.3) {
            text = spaced(rng, &text);
        }
        if let Some(u) = unit_in_label(rng, line) {
            text.push_str(&u);
        }
        text
    };
    let mut out = Vec::new();
    let foreign: Vec<Line> = lines
        .iter()
        .copied()
        .filter(|l| {
            matches!(
                l,
                Line::NewFie
                    | Line::LargeFie
                    | Line::Contracted
                    | Line::Registered
                    | Line::Arrived
                    | Line::Total
            )
        })
        .collect();
    let domestic: Vec<Line> = lines
        .iter()
        .copied()
        .filter(|l| matches!(l, Line::NewDom | Line::DomReg | Line::DomArr))
        .collect();
    let attracted = lines.contains(&Line::Attracted);
    let sub_item =
        |rng: &mut Rng, text: String| format!("{indent}{}{text}", pick::one(rng, &sw::OF_WHICH));
    match style {
        "sections" => {
            let mut section = 0;
            for (block, heads) in [
                (&foreign, &sw::SECTION_FOREIGN),
                (&domestic, &sw::SECTION_DOMESTIC),
            ] {
                if block.is_empty() {
                    continue;
                }
                let head = pick::one(rng, heads).to_string();
                let head = if trad == "all" {
                    traditional(&head)
                } else {
                    head
                };
                out.push(Entry {
                    label: format!("{}{head}", sw::SECTION_MARKS[section]),
                    line: None,
                });
                section += 1;
                let mut n = 0;
                for &line in block.iter() {
                    let text = name(rng, line);
                    let label = if line == Line::LargeFie {
                        sub_item(rng, text)
                    } else {
                        n += 1;
                        format!("{indent}{}{text}", sw::item_mark(item_style, n))
                    };
                    out.push(Entry {
                        label,
                        line: Some(line),
                    });
                }
            }
            if attracted {
                let text = name(rng, Line::Attracted);
                out.push(Entry {
                    label: format!("{}{text}", sw::SECTION_MARKS[section]),
                    line: Some(Line::Attracted),
                });
            }
        }
        "numbered" => {
            let big = pick::chance(rng, 0.5);
            let mut n = 0;
            for &line in foreign.iter().chain(domestic.iter()) {
                let text = name(rng, line);
                let label = if line == Line::LargeFie {
                    sub_item(rng, text)
                } else {
                    n += 1;
                    if big {
                        format!("{}{text}", sw::SECTION_MARKS[(n - 1) % 10])
                    } else {
                        format!("{}{text}", sw::item_mark(item_style, n))
                    }
                };
                out.push(Entry {
                    label,
                    line: Some(line),
                });
            }
            if attracted {
                n += 1;
                let text = name(rng, Line::Attracted);
                let mark = if big {
                    sw::SECTION_MARKS[(n - 1) % 10].to_string()
                } else {
                    sw::item_mark(item_style, n)
                };
                out.push(Entry {
                    label: format!("{mark}{text}"),
                    line: Some(Line::Attracted),
                });
            }
        }
        _ => {
            for &line in foreign.iter().chain(domestic.iter()) {
                let text = name(rng, line);
                let label = if line == Line::LargeFie {
                    sub_item(rng, text)
                } else {
                    text
                };
                out.push(Entry {
                    label,
                    line: Some(line),
                });
            }
            if attracted {
                let text = name(rng, Line::Attracted);
                out.push(Entry {
                    label: text,
                    line: Some(Line::Attracted),
                });
            }
        }
    }
    out
}
