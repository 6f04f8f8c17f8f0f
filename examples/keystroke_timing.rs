//! Per-keystroke engine cost at N copies of the embedded document, typing
//! the queries in order (so each may narrow from the one before):
//! `cargo run --release --example keystroke_timing -- 1000 z zs zsc 融 融资`
//! prints the best of 5 rounds of `Index::search(q, 200)` per query, in ms.

use std::time::Instant;

use zhengce::doc::Document;
use zhengce::search::{Index, replicate};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let copies: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let queries = args.get(1..).unwrap_or_default();
    let big = replicate(&Document::embedded(), copies);
    let t = Instant::now();
    let ix = Index::new(&big);
    println!("index {:?}", t.elapsed());
    let mut best = vec![f64::MAX; queries.len()];
    let mut hits = vec![0; queries.len()];
    for _ in 0..5 {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            hits[i] = ix.search(q, 200).map(|h| h.len()).unwrap_or(0);
            best[i] = best[i].min(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    for ((q, b), n) in queries.iter().zip(best).zip(hits) {
        println!("{q}\t{b:.2} ms\t{n} hits");
    }
}
