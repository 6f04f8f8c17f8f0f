//! Times a library search in one process, phase by phase:
//! `lib_timing DIR QUERY [RUNS]` (CPU-bound figures; see scripts/bench-library.sh
//! for whole-process timings).
use std::time::Instant;
use zhengce::library::Library;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (dir, q) = (std::path::Path::new(&a[1]), &a[2]);
    let runs: usize = a.get(3).and_then(|s| s.parse().ok()).unwrap_or(5);
    phases(&Library::open(dir).unwrap(), q);
    for _ in 0..runs {
        let t = Instant::now();
        let lib = Library::open(dir).unwrap();
        let t_open = t.elapsed();
        let t = Instant::now();
        let _ = lib.facts();
        let t_facts = t.elapsed();
        let t = Instant::now();
        let hits = lib.search(q, usize::MAX).unwrap();
        let t_search = t.elapsed();
        let t = Instant::now();
        let lines = lib
            .search_with(q, usize::MAX, |_, d, i, h| {
                zhengce::cli::search::hit_line(d, i, h)
            })
            .unwrap();
        let t_lines = t.elapsed();
        eprintln!(
            "open {t_open:?}  facts {t_facts:?}  search {t_search:?} ({} hits)  search+lines {t_lines:?} ({})",
            hits.len(),
            lines.len()
        );
    }
}

#[allow(dead_code)]
pub fn phases(lib: &Library, q: &str) {
    use zhengce::library::record::DocRec;
    let facts = lib.facts();
    let mut recs = Vec::new();
    let t = Instant::now();
    for e in lib.entries() {
        let f = &facts[&e.id];
        recs.push(postcard::from_bytes::<DocRec>(&f.rec).unwrap());
    }
    eprintln!("decode {:?}", t.elapsed());
    let t = Instant::now();
    let docs: Vec<_> = recs
        .into_iter()
        .map(|r| r.into_document(&|_, _| true))
        .collect();
    eprintln!("into_document {:?}", t.elapsed());
    let t = Instant::now();
    let idx: Vec<_> = docs.iter().map(zhengce::search::Index::new).collect();
    eprintln!("index {:?}", t.elapsed());
    let t = Instant::now();
    let n: usize = idx
        .iter()
        .map(|i| i.search(q, usize::MAX).unwrap().len())
        .sum();
    eprintln!("engine search {:?} {n}", t.elapsed());
    let t = Instant::now();
    for e in lib.entries() {
        let f = &facts[&e.id];
        for i in 0..f.item_count() {
            std::hint::black_box(memchr::memmem::find(f.item_text(i), q.as_bytes()));
        }
    }
    eprintln!("item memmem {:?}", t.elapsed());
}
