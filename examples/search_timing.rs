//! Where the time of one `zhengce --data FILE search Q` goes: load, index,
//! query, output. `cargo run --release --example search_timing -- big.json Q`

use std::time::Instant;

use zhengce::doc::Document;
use zhengce::search::Index;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(q)) = (args.first(), args.get(1)) else {
        eprintln!("usage: search_timing FILE.json QUERY");
        std::process::exit(2);
    };
    let t = Instant::now();
    let bytes = std::fs::read_to_string(path).unwrap_or_default();
    let t_read = t.elapsed();
    let doc = match Document::from_json(&bytes) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let t_load = t.elapsed();
    let index = Index::new(&doc);
    let t_index = t.elapsed();
    let hits = index.search(q, usize::MAX).unwrap_or_default();
    let t_search = t.elapsed();
    let snippets: usize = hits.iter().map(|h| index.snippet(h, 60).text.len()).sum();
    let t_snip = t.elapsed();
    println!(
        "read {t_read:?}  parse+sanitise {:?}  index {:?}  search {:?} ({} hits)  snippets {:?} ({snippets} bytes)",
        t_load - t_read,
        t_index - t_load,
        t_search - t_index,
        hits.len(),
        t_snip - t_search
    );
}
