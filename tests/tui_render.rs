//! Rendering: insta snapshots of the TestBackend screen, and invariants
//! checked on every node at every width.

mod par_support;
mod tui_support;

use std::sync::atomic::{AtomicUsize, Ordering};

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tui_support::*;
use zhengce::text::is_closing_punct;
use zhengce::tui::Lang;
use zhengce::tui::app::{App, Focus, Mode};
use zhengce::tui::layout;

/// Puts the app into the state a snapshot shows.
type Setup = fn(&mut App);

/// The screens snapshotted at every size.
fn views() -> Vec<(&'static str, Setup)> {
    vec![
        ("root", |_| {}),
        ("section", |a| {
            // 四、提升数字化发展水平
            let id = a.measure_node(12).unwrap();
            let s = a.outline()[id].parent.unwrap();
            a.goto(s);
        }),
        ("measure", |a| {
            typ(a, ":12");
            press(a, KeyCode::Enter);
        }),
        ("agencies", |a| press(a, KeyCode::Char('a'))),
        ("help", |a| press(a, KeyCode::Char('?'))),
        ("search", |a| {
            press(a, KeyCode::Char('/'));
            typ(a, "融资");
        }),
    ]
}

#[test]
fn snapshots() {
    for (w, h) in [(120, 40), (80, 24), (41, 20), (20, 6), (12, 4)] {
        if layout::areas(w, h, Focus::Tree).too_small {
            // One screen whatever is open: snapshot it once, check the rest
            // draw the same.
            let screens: Vec<String> = views()
                .into_iter()
                .map(|(_, setup)| {
                    let mut a = embedded(Lang::Zh, w, h);
                    setup(&mut a);
                    format!("{:?}", render(&a).backend())
                })
                .collect();
            assert!(screens.windows(2).all(|p| p[0] == p[1]));
            let t = render(&embedded(Lang::Zh, w, h));
            insta::assert_snapshot!(format!("too_small_{w}x{h}"), t.backend());
            continue;
        }
        for (name, setup) in views() {
            let mut a = embedded(Lang::Zh, w, h);
            setup(&mut a);
            // Narrow: show the reader for the nodes (the tree gets its own shot).
            if w < layout::WIDE && matches!(name, "root" | "section" | "measure") {
                a.set_focus(Focus::Reader);
            }
            let t = render(&a);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
        }
        if w < layout::WIDE {
            let a = embedded(Lang::Zh, w, h);
            insta::assert_snapshot!(format!("tree_{w}x{h}"), render(&a).backend());
        }
    }
}

#[test]
fn snapshot_english_measure_with_full_names() {
    let mut a = embedded(Lang::En, 80, 24);
    typ(&mut a, ":4");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('e'));
    a.set_focus(Focus::Reader);
    insta::assert_snapshot!("measure_en_names_80x24", render(&a).backend());
}

/// Cells hidden under a wide glyph must be blank (else a glyph overwrote
/// something); pane borders must sit in their column on every row; no
/// reader line may start with closing punctuation.
fn check(buf: &Buffer, a: &App, ctx: &str) {
    let area = buf.area;
    for y in 0..area.height {
        let mut skip = 0;
        for x in 0..area.width {
            let c = &buf[(x, y)];
            if skip > 0 {
                assert_eq!(c.symbol(), " ", "{ctx}: hidden cell ({x},{y}) not blank");
                skip -= 1;
                continue;
            }
            let w = zhengce::text::width(c.symbol());
            assert!(
                x as usize + w <= area.width as usize,
                "{ctx}: glyph at ({x},{y}) runs past the edge"
            );
            skip = w.saturating_sub(1);
        }
    }
    let areas = layout::areas(area.width, area.height, a.focus());
    if areas.too_small {
        return;
    }
    for pane in [areas.tree, areas.reader].into_iter().flatten() {
        for y in pane.y + 1..pane.bottom() - 1 {
            assert_eq!(buf[(pane.x, y)].symbol(), "│", "{ctx}: left border row {y}");
            assert_eq!(
                buf[(pane.right() - 1, y)].symbol(),
                "│",
                "{ctx}: right border row {y}"
            );
        }
    }
    if let Some(r) = areas.reader {
        let ta = layout::text_area(r);
        for y in ta.y..ta.bottom() {
            let first = (ta.x..ta.right())
                .map(|x| buf[(x, y)].symbol())
                .find(|s| *s != " ")
                .and_then(|s| s.chars().next());
            if let Some(c) = first {
                assert!(!is_closing_punct(c), "{ctx}: row {y} starts with {c}");
            }
        }
    }
}

#[test]
fn every_node_at_every_width_keeps_glyphs_borders_and_punctuation_right() {
    let h = 30;
    let nodes = embedded(Lang::Zh, 160, h).outline().len();
    let frames = AtomicUsize::new(0);
    // Every width where CJK wrapping and the narrow layout change most
    // (10-40), the switch to two panes (79, 80, 81), then a step of 7 (odd
    // and even widths alike) up to 160.
    let widths: Vec<u16> = (10..=40)
        .chain([79, 80, 81])
        .chain((41..=160).step_by(7))
        .chain([160])
        .collect();
    // The widths shared out between the cores, an app each.
    par_support::each(&widths, |&w| {
        let mut a = embedded(Lang::Zh, 160, h);
        // Full names on: the longest reader content.
        press(&mut a, KeyCode::Char('e'));
        resize(&mut a, w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        for id in 0..nodes {
            a.goto(id);
            let focuses: &[Focus] = if w < layout::WIDE {
                &[Focus::Tree, Focus::Reader]
            } else {
                &[Focus::Tree]
            };
            for &f in focuses {
                a.set_focus(f);
                let areas = layout::areas(w, h, f);
                let total = areas.reader.map_or(0, |r| {
                    a.reader(layout::text_area(r).width as usize).lines.len()
                });
                let page = areas
                    .reader
                    .map_or(1, |r| layout::text_area(r).height as usize)
                    .max(1);
                let mut scroll = 0;
                loop {
                    a.scroll_to(scroll);
                    check(
                        draw(&mut t, &a),
                        &a,
                        &format!("node {id} width {w} focus {f:?} scroll {scroll}"),
                    );
                    frames.fetch_add(1, Ordering::Relaxed);
                    scroll += page;
                    if scroll >= total {
                        break;
                    }
                }
            }
        }
    });
    assert!(frames.into_inner() > widths.len() * nodes);
}

#[test]
fn no_panic_at_any_small_size() {
    // Every view at every size, reached by its keys at that size from an app
    // started at that size. One app per size goes through all of them (an
    // app costs a millisecond, 341 sizes): the overlays are opened from the
    // root and closed again with Esc, the search comes last.
    let order = ["root", "agencies", "help", "section", "measure", "search"];
    let mut views = views();
    views.sort_by_key(|(name, _)| order.iter().position(|o| o == name));
    assert_eq!(views.iter().map(|v| v.0).collect::<Vec<_>>(), order);
    for w in 0..=30 {
        for h in 0..=10 {
            let mut a = embedded(Lang::Zh, w, h);
            for (name, setup) in &views {
                setup(&mut a);
                let t = render(&a);
                check(t.backend().buffer(), &a, &format!("{name} {w}x{h}"));
                if matches!(*name, "agencies" | "help") {
                    press(&mut a, KeyCode::Esc);
                    assert_eq!(a.mode(), Mode::Normal, "{name} {w}x{h}: Esc closes it");
                }
            }
        }
    }
}

#[test]
fn too_small_says_so() {
    let a = embedded(Lang::En, 19, 4);
    assert!(screen(&render(&a)).contains("Terminal to"));
    let a = embedded(Lang::Zh, 12, 4);
    assert!(screen(&render(&a)).contains("窗口太小"));
}

#[test]
fn hostile_text_never_reaches_the_buffer_as_controls() {
    let json = r#"{"schema":1,"title":"\u001b]0;pwned\u0007标题\u001b[31m红","items":[
        {"number":1,"label":"一、","title":"\u001b]2;x\u001b\\节","text":"节","children":[
        {"number":1,"label":"（一）","title":"措施\u009b2J","text":"措施。\u001b[2J正文\u202e反转\t制表","agencies":["部\u001b[5m门"]}]}]}"#;
    let doc = zhengce::doc::Document::from_json(json).unwrap();
    let mut a = app(doc, Lang::Zh, 100, 20);
    for _ in 0..3 {
        let t = render(&a);
        for c in t.backend().buffer().content() {
            assert!(
                !c.symbol()
                    .chars()
                    .any(|ch| ch.is_control() || ch == '\u{202e}'),
                "{:?}",
                c.symbol()
            );
        }
        let s = screen(&t);
        assert!(
            !s.contains("pwned") && !s.contains("[31m") && !s.contains("2J"),
            "{s}"
        );
        press(&mut a, KeyCode::Char('j'));
    }
}
