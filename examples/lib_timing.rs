//! Times the phases of a library search: `lib_timing DIR QUERY`.
use std::time::Instant;
use zhengce::library::Library;
use zhengce::search::Index;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    parts(&a[1]);
    let t = Instant::now();
    let lib = Library::open(std::path::Path::new(&a[1])).unwrap();
    eprintln!("open {:?}", t.elapsed());
    let t = Instant::now();
    let f = lib.facts();
    eprintln!("facts {:?} ({})", t.elapsed(), f.len());
    let t = Instant::now();
    let docs: Vec<_> = lib.entries().iter().map(|e| lib.load(&e.id).unwrap()).collect();
    eprintln!("load all {:?}", t.elapsed());
    let t = Instant::now();
    let idx: Vec<_> = docs.iter().map(Index::new).collect();
    eprintln!("index all {:?}", t.elapsed());
    let t = Instant::now();
    let n: usize = idx.iter().map(|i| i.search(&a[2], usize::MAX).unwrap().len()).sum();
    eprintln!("search all {:?} {n}", t.elapsed());
    let t = Instant::now();
    let h = lib.search(&a[2], usize::MAX).unwrap();
    eprintln!("lib.search {:?} {}", t.elapsed(), h.len());
}
#[allow(dead_code)]
fn parts(dir: &str) {
    let t = Instant::now();
    let b = std::fs::read(format!("{dir}/index/catalog.bin")).unwrap();
    eprintln!("read catalog {:?}", t.elapsed());
    let t = Instant::now();
    let mut n = 0;
    for e in std::fs::read_dir(format!("{dir}/docs")).unwrap().flatten() {
        n += std::fs::metadata(e.path()).unwrap().len();
    }
    eprintln!("stat all {:?} {n} {}", t.elapsed(), b.len());
    let t = Instant::now();
    let d = zhengce::doc::Document::embedded();
    eprintln!("embedded {:?} {}", t.elapsed(), d.title);
}
