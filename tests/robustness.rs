//! Property tests: hostile or random input never panics, and the text
//! utilities keep their width and sanitising promises on any string.

use proptest::prelude::*;
use zhengce::doc::Document;
use zhengce::doc::import::import_str;
use zhengce::text::{is_closing_punct, sanitize, truncate, truncate_start, width, wrap_ranges};

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
        "2021年11月6日",
        "〔2021〕169号",
        "：",
        "本文内容来自网络",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

/// No ESC, 8-bit CSI, bidi override or BOM.
fn no_terminal_controls(s: &str) -> bool {
    !s.contains(['\u{1b}', '\u{9b}', '\u{202e}', '\u{feff}'])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

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
