//! The run's summary: acceptance and facts-equal rates, the generator's
//! vocabulary, and the failures by cause — how many cases each error rule or
//! kind of difference hit, the raw values behind it, and the drift classes
//! most often drawn with it — then the first failing seeds.

use super::verify::Outcome;
use super::{places, typing, words};
use std::collections::{BTreeMap, BTreeSet};

fn pct(n: usize, of: usize) -> String {
    format!("{n}/{of} = {:.1}%", 100.0 * n as f64 / of.max(1) as f64)
}

pub fn report(outcomes: &[Outcome], elapsed: std::time::Duration) -> String {
    let n = outcomes.len();
    let accepted = outcomes.iter().filter(|o| o.accepted()).count();
    let equal = outcomes.iter().filter(|o| o.facts_equal()).count();
    let passed = outcomes.iter().filter(|o| o.passed()).count();
    let distinct = |f: fn(&Outcome) -> &Vec<String>| {
        outcomes
            .iter()
            .flat_map(|o| f(o).iter())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let mut out = format!(
        "drift: {n} generated workbooks in {:.1}s\n  accepted (no error issue): {}\n  facts equal:               {}\n  both:                      {}\n",
        elapsed.as_secs_f64(),
        pct(accepted, n),
        pct(equal, n),
        pct(passed, n),
    );
    out.push_str(&format!(
        "  vocabulary: {} header words ({} distinct labels as written this run), {} units-statement forms ({} distinct statements written), {} industry spellings ({} distinct written)\n",
        header_word_count(),
        distinct(|o| &o.header_words),
        typing::UNITS_FORMS,
        distinct(|o| &o.unit_statements),
        places::industry_spelling_count(),
        distinct(|o| &o.industry_texts),
    ));
    if passed == n {
        return out;
    }
    out.push_str(&causes(outcomes));
    out.push_str("first failing seeds (replay with DRIFT_SEED=<n>):\n");
    for o in outcomes.iter().filter(|o| !o.passed()).take(10) {
        out.push_str(&format!("  seed {}: {}\n", o.seed, o.tags.join(" ")));
        for (rule, brief) in o.errors.iter().take(4) {
            out.push_str(&format!("      error {rule}: {brief}\n"));
        }
        for (kind, detail) in o.diffs.iter().take(6) {
            out.push_str(&format!("      {kind}: {detail}\n"));
        }
    }
    out
}

/// Each cause with the cases it hit, its most frequent raw values (the text
/// in 「」), the drift classes drawn with it well above their base rate, and
/// one example.
fn causes(outcomes: &[Outcome]) -> String {
    #[derive(Default)]
    struct Cause {
        seeds: BTreeSet<u64>,
        raws: BTreeMap<String, usize>,
        example: String,
    }
    let mut causes: BTreeMap<String, Cause> = BTreeMap::new();
    let mut tag_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for o in outcomes {
        for t in &o.tags {
            *tag_counts.entry(t.as_str()).or_default() += 1;
        }
        let all = o.errors.iter().map(|(r, b)| (format!("error {r}"), b));
        for (key, detail) in all.chain(o.diffs.iter().map(|(k, d)| (k.clone(), d))) {
            let cause = causes.entry(key).or_default();
            cause.seeds.insert(o.seed);
            if let Some(raw) = raw_value(detail) {
                *cause.raws.entry(raw.to_string()).or_default() += 1;
            }
            if cause.example.is_empty() {
                cause.example = format!("seed {}: {detail}", o.seed);
            }
        }
    }
    let mut causes: Vec<_> = causes.into_iter().collect();
    causes.sort_by_key(|(_, c)| std::cmp::Reverse(c.seeds.len()));
    let n = outcomes.len() as f64;
    let mut out = String::from(
        "causes (cases hit; raw values; drift classes drawn with it ×lift; example):\n",
    );
    for (key, cause) in &causes {
        let hit = cause.seeds.len();
        out.push_str(&format!("  {key}: {hit}\n"));
        if !cause.raws.is_empty() {
            let mut raws: Vec<_> = cause.raws.iter().collect();
            raws.sort_by_key(|(_, c)| std::cmp::Reverse(**c));
            let shown: Vec<String> = raws
                .iter()
                .take(10)
                .map(|(r, c)| format!("「{r}」×{c}"))
                .collect();
            out.push_str(&format!(
                "      raw ({} distinct): {}\n",
                raws.len(),
                shown.join(" ")
            ));
        }
        let mut lifts: Vec<(f64, &str, usize)> = tag_counts
            .iter()
            .filter(|(_, drawn)| **drawn >= 20)
            .map(|(tag, drawn)| {
                let with = outcomes
                    .iter()
                    .filter(|o| cause.seeds.contains(&o.seed) && o.tags.iter().any(|t| t == tag))
                    .count();
                ((with as f64 / *drawn as f64) / (hit as f64 / n), *tag, with)
            })
            .filter(|(lift, _, with)| *lift >= 1.5 && *with >= 3)
            .collect();
        lifts.sort_by(|a, b| b.0.total_cmp(&a.0));
        if !lifts.is_empty() {
            let shown: Vec<String> = lifts
                .iter()
                .take(5)
                .map(|(l, t, w)| format!("{t} ×{l:.1} ({w})"))
                .collect();
            out.push_str(&format!("      with: {}\n", shown.join(", ")));
        }
        out.push_str(&format!("      e.g. {}\n", cause.example));
    }
    out
}

/// The raw value in a detail: the first text in 「」, or in an issue's brief
/// (工作表「…」A1「raw」：message) the one after the cell, before the message.
fn raw_value(detail: &str) -> Option<&str> {
    match detail.strip_prefix("工作表「") {
        Some(rest) => {
            let after_sheet = &rest[rest.find('」')? + '」'.len_utf8()..];
            let after_cell = after_sheet.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
            let raw = after_cell.strip_prefix('「')?;
            Some(&raw[..raw.find("」：")?])
        }
        None => detail.split('「').nth(1).and_then(|r| r.split('」').next()),
    }
}

/// Distinct header words the generator draws from (labels, group parents and children).
fn header_word_count() -> usize {
    use words::Col::*;
    let mut all: BTreeSet<&str> = BTreeSet::new();
    let cols = [
        Seq, Project, Investor, Capital, Source, Ultimate, Industry, Event, Total, Contracted,
        Registered, Arrived, Currency, RowUnit, Date, Remark,
    ];
    for col in cols {
        all.extend(words::header_words(col));
        all.extend(words::short_child(col));
    }
    all.extend(words::EXTRA_COLUMNS);
    all.extend(words::GROUP_PARENTS_SHORT);
    all.extend(words::GROUP_PARENTS_FULL);
    all.len()
}
