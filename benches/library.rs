//! The library at scale: open (index check) and search across a generated
//! library of 200 varied documents (about 3.4 MB of text).

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use zhengce::library::Library;

#[path = "../examples/gen_library.rs"]
#[allow(dead_code)]
mod gen_library;

fn library() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhengce-bench-library-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    gen_library::generate(&dir.join("src"), 200, 7).expect("generates");
    let files: Vec<PathBuf> = std::fs::read_dir(dir.join("src/docs"))
        .expect("docs")
        .flatten()
        .map(|e| e.path())
        .collect();
    let mut lib = Library::open(&dir.join("lib")).expect("opens");
    assert!(lib.add(&files).iter().all(Result::is_ok));
    dir.join("lib")
}

fn bench(c: &mut Criterion) {
    let dir = library();
    c.bench_function("library open (200 documents, index up to date)", |b| {
        b.iter(|| Library::open(&dir).expect("opens").entries().len())
    });
    c.bench_function(
        "library open and map its search index (200 documents)",
        |b| b.iter(|| Library::open(&dir).expect("opens").engine().len()),
    );
    let lib = Library::open(&dir).expect("opens");
    let _ = lib.engine();
    for q in [
        "量子计算",
        "知识产权质押",
        "zjtx",
        "融资 担保",
        "d:川府发 融资",
        "a:pboc",
    ] {
        c.bench_function(
            &format!("library search {q} (200 documents, first 200)"),
            |b| b.iter(|| lib.search(q, 200).map(|h| h.len()).unwrap_or(0)),
        );
    }
    let _ = std::fs::remove_dir_all(dir.parent().unwrap_or(&dir));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
