//! Wide-ambiguous mode (issue 10, point 4) on the whole browser: frames drawn
//! through `view::draw` are replayed the way ratatui's diff sends them to a
//! terminal that draws East Asian ambiguous-width characters (“ ” … ─ │) two
//! cells wide. Every glyph must land in the column the buffer has it in.
//! One test in this binary: the wide setting of `text` is process-wide.

mod tui_support;

use crossterm::event::KeyCode;
use ratatui::buffer::{Buffer, CellDiffOption};
use tui_support::*;
use unicode_width::UnicodeWidthStr;
use zhengce::tui::Lang;
use zhengce::tui::ambiguous::Widths;
use zhengce::tui::app::App;

/// Cells drawn where a CJK-width terminal would not put them: (x, y, symbol).
fn misplaced(buf: &Buffer) -> Vec<(u16, u16, String)> {
    let a = buf.area;
    let mut bad = Vec::new();
    for y in a.top()..a.bottom() {
        let mut col = 0usize;
        let mut last: Option<u16> = None;
        let mut x = a.left();
        while x < a.right() {
            let cell = &buf[(x, y)];
            if cell.diff_option == CellDiffOption::Skip {
                x += 1;
                continue;
            }
            // The backend moves the cursor unless this cell follows the last one sent.
            if last.is_none_or(|l| l + 1 != x) {
                col = x as usize;
            }
            let sym = cell.symbol();
            if col != x as usize {
                bad.push((x, y, sym.to_string()));
            }
            col += sym.width_cjk().max(1);
            let step = match cell.diff_option {
                CellDiffOption::ForcedWidth(n) => n.get(),
                _ => sym.width().max(1) as u16,
            };
            last = Some(x + step - 1);
            x += step;
        }
        if col > a.right() as usize {
            bad.push((a.right(), y, "past the edge".into()));
        }
    }
    bad
}

type Setup = fn(&mut App);

fn screens() -> Vec<(&'static str, Setup)> {
    vec![
        ("tree", |_| {}),
        ("measure", |a| {
            typ(a, ":12");
            press(a, KeyCode::Enter);
        }),
        ("names", |a| {
            typ(a, ":12");
            press(a, KeyCode::Enter);
            press(a, KeyCode::Char('e'));
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
fn the_browser_stays_aligned_when_ambiguous_characters_are_wide() {
    let sizes = [(160, 45), (120, 40), (80, 24), (60, 20), (41, 12), (20, 6)];
    // Narrow drawing in a wide terminal falls apart (the test can fail).
    let mut broken = 0;
    for (w, h) in sizes {
        for (_, setup) in screens() {
            let mut a = embedded(Lang::Zh, w, h);
            setup(&mut a);
            broken += misplaced(render(&a).backend().buffer()).len();
        }
    }
    assert!(
        broken > 100,
        "narrow frames should misplace cells: {broken}"
    );
    // Wide mode: as the browser sets it after the probe.
    zhengce::text::set_ambiguous_wide(true);
    // Snippets and cuts take the ellipsis's width without measuring it.
    assert_eq!(zhengce::text::ellipsis_width(), 2);
    assert_eq!(zhengce::text::width(zhengce::text::ELLIPSIS), 2);
    for (w, h) in sizes {
        for (name, setup) in screens() {
            for lang in [Lang::Zh, Lang::En] {
                let mut a = embedded(lang, w, h);
                a.set_widths(Widths::WIDE);
                setup(&mut a);
                let t = render(&a);
                let bad = misplaced(t.backend().buffer());
                assert!(
                    bad.is_empty(),
                    "{name} {w}x{h} {lang:?}: {:?}\n{}",
                    &bad[..bad.len().min(8)],
                    screen(&t)
                );
                // The directory title survives whole ("目录" never shows as "录").
                if name == "tree" && lang == Lang::Zh && w >= 41 {
                    assert!(screen(&t).contains("目录"), "{}", screen(&t));
                }
            }
        }
    }
    zhengce::text::set_ambiguous_wide(false);
    assert_eq!(zhengce::text::ellipsis_width(), 1);
    assert_eq!(zhengce::text::width(zhengce::text::ELLIPSIS), 1);
}
