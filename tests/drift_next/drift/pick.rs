//! The seeded RNG and two kinds of draw. Drift draws (`one`, `weighted`,
//! `chance`, `shuffle`, `index`) choose how a form is written; in plain mode
//! (`DRIFT_PLAIN=1`) they take the bureau's way: the first item, no, no
//! shuffle, 0. Data draws (`any`, `any_weighted`, `maybe`, `range`,
//! `shuffle_any`) choose what happened and stay random in plain mode, so
//! plain mode checks the generator's arithmetic on the plain bureau form.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub struct Rng {
    inner: ChaCha8Rng,
    pub plain: bool,
}

impl Rng {
    pub fn new(seed: u64, plain: bool) -> Rng {
        Rng {
            inner: ChaCha8Rng::seed_from_u64(seed),
            plain,
        }
    }
}

/// A way of writing: uniformly, or the first in plain mode.
pub fn one<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[index(rng, items.len())]
}

/// A word, the first in plain mode.
pub fn word(rng: &mut Rng, words: &[&'static str]) -> &'static str {
    words[index(rng, words.len())]
}

/// An index below `len`: uniformly, or 0 in plain mode.
pub fn index(rng: &mut Rng, len: usize) -> usize {
    if rng.plain {
        0
    } else {
        rng.inner.random_range(0..len)
    }
}

/// A way of writing by weight, or the first in plain mode.
pub fn weighted<'a, T>(rng: &mut Rng, items: &'a [(u32, T)]) -> &'a T {
    if rng.plain {
        return &items[0].1;
    }
    any_weighted(rng, items)
}

/// Whether to drift: with probability `p`, never in plain mode.
pub fn chance(rng: &mut Rng, p: f64) -> bool {
    !rng.plain && rng.inner.random_bool(p)
}

/// Reorders, except in plain mode.
pub fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    if !rng.plain {
        shuffle_any(rng, items);
    }
}

/// What happened: one element, uniformly.
pub fn any<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.inner.random_range(0..items.len())]
}

/// What happened: one element by weight.
pub fn any_weighted<'a, T>(rng: &mut Rng, items: &'a [(u32, T)]) -> &'a T {
    let total: u32 = items.iter().map(|(w, _)| w).sum();
    let mut at = rng.inner.random_range(0..total);
    for (w, item) in items {
        if at < *w {
            return item;
        }
        at -= w;
    }
    unreachable!("weights add up")
}

/// What happened: true with probability `p`.
pub fn maybe(rng: &mut Rng, p: f64) -> bool {
    rng.inner.random_bool(p)
}

pub fn range(rng: &mut Rng, lo: i64, hi_inclusive: i64) -> i64 {
    rng.inner.random_range(lo..=hi_inclusive)
}

pub fn shuffle_any<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.inner.random_range(0..=i);
        items.swap(i, j);
    }
}

/// The drift classes a case drew, as `key=value` strings for the failure breakdown.
#[derive(Default, Clone, Debug)]
pub struct Tags(pub Vec<String>);

impl Tags {
    pub fn add(&mut self, key: &str, value: impl std::fmt::Display) {
        let tag = format!("{key}={value}");
        if !self.0.contains(&tag) {
            self.0.push(tag);
        }
    }
}
