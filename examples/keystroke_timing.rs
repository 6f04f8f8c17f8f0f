//! Per-keystroke engine cost at N copies of the embedded document, as the
//! browser's search bar runs it: one index, `Index::search_all(q, 200)` once
//! per keystroke, the query growing a character at a time (so each may
//! narrow from the one before, see `Index::narrowed`).
//!
//! `cargo run --release --example keystroke_timing -- 1000` types every
//! query of [`FAMILIES`] `ROUNDS` times over, in order, the narrowing state
//! carried from keystroke to keystroke, and prints p50 / p90 / max per
//! family and overall, over rounds 2 to 5 ("warm") and all five ("cold").
//! The per-record pinyin initials are built first and timed apart
//! (`Index::prepare_pinyin`; without it the first query of letters builds
//! them, also timed).
//!
//! `cargo run --release --example keystroke_timing -- 1000 z zs zsc 融 融资`
//! instead runs the given queries in order, best of 5 rounds each, in ms.

use std::time::Instant;

use zhengce::doc::Document;
use zhengce::search::{Index, replicate};

/// Query families, each typed a character at a time: pinyin initials and
/// syllables, Chinese, and English glossary words.
const FAMILIES: &[(&str, &[&str])] = &[
    (
        "pinyin",
        &[
            "zscq",
            "zjtx",
            "zhishichanquan",
            "rongzidanbao",
            "kfyh",
            "dkgj",
        ],
    ),
    ("chinese", &["知识产权质押", "融资担保"]),
    ("english", &["tax", "loan"]),
];

const ROUNDS: usize = 5;
const LIMIT: usize = 200;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let copies: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let big = replicate(&Document::embedded(), copies);
    let t = Instant::now();
    let ix = Index::new(&big);
    println!(
        "{copies} copies: {} records, index {:.1} ms",
        ix.len(),
        ms(t.elapsed())
    );
    match args.get(1..) {
        Some(queries) if !queries.is_empty() => best_of(&ix, queries),
        _ => {
            // The per-record initials, built by the first query of letters.
            let t = Instant::now();
            ix.prepare_pinyin();
            println!("pinyin initials {:.1} ms", ms(t.elapsed()));
            let cold = Index::new(&big);
            let t = Instant::now();
            let _ = cold.search_all("z", LIMIT);
            println!("z on a new index (builds them) {:.1} ms", ms(t.elapsed()));
            drop(cold);
            typed(&ix)
        }
    }
}

/// The given queries in order, best of 5 rounds each.
fn best_of(ix: &Index, queries: &[String]) {
    let mut best = vec![f64::MAX; queries.len()];
    let mut hits = vec![0; queries.len()];
    for _ in 0..5 {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            hits[i] = ix.search_all(q, LIMIT).map(|r| r.hits.len()).unwrap_or(0);
            best[i] = best[i].min(ms(t.elapsed()));
        }
    }
    for ((q, b), n) in queries.iter().zip(best).zip(hits) {
        println!("{q}\t{b:.2} ms\t{n} hits");
    }
}

/// Every family typed `ROUNDS` times; per-keystroke percentiles.
fn typed(ix: &Index) {
    // (family, query, ms, hits) per keystroke, round by round.
    let mut all: Vec<(usize, String, f64, usize, usize)> = Vec::new();
    for round in 0..ROUNDS {
        for (f, (_, words)) in FAMILIES.iter().enumerate() {
            for w in words.iter() {
                let mut q = String::new();
                for c in w.chars() {
                    q.push(c);
                    let t = Instant::now();
                    let n = ix.search_all(&q, LIMIT).map(|r| r.hits.len()).unwrap_or(0);
                    all.push((f, q.clone(), ms(t.elapsed()), n, round));
                }
            }
        }
    }
    println!(
        "{:<10} {:>5} {:>8} {:>8} {:>8}   slowest (warm)",
        "family", "keys", "p50 ms", "p90 ms", "max ms"
    );
    let warm = |x: &&(usize, String, f64, usize, usize)| x.4 > 0;
    for (f, (name, _)) in FAMILIES.iter().enumerate() {
        let rows: Vec<_> = all.iter().filter(|x| x.0 == f).filter(warm).collect();
        report(name, &rows);
    }
    report("all, warm", &all.iter().filter(warm).collect::<Vec<_>>());
    report("all, cold", &all.iter().collect::<Vec<_>>());
    // The slowest keystrokes of the last round, to see what to work on.
    let mut last: Vec<_> = all.iter().filter(|x| x.4 == ROUNDS - 1).collect();
    last.sort_by(|a, b| b.2.total_cmp(&a.2));
    let top: Vec<String> = last
        .iter()
        .take(12)
        .map(|x| format!("{} {:.1} ({})", x.1, x.2, x.3))
        .collect();
    println!("slowest, last round (query ms (hits)): {}", top.join(", "));
}

fn report(name: &str, rows: &[&(usize, String, f64, usize, usize)]) {
    let mut t: Vec<f64> = rows.iter().map(|x| x.2).collect();
    if t.is_empty() {
        return;
    }
    t.sort_by(f64::total_cmp);
    let p = |x: f64| t[((t.len() as f64 * x).ceil() as usize).clamp(1, t.len()) - 1];
    let worst = rows
        .iter()
        .max_by(|a, b| a.2.total_cmp(&b.2))
        .map_or(String::new(), |x| x.1.clone());
    println!(
        "{name:<10} {:>5} {:>8.2} {:>8.2} {:>8.2}   {worst}",
        t.len(),
        p(0.5),
        p(0.9),
        p(1.0)
    );
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
