//! The relevance set (`tests/relevance/queries.tsv`): realistic queries over
//! the embedded document with their right answers, judged by reading it.
//! Prints success at rank 1, recall@5, MRR, the empty rate (answerable
//! queries with no hit) and the wrong-confident rate (hits shown, none
//! relevant in the top 5; for a no-answer query, any hit), overall and per
//! class, and fails when a figure is worse than `tests/relevance/baseline.json`.
//! `RELEVANCE_BLESS=1 cargo test --test relevance` rewrites the baseline.
//!
//! No libtest harness (`harness = false`), so the figures always print.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

use serde_json::{Value, json};
use zhengce::doc::Document;
use zhengce::search::{Hit, HitKind, Index};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/relevance");

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Target {
    Measure(usize),
    Section(usize),
}

fn target(h: &Hit) -> Option<Target> {
    match h.kind {
        HitKind::Measure => h.ordinal.map(Target::Measure),
        HitKind::Section if h.path.len() == 1 => Some(Target::Section(h.path[0] + 1)),
        _ => None,
    }
}

fn parse_targets(s: &str) -> Vec<Target> {
    s.split(',')
        .filter_map(|t| {
            let t = t.trim();
            match t.strip_prefix('s') {
                Some(n) => n.parse().ok().map(Target::Section),
                None => t.parse().ok().map(Target::Measure),
            }
        })
        .collect()
}

#[derive(Default, Clone)]
struct Tally {
    answerable: usize,
    unanswerable: usize,
    success: f64,
    recall: f64,
    rr: f64,
    empty: usize,
    wrong: usize,
    /// No-answer queries that showed hits.
    noise: usize,
}

impl Tally {
    fn figures(&self) -> Value {
        let a = self.answerable.max(1) as f64;
        let all = (self.answerable + self.unanswerable).max(1) as f64;
        json!({
            "queries": self.answerable + self.unanswerable,
            "success_at_1": round(self.success / a),
            "recall_at_5": round(self.recall / a),
            "mrr": round(self.rr / a),
            "empty_rate": round(self.empty as f64 / a),
            "wrong_confident_rate": round(self.wrong as f64 / all),
            "no_answer_with_hits": self.noise,
        })
    }
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn main() -> ExitCode {
    let doc = Document::embedded();
    let ix = Index::new(&doc);
    let text = std::fs::read_to_string(format!("{DIR}/queries.tsv")).expect("queries.tsv");
    let mut total = Tally::default();
    let mut classes: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = String::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [class, query, rel] = cols[..] else {
            panic!("bad line: {line}");
        };
        let relevant = parse_targets(rel);
        let hits = ix.search(query, 20).unwrap_or_default();
        let got: Vec<Option<Target>> = hits.iter().map(target).collect();
        let is_rel = |t: &Option<Target>| t.is_some_and(|t| relevant.contains(&t));
        let c = classes.entry(class.to_string()).or_default();
        for t in [&mut total, c] {
            if relevant.is_empty() {
                t.unanswerable += 1;
                if !hits.is_empty() {
                    t.wrong += 1;
                    t.noise += 1;
                }
                continue;
            }
            t.answerable += 1;
            if hits.is_empty() {
                t.empty += 1;
                continue;
            }
            if got.first().is_some_and(is_rel) {
                t.success += 1.0;
            }
            let top5: Vec<Target> = got.iter().take(5).flatten().copied().collect();
            let found = relevant.iter().filter(|r| top5.contains(r)).count();
            t.recall += found as f64 / relevant.len().min(5) as f64;
            if let Some(p) = got.iter().position(is_rel) {
                t.rr += 1.0 / (p + 1) as f64;
            }
            if found == 0 {
                t.wrong += 1;
            }
        }
        let ok = if relevant.is_empty() {
            hits.is_empty()
        } else {
            got.first().is_some_and(is_rel)
        };
        if !ok {
            let shown: Vec<String> = got
                .iter()
                .take(5)
                .map(|t| match t {
                    Some(Target::Measure(n)) => n.to_string(),
                    Some(Target::Section(n)) => format!("s{n}"),
                    None => "doc".into(),
                })
                .collect();
            let _ = writeln!(
                misses,
                "  miss  {class:12} {query:16} want {rel:18} got [{}]",
                shown.join(",")
            );
        }
    }
    let mut report = json!({ "overall": total.figures() });
    for (k, v) in &classes {
        report[k] = v.figures();
    }
    println!(
        "relevance: {}",
        serde_json::to_string(&report["overall"]).unwrap_or_default()
    );
    for k in classes.keys() {
        println!(
            "  {k:12} {}",
            serde_json::to_string(&report[k]).unwrap_or_default()
        );
    }
    print!("{misses}");
    let path = format!("{DIR}/baseline.json");
    if std::env::var_os("RELEVANCE_BLESS").is_some() {
        let s = serde_json::to_string_pretty(&report).unwrap_or_default();
        std::fs::write(&path, s + "\n").expect("write baseline");
        println!("relevance: baseline written");
        return ExitCode::SUCCESS;
    }
    let base: Value = match std::fs::read_to_string(&path) {
        Ok(s) => serde_json::from_str(&s).expect("baseline.json"),
        Err(_) => {
            println!("relevance: no baseline (RELEVANCE_BLESS=1 writes one)");
            return ExitCode::FAILURE;
        }
    };
    let mut failed = false;
    for (section, figures) in base.as_object().into_iter().flatten() {
        for (k, b) in figures.as_object().into_iter().flatten() {
            let (Some(b), Some(now)) = (b.as_f64(), report[section][k].as_f64()) else {
                continue;
            };
            let higher_is_better = matches!(k.as_str(), "success_at_1" | "recall_at_5" | "mrr");
            let worse = if higher_is_better {
                now < b - 1e-9
            } else {
                now > b + 1e-9
            };
            if worse && k != "queries" {
                println!("relevance: {section}.{k} is worse: {now} (baseline {b})");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        println!("relevance: ok (no figure below the baseline)");
        ExitCode::SUCCESS
    }
}
