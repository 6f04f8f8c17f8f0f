//! Search engine: the acceptance queries on the embedded document, ranking
//! rules on small documents, and properties of every hit and snippet.

use std::ops::Range;

use proptest::prelude::*;
use zhengce::doc::{Document, Item};
use zhengce::search::{Field, Hit, HitKind, Index, QueryError, Tier, document_text, fold, item_at};
use zhengce::text::width;

fn embedded() -> (Document, Index) {
    let d = Document::embedded();
    let ix = Index::new(&d);
    (d, ix)
}

/// The embedded document and its index, built once for all property cases.
fn shared() -> &'static (Document, Index) {
    static SHARED: std::sync::LazyLock<(Document, Index)> = std::sync::LazyLock::new(embedded);
    &SHARED
}

fn ordinals(ix: &Index, q: &str) -> Vec<usize> {
    ix.search(q, 100)
        .unwrap()
        .iter()
        .filter_map(|h| h.ordinal)
        .collect()
}

fn top(ix: &Index, q: &str, n: usize) -> Vec<Option<usize>> {
    let mut v: Vec<Option<usize>> = ix.search(q, n).unwrap().iter().map(|h| h.ordinal).collect();
    v.sort();
    v
}

fn item(n: u32, label: &str, title: &str, text: &str, agencies: &[&str]) -> Item {
    Item {
        number: n,
        label: label.into(),
        title: title.into(),
        text: text.into(),
        agencies: agencies.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

/// One section holding `measures` (label style （N）).
fn small(measures: Vec<Item>) -> Document {
    let mut d = Document::from_json(r#"{"schema": 1, "title": "测试文件"}"#).unwrap();
    let mut sec = item(1, "一、", "总则", "总则", &[]);
    sec.children = measures;
    d.items = vec![sec];
    d
}

fn chars(s: &str, r: Range<usize>) -> String {
    s.chars().skip(r.start).take(r.len()).collect()
}

/// The text a hit's `text_matches` refer to.
fn hit_text(d: &Document, h: &Hit) -> String {
    match h.kind {
        HitKind::Document => document_text(d),
        _ => item_at(d, &h.path).unwrap().text.clone(),
    }
}

fn hit_title(d: &Document, h: &Hit) -> String {
    match h.kind {
        HitKind::Document => d.title.clone(),
        _ => item_at(d, &h.path).unwrap().title.clone(),
    }
}

fn assert_ranges(v: &[Range<usize>], len: usize) {
    for r in v {
        assert!(r.start < r.end && r.end <= len, "{r:?} outside 0..{len}");
    }
    for w in v.windows(2) {
        assert!(w[0].end <= w[1].start, "{v:?} overlap or unsorted");
    }
}

#[test]
fn acceptance_on_the_embedded_document() {
    let (d, ix) = embedded();
    assert_eq!(d.measures().len(), 34, "the real document is embedded");
    assert_eq!(ordinals(&ix, "12366"), vec![3]);
    assert_eq!(ordinals(&ix, "１２３６６"), vec![3]);
    assert_eq!(ordinals(&ix, "知识产权质押"), vec![4]);
    assert_eq!(top(&ix, "zjtx", 2), vec![Some(1), Some(10)]);
    assert_eq!(ordinals(&ix, "kaifayinhang").first(), Some(&4));
    assert_eq!(ordinals(&ix, "a:pboc"), vec![4, 5, 6, 7]);
    assert_eq!(top(&ix, "融资 担保", 2), vec![Some(4), Some(5)]);
    assert!(ix.search("量子计算", 100).unwrap().is_empty());
}

#[test]
fn agency_filter_by_any_name() {
    let (d, ix) = embedded();
    for q in [
        "a:PBOC",
        "a:人民银行",
        "a:中国人民银行",
        "a:renminyinhang",
        "a:rmyh",
    ] {
        assert_eq!(ordinals(&ix, q), vec![4, 5, 6, 7], "{q}");
    }
    let miit: Vec<usize> = d
        .measures()
        .iter()
        .filter(|m| m.item.agencies.iter().any(|a| a == "工业和信息化部"))
        .map(|m| m.ordinal)
        .collect();
    assert_eq!(miit.len(), 22);
    assert_eq!(ordinals(&ix, "a:工信部"), miit);
    assert_eq!(ordinals(&ix, "a:miit"), miit);
    // Two agencies: both must be named.
    assert_eq!(ordinals(&ix, "a:pboc a:证监会"), vec![6]);
    // Filters combine with terms, and highlight the agency in the text;
    // （七） names 征信 four times, （五） once.
    let hits = ix.search("a:pboc 征信", 10).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.ordinal).collect::<Vec<_>>(),
        vec![Some(7), Some(5)]
    );
    let h = &hits[0];
    let text = hit_text(&d, h);
    assert!(
        h.text_matches
            .iter()
            .any(|r| chars(&text, r.clone()) == "人民银行")
    );
    assert!(
        h.text_matches
            .iter()
            .any(|r| chars(&text, r.clone()) == "征信")
    );
    assert_eq!(h.agency_matches, vec![0]);
    assert!(ix.search("a:量子部", 10).unwrap().is_empty());
}

#[test]
fn plain_agency_terms_rank_agency_hits_above_body_hits() {
    let (d, ix) = embedded();
    let hits = ix.search("pboc", 100).unwrap();
    let mut found: Vec<usize> = hits.iter().filter_map(|h| h.ordinal).collect();
    found.sort_unstable();
    assert_eq!(found, vec![4, 5, 6, 7]);
    assert!(
        hits.iter()
            .all(|h| h.field == Field::Agency && h.tier == Tier::Exact)
    );
    // The clause name is highlighted although the query spelt it in English.
    let text = hit_text(&d, &hits[0]);
    assert_eq!(chars(&text, hits[0].text_matches[0].clone()), "人民银行");
}

#[test]
fn measure_numbers() {
    let (_, ix) = embedded();
    assert_eq!(ordinals(&ix, "#12"), vec![12]);
    assert_eq!(ordinals(&ix, "#十二"), vec![12]);
    assert_eq!(ordinals(&ix, "＃１２"), vec![12]);
    assert_eq!(ordinals(&ix, "#三十四"), vec![34]);
    assert!(ordinals(&ix, "#35").is_empty());
    assert!(ordinals(&ix, "#12 量子").is_empty());
    assert_eq!(ordinals(&ix, "#12 工业互联网"), vec![12]);
    assert!(matches!(
        ix.search("#abc", 10),
        Err(QueryError::BadMeasure(_))
    ));
    assert!(
        !ix.search("#abc", 10)
            .unwrap_err()
            .to_string()
            .contains('\n')
    );
}

#[test]
fn exclusions_and_phrases() {
    let (_, ix) = embedded();
    let with = ordinals(&ix, "融资");
    let without = ordinals(&ix, "融资 !担保");
    assert!(with.contains(&4) && with.contains(&5) && with.contains(&6));
    assert!(!without.contains(&4) && !without.contains(&5) && without.contains(&6));
    // Exclusion by pinyin too.
    assert!(!ordinals(&ix, "中小企业 !zjtx").contains(&1));
    // Only exclusions: everything else.
    let rest = ix.search("!中小企业", 100).unwrap();
    assert!(!rest.is_empty() && rest.len() < 34);
    assert!(rest.iter().all(|h| h.kind == HitKind::Measure));
    assert_eq!(ordinals(&ix, "\"知识产权质押\""), vec![4]);
    assert!(ordinals(&ix, "\"知识产权 质押\"").is_empty());
    // A phrase is exact only: no pinyin.
    assert!(ordinals(&ix, "\"zjtx\"").is_empty());
}

#[test]
fn pinyin_polyphones_and_prefixes() {
    let (_, ix) = embedded();
    assert_eq!(ordinals(&ix, "chongzu"), vec![6]); // 重组: 重 is zhong and chong
    assert_eq!(ordinals(&ix, "tiaozheng"), vec![10]); // 调整: 调 is diao and tiao
    assert_eq!(ordinals(&ix, "kaifayinh").first(), Some(&4)); // typing in progress
    let hits = ix.search("zjtx", 5).unwrap();
    assert!(hits.iter().all(|h| h.tier == Tier::Pinyin));
    assert_eq!(hits[0].field, Field::Body);
}

#[test]
fn tiers_never_mix_up() {
    // Exact in a body beats pinyin in a title.
    let d = small(vec![
        item(1, "（一）", "发展银行业", "发展银行业。正文。", &[]),
        item(2, "（二）", "其他", "其他。提到 yinhang 一词。", &[]),
    ]);
    let ix = Index::new(&d);
    let hits = ix.search("yinhang", 10).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.ordinal).collect::<Vec<_>>(),
        vec![Some(2), Some(1)]
    );
    assert_eq!((hits[0].tier, hits[0].field), (Tier::Exact, Field::Body));
    assert_eq!((hits[1].tier, hits[1].field), (Tier::Pinyin, Field::Title));
    assert!(hits[0].tier < hits[1].tier);
}

#[test]
fn fields_rank_title_then_agency_then_body() {
    let d = small(vec![
        item(
            1,
            "（一）",
            "其他事项",
            "其他事项。加强税务服务。",
            &["财政部"],
        ),
        item(
            2,
            "（二）",
            "另一事项",
            "另一事项。正文。（税务总局负责）",
            &["税务总局"],
        ),
        item(3, "（三）", "改进税务", "改进税务。正文。", &[]),
    ]);
    let ix = Index::new(&d);
    let hits = ix.search("税务", 10).unwrap();
    let got: Vec<(Option<usize>, Field)> = hits.iter().map(|h| (h.ordinal, h.field)).collect();
    assert_eq!(
        got,
        vec![
            (Some(3), Field::Title),
            (Some(2), Field::Agency),
            (Some(1), Field::Body)
        ]
    );
    assert_eq!(hits[1].agency_matches, vec![0]);
    assert_eq!(hits[0].title_matches, vec![2..4]);
}

#[test]
fn fuzzy_is_a_last_resort_and_stays_compact() {
    let (d, ix) = embedded();
    // A dropped character: no exact, pinyin, split or homophone hit, so
    // fuzzy finds it, marked approximate.
    let hits = ix.search("发挥知识权", 10).unwrap();
    assert_eq!(hits[0].ordinal, Some(4));
    assert_eq!(hits[0].tier, Tier::Fuzzy);
    assert!(hits[0].approximate);
    let text = hit_text(&d, &hits[0]);
    let matched: String = hits[0]
        .text_matches
        .iter()
        .map(|r| chars(&text, r.clone()))
        .collect();
    assert_eq!(matched, "发挥知识权");
    // Words that occur apart are found together, as a split compound.
    let hits = ix.search("知识权质押", 10).unwrap();
    assert_eq!(hits[0].ordinal, Some(4));
    assert_eq!(hits[0].tier, Tier::Split);
    // Scattered characters are not a match.
    assert!(ix.search("量子计算", 10).unwrap().is_empty());
    assert!(ix.search("中企银担", 10).unwrap().is_empty());
}

#[test]
fn document_and_section_hits() {
    let (d, ix) = embedded();
    let hits = ix.search("169号", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].kind, hits[0].field),
        (HitKind::Document, Field::Meta)
    );
    assert!(hits[0].path.is_empty());
    let meta = document_text(&d);
    assert_eq!(chars(&meta, hits[0].text_matches[0].clone()), "169号");
    let hits = ix.search("加大融资支持力度", 10).unwrap();
    assert_eq!(hits[0].kind, HitKind::Section);
    assert_eq!(hits[0].path, vec![1]);
    assert_eq!(hits[0].ordinal, None);
    // The document's own title ranks below measures matching in their bodies.
    let hits = ix.search("中小企业竞争力", 10).unwrap();
    assert_eq!(hits.last().map(|h| h.kind), Some(HitKind::Document));
}

#[test]
fn blank_queries_and_limits() {
    let (_, ix) = embedded();
    for q in ["", "   ", "\u{3000}", "!", "a:", "#", "\"\""] {
        assert!(ix.search(q, 10).unwrap().is_empty(), "{q:?}");
    }
    assert_eq!(ix.search("中小企业", 3).unwrap().len(), 3);
    assert!(ix.search("中小企业", 0).unwrap().is_empty());
    assert!(ix.search("中小企业", 100).unwrap().len() > 20);
}

#[test]
fn matches_point_at_the_terms() {
    let (d, ix) = embedded();
    for q in [
        "融资 担保",
        "12366",
        "专精特新",
        "zjtx",
        "kaifayinhang",
        "ＰＢＯＣ",
        "中小企业",
    ] {
        for h in ix.search(q, 100).unwrap() {
            let text = hit_text(&d, &h);
            assert_ranges(&h.text_matches, text.chars().count());
            assert_ranges(&h.title_matches, hit_title(&d, &h).chars().count());
            if h.tier == Tier::Exact && h.field != Field::Agency {
                let terms: Vec<String> = q.split(' ').map(fold).collect();
                for r in &h.text_matches {
                    let m = fold(&chars(&text, r.clone()));
                    assert!(terms.contains(&m), "{q}: {m}");
                }
            }
        }
    }
    // Every occurrence is reported, for n/N in the reader.
    let hits = ix.search("专精特新", 10).unwrap();
    let h = hits.iter().find(|h| h.ordinal == Some(10)).unwrap();
    let n = hit_text(&d, h).matches("专精特新").count();
    assert!(n > 1);
    assert_eq!(h.text_matches.len(), n);
}

#[test]
fn snippets_fit_and_highlight_the_match() {
    let (_, ix) = embedded();
    let hits = ix.search("知识产权质押", 1).unwrap();
    for w in [0, 1, 2, 5, 11, 20, 41, 57, 80, 200] {
        let s = ix.snippet(&hits[0], w);
        assert!(width(&s.text) <= w, "{w}: {}", s.text);
        assert_ranges(&s.highlights, s.text.chars().count());
        if w >= 20 {
            assert_eq!(
                chars(&s.text, s.highlights[0].clone()),
                "知识产权质押",
                "{w}"
            );
            assert!(
                s.text.starts_with('…') && s.text.ends_with('…'),
                "{}",
                s.text
            );
        }
    }
    // A title hit's snippet shows the text after the title.
    let h = &ix.search("加强信贷支持", 1).unwrap()[0];
    let s = ix.snippet(h, 30);
    assert!(
        s.text.starts_with("深入实施") && s.text.ends_with('…'),
        "{}",
        s.text
    );
    assert!(s.highlights.is_empty());
    // A section's text is its heading: nothing to add.
    let h = &ix.search("加大融资支持力度", 1).unwrap()[0];
    assert_eq!(ix.snippet(h, 30), zhengce::search::Snippet::default());
    assert!(!s.text.contains('\n'));
}

#[test]
fn index_is_shareable() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Index>();
}

const POOL: &[&str] = &[
    "融资",
    "担保",
    "中小企业",
    "银行",
    "zjtx",
    "yinhang",
    "k",
    "12366",
    "１２",
    "！",
    "!",
    "\"",
    "“",
    "a:",
    "a:pboc",
    "#",
    "#12",
    "#十二",
    "#x",
    " ",
    "\u{3000}",
    "…",
    "①",
    "é",
    "e\u{301}",
    "量子",
    "x",
    "zh",
    "(",
    "）",
    "\n",
    "\u{1b}",
    // The widening tiers (issue 7).
    "!a:",
    "第",
    "条",
    "减税",
    "tax",
    "for",
    "制度",
    "zhishichanqun",
    "值押",
    "專",
    "热线",
    "99",
];

proptest! {
    #[test]
    fn random_queries_never_panic_and_ranges_are_valid(
        parts in proptest::collection::vec(proptest::sample::select(POOL), 0..6),
        junk in "\\PC{0,6}",
        w in 0usize..90,
    ) {
        let (d, ix) = shared();
        let q = format!("{}{junk}", parts.concat());
        if let Ok(r) = ix.search_all(&q, 50) {
            prop_assert!(r.hits.is_empty() || r.related.is_empty());
            for h in r.hits.iter().chain(&r.related) {
                let text = hit_text(d, h);
                assert_ranges(&h.text_matches, text.chars().count());
                assert_ranges(&h.title_matches, hit_title(d, h).chars().count());
                let s = ix.snippet(h, w);
                prop_assert!(width(&s.text) <= w);
                assert_ranges(&s.highlights, s.text.chars().count());
            }
        }
    }
}

#[test]
fn folded_expansions_map_back_to_original_chars() {
    // ① folds to 1, … to "...", ＡＢ to ab, é composed or not: offsets stay
    // in the original text's chars.
    let d = small(vec![
        item(
            1,
            "（一）",
            "第①项",
            "第①项。支持…ＡＢＣ计划，café 与 cafe\u{301} 并列。",
            &[],
        ),
        item(2, "（二）", "", "", &[]),
    ]);
    let ix = Index::new(&d);
    let text = &d.items[0].children[0].text;
    for (q, want) in [
        ("abc", "ＡＢＣ"),
        ("第1项", "第①项"),
        ("...ab", "…ＡＢ"),
        ("café", "café"),
    ] {
        let hits = ix.search(q, 10).unwrap();
        assert_eq!(hits.len(), 1, "{q}");
        let h = &hits[0];
        assert_eq!(chars(text, h.text_matches[0].clone()), want, "{q}");
        assert_ranges(&h.text_matches, text.chars().count());
        let s = ix.snippet(h, 12);
        assert!(width(&s.text) <= 12);
        assert_ranges(&s.highlights, s.text.chars().count());
    }
    // Both spellings of é are found by either.
    assert_eq!(
        ix.search("cafe\u{301}", 10).unwrap()[0].text_matches.len(),
        2
    );
    // Empty items and an empty document never trip anything.
    assert!(ix.search("qq", 10).unwrap().is_empty());
    assert_eq!(ix.search("zz", 10).unwrap()[0].kind, HitKind::Section); // 总则 zong ze
    let empty = Document::from_json(r#"{"schema": 1, "title": ""}"#).unwrap();
    let ix = Index::new(&empty);
    assert!(
        ix.search("中小企业 a:pboc #1 zjtx 量子计算", 10)
            .unwrap()
            .is_empty()
    );
    assert!(ix.search("!x", 10).unwrap().is_empty());
}

const TEXT_POOL: &[&str] = &[
    "融资",
    "担保",
    "银行",
    "重组",
    "。",
    "，",
    "（",
    "）",
    "①",
    "…",
    "ＡＢ",
    "ab",
    "é",
    "e\u{301}",
    "\n",
    " ",
    "12366",
    "１２",
    "专精特新",
    "行",
    "𠀀",
    "x",
];

proptest! {
    #[test]
    fn random_documents_never_panic(
        texts in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(TEXT_POOL), 0..12), 1..5),
        parts in proptest::collection::vec(proptest::sample::select(POOL), 1..4),
        w in 0usize..40,
    ) {
        let measures = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let text = t.concat();
                let title: String = text.chars().take_while(|&c| c != '。').collect();
                item(i as u32 + 1, &format!("（{}）", i + 1), &title, &text, &["人民银行", "未知机构"][..i % 3])
            })
            .collect();
        let d = small(measures);
        let ix = Index::new(&d);
        let q = parts.concat();
        if let Ok(hits) = ix.search(&q, 50) {
            for h in &hits {
                assert_ranges(&h.text_matches, hit_text(&d, h).chars().count());
                assert_ranges(&h.title_matches, hit_title(&d, h).chars().count());
                let s = ix.snippet(h, w);
                prop_assert!(width(&s.text) <= w);
                assert_ranges(&s.highlights, s.text.chars().count());
            }
        }
    }
}
