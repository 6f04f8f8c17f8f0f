//! Property tests: hostile or random input never panics, and the text
//! utilities keep their width and sanitising promises on any string.

use std::sync::OnceLock;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use zhengce::doc::Document;
use zhengce::doc::import::import_str;
use zhengce::search::{Index, parse_query};
use zhengce::text::char_width;
use zhengce::text::{is_closing_punct, sanitize, truncate, truncate_start, width, wrap_ranges};
use zhengce::tui::terminal::input::Parser;

/// Strings mixing CJK, punctuation, Latin, controls and escape fragments.
fn messy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "中",
        "小",
        "企业",
        "。",
        "，",
        "、",
        "）",
        "（",
        "“",
        "”",
        "负责",
        "（一）",
        "一、",
        "十二、",
        "1．",
        "（1）",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "\u{a0}",
        "\u{3000}",
        "\t",
        "a",
        "Latin",
        "12366",
        "\u{1b}[31m",
        "\u{1b}]0;x\u{7}",
        "\u{9b}",
        "\u{202e}",
        "\u{0}",
        "\u{feff}",
        "😀",
        "e\u{301}",
        "按职责分工负责）",
        "🇨🇳🇺🇸",
        "👍🏽",
        "हिन्दी",
        "ｶﾞ",
        "\u{1b}[200~",
        "\u{85}",
        "\u{2066}",
        "2021年11月6日",
        "〔2021〕169号",
        "：",
        "本文内容来自网络",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

/// Query syntax, full-width forms, emoji sequences and controls.
fn query() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "融资",
        "担保",
        " ",
        "\u{3000}",
        "\"",
        "“",
        "”",
        "!",
        "！",
        "a:",
        "ａ：",
        "#",
        "＃",
        "12",
        "十二",
        "（十二）",
        "PBOC",
        "人民银行",
        "rongzi",
        "zxqy",
        "*",
        "(",
        ")",
        "\\",
        "\u{1b}[31m",
        "\u{9b}",
        "\u{202e}",
        "\u{0}",
        "👍🏽",
        "🇨🇳",
        "e\u{301}",
        "क्ष",
        "\n",
        "\t",
        "~",
        "-",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

/// The embedded document's search index, built once for all cases.
fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    static DOC: OnceLock<Document> = OnceLock::new();
    INDEX.get_or_init(|| Index::new(DOC.get_or_init(Document::embedded)))
}

/// Every grapheme holds at most one character with a width of its own, so
/// ratatui and the terminal agree on where each one goes.
fn clusters_are_simple(s: &str) -> bool {
    s.graphemes(true)
        .all(|g| g.chars().filter(|&c| char_width(c) > 0).count() <= 1)
}

/// A JSON document whose strings are hostile.
fn hostile_json() -> impl Strategy<Value = String> {
    let s = || messy().prop_map(|s| serde_json::to_string(&s).unwrap());
    (s(), s(), s(), s(), s(), prop::collection::vec((s(), s(), s()), 0..6)).prop_map(
        |(title, number, issuer, preamble, agency, items)| {
            let items: Vec<String> = items
                .into_iter()
                .enumerate()
                .map(|(i, (label, title, text))| {
                    format!(
                        r#"{{"number":{i},"label":{label},"title":{title},"text":{text},"agencies":[{agency}],"children":[]}}"#
                    )
                })
                .collect();
            format!(
                r#"{{"schema":1,"title":{title},"number":{number},"issuer":{issuer},"preamble":{preamble},"items":[{}]}}"#,
                items.join(",")
            )
        },
    )
}

/// No ESC, 8-bit CSI, bidi override or BOM.
fn no_terminal_controls(s: &str) -> bool {
    !s.contains(['\u{1b}', '\u{9b}', '\u{202e}', '\u{feff}'])
}

/// Cases per property: `default` in CI (bounded time), more for a longer
/// campaign with `ZHENGCE_FUZZ_CASES=N cargo test --test ...`.
fn cases(default: u32) -> u32 {
    std::env::var("ZHENGCE_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(400)))]

    #[test]
    fn import_never_panics(s in messy()) {
        if let Ok(d) = import_str(&s) {
            // Whatever came in, nothing control-like comes out.
            let j = d.to_json(true);
            prop_assert!(no_terminal_controls(&j));
            let _ = d.measures();
            let _ = d.agency_load();
        }
    }

    #[test]
    fn import_never_panics_on_arbitrary_text(s in any::<String>()) {
        let _ = import_str(&s);
        let _ = zhengce::doc::import::import_bytes(s.as_bytes());
    }

    #[test]
    fn json_loading_never_panics(s in any::<String>()) {
        let _ = Document::from_json(&s);
    }

    #[test]
    fn sanitize_leaves_no_controls(s in messy()) {
        let c = sanitize(&s);
        prop_assert!(c.chars().all(|ch| ch == '\n' || !ch.is_control()));
        prop_assert!(no_terminal_controls(&c));
    }

    #[test]
    fn sanitized_text_has_only_simple_clusters(s in messy()) {
        let c = sanitize(&s);
        prop_assert!(clusters_are_simple(&c), "{:?}", c);
        // Drawn after a label, it still forms no new cluster.
        for line in c.split('\n') {
            prop_assert!(clusters_are_simple(&format!("（一）{line}")), "{:?}", c);
        }
        prop_assert_eq!(sanitize(&c), c.clone(), "sanitize is idempotent");
    }

    #[test]
    fn query_parser_and_search_never_panic(q in query()) {
        let _ = parse_query(&q);
        if let Ok(hits) = index().search(&q, 20) {
            for h in &hits {
                let snip = index().snippet(h, 40);
                prop_assert!(no_terminal_controls(&snip.text));
            }
        }
    }

    #[test]
    fn query_parser_never_panics_on_arbitrary_text(q in any::<String>()) {
        let _ = parse_query(&q);
        let _ = index().search(&q, 5);
    }

    #[test]
    fn hostile_json_documents_load_clean(j in hostile_json()) {
        let d = Document::from_json(&j).expect("well-formed schema 1");
        let out = d.to_json(true);
        prop_assert!(no_terminal_controls(&out));
        prop_assert!(clusters_are_simple(&d.title));
        for it in &d.items {
            prop_assert!(clusters_are_simple(&it.text) && clusters_are_simple(&it.title));
        }
        let _ = d.measures();
        let _ = d.agency_load();
    }

    #[test]
    fn terminal_input_never_panics_and_ctrl_c_always_gets_through(
        bytes in prop::collection::vec(
            prop_oneof![
                3 => any::<u8>(),
                1 => Just(0x1bu8),
                1 => Just(b'['),
                1 => Just(b'?'),
                1 => Just(b'<'),
                1 => Just(b';'),
            ],
            0..120,
        )
    ) {
        let mut p = Parser::new();
        p.feed(&bytes);
        while p.next_event().is_some() {}
        p.timeout();
        while p.next_event().is_some() {}
        prop_assert!(!p.is_waiting());
        p.feed(b"\x03");
        prop_assert_eq!(
            p.next_event(),
            Some(Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)))
        );
    }

    #[test]
    fn wrap_lines_fit_and_cover_the_text(s in messy(), w in 1usize..60) {
        let para: String = sanitize(&s).replace('\n', "");
        let ranges = wrap_ranges(&para, w);
        let mut last_end = 0;
        for r in &ranges {
            prop_assert!(r.start >= last_end && r.end <= para.len());
            let line = &para[r.clone()];
            // A single glyph wider than the pane is the only allowed overflow.
            prop_assert!(width(line) <= w || line.chars().count() == 1, "{:?} at {}", line, w);
            last_end = r.end;
        }
        // Only whitespace is lost between lines.
        let kept: String = ranges.iter().map(|r| &para[r.clone()]).collect::<String>();
        let strip = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(strip(&kept), strip(&para));
    }

    #[test]
    fn truncation_respects_width(s in messy(), w in 0usize..40) {
        let s = sanitize(&s);
        prop_assert!(width(&truncate(&s, w)) <= w);
        prop_assert!(width(&truncate_start(&s, w)) <= w);
    }
}

#[test]
fn no_wrapped_line_of_the_seed_starts_with_closing_punctuation() {
    let d = Document::embedded();
    for m in d.measures() {
        for para in m.item.text.split('\n') {
            // Below 6 cells "业”，" (5 cells, unbreakable by the rule) cannot fit a line.
            for w in 6..=160 {
                for (i, r) in wrap_ranges(para, w).iter().enumerate() {
                    let line = &para[r.clone()];
                    assert!(width(line) <= w, "{} at {w}: {line}", m.item.label);
                    if i > 0 {
                        let c = line.chars().next().unwrap();
                        assert!(!is_closing_punct(c), "{} at {w}: {line}", m.item.label);
                    }
                }
            }
        }
    }
}
