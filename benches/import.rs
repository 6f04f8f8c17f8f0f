//! Import speed (target: a 1 MB document in ≤ 50 ms): the seed's body
//! repeated to 1 MB as plain one-paragraph-per-line text, as hard-wrapped
//! text, and as HTML; and one item whose clause names 100k agencies (must be
//! linear).
//!
//! `cargo bench --bench import`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use zhengce::doc::Document;
use zhengce::doc::import::import_bytes;

const MB: usize = 1 << 20;

/// The embedded document's paragraphs: its front matter, then its items
/// repeated (sections renumbered) until the text reaches `size` bytes.
fn paragraphs(size: usize) -> Vec<String> {
    let d = Document::embedded();
    let mut p = vec![
        d.number.clone(),
        format!("{}：", d.addressees.join("，")),
        d.letter.clone(),
        d.issuer.clone(),
        "2021年11月6日".into(),
        d.title.clone(),
        d.preamble.clone(),
    ];
    let mut len: usize = p.iter().map(|s| s.len() + 1).sum();
    let mut n = 0u32;
    'fill: loop {
        for s in &d.items {
            n += 1;
            p.push(format!("{}、{}", zhengce_numeral(n), s.text));
            for m in &s.children {
                p.push(format!("{}{}", m.label, m.text));
                len += m.text.len() + 16;
            }
            if len >= size {
                break 'fill;
            }
        }
    }
    p.push(d.closing.clone());
    p
}

/// 1 → 一, 21 → 二十一, 105 → 一百零五 (enough for a bench).
fn zhengce_numeral(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s.push_str(D[h as usize]);
        s.push('百');
        if t == 0 && u > 0 {
            s.push('零');
        }
    }
    if t > 0 {
        if !(h == 0 && t == 1) {
            s.push_str(D[t as usize]);
        }
        s.push('十');
    }
    if u > 0 {
        s.push_str(D[u as usize]);
    }
    s
}

/// Cuts every paragraph into lines of 40 CJK characters.
fn hard_wrap(paras: &[String]) -> String {
    let mut out = String::new();
    for p in paras {
        let chars: Vec<char> = p.chars().collect();
        for line in chars.chunks(40) {
            out.extend(line);
            out.push('\n');
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let paras = paragraphs(MB);
    let plain = paras.join("\n");
    let wrapped = hard_wrap(&paras);
    let html: String = paras.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    let agencies: Vec<String> = (0..100_000).map(|i| format!("部门{i}部")).collect();
    let many = format!(
        "测试文件\n一、部分\n（一）措施。内容。（{}负责）\n",
        agencies.join("、")
    );
    let mut g = c.benchmark_group("import");
    g.sample_size(20).measurement_time(Duration::from_secs(5));
    for (name, text) in [
        ("plain_1mb", &plain),
        ("wrapped_1mb", &wrapped),
        ("html_1mb", &html),
        ("agencies_100k", &many),
    ] {
        eprintln!("{name}: {} bytes", text.len());
        g.bench_function(name, |b| {
            b.iter(|| import_bytes(black_box(text.as_bytes())).map(|d| d.items.len()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
