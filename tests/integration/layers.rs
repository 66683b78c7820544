//! The house is walked one way (issue 15): read from the code's own paths
//! (`crate::…` and `super::…`, comments left out), every folder of src/
//! imports only folders below it in the order of the layers, and no two
//! files import each other, directly or round a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first: a folder may import only those before it.
const LAYERS: [&str; 12] = [
    "foundation",
    "ingest",
    "config",
    "store",
    "reference",
    "normalize",
    "audit",
    "aggregate",
    "report",
    "demo",
    "template",
    "app",
];

/// Every .rs file under src/ as its module path (`["ingest", "locate"]`;
/// a `mod.rs` is its folder's module), with its text.
fn modules() -> BTreeMap<Vec<String>, String> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .filter_map(|path| {
            let rel = path.strip_prefix(&src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            if parts == ["lib"] || parts == ["main"] {
                return None;
            }
            Some((parts, std::fs::read_to_string(&path).unwrap()))
        })
        .collect()
}

/// The paths a file names after `prefix` (`crate::` or `super::`), in
/// lines that are not comments: `crate::ingest::locate::Table` gives
/// `["ingest", "locate", "Table"]`; each `super::` counted in the first
/// element as that many `super`s.
fn named_paths(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find(['c', 's']) {
            let tail = &rest[at..];
            let before_ok = at == 0
                || !rest[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
            let (ups, mut after) = if before_ok && tail.starts_with("crate::") {
                (0, &tail["crate::".len()..])
            } else if before_ok && tail.starts_with("super::") {
                let mut ups = 0;
                let mut t = tail;
                while let Some(next) = t.strip_prefix("super::") {
                    ups += 1;
                    t = next;
                }
                (ups, t)
            } else {
                rest = &tail[1..];
                continue;
            };
            let mut path = Vec::new();
            loop {
                let end = after
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                if end == 0 {
                    break;
                }
                path.push(after[..end].to_string());
                match after[end..].strip_prefix("::") {
                    Some(next) => after = next,
                    None => break,
                }
            }
            found.push((ups, path));
            rest = after;
        }
    }
    found
}

/// The file each path leads to: the longest module path it starts with.
fn imports(
    modules: &BTreeMap<Vec<String>, String>,
) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    modules
        .iter()
        .map(|(module, text)| {
            let targets = named_paths(text)
                .into_iter()
                .filter_map(|(ups, path)| {
                    // `crate` is the root; `super` of ingest::locate is ingest,
                    // of ingest (its mod.rs) the root.
                    let mut full: Vec<String> = match ups {
                        0 => Vec::new(),
                        _ => module[..module.len().checked_sub(ups)?].to_vec(),
                    };
                    full.extend(path);
                    (1..=full.len())
                        .rev()
                        .map(|n| full[..n].to_vec())
                        .find(|m| modules.contains_key(m))
                })
                // A file naming its own folder's module (its parent) is not an import.
                .filter(|target| target != module && !module.starts_with(target))
                .collect();
            (module.clone(), targets)
        })
        .collect()
}

#[test]
fn every_folder_imports_only_the_layers_below_it() {
    let modules = modules();
    let rank = |folder: &str| LAYERS.iter().position(|l| *l == folder);
    let mut upward = Vec::new();
    let mut edges = BTreeSet::new();
    for (module, targets) in imports(&modules) {
        for target in targets {
            let (from, to) = (&module[0], &target[0]);
            if from == to {
                continue;
            }
            edges.insert((from.clone(), to.clone()));
            match (rank(from), rank(to)) {
                (Some(a), Some(b)) if b < a => {}
                _ => upward.push(format!("{} → {}", module.join("/"), target.join("/"))),
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that go up or out of the layers: {upward:#?}"
    );
    // The check saw the house: the stages import the foundation, app the stages.
    assert!(
        edges.contains(&("ingest".into(), "foundation".into())),
        "{edges:?}"
    );
    assert!(edges.contains(&("report".into(), "aggregate".into())));
    assert!(edges.contains(&("app".into(), "audit".into())));
    assert!(edges.len() > 30, "{edges:?}");
}

#[test]
fn no_file_imports_itself_round_a_circle() {
    let graph = imports(&modules());
    assert!(graph.len() > 100, "{} files", graph.len());
    // Depth-first: a file met again while still on the path closes a circle.
    fn visit<'a>(
        node: &'a Vec<String>,
        graph: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        path: &mut Vec<&'a Vec<String>>,
        done: &mut BTreeSet<&'a Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut circle: Vec<String> = path[at..].iter().map(|n| n.join("/")).collect();
            circle.push(node.join("/"));
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node);
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(circle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("files that import each other: {}", circle.join(" → "));
        }
    }
}

#[test]
fn paths_are_read_from_code_not_comments() {
    let text = "use crate::foundation::text::fold;\n// crate::app::pipeline\nlet x = super::super::money::Unit;\nmy_crate::x();";
    assert_eq!(
        named_paths(text),
        vec![
            (0, vec!["foundation".into(), "text".into(), "fold".into()]),
            (2, vec!["money".into(), "Unit".into()]),
        ]
    );
}
