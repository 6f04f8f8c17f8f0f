//! The initials never change a result: every term of letters gives the same
//! ranking summary in every record with them as without them (the full
//! scan), on the embedded document, the import fixtures and the shared
//! corpus; and typing gives the same results as on an index whose initials
//! rule nothing out.

use std::path::Path;

use super::*;
use crate::doc::Document;
use crate::search::pinyin::readings;
use crate::search::{Results, query, replicate};

/// A deterministic stream of small numbers (an LCG).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize % n.max(1)
    }
}

/// Typed a letter at a time in the browser.
const TYPED: &[&str] = &[
    "zscq",
    "zjtx",
    "zhishichanquan",
    "rongzidanbao",
    "kfyh",
    "dkgj",
    "tax",
    "loan",
    "zjtxqy",
    "kaifayinhang",
    "chongzu",
    "sme",
    "app",
    "rmyh",
    "pboc",
];

/// Every prefix of [`TYPED`], every letter, `random` strings of letters
/// (initials weighted as in text), and `spelt` spellings of runs of the
/// records' characters (syllables, initials, zh, a cut last syllable; a
/// third with one letter changed): queries that match, and near misses.
fn queries(ix: &Index, rng: &mut Rng, random: usize, spelt: usize) -> Vec<String> {
    let mut qs: Vec<String> = TYPED
        .iter()
        .flat_map(|w| (1..=w.len()).map(|k| w[..k].to_string()))
        .chain((b'a'..=b'z').map(|l| char::from(l).to_string()))
        .collect();
    const LETTERS: &[u8] = b"zjxsycdgqhlbmfrtwnkpaeiouvhhzzsy";
    let letter = |rng: &mut Rng| char::from(LETTERS[rng.below(LETTERS.len())]);
    for _ in 0..random {
        let n = 1 + rng.below(7);
        qs.push((0..n).map(|_| letter(rng)).collect());
    }
    let mut made = 0;
    for _ in 0..spelt * 20 {
        if made == spelt {
            break;
        }
        let v = ix.view(rng.below(ix.len()));
        let text = if rng.below(4) == 0 { v.title } else { v.body };
        if text.is_empty() {
            continue;
        }
        let start = rng.below(text.len());
        let k = 1 + rng.below(5);
        let mut q = Vec::new();
        for (j, &c) in text[start..].iter().take(k).enumerate() {
            if j > 0 && is_closing_mark(c) {
                continue;
            }
            let rs: Vec<&[u8]> = readings(c).collect();
            let Some(&r) = rs.get(rng.below(rs.len())) else {
                break;
            };
            let piece = match rng.below(4) {
                0 => &r[..1],
                1 if r.len() > 1 && r[1] == b'h' => &r[..2],
                2 => &r[..1 + rng.below(r.len())],
                _ => r,
            };
            q.extend_from_slice(piece);
        }
        if q.is_empty() {
            continue;
        }
        if rng.below(3) == 0 {
            let i = rng.below(q.len());
            q[i] = letter(rng) as u8;
        }
        qs.push(String::from_utf8(q).unwrap_or_default());
        made += 1;
    }
    qs
}

/// Asserts that every term of `qs` ranks the same in every record of `ix`
/// with its initials as with the full scan; returns how many (term,
/// record) pairs matched and how many the initials let skip.
fn same_in_every_record(ix: &Index, qs: &[String], what: &str) -> (usize, usize) {
    let (mut matched, mut skipped) = (0, 0);
    for q in qs {
        let Ok(parsed) = query::parse(q) else {
            continue;
        };
        for t in &parsed.terms {
            let ct = Compiled::new(t, &ix.agencies);
            let sp = ct.spelling();
            for rec in 0..ix.len() {
                let full = ct.rank_eval(&ix.view(rec), None, false);
                let fast = ix.rank_term(&ct, rec, &ix.view(rec), false);
                assert_eq!(
                    format!("{fast:?}"),
                    format!("{full:?}"),
                    "{what}: {q:?} in record {rec}"
                );
                // With ranges: `eval`'s hit, found through the initials too;
                // the same as without but for the ranges.
                let ranged = ix.rank_term(&ct, rec, &ix.view(rec), true);
                let eval = ct.eval(&ix.view(rec));
                assert_eq!(
                    format!("{ranged:?}"),
                    format!("{eval:?}"),
                    "{what}: {q:?} in record {rec}"
                );
                let stripped = eval.map(|mut h| {
                    h.ranges = None;
                    h
                });
                assert_eq!(
                    format!("{stripped:?}"),
                    format!("{full:?}"),
                    "{what}: {q:?} in record {rec}"
                );
                matched += usize::from(full.is_some());
                let s = ix.initials().record(rec);
                skipped += usize::from(
                    s.zip(sp)
                        .is_some_and(|(s, sp)| !sp.may_spell(s) && !sp.may_contain(s)),
                );
            }
        }
    }
    (matched, skipped)
}

#[test]
fn every_record_ranks_the_same_with_initials() {
    let mut rng = Rng(9);
    let ix = Index::new(&Document::embedded());
    let qs = queries(&ix, &mut rng, 300, 300);
    let (matched, skipped) = same_in_every_record(&ix, &qs, "embedded");
    // Both sides of the comparison are exercised.
    assert!(matched > 5_000 && skipped > 5_000, "{matched} {skipped}");
}

/// Each document of `dir` once (the corpus has some in several formats:
/// the first by name, so .html before .md before .txt), with its name.
fn documents(dir: &str) -> Vec<(String, Document)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| Some(e.ok()?.path()))
        .collect();
    files.sort();
    let mut seen = std::collections::HashSet::new();
    files
        .into_iter()
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            // The corpus's JSON files are answer keys, not documents.
            !name.ends_with(".json")
                && name != "README.md"
                && seen.insert(name.split('.').next().unwrap_or("").to_string())
        })
        .filter_map(|p| Some((p.display().to_string(), Document::load(&p).ok()?)))
        .collect()
}

fn same_in_every_document(docs: &[(String, Document)], seed: u64) {
    let mut rng = Rng(seed);
    for (name, doc) in docs {
        let ix = Index::new(doc);
        let qs = queries(&ix, &mut rng, 30, 50);
        same_in_every_record(&ix, &qs, name);
    }
}

#[test]
fn import_fixtures_rank_the_same_with_initials() {
    let docs = documents("tests/fixtures/import");
    assert!(docs.len() >= 10, "{}", docs.len());
    same_in_every_document(&docs, 7);
}

#[test]
fn shared_corpus_ranks_the_same_with_initials() {
    // CI has ../shared; without it there is nothing to compare.
    let docs = documents("../shared/corpus");
    same_in_every_document(&docs, 8);
}

/// Every non-overlapping match by walking from every char: what
/// [`Matcher::for_each`](crate::search::pinyin::Matcher::for_each) must find
/// with its per-query table.
fn walked(m: &crate::search::pinyin::Matcher, text: &[char]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        match m.match_at(text, i) {
            Some(e) => {
                out.push(i..e);
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

#[test]
fn the_matcher_table_finds_what_walking_finds() {
    let mut rng = Rng(5);
    let ix = Index::new(&Document::embedded());
    let mut found = 0;
    // Every two letters too: the table ends those matches without a walk.
    let pairs = (b'a'..=b'z')
        .flat_map(|a| (b'a'..=b'z').map(move |b| format!("{}{}", a as char, b as char)));
    for q in queries(&ix, &mut rng, 300, 300).into_iter().chain(pairs) {
        let Some(m) = crate::search::pinyin::Matcher::new(&q) else {
            continue;
        };
        // Without the table (one document never reaches it), then with it.
        let table = crate::search::pinyin::Matcher::new(&q).unwrap_or_else(|| unreachable!());
        table.prepare();
        for rec in 0..ix.len() {
            let v = ix.view(rec);
            for text in [v.title, v.body] {
                let got = m.find_all(text);
                assert_eq!(got, walked(&m, text), "{q:?} in record {rec}");
                assert_eq!(table.find_all(text), got, "{q:?} in record {rec}");
                found += got.len();
            }
        }
    }
    assert!(found > 10_000, "{found}");
}

#[test]
fn fuzzy_pinyin_table_and_filter_find_what_walking_finds() {
    let mut rng = Rng(11);
    let ix = Index::new(&Document::embedded());
    let mut qs = queries(&ix, &mut rng, 100, 400);
    // The last four: a syllable typed off in the middle, with another
    // initial; only its neighbours, one character apart, are left to check.
    qs.extend(
        [
            "zhuanjintexin",
            "shuzhihua",
            "zhishichanqun",
            "lengyuan",
            "rongzidanbao",
            "loa",
            "zhixichanquan",
            "zhuanjingdexin",
            "kaifaxinhang",
            "rongxidanbao",
        ]
        .map(String::from),
    );
    let (mut found, mut skipped) = (0, 0);
    for q in &qs {
        for (m, table) in FuzzyPinyin::all(q).into_iter().zip(FuzzyPinyin::all(q)) {
            let shape = FuzzyShape::new(&m);
            table.prepare();
            for rec in 0..ix.len() {
                let v = ix.view(rec);
                let may = ix.may_fuzzy_pinyin(&shape, rec);
                skipped += usize::from(!may);
                for text in [v.title, v.body] {
                    // Without the table (one document never reaches it), then with it.
                    let got = m.find_all(text);
                    assert_eq!(table.find_all(text), got, "{q:?} in record {rec}");
                    assert!(may || got.is_empty(), "{q:?} in record {rec}: {got:?}");
                    found += got.len();
                }
            }
        }
    }
    assert!(found > 200 && skipped > 2_000, "{found} {skipped}");
}

/// Everything a result shows.
fn shown(r: &Results) -> Vec<String> {
    let mut v: Vec<String> = r
        .hits
        .iter()
        .chain(&r.related)
        .map(|h| format!("{h:?}"))
        .collect();
    v.push(format!("{:?} {:?}", r.also_searched, r.ignored));
    v
}

#[test]
fn typing_finds_what_the_full_scan_finds() {
    let doc = replicate(&Document::embedded(), 20);
    let fast = Index::new(&doc);
    let full = Index::new(&doc);
    // Every bit set: every record may match and no count is known, so
    // every term is scanned in every record, as without initials.
    assert!(full.set_initials(Store::owned(vec![u64::MAX; full.len() * WORDS])));
    let mut rng = Rng(3);
    let mut words: Vec<String> = TYPED.iter().map(|w| w.to_string()).collect();
    words.extend(queries(&fast, &mut rng, 30, 30).into_iter().skip(300));
    words.extend(
        [
            "知识产权质押",
            "融资担保",
            "zs 融资",
            "融资 !zs",
            "a:pboc z",
        ]
        .map(String::from),
    );
    for w in &words {
        let chars: Vec<char> = w.chars().collect();
        for n in 1..=chars.len() {
            let q: String = chars[..n].iter().collect();
            let a = fast.search_all(&q, usize::MAX).map(|r| shown(&r));
            let b = full.search_all(&q, usize::MAX).map(|r| shown(&r));
            assert_eq!(a, b, "{q}");
        }
    }
    // The fast index did skip records.
    let sp = Spelling::new("zscq").unwrap_or_else(|| unreachable!());
    let can = (0..fast.len())
        .filter(|&r| fast.initials().record(r).is_some_and(|s| sp.may_spell(s)))
        .count();
    assert!(can < fast.len() / 2, "{can} of {}", fast.len());
}
