//! Startup and redraw cost: load the embedded document, build the state
//! (search index included), draw the first frame into a TestBackend; and one
//! keystroke's update plus redraw.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use zhengce::doc::Document;
use zhengce::search::replicate;
use zhengce::tui::Lang;
use zhengce::tui::app::App;
use zhengce::tui::{keymap, view};

fn first_frame(c: &mut Criterion) {
    c.bench_function("first frame (load + index + draw, 120x40)", |b| {
        b.iter(|| {
            let doc = Document::embedded();
            let app = App::new(doc, Lang::Zh, false, 120, 40);
            let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
            t.draw(|f| view::draw(&app, f)).unwrap();
            black_box(t.backend().buffer().area);
        })
    });
}

fn keystroke(c: &mut Criterion) {
    let mut app = App::new(Document::embedded(), Lang::Zh, false, 120, 40);
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| view::draw(&app, f)).unwrap();
    let mut down = true;
    c.bench_function("keystroke redraw (j/k in the tree, 120x40)", |b| {
        b.iter(|| {
            let code = if down {
                KeyCode::Char('j')
            } else {
                KeyCode::Char('k')
            };
            down = !down;
            let a = keymap::key(app.mode(), &KeyEvent::new(code, KeyModifiers::NONE));
            app.update(a);
            t.draw(|f| view::draw(&app, f)).unwrap();
        })
    });
    let mut app = App::new(Document::embedded(), Lang::Zh, false, 120, 40);
    app.update(zhengce::tui::app::Action::StartSearch);
    c.bench_function("keystroke redraw (typing in the search bar, 120x40)", |b| {
        b.iter(|| {
            for ch in ['融', '资'] {
                let a = keymap::key(
                    app.mode(),
                    &KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE),
                );
                app.update(a);
                t.draw(|f| view::draw(&app, f)).unwrap();
            }
            for _ in 0..2 {
                let a = keymap::key(
                    app.mode(),
                    &KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
                );
                app.update(a);
                t.draw(|f| view::draw(&app, f)).unwrap();
            }
        })
    });
}

/// The first frame on large documents: state (outline, search index,
/// agency index) and a 120x40 draw from a parsed document. Linear in the
/// item count: 300 / 1,000 / 3,000 copies of the embedded document (13.5k /
/// 45k / 135k items) and 200k items.
fn first_frame_at_scale(c: &mut Criterion) {
    let doc = Document::embedded();
    let per_copy = zhengce::doc::outline::Outline::new(&doc).len() - 1;
    let mut g = c.benchmark_group("first frame at scale (state + draw, 120x40)");
    g.sample_size(10);
    for copies in [300, 1000, 3000, 200_000 / per_copy + 1] {
        let big = replicate(&doc, copies);
        g.bench_function(format!("{copies} copies"), |b| {
            b.iter_batched(
                || big.clone(),
                |d| {
                    let app = App::new(d, Lang::Zh, false, 120, 40);
                    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
                    t.draw(|f| view::draw(&app, f)).unwrap();
                    black_box(t.backend().buffer().area);
                    app
                },
                BatchSize::LargeInput,
            )
        });
        // When the search index, built in the background, is ready.
        g.bench_function(format!("{copies} copies, index ready"), |b| {
            b.iter_batched(
                || big.clone(),
                |d| {
                    let app = App::new(d, Lang::Zh, false, 120, 40);
                    app.finder().wait();
                    app
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

/// One measure naming 100k distinct agencies: the agency index and the
/// outline stay linear in the names.
fn many_agencies(c: &mut Criterion) {
    let mut doc = Document::embedded();
    doc.items[0].children[0].agencies = (0..100_000).map(|i| format!("部门{i}")).collect();
    let mut g = c.benchmark_group("100k agencies in one measure");
    g.sample_size(10);
    g.bench_function("first frame (state + draw, 120x40)", |b| {
        b.iter_batched(
            || doc.clone(),
            |d| {
                let app = App::new(d, Lang::Zh, false, 120, 40);
                let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
                t.draw(|f| view::draw(&app, f)).unwrap();
                app
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("zhengce outline (text)", |b| {
        b.iter(|| black_box(zhengce::cli::outline_text(&doc).len()))
    });
    g.bench_function("zhengce agencies (text)", |b| {
        b.iter(|| black_box(zhengce::cli::agencies_text(&doc).len()))
    });
    g.finish();
}

/// Typing in the search bar on 1,000 copies (45k items): one keystroke is
/// an update (the search) plus a 120x40 redraw. Each iteration types one
/// character onto a prefix and deletes it again: two keystrokes.
fn typing_at_scale(c: &mut Criterion) {
    let big = replicate(&Document::embedded(), 1000);
    let mut app = App::new(big, Lang::Zh, false, 120, 40);
    app.finder().wait();
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut press = |app: &mut App, code: KeyCode| {
        let a = keymap::key(app.mode(), &KeyEvent::new(code, KeyModifiers::NONE));
        app.update(a);
        t.draw(|f| view::draw(app, f)).unwrap();
    };
    press(&mut app, KeyCode::Char('/'));
    let mut g = c.benchmark_group("typing at 1000 copies (type + delete)");
    g.sample_size(10);
    for query in ["zscq", "融资担保", "12366"] {
        let chars: Vec<char> = query.chars().collect();
        for n in 0..chars.len() {
            // The prefix is typed already; add one character, remove it.
            let prefix: String = chars[..n].iter().collect();
            g.bench_function(format!("{prefix}+{}", chars[n]), |b| {
                b.iter(|| {
                    press(&mut app, KeyCode::Char(chars[n]));
                    press(&mut app, KeyCode::Backspace);
                })
            });
            press(&mut app, KeyCode::Char(chars[n]));
        }
        for _ in 0..chars.len() {
            press(&mut app, KeyCode::Backspace);
        }
    }
    g.finish();
}

criterion_group!(
    benches,
    first_frame,
    keystroke,
    first_frame_at_scale,
    many_agencies,
    typing_at_scale
);
criterion_main!(benches);
