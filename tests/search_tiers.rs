//! The widening tiers of issue 7, one behaviour per test: number-form jumps,
//! traditional characters, homophones, fuzzy pinyin, split compounds, the
//! thesaurus, the related fallback, precision of short Latin terms, `!x`
//! against `!a:X`, mixed scripts, agency aliases and BM25 ranking.

use zhengce::doc::Document;
use zhengce::search::{Hit, HitKind, Index, Tier};

fn ix() -> Index {
    Index::new(&Document::embedded())
}

fn ords(hits: &[Hit]) -> Vec<usize> {
    hits.iter().filter_map(|h| h.ordinal).collect()
}

#[test]
fn number_forms_jump_to_the_measure_first() {
    let ix = ix();
    for q in [
        "12",
        "十二",
        "第十二条",
        "第12项",
        "（十二）",
        "(12)",
        "１２",
        "#12",
    ] {
        let r = ix.search_all(q, 10).unwrap();
        assert_eq!(r.hits[0].ordinal, Some(12), "{q}");
        if !q.starts_with('#') {
            assert!(r.hits[0].jump, "{q}");
        }
    }
    // Text hits follow the jump: 12 is in the 12366 hotline of （三）.
    let hits = ix.search("12", 10).unwrap();
    assert_eq!(ords(&hits), vec![12, 3]);
    assert!(!hits[1].jump);
    // 二十 jumps to （二十）, then finds 二十国集团 in （二十三）.
    assert_eq!(ords(&ix.search("二十", 10).unwrap()), vec![20, 23]);
    // Beyond the last measure, a number is only text.
    let hits = ix.search("12366", 10).unwrap();
    assert!(hits.iter().all(|h| !h.jump));
    // A number among other terms is text.
    assert!(ix.search("12 融资", 10).unwrap().iter().all(|h| !h.jump));
}

#[test]
fn traditional_characters_fold_to_simplified() {
    let ix = ix();
    assert_eq!(ords(&ix.search("專精特新", 10).unwrap())[0], 10);
    let hits = ix.search("人民銀行", 10).unwrap();
    assert!(hits.iter().all(|h| h.tier == Tier::Exact));
    let mut o = ords(&hits);
    o.sort_unstable();
    assert_eq!(o, vec![4, 5, 6, 7]);
    // And a traditional document is found by simplified queries.
    let mut d = Document::embedded();
    d.items[1].children[0].text = d.items[1].children[0].text.replace("融资", "融資");
    let big = Index::new(&d);
    assert!(ords(&big.search("融资", 50).unwrap()).contains(&4));
}

#[test]
fn homophones_and_fuzzy_pinyin_are_approximate() {
    let ix = ix();
    for (q, want, tier) in [
        ("知识产权值押", 4, Tier::Homophone),
        ("工业互连网", 12, Tier::Homophone),
        ("zhuanjintexin", 10, Tier::FuzzyPinyin),
        ("zhishichanqun", 17, Tier::FuzzyPinyin),
    ] {
        let hits = ix.search(q, 10).unwrap();
        assert_eq!(hits[0].ordinal, Some(want), "{q}");
        assert_eq!(hits[0].tier, tier, "{q}");
        assert!(hits[0].approximate, "{q}");
    }
    assert!(!ix.search("专精特新", 10).unwrap()[0].approximate);
}

#[test]
fn compounds_split_into_words_and_say_so() {
    let ix = ix();
    let r = ix.search_all("融资担保", 10).unwrap();
    let mut o = ords(&r.hits);
    o.sort_unstable();
    assert_eq!(o, vec![4, 5]);
    assert!(
        r.hits
            .iter()
            .all(|h| h.tier == Tier::Split && !h.approximate)
    );
    assert_eq!(r.also_searched, vec!["融资 担保".to_string()]);
    assert_eq!(ords(&ix.search("股权融资", 10).unwrap()), vec![6]);
    // Nothing has 召回 and 制度 together: the generic word is left out.
    let r = ix.search_all("召回制度", 10).unwrap();
    assert_eq!(ords(&r.hits), vec![26]);
    assert_eq!(r.also_searched, vec!["召回".to_string()]);
    // Digits are a word of their own; digits the document lacks split nothing.
    assert_eq!(ords(&ix.search("12366热线", 10).unwrap()), vec![3]);
    assert!(ix.search("99999热线", 10).unwrap().is_empty());
    assert!(ix.search("99999", 10).unwrap().is_empty());
}

#[test]
fn thesaurus_expands_and_reports() {
    let ix = ix();
    let r = ix.search_all("减税", 10).unwrap();
    let mut top2 = ords(&r.hits[..2]);
    top2.sort_unstable();
    assert_eq!(top2, vec![2, 3]);
    assert_eq!(r.hits[0].tier, Tier::Synonym);
    assert!(r.also_searched.contains(&"税费减免".to_string()));
    assert_eq!(ords(&ix.search("双碳", 10).unwrap())[0], 24);
    // English concepts through the glossary, not by accident in English names.
    let hits = ix.search("patent", 10).unwrap();
    assert_eq!(hits[0].ordinal, Some(16));
    assert!(hits.iter().all(|h| h.tier == Tier::Synonym));
    assert_eq!(ords(&ix.search("loan", 10).unwrap())[0], 4);
    // Exact hits stay above expansions.
    let hits = ix.search("上市", 10).unwrap();
    assert_eq!((hits[0].ordinal, hits[0].tier), (Some(6), Tier::Exact));
}

#[test]
fn no_answer_means_no_hits_and_related_stays_apart() {
    let ix = ix();
    for q in ["首台套", "电费", "量子计算", "stt"] {
        let r = ix.search_all(q, 10).unwrap();
        assert!(r.hits.is_empty(), "{q}: {:?}", ords(&r.hits));
    }
    // 难 occurs nowhere as a word: no hits, but （四） shares most of the words.
    let r = ix.search_all("小微企业贷款难", 10).unwrap();
    assert!(r.hits.is_empty());
    assert_eq!(r.related[0].ordinal, Some(4));
    assert!(r.related.len() <= 5);
    assert!(
        r.related
            .iter()
            .all(|h| h.tier == Tier::Related && h.approximate)
    );
    assert!(r.related.iter().all(|h| h.kind != HitKind::Document));
    // Related is only ever filled when there are no hits.
    let r = ix.search_all("融资", 10).unwrap();
    assert!(!r.hits.is_empty() && r.related.is_empty());
}

#[test]
fn short_latin_terms_are_precise() {
    let ix = ix();
    // rc: 人才 (rencai), not abbreviation fragments of agency names.
    let hits = ix.search("rc", 10).unwrap();
    assert!(
        hits.iter().all(|h| h.tier == Tier::Pinyin),
        "{:?}",
        ords(&hits)
    );
    assert_eq!(hits[0].ordinal, Some(31));
    // STA is 税务总局's abbreviation, not the "State" of other names.
    assert_eq!(ix.search("sta", 10).unwrap()[0].ordinal, Some(3));
    assert!(
        ix.search("sta", 10)
            .unwrap()
            .iter()
            .all(|h| h.tier != Tier::Exact || h.ordinal == Some(3))
    );
}

#[test]
fn exclusions_by_text_and_by_agency() {
    let ix = ix();
    // 人民银行 among the agencies does not make （六） mention 银行.
    let o = ords(&ix.search("融资 !银行", 20).unwrap());
    assert!(o.contains(&6) && !o.contains(&4), "{o:?}");
    let o = ords(&ix.search("融资 !a:人民银行", 20).unwrap());
    assert_eq!(o, vec![1]);
}

#[test]
fn mixed_scripts_and_agency_aliases() {
    let ix = ix();
    assert_eq!(ords(&ix.search("zjtx企业", 10).unwrap())[0], 10);
    assert_eq!(ords(&ix.search("知识chanquan", 10).unwrap())[0], 17);
    for q in ["NFRA", "nfra", "央行"] {
        let mut o = ords(&ix.search(q, 10).unwrap());
        o.sort_unstable();
        let want: Vec<usize> = if q == "央行" {
            vec![4, 5, 6, 7]
        } else {
            vec![4, 5, 7]
        };
        assert_eq!(o, want, "{q}");
    }
}

#[test]
fn english_queries_of_several_words() {
    let ix = ix();
    // tax is searched, incentives matches nothing and is dropped, said so.
    let r = ix.search_all("tax incentives", 10).unwrap();
    assert_eq!(r.hits[0].ordinal, Some(3));
    assert_eq!(r.ignored, vec!["incentives".to_string()]);
    let r = ix
        .search_all("financing for small enterprises", 10)
        .unwrap();
    assert!(!r.hits.is_empty() && r.ignored.contains(&"for".to_string()));
    // Nothing left to search: nothing found, nothing reported as dropped.
    let r = ix.search_all("quantum computing", 10).unwrap();
    assert!(r.hits.is_empty() && r.ignored.is_empty());
    assert!(ix.search("the", 10).unwrap().is_empty());
    // A filter still filters when its words are dropped.
    let mut o = ords(&ix.search("a:pboc the", 10).unwrap());
    o.sort_unstable();
    assert_eq!(o, vec![4, 5, 6, 7]);
    // A number form with spaces is still a jump, and only that.
    let hits = ix.search("第 12 条", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(hits[0].jump && hits[0].ordinal == Some(12));
}

#[test]
fn ranking_by_how_much_matches() {
    let ix = ix();
    // （十） names 专精特新 five times, （一） once.
    assert_eq!(ords(&ix.search("专精特新", 10).unwrap()), vec![10, 1]);
    // The measures about 数字化 come before those that mention it once.
    let o = ords(&ix.search("数字化", 10).unwrap());
    assert_eq!(
        o[..3].iter().filter(|n| [11, 12, 13].contains(n)).count(),
        3,
        "{o:?}"
    );
}
