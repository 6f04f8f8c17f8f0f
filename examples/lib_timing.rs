//! Search as a browser runs it, in one process: the library opened once,
//! then each query typed a character at a time, every prefix searched
//! (at most 200 results, as a result list shows), `RUNS` times; prints the
//! median, 90th percentile and maximum per keystroke. The search index and
//! its pinyin summaries are made first, as the browser's background thread does.
//!
//! `cargo run --release --example lib_timing -- DIR RUNS QUERY...`

use std::time::{Duration, Instant};

use zhengce::library::Library;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let dir = std::path::Path::new(a.first().ok_or("usage: lib_timing DIR RUNS QUERY...")?);
    let runs: usize = a.get(1).ok_or("RUNS")?.parse()?;
    let t = Instant::now();
    let lib = Library::open(dir)?;
    let opened = t.elapsed();
    let _ = lib.engine();
    let mapped = t.elapsed();
    // As the browser does on its background thread.
    lib.engine().prepare_pinyin();
    println!(
        "open: {:.1} ms, then its search index: {:.1} ms, pinyin summaries: {:.1} ms",
        ms(opened),
        ms(mapped - opened),
        ms(t.elapsed() - mapped)
    );
    println!(
        "{:<16} {:>10} {:>10} {:>10} {:>8}",
        "query", "p50 ms", "p90 ms", "max ms", "hits"
    );
    for q in &a[2..] {
        let mut times: Vec<Duration> = Vec::new();
        let mut hits = 0;
        let mut max = Duration::ZERO;
        for _ in 0..runs {
            let mut prefix = String::new();
            for c in q.chars() {
                prefix.push(c);
                let t = Instant::now();
                hits = lib.search(&prefix, 200).map(|h| h.len()).unwrap_or(0);
                times.push(t.elapsed());
                max = max.max(t.elapsed());
            }
        }
        times.sort();
        let p = |x: f64| ms(times[((times.len() as f64 * x) as usize).min(times.len() - 1)]);
        println!(
            "{q:<16} {:>10.1} {:>10.1} {:>10.1} {hits:>8}",
            p(0.5),
            p(0.9),
            ms(max)
        );
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
