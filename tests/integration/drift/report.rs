//! The run's summary: acceptance and facts-equal rates, the generator's
//! vocabulary, and the failures by cause — how many cases each error rule or
//! kind of difference hit, the raw values behind it, and the drift classes
//! most often drawn with it — then the first failing seeds.

use super::negative::Answer;
use super::verify::Outcome;
use super::{places, typing, words};
use std::collections::{BTreeMap, BTreeSet};

fn pct(n: usize, of: usize) -> String {
    format!("{n}/{of} = {:.1}%", 100.0 * n as f64 / of.max(1) as f64)
}

pub fn report(outcomes: &[Outcome], elapsed: std::time::Duration) -> String {
    let n = outcomes.len();
    let positive: Vec<&Outcome> = outcomes.iter().filter(|o| o.control.is_none()).collect();
    let distinct = |f: fn(&Outcome) -> &Vec<String>| {
        outcomes
            .iter()
            .flat_map(|o| f(o).iter())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let mut out = format!(
        "drift: {n} generated workbooks in {:.1}s\n",
        elapsed.as_secs_f64()
    );
    out.push_str(&rates("forms that must read back", &positive));
    let mut kinds: BTreeMap<&str, Vec<&Outcome>> = BTreeMap::new();
    for o in &positive {
        kinds.entry(o.kind.as_str()).or_default().push(o);
    }
    for (kind, list) in &kinds {
        out.push_str(&rates(&format!("  {kind}"), list));
    }
    out.push_str(&controls(outcomes));
    out.push_str(&format!(
        "  vocabulary: {} header and summary-label words ({} distinct labels as written this run), {} units-statement forms ({} distinct statements written), {} industry spellings ({} distinct written)\n",
        header_word_count(),
        distinct(|o| &o.header_words),
        typing::UNITS_FORMS,
        distinct(|o| &o.unit_statements),
        places::industry_spelling_count(),
        distinct(|o| &o.industry_texts),
    ));
    let mut warned: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &positive {
        for (rule, _) in &o.warnings {
            *warned.entry(rule.as_str()).or_default() += 1;
        }
    }
    if !warned.is_empty() {
        let list: Vec<String> = warned.iter().map(|(r, c)| format!("{r} ×{c}")).collect();
        out.push_str(&format!(
            "  warnings on forms that must read back (all kinds): {}\n",
            list.join(", ")
        ));
    }
    if outcomes.iter().all(|o| o.passed()) {
        return out;
    }
    out.push_str(&causes(outcomes));
    out.push_str("first failing seeds (replay with DRIFT_SEED=<n>):\n");
    for o in outcomes.iter().filter(|o| !o.passed()).take(12) {
        out.push_str(&format!(
            "  seed {} ({}): {}\n",
            o.seed,
            o.kind,
            o.tags.join(" ")
        ));
        for (rule, brief) in o.errors.iter().take(4) {
            out.push_str(&format!("      error {rule}: {brief}\n"));
        }
        for (rule, brief) in o.unexpected_warnings.iter().take(3) {
            out.push_str(&format!("      warning {rule}: {brief}\n"));
        }
        for (kind, detail) in o.diffs.iter().take(6) {
            out.push_str(&format!("      {kind}: {detail}\n"));
        }
    }
    out
}

/// Acceptance, facts-equal and pass rates of a group of forms that must read back.
fn rates(name: &str, list: &[&Outcome]) -> String {
    let n = list.len();
    let count = |f: fn(&Outcome) -> bool| list.iter().filter(|o| f(o)).count();
    format!(
        "{name}: {n}; accepted (no error) {}; facts equal {}; no warning where none expected {}; passed {}\n",
        pct(count(Outcome::accepted), n),
        pct(count(Outcome::facts_equal), n),
        pct(count(Outcome::clean), n),
        pct(count(Outcome::passed), n),
    )
}

/// Negative controls: how the reader answered each.
fn controls(outcomes: &[Outcome]) -> String {
    let list: Vec<&Outcome> = outcomes.iter().filter(|o| o.control.is_some()).collect();
    let mut by: BTreeMap<(String, Answer), usize> = BTreeMap::new();
    for o in &list {
        let (_, answer) = o.control.unwrap();
        *by.entry((o.kind.clone(), answer)).or_default() += 1;
    }
    let at = |a: Answer| list.iter().filter(|o| o.control.unwrap().1 == a).count();
    let mut out = format!(
        "negative controls: {}; rejected with an error naming the cell {}; rejected naming another cell {}; accepted (figures taken) {}\n",
        list.len(),
        pct(at(Answer::RejectedAtCell), list.len()),
        pct(at(Answer::RejectedElsewhere), list.len()),
        pct(at(Answer::Accepted), list.len()),
    );
    let kinds: BTreeSet<&String> = by.keys().map(|(k, _)| k).collect();
    for kind in kinds {
        let get = |a: Answer| by.get(&(kind.clone(), a)).copied().unwrap_or(0);
        out.push_str(&format!(
            "  {kind}: at the cell {}, elsewhere {}, accepted {}\n",
            get(Answer::RejectedAtCell),
            get(Answer::RejectedElsewhere),
            get(Answer::Accepted)
        ));
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
        if o.passed() {
            continue;
        }
        let mut found: Vec<(String, &String)> = Vec::new();
        match o.control {
            Some((control, answer)) => {
                let detail = o.errors.first().map(|(_, b)| b).unwrap_or(&o.kind);
                found.push((format!("control {control:?}: {answer:?}"), detail));
            }
            None => {
                found.extend(o.errors.iter().map(|(r, b)| (format!("error {r}"), b)));
                found.extend(
                    o.unexpected_warnings
                        .iter()
                        .map(|(r, b)| (format!("warning {r}"), b)),
                );
                found.extend(o.diffs.iter().map(|(k, d)| (k.clone(), d)));
            }
        }
        for (key, detail) in found {
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
        Seq,
        Project,
        Investor,
        Capital,
        Source,
        Ultimate,
        Industry,
        Event,
        Total,
        Contracted,
        Registered,
        Arrived,
        DomRegistered,
        DomArrived,
        Currency,
        RowUnit,
        Date,
        Remark,
    ];
    for col in cols {
        all.extend(words::header_words(col));
        all.extend(words::short_child(col));
    }
    all.extend(words::EXTRA_COLUMNS);
    all.extend(words::GROUP_PARENTS_SHORT);
    all.extend(words::GROUP_PARENTS_FULL);
    let mut owned: BTreeSet<String> = all.iter().map(|s| s.to_string()).collect();
    owned.extend(summary_words().iter().cloned());
    owned.len()
}

/// The summary's words: indicator names, headings, column words (for one month).
fn summary_words() -> Vec<String> {
    use super::figures::Line::*;
    use super::summary_words as sw;
    let mut all: Vec<String> = Vec::new();
    for line in [
        NewFie, LargeFie, Contracted, Registered, Arrived, Total, NewDom, DomReg, DomArr, Attracted,
    ] {
        all.extend(sw::line_names(line).iter().map(|s| s.to_string()));
    }
    for list in [
        &sw::SECTION_FOREIGN[..],
        &sw::SECTION_DOMESTIC,
        &sw::LABEL_WORDS,
        &sw::UNIT_WORDS,
        &sw::YOY_WORDS,
        &sw::CUM_CHILD_THIS,
        &sw::CUM_CHILD_LAST,
        &sw::ACROSS_LABEL_WORDS,
    ] {
        all.extend(list.iter().map(|s| s.to_string()));
    }
    all.extend(sw::month_words(10));
    all.extend(sw::cumulative_words(2026, 10, true));
    all.extend(sw::last_year_words(2026, 10, true));
    all.extend(sw::month_parents(2026));
    all
}

/// One tab-separated line per seed: seed, kind, passed, tags, then findings
/// (error/warning rule ids and brief, differences, the control's answer).
pub fn dump(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for o in outcomes {
        let mut found: Vec<String> = Vec::new();
        found.extend(o.errors.iter().map(|(r, b)| format!("error {r}: {b}")));
        found.extend(o.warnings.iter().map(|(r, b)| format!("warning {r}: {b}")));
        found.extend(o.diffs.iter().map(|(k, d)| format!("{k}: {d}")));
        if let Some((c, a)) = o.control {
            found.push(format!("control {c:?}: {a:?}"));
        }
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            o.seed,
            o.kind,
            o.passed(),
            o.tags.join(" "),
            found.join(" | ").replace(['\t', '\n'], " ")
        ));
    }
    out
}
